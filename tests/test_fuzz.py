"""Fuzzing: random valid cases and randomly broken case files.

A short run of each property is part of every test run. The long run is asked for:

    pytest -m fuzz -p no:cacheprovider -s

It tries ``EFTGRAPH_FUZZ_EXAMPLES`` inputs per property (100 000 by default) and prints
how many it tried and how many failed.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eftgraph import Case, CaseFileError, anonymize, dumps, load, loads, render, to_dot
from eftgraph.errors import EftgraphError, Problem
from tests.strategies import cases, mutated_files, name_leaks, real_named_cases, unicode_texts

FORMATS = ("yaml", "json", "toml")
T = TypeVar("T")

LONG = int(os.environ.get("EFTGRAPH_FUZZ_EXAMPLES", "100000"))
"""Inputs per property in the long run."""

LONG_RUN = settings(
    max_examples=LONG,
    derandomize=False,  # every long run explores new inputs, whatever profile the test run loaded
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    print_blob=True,
)


# --------------------------------------------------------------------------- broken files


def refuse_or_accept(data: bytes, fmt: str) -> str:
    """Load a mutated file: a case or a [`CaseFileError`][eftgraph.CaseFileError], nothing else.

    A refusal lists at least one problem, each of which prints; an accepted file round-trips.
    """
    refusal: CaseFileError | None = None
    try:
        case = loads(data, fmt)
    except CaseFileError as error:
        refusal = error
    if refusal is not None:
        assert refusal.problems
        assert all(str(problem) for problem in refusal.problems)
        assert len(refusal.problems) <= 51
        assert_placed_in(file_text(data), refusal.problems)
        outcome = "refused"
    else:
        assert loads(dumps(case, fmt), fmt) == case
        outcome = "accepted"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return outcome
    try:  # the same text given as str is judged the same way
        again = "accepted" if loads(text, fmt) is not None else "refused"
    except CaseFileError:
        again = "refused"
    assert again == outcome or text.startswith("\ufeff")
    return outcome


def assert_placed_in(text: str, problems: Sequence[Problem]) -> None:
    """Every problem's line and column are in *text*, counted as an editor counts (at newlines)."""
    lines = text.split("\n")
    for problem in problems:
        if problem.line is not None:
            assert 1 <= problem.line <= len(lines), (problem, len(lines))
            if problem.column is not None:
                assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem


def file_text(data: bytes) -> str:
    """The text of *data* as the loader counts its places (bytes, where it is not UTF-8)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sample=mutated_files())
def test_the_loader_raises_nothing_but_case_file_error(sample: tuple[bytes, str]) -> None:
    refuse_or_accept(*sample)


def judge_text(text: str, fmt: str) -> str:
    """Load Python text (which may hold anything, lone surrogates too): a case or a refusal."""
    try:
        case = loads(text, fmt)
    except CaseFileError as error:
        assert_placed_in(text, error.problems)
        return "refused"
    assert loads(dumps(case, fmt), fmt) == case
    return "accepted"


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(sample=unicode_texts())
def test_any_text_raises_nothing_but_case_file_error(sample: tuple[str, str]) -> None:
    judge_text(*sample)


@given(text=st.text(), fmt=st.sampled_from(FORMATS))
def test_arbitrary_text_raises_nothing_but_case_file_error(text: str, fmt: str) -> None:
    judge_text(text, fmt)


# --------------------------------------------------------------------------- valid cases


def figures(case: Case) -> list[str]:
    """The DOT text of every figure of *case*."""
    made = []
    for domain in case.domains:
        for highlight in (None, "strongest"):
            made.append(to_dot(case, domain=domain, highlight=highlight).source)
    if len(case.domains) > 1:
        made.append(to_dot(case, view="compare").source)
    return made


def valid_case_holds(case: Case) -> None:
    """Round-trip and determinism in every format; figures without a crash, the same each time."""
    for fmt in FORMATS:
        text = dumps(case, fmt)
        again = loads(text, fmt)
        assert again == case
        assert dumps(again, fmt) == text  # the same text from an equal case
    drawn = figures(case)
    if drawn:
        assert to_dot(case).source == drawn[0]  # the same figure the second time
    anonymous, _ = anonymize(case)
    assert anonymize(anonymous)[0] == anonymous


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=cases())
def test_valid_cases_round_trip_and_draw(case: Case) -> None:
    valid_case_holds(case)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), suffix=st.sampled_from([".svg", ".dot"]))
def test_generated_cases_render(case: Case, suffix: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    if not case.domains:
        with pytest.raises(EftgraphError, match="has no elements to draw"):
            to_dot(case)
        return
    target = tmp_path_factory.mktemp("render") / f"case{suffix}"
    render(case, target, highlight="strongest")
    data = target.read_bytes()
    assert data.startswith(b"digraph") if suffix == ".dot" else b"</svg>" in data


# --------------------------------------------------------------------------- names, exports, special files


def names_are_gone(named: tuple[Case, list[str]]) -> None:
    """No word of a real-world name survives anonymisation in any output of the library."""
    from tests.test_anonymize_names import library_outputs

    case, names = named
    anonymous, _ = anonymize(case)
    for what, output in library_outputs(anonymous).items():
        assert not name_leaks(output, names), (what, names)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(named=real_named_cases())
def test_names_in_every_form_are_gone(named: tuple[Case, list[str]]) -> None:
    names_are_gone(named)


def exports_are_readable(case: Case) -> None:
    """Every export is read back by its reader, whatever the labels hold (control characters too)."""
    import io
    import json

    import networkx as nx

    from eftgraph.figures.exports import export

    graph = nx.read_graphml(io.BytesIO(export(case, "graphml").encode("utf-8")))
    assert set(graph.nodes) == {e.id for e in case.elements}
    data = json.loads(export(case, "json"))
    assert set(nx.node_link_graph(data, edges="edges").nodes) == {e.id for e in case.elements}
    mermaid = export(case, "mermaid")
    assert not [c for c in mermaid if ord(c) < 32 and c != "\n"]  # one statement a line, nothing hidden
    dot = export(case, "dot")
    assert "\x00" not in dot and dot.startswith("digraph") and dot.endswith("}\n")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=cases())
def test_every_export_is_readable_for_every_label(case: Case) -> None:
    exports_are_readable(case)


SPECIAL = ("fifo", "folder", "loop", "dangling", "fifo-link", "folder-link")
SUFFIXES = (".yaml", ".json", ".toml", ".yml")


def special_file_is_refused(kind: str, suffix: str) -> str:
    """A path that is not a regular file is refused by `load` at once, with a plain message."""
    import tempfile
    import time

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"case{suffix}")
        target = Path(folder, f"target{suffix}")
        if kind.startswith("fifo"):
            if not hasattr(os, "mkfifo"):
                return "skipped"
            os.mkfifo(target if kind == "fifo-link" else path)
        elif kind.startswith("folder"):
            (target if kind == "folder-link" else path).mkdir()
        elif kind == "loop":
            path.symlink_to(target)
            target.symlink_to(path)
        if kind == "dangling" or kind.endswith("-link"):
            path.symlink_to(target)
        start = time.monotonic()
        try:
            load(path)
        except CaseFileError as error:
            assert error.problems and error.problems[0].file == str(path)  # noqa: PT017
            assert "Traceback" not in str(error)  # noqa: PT017
        else:  # pragma: no cover - the assertion below fails
            raise AssertionError(f"{kind} was loaded")
        assert time.monotonic() - start < 5
    return kind


@settings(max_examples=30, deadline=None)
@given(kind=st.sampled_from(SPECIAL), suffix=st.sampled_from(SUFFIXES))
def test_non_regular_files_are_refused(kind: str, suffix: str) -> None:
    special_file_is_refused(kind, suffix)


# --------------------------------------------------------------------------- the long run


def long_run(
    capsys: pytest.CaptureFixture[str], what: str, inputs: st.SearchStrategy[T], judge: Callable[[T], str]
) -> None:
    """Try ``EFTGRAPH_FUZZ_EXAMPLES`` *inputs*; *judge* checks each and names its outcome; report the counts."""
    outcomes: Counter[str] = Counter()

    @LONG_RUN
    @given(sample=inputs)
    def property(sample: T) -> None:
        outcomes[judge(sample)] += 1

    property()
    report(capsys, what, outcomes)


@pytest.mark.fuzz
def test_long_run_broken_files(capsys: pytest.CaptureFixture[str]) -> None:
    long_run(capsys, "broken files", mutated_files(), lambda sample: refuse_or_accept(*sample))


@pytest.mark.fuzz
def test_long_run_unicode_texts(capsys: pytest.CaptureFixture[str]) -> None:
    long_run(capsys, "texts with any characters", unicode_texts(), lambda sample: judge_text(*sample))


@pytest.mark.fuzz
def test_long_run_valid_cases(capsys: pytest.CaptureFixture[str]) -> None:
    long_run(capsys, "valid cases", cases(), lambda case: outcome(valid_case_holds, case, "held"))


@pytest.mark.fuzz
def test_long_run_real_names(capsys: pytest.CaptureFixture[str]) -> None:
    long_run(capsys, "real names", real_named_cases(), lambda named: outcome(names_are_gone, named, "gone"))


@pytest.mark.fuzz
def test_long_run_exports(capsys: pytest.CaptureFixture[str]) -> None:
    long_run(capsys, "exports", cases(), lambda case: outcome(exports_are_readable, case, "read back"))


@pytest.mark.fuzz
def test_long_run_special_files(capsys: pytest.CaptureFixture[str]) -> None:
    long_run(
        capsys,
        "special files",
        st.tuples(st.sampled_from(SPECIAL), st.sampled_from(SUFFIXES)),
        lambda sample: special_file_is_refused(*sample),
    )


def outcome(check: Callable[[T], None], sample: T, name: str) -> str:
    """*name*, once *check* of *sample* has passed (it raises when it does not)."""
    check(sample)
    return name


def report(capsys: pytest.CaptureFixture[str], what: str, outcomes: Counter[str]) -> None:
    """Print the counts of one long run; append them to ``$EFTGRAPH_FUZZ_REPORT/fuzz-report.txt`` when set."""
    tried = sum(outcomes.values())
    counts = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
    line = f"fuzz {what}: {tried} inputs tried, failures: 0 ({counts})"
    with capsys.disabled():
        print(f"\n{line}")
    folder = os.environ.get("EFTGRAPH_FUZZ_REPORT")
    if folder is not None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with open(Path(folder, "fuzz-report.txt"), "a", encoding="utf-8") as stream:
            stream.write(line + "\n")
    assert tried > 0

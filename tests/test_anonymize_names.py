"""Anonymisation holds for real-world names: no written form of a name survives in any output.

The names are generated as therapists type them (surname first, nicknames in brackets or
quotes, particles, apostrophes, diacritics) and written into labels in every form of the name
model: surname first, nickname, initial with surname, apostrophe part, without diacritics,
German ``oe``, any capitals, an invisible character inside, e-mail addresses, handles,
hashtags and ids built from the name. Every output is searched for every word of the names.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eftgraph import (
    Case,
    Element,
    Link,
    Partner,
    anonymize,
    describe,
    domain_comparison,
    dumps,
    loops,
    table,
    to_dot,
)
from eftgraph._anonymize_replace import TextReplacer
from eftgraph._anonymize_words import Word
from eftgraph._table import CASE_COLUMNS, to_csv
from eftgraph.cli import main
from eftgraph.figures.exports import EXPORT_FORMATS, export
from tests.strategies import name_leaks, real_named_cases


def library_outputs(case: Case) -> dict[str, str]:
    """Every text the library makes of *case*: case files, figures, exports, table, narratives."""
    outputs = {fmt: dumps(case, fmt) for fmt in ("yaml", "json", "toml")}
    outputs |= {f"export {fmt}": export(case, fmt) for fmt in EXPORT_FORMATS}
    outputs["table"] = to_csv(table(case), CASE_COLUMNS)
    outputs["describe"] = describe(case)
    outputs["loops"] = "\n".join(describe(loop) for loop in loops(case, limit=200))
    for domain in case.domains:
        outputs[f"figure {domain}"] = to_dot(case, domain=domain, highlight="strongest").source
    if len(case.domains) > 1:
        outputs["compare"] = describe(domain_comparison(case, *case.domains[:2]))
        outputs["figure compare"] = to_dot(case, view="compare").source
    return outputs


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(named=real_named_cases())
def test_no_form_of_a_real_name_survives_in_any_output(named: tuple[Case, list[str]]) -> None:
    case, names = named
    assert name_leaks(dumps(case, "yaml"), names)  # the search finds the names before (it can fail)
    anonymous, _ = anonymize(case)
    for what, output in library_outputs(anonymous).items():
        assert not name_leaks(output, names), (what, names, output)


def run(*args: str) -> str:
    """What ``eftgraph ARGS`` prints on standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    assert status == 0, err.getvalue()
    return out.getvalue() + err.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(named=real_named_cases())
def test_no_form_survives_in_what_the_commands_print_and_write(named: tuple[Case, list[str]]) -> None:
    case, names = named
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.yaml"), Path(folder, "case.yaml")
        source.write_text(dumps(case, "yaml"), encoding="utf-8")
        run("anonymize", str(source), "-o", str(target))
        outputs = {"case": target.read_text(encoding="utf-8")}
        for command in (["check"], ["describe"], ["loops"], ["table", "-o", "-"]):
            outputs[command[0]] = run(command[0], str(target), *command[1:])
        if len(case.domains) > 1:
            outputs["compare"] = run("compare", str(target), *case.domains[:2])
        for fmt in ("graphml", "json", "mermaid", "dot"):
            out = Path(folder, f"case.{fmt}")
            run("export", str(target), "--to", fmt, "-o", str(out))
            outputs[fmt] = out.read_text(encoding="utf-8")
        if case.domains:
            svg = Path(folder, "case.svg")
            run("render", str(target), "-o", str(svg))
            outputs["svg"] = svg.read_text(encoding="utf-8")
    for what, output in outputs.items():
        assert not name_leaks(output, names), (what, names, output)


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        (
            "Mary O’Neill",
            "O'Neill cries; Neill leaves; ONeill",
            "Partner A cries; Partner A leaves; Partner A",
        ),
        ("Raj D’Souza", "D'Souza and Souza's", "Partner A and Partner A's"),
        (
            "Raj D´Souza",
            "D'Souza, D´Souza, D’Souza and Souza´s",
            "Partner A, Partner A, Partner A and Partner A’s",
        ),
        ("de Jong, Piet", "Piet de Jong, de Jong and P. de Jong", "Partner A, Partner A and Partner A"),
        ("Chloë van den Berg", "Van den Berg; Chloe; van den berg", "Partner A; Partner A; Partner A"),
        ("Björn Ås", "Bjoern and Bjorn", "Partner A and Partner A"),
        ("Wilhelmina (Mien) Bakker", "Mien, Wil\u00adhelmina", "Partner A, Partner A"),
        ("Robert 'Bob' Visser", "Bob goes quiet", "Partner A goes quiet"),
        ("Bas", "Bas goes quiet; Basis stays", "Partner A goes quiet; Basis stays"),
        ("Rose", "Rose rose; Roosevelt; Ro\u200bse", "Partner A Partner A; Roosevelt; Partner A"),
        # other accents than the name's own, as people (or an autocorrect) put them
        (
            "Zoë de Jong",
            "Zoé, ZOÈ, \U0004fb79ZØÈ, Zoe\u0301 and Jöng; Zoëlla stays",
            "Partner A, Partner A, \U0004fb79Partner A, Partner A and Partner A; Zoëlla stays",
        ),
        ("Björn Ås", "Bjørn, BJÖRN and Ås's", "Partner A, Partner A and Partner A's"),
        ("Søren Kierkegaard", "Sören and Soren; Sorenson stays", "Partner A and Partner A; Sorenson stays"),
        (
            "Piet de Jong",
            "pdejong71@mail.nl @pdejong #PietEnChloe #boos",
            "[e-mail] [handle] [hashtag] #boos",
        ),
    ],
)
def test_the_forms_of_the_issue(name: str, label: str, expected: str) -> None:
    case = Case(id="x", partners=[Partner("p", name)], elements=[Element("e", "fear", label, partner="p")])
    assert anonymize(case)[0].elements[0].label == expected


def test_a_name_of_an_accent_alone_is_still_a_case_that_anonymises() -> None:
    """Found by the long fuzz run: a name that folds to nothing once its accent is taken off."""
    a, b = (
        Element("everyday.a.behavior", "behavior", "0", partner="a"),
        Element("everyday.b.behavior", "behavior", "\x1b ´ x", partner="b"),
    )
    case = Case(
        id="a",
        partners=[Partner("a", "0"), Partner("b", "´")],
        elements=[a, b],
        links=[Link(a.id, b.id), Link(b.id, a.id)],
    )
    anonymous, mapping = anonymize(case)
    assert [e.label for e in anonymous.elements] == ["Partner A", "\x1b Partner B x"]
    assert mapping["´"] == "Partner B"
    assert anonymize(anonymous)[0] == anonymous


def test_a_name_glued_to_an_at_sign_anonymises_the_same_twice() -> None:
    """Found by the long fuzz run: ``0@1`` became ``[X1]@1``, and anonymising that again made a handle."""
    elements = [
        Element("everyday.a.behavior", "behavior", "0", partner="a"),
        Element("everyday.b.behavior", "behavior", "0@1", partner="b"),
    ]
    case = Case(id="a", partners=[Partner("a", "0"), Partner("b", "0")], elements=elements)
    anonymous, _ = anonymize(case)
    assert [e.label for e in anonymous.elements] == ["[X1]", "[X1][handle]"]
    assert anonymize(anonymous)[0] == anonymous


_PIECES = [
    "Piet",
    "PIET",
    "’t Hart",
    "Hart",
    "Jong",
    "@",
    "#",
    "x",
    "1",
    "[",
    "]",
    " ",
    ".",
    "'",
    "-",
    "@x.nl",
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=12),
    replacement=st.sampled_from(["[X1]", "Partner A", "(P)", "Sanne @ home"]),
)
def test_replacing_again_changes_nothing(pieces: list[str], replacement: str) -> None:
    """A replaced text is replaced no further: names next to ``@`` and ``#``, replacements of every shape."""
    words = [Word(w, replacement) for w in ("Piet", "’t Hart", "Hart", "de Jong", "Jong")]
    replacer = TextReplacer(words)
    once = replacer.replace("".join(pieces))
    assert replacer.replace(once) == once


def test_ids_lose_the_compact_forms() -> None:
    case = Case(
        id="pdejong71",
        partners=[Partner("p", "Piet de Jong"), Partner("c", "Chloë van den Berg")],
        elements=[
            Element("chloevdb-fear", "fear", "x", partner="c"),
            Element("dejongpiet2", "need", "y", partner="p"),
        ],
    )
    anonymous = anonymize(case)[0]
    assert anonymous.id == "partner-a-71"
    assert sorted(e.id for e in anonymous.elements) == ["partner-a-2", "partner-b-fear"]

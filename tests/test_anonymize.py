"""Anonymisation: no name survives in any text, id, file or figure; the case keeps its shape."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from eftgraph import (
    AnonymizationError,
    Case,
    Concern,
    Element,
    Link,
    Partner,
    anonymize,
    dumps,
    load,
    render,
    to_dot,
)
from eftgraph.cli import main
from eftgraph.figures import _render as render_module
from tests.strategies import named_cases

EXAMPLES = sorted(Path("examples").glob("*.yaml"))
IDENTIFIERS = {"family-morgan.yaml": ["Morgan"]}
"""Words besides the partners' names that identify an example's people."""


def texts_of(case: Case) -> list[str]:
    """Every text and id of a case, as a reader or a figure could show it."""
    found = [case.id, case.title or "", *case.domains]
    found += [p.id for p in case.partners] + [p.name for p in case.partners]
    found += [e.id for e in case.elements] + [e.label for e in case.elements]
    found += [link.label or "" for link in case.links] + [c.label for c in case.concerns]
    return found


def shape(case: Case) -> tuple[Any, ...]:
    """What anonymisation must keep: the graph up to renaming, positions, pronouns, language."""
    import networkx as nx

    partner = {p.id: i for i, p in enumerate(case.partners)}
    domain = {d: i for i, d in enumerate(case.domains)}
    graph = nx.DiGraph()
    for e in case.elements:
        graph.add_node(e.id, at=(e.kind, e.stance, partner.get(e.partner or ""), domain[e.domain]))
    for link in case.links:
        graph.add_edge(link.source, link.target, at=(link.sign, link.label is None))
    return (
        Graph(graph),
        case.language,
        sorted((c.kind, partner.get(c.partner or "", -1)) for c in case.concerns),
        [(domain[d.domain], partner[d.partner], d.position) for d in case.declared_positions],
        [p.pronoun for p in case.partners],
    )


class Graph:
    """A graph compared by isomorphism, node and edge attributes ``at`` included."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def __eq__(self, other: object) -> bool:
        import networkx as nx

        same = lambda a, b: a["at"] == b["at"]  # noqa: E731
        return isinstance(other, Graph) and bool(
            nx.is_isomorphic(self.graph, other.graph, node_match=same, edge_match=same)
        )

    __hash__ = None  # type: ignore[assignment]


def figures(case: Case) -> list[tuple[str, str]]:
    """The DOT text of every figure of *case*: each domain's cycle (strongest loop highlighted), the comparison."""
    if not case.domains:
        return []
    made = [(f"cycle {d}", to_dot(case, domain=d, highlight="strongest").source) for d in case.domains]
    if len(case.domains) > 1:
        made.append(("compare", to_dot(case, view="compare").source))
    return made


# --------------------------------------------------------------------------- the examples


def removed_words(example: Path) -> list[str]:
    """The partners' names of an example plus the identifiers it needs removed."""
    return [p.name for p in load(example).partners] + IDENTIFIERS.get(example.name, [])


def leaks(words: list[str], text: str) -> list[str]:
    """The words found in *text* as whole words, any case, possessives included."""
    return [w for w in words if re.search(rf"\b{re.escape(w)}(?:['’]?s)?\b", text, re.IGNORECASE)]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_keeps_its_shape_and_loses_the_names(example: Path) -> None:
    case = load(example)
    words = removed_words(example)
    assert leaks(words, dumps(case))  # the check below can fail
    anonymous, _ = anonymize(case, identifiers=IDENTIFIERS.get(example.name, []))
    letters = "ABCDEFGH"[: len(case.partners)]
    assert [p.name for p in anonymous.partners] == [f"Partner {c}" for c in letters]
    assert [p.id for p in anonymous.partners] == [f"partner-{c.lower()}" for c in letters]
    assert shape(anonymous) == shape(case)
    for fmt in ("yaml", "json", "toml"):
        assert leaks(words, dumps(anonymous, fmt)) == [], fmt
    for text in texts_of(anonymous):
        assert leaks(words, text) == [], text


def test_the_worked_example_in_detail(nl_example: Path) -> None:
    case = load(nl_example)
    anonymous, mapping = anonymize(case)
    assert anonymous.title == "Partner A & Partner B"
    assert mapping == {
        "Janine": "Partner A",
        "Mathijs": "Partner B",
        "janine": "partner-a",
        "mathijs": "partner-b",
    }
    assert [e.label for e in anonymous.elements] == [e.label for e in case.elements]  # no name in them
    for fmt in ("yaml", "json", "toml"):
        text = dumps(anonymous, fmt).casefold()
        assert "janine" not in text and "mathijs" not in text
    # the sheets are still sheets: the slot ids follow the new partner ids
    assert "cycles:\n  everyday:\n    partner-a:\n" in dumps(anonymous)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_figures_hold_no_name(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = removed_words(example)
    case = load(example)
    assert all(leaks(words, dot) for _, dot in figures(case))  # the check below can fail
    anonymous, _ = anonymize(case, identifiers=IDENTIFIERS.get(example.name, []))
    for kind, dot in figures(anonymous):
        assert leaks(words, dot) == [], kind
    sources: list[str] = []
    real_pipe = render_module.pipe

    def pipe(source: str, format: str = "svg", **options: Any) -> bytes:
        sources.append(source)  # the DOT each file is made from, PNG included
        return real_pipe(source, format, **options)

    monkeypatch.setattr(render_module, "pipe", pipe)
    for suffix in (".dot", ".svg", ".png"):
        target = tmp_path / f"figure{suffix}"
        render(anonymous, target)
        assert leaks(words, target.read_bytes().decode("latin-1")) == [], suffix
    assert len(sources) == 3
    for source in sources:
        assert leaks(words, source) == []


def test_anonymising_twice_changes_nothing(en_example: Path) -> None:
    once, _ = anonymize(load(en_example))
    twice, mapping = anonymize(once)
    assert twice == once
    assert mapping == {"partner-a": "partner-a", "partner-b": "partner-b"}


def test_the_input_case_is_left_alone(en_example: Path) -> None:
    case = load(en_example)
    before = dumps(case)
    anonymize(case, identifiers=["coats"])
    assert dumps(case) == before


# --------------------------------------------------------------------------- words


def case_with(*labels: str, names: tuple[str, str] = ("Janine", "Mathijs")) -> Case:
    return Case(
        id="c",
        partners=[Partner("p", names[0]), Partner("q", names[1])],
        elements=[Element(f"e{i}", "need", label, partner="p") for i, label in enumerate(labels)],
    )


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Janine's coat", "Partner A's coat"),
        ("Janine’s coat", "Partner A’s coat"),
        ("Janines jas", "Partner A's jas"),  # Dutch genitive
        ("JANINE and janine", "Partner A and Partner A"),
        ("Mathijs' laptop", "Partner B' laptop"),
        ("'Janine', she said", "'Partner A', she said"),
        ("Janinesque, Januari, mathijsje", "Janinesque, Januari, mathijsje"),  # other words stay
        ("Janine-achtig", "Partner A-achtig"),
        ("tegen Mathijs: nee", "tegen Partner B: nee"),
    ],
)
def test_names_are_replaced_as_whole_words(label: str, expected: str) -> None:
    anonymous, _ = anonymize(case_with(label))
    assert anonymous.elements[0].label == expected


def test_decomposed_unicode_spellings_are_found() -> None:
    nfd = "Zo\u0065\u0308"  # Zoë with a combining diaeresis
    anonymous, mapping = anonymize(case_with(f"{nfd} and Zoë", names=("Zoë", "Bo")))
    assert anonymous.elements[0].label == "Partner A and Partner A"
    assert mapping["Zoë"] == "Partner A"
    assert anonymous.partners[0].id == "partner-a"


def test_full_names_their_parts_and_a_shared_surname() -> None:
    case = case_with(
        "Jan de Vries and Eva de Vries; the de Vries family; Vries; Jan; de kinderen",
        names=("Jan de Vries", "Eva de Vries"),
    )
    anonymous, mapping = anonymize(case)
    assert anonymous.elements[0].label == (
        "Partner A and Partner B; the [X1] family; [X1]; Partner A; de kinderen"
    )
    assert mapping["de Vries"] == mapping["Vries"] == "[X1]"
    assert "de" not in mapping  # a particle is ordinary Dutch


def test_identifiers_get_placeholders_or_the_given_replacement() -> None:
    case = case_with("Emma's school in Utrecht", "works at Philips")
    anonymous, mapping = anonymize(case, identifiers=["Emma", "Utrecht"])
    assert [e.label for e in anonymous.elements] == ["[X1]'s school in [X2]", "works at Philips"]
    assert mapping["Emma"] == "[X1]"
    chosen, mapping = anonymize(case, identifiers={"Philips": "a large employer", "utrecht": "the city"})
    assert [e.label for e in chosen.elements] == ["Emma's school in the city", "works at a large employer"]
    assert mapping["Philips"] == "a large employer"


def test_everything_is_covered_title_links_concerns_domains_and_ids() -> None:
    case = Case(
        id="janine-mathijs-2024",
        title="Janine & Mathijs (Utrecht)",
        partners=[Partner("janine", "Janine"), Partner("mathijs", "Mathijs")],
        elements=[
            Element("janine-coats", "trigger", "Mathijs dresses the girls", domain="utrecht-weekend"),
            Element(
                "utrecht-weekend.janine.behavior",
                "behavior",
                "Janine criticises",
                partner="janine",
                domain="utrecht-weekend",
            ),
        ],
        links=[Link("janine-coats", "utrecht-weekend.janine.behavior", label="Mathijs's fault, says Janine")],
        concerns=[Concern("Janine's pain", "dysfunction", "janine")],
    )
    anonymous, _ = anonymize(case, identifiers=["Utrecht"])
    assert anonymous.id == "partner-a-partner-b-2024"
    assert anonymous.title == "Partner A & Partner B ([X1])"
    assert anonymous.domains == ("x1-weekend",)
    assert sorted(e.id for e in anonymous.elements) == ["partner-a-coats", "x1-weekend.partner-a.behavior"]
    assert anonymous.links[0].label == "Partner B's fault, says Partner A"
    assert anonymous.concerns[0].label == "Partner A's pain"
    assert anonymous.concerns[0].partner == "partner-a"
    for text in texts_of(anonymous):
        assert not re.search("janine|mathijs|utrecht", text, re.IGNORECASE), text


def test_names_written_into_ids_any_way_are_removed() -> None:
    ids = [
        "janineCoats",
        "mathijslaptop",
        "janine2",
        "devrieshuis",
        "JANINE_note",
        "evening",
        "laptop-evening",
    ]
    case = Case(
        id="janineMathijs2024",
        partners=[Partner("janine", "Janine"), Partner("mathijs", "Mathijs de Vries")],
        elements=[Element(i, "need", "x", partner="janine") for i in ids],
    )
    anonymous, _ = anonymize(case)
    assert anonymous.id == "partner-a-partner-b-2024"
    assert sorted(e.id for e in anonymous.elements) == [
        "evening",
        "laptop-evening",
        "partner-a-2",
        "partner-a-Coats",
        "partner-a_note",
        "partner-b-huis",
        "partner-b-laptop",
    ]


def test_ids_that_would_collide_are_kept_apart() -> None:
    case = Case(
        id="c",
        partners=[Partner("p", "Janine"), Partner("q", "Bo")],
        elements=[
            Element("janine-note", "need", "x", partner="p"),
            Element("partner-a-note", "fear", "y", partner="p"),
        ],
        links=[Link("janine-note", "partner-a-note")],
    )
    anonymous, _ = anonymize(case)
    assert sorted(e.id for e in anonymous.elements) == ["partner-a-note", "partner-a-note-2"]
    assert len(anonymous.links) == 1


def test_pseudonyms() -> None:
    anonymous, mapping = anonymize(case_with("Janine and Mathijs"), pseudonyms={"p": "Sanne"})
    assert [p.name for p in anonymous.partners] == ["Sanne", "Partner B"]
    assert [p.id for p in anonymous.partners] == ["sanne", "partner-b"]
    assert anonymous.elements[0].label == "Sanne and Partner B"
    assert mapping["Janine"] == "Sanne"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"pseudonyms": {"x": "Sanne"}}, "a pseudonym for unknown partner 'x' (partners: p, q)"),
        ({"pseudonyms": {"p": " "}}, "the pseudonym for 'p' is empty"),
        ({"pseudonyms": {"p": "Partner B"}}, "two partners would get the same pseudonym"),
        ({"pseudonyms": {"p": "Mathijs"}}, "the replacement 'Mathijs' contains the removed word 'Mathijs'"),
        ({"identifiers": {"Emma": "Janine's daughter"}}, "contains the removed word 'Janine'"),
        (
            {"pseudonyms": {"p": "@sanne"}},
            "the replacement '@sanne' would itself be anonymised (to '[handle]')",
        ),
        ({"identifiers": {"Emma": "e@mail.nl"}}, "the replacement 'e@mail.nl' would itself be anonymised"),
        ({"identifiers": [""]}, "an identifier is empty"),
        ({"identifiers": "Emma"}, "identifiers must be a list of words, not one text"),
    ],
)
def test_what_cannot_be_anonymised_is_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(AnonymizationError, match=re.escape(message)):
        anonymize(case_with("Janine"), **options)


def test_more_partners_than_letters() -> None:
    partners = [Partner(f"p{i}", f"Naam{i}") for i in range(28)]
    anonymous, _ = anonymize(Case(id="many", partners=partners))
    assert [p.name for p in anonymous.partners][-3:] == ["Partner Z", "Partner AA", "Partner AB"]


# --------------------------------------------------------------------------- generated cases


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(named=named_cases())
def test_generated_cases_lose_every_name(named: tuple[Case, list[str]]) -> None:
    case, names = named
    anonymous, mapping = anonymize(case)
    assert shape(anonymous) == shape(case)
    outputs = [dumps(anonymous, fmt) for fmt in ("yaml", "json", "toml")]
    outputs += [dot for _, dot in figures(anonymous)]
    for output in outputs:
        folded = output.casefold()
        assert not [name for name in names if name.casefold() in folded]
    for name in names:
        assert mapping[name] in {p.name for p in anonymous.partners}


# --------------------------------------------------------------------------- the command


def test_cli_writes_an_anonymous_copy_and_the_mapping_apart(nl_example: Path, tmp_path: Path) -> None:
    out, key = tmp_path / "anon.yaml", tmp_path / "mapping.json"
    status = main(
        ["anonymize", str(nl_example), "-o", str(out), "--identifier", "jassen=kleren", "--mapping", str(key)]
    )
    assert status == 0
    text = out.read_text(encoding="utf-8")
    assert "janine" not in text.casefold() and "mathijs" not in text.casefold()
    assert 'de "verkeerde" kleren' in text
    assert not text.startswith("#")  # the input's comments (which name the couple) are not copied
    assert load(out) == anonymize(load(nl_example), identifiers={"jassen": "kleren"})[0]
    assert json.loads(key.read_text(encoding="utf-8"))["replacements"]["Janine"] == "Partner A"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anon.yaml", "mapping.json"]  # no temporary files


@pytest.mark.parametrize("fmt", ["json", "toml", "yml"])
def test_cli_output_format_follows_the_suffix(en_example: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"anon.{fmt}"
    assert main(["anonymize", str(en_example), "-o", str(out), "--pseudonym", "mathijs=Tom"]) == 0
    assert [p.name for p in load(out).partners] == ["Partner A", "Tom"]


def test_cli_never_writes_over_its_input(
    en_example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = tmp_path / "case.yaml"
    shutil.copy(en_example, original)
    before = original.read_bytes()
    link = tmp_path / "link.yaml"
    os.symlink(original, link)
    hard = tmp_path / "hard.yaml"
    os.link(original, hard)
    for target in (original, link, hard, tmp_path / "sub" / ".." / "case.yaml"):
        assert main(["anonymize", str(original), "-o", str(target)]) == 2
        assert "never writes over its input" in capsys.readouterr().err
    assert main(["anonymize", str(original), "-o", str(tmp_path / "a.yaml"), "--mapping", str(original)]) == 2
    assert original.read_bytes() == before
    assert not (tmp_path / "a.yaml").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "anon.txt"], "give the output a case-file suffix (.yaml, .yml, .json, .toml)"),
        (["-o", "anon.yaml", "--pseudonym", "janine"], "--pseudonym 'janine': expected ID=NAME"),
        (["-o", "anon.yaml", "--identifier", "=x"], "--identifier '=x': expected WORD or WORD=REPLACEMENT"),
        (
            ["-o", "anon.yaml", "--mapping", "anon.yaml"],
            "the mapping and the anonymised case must be different files",
        ),
    ],
)
def test_cli_usage_errors(
    en_example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    os.chdir(tmp_path)
    assert main(["anonymize", str(en_example), *extra]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_refused_pseudonym_is_failed_work(
    en_example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "anon.yaml"
    assert main(["anonymize", str(en_example), "-o", str(out), "--pseudonym", "janine=Mathijs"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"eftgraph: {en_example}: the replacement 'Mathijs' contains the removed word")
    assert not out.exists()


def test_cli_invalid_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}]\ncolour: red\n", encoding="utf-8")
    assert main(["anonymize", str(bad), "-o", str(tmp_path / "anon.yaml")]) == 1
    assert capsys.readouterr().err.startswith(f"{bad}:4:1: colour: unknown key 'colour'")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]

"""Exports: GraphML, node-link JSON, Mermaid and DOT data, each read back."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from eftgraph import Case, Element, FigureError, Link, Partner, load
from eftgraph.cli import main
from eftgraph.figures._render import find_embedded, find_system
from eftgraph.figures._text import words
from eftgraph.figures.exports import EXPORT_FORMATS, export, to_mermaid
from tests.figures_support import BOTH_RENDERERS

EXAMPLES = ["examples/janine-mathijs.yaml", "examples/janine-mathijs.en.yaml"]


def tricky() -> Case:
    """A case whose labels hold every character that needs escaping somewhere."""
    return Case(
        id="tricky",
        title='A "quoted" <title> & more',
        partners=[Partner("a", 'Ann "A" <x>'), Partner("b", "Bo\\B {y}")],
        elements=[
            Element("t", "trigger", 'coats; "wrong" #1 [a] {b} | c\\d <e> & `f`'),
            Element("a1", "behavior", "criticises -->", partner="a", stance="pursue"),
            Element("b1", "behavior", "שלום 😀 日本", partner="b", stance="withdraw"),
        ],
        links=[Link("t", "a1"), Link("a1", "b1", label="it's | <bad>"), Link("b1", "a1", sign="-")],
    )


def _without_none(data: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("case", [*(load(p) for p in EXAMPLES), tricky()], ids=["nl", "en", "tricky"])
def test_graphml_reads_back_with_networkx(case: Case) -> None:
    graph = nx.read_graphml(io.BytesIO(export(case, "graphml").encode("utf-8")))
    expected = case.to_networkx()
    assert list(graph.nodes) == list(expected.nodes)
    assert list(graph.edges) == list(expected.edges)
    for node, data in expected.nodes(data=True):
        assert graph.nodes[node] == _without_none(data)
    for a, b, data in expected.edges(data=True):
        assert graph.edges[a, b] == _without_none(data)
    assert graph.graph["case"] == case.id


@pytest.mark.parametrize("case", [*(load(p) for p in EXAMPLES), tricky()], ids=["nl", "en", "tricky"])
def test_json_reads_back_with_networkx(case: Case) -> None:
    data = json.loads(export(case, "json"))
    graph = nx.node_link_graph(data, edges="edges")
    expected = case.to_networkx()
    assert graph.is_directed()
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))
    assert {(a, b): d for a, b, d in graph.edges(data=True)} == {
        (a, b): d for a, b, d in expected.edges(data=True)
    }
    assert data["graph"] == {"case": case.id, "title": case.title, "language": case.language.value}


def _mermaid_unescape(text: str) -> list[str]:
    return [re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), line) for line in text.split("<br/>")]


@pytest.mark.parametrize("case", [*(load(p) for p in EXAMPLES), tricky()], ids=["nl", "en", "tricky"])
def test_mermaid_reads_back(case: Case) -> None:
    text = to_mermaid(case)
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    assert sum(line.strip().startswith("subgraph") for line in lines) == sum(
        line.strip() == "end" for line in lines
    )
    nodes = dict(re.findall(r'^\s+(n\d+)\["(.*)"\]$', text, re.M))
    for number, element in enumerate(case.elements):
        drawn = " ".join(_mermaid_unescape(nodes[f"n{number}"]))
        assert drawn.split(" ") == words(element.label)
        assert '"' not in nodes[f"n{number}"]
    index = {f"n{i}": e.id for i, e in enumerate(case.elements)}
    # A link up a partner's own column is written head first, without arrowhead.
    edges = [
        (a, label, b) if arrow.endswith(">") else (b, label, a)
        for a, label, arrow, b in re.findall(
            r"^\s+(n\d+) (?:--|-\.)?(?: \"(.*)\" )?(-->|\.->|-\.->|---|\.-|-\.-) (n\d+)$", text, re.M
        )
    ]
    assert len(edges) == len(case.links)
    assert {(index[a], index[b]) for a, _, b in edges} == {(link.source, link.target) for link in case.links}
    for a, label, b in edges:
        link = next(x for x in case.links if (x.source, x.target) == (index[a], index[b]))
        expected = (["−"] if link.sign.value == "-" else []) + (words(link.label) if link.label else [])
        assert " ".join(_mermaid_unescape(label)).split() == expected


@pytest.mark.parametrize("path", ["examples/janine-mathijs.yaml", "examples/family-morgan.yaml"])
def test_mermaid_stacks_each_partners_layers_in_their_own_subgraph(path: str) -> None:
    case = load(path)
    text = to_mermaid(case)
    ids = {f"n{i}": e for i, e in enumerate(case.elements)}
    # Which subgraph each node is declared in, and in what order the subgraphs come.
    where: dict[str, str] = {}
    stack: list[str] = []
    for line in text.splitlines():
        if opened := re.match(r"\s+subgraph (\w+)\[", line):
            stack.append(opened.group(1))
        elif line.strip() == "end":
            stack.pop()
        elif declared := re.match(r"\s+(n\d+)\[", line):
            where[declared.group(1)] = stack[-1]
    domains = {d: i for i, d in enumerate(case.domains)}
    partners: dict[str | None, int] = {p.id: i for i, p in enumerate(case.partners)}
    for node, element in ids.items():
        assert where[node] == f"d{domains[element.domain]}p{partners[element.partner]}"
    # Mermaid draws subgraphs right to left: declared last first, they read left to right.
    order = re.findall(r"subgraph (d\d+)p?(\d*)\[", text)
    assert [d for d, p in order if not p] == [f"d{i}" for i in reversed(range(len(case.domains)))]
    # Invisible links hold each column from the surface down; no drawn link points up a column.
    chain = re.findall(r"^  (n\d+) ~~~ (n\d+)$", text, re.M)
    assert chain and all(
        ids[a].partner == ids[b].partner and ids[a].kind.layer < ids[b].kind.layer for a, b in chain
    )
    drawn = re.findall(r"^  (n\d+) [-.=]*>? ?(?:\"[^\"]*\" [-.]+>? )?(n\d+)$", text, re.M)
    assert len(drawn) == len(case.links)
    for a, b in drawn:
        if ids[a].partner == ids[b].partner:
            assert ids[a].kind.layer <= ids[b].kind.layer, (ids[a].id, ids[b].id)
    assert "n5 --> n3" not in text and "  n3 --- n5" in text  # primary -> secondary, drawn upward


def test_mermaid_marks_the_waterline_and_dampening() -> None:
    text = to_mermaid(load("examples/janine-mathijs.en.yaml"))
    assert "classDef below" in text and "class n4,n5,n6" in text
    assert 'subgraph d0["everyday cycle"]' in text
    assert '-. "−" .->' in to_mermaid(tricky())
    assert 'subgraph d0["dagelijkse cirkel"]' in to_mermaid(
        load("examples/janine-mathijs.en.yaml"), language="nl"
    )


def _read_dot(program: str, text: str) -> dict[str, object]:
    done = subprocess.run([program, "-Tjson"], input=text.encode("utf-8"), capture_output=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("case", [*(load(p) for p in EXAMPLES), tricky()], ids=["nl", "en", "tricky"])
def test_dot_data_reads_back_with_graphviz(renderer: str, case: Case) -> None:
    program = find_system() if renderer == "system" else find_embedded()
    assert program is not None
    data = _read_dot(program, export(case, "dot"))
    objects = {o["name"]: o for o in data["objects"]}  # type: ignore[attr-defined]
    assert list(objects) == [e.id for e in case.elements]
    for element in case.elements:
        node = objects[element.id]
        assert node["label"].replace("\\\\", "\\") == element.label  # a label is an escString
        assert node["kind"] == element.kind.value
        assert node.get("partner") == element.partner
        assert node.get("stance") == (element.stance.value if element.stance else None)
    names = [e.id for e in case.elements]
    edges = {(names[e["tail"]], names[e["head"]]): e for e in data["edges"]}  # type: ignore[attr-defined]
    assert set(edges) == {(link.source, link.target) for link in case.links}
    for link in case.links:
        edge = edges[(link.source, link.target)]
        assert edge["sign"] == link.sign.value
        assert (edge.get("label") or None) == link.label


def test_unknown_export_format() -> None:
    with pytest.raises(FigureError, match="did you mean 'mermaid'"):
        export(tricky(), "mermad")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_cli_export_to_stdout_and_file(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = load("examples/janine-mathijs.yaml")
    assert main(["export", "examples/janine-mathijs.yaml", "--to", fmt]) == 0
    assert capsys.readouterr().out == export(case, fmt)
    target = tmp_path / f"case.{fmt}"
    assert main(["export", "examples/janine-mathijs.yaml", "--to", fmt, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == export(case, fmt)
    assert capsys.readouterr().out == f"wrote {target}\n"


def test_cli_export_refuses_the_input_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(Path("examples/janine-mathijs.yaml").read_bytes())
    assert main(["export", str(case), "--to", "json", "-o", str(case)]) == 2
    assert case.read_bytes() == Path("examples/janine-mathijs.yaml").read_bytes()
    assert "the output names an input file" in capsys.readouterr().err


def test_cli_export_bad_case_and_bad_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "missing.yaml"), "--to", "json"]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["export", "examples/janine-mathijs.yaml", "--to", "gexf"])
    assert caught.value.code == 2

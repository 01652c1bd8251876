"""The case graph for other tools: GraphML, node-link JSON, a Mermaid flowchart, or DOT.

Every export holds the whole case (all domains): nodes are elements with
``partner, domain, kind, stance, label``; edges are links with ``sign,
relation`` and ``label``. Unlike a figure (see [`to_dot`][eftgraph.to_dot]),
an export is data: a tool reads it back.

Examples
--------
>>> from eftgraph import load
>>> from eftgraph.figures.exports import export
>>> case = load("examples/janine-mathijs.en.yaml")
>>> print(export(case, "mermaid").splitlines()[0])
flowchart TB
>>> import json, networkx as nx
>>> graph = nx.node_link_graph(json.loads(export(case, "json")), edges="edges")
>>> graph.nodes["everyday.janine.behavior"]["stance"]
'pursue'
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Callable
from typing import Any

from eftgraph._model import Case, Element, ElementKind, Language, Link, Sign
from eftgraph._suggest import unknown
from eftgraph.errors import FigureError
from eftgraph.figures._options import figure_language
from eftgraph.figures._text import clean, wrap
from eftgraph.figures._words import Words

__all__ = ["EXPORT_FORMATS", "export", "to_dot_data", "to_graphml", "to_json", "to_mermaid"]


def _nodes_and_edges(case: Case) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    graph = case.to_networkx()
    nodes = [{"id": node, **data} for node, data in graph.nodes(data=True)]
    edges = [{"source": a, "target": b, **data} for a, b, data in graph.edges(data=True)]
    return nodes, edges


def _graph_data(case: Case) -> dict[str, Any]:
    return {"case": case.id, "title": case.title, "language": case.language.value}


def to_json(case: Case) -> str:
    """The case graph as node-link JSON (what ``networkx.node_link_graph(data, edges="edges")`` reads).

    Absent values (a trigger's partner, a perception's stance, a link without a
    label) are ``null``.

    Examples
    --------
    >>> from eftgraph import load
    >>> data = json.loads(to_json(load("examples/janine-mathijs.en.yaml")))
    >>> data["directed"], len(data["nodes"]), len(data["edges"])
    (True, 24, 24)
    """
    nodes, edges = _nodes_and_edges(case)
    document = {
        "directed": True,
        "multigraph": False,
        "graph": _graph_data(case),
        "nodes": nodes,
        "edges": edges,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_graphml(case: Case) -> str:
    """The case graph as GraphML (Gephi, Cytoscape, yEd; ``networkx.read_graphml``).

    GraphML has no null: an absent value is left out of its node or edge.

    Examples
    --------
    >>> from eftgraph import load
    >>> text = to_graphml(load("examples/janine-mathijs.en.yaml"))
    >>> text.startswith("<?xml")
    True
    """
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.graph.update({k: _xml(v) for k, v in _graph_data(case).items() if v is not None})
    nodes, edges = _nodes_and_edges(case)
    for node in nodes:
        graph.add_node(node["id"], **{k: _xml(v) for k, v in node.items() if k != "id" and v is not None})
    for edge in edges:
        data = {k: _xml(v) for k, v in edge.items() if k not in ("source", "target") and v is not None}
        graph.add_edge(edge["source"], edge["target"], **data)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, not even as a character reference."""


def _xml(value: Any) -> Any:
    r"""*value* as XML 1.0 can hold it: a control character becomes its visible escape (``\x1b``).

    >>> _xml("bell\x07 and esc\x1b"), _xml(3)
    ('bell\\x07 and esc\\x1b', 3)
    """
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", value
    )


def _dot_string(text: str) -> str:
    """*text* as a quoted DOT string; control characters (which Graphviz chokes on) as visible escapes."""
    return '"' + str(_xml(text)).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot_data(case: Case) -> str:
    """The case graph as plain DOT data: element ids as node ids, every attribute kept.

    This is data for Graphviz tools (``gvpr``, ``ccomps``, …), not a drawn figure:
    for the figure's DOT, render to a ``.dot`` file. Labels are Graphviz escape
    strings: a backslash in a label is written ``\\\\``, a quote ``\\"``.

    Examples
    --------
    >>> from eftgraph import load
    >>> print(to_dot_data(load("examples/janine-mathijs.en.yaml")).splitlines()[2])
      "everyday.janine.trigger" [domain="everyday" kind="trigger" label="the children's \\"wrong\\" coats" partner="janine"];
    """
    nodes, edges = _nodes_and_edges(case)
    lines = ["digraph eftgraph {"]
    graph = {k: v for k, v in _graph_data(case).items() if v is not None}
    lines.append(
        "  graph [" + " ".join(f"{k}={_dot_string(str(v))}" for k, v in sorted(graph.items())) + "];"
    )

    def attributes(data: dict[str, Any], skip: tuple[str, ...]) -> str:
        return " ".join(
            f"{k}={_dot_string(str(v))}" for k, v in sorted(data.items()) if k not in skip and v is not None
        )

    for node in nodes:
        lines.append(f"  {_dot_string(node['id'])} [{attributes(node, ('id',))}];")
    for edge in edges:
        ends = f"{_dot_string(edge['source'])} -> {_dot_string(edge['target'])}"
        lines.append(f"  {ends} [{attributes(edge, ('source', 'target'))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_UNSAFE = re.compile(r"[\"#<>&`;|\\{}\[\]()]")


def _mermaid_text(lines: list[str]) -> str:
    """Lines of text for a quoted Mermaid label: special characters as ``#code;`` entities."""

    def entity(match: re.Match[str]) -> str:
        return f"#{ord(match.group())};"

    return "<br/>".join(_MERMAID_UNSAFE.sub(entity, line) for line in lines)


def _mermaid_column(members: list[Element], ids: dict[str, str]) -> list[str]:
    """Invisible links (``~~~``) that stack a partner's layers top to bottom, in order.

    Each element is tied to every element of the next layer present, so two elements of
    one layer stay side by side. Written before the real links, they decide the layout;
    the links that go up a column (primary → secondary → behaviour) then run against
    it and are drawn as the arrows they are, without turning the column upside down.
    """
    layers = sorted({e.kind.layer for e in members})
    chain: list[str] = []
    for upper, lower in itertools.pairwise(layers):
        for a in (e for e in members if e.kind.layer == upper):
            chain.extend(f"  {ids[a.id]} ~~~ {ids[b.id]}" for b in members if b.kind.layer == lower)
    return chain


def _mermaid_link(case: Case, link: Link, ids: dict[str, str]) -> str:
    """One link as a Mermaid edge; a link up a partner's own column as a line written downward.

    Mermaid lets every edge shape its layout, so an arrow from primary emotion up to
    secondary emotion would turn the column upside down. Such a link is written from
    its head down to its tail, without arrowhead: the column keeps its order, and the
    line (read upward) is the link.
    """
    source, target = case.element(link.source), case.element(link.target)
    up = source.partner == target.partner and target.kind.layer < source.kind.layer
    tail, head = (ids[target.id], ids[source.id]) if up else (ids[source.id], ids[target.id])
    texts = (["−"] if link.sign is Sign.DAMPENS else []) + (wrap(link.label, 28) if link.label else [])
    dotted = link.sign is Sign.DAMPENS
    if texts:
        ends = ("-.", ".-" if up else ".->") if dotted else ("--", "---" if up else "-->")
        return f'  {tail} {ends[0]} "{_mermaid_text(texts)}" {ends[1]} {head}'
    arrow = ("-.-" if up else "-.->") if dotted else ("---" if up else "-->")
    return f"  {tail} {arrow} {head}"


def to_mermaid(case: Case, *, language: Language | str | None = None) -> str:
    """The case as a Mermaid flowchart: a box per domain, in it a column per partner.

    Renders in Markdown notes and on code forges that draw Mermaid. Each partner's
    elements stand in their own subgraph, the layers in order from the trigger at the
    top to the need at the bottom (invisible ``~~~`` links hold them there), so it reads
    like the cycle on the therapist's sheet. Node ids are generated (``n0``, ``n1``…);
    labels are quoted with Mermaid's ``#code;`` entities for ``" # < > & ; |`` and
    brackets. Dampening links are dotted and marked ``−``; what lies below the
    waterline has the class ``below``.

    Examples
    --------
    >>> from eftgraph import load
    >>> text = to_mermaid(load("examples/janine-mathijs.en.yaml"))
    >>> print(text.splitlines()[1])
      subgraph d1["sexual cycle"]
    >>> print(*[line for line in text.splitlines() if line.startswith("      n0")])
          n0["the children's #34;wrong#34; coats"]
    >>> print(*[line for line in text.splitlines() if line in ("  n5 --> n3", "  n3 --- n5")])
      n3 --- n5
    """
    words = Words(figure_language(case, language))
    ids = {e.id: f"n{i}" for i, e in enumerate(case.elements)}
    out, chains = ["flowchart TB"], []
    for d, domain in reversed(list(enumerate(case.domains))):
        out.append(f'  subgraph d{d}["{_mermaid_text([words.cycle(domain)])}"]')
        partners: list[str | None] = [p.id for p in case.partners]
        partners.append(None)
        for p, partner in reversed(list(enumerate(partners))):
            members = sorted(
                (e for e in case.elements_in(domain) if e.partner == partner), key=lambda e: e.kind.layer
            )
            if not members:
                continue
            indent = "    "
            if partner is not None:
                name = case.partner(partner).name
                out.append(f'    subgraph d{d}p{p}["{_mermaid_text(clean(name) or [" "])}"]')
                indent = "      "
                chains.extend(_mermaid_column(members, ids))
            for element in members:
                out.append(f'{indent}{ids[element.id]}["{_mermaid_text(wrap(element.label, 28) or [" "])}"]')
            if partner is not None:
                out.append("    end")
        out.append("  end")
    out.append("  %% Mermaid places subgraphs right to left, so they are declared last first.")
    out.append("  %% ~~~ holds each partner's layers in order; a line without arrowhead is a link")
    out.append("  %% up the partner's own column (primary → secondary → behaviour): read it upward.")
    out.extend(chains)
    out.extend(_mermaid_link(case, link, ids) for link in case.links)
    below = [ids[e.id] for e in case.elements if e.kind.below_waterline]
    if below:
        out.append("  classDef below fill:#E6F2FA,stroke:#56B4E9")
        out.append(f"  class {','.join(below)} below")
    behaviours = [ids[e.id] for e in case.elements if e.kind is ElementKind.BEHAVIOR]
    if behaviours:
        out.append("  classDef behavior stroke-width:3px")
        out.append(f"  class {','.join(behaviours)} behavior")
    return "\n".join(out) + "\n"


_EXPORTERS: dict[str, Callable[[Case], str]] = {
    "graphml": to_graphml,
    "json": to_json,
    "mermaid": to_mermaid,
    "dot": to_dot_data,
}

EXPORT_FORMATS = tuple(_EXPORTERS)
"""The formats [`export`][eftgraph.figures.exports.export] writes: ``graphml``, ``json``, ``mermaid``, ``dot``."""


def export(case: Case, to: str) -> str:
    """The case graph as text in the format *to*: ``graphml``, ``json``, ``mermaid`` or ``dot``.

    Examples
    --------
    >>> from eftgraph import load
    >>> export(load("examples/janine-mathijs.en.yaml"), "grapml")
    Traceback (most recent call last):
    ...
    eftgraph.errors.FigureError: unknown export format 'grapml' (allowed: graphml, json, mermaid, dot); did you mean 'graphml'?
    """
    if to not in _EXPORTERS:
        raise FigureError(unknown("export format", to, EXPORT_FORMATS))
    return _EXPORTERS[to](case)

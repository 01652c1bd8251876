"""The case as a networkx graph: elements are nodes, links are edges.

Examples
--------
>>> from eftgraph import load
>>> graph = to_networkx(load("examples/janine-mathijs.en.yaml"))
>>> graph.graph["language"], graph.nodes["everyday.janine.behavior"]["stance"]
('en', 'pursue')
"""

from __future__ import annotations

from typing import Protocol

import networkx as nx

from eftgraph._records import Element, Link
from eftgraph._vocabulary import Language, Relation

__all__ = ["to_networkx"]


class GraphParts(Protocol):
    """What `to_networkx` reads of a case (the case model builds on this module, not the reverse)."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str | None: ...

    @property
    def language(self) -> Language: ...

    @property
    def elements(self) -> tuple[Element, ...]: ...

    @property
    def links(self) -> tuple[Link, ...]: ...


def to_networkx(case: GraphParts) -> nx.DiGraph[str]:
    """See `eftgraph.Case.to_networkx`."""
    graph: nx.DiGraph[str] = nx.DiGraph(id=case.id, title=case.title, language=str(case.language))
    kinds = {}
    for element in case.elements:
        kinds[element.id] = element.kind
        graph.add_node(
            element.id,
            partner=element.partner,
            domain=element.domain,
            kind=element.kind.value,
            stance=None if element.stance is None else element.stance.value,
            label=element.label,
        )
    for link in case.links:
        graph.add_edge(
            link.source,
            link.target,
            sign=link.sign.value,
            relation=Relation.between(kinds[link.source], kinds[link.target]).value,
            label=link.label,
        )
    return graph

"""The case as a networkx graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from eftgraph._model import Relation

if TYPE_CHECKING:
    from eftgraph._model import Case


def to_networkx(case: Case) -> nx.DiGraph[str]:
    """See `eftgraph.Case.to_networkx`."""
    graph: nx.DiGraph[str] = nx.DiGraph(id=case.id, title=case.title, language=str(case.language))
    for element in case.elements:
        graph.add_node(
            element.id,
            partner=element.partner,
            domain=element.domain,
            kind=element.kind.value,
            stance=None if element.stance is None else element.stance.value,
            label=element.label,
        )
    for link in case.links:
        kinds = case.element(link.source).kind, case.element(link.target).kind
        graph.add_edge(
            link.source,
            link.target,
            sign=link.sign.value,
            relation=Relation.between(*kinds).value,
            label=link.label,
        )
    return graph

"""The simple-cycle search behind [`loops`][eftgraph.loops].

The graph is first reduced to what can lie on a cycle: nodes outside every
strongly connected component go, and every *chain* (a run of nodes each
entered only from the one before it and left only to the one after it, as
in a sheet's column ``perception → fear → primary → secondary``) becomes
one *block*: a cycle through any node of a chain runs through all of it.
The search then works on blocks, which are several times fewer than
elements in a case built from sheets.

Blocks are numbered by the canonical rank of their smallest element, and
for each start block *s* in turn the search keeps to the higher blocks of
its component that can reach *s* back; so each cycle is found once, from
the block holding its smallest element. Adjacency lists are sorted by the
rank of the block's first element, which makes the cycles come out in
lexicographic order of their elements' ranks once each is rotated to start
at its smallest element (`CycleGraph.elements`).

Unbounded, the search is Johnson's algorithm (time per cycle linear in the
graph). Bounded by a number of elements, it is a depth-first search pruned
by the weighted distance back to *s* (the elements still needed to close the
cycle), computed once per start: far faster than a general bounded search
on large sparse cases.

>>> graph = CycleGraph.build(["a", "b", "c", "d"], [(0, 1), (1, 2), (2, 0), (2, 3), (3, 2)])
>>> [graph.elements(cycle) for cycle in graph.cycles()]
[('a', 'b', 'c'), ('c', 'd')]
>>> [graph.elements(cycle) for cycle in graph.cycles(max_length=2)]
[('c', 'd')]
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import attrs

__all__ = ["CycleGraph", "strong_components"]


def strong_components(successors: Sequence[Sequence[int]]) -> list[int]:
    """The strongly connected component of every node ``0 … n-1`` (iterative Tarjan).

    >>> strong_components([[1], [0], [1]])
    [0, 0, 1]
    """
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    component = [-1] * n
    stack: list[int] = []
    counter = 0
    count = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, iter(successors[root]))]  # each node with where it is in its successors
        while work:
            v, rest = work[-1]
            for w in rest:
                if index[w] == -1 and not successors[w]:  # a dead end: a component of its own at once
                    index[w] = low[w] = counter
                    counter += 1
                    component[w] = count
                    count += 1
                    continue
                if index[w] == -1:  # descend; v's iterator resumes here on return
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(successors[w])))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[v] < low[parent]:
                        low[parent] = low[v]
                if low[v] == index[v]:
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        component[w] = count
                        if w == v:
                            break
                    count += 1
    return component


@attrs.frozen
class CycleGraph:
    """A directed graph reduced for the cycle search: blocks of chained nodes.

    Build it with `build`. Node *i* of the original graph is ``names[i]``;
    nodes are numbered in canonical order (rank = number).
    """

    names: Sequence[str]
    """The original nodes' names, by rank."""
    members: Sequence[tuple[str, ...]]
    """Per block: its nodes' names in link order."""
    offset: Sequence[int]
    """Per block: where its smallest node is in `members`."""
    weight: Sequence[int]
    """Per block: its number of nodes."""
    successors: Sequence[Sequence[int]]
    """Per block: the blocks it links to, sorted by the rank of their first node."""
    predecessors: Sequence[Sequence[int]]
    component: Sequence[int]
    """Per block: its strongly connected component."""
    total: Sequence[int]
    """Per component: the number of nodes in it."""
    ranks: Sequence[tuple[int, ...]]
    """Per block: its nodes' ranks in link order."""
    entry: Sequence[int]
    """Per block: the rank of its first node."""
    exit: Sequence[int]
    """Per block: the rank of its last node."""
    single: Sequence[str] | None
    """Per block its one node's name, when no block has more than one node (a faster path)."""

    @classmethod
    def build(cls, names: Sequence[str], links: Iterable[tuple[int, int]]) -> CycleGraph:
        """The reduced graph of nodes *names* (in canonical order) and *links* as rank pairs."""
        n = len(names)
        successors: list[list[int]] = [[] for _ in range(n)]
        for u, v in links:
            successors[u].append(v)
        component = strong_components(successors)
        sizes = [0] * n
        for c in component:
            sizes[c] += 1
        # Keep the links inside a component of two or more nodes: only they can lie on a cycle.
        live = [sizes[c] >= 2 for c in component]
        out: list[list[int]] = [[] for _ in range(n)]
        into: list[list[int]] = [[] for _ in range(n)]
        for u in itertools.compress(range(n), live):
            c = component[u]
            kept = out[u] = [v for v in successors[u] if component[v] == c]
            for v in kept:
                into[v].append(u)
        chains = _chains(out, into, live)
        # Number the blocks by their smallest node: the canonical order the search relies on.
        lows = list(map(min, chains))
        order = sorted(range(len(chains)), key=lows.__getitem__)
        chains = [chains[b] for b in order]
        lows = [lows[b] for b in order]
        block_of = [-1] * n
        for b, chain in enumerate(chains):
            for x in chain:
                block_of[x] = b
        entry = [chain[0] for chain in chains]
        block_successors: list[list[int]] = [[] for _ in chains]
        block_predecessors: list[list[int]] = [[] for _ in chains]
        for b, chain in enumerate(chains):
            nbrs = block_successors[b]
            for v in out[chain[-1]]:
                target = block_of[v]
                if v == entry[target]:
                    nbrs.append(target)
                    block_predecessors[target].append(b)
            if len(nbrs) > 1:
                nbrs.sort(key=entry.__getitem__)
        block_component = [component[x] for x in entry]
        total = [0] * n
        for b, chain in enumerate(chains):
            total[block_component[b]] += len(chain)
        single = all(len(chain) == 1 for chain in chains)
        name = names.__getitem__
        offset = (
            [0] * len(chains)
            if single
            else [chain.index(low) for chain, low in zip(chains, lows, strict=True)]
        )
        return cls(
            names=names,
            members=[(name(x),) for x in entry] if single else [tuple(map(name, chain)) for chain in chains],
            offset=offset,
            weight=[1] * len(chains) if single else [len(chain) for chain in chains],
            successors=block_successors,
            predecessors=block_predecessors,
            component=block_component,
            total=total,
            ranks=[tuple(chain) for chain in chains],
            entry=entry,
            exit=[chain[-1] for chain in chains],
            single=list(map(name, entry)) if single else None,
        )

    def elements(self, cycle: Sequence[int]) -> tuple[str, ...]:
        """The names of a cycle of blocks, from its smallest node."""
        if self.single is not None:
            return tuple(map(self.single.__getitem__, cycle))
        members = self.members
        if len(cycle) == 1:
            names = members[cycle[0]]
        else:
            names = tuple(itertools.chain.from_iterable(map(members.__getitem__, cycle)))
        start = self.offset[cycle[0]]
        return names[start:] + names[:start] if start else names

    def cycles(self, max_length: int | None = None) -> Iterator[tuple[int, ...]]:
        """Every simple cycle (of at most *max_length* nodes) as a tuple of blocks.

        The cycles come in lexicographic order of their nodes' ranks, each read
        from its smallest node.
        """
        successors, predecessors, component = self.successors, self.predecessors, self.component
        weight = self.weight
        n = len(successors)
        mark = [-1] * n  # mark[v] == s: v is in the search region of start s
        bound = sys_max if max_length is None else max_length
        for s in range(n):
            c = component[s]
            if bound >= self.total[c]:
                region = [s]
                mark[s] = s
                i = 0
                while i < len(region):
                    for v in predecessors[region[i]]:
                        if v > s and mark[v] != s:
                            mark[v] = s
                            region.append(v)
                    i += 1
                nbrs = {v: [w for w in successors[v] if mark[w] == s] for v in region}
                if nbrs[s]:
                    yield from _johnson(s, nbrs)
                continue
            budget = bound - weight[s]
            if budget < 0:
                continue
            # distance[v]: the fewest nodes on a path from v back to s, v included, s not.
            distance = {s: 0}
            heap = [(0, s)]
            while heap:
                d, u = heapq.heappop(heap)
                if d > distance[u]:
                    continue
                for v in predecessors[u]:
                    if v > s:
                        dv = d + weight[v]
                        if dv <= budget and dv < distance.get(v, dv + 1):
                            distance[v] = dv
                            heapq.heappush(heap, (dv, v))
            if len(distance) == 1 and s not in successors[s]:
                continue
            yield from _bounded(s, successors, distance, weight, bound)


sys_max = 1 << 62


def _johnson(s: int, nbrs: dict[int, list[int]]) -> Iterator[tuple[int, ...]]:
    """Johnson's circuit search from *s* in the region *nbrs* (adjacency lists)."""
    unblock_later: defaultdict[int, set[int]] = defaultdict(set)
    blocked = {s}
    path = [s]
    stack = [iter(nbrs[s])]
    closed = [False]
    while stack:
        for w in stack[-1]:
            if w == s:
                yield tuple(path)
                closed[-1] = True
            elif w not in blocked:
                path.append(w)
                closed.append(False)
                stack.append(iter(nbrs[w]))
                blocked.add(w)
                break
        else:
            stack.pop()
            v = path.pop()
            if closed.pop():
                if closed:
                    closed[-1] = True
                pending = [v]
                while pending:
                    u = pending.pop()
                    if u in blocked:
                        blocked.discard(u)
                        waiting = unblock_later.pop(u, None)
                        if waiting:
                            pending.extend(waiting)
            else:
                for w in nbrs[v]:
                    unblock_later[w].add(v)


def _bounded(
    s: int,
    successors: Sequence[Sequence[int]],
    distance: dict[int, int],
    weight: Sequence[int],
    bound: int,
) -> Iterator[tuple[int, ...]]:
    """Cycles through *s* of at most *bound* nodes: depth-first, pruned by the distance back to *s*."""
    path = [s]
    on_path = {s}
    used = [weight[s]]  # nodes on the path so far
    stack = [iter(successors[s])]
    while stack:
        so_far = used[-1]
        for w in stack[-1]:
            if w == s:
                yield tuple(path)
            elif w not in on_path and so_far + distance.get(w, bound) <= bound:
                path.append(w)
                on_path.add(w)
                used.append(so_far + weight[w])
                stack.append(iter(successors[w]))
                break
        else:
            stack.pop()
            used.pop()
            on_path.discard(path.pop())


def _chains(
    out: Sequence[Sequence[int]], into: Sequence[Sequence[int]], live: Sequence[bool]
) -> list[list[int]]:
    """The maximal chains of *live* nodes (a node with one way in and one way out continues its chain).

    Chains start at a node that does not continue one; what is left then are rings:
    components that are one simple cycle, each becoming one chain from its lowest node.
    """

    def chained(u: int, v: int) -> bool:
        return len(out[u]) == 1 and len(into[v]) == 1

    taken = [False] * len(live)
    chains: list[list[int]] = []
    for head in range(len(live)):
        if not live[head] or (len(into[head]) == 1 and chained(into[head][0], head)):
            continue
        chain = [head]
        x = head
        while len(out[x]) == 1 and chained(x, out[x][0]):
            x = out[x][0]
            chain.append(x)
        for x in chain:
            taken[x] = True
        chains.append(chain)
    for start in range(len(live)):  # what is left are rings: components that are one simple cycle
        if taken[start] or not live[start]:
            continue
        chain = [start]
        x = out[start][0]
        while x != start:
            chain.append(x)
            x = out[x][0]
        for x in chain:
            taken[x] = True
        chains.append(chain)
    return chains

"""The cycle told in steps: one figure per step of a loop, each adding the next element, the rest faded.

A trainer walks a room round the strongest negative loop: step 1 shows where the
round starts, each next step adds the next element (and the link into it) in the
highlight colour, and everything not reached yet stays in faint grey.

>>> from eftgraph import load
>>> case = load("examples/janine-mathijs.en.yaml")
>>> steps = step_figures(case, "everyday")
>>> len(steps), steps[0].elements
(10, ('everyday.janine.behavior',))
>>> steps[-1].elements == steps[-1].loop
True
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

import eftgraph.figures._analysis as _analysis
from eftgraph._model import Case, ElementKind, Language, Stance
from eftgraph.errors import FigureError
from eftgraph.figures._draw import path_to_dot
from eftgraph.figures._figure import Figure

__all__ = ["Step", "round_order", "step_figures"]


@attrs.frozen
class Step:
    """One step of the round: the figure and the elements it shows so far, in loop order."""

    figure: Figure
    elements: tuple[str, ...]
    loop: tuple[str, ...]

    @property
    def added(self) -> str:
        """The id of the element this step adds."""
        return self.elements[-1]


def round_order(case: Case, loop: Sequence[str]) -> tuple[str, ...]:
    """*loop* turned to start at a behaviour, a pursuer's if there is one (as the narrative tells it).

    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> round_order(case, ["everyday.mathijs.behavior", "everyday.janine.perception",
    ...                    "everyday.janine.behavior", "everyday.mathijs.perception"])[0]
    'everyday.janine.behavior'
    """
    elements = [case.element(e) for e in loop]
    behaviours = [i for i, e in enumerate(elements) if e.kind is ElementKind.BEHAVIOR]
    pursuing = [i for i in behaviours if elements[i].stance is Stance.PURSUE]
    start = (pursuing or behaviours or [0])[0]
    return tuple(loop[start:]) + tuple(loop[:start])


def step_figures(
    case: Case,
    domain: str,
    loop: Sequence[str] | None = None,
    *,
    language: Language | str | None = None,
    theme: str = "slide",
) -> list[Step]:
    """One figure per step of *loop* in *domain*'s cycle view (default: its strongest negative loop).

    Step *k* highlights the first *k* elements of the round and the links
    between consecutive ones (never a link back to the start before the round is
    complete); the last step closes the loop. Elements not reached yet, and
    elements off the loop, are faded.

    Raises
    ------
    FigureError
        When *domain* has no negative loop and none is given.
    """
    if loop is None:
        loop = _analysis.strongest_loop(case, [domain])
        if loop is None:
            raise FigureError(
                f"the {domain!r} cycle of case {case.id!r} has no negative loop to tell in steps"
            )
    ordered = round_order(case, loop)
    steps = []
    for k in range(1, len(ordered) + 1):
        shown = ordered[:k]
        # the path walked so far; the last step walks back to the start and closes the loop
        walked = (*shown, ordered[0]) if k == len(ordered) else shown
        figure = path_to_dot(case, domain, walked, language=language, theme=theme)
        steps.append(Step(figure=figure, elements=shown, loop=ordered))
    return steps

"""The couple's own picture of their cycle: a calm SVG in plain words, for the handout.

No Graphviz: the picture is laid out here, so it is the same everywhere and needs no
renderer. For two partners the surface of the cycle is drawn as a circle of four
boxes (what one does → what the other hears → what the other does → what the first
hears); under a wavy line sits each partner's inner side in their own words. With
more people each has a column and the arrows follow the links.

>>> from eftgraph import load
>>> svg = client_svg(load("examples/janine-mathijs.en.yaml"), "everyday", words=CLIENT_WORDS["en"])
>>> svg.startswith("<svg") and "Janine" in svg and "pursuer" not in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import attrs

from eftgraph._model import Case, ElementKind
from eftgraph.figures._analysis import strongest_loop
from eftgraph.figures._text import wrap

__all__ = ["CALM", "CLIENT_WORDS", "client_svg"]

CALM: Mapping[str, str] = {
    "text": "#2B2B2B",
    "muted": "#5F6B70",
    "box": "#FFFFFF",
    "border": "#8FB3C2",
    "arrow": "#5B8A9A",
    "deep": "#EAF3F6",
    "wave": "#7FA8B8",
}
"""The calm client theme: soft blue-grey on white, no alarm colours."""

CLIENT_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "does": "What {name} does",
        "hears": "What {name} hears",
        "shows": "What {name} shows",
        "fear": "{name} is afraid of",
        "primary": "What {name} feels deep down",
        "need": "What {name} longs for",
        "underneath": "Underneath: what the other does not see",
        "circle": "your cycle",
        "quote": "“{label}”",
    },
    "nl": {
        "does": "Wat {name} doet",
        "hears": "Wat {name} daarin hoort",
        "shows": "Wat {name} laat zien",
        "fear": "Waar {name} bang voor is",
        "primary": "Wat {name} diep vanbinnen voelt",
        "need": "Waar {name} naar verlangt",
        "underneath": "Daaronder: wat de ander niet ziet",
        "circle": "jullie cirkel",
        "quote": "‘{label}’",
    },
}
"""The words of the picture: no jargon, the partner's name in every heading."""

FONT = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"
_WIDTH = 700
_GAP = 130
_PAD = 12
_HEAD, _BODY = 12, 15
"""Type sizes (px) of a heading in a box and of the partner's words."""


@attrs.frozen
class _Box:
    x: float
    y: float
    w: float
    h: float
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    deep: bool = False

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


def _labels(case: Case, domain: str, partner: str, kind: ElementKind) -> str:
    return "; ".join(e.label for e in case.elements_in(domain) if e.partner == partner and e.kind is kind)


def _parts(
    case: Case,
    domain: str,
    partner: str,
    name: str,
    keys: Sequence[tuple[str, ElementKind]],
    words: Mapping[str, str],
    width: int,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found = []
    for key, kind in keys:
        label = _labels(case, domain, partner, kind)
        if label:
            if kind is ElementKind.PERCEPTION:
                label = words["quote"].format(label=label)
            found.append((words[key].format(name=name), tuple(wrap(label, width))))
    return tuple(found)


def _height(parts: Sequence[tuple[str, Sequence[str]]]) -> float:
    return 2 * _PAD + sum(_HEAD + 6 + len(lines) * (_BODY + 4) + 8 for _, lines in parts) - 8


_SURFACE = (("shows", ElementKind.SECONDARY_EMOTION), ("does", ElementKind.BEHAVIOR))
_HEARS = (("hears", ElementKind.PERCEPTION),)
_DEEP = (("fear", ElementKind.FEAR), ("primary", ElementKind.PRIMARY_EMOTION), ("need", ElementKind.NEED))


def client_svg(case: Case, domain: str, *, words: Mapping[str, str]) -> str:
    """The picture of *domain*'s cycle as an SVG document (a string), in *words*' language."""
    people = [p for p in case.partners if any(e.partner == p.id for e in case.elements_in(domain))]
    n = max(1, len(people))
    column = (_WIDTH - (n - 1) * (_GAP if n == 2 else 40)) / n
    chars = int((column - 2 * _PAD) / 7.4)
    step = column + (_GAP if n == 2 else 40)
    does: dict[str, _Box] = {}
    hears: dict[str, _Box] = {}
    rows: list[list[tuple[str, float, tuple[tuple[str, tuple[str, ...]], ...]]]] = [[], []]
    for i, person in enumerate(people):
        x = i * step
        surface = _parts(case, domain, person.id, person.name, _SURFACE, words, chars)
        heard = _parts(case, domain, person.id, person.name, _HEARS, words, chars)
        flip = n == 2 and i == 1
        rows[1 if flip else 0].append(("does:" + person.id, x, surface))
        rows[0 if flip else 1].append(("hears:" + person.id, x, heard))
    y = 34.0
    boxes: list[_Box] = []
    for row in rows:
        tallest = max((_height(parts) for _, _, parts in row if parts), default=0)
        for key, x, parts in row:
            if parts:
                box = _Box(x, y, column, tallest, parts)
                boxes.append(box)
                (does if key.startswith("does:") else hears)[key.split(":", 1)[1]] = box
        y += tallest + 44 if tallest else 0
    wave = y - 10
    y = wave + 34
    deep = [(i * step, _parts(case, domain, p.id, p.name, _DEEP, words, chars)) for i, p in enumerate(people)]
    tallest = max((_height(parts) for _, parts in deep if parts), default=0)
    boxes.extend(_Box(x, y, column, tallest, parts, deep=True) for x, parts in deep if parts)
    height = (y + tallest + 4) if tallest else wave
    body = [_defs(), *(_heads(people, step, column))]
    body.extend(_arrows(case, domain, people, does, hears))
    if tallest:
        body.append(_wave(wave, words["underneath"]))
    body.extend(_box(box) for box in boxes)
    if n == 2 and len(boxes) >= 4:
        centre_y = (boxes[0].y + boxes[2].y + boxes[2].h) / 2
        body.append(_centre(_WIDTH / 2, centre_y, words["circle"]))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height:.0f}" '
        f'width="100%" role="img" font-family="{FONT}">' + "".join(body) + "</svg>"
    )


def _defs() -> str:
    return (
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{CALM["arrow"]}"/></marker></defs>'
    )


def _heads(people: Sequence[object], step: float, column: float) -> list[str]:
    return [
        f'<text x="{i * step + column / 2:.1f}" y="20" text-anchor="middle" font-size="18" '
        f'font-weight="bold" fill="{CALM["text"]}">{escape(str(getattr(p, "name", "")))}</text>'
        for i, p in enumerate(people)
    ]


def _box(box: _Box) -> str:
    fill = CALM["deep"] if box.deep else CALM["box"]
    out = [
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" rx="10" '
        f'fill="{fill}" stroke="{CALM["border"]}" stroke-width="1.5"/>'
    ]
    y = box.y + _PAD
    for head, lines in box.parts:
        y += _HEAD
        out.append(
            f'<text x="{box.x + _PAD:.1f}" y="{y:.1f}" font-size="{_HEAD}" fill="{CALM["muted"]}">{escape(head)}</text>'
        )
        y += 6
        for line in lines:
            y += _BODY + 4
            out.append(
                f'<text x="{box.x + _PAD:.1f}" y="{y - 4:.1f}" font-size="{_BODY}" fill="{CALM["text"]}">{escape(line)}</text>'
            )
        y += 8
    return "".join(out)


def _clip(a: _Box, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the line from *a*'s centre towards a point leaves box *a* (plus a small gap)."""
    cx, cy = a.centre
    dx, dy = towards[0] - cx, towards[1] - cy
    scale = min(
        (a.w / 2 + 4) / abs(dx) if dx else float("inf"),
        (a.h / 2 + 4) / abs(dy) if dy else float("inf"),
    )
    return cx + dx * scale, cy + dy * scale


def _line(a: _Box, b: _Box) -> str:
    start, end = _clip(a, b.centre), _clip(b, a.centre)
    return (
        f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
        f'stroke="{CALM["arrow"]}" stroke-width="3" marker-end="url(#arrow)"/>'
    )


def _arrows(
    case: Case, domain: str, people: Sequence[object], does: Mapping[str, _Box], hears: Mapping[str, _Box]
) -> list[str]:
    """Each partner's move to what the next one hears in it (round the strongest loop), and hears → does."""
    out = []
    ids = [str(getattr(p, "id", "")) for p in people]
    loop = strongest_loop(case, [domain]) or ()
    pairs = [(loop[i], loop[(i + 1) % len(loop)]) for i in range(len(loop))]
    if not pairs:
        pairs = [(link.source, link.target) for link in case.links]
    for source_id, target_id in pairs:
        source, target = case.element(source_id), case.element(target_id)
        if source.domain != domain or target.domain != domain or source.kind is not ElementKind.BEHAVIOR:
            continue
        if target.partner in ids and source.partner in ids and target.partner != source.partner:
            into = hears.get(str(target.partner)) or does.get(str(target.partner))
            line = _line(does[str(source.partner)], into) if into and str(source.partner) in does else ""
            if line and line not in out:
                out.append(line)
    out.extend(_line(hears[p], does[p]) for p in ids if p in hears and p in does)
    return out


def _wave(y: float, label: str) -> str:
    crests = "".join(f" q 17.5,{-7 if i % 2 == 0 else 7} 35,0" for i in range(20))
    return (
        f'<path d="M0,{y:.1f}{crests}" fill="none" stroke="{CALM["wave"]}" stroke-width="2.5"/>'
        f'<text x="0" y="{y + 22:.1f}" font-size="13" font-style="italic" fill="{CALM["muted"]}">{escape(label)}</text>'
    )


def _centre(x: float, y: float, label: str) -> str:
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="44" fill="none" stroke="{CALM["border"]}" stroke-width="1.5" '
        f'stroke-dasharray="5 4"/><text x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle" font-size="14" '
        f'font-style="italic" fill="{CALM["muted"]}">{escape(label)}</text>'
    )

"""Regenerate the figure gallery in ``docs/gallery/`` from the worked example.

Run from the repository root::

    python docs/gallery.py              # rewrite docs/gallery/*.svg
    python docs/gallery.py --png DIR    # also write PNGs to DIR, to look at them
    python docs/gallery.py --check      # exit 1 if a committed SVG is out of date

The SVGs are made by the embedded renderer (graphviz-pure), which writes the
same bytes on every platform, so the gallery can be checked in CI. Its version
is recorded in ``docs/gallery/RENDERER``.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery"

EXAMPLES = {"nl": "examples/janine-mathijs.yaml", "en": "examples/janine-mathijs.en.yaml"}
"""The worked example in each language (its figures speak the case's language)."""

VIEWS: dict[str, dict[str, str]] = {
    "cycle": {},
    "cycle-sexual": {"domain": "sexual"},
    "compare": {"view": "compare"},
    "cycle-strongest": {"highlight": "strongest"},
}
THEMES = ("default", "print", "slide")


def figures() -> dict[str, dict[str, str]]:
    """File name (without ``.svg``) → the options of ``render`` for every figure of the gallery.

    >>> names = figures()
    >>> len(names), names["janine-mathijs.nl.cycle"]
    (24, {'theme': 'default'})
    >>> names["janine-mathijs.en.compare.print"]
    {'view': 'compare', 'theme': 'print'}
    """
    result: dict[str, dict[str, str]] = {}
    for language in EXAMPLES:
        for view, options in VIEWS.items():
            for theme in THEMES:
                suffix = "" if theme == "default" else f".{theme}"
                result[f"janine-mathijs.{language}.{view}{suffix}"] = {**options, "theme": theme}
    return result


def renderer_version() -> str:
    """The name and version of the renderer that makes the gallery."""
    return f"graphviz-pure {metadata.version('graphviz-pure')}"


def build(name: str, options: dict[str, str], fmt: str = "svg") -> bytes:
    """The bytes of one gallery figure."""
    from eftgraph import load, to_dot
    from eftgraph.figures import pipe

    language = name.split(".")[1]
    case = load(ROOT / EXAMPLES[language])
    return pipe(to_dot(case, **options).source, fmt, renderer="embedded")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the figure gallery in docs/gallery/.")
    parser.add_argument("--check", action="store_true", help="only check that the gallery is up to date")
    parser.add_argument("--png", metavar="DIR", help="also write each figure as PNG to DIR")
    args = parser.parse_args(argv)
    stale = []
    for name, options in figures().items():
        data = build(name, options)
        path = GALLERY / f"{name}.svg"
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
            continue
        GALLERY.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if args.png:
            Path(args.png).mkdir(parents=True, exist_ok=True)
            (Path(args.png) / f"{name}.png").write_bytes(build(name, options, "png"))
    if args.check:
        if stale:
            print(f"out of date: {', '.join(stale)}; run: python docs/gallery.py", file=sys.stderr)
            return 1
        return 0
    (GALLERY / "RENDERER").write_text(renderer_version() + "\n", encoding="utf-8")
    print(f"wrote {len(figures())} figures to {GALLERY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A handout for the couple: one printable A4 page about their cycle, in plain words.

One self-contained HTML file (inline SVG and CSS, nothing fetched): a title
("Jullie cirkel" / "Your cycle"), a few sentences that speak to the couple
(*jij/jullie*, *you*), the message that the cycle is the enemy and not the
partner, their cycle as a calm picture with each partner's inner side in their
own words, and room for notes. No jargon, no names but the partners', and no
concerns or referrals unless asked for.

>>> from eftgraph import load
>>> page = handout_html(load("examples/janine-mathijs.yaml"))
>>> "Jullie cirkel" in page and "De cirkel is de vijand, niet je partner." in page
True
>>> "achtervolger" in page or "http" in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from eftgraph._model import Case, Language
from eftgraph._output import refuse_input, write_atomic
from eftgraph._suggest import unknown
from eftgraph.errors import FigureError, UnknownDomainError
from eftgraph.figures._client import CALM, CLIENT_WORDS, FONT, client_svg
from eftgraph.figures._options import figure_language

__all__ = ["JARGON", "TEXTS", "handout", "handout_html"]

TEXTS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Your cycle",
        "and": " and ",
        "where.everyday": "in everyday life",
        "where.sexual": "in your sex life",
        "where.caregiving": "in caring for each other",
        "where.other": "‘{domain}’",
        "intro": (
            "When things go wrong between you, you both get caught in the same circle. What one of you "
            "does touches something in the other; what the other then does touches something in you. "
            "And so it goes round, again and again."
        ),
        "enemy": "The cycle is the enemy, not your partner.",
        "together": "Together you can learn to spot the cycle and step out of it.",
        "start": "It can start with: {label}",
        "notes": "Notes",
        "prompts": "When did you notice the cycle this week? What helped you step out of it?",
        "concerns": "Also to talk about",
    },
    "nl": {
        "title": "Jullie cirkel",
        "and": " en ",
        "where.everyday": "in het dagelijks leven",
        "where.sexual": "in jullie seksuele relatie",
        "where.caregiving": "in de zorg voor elkaar",
        "where.other": "‘{domain}’",
        "intro": (
            "Als het tussen jullie misgaat, raken jullie allebei verstrikt in dezelfde cirkel. Wat de een "
            "doet, raakt iets bij de ander; wat de ander dan doet, raakt weer iets bij jou. Zo gaat het "
            "rond, steeds opnieuw."
        ),
        "enemy": "De cirkel is de vijand, niet je partner.",
        "together": "Samen kunnen jullie leren de cirkel te herkennen en eruit te stappen.",
        "start": "Het kan beginnen met: {label}",
        "notes": "Aantekeningen",
        "prompts": "Wanneer merkten jullie deze week de cirkel op? Wat hielp om eruit te stappen?",
        "concerns": "Om ook over te praten",
    },
}
"""The handout's sentences per language."""

JARGON: Mapping[str, tuple[str, ...]] = {
    "en": (
        "pursuer", "withdrawer", "attachment", "secondary", "primary",
        "perception", "waterline", "interaction", "protest polka", "demon", "eft", "referral",
        "stance", "position", "domain",
    ),
    "nl": (
        "achtervolger", "terugtrekker", "gehechtheid", "secundair", "primair", "perceptie",
        "waterlijn", "interactie", "protestpolka", "eft", "verwijzing", "positie", "domein",
    ),
}  # fmt: skip
"""Words a couple's handout never holds (checked by the tests), per language."""

_CSS = """
@page { size: A4; margin: 12mm 15mm; }
* { box-sizing: border-box; }
html { background: #FFFFFF; }
body { margin: 0 auto; max-width: 178mm; font-family: FONT; color: TEXT; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 22pt; margin: 0; color: TEXT; font-weight: bold; }
.who { font-size: 13pt; color: MUTED; margin: 1mm 0 3mm; }
p { margin: 0 0 2mm; }
.enemy { border-left: 4px solid ARROW; background: DEEP; padding: 2.5mm 4mm; margin: 3mm 0;
         font-size: 13pt; font-weight: bold; }
.start { color: MUTED; font-style: italic; margin: 2mm 0; }
figure { margin: 2mm 0 3mm; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-height: 125mm; }
.notes { border: 1.5px solid BORDER; border-radius: 3mm; padding: 3mm 4mm; break-inside: avoid; }
.notes h2 { font-size: 12pt; margin: 0 0 1mm; }
.notes .prompt { color: MUTED; font-size: 10pt; }
.line { border-bottom: 1px solid BORDER; height: 7.5mm; }
.concerns { font-size: 10pt; }
"""


def _css() -> str:
    css = _CSS.replace("FONT", FONT).replace("ARROW", CALM["arrow"]).replace("DEEP", CALM["deep"])
    return css.replace("MUTED", CALM["muted"]).replace("BORDER", CALM["border"]).replace("TEXT", CALM["text"])


def handout_html(
    case: Case,
    *,
    domain: str | None = None,
    language: Language | str | None = None,
    concerns: bool = False,
    note_lines: int = 4,
) -> str:
    """The handout of *case* as one self-contained HTML page (see [`handout`][eftgraph.handout])."""
    lang = figure_language(case, language)
    texts, words = TEXTS.get(lang, TEXTS["en"]), CLIENT_WORDS.get(lang, CLIENT_WORDS["en"])
    if not case.domains:
        raise FigureError(f"case {case.id!r} has no elements to put on a handout")
    chosen = case.domains[0] if domain is None else domain
    if chosen not in case.domains:
        raise UnknownDomainError(unknown("domain", chosen, case.domains))
    names = [p.name for p in case.partners]
    who = texts["and"].join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    where = texts.get(f"where.{chosen}", texts["where.other"]).format(domain=chosen)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{escape(texts['title'])}: {escape(who)}</title>\n<style>{_css()}</style>\n</head>\n<body>\n",
        f"<h1>{escape(texts['title'])}</h1>\n",
        f'<p class="who">{escape(who)} · {escape(where)}</p>\n',
        f"<p>{escape(texts['intro'])}</p>\n",
        f'<p class="enemy">{escape(texts["enemy"])}</p>\n',
        f"<p>{escape(texts['together'])}</p>\n",
    ]
    triggers = [e.label for e in case.elements_in(chosen) if e.kind.value == "trigger"]
    if triggers:
        parts.append(f'<p class="start">{escape(texts["start"].format(label="; ".join(triggers)))}</p>\n')
    parts.append(f"<figure>{client_svg(case, chosen, words=words)}</figure>\n")
    if concerns and case.concerns:
        items = "".join(f"<li>{escape(c.label)}</li>" for c in case.concerns)
        parts.append(f'<div class="concerns"><h2>{escape(texts["concerns"])}</h2><ul>{items}</ul></div>\n')
    lines = '<div class="line"></div>' * note_lines
    parts.append(
        f'<div class="notes"><h2>{escape(texts["notes"])}</h2>'
        f'<p class="prompt">{escape(texts["prompts"])}</p>{lines}</div>\n'
    )
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def handout(
    case: Case,
    path: str | os.PathLike[str],
    *,
    domain: str | None = None,
    language: Language | str | None = None,
    concerns: bool = False,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Write the couple's handout of *case* to *path* (one printable A4 HTML page) and return the path.

    Parameters
    ----------
    case
        The case.
    path
        Where to write; written whole or not at all.
    domain
        The cycle to show (default: the case's first).
    language
        ``"en"`` (addresses the couple as *you*) or ``"nl"`` (*jij/jullie*); default: the case's.
    concerns
        Also list the case's concerns (off by default: the sheet is for the couple).
    inputs
        Files the handout must not overwrite (the case file it came from).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = handout(case, pathlib.Path(folder) / "sheet.html").read_text(encoding="utf-8")
    >>> "The cycle is the enemy, not your partner." in page
    True
    """
    page = handout_html(case, domain=domain, language=language, concerns=concerns)
    refuse_input(path, inputs)
    write_atomic(path, page.encode("utf-8"))
    return Path(path)

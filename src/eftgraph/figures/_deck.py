"""Writing a deck: the slide plan laid out as a 16:9 ``.pptx`` with python-pptx.

python-pptx is imported inside the functions, so importing this module (and
``eftgraph``) does not load it. The bytes depend on the plan only: every zip
entry carries the same date.

>>> png_size(bytes.fromhex("89504e470d0a1a0a0000000d49484452000002800000016800"))
(640, 360)
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["SlidePlan", "deck_bytes", "png_size"]


@attrs.frozen
class SlidePlan:
    """One slide before it is written: its kind, texts, figure (PNG bytes) and speaker notes."""

    kind: str
    title: str
    notes: str
    image: bytes | None = None
    svg: bytes | None = None
    """The figure as SVG too: PowerPoint (2016 and later) shows it, others the PNG."""
    source: str = ""
    """The DOT source of the figure, until it is rendered into *image*."""
    caption: str = ""
    bullets: tuple[str, ...] = ()


# the look of the deck: dark text on white, one accent, type read from the back of a room
_WIDTH, _HEIGHT = 13.333, 7.5
"""Slide size in inches (16:9)."""
_MARGIN = 0.35
_ACCENT = (0x00, 0x72, 0xB2)
_TEXT = (0x1A, 0x1A, 0x1A)
_MUTED = (0x55, 0x55, 0x55)
_FONT = "Arial"


def deck_bytes(plan: Sequence[SlidePlan]) -> bytes:
    """The ``.pptx`` bytes of *plan* (python-pptx is imported here, not before)."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(_WIDTH), Inches(_HEIGHT)
    properties = deck.core_properties
    properties.author = properties.last_modified_by = "eftgraph"
    properties.title = plan[0].title if plan else ""
    blank = deck.slide_layouts[6]
    for item in plan:
        slide = deck.slides.add_slide(blank)
        _draw(slide, item)
        slide.notes_slide.notes_text_frame.text = item.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _text(
    slide: Any,
    box: tuple[float, float, float, float],
    lines: Sequence[str],
    size: int,
    *,
    colour: tuple[int, int, int] = _TEXT,
    bold: bool = False,
    centre: bool = False,
) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if centre else MSO_ANCHOR.TOP
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER if centre else PP_ALIGN.LEFT
        paragraph.space_after = Pt(size * 0.4)
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, _FONT
        run.font.color.rgb = RGBColor(*colour)  # type: ignore[no-untyped-call]


def _draw(slide: Any, item: SlidePlan) -> None:
    """Lay out one slide: an accent bar, the texts, the figure as large as the slide allows."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(_WIDTH), Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor(*_ACCENT)  # type: ignore[no-untyped-call]
    bar.line.fill.background()
    width = _WIDTH - 2 * _MARGIN
    if item.kind == "title":
        _text(slide, (_MARGIN, 2.2, width, 1.4), [item.title], 48, bold=True, centre=True)
        _text(slide, (_MARGIN, 3.8, width, 1.6), item.caption.split("\n"), 26, colour=_MUTED, centre=True)
        return
    if item.kind == "underneath":
        _text(slide, (_MARGIN, 0.4, width, 1.0), [item.title], 40, bold=True)
        column = (width - 0.4) / max(1, len(item.bullets))
        for i, block in enumerate(item.bullets):
            name, *lines = block.split("\n")
            box = (_MARGIN + 0.2 + i * column, 1.6, column - 0.3, 3.8)
            _text(slide, box, [name], 30, colour=_ACCENT, bold=True)
            _text(slide, (box[0], 2.3, box[2], 3.2), lines, 22)
        _text(slide, (_MARGIN, 5.6, width, 1.2), [item.caption], 30, colour=_ACCENT, bold=True, centre=True)
        return
    top, bottom = 0.2, _HEIGHT - 0.15
    if item.kind == "step":
        _text(slide, (_MARGIN, 0.18, width, 0.5), [item.title], 18, colour=_MUTED)
        _text(slide, (_MARGIN, _HEIGHT - 1.05, width, 0.95), [item.caption], 24, bold=True, centre=True)
        top, bottom = 0.6, _HEIGHT - 1.1
    if item.image is not None:
        _picture(slide, item.image, (_MARGIN, top, width, bottom - top), svg=item.svg)


SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
"""The extension of a picture that holds its SVG (Office 2016 and later), the PNG staying the fallback."""


def _picture(
    slide: Any, png: bytes, box: tuple[float, float, float, float], *, svg: bytes | None = None
) -> None:
    """Place *png* centred in *box* (inches), as large as fits, its proportions kept; *svg* beside it.

    python-pptx has no call for an SVG picture: the SVG is added as an image part of the
    slide and named in the picture's ``a:blip`` by an ``asvg:svgBlip`` extension, as
    PowerPoint writes it. Readers that do not know the extension show the PNG.
    """
    from pptx.util import Inches

    pixels_wide, pixels_high = png_size(png)
    left, top, width, height = box
    scale = min(width / pixels_wide, height / pixels_high)
    shown_wide, shown_high = pixels_wide * scale, pixels_high * scale
    picture = slide.shapes.add_picture(
        io.BytesIO(png),
        Inches(left + (width - shown_wide) / 2),
        Inches(top + (height - shown_high) / 2),
        Inches(shown_wide),
        Inches(shown_high),
    )
    if svg is not None:
        _add_svg(slide, picture, svg)


def _add_svg(slide: Any, picture: Any, svg: bytes) -> None:
    """Name *svg* in *picture*'s ``a:blip`` (an ``asvg:svgBlip`` extension), as an image part of *slide*."""
    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml import parse_xml

    package = slide.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    number = next(n for n in range(1, len(taken) + 2) if f"/ppt/media/figure{n}.svg" not in taken)
    part = Part(PackURI(f"/ppt/media/figure{number}.svg"), "image/svg+xml", package, svg)
    relation = slide.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    extension = parse_xml(
        f'<a:extLst xmlns:a="{drawing}"><a:ext uri="{SVG_BLIP}">'
        '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:embed="{relation}"/></a:ext></a:extLst>'
    )
    picture._element.find(f".//{{{drawing}}}blip").append(extension)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG image, read from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _fixed_zip(data: bytes) -> bytes:
    """*data* (a zip) written again with every entry dated 1980-01-01, so the bytes depend on the content only."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()

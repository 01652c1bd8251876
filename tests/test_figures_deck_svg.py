"""The deck's figures as SVG too: each picture names its SVG in an ``asvg:svgBlip``, the PNG the fallback.

PowerPoint 2016 and later shows the SVG; readers that do not know the extension
(python-pptx, older suites) show the PNG. A real office suite, where one is
installed, still converts the deck.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eftgraph import load

pptx = pytest.importorskip("pptx", reason="python-pptx is not installed (pip install 'eftgraph[slides]')")

from eftgraph.figures import _deck, _slides  # noqa: E402 - after the skip: the deck needs python-pptx

DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_slides, "DPI", 36)
        path = tmp_path_factory.mktemp("deck") / "sanne-ruud.pptx"
        yield _slides.slides(load("examples/published/sanne-ruud.yaml"), path)


def test_every_picture_has_its_svg_beside_the_png(deck: Path) -> None:
    opened = pptx.Presentation(deck)
    count = 0
    for slide in opened.slides:
        for shape in slide.shapes:
            if shape.shape_type != pptx.enum.shapes.MSO_SHAPE_TYPE.PICTURE:
                continue
            assert _deck.png_size(shape.image.blob)[0] > 0  # the fallback python-pptx reads
            blip = shape._element.find(f".//{DRAWING}blip")
            (extension,) = blip.findall(f"{DRAWING}extLst/{DRAWING}ext")
            assert extension.get("uri") == _deck.SVG_BLIP
            (svg_blip,) = extension.findall(SVG_BLIP)
            part = slide.part.related_part(svg_blip.get(EMBED))
            assert part.content_type == "image/svg+xml"
            root = ET.fromstring(part.blob)
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            count += 1
    assert count >= 10  # the cycles, the compare view, the steps


def test_the_svg_parts_are_typed_in_the_package(deck: Path) -> None:
    with zipfile.ZipFile(deck) as archive:
        types = archive.read("[Content_Types].xml").decode("utf-8")
        names = [n for n in archive.namelist() if n.endswith(".svg")]
    assert names
    for name in names:
        assert f'PartName="/{name}" ContentType="image/svg+xml"' in types


def test_the_deck_with_svg_is_the_same_bytes_every_time() -> None:
    plan = [
        _deck.SlidePlan("cycle", "t", "n", image=_png(), svg=b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    ]
    assert _deck.deck_bytes(plan) == _deck.deck_bytes(plan)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_still_converts_the_deck(deck: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    pdf = tmp_path / "sanne-ruud.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    if shutil.which("pdfinfo") is not None:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = next(int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:"))
        assert pages == len(pptx.Presentation(deck).slides)

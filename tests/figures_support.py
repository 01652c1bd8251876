"""Helpers for the figure tests: reading SVG and PNG made by a real renderer."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest

from eftgraph.figures._render import find_embedded, find_system

SVG = "{http://www.w3.org/2000/svg}"

needs_system = [
    pytest.mark.dot,
    pytest.mark.skipif(find_system() is None, reason="the system Graphviz 'dot' is not installed"),
]
needs_embedded = pytest.mark.skipif(find_embedded() is None, reason="graphviz-pure is not installed")

BOTH_RENDERERS = [
    pytest.param("system", marks=needs_system, id="system"),
    pytest.param("embedded", marks=needs_embedded, id="embedded"),
]
"""Parametrize a test over both renderers; each is skipped only when it is not installed."""


def _text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def svg_root(svg: bytes) -> ET.Element:
    """The parsed SVG (fails the test when it is not well-formed XML)."""
    return ET.fromstring(svg)


def node_texts(svg: bytes) -> dict[str, list[str]]:
    """Graphviz node id → the text lines drawn in that node, in order."""
    nodes: dict[str, list[str]] = {}
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        title = group.find(f"{SVG}title")
        assert title is not None and title.text is not None
        nodes[title.text] = [_text_of(text) for text in group.iter(f"{SVG}text")]
    return nodes


def all_texts(svg: bytes) -> list[str]:
    """Every text line in the SVG, in document order."""
    return [_text_of(text) for text in svg_root(svg).iter(f"{SVG}text")]


def words_of(lines: list[str]) -> list[str]:
    """The words of text lines as a figure shows them (lines joined by spaces)."""
    return [word for line in lines for word in line.split(" ") if word]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height

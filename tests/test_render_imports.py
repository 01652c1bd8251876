"""`eftgraph render` imports what drawing a figure needs, not what only a mistake or a rare machine needs."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eftgraph.figures._render import find_system

SCRIPT = """
import json, sys
from eftgraph.cli import main
sys.argv = ["eftgraph", "render", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
from eftgraph import _catalog_core
print(json.dumps({"modules": sorted(sys.modules), "whole_catalogs": _catalog_core._load.cache_info().currsize}))
"""

NOT_NEEDED = ("difflib", "importlib.resources", "zipfile", "sysconfig", "tomllib", "networkx")


@pytest.mark.skipif(find_system() is None, reason="needs the system Graphviz")
def test_render_leaves_out_what_it_does_not_need(tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "examples/janine-mathijs.yaml", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    loaded = set(report["modules"])
    assert ET.parse(out).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert "eftgraph.figures._draw" in loaded  # the check would see a module that was imported
    assert [name for name in NOT_NEEDED if name in loaded] == []
    assert report["whole_catalogs"] == 0  # only the tables of the messages the figure uses were parsed


def test_the_embedded_renderer_is_found_by_many_threads_at_once() -> None:
    """Slides render in threads; the first look for the embedded renderer must not race (sysconfig)."""
    script = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from eftgraph.figures._render import find_embedded\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    found = list(pool.map(lambda _: find_embedded(), range(8)))\n"
        "assert len(set(found)) == 1, found\n"
    )
    for _ in range(5):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr

"""No network: every command works on the examples with networking made impossible.

Each command runs in a fresh process in which Python cannot open an internet socket or
look up a name (a ``sitecustomize`` replaces them with functions that raise) and, where
the system allows it, in a network namespace of its own without any network
(``unshare -n``), which also covers the Graphviz program.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eftgraph.figures._render import find_embedded
from tests.cli_support import EXAMPLE, READERS, argv, commands, output_suffix

GUARD = '''
"""Installed by tests/test_no_network.py: any attempt to reach a network raises."""
import socket

class NetworkForbidden(OSError):
    pass

def _forbidden(*args, **kwargs):
    raise NetworkForbidden("eftgraph test: network access attempted")

_Socket = socket.socket

class _GuardedSocket(_Socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            _forbidden()
        super().__init__(family, type, proto, fileno)

socket.socket = _GuardedSocket
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
    setattr(socket, _name, _forbidden)
socket.EFTGRAPH_NETWORK_GUARD = True
'''


def unshare() -> list[str]:
    """``unshare -n`` when this system lets the tests use it, else nothing."""
    tool = shutil.which("unshare")
    if tool is None:
        return []
    done = subprocess.run([tool, "-n", "true"], capture_output=True, check=False, timeout=30)
    return [tool, "-n"] if done.returncode == 0 else []


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, str]]:
    """The command prefix and environment of a process that cannot reach any network."""
    folder = tmp_path_factory.mktemp("offline")
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    path = os.pathsep.join([str(folder), str(Path("src").resolve())])
    env = {**os.environ, "PYTHONPATH": path, "no_proxy": "*"}
    return [*unshare(), sys.executable], env


def test_the_guard_really_stops_the_network(offline: tuple[list[str], dict[str, str]]) -> None:
    prefix, env = offline
    code = (
        "import socket; assert socket.EFTGRAPH_NETWORK_GUARD\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except OSError as error:\n    print(type(error).__name__, error)\n"
        "try:\n    socket.socket().connect(('192.0.2.1', 80))\n"
        "except OSError as error:\n    print(type(error).__name__, error)\n"
        "import urllib.request\n"
        "try:\n    urllib.request.urlopen('http://example.org', timeout=1)\n"
        "except OSError as error:\n    print(type(error).__name__, error)\n"
    )
    done = subprocess.run(
        [*prefix, "-c", code], env=env, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("network access attempted") == 3


def calls(folder: Path) -> list[tuple[str, list[str]]]:
    """Every command of ``eftgraph``, on the worked example where it reads a case."""
    made = [("--version", ["--version"])]
    for name in sorted(commands()):
        if name == "schema":
            made.append((name, [name]))
        elif name == "new":
            made.append((name, [name, str(folder / "new-couple.yaml")]))
        else:
            assert name in READERS
            suffix = output_suffix(name, folder / "control")
            made.append((name, argv(name, EXAMPLE.resolve(), folder / f"{name}-out{suffix}")))
    if find_embedded() is not None:  # the renderer that ships as a Python package, too
        made.append(
            (
                "render",
                ["render", str(EXAMPLE.resolve()), "-o", str(folder / "e.svg"), "--renderer", "embedded"],
            )
        )
    return made


def test_every_command_works_without_a_network(
    offline: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    prefix, env = offline
    done_commands = set()
    for name, args in calls(tmp_path):
        done = subprocess.run(
            [*prefix, "-m", "eftgraph", *args],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, f"eftgraph {' '.join(args)}:\n{done.stderr}"
        assert "network access attempted" not in done.stderr
        done_commands.add(name)
    assert done_commands == {"--version", *commands()}


def test_the_source_imports_no_network_module() -> None:
    network = re.compile(
        r"^\s*(?:import|from)\s+(socket|ssl|urllib|http|requests|httpx|aiohttp|ftplib|smtplib|"
        r"xmlrpc|webbrowser|asyncio)\b",
        re.MULTILINE,
    )
    found = [
        f"{path}: {match.group(0).strip()}"
        for path in sorted(Path("src/eftgraph").rglob("*.py"))
        for match in network.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []

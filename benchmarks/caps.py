"""CAP: the worst file we could build for each cap is refused (or read) in under a second.

A case file may come from anywhere; each cap of docs/privacy.md ("The caps") must hold
against the worst input that fits under it. Every input here is at most 128 000 bytes (the
file-size cap) and is loaded with `eftgraph.loads`, as every command loads a file. The
figure is the median processor time of the refusal (what it costs, whatever else the
machine runs); the details give the wall-clock median too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from harness import Figure, Size, medians, meets, ms

HEAD = "eftgraph: 1\nid: x\npartners: [{id: a, name: A}, {id: b, name: B}]\n"
FILE_BYTES = 128_000


def _fill(head: str, line: Callable[[int], str], tail: str = "") -> str:
    """*head*, then as many numbered lines as fit in the file-size cap, then *tail*."""
    parts = [head]
    size = len(head.encode()) + len(tail.encode())
    i = 0
    while True:
        text = line(i)
        if size + len(text.encode()) > FILE_BYTES:
            break
        parts.append(text)
        size += len(text.encode())
        i += 1
    return "".join(parts) + tail


def misspelt_links() -> str:
    """The issue's file: 200 elements, then misspelt links until the file is full (~2 600)."""
    elements = "".join(
        f"- {{id: e{i:03d}-behaviour, kind: behavior, label: x, partner: a}}\n" for i in range(200)
    )
    return _fill(
        HEAD + "elements:\n" + elements + "links:\n",
        lambda i: f"- {{from: e{i % 200:03d}-behavour, to: e{i * 7 % 200:03d}-behavir}}\n",
    )


def most_choices() -> str:
    """1 000 elements (the cap), so each suggestion is sought among 1 000 ids; misspelt links after."""
    elements = "".join(f"- {{id: e{i:03d}x, kind: fear, label: x, partner: a}}\n" for i in range(998))
    return _fill(
        HEAD + "elements:\n" + elements + "links:\n",
        lambda i: f"- {{from: e{i % 998:03d}y, to: e{i * 7 % 998:03d}z}}\n",
    )


def links_over_cap() -> str:
    """More links than the cap of 5 000, as short as links are written."""
    return _fill(
        HEAD + "elements:\n- {id: p, kind: fear, label: x, partner: a}\nlinks:\n",
        lambda i: "- {from: p, to: q}\n",
    )


def unknown_keys() -> str:
    """Thousands of unknown keys, each a problem with a suggestion among the allowed keys."""
    return _fill(HEAD, lambda i: f"titel{i}: x\n")


def alias_bomb() -> str:
    """A "billion laughs" of YAML aliases: the value cap (200 000) stops it."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n"
        for i in range(1, 12)
    ]
    return HEAD + "".join(lines)


def deep_nesting() -> str:
    """Lists nested as deep as the file allows (the depth cap is 64)."""
    depth = (FILE_BYTES - len(HEAD) - 10) // 2
    return HEAD + "title: " + "[" * depth + "]" * depth + "\n"


def long_integer() -> str:
    """A JSON integer of ~127 000 digits (Python stops at 4 300)."""
    return '{"eftgraph": 1, "id": ' + "9" * (FILE_BYTES - 40) + "}"


def long_value() -> str:
    """A 127 000-character bad value, echoed in the message."""
    return HEAD + "language: " + "q" * (FILE_BYTES - len(HEAD) - 20) + "\n"


CASES: tuple[tuple[str, str, Callable[[], str]], ...] = (
    ("file size", "yaml", misspelt_links),
    ("elements", "yaml", most_choices),
    ("links", "yaml", links_over_cap),
    ("problems", "yaml", unknown_keys),
    ("values", "yaml", alias_bomb),
    ("depth", "yaml", deep_nesting),
    ("digits", "json", long_integer),
    ("value length", "yaml", long_value),
)


def _refuse(text: str, fmt: str) -> None:
    from eftgraph import CaseFileError, loads

    try:
        loads(text, fmt)
    except CaseFileError as error:
        str(error)  # the message is part of the refusal
        return
    raise RuntimeError("a worst case was accepted")


def _cpu_median(function: Callable[[], None], repeat: int) -> float:
    """The median processor time of *function* in this process."""
    import statistics
    import time

    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def bench_caps(size: Size) -> list[Figure]:
    """One figure per cap: the median seconds to refuse the worst file built for it."""
    target = "<= 1s"
    figures = []
    for cap, fmt, build in CASES:
        text = build()
        if len(text.encode()) > FILE_BYTES:
            raise RuntimeError(f"the worst case for {cap} is larger than the file-size cap")
        refuse = functools.partial(_refuse, text, fmt)
        (wall,) = medians([refuse], max(1, size.repeat // 2))
        seconds = _cpu_median(refuse, max(1, size.repeat // 2))
        figures.append(
            Figure(
                "CAP",
                f"refuse the worst file: {cap}",
                seconds,
                target,
                meets(seconds, target),
                f"{(build.__doc__ or '').strip().splitlines()[0]} ({len(text.encode())} bytes; "
                f"{ms(seconds)} processor, {ms(wall)} wall)",
                {"cap": cap, "bytes": len(text.encode()), "seconds": seconds, "wall": wall},
            )
        )
    return figures

"""A scripted case formulation: build a case in Python, without any file.

Run it with ``python examples/build_in_python.py``; it prints the case as YAML.
"""

from __future__ import annotations

import eftgraph
from eftgraph import Case, Element, Link, Partner, Sheet


def build() -> Case:
    """Sanne and Daan's everyday cycle, from sheets plus one general element."""
    return Case.from_sheets(
        id="sanne-daan",
        title="Sanne & Daan",
        language="en",
        partners=[Partner("sanne", "Sanne", pronoun="she"), Partner("daan", "Daan", pronoun="he")],
        sheets=[
            Sheet(
                "everyday",
                "sanne",
                position="pursuer",
                behavior="asks again and again about his day",
                perception="he shuts me out",
                secondary="irritation",
                primary="loneliness",
                need="to feel close",
            ),
            Sheet(
                "everyday",
                "daan",
                position="withdrawer",
                behavior="answers briefly, leaves the room",
                perception="whatever I say is wrong",
                secondary="tension",
                primary="fear of failing her",
                need="to be accepted as I am",
            ),
        ],
        elements=[
            Element(
                "overtime",
                "trigger",
                "overtime at work",
                domain="everyday",
            )
        ],
        links=[Link("overtime", "everyday.sanne.perception")],
    )


if __name__ == "__main__":
    case = build()
    print(eftgraph.dumps(case), end="")

"""to_dot: the figure's structure, options, determinism and errors (no renderer needed)."""

from __future__ import annotations

import re
from pathlib import Path

import graphviz
import pytest

from eftgraph import (
    Case,
    Element,
    ElementKind,
    FigureError,
    Link,
    Partner,
    RenderError,
    Sheet,
    UnknownDomainError,
    dumps,
    load,
    loads,
    loops,
    to_dot,
)
from eftgraph.figures import THEMES, Figure, check_options
from eftgraph.figures._theme import OKABE_ITO
from eftgraph.figures._words import Words

EXAMPLES = ["examples/janine-mathijs.yaml", "examples/janine-mathijs.en.yaml"]

GENERATED_ID = re.compile(r"(e\d+|h\d+_\d+|hl|l\d|p\d+_\d+_\d[du]|g\d+|b\d+|c\d+|lc\d+|kl|wl|w\d+_\d+[du])\Z")


def node_ids(source: str) -> set[str]:
    """Every node id the DOT source names (as a node statement or an edge end)."""
    ids = set(re.findall(r"^\s*([A-Za-z0-9_]+) \[", source, re.M))
    for tail, head in re.findall(r"^\s*([A-Za-z0-9_]+)(?::\w+)? -> ([A-Za-z0-9_]+)", source, re.M):
        ids.update((tail, head))
    ids.update(re.findall(r"^\s*([A-Za-z0-9_]+)$", source, re.M))
    return ids - {"graph", "node", "edge"}


def rank_rows(source: str) -> list[set[str]]:
    """The node ids of each ``rank=same`` group."""
    rows = []
    for block in re.findall(r"\{\n\t*rank=same\n(.*?)\n\t*\}", source, re.S):
        rows.append(set(re.findall(r"\b([a-z]+\d[\w]*|hl)\b", block)))
    return rows


def cluster_body(source: str, name: str) -> str:
    """The text of the subgraph *name* up to its closing brace."""
    start = source.index(f"subgraph {name} {{")
    depth = 0
    for i in range(start, len(source)):
        if source[i] == "{":
            depth += 1
        elif source[i] == "}":
            depth -= 1
            if depth == 0:
                return source[start:i]
    raise AssertionError(f"unclosed {name}")


def element_node(case: Case, element_id: str) -> str:
    return f"e{[e.id for e in case.elements].index(element_id)}"


@pytest.fixture
def nl() -> Case:
    return load("examples/janine-mathijs.yaml")


@pytest.fixture
def en() -> Case:
    return load("examples/janine-mathijs.en.yaml")


def test_returns_a_digraph_and_does_no_io(en: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    figure = to_dot(en)
    assert isinstance(figure, graphviz.Digraph)
    assert isinstance(figure, Figure)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", EXAMPLES)
@pytest.mark.parametrize("view", ["cycle", "compare"])
def test_same_case_same_bytes(path: str, view: str) -> None:
    case = load(path)
    again = loads(dumps(case, "json"), "json")
    assert again == case
    assert to_dot(case, view=view).source == to_dot(again, view=view).source
    assert (
        to_dot(case, view=view, highlight="strongest").source
        == to_dot(case, view=view, highlight="strongest").source
    )


@pytest.mark.parametrize("view", ["cycle", "compare"])
def test_node_ids_are_generated_never_user_text(en: Case, view: str) -> None:
    source = to_dot(en, view=view, highlight="strongest").source
    ids = node_ids(source)
    assert ids
    assert all(GENERATED_ID.match(i) for i in ids), sorted(i for i in ids if not GENERATED_ID.match(i))
    # user words never appear outside labels
    for statement in re.findall(r"^\s*(\S+?) \[", source, re.M):
        assert statement not in {e.id for e in en.elements} | {p.id for p in en.partners}


def test_cycle_view_rows_align_layers_across_partners(en: Case) -> None:
    source = to_dot(en).source
    rows = rank_rows(source)
    for element in en.elements_in("everyday"):
        row = next(r for r in rows if element_node(en, element.id) in r)
        assert f"l{element.kind.layer}" in row, element.id
    heads = next(r for r in rows if "hl" in r)
    assert {"h0_0", "h0_1"} <= heads


def test_waterline_below_elements_are_in_the_water(en: Case) -> None:
    source = to_dot(en).source
    water = "".join(cluster_body(source, name) for name in ("cluster_w0_0", "cluster_w0_1", "cluster_wl"))
    for element in en.elements_in("everyday"):
        inside = re.search(rf"\b{element_node(en, element.id)} \[", water) is not None
        assert inside is element.kind.below_waterline, element.id
    assert "waterline" not in cluster_body(source, "cluster_wl")  # the line says it, not a box


@pytest.mark.parametrize("view", ["cycle", "compare"])
def test_the_waterline_is_one_line_across_every_column(en: Case, view: str) -> None:
    source = to_dot(en, view=view).source
    # its own row, between the last row above and the first row under water
    rows = re.findall(r"\{\n\s*rank=same\n((?:\s*[\w]+\n)+)", source)
    firsts = [row.split()[0] for row in rows]
    assert firsts.index("wl") == firsts.index("l3") + 1 == firsts.index("l4") - 1
    water = rows[firsts.index("wl")].split()
    # a stretch of line for every track of every column, in every panel, left to right
    panels = 2 if view == "compare" else 1
    assert water[1:] == [
        f"w{p}_{c}{t}" for p in range(panels) for c, ts in ((0, "du"), (1, "ud")) for t in ts
    ]
    assert re.search(r"^\s*wl \[label=<<FONT>waterline</FONT>>", source, re.M)
    for node in water[1:]:
        assert re.search(rf'^\s*{node} \[.*color="#56B4E9".*fixedsize=true', source, re.M), node
    # the shaded boxes under it have no border of their own: the line is the waterline
    for name in re.findall(r"subgraph (cluster_w[\d_]+)", source):
        assert 'color="#E6F2FA" fillcolor="#E6F2FA"' in cluster_body(source, name)


def test_heads_name_partners_and_positions_in_the_case_language(nl: Case) -> None:
    source = to_dot(nl).source
    heads = re.findall(r"^\s*h0_\d \[(.*)$", source, re.M)
    assert len(heads) == 2
    assert "Janine" in heads[0] and "achtervolger" in heads[0]
    assert "Mathijs" in heads[1] and "terugtrekker" in heads[1]


@pytest.mark.parametrize(("language", "other"), [("nl", "en"), ("en", "nl")])
def test_layer_names_title_and_legend_follow_the_language(nl: Case, language: str, other: str) -> None:
    source = to_dot(nl, language=language).source.replace("<BR/>", " ")
    words = Words(language)
    foreign = Words(other)
    for kind in ElementKind:
        if kind is not ElementKind.EVENT:  # the example has no one-off event, so no row for one
            assert words.layer(kind) in source
    for phrase in (
        words("legend.heading"),
        words("legend.cross"),
        words("legend.within"),
        words.cycle("everyday"),
    ):
        assert phrase in source
    assert foreign("legend.cross") not in source
    assert foreign.cycle("everyday") not in source


def test_case_language_is_the_default(nl: Case, en: Case) -> None:
    assert "gehechtheidsbehoefte" in to_dot(nl).source
    assert "attachment need" in to_dot(en).source


def test_default_domain_is_the_first_and_domain_picks(en: Case) -> None:
    assert "everyday cycle" in to_dot(en).source
    sexual = to_dot(en, domain="sexual").source
    assert "sexual cycle" in sexual
    assert "initiates sex in bed" in sexual
    assert "criticises" not in sexual


def test_a_link_out_of_the_cycle_ends_in_a_note_naming_the_other_cycle(en: Case) -> None:
    source = to_dot(en).source.replace("<BR/>", " ")
    ghost = re.search(r"^\s*g0 \[(.*)$", source, re.M)
    assert ghost is not None
    assert "in the sexual cycle" in ghost.group(1)
    assert "I only matter for his needs" in ghost.group(1)
    assert re.search(rf"{element_node(en, 'laptop-evening')} -> g0 \[.*no connection before bed", source)
    assert Words("en")("legend.elsewhere") == "leads into another cycle"
    assert "leads into another cycle" in source


def test_compare_view_positions_reversals_and_bridges(en: Case) -> None:
    source = to_dot(en, view="compare").source
    assert "everyday cycle" in source and "sexual cycle" in source
    assert "cluster_d0" in source and "cluster_d1" in source
    heads = dict(re.findall(r"^\s*(h\d_\d) \[(.*)$", source, re.M))
    assert "pursuer" in heads["h0_0"] and "withdrawer" in heads["h1_0"]
    assert "withdrawer" in heads["h0_1"] and "pursuer" in heads["h1_1"]
    for head in ("h1_0", "h1_1"):
        assert "position reversed" in heads[head] and "peripheries=2" in heads[head]
    for head in ("h0_0", "h0_1"):
        assert "reversed" not in heads[head]
    # the bridge runs into its label (a node between the frames, b0) and on to its target
    into = re.search(rf"{element_node(en, 'laptop-evening')} -> b0 \[(.*)$", source, re.M)
    on = re.search(rf"b0 -> {element_node(en, 'sexual.janine.perception')} \[(.*)$", source, re.M)
    assert into is not None and on is not None
    assert THEMES["default"].bridge_colour in into.group(1) and "arrowhead=none" in into.group(1)
    assert THEMES["default"].bridge_colour in on.group(1)
    assert re.search(r"^\s*b0 \[label=<.*geen verbinding|^\s*b0 \[label=<.*no connection", source, re.M)
    assert "links the two cycles" in source


def test_compare_view_without_reversal_marks_none() -> None:
    case = Case.from_sheets(
        id="same",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        sheets=[
            Sheet("everyday", "a", position="pursuer", behavior="criticises"),
            Sheet("everyday", "b", position="withdrawer", behavior="goes quiet"),
            Sheet("sexual", "a", position="pursuer", behavior="asks"),
            Sheet("sexual", "b", position="withdrawer", behavior="turns away"),
        ],
    )
    source = to_dot(case, view="compare").source
    assert "reversed" not in source.split("legend")[0]
    assert "peripheries" not in source


def test_compare_view_domains(en: Case) -> None:
    assert to_dot(en, view="compare", domain=["sexual", "everyday"]).source.index("sexual cycle") < to_dot(
        en, view="compare", domain=["sexual", "everyday"]
    ).source.index("everyday cycle</B>")
    with pytest.raises(FigureError, match="two different domains"):
        to_dot(en, view="compare", domain=["everyday", "everyday"])
    with pytest.raises(FigureError, match="two different domains"):
        to_dot(en, view="compare", domain="everyday")
    with pytest.raises(UnknownDomainError, match="did you mean 'sexual'"):
        to_dot(en, view="compare", domain=["everyday", "sexul"])


def test_compare_view_needs_two_domains() -> None:
    case = loads(
        "eftgraph: 1\nid: one\npartners: [{id: a, name: Ann}, {id: b, name: Bo}]\n"
        "cycles:\n  everyday:\n    a: {position: pursuer, behavior: nags}\n"
        "    b: {position: withdrawer, behavior: hides}\n"
    )
    with pytest.raises(FigureError, match="needs two domains"):
        to_dot(case, view="compare")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"view": "cycles"},
            "unknown view 'cycles' (allowed: cycle, compare, timeline, course); did you mean 'cycle'?",
        ),
        ({"theme": "Print"}, "unknown theme 'Print' (allowed: default, print, slide); did you mean 'print'?"),
        ({"language": "de"}, "unknown language 'de' (allowed: en, nl)"),
        ({"highlight": "strongst"}, "unknown highlight 'strongst' (allowed: strongest, none); did you mean"),
        ({"highlight": 3}, "highlight must be 'strongest', 'none', a Loop or element ids; got int"),
        ({"highlight": ["everyday.janine.behaviour"]}, "did you mean 'everyday.janine.behavior'"),
        ({"domain": ["everyday", "sexual"]}, "the cycle view shows one domain"),
    ],
)
def test_bad_options_raise_clear_errors(en: Case, options: dict[str, object], message: str) -> None:
    with pytest.raises(FigureError) as caught:
        to_dot(en, **options)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_unknown_domain_suggests_the_nearest(en: Case) -> None:
    with pytest.raises(UnknownDomainError) as caught:
        to_dot(en, domain="sexuel")
    assert (
        str(caught.value)
        == "the case has no domain 'sexuel' (it has: everyday, sexual); did you mean 'sexual'?"
    )


def _edge_attributes(source: str, case: Case, a: str, b: str) -> str:
    """The attributes of the drawn edge from *a* to *b* (not an invisible layout edge)."""
    pattern = rf"^\s*{element_node(case, a)}(?::\w+)? -> {element_node(case, b)}(?::\w+)? \[(.*)$"
    found: list[str] = [m for m in re.findall(pattern, source, re.M) if "style=invis" not in m]
    assert len(found) == 1, (a, b, found)
    return found[0]


def test_highlight_strongest_stands_out_and_the_rest_goes_quiet(en: Case) -> None:
    theme = THEMES["default"]
    source = to_dot(en, highlight="strongest").source
    loop_edge = _edge_attributes(source, en, "everyday.janine.behavior", "everyday.mathijs.perception")
    assert theme.highlight_colour in loop_edge and f"penwidth={theme.highlight_pen:g}" in loop_edge
    quiet = _edge_attributes(source, en, "everyday.janine.primary", "everyday.janine.need")
    assert theme.faded_colour in quiet
    assert "the strongest negative loop" in source
    plain = to_dot(en).source
    assert theme.highlight_colour not in plain


def test_highlight_a_given_loop(en: Case) -> None:
    loop = ["everyday.janine.behavior", "everyday.mathijs.perception", "everyday.mathijs.fear"]

    strongest = next(found for found in loops(en, domain="everyday") if found.negative)
    assert strongest.elements[:2] == tuple(loop[:2])
    for value in (loop, strongest):
        source = to_dot(en, highlight=value).source
        edge = _edge_attributes(source, en, "everyday.janine.behavior", "everyday.mathijs.perception")
        assert THEMES["default"].highlight_colour in edge
        assert "the loop looked at" in source
    assert to_dot(en, highlight="none").source == to_dot(en).source


def test_highlight_strongest_with_no_negative_loop_draws_plainly() -> None:
    case = Case.from_sheets(
        id="secure",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        sheets=[
            Sheet("everyday", "a", stance="reach", behavior="asks"),
            Sheet("everyday", "b", stance="respond", behavior="listens"),
        ],
    )
    assert to_dot(case, highlight="strongest").source == to_dot(case).source


def _colours(source: str) -> set[str]:
    return {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}", source)}


@pytest.mark.parametrize("view", ["cycle", "compare"])
def test_print_theme_is_greyscale(en: Case, view: str) -> None:
    colours = _colours(to_dot(en, view=view, theme="print", highlight="strongest").source)
    assert colours
    assert all(c[1:3] == c[3:5] == c[5:7] for c in colours), colours


def test_print_theme_says_with_style_what_colour_says(en: Case) -> None:
    source = to_dot(en, view="compare", theme="print").source
    bridge = re.search(rf"^\s*b0 -> {element_node(en, 'sexual.janine.perception')} \[(.*)$", source, re.M)
    assert bridge is not None and "style=dotted" in bridge.group(1)
    cross = _edge_attributes(source, en, "everyday.janine.behavior", "everyday.mathijs.perception")
    assert f"penwidth={THEMES['print'].cross_pen:g}" in cross
    assert "peripheries=2" in source  # reversal marked by a double border, not colour alone


def test_default_theme_uses_the_okabe_ito_palette(en: Case) -> None:
    colours = _colours(to_dot(en, view="compare", highlight="strongest").source)
    palette = {c.upper() for c in OKABE_ITO.values()}
    theme = THEMES["default"]
    tints = {
        c.upper()
        for c in (*theme.head_fills.values(), theme.water_fill, theme.trigger_fill, "#FFFFFF", "#BFBFBF")
    }
    greys = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    assert colours - palette - tints - greys == set()


def test_slide_theme_has_larger_type(en: Case) -> None:
    def size(source: str) -> float:
        found = re.search(r"node \[.*fontsize=([\d.]+)", source)
        assert found is not None
        return float(found.group(1))

    assert size(to_dot(en, theme="slide").source) >= 1.3 * size(to_dot(en).source)


def test_long_labels_wrap_at_words_and_nothing_is_cut() -> None:
    long = "a very long perception that goes on and on about how nobody ever listens supercalifragilisticexpialidocious"
    case = Case.from_sheets(
        id="long",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        sheets=[
            Sheet("everyday", "a", position="pursuer", behavior="criticises", perception=long),
            Sheet("everyday", "b", position="withdrawer", behavior="goes quiet"),
        ],
    )
    source = to_dot(case).source
    label = re.search(r"label=<([^\n]*supercal[^\n]*?)>[ \]]", source)
    assert label is not None
    lines = label.group(1).split("<BR/>")
    assert len(lines) > 3
    assert " ".join(lines).split() == long.split()
    assert all(len(line) <= 22 or " " not in line for line in lines)


def test_three_partners_and_a_trigger_of_nobody() -> None:
    case = Case.from_sheets(
        id="family",
        partners=[Partner("a", "Ann"), Partner("b", "Bo"), Partner("c", "Cas")],
        sheets=[
            Sheet("everyday", "a", position="pursuer", behavior="criticises", perception="nobody helps"),
            Sheet("everyday", "b", position="withdrawer", behavior="goes quiet", perception="I fail"),
            Sheet("everyday", "c", position="withdrawer", behavior="slams doors", perception="they fight"),
        ],
        elements=[Element("bills", "trigger", "the bills arrive")],
        links=[Link("bills", "everyday.a.perception")],
    )
    source = to_dot(case).source
    for name in ("Ann", "Bo", "Cas", "the bills arrive"):
        assert name in source
    trigger_row = next(r for r in rank_rows(source) if "l0" in r)
    assert element_node(case, "bills") in trigger_row


def test_behaviour_only_sheets() -> None:
    case = Case.from_sheets(
        id="flat",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        sheets=[
            Sheet("everyday", "a", position="pursuer", behavior="criticises"),
            Sheet("everyday", "b", position="withdrawer", behavior="goes quiet"),
        ],
    )
    source = to_dot(case).source
    assert "cluster_w" not in source  # nothing below the waterline
    # the two links that lead each to the other are one line with two arrowheads
    assert re.search(r"e0 -> e1 \[.*dir=both", source)
    assert "e1 -> e0" not in source


def test_a_dampening_link_is_dashed_and_marked(en: Case) -> None:
    case = Case(
        id=en.id,
        partners=en.partners,
        elements=en.elements,
        links=[
            *(
                link
                for link in en.links
                if (link.source, link.target) != ("everyday.janine.primary", "everyday.janine.need")
            ),
            Link("everyday.janine.primary", "everyday.janine.need", sign="-"),
        ],
        declared_positions=en.declared_positions,
        language=en.language,
        title=en.title,
    )
    source = to_dot(case).source
    edge = _edge_attributes(source, case, "everyday.janine.primary", "everyday.janine.need")
    assert "style=dashed" in edge and "−" in edge
    assert "dampens (−)" in source


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"view": "cycles"},
            FigureError,
            "unknown view 'cycles' (allowed: cycle, compare, timeline, course); did you mean 'cycle'?",
        ),
        (
            {"theme": "prnt"},
            FigureError,
            "unknown theme 'prnt' (allowed: default, print, slide); did you mean",
        ),
        ({"language": "nld"}, FigureError, "unknown language 'nld' (allowed: en, nl); did you mean 'nl'?"),
        ({"renderer": "sytem"}, RenderError, "unknown renderer 'sytem' (allowed: auto, system, embedded)"),
        ({"format": "jpg"}, RenderError, "unknown format 'jpg' (allowed: svg, png, pdf, dot)"),
    ],
)
def test_check_options_before_any_case(options: dict[str, str], error: type[Exception], message: str) -> None:
    check_options(view="compare", theme="slide", language="en", renderer="embedded", format="dot")
    with pytest.raises(error) as caught:
        check_options(**options)
    assert message in str(caught.value)

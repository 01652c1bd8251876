"""A message is read from the tables it can be in, not from the whole catalog file."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftgraph import _catalog_core
from eftgraph._catalog_core import _MISSING, _load, _message, _tables, languages, texts
from tests.catalogs import forget_catalogs, third_language


@pytest.mark.parametrize("code", languages())
def test_every_message_read_by_its_tables_is_the_one_of_the_whole_file(code: str) -> None:
    whole = _load(code)
    assert len(whole) > 300
    for key, value in whole.items():
        assert _message(code, key) == value, key
    assert _message(code, "figure.legend.no-such-key") is _MISSING
    assert _message(code, "no-such-table.key") is _MISSING


@pytest.mark.parametrize("code", languages())
def test_the_shipped_catalogs_are_split_at_every_table(code: str) -> None:
    tables = _tables(code)
    assert tables is not None
    text = (Path("src/eftgraph/messages") / f"{code}.toml").read_text("utf-8")
    headers = [line.strip()[1:-1] for line in text.splitlines() if line.startswith("[")]
    assert list(tables) == ["", *headers]
    assert "".join(tables.values()) == text


def test_a_figure_s_words_parse_a_few_tables_not_the_catalog() -> None:
    forget_catalogs()
    try:
        catalog = texts("nl")
        assert catalog.text("figure.legend.heading") != ""
        assert catalog.text("pattern.pursue-withdraw") == "protestpolka"
        assert _catalog_core._load.cache_info().currsize == 0  # the whole file was never parsed
        assert _catalog_core._table.cache_info().currsize <= 6  # root, figure, figure.legend, pattern
    finally:
        forget_catalogs()


@pytest.mark.parametrize(
    "german",
    [
        '[figure]\nwaterline = """Wasser-\n[linie]"""\n',  # a line of a string that looks like a header
        '[figure]\nwaterline = "Wasserlinie"\n\n[[figure.list]]\nname = "x"\n',  # an array of tables
        '["figure"]\nwaterline = "Wasserlinie"\n',  # a quoted header
    ],
)
def test_a_catalog_that_cannot_be_split_safely_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, german: str
) -> None:
    with third_language(tmp_path / "messages", monkeypatch, german):
        assert _tables("de") is None
        assert texts("de").text("figure.waterline").startswith("Wasser")
        assert texts("de").text("figure.layer.fear") == texts("en").text(
            "figure.layer.fear"
        )  # English fallback


def test_a_variant_is_looked_up_first_in_the_split_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    german = '[figure]\nwaterline = "Wasserlinie"\nwaterline_short = "WL"\n\n[figure.layer]\nfear = "Angst"\n'
    with third_language(tmp_path / "messages", monkeypatch, german):
        assert _tables("de") is not None
        catalog = texts("de")
        assert catalog.get("figure.waterline", "short") == "WL"
        assert catalog.get("figure.waterline", "long") == "Wasserlinie"
        assert catalog.get("figure.layer.fear") == "Angst"
        with pytest.raises(KeyError, match=r"no message 'figure\.nothing'"):
            catalog.get("figure.nothing")


@pytest.mark.parametrize(
    ("table", "simple"),
    [
        ('[t]\na = "x # not a comment" # a comment\nb="y"\t\n\n   \n# only a comment\n', True),
        ('[t]\na = ""\nb = "tab\there, ‘quotes’ and 日本"\n', True),
        ('[t]\na = "x\\ty"\n', False),  # an escape
        ('[t]\na = "x"\na = "y"\n', False),  # a repeated key: TOML refuses it
        ('[t]\n"a" = "x"\n', False),  # a quoted key
        ("[t]\na = 'literal \\\\ string'\n", False),  # a literal string
        ('[t]\na.b = "x"\n', False),  # a dotted key
        ('[t]\n  a = "x"\n', False),  # an indented key
        ('[t]\na = ["x", "y"]\n', False),  # an array
        ('[t]\na = "x"\r\nb = "y"\r\n', False),  # Windows line ends
        ('[t]\na = "x" b\n', False),  # not TOML
        ('[t]\na = "x\x01"\n', False),  # a control character TOML refuses
    ],
)
def test_a_table_read_without_the_toml_parser_reads_as_the_parser_does(table: str, simple: bool) -> None:
    found = _catalog_core._simple(table, "t")
    assert (found is not None) == simple
    if found is not None:
        assert found == _catalog_core._parse(table)
        assert set(found) == {"t.a", "t.b"}

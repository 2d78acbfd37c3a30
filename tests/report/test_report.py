"""The per-document HTML report: highlights cut correctly, every piece of document text escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import nlp
from cli import app
from nlp.quality.reading_notes import NOTES
from nlp.report.document_report import Evidence, evidence, format_value, json_for_script, render_document, segments

HOSTILE = ROOT / "tests" / "documents" / "hostile_markup.txt"
runner = CliRunner()


class Tags(HTMLParser):
    """Every start tag and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script_bodies: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and data.strip():
            self.script_bodies.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def hostile() -> dict:
    return nlp.analyze(HOSTILE).to_json()


def test_hostile_markup_stays_text(hostile: dict) -> None:
    page = render_document(hostile)
    tags = parse(page)
    names = {name for name, _ in tags.tags}
    assert not names & {"img", "iframe", "svg", "textarea"}  # the document's tags are not tags
    assert [name for name, _ in tags.tags].count("style") == 1  # the page's own
    scripts = [attrs for name, attrs in tags.tags if name == "script"]
    assert scripts == [{"type": "application/json", "id": "evidence-data"}, {}]
    assert not any(key.startswith("on") for _, attrs in tags.tags for key in attrs)
    assert "pwned" not in tags.script_bodies[-1]  # the page's own script
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page  # the text is shown, escaped
    assert "&lt;/textarea&gt;" in page


def test_evidence_json_cannot_close_its_script_tag(hostile: dict) -> None:
    page = render_document(hostile)
    data = page.split('<script type="application/json" id="evidence-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data
    decoded = json.loads(data)
    assert any("满意度" in item["title"] for item in decoded.values())


def test_the_content_security_policy_admits_only_the_page_script(hostile: dict) -> None:
    page = render_document(hostile)
    tags = parse(page)
    (policy,) = [a["content"] for name, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy"]
    script = tags.script_bodies[-1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_the_report_shows_every_extracted_item(seed_path: Path) -> None:
    document = nlp.analyze(seed_path).to_json()
    page = render_document(document)
    tags = parse(page)
    cards = [attrs for name, attrs in tags.tags if name == "section" and "card" in attrs.get("class", "")]
    assert len(cards) == len(document["evaluations"])
    highlighted = {i for _, attrs in tags.tags if "data-ann" in attrs for i in attrs["data-ann"].split()}
    assert highlighted == {i.id for i in evidence(document)}  # every item with a span is highlighted
    anchors = {attrs["id"] for _, attrs in tags.tags if "id" in attrs}
    assert {f"sec-{s['id']}" for s in document["sections"]} <= anchors
    assert {f"card-{e['id']}" for e in document["evaluations"]} <= anchors


def test_highlighted_text_is_the_text_at_the_offsets() -> None:
    document = nlp.analyze(SEEDS[3]).to_json()
    items = evidence(document)
    pieces = segments(document["text"], items, {})
    assert "".join(p.text for p in pieces) == document["text"]
    position = 0
    for piece in pieces:
        for key in piece.ids:
            item = next(i for i in items if i.id == key)
            assert item.start <= position and position + len(piece.text) <= item.end
        position += len(piece.text)


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.sampled_from(["claim", "flag", "problem"])))


@given(text=st.text(min_size=1, max_size=60), raw=spans, anchors=st.sets(st.integers(0, 60)))
def test_segments_partition_the_text_and_list_exactly_the_covering_items(text: str, raw, anchors: set[int]) -> None:
    items = [
        Evidence(f"k{n}", kind, min(s, len(text)), min(s + w, len(text)), "t")
        for n, (s, w, kind) in enumerate(raw)
        if min(s, len(text)) < min(s + w, len(text))
    ]
    marks = {a: [f"sec-{a}"] for a in anchors if a <= len(text)}
    pieces = segments(text, items, marks)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        end = position + len(piece.text)
        assert set(piece.ids) == {i.id for i in items if i.start <= position and end <= i.end}
        assert not any(position < i.start < end or position < i.end < end for i in items)  # no item starts inside
        position = end


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),
        ({"raw": "≥95%", "kind": "percent", "value": 95.0, "low": None, "high": None, "unit": "%", "comparator": ">="},
         "≥95 %"),
        ({"raw": "好", "kind": "text", "value": None, "low": None, "high": None, "unit": None, "comparator": None},
         "文字（无数值）"),
        ({"raw": "1-3月", "kind": "date_range", "value": None, "low": "2023-01", "high": "2023-03", "unit": None,
          "comparator": "range"}, "2023-01–2023-03"),
    ],
)  # fmt: skip
def test_values_are_shown_as_parsed(value, shown: str) -> None:
    assert format_value(value) == shown


def test_the_page_speaks_chinese_and_leads_with_the_reading_notes() -> None:
    document = nlp.analyze(SEEDS[4]).to_json()
    document["notes"] = ["no_statements", "dense_tables"]
    document["evaluations"][0]["budget"] = {"planned": 12.5, "executed": None, "rate": None}
    page = render_document(document)
    notes = [page.index(NOTES[note]) for note in document["notes"]]
    assert max(notes) < page.index("评价单元与评分卡")  # at the top, before the cards
    assert "执行 未说明" in page and "— 万元" not in page
    flag_rows = page[page.index("flags-table") : page.index('id="indicators"')]
    assert flag_rows.count("<tr>") > 1 and not re.search(r">(high|medium|low)<", flag_rows)
    assert not re.search(r"（(count|percent|money|number|text|date)）", page)


def test_json_for_script_escapes_markup_characters() -> None:
    text = json_for_script({"a": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_cli_report_writes_a_page(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(SEEDS[4]), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "<mark" in output.read_text(encoding="utf-8")


def test_cli_report_needs_exactly_one_input(tmp_path: Path) -> None:
    for arguments in ([], [str(SEEDS[0]), "--corpus", str(tmp_path)]):
        result = runner.invoke(app, ["report", *arguments, "-o", str(tmp_path / "x.html")])
        assert result.exit_code == 2


def test_cli_report_on_bad_input_exits_3_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["report", str(missing), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 3
    assert str(missing) in result.stderr and len(result.stderr.strip().splitlines()) == 1

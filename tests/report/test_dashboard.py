"""The corpus dashboard: figures from the batch tables, links to document reports, escaped labels."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SEEDS, write
from typer.testing import CliRunner

from cli import app
from nlp.corpus.batch import finalize, run_batch
from nlp.errors import InputError
from nlp.report import plots
from nlp.report.dashboard import (
    batch_settings,
    load_tables,
    render_corpus,
    shares_by,
    template_phrases,
    write_corpus_report,
)
from nlp.settings import default_settings

HOSTILE = ROOT / "tests" / "documents" / "hostile_markup.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    copy = write(folder, "copy_of_003.txt", SEEDS[3].read_bytes())
    out = folder / "out"
    inputs = [*map(str, SEEDS[2:]), str(HOSTILE), str(copy), str(folder / "missing.txt")]
    run_batch(inputs, out, workers=1)
    finalize(out, {"pipeline_version": "test"})
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.svgs = 0
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        self.svgs += tag == "svg"
        self.hrefs += [v for k, v in attrs if k == "href"]


def test_dashboard_links_each_evaluation_to_its_document_report(batch_out: Path, tmp_path: Path) -> None:
    page_path = tmp_path / "dash" / "index.html"
    links = write_corpus_report(batch_out, page_path)
    parser = Links()
    parser.feed(page_path.read_text(encoding="utf-8"))
    tables = load_tables(batch_out)
    assert len(parser.hrefs) == len(tables["evaluations"])  # one link per evaluation, the copy's not repeated
    for href in parser.hrefs:
        report, anchor = href.split("#")
        assert (page_path.parent / report).is_file()
        assert f'id="{anchor}"' in (page_path.parent / report).read_text(encoding="utf-8")
    assert len(links.href) == 4  # 002, 003, 004 and the hostile document; the copy of 003 is not redone
    assert parser.svgs >= 3 and not {"img", "iframe", "textarea"} & parser.tags


def test_dashboard_states_failures_copies_and_figures(batch_out: Path) -> None:
    page = render_corpus(batch_out)
    assert "missing.txt" in page  # the failed input is listed with its reason
    assert "1 份与另一份文本相同" in page
    for caption in ("质量分分布", "各类质量标记出现次数", "按年度", "按地区", "最常见的模板短语"):
        assert caption in page
    assert "<script>window" not in page and "<iframe" not in page


def test_shares_by_year_count_evaluations_and_statements_once() -> None:
    tables = {
        "documents": pd.DataFrame(
            {"doc_id": ["a", "b", "c"], "year": [2022, 2023, None], "duplicate_of": [None, None, None]}
        ),
        "evaluations": pd.DataFrame(
            {
                "doc_id": ["a", "a", "b", "c"],
                "eval_id": ["e1", "e2", "e1", "e1"],
                "stickiness": [None, None, 0.5, None],
                "template_reuse": [0.2, 0.4, None, None],
            }
        ),
        "flags": pd.DataFrame(
            {"doc_id": ["a", "a", "b"], "eval_id": ["e1", "e1", "e1"], "code": ["NONE_STATEMENT"] * 2 + ["X"]}
        ),
        "statements": pd.DataFrame({"doc_id": ["a", "a", "b"], "boilerplate": [True, False, False]}),
    }
    shares = shares_by(tables, "year")
    assert shares.loc["2022"].tolist()[:4] == [2, 0.5, 2, 0.5]
    assert shares.loc["2023"].tolist()[:4] == [1, 0.0, 1, 0.0]
    # the means of the evaluations that have them: 2022 has no prior year, 2023 no other department
    assert pd.isna(shares.loc["2022", "stickiness"]) and shares.loc["2022", "template_reuse"] == pytest.approx(0.3)
    assert shares.loc["2023", "stickiness"] == 0.5 and pd.isna(shares.loc["2023", "template_reuse"])
    assert shares.loc["未知", "evaluations"] == 1 and shares.loc["未知", "statements"] == 0


def test_template_phrases_need_two_documents_and_skip_overlapping_ones() -> None:
    statements = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["进一步加强预算绩效管理工作。", "要进一步加强预算绩效管理工作。", "某路段冬季除雪车辆不足。"],
        }
    )
    phrases = template_phrases(statements)
    assert phrases and all(count == 2 for _, count, _ in phrases)
    assert len(phrases) == 1  # the overlapping tetragrams of one template are one phrase
    assert "除雪" not in phrases[0][0]


def test_chart_labels_are_escaped_in_the_svg() -> None:
    svg = plots.horizontal_bars(['<script>alert("x")</script>', "$x^2$"], [3, 1], "次数")
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "$x^2$" in svg  # a dollar sign is a character, not mathtext


def test_not_a_batch_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"documents\.parquet"):
        load_tables(tmp_path)
    result = runner.invoke(app, ["report", "--corpus", str(tmp_path), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 3 and str(tmp_path) in result.stderr


def test_the_dashboard_uses_the_settings_its_batch_recorded(tmp_path: Path, batch_out: Path) -> None:
    recorded = default_settings().to_json()
    assert {**batch_settings(batch_out).to_json(), "sources": {}} == {**recorded, "sources": {}}
    assert batch_settings(tmp_path) is default_settings()  # no run.json: the shipped settings
    recorded["quality"]["grades"]["A"] = 95
    (tmp_path / "run.json").write_text(json.dumps({"settings": recorded}), encoding="utf-8")
    settings = batch_settings(tmp_path)
    assert settings.quality.data["grades"]["A"] == 95 and settings.sources["weights"] == str(tmp_path / "run.json")
    recorded["quality"]["grades"]["A"] = "high"
    (tmp_path / "run.json").write_text(json.dumps({"settings": recorded}), encoding="utf-8")
    with pytest.raises(InputError, match=r"grades\.A: Input should be a valid number"):
        batch_settings(tmp_path)
    (tmp_path / "run.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the run's settings"):
        batch_settings(tmp_path)


def test_the_dashboard_refuses_settings_files_of_its_own(batch_out: Path, tmp_path: Path) -> None:
    arguments = ["report", "--corpus", str(batch_out), "-o", str(tmp_path / "x.html"), "--weights", "w.toml"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2 and "run.json" in result.stderr and not (tmp_path / "x.html").exists()


def test_a_run_of_the_last_release_keeps_its_fixed_comparison_group(tmp_path: Path) -> None:
    """0.5.0 recorded the group beside the settings; the dashboard must not fall back to the batch's own."""
    settings = default_settings().to_json()
    del settings["comparison"]
    run = {"settings": settings, "reference": {"choice": "shipped"}, "group_by": []}
    (tmp_path / "run.json").write_text(json.dumps(run), encoding="utf-8")
    comparison = batch_settings(tmp_path).comparison
    assert comparison.choice == "shipped" and comparison.fixed is not None

"""Scoring against gold (nlp.corpus.gold, nlp.corpus.gold_eval, jixiao evaluate --gold, corpus/dev/manifest.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from cli import app
from nlp.corpus import gold as gold_module
from nlp.corpus.gold import GoldError, GoldPair, GoldRef, fold, load_gold_file, load_pairs, parse_gold
from nlp.corpus.gold_eval import (
    FIGURES,
    DocumentScore,
    amount_close,
    find_section,
    indicator_similarity,
    match_evaluations,
    match_statements,
    name_core,
    names_match,
    score_document,
    score_pair,
    statement_overlap,
    value_correct,
)

runner = CliRunner()
DEV = ROOT / "corpus" / "dev"


def value(raw: str, number: float | None = None, low: float | None = None, high: float | None = None) -> dict:
    return {"raw": raw, "kind": "number", "value": number, "low": low, "high": high, "unit": None, "comparator": "="}


def gold_json(**changes) -> dict:
    """A small valid gold answer: two projects, three indicators, statements, flags and sections."""
    data = {
        "doc": "w_test.txt",
        "origin": "written",
        "family": "national_project",
        "province": "四川",
        "level": "county",
        "evaluations": [
            {
                "kind": "project",
                "name": "保安经费",
                "budget": {"planned": 75.6, "executed": 70.0},
                "claimed_score": 95.0,
                "indicators": [
                    {"dimension": "数量指标", "name": "培训人数", "target": "≥200人次", "target_value": 200,
                     "actual": "215人次", "actual_value": 215},
                    {"dimension": "满意度指标", "name": "群众满意度", "target": "≥90%", "target_value": 90,
                     "actual": "较高", "actual_value": None},
                ],
                "problems": [{"text": "部分项目资金支付进度偏慢", "boilerplate": False}],
                "suggestions": [{"text": "无", "boilerplate": True}],
                "flags_required": ["UNSUPPORTED_SATISFACTION", "SCORE_MISMATCH"],
                "flags_forbidden": ["PERFECT_RECORD"],
            },
            {
                "kind": "project",
                "name": "物业管理费",
                "budget": None,
                "claimed_score": None,
                "indicators": [
                    {"dimension": "时效指标", "name": "完成时间", "target": "2023年12月", "target_value": None,
                     "actual": None},
                ],
                "problems": [{"text": "物业服务标准不够细化", "boilerplate": False}],
                "suggestions": [],
            },
        ],
        "sections": [
            {"heading": "存在的问题", "label": "problems"},
            {"heading": "改进建议", "label": "suggestions"},
            {"heading": "绩效目标", "label": "goals"},
        ],
    }  # fmt: skip
    data.update(changes)
    return data


def predicted_json() -> dict:
    """What a pipeline might say about the gold above: one project found, one missed, one invented."""
    return {
        "sections": [
            {"id": "s1", "number": "一、", "heading": "一、项目绩效目标完成情况", "label": "results"},
            {"id": "s2", "number": "二、", "heading": "二、存在的问题", "label": "problems"},
            {"id": "s3", "number": "三、", "heading": "三、改进建议", "label": "other"},
        ],
        "evaluations": [
            {
                "id": "e1",
                "kind": "project",
                "name": "2023年度保安经费项目支出绩效自评报告",
                "budget": {"planned": 75.6, "executed": 70.3, "rate": 93.0, "unit": "万元"},
                "claimed_score": 95.0,
                "indicators": [
                    {"name": "培训 人数", "target": value("≧200人次", 200.0), "actual": value("215人次", 214.0)},
                    {"name": "满意度", "target": value("90%以上", 90.0), "actual": value("满意度较高")},
                    {"name": "完成时间", "target": value("2023年12月"), "actual": None},
                    {"name": "资金到位率", "target": value("100%", 100.0), "actual": value("100%", 100.0)},
                ],
                "problems": [{"text": "部分项目资金支付进度偏慢，影响了资金使用效益。", "boilerplate": True}],
                "suggestions": [{"text": "无。", "boilerplate": True}],
                "flags": [{"code": "UNSUPPORTED_SATISFACTION", "eval": "e1"}, {"code": "PERFECT_RECORD", "eval": "e1"}],
                "quality": {"score": 70.0},
            },
            {
                "id": "e2",
                "kind": "department",
                "name": "物业管理费",
                "budget": {"planned": None, "executed": None, "rate": None, "unit": "万元"},
                "claimed_score": None,
                "indicators": [],
                "problems": [{"text": "物业服务标准不够细化", "boilerplate": False}],
                "suggestions": [],
                "flags": [],
                "quality": {"score": 60.0},
            },
        ],
        "flags": [{"code": "SCORE_MISMATCH", "eval": "e2"}],
    }


def parsed(**changes) -> gold_module.GoldDocument:
    return parse_gold(gold_json(**changes), Path("gold/w_test.json"))


# fold and names


def test_fold_unifies_width_spacing_and_punctuation() -> None:
    assert fold("（一） 培训\u3000人数；达到 ９０％") == fold("(一)培训人数;达到90%")
    assert fold("一是、二是。“好”《办法》—≧") == fold('一是,二是."好"<办法>-≥')
    assert fold("培训人数") != fold("培训次数")


def test_fold_uses_chinese_variants_when_present_and_identity_otherwise(monkeypatch) -> None:
    fake = types.ModuleType("nlp.text.chinese_variants")
    fake.to_simplified = lambda text: text.replace("項", "项").replace("經費", "经费")
    monkeypatch.setitem(sys.modules, "nlp.text.chinese_variants", fake)
    gold_module._simplifier.cache_clear()
    fold.cache_clear()
    try:
        assert fold("保安經費項目") == "保安经费项目"
        monkeypatch.setitem(sys.modules, "nlp.text.chinese_variants", None)  # the module missing
        gold_module._simplifier.cache_clear()
        fold.cache_clear()
        assert fold("保安經費項目") == "保安經費項目"
    finally:
        monkeypatch.undo()
        gold_module._simplifier.cache_clear()
        fold.cache_clear()


def test_name_core_strips_years_report_words_and_punctuation() -> None:
    assert name_core("2023年度保安经费项目支出绩效自评报告") == "保安经费"
    assert name_core("攀枝花市人民政府办公室2022年部门整体支出绩效自评报告") == "攀枝花市人民政府办公室"
    assert name_core("攀枝花市人民政府办公室部门整体绩效评价报告") == "攀枝花市人民政府办公室部门整体"
    assert name_core("（2023年）项目支出绩效自评表") == ""


def test_names_match_by_containment_or_ratio_but_not_unrelated_or_empty() -> None:
    assert names_match("保安经费", "2023年度保安经费项目支出绩效自评报告")
    assert names_match("攀枝花市人民政府办公室", "攀枝花市人民政府办公室部门整体支出绩效评价报告")
    assert names_match("农村公路养护专项资金", "农村公路养护专项经费")  # ratio 0.8
    assert not names_match("保安经费", "物业管理费")
    assert not names_match("保安经费", "2023年度项目支出绩效自评报告")  # nothing left to compare


def test_evaluations_pair_one_to_one_by_kind_and_name() -> None:
    gold = parsed().evaluations
    predicted = [
        {"kind": "project", "name": "物业管理费项目"},
        {"kind": "project", "name": "保安经费项目"},
        {"kind": "project", "name": "机关保安经费"},
        {"kind": "department", "name": "物业管理费"},
    ]
    assert match_evaluations(gold, predicted) == [(0, 1), (1, 0)]
    assert match_evaluations(gold, [{"kind": "department", "name": "保安经费"}]) == []


def test_a_nameless_gold_evaluation_takes_a_leftover_of_its_kind_after_the_named() -> None:
    data = gold_json()
    data["evaluations"][1]["name"] = None
    gold = parse_gold(data, Path("gold/w_test.json")).evaluations
    predicted = [{"kind": "project", "name": "保安经费"}, {"kind": "project", "name": "另一个项目"}]
    assert match_evaluations(gold, predicted) == [(0, 0), (1, 1)]
    assert match_evaluations(gold, predicted[:1]) == [(0, 0)]


# indicators, values, budget, statements, sections


def test_indicator_names_match_by_fold_containment_or_ratio() -> None:
    assert indicator_similarity("培训人数", "培训 人数") == 1.0
    assert indicator_similarity("满意度", "服务对象满意度") is not None
    assert indicator_similarity("开展文化活动场次", "开展文化活动场次，目标值≥") is not None
    assert indicator_similarity("率", "预算执行率") is None  # containment needs two characters
    assert indicator_similarity("培训人数", "资金到位率") is None
    assert indicator_similarity("群众满意度调查", "群众满意度测评") is None  # ratio 0.71 < 0.75


def test_values_compare_numbers_exactly_and_text_by_folded_containment() -> None:
    assert value_correct("≥200人次", 200, value("≧200人次", 200.0))
    assert value_correct("≥200人次", 200, value("200", 200.0000001))
    assert not value_correct("≥200人次", 200, value("199", 199.0))
    assert not value_correct("100-300人次", 200, value("100-300人次", None, 100.0, 300.0))  # a range is not 200
    assert not value_correct("≥200人次", 200, None)
    assert value_correct("效果明显", None, value("效果 明显。"))
    assert value_correct("较高", None, value("满意度较高"))
    assert not value_correct("较高", None, value("一般"))
    assert not value_correct("较高", None, None)


def test_budget_amounts_agree_within_half_a_hundred_yuan_or_a_thousandth() -> None:
    assert amount_close(75.6, 75.604)
    assert amount_close(3128.57, 3130.0)  # 0.05% off
    assert not amount_close(1.0, 1.01)
    assert not amount_close(75.6, None) and not amount_close(None, None)


def test_statements_overlap_by_containment_or_long_common_substring() -> None:
    assert statement_overlap("部分项目资金支付进度偏慢", "一是部分项目资金支付进度偏慢，影响效益。") == 1.0
    assert statement_overlap("项目资金支付进度偏慢的问题", "资金支付进度偏慢，影响效益") is not None
    assert statement_overlap("项目资金支付进度偏慢", "绩效目标设置不够细化") is None
    pairs = match_statements(
        parsed().evaluations[0].suggestions, [{"text": "暂无明显问题，无需改进"}, {"text": "无。"}]
    )
    assert pairs == [(0, 1)]  # 无 goes to 无。, not to the longer text that also contains it


def test_sections_are_found_by_heading_without_their_number() -> None:
    sections = [
        {"number": "一、", "heading": "一、项目绩效目标完成情况", "label": "results"},
        {"number": "(二)", "heading": "(二)绩效目标", "label": "goals"},
        {"number": "二、", "heading": "二、存在的问题及原因", "label": "problems"},
    ]
    assert find_section("绩效目标", sections)["label"] == "goals"  # equal beats an earlier containing heading
    assert find_section("存在的问题", sections)["label"] == "problems"
    assert find_section("项目绩效目标完成情况及分析", sections)["label"] == "results"
    assert find_section("改进建议", sections) is None


def test_a_heading_that_is_only_its_marker_is_found_by_the_marker() -> None:
    sections = [{"number": "目录", "heading": "目录", "label": "other"}]
    assert find_section("目录", sections)["label"] == "other"


# a whole document


def test_score_document_counts_every_figure() -> None:
    score = score_document(parsed(), predicted_json())
    counts = {key: tuple(pair) for key, pair in score.tally.items()}
    assert counts["evaluations_precision"] == (1, 2)  # 物业管理费 predicted as a department
    assert counts["evaluations_recall"] == (1, 2)
    assert counts["evaluations_f1"] == (2, 4)
    assert counts["indicators_recall"] == (3, 3)  # pooled: 满意度 ↔ 群众满意度, 完成时间 of the missed evaluation
    assert counts["indicators_precision"] == (3, 4)
    # 200 ✓, 215 vs 214 ✗, 90 ✓, 较高 ⊂ 满意度较高 ✓, 2023年12月 ✓
    assert counts["values_accuracy"] == (4, 5)
    assert counts["budget_accuracy"] == (1, 2)  # 70.3 vs 70.0 is off by 0.4%
    assert counts["claimed_score_accuracy"] == (1, 1)
    # gold: 1+1 of 保安经费 and 1 of the missed 物业管理费; predicted: 1+1 and 1 of the unmatched e2
    assert counts["statements_recall"] == (2, 3)
    assert counts["statements_precision"] == (2, 3)
    assert counts["boilerplate_accuracy"] == (1, 2)  # the problem is not boilerplate
    assert counts["flags_recall"] == (1, 2)  # SCORE_MISMATCH names e2, not e1
    assert counts["flags_false_alarm_rate"] == (1, 1)
    assert counts["sections_accuracy"] == (1, 3)  # 改进建议 labelled other, 绩效目标 inside results
    assert counts["pairs_accuracy"] == (0, 0)
    assert score.status == "ok" and score.quality == {0: 70.0}
    report = score.to_dict()
    assert report["evaluations"]["gold_unmatched"] == ["物业管理费"]
    assert report["figures"]["values_accuracy"] == {"value": 0.8, "num": 4, "n": 5}
    assert set(report["figures"]) == set(FIGURES)


def test_a_document_that_failed_counts_as_producing_nothing() -> None:
    score = score_document(parsed(), None, "w_test.txt: empty file")
    assert score.status == "error" and score.reason == "w_test.txt: empty file"
    assert score.tally["evaluations_recall"] == [0, 2]
    assert score.tally["indicators_recall"] == [0, 3]
    assert score.tally["statements_recall"] == [0, 3]
    assert score.tally["sections_accuracy"] == [0, 3]
    assert score.tally["evaluations_precision"] == [0, 0]
    nothing = {"sections": [], "evaluations": [], "flags": []}
    assert score_document(parsed(), nothing).status == "no_evaluation"


def test_pairs_need_both_evaluations_matched_and_the_better_scored_higher(tmp_path: Path) -> None:
    documents = [parsed()]
    line = {"better": {"doc": "w_test", "name": "保安经费"}, "worse": {"doc": "w_test.txt", "name": "物业管理费"}}
    (tmp_path / "pairs.jsonl").write_text(json.dumps({**line, "why": "具体"}, ensure_ascii=False) + "\n", "utf-8")
    [pair] = load_pairs(tmp_path / "pairs.jsonl", documents, names_match)
    assert pair == GoldPair(GoldRef("w_test", 0), GoldRef("w_test", 1), "具体")
    scores = {"w_test": score_document(documents[0], predicted_json())}
    assert not score_pair(pair, scores)  # 物业管理费 was not matched
    scores["w_test"] = DocumentScore("w_test", "national_project", "ok", None, {}, {0: 70.0, 1: 60.0})
    assert score_pair(pair, scores)
    assert not score_pair(GoldPair(pair.worse, pair.better, ""), scores)
    (tmp_path / "pairs.jsonl").write_text('{"better": {"doc": "w_test", "name": "食堂"}, "worse": {}, "why": ""}\n')
    with pytest.raises(GoldError, match=r"pairs.jsonl:1: better.name: no gold evaluation"):
        load_pairs(tmp_path / "pairs.jsonl", documents, names_match)


# malformed gold


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"family": "shanghai"}, r"family: 'shanghai' is not one of"),
        ({"doc": "other.txt"}, r"doc: 'other.txt' must be the file name docs/w_test"),
        ({"origin": "real"}, r"source_url: expected a non-empty string"),
        ({"evaluations": {}}, r"evaluations: expected a list"),
        ({"sections": [{"heading": "问题", "label": "issues"}]}, r"sections\[0\]\.label: 'issues' is not one of"),
        ({"sectoins": []}, r"sectoins: unknown field"),
    ],
)
def test_malformed_gold_names_file_and_field(change: dict, message: str) -> None:
    with pytest.raises(GoldError, match=r"^gold/w_test\.json: " + message):
        parse_gold(gold_json(**change), Path("gold/w_test.json"))


def test_malformed_evaluation_fields_name_their_path() -> None:
    cases = [
        (("budget",), {"planned": "75.6万元", "executed": None}, r"evaluations\[0\]\.budget\.planned: expected a"),
        (("indicators", 0, "dimension"), "产出指标", r"evaluations\[0\]\.indicators\[0\]\.dimension: '产出指标'"),
        (("problems", 0, "boilerplate"), "no", r"evaluations\[0\]\.problems\[0\]\.boilerplate: expected true"),
        (("flags_required", 0), "PERFECT", r"evaluations\[0\]\.flags_required\[0\]: 'PERFECT' is not"),
        (("claimed_score",), True, r"evaluations\[0\]\.claimed_score: expected a number"),
    ]
    for path, bad, message in cases:
        data = gold_json()
        target = data["evaluations"][0]
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = bad
        with pytest.raises(GoldError, match=message):
            parse_gold(data, Path("gold/w_test.json"))
    data = gold_json()
    del data["evaluations"][1]["indicators"][0]["dimension"]
    with pytest.raises(GoldError, match=r"evaluations\[1\]\.indicators\[0\]\.dimension: missing"):
        parse_gold(data, Path("gold/w_test.json"))
    data = gold_json()
    del data["evaluations"][0]["indicators"][0]["target_value"]
    with pytest.raises(GoldError, match=r"indicators\[0\]\.target_value: missing"):
        parse_gold(data, Path("gold/w_test.json"))


def test_gold_file_that_is_not_json_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "w_test.json"
    path.write_text('{"doc": "w_test.txt",', encoding="utf-8")
    with pytest.raises(GoldError, match=r"w_test\.json: not valid JSON: .* line 1"):
        load_gold_file(path)


# the command

SMALL_DOCUMENT = """2023年度青川县文化馆项目支出绩效自评报告
（群众文化活动经费）

一、项目概况
本项目用于组织全县群众文化活动。
二、项目资金使用情况
项目预算50万元，实际支出48万元，执行率96%。
三、绩效目标完成情况
数量指标：开展文化活动场次，目标值≥20场，实际完成24场。
满意度指标：群众满意度，目标值≥90%，实际完成95%。
四、存在的问题
一是活动形式较为单一；二是基层参与度不高。
五、改进建议
丰富活动形式，吸引更多群众参与。
"""


def small_gold() -> dict:
    indicators = [
        {"dimension": "数量指标", "name": "开展文化活动场次", "target": "≥20场", "target_value": 20,
         "actual": "24场", "actual_value": 24},
        {"dimension": "满意度指标", "name": "群众满意度", "target": "≥90%", "target_value": 90,
         "actual": "95%", "actual_value": 95},
    ]  # fmt: skip
    evaluation = {
        "kind": "project",
        "name": "群众文化活动经费",
        "budget": {"planned": 50, "executed": 48},
        "claimed_score": None,
        "indicators": indicators,
        "problems": [
            {"text": "活动形式较为单一", "boilerplate": False},
            {"text": "基层参与度不高", "boilerplate": False},
        ],
        "suggestions": [{"text": "丰富活动形式，吸引更多群众参与。", "boilerplate": False}],
        "flags_forbidden": ["PERFECT_RECORD"],
    }
    sections = [{"heading": "存在的问题", "label": "problems"}, {"heading": "改进建议", "label": "suggestions"}]
    return gold_json(doc="w_small.txt", family="national_project", evaluations=[evaluation], sections=sections)


def test_evaluate_gold_scores_a_folder_and_lists_unreadable_documents(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "w_small.txt").write_text(SMALL_DOCUMENT, encoding="utf-8")
    (tmp_path / "gold" / "w_small.json").write_text(json.dumps(small_gold(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "docs" / "w_empty.txt").write_text("", encoding="utf-8")
    empty = gold_json(doc="w_empty.txt", family="township_school")
    (tmp_path / "gold" / "w_empty.json").write_text(json.dumps(empty, ensure_ascii=False), encoding="utf-8")

    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["method"].startswith("leave-one-family-out")
    assert report["overall"]["documents"] == 2 and set(report["overall"]["figures"]) == set(FIGURES)
    assert set(report["per_family"]) == {"national_project", "township_school"}
    small = report["per_family"]["national_project"]["figures"]
    assert small["evaluations_recall"] == {"value": 1.0, "num": 1, "n": 1}
    assert small["indicators_recall"]["n"] == 2 and small["statements_recall"]["n"] == 3
    assert small["sections_accuracy"]["n"] == 2 and small["values_accuracy"]["n"] == 4
    assert report["overall"]["figures"]["evaluations_recall"]["n"] == 3
    [failure] = report["failures"]
    assert failure["id"] == "w_empty" and failure["status"] == "error" and "w_empty.txt" in failure["reason"]

    table = runner.invoke(app, ["evaluate", "--gold", str(tmp_path), "--family", "national_project"])
    assert table.exit_code == 0, table.output
    assert "evaluations R" in table.stdout and "national" in table.stdout and "township" not in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 120


def test_evaluate_gold_refuses_a_bad_folder_or_file_in_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "nowhere")])
    assert missing.exit_code == 3 and "no such directory" in missing.stderr
    (tmp_path / "gold").mkdir()
    empty = runner.invoke(app, ["evaluate", "--gold", str(tmp_path)])
    assert empty.exit_code == 3 and "no gold files" in empty.stderr
    (tmp_path / "gold" / "w_test.json").write_text(json.dumps(gold_json(family="x")), encoding="utf-8")
    bad = runner.invoke(app, ["evaluate", "--gold", str(tmp_path), "--json"])
    assert bad.exit_code == 3 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "w_test.json: family:" in bad.stderr and "Traceback" not in bad.stderr
    assert runner.invoke(app, ["evaluate", "--gold", str(tmp_path), "--family", "x"]).exit_code == 2
    assert runner.invoke(app, ["evaluate", "--family", "hunan_scoring"]).exit_code == 2


# the development corpus itself


@pytest.mark.parametrize("folder", [DEV, DEV.parent / "holdout", DEV.parent / "scans"], ids=["dev", "holdout", "scans"])
def test_manifest_is_current_and_every_document_has_its_gold(folder: Path) -> None:
    spec = importlib.util.spec_from_file_location("dev_manifest", DEV / "manifest.py")
    manifest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manifest)
    assert (folder / "manifest.tsv").read_text(encoding="utf-8") == manifest.manifest_text(folder), (
        f"{folder}/manifest.tsv is stale: run python corpus/dev/manifest.py {folder}"
    )
    documents = {path.stem for path in (folder / "docs").iterdir() if path.is_file()}
    golds = {path.stem for path in (folder / "gold").glob("*.json")}
    assert documents - golds == set(), "documents without a gold answer"
    assert golds - documents == set(), "gold answers without a document"

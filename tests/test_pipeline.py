"""The stage runner: one place owns the order, a prefix can run alone, each stage can be timed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from cli import app
from nlp.pipeline import STAGE_NAMES, analyze, analyze_document, run
from nlp.reading.ingest import ingest
from nlp.settings import DEFAULT_WEIGHTS, Settings

runner = CliRunner()


def test_the_stages_run_in_one_order_each_once() -> None:
    assert STAGE_NAMES[0] == "meta" and STAGE_NAMES[-1] == "notes"
    assert len(set(STAGE_NAMES)) == len(STAGE_NAMES)
    assert STAGE_NAMES.index("flags") < STAGE_NAMES.index("quality")  # quality counts the flags


def test_a_prefix_of_the_pipeline_stops_where_asked() -> None:
    document = ingest(SEEDS[3])
    outlined = run(document, stop_after="outline")
    assert outlined.sections and outlined.sections_by_id == {s.id: s for s in outlined.sections}
    assert outlined.evaluations == [] and {s.label for s in outlined.sections} == {None}  # not labelled yet
    found = analyze_document(document, stop_after="evaluations")
    assert found.evaluations and all(e.quality is None and not e.indicators for e in found.evaluations)
    with pytest.raises(ValueError, match="no stage 'scores'; the stages are meta, outline"):
        run(document, stop_after="scores")
    with pytest.raises(ValueError, match="stopped after 'evaluations': the output needs every stage"):
        found.to_json()


def test_the_profile_times_ingest_and_every_stage() -> None:
    timings: dict[str, float] = {}
    result = analyze(SEEDS[0], profile=timings)
    assert list(timings) == ["ingest", *STAGE_NAMES]
    assert all(seconds >= 0 for seconds in timings.values()) and sum(timings.values()) > 0
    assert result.evaluations and all(e.quality for e in result.evaluations)


def test_the_settings_given_are_the_ones_used(tmp_path: Path) -> None:
    heavy = tmp_path / "w.toml"
    heavy.write_text(DEFAULT_WEIGHTS.read_text(encoding="utf-8").replace("candor = 0.2", "candor = 5"), "utf-8")
    settings = Settings.load(weights=heavy)
    result = analyze(SEEDS[0], settings)
    assert result.settings is settings
    assert all(e.quality.weights["candor"] == 5 for e in result.evaluations)


def test_extract_profile_prints_a_stage_table_on_stderr_and_keeps_the_json_valid() -> None:
    result = runner.invoke(app, ["extract", str(SEEDS[0]), "--json", "--profile"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["evaluations"]
    lines = result.stderr.splitlines()
    assert lines[0].split() == ["stage", "seconds", "share"]
    assert [line.split()[0] for line in lines[1:]] == ["ingest", *STAGE_NAMES, "total"]
    assert lines[-1].endswith("100.0%")


HOSTILE_NUMBERS = """2023年度某某项目支出绩效自评报告
（某某项目）
一、项目概况
全年预算99999999999999999999999999999999999999万元，实际支出0.0000000000001万元，执行率99999999999999999999%。
二、绩效目标
| 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 实际完成值 | 得分 |
|---|---|---|---|---|---|---|
| 产出指标 | 数量指标 | 服务老人 | 99999999999999999999 | 0人 | 99999999999999999999999999999人 | 9999 |
| | 质量指标 | 服务合格率 | 0 | ≥0% | 0% | 0 |
| 满意度指标 | 满意度指标 | 老人满意度 | 1e308 | ≥99999999999999999999% | 1e309% | 0 |
三、评价结论
自评得分99999999999999999999999分。
"""


def test_absurd_numbers_give_finite_json(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(HOSTILE_NUMBERS, encoding="utf-8")
    result = analyze(path)
    assert result.evaluations
    json.dumps(result.to_json(), allow_nan=False)  # raises on NaN or infinity

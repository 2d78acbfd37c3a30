"""Each flag code: where it must fire (seeds and written documents) and where it must not."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, write

import nlp
from nlp.extraction.statements import mark_boilerplate
from nlp.quality.flags import (
    arithmetic_mismatch,
    boilerplate_text,
    budget_rate_mismatch,
    empty_indicator,
    none_statement,
    perfect_record,
    score_mismatch,
    target_equals_actual,
    unit_error,
    unsupported_satisfaction,
    vague_indicator,
)
from nlp.reading.ingest import ingest_bytes
from nlp.settings import default_settings
from nlp.text.corpus_stats import Reference
from nlp.text.document import Budget, Claim, Evaluation, Indicator, Statement
from nlp.text.values import parse_value

VALIDITY = ROOT / "corpus" / "validity"
THRESHOLDS = default_settings().thresholds


@cache
def codes_by_name(path: Path) -> dict[str, Counter]:
    result = nlp.analyze(path)
    found = {e.name: Counter(f.code for f in e.flags) for e in result.evaluations}
    found[None] = Counter(f.code for f in result.flags)
    return found


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


CASES = [
    # (code, document, evaluation name (None: document level), fires)
    ("NONE_STATEMENT", seed("000"), "招商引资经费", True),
    ("NONE_STATEMENT", seed("000"), "安全维稳专项经费", True),
    ("NONE_STATEMENT", seed("003"), "攀枝花市人民政府办公室", True),
    ("NONE_STATEMENT", seed("004"), "招商引资", True),
    ("NONE_STATEMENT", seed("000"), "电子政务外网光纤租用费、协同办公平台运维费", False),
    ("NONE_STATEMENT", seed("001"), "政务大厅基本运行经费", False),
    ("NONE_STATEMENT", seed("003"), "攀枝花市地方志编纂中心", False),
    ("DUPLICATE_TEXT", seed("000"), "安全维稳专项经费", True),
    ("DUPLICATE_TEXT", seed("001"), "政务大厅基本运行经费", False),
    ("ARITHMETIC_MISMATCH", seed("001"), None, True),
    ("ARITHMETIC_MISMATCH", seed("000"), None, False),
    ("UNIT_ERROR", seed("001"), "西区行政审批局", True),
    ("UNIT_ERROR", seed("000"), "攀枝花市仁和区人民政府办公室", False),
    ("NARRATIVE_TABLE_CONFLICT", seed("003"), "物业管理费项目", True),
    ("NARRATIVE_TABLE_CONFLICT", seed("001"), "政务大厅基本运行经费", False),
    ("TARGET_EQUALS_ACTUAL", seed("003"), "保安经费项目", True),
    ("TARGET_EQUALS_ACTUAL", VALIDITY / "good_training.md", "基层干部培训", False),
    ("UNSUPPORTED_SATISFACTION", seed("003"), "保安经费项目", True),
    ("UNSUPPORTED_SATISFACTION", seed("003"), "市政府办公室工作经费", False),  # 抽样调查
    ("UNSUPPORTED_SATISFACTION", VALIDITY / "good_hotline.txt", "12345热线运行经费", False),
    ("MALFORMED_TABLE", seed("004"), "招商引资", True),
    ("MALFORMED_TABLE", seed("003"), "保安经费项目", False),
    ("VAGUE_INDICATOR", seed("003"), "保安经费项目", True),
    ("VAGUE_INDICATOR", VALIDITY / "good_training.md", "基层干部培训", False),
    ("EMPTY_INDICATOR", seed("003"), "保安经费项目", True),
    ("EMPTY_INDICATOR", VALIDITY / "good_training.md", "基层干部培训", False),
    ("SCORE_MISMATCH", VALIDITY / "poor_training.md", "基层干部培训", True),
    ("SCORE_MISMATCH", VALIDITY / "good_training.md", "基层干部培训", False),  # modest: 88 under 98
    ("MISSING_SECTION", seed("000"), "招商引资经费", False),
]


@pytest.mark.parametrize(("code", "path", "name", "fires"), CASES, ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_flag(code: str, path: Path, name: str | None, fires: bool) -> None:
    assert (codes_by_name(path)[name][code] > 0) is fires


def test_missing_section_fires_on_a_report_without_problems(tmp_path: Path) -> None:
    text = (
        "2023年度某某项目支出绩效自评报告\n（某某项目）\n一、项目概况\n本项目预算20万元。\n"
        "二、绩效目标\n完成培训10次。\n三、评价结论\n完成良好。\n四、改进建议\n加强管理，明年增加2次培训。\n"
    )
    (evaluation,) = nlp.analyze(write(tmp_path, "a.txt", text)).evaluations
    messages = [f.message for f in evaluation.flags if f.code == "MISSING_SECTION"]
    assert messages == ["报告缺少“存在问题”部分。"]


PERFECT = """2023年度社区养老服务项目支出绩效自评报告
（社区养老服务项目）
一、项目概况
全年预算100万元，实际支出100万元，执行率100%。
二、绩效目标
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
|---|---|---|---|---|
| 产出指标 | 数量指标 | 服务老人 | 500人 | 520人 |
| | 质量指标 | 服务合格率 | ≥95% | 98% |
| 满意度指标 | 满意度指标 | 老人满意度 | ≥90% | 96% |
三、评价结论
全面完成。经问卷调查老人200名，满意度96%。
四、存在的问题
无。
五、改进建议
无。
"""


def test_perfect_record(tmp_path: Path) -> None:
    (evaluation,) = nlp.analyze(write(tmp_path, "a.md", PERFECT)).evaluations
    assert "PERFECT_RECORD" in {f.code for f in evaluation.flags}
    honest = PERFECT.replace("| 500人 | 520人 |", "| 500人 | 430人 |")
    (evaluation,) = nlp.analyze(write(tmp_path, "b.md", honest)).evaluations
    assert "PERFECT_RECORD" not in {f.code for f in evaluation.flags}


def test_boilerplate_text_against_a_comparison_group() -> None:
    template = "严格执行财务管理制度，进一步提高资金使用效益。"
    group = Reference.build([template + "其他内容。"] * 3 + ["另一份文件。"] * 2, "test")
    statements = [
        Statement("suggestion", template, 0, len(template), False),
        Statement("problem", "由于招标延期，3座桥梁未按期完工。", 0, 10, False),
    ]
    mark_boilerplate(statements, group)
    evaluation = Evaluation("e1", "project", "x", 0, 10, [], statements=statements)
    assert [f.code for f in boilerplate_text(evaluation)] == ["BOILERPLATE_TEXT"]


def test_every_flag_has_evidence_and_a_chinese_message(seed_path: Path) -> None:
    result = nlp.analyze(seed_path)
    flags = [*result.flags, *(f for e in result.evaluations for f in e.flags)]
    assert flags  # every seed has some: a check over none would pass whatever the flags looked like
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(result.ingested.text)
        assert flag.severity in {"high", "medium", "low"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in flag.message)


def row(
    target: str, actual: str, achieved: bool | None, dimension: str = "质量指标", weight: float = 10.0
) -> Indicator:
    """A filled 自评表 row."""
    return Indicator(
        dimension,
        None,
        dimension,
        "某指标",
        parse_value(target),
        parse_value(actual),
        weight,
        None,
        "table",
        0,
        5,
        achieved,
    )


BLANK = Indicator("生态效益指标", None, "生态效益指标", None, None, None, None, None, "table", 0, 5)
NONE_PROBLEM = Statement("problem", "无。", 0, 2, True)


def evaluation_of(rows: list[Indicator], claimed: float | None, rate: float | None, **fields) -> Evaluation:
    budget = Budget(100.0, rate, rate)
    return Evaluation("e1", "project", "x", 0, 10, [], budget=budget, claimed_score=claimed, indicators=rows, **fields)


def codes(flags: list) -> list[str]:
    return [f.code for f in flags]


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        ("经入户问卷调查居民300户，满意度96%。", True),  # the method just before the figure
        ("居民满意度96%，抽样调查样本300户。", True),  # or just after it
        ("按时完成各项统计调查任务，确保数据准确，服务作用明显提升，居民满意度96%。", False),  # the unit's business
        ("开展走访慰问困难群众20户。\n居民满意度96%。", False),  # another sentence
        # the level two clauses after the word, the survey right after the level
        ("服务对象满意度，年度目标≥90%，实际92.3%（入户发放问卷400份，回收382份）。", True),
        ("服务对象满意度，年度目标≥90%，实际92.3%，年度内开展走访慰问。", True),  # 走访 beside the level
        ("服务对象满意度，年度目标≥90%，实际92.3%，全年开展各项工作，成效明显，统计调查有序。", False),
    ],
)
def test_a_survey_supports_satisfaction_only_beside_it(text: str, supported: bool) -> None:
    evaluation = evaluation_of([row("≥90%", "96%", True, "满意度指标")], None, 100.0)
    assert (codes(unsupported_satisfaction(evaluation, text)) == []) is supported


@pytest.mark.parametrize(
    ("actual", "flagged"),
    [
        ("学生和家长的满意度较高。", True),
        ("群众满意", True),
        ("已完成", True),  # the target's ≥90% claimed as met
        ("按计划推进", False),
        ("群众满意度有待提高。", False),
        ("不满意", False),
    ],
)
def test_a_satisfaction_level_claimed_in_words_needs_a_survey_too(actual: str, flagged: bool) -> None:
    evaluation = evaluation_of([row("≥90%", actual, True, "满意度指标")], None, 100.0)
    assert (codes(unsupported_satisfaction(evaluation, actual)) == ["UNSUPPORTED_SATISFACTION"]) is flagged
    # beside a survey it is supported
    assert codes(unsupported_satisfaction(evaluation, "经问卷调查家长50人，满意度" + actual)) == []


def test_a_satisfaction_figure_read_twice_is_flagged_once() -> None:
    satisfaction = row("≥90%", "96%", True, "满意度指标")
    claim = Claim("满意度指标", "居民满意度", parse_value("96%"), "居民满意度96%", 0, 5, 3, 5, 1.0)
    evaluation = evaluation_of([satisfaction], None, 100.0, claims=[claim])
    assert codes(unsupported_satisfaction(evaluation, "居民满意度96%。")) == ["UNSUPPORTED_SATISFACTION"]


def test_a_satisfaction_level_the_prose_states_again_or_plans_is_no_second_flag() -> None:
    satisfied = row("≥90%", "96%", True, "满意度指标")
    restated = Claim("满意度指标", "实际满意度", parse_value("96%"), "实际满意度达96%", 40, 49, 45, 49, 1.0)
    planned = Claim("满意度指标", "计划群众满意度", parse_value("90%"), "计划群众满意度达到90%", 20, 33, 31, 33, 1.0)
    evaluation = evaluation_of([satisfied], None, 100.0, claims=[restated, planned])
    assert codes(unsupported_satisfaction(evaluation, "群众满意度96%。")) == ["UNSUPPORTED_SATISFACTION"]
    # a level only the prose states is flagged where it stands
    other = Claim("满意度指标", "家长满意度", parse_value("98%"), "家长满意度98%", 60, 69, 65, 69, 1.0)
    flagged = unsupported_satisfaction(evaluation_of([satisfied], None, 100.0, claims=[other]), "满意度96%。")
    assert [(f.start, f.end) for f in flagged] == [(0, 5), (60, 69)]
    # a level claimed as a bound (社会满意度大于90%) where no row states it is a level all the same
    bound = Claim("满意度指标", "社会满意度", parse_value(">90%"), "社会满意度大于90%", 0, 10, 6, 10, 1.0)
    alone = evaluation_of([], None, 100.0, claims=[bound])
    assert codes(unsupported_satisfaction(alone, "社会满意度大于90%。")) == ["UNSUPPORTED_SATISFACTION"]


def test_a_gap_from_unjudged_rows_alone_is_no_score_mismatch() -> None:
    copied = [row("明显提升", "明显提升", None), row("按要求开展", "按要求开展", None), row("≥5人", "5人", True)]
    assert score_mismatch(evaluation_of(copied, 100.0, 100.0, recomputed_score=88.0), THRESHOLDS) == []
    # a blank row or an execution below 100% is a loss the table shows
    assert codes(score_mismatch(evaluation_of([*copied, BLANK], 100.0, 100.0, recomputed_score=88.0), THRESHOLDS)) == [
        "SCORE_MISMATCH"
    ]
    assert codes(score_mismatch(evaluation_of(copied, 100.0, 90.0, recomputed_score=88.0), THRESHOLDS)) == [
        "SCORE_MISMATCH"
    ]


def test_perfect_record_reads_copied_targets_as_met() -> None:
    rows = [row("≥5人", "5人", True), row("100%", "100%", True), row("明显增强", "明显增强", None)]
    rows.append(row("按时", "按时", None))
    assert codes(perfect_record(evaluation_of(rows, None, 100.0, statements=[NONE_PROBLEM]), THRESHOLDS)) == [
        "PERFECT_RECORD"
    ]
    unmet = [*rows, row("≥8人", "6人", False)]
    assert perfect_record(evaluation_of(unmet, 100.0, 100.0, statements=[NONE_PROBLEM]), THRESHOLDS) == []
    assert perfect_record(evaluation_of(rows, None, 96.0, statements=[NONE_PROBLEM]), THRESHOLDS) == []


def test_perfect_record_needs_enough_rows_to_speak_of_every_indicator() -> None:
    rows = [row("≥5人", "5人", True), row("100%", "100%", True), row("按时", "按时", None)]
    few = rows[: THRESHOLDS.min_rows - 1]
    assert perfect_record(evaluation_of(few, None, 100.0, statements=[NONE_PROBLEM]), THRESHOLDS) == []
    enough = rows[: THRESHOLDS.min_rows]
    assert codes(perfect_record(evaluation_of(enough, None, 100.0, statements=[NONE_PROBLEM]), THRESHOLDS)) == [
        "PERFECT_RECORD"
    ]


def test_perfect_record_from_full_marks_and_a_stated_execution_rate() -> None:
    claim = Claim("其他", "预算执行率", parse_value("100%"), "预算执行率100%", 0, 9, 5, 9, 1.0)
    evaluation = Evaluation("e1", "project", "x", 0, 10, [], claimed_score=100.0, claims=[claim])
    assert codes(perfect_record(evaluation, THRESHOLDS)) == ["PERFECT_RECORD"]
    evaluation.claimed_score = 95.0
    assert perfect_record(evaluation, THRESHOLDS) == []


@pytest.mark.parametrize(
    ("paragraph", "fires"),
    [
        ("慰问项目配套资金5.2元，全部到位并使用完毕，执行率100%。", True),  # 万元 meant: a fund of a few 元
        ("项目预算80万元，其中培训资金600元。", True),
        ("全年实际支出12,456,300.50元，预算执行率98.50%。", False),  # the tail of a separated number
        ("慰问资金300元/人，全部到位，执行率100%。", False),  # a per-unit price
        ("按每人补助资金300元的标准发放，执行率100%。", False),
        ("办公用品支出资金300元。", False),  # no budget in sight: nothing says 万元 is meant
        # parts in 万元 that add up to an amount written in 元: 万元 is meant, however large the number
        ("完成村卫生室补助4712.3元，其中中央补助1896.3万元，地方补助2816万元。", True),
        ("完成村卫生室补助4712.3元，其中中央补助1896.3元，地方补助2816元。", False),
        ("完成村卫生室补助4712.3元，其中中央补助1896.3万元，地方补助2000万元。", False),
    ],
)
def test_unit_error(paragraph: str, fires: bool) -> None:
    document = ingest_bytes(paragraph.encode(), "a.txt")
    assert (codes(unit_error(document, THRESHOLDS)) == ["UNIT_ERROR"]) is fires


def test_an_amount_in_yuan_whose_parts_in_wan_yuan_add_up_is_one_unit_error_not_also_a_mismatch() -> None:
    document = ingest_bytes("完成村卫生室补助4712.3元，其中中央补助1896.3万元，地方补助2816万元。".encode(), "a.txt")
    assert codes(unit_error(document, THRESHOLDS)) == ["UNIT_ERROR"]
    assert arithmetic_mismatch(document, THRESHOLDS) == []
    long = ingest_bytes(("项目预算执行情况：" + "补助资金1000元，其中中央补助6万元，" * 3000).encode(), "a.txt")
    started = time.perf_counter()
    unit_error(long, THRESHOLDS)
    assert time.perf_counter() - started < 5


def test_stated_shares_are_read_whole_by_find_quantities() -> None:
    """1,684.93万元 is 1684.93, not 684.93 (the hand-written pattern read past the thousands comma)."""
    paragraph = "支出合计3,041.26万元。其中：基本支出1,684.93万元，占55.40%；项目支出1,356.33万元，占比44.60%。"
    document = ingest_bytes(paragraph.encode(), "a.txt")
    assert arithmetic_mismatch(document, THRESHOLDS) == []
    wrong = paragraph.replace("55.40%", "45.40%").replace("44.60%", "54.60%")
    flags = arithmetic_mismatch(ingest_bytes(wrong.encode(), "a.txt"), THRESHOLDS)
    assert [flag.message.split("占")[0] for flag in flags] == ["1684.93万元", "1356.33万元"]


def test_shares_are_checked_against_the_total_they_fit() -> None:
    def messages(paragraph: str) -> list[str]:
        return [f.message for f in arithmetic_mismatch(ingest_bytes(paragraph.encode(), "a.txt"), THRESHOLDS)]

    # the year's spending, not the budget stated first, is what the shares are of; so is 占总支出的
    spent = (
        "年初预算2,864.30万元，全年支出3,041.26万元，其中：基本支出1,684.93万元，占{}%；项目支出1,356.33万元，占44.6%。"
    )
    assert messages(spent.format("55.40")) == []
    assert messages(spent.format("45.40")) == ["1684.93万元占3041.26万元的55.4%，文中写作45.4%。"]
    parts = "按支出性质分：基本支出842.30万元，占总支出的72.4%；项目支出401.45万元，占总支出的32.28%。"
    assert messages(parts) == ["842.3万元占1243.75万元的67.7%，文中写作72.4%。"]
    # an asset's original value, though its net value is stated nearer; shares of two bases are no one list
    assets = (
        "原值482.46万元，累计折旧162.14万元，净值320.32万元。其中：房屋134.67万元，占27.91%；设备195.56万元，占40.53%。"
    )
    assert messages(assets) == []
    assert messages("工资福利支出300万元，占基本支出的60%；专项支出100万元，占项目支出的50%。") == []
    # each sentence's shares are one list, of its own total
    two = (
        "收入合计1000万元，其中财政拨款800万元，占80%；其他收入200万元，占20%。"
        "支出合计950万元，其中：基本支出600万元，占{}%；项目支出350万元，占36.8%。"
    )
    assert messages(two.format("63.2")) == []
    assert messages(two.format("73.2")) == ["600万元占950万元的63.2%，文中写作73.2%。"]
    # one share of a total the text names and states before it
    one = "全年执行数2,987.62万元，预算执行率95.50%。其中：项目支出1,963.32万元，占全年执行数的{}%，主要用于5项任务。"
    assert messages(one.format("65.7")) == []
    assert messages(one.format("68.2")) == ["1963.32万元占2987.62万元的65.7%，文中写作68.2%。"]
    assert messages("项目支出1,963.32万元，占全年执行数的68.2%。") == []  # a base never stated: nothing to check

    # a base named inside a longer name, last year's, a change, or the pair's own amount: nothing to check
    for unchecked in (
        "本年支出合计2,987.62万元。项目支出1,963.32万元，占支出的65.7%。",
        "其中项目支出预算1,599.25万元，占预算的51.1%",
        "全年执行数2,987.62万元，上年全年执行数2,500.00万元。项目支出1,963.32万元，占全年执行数的65.7%。",
        "全年预算数1,000万元，年中调减预算200万元。项目支出480万元，占预算的60%。",
    ):
        assert messages(unchecked) == [], unchecked


def test_a_share_that_holds_only_when_its_amount_in_yuan_is_read_as_wan_yuan_is_a_unit_error() -> None:
    spent = "全年支出3,140.55万元。其中：基本支出1,032.68万元，占32.88%；项目支出2,107.87{}，占67.12%，主要用于管护。"
    (flag,) = arithmetic_mismatch(ingest_bytes(spent.format("元").encode(), "a.txt"), THRESHOLDS)
    assert flag.code == "UNIT_ERROR" and "2107.87万元" in flag.message
    assert arithmetic_mismatch(ingest_bytes(spent.format("万元").encode(), "b.txt"), THRESHOLDS) == []
    in_yuan = "支出合计300000元，其中基本支出100000元，占33.33%；项目支出200000元，占66.67%。"  # all in 元: nothing
    assert arithmetic_mismatch(ingest_bytes(in_yuan.encode(), "c.txt"), THRESHOLDS) == []


SHELL_TABLE = """某县2023年度项目支出绩效自评表
项目名称\t道路养护项目
一级指标\t二级指标\t三级指标\t年度指标值\t{actual_header}\t得分
产出指标\t数量指标\t养护里程\t≥120公里\t\t
产出指标\t质量指标\t路况优良率\t≥85%\t\t
总分\t100\t\t
存在问题\t无
"""


@pytest.mark.parametrize(("actual_header", "fires"), [("实际完成值", True), ("备注", False)])
def test_empty_indicator_fires_on_actuals_left_blank(tmp_path: Path, actual_header: str, fires: bool) -> None:
    text = SHELL_TABLE.format(actual_header=actual_header)
    (evaluation,) = nlp.analyze(write(tmp_path, "shell.txt", text)).evaluations
    assert [i.actual for i in evaluation.indicators if i.name] == [None, None]
    messages = [f.message for f in evaluation.flags if f.code == "EMPTY_INDICATOR"]
    assert messages == (["“养护里程”的实际完成值一栏留空。", "“路况优良率”的实际完成值一栏留空。"] if fires else [])


def test_a_row_the_page_is_cut_off_in_is_not_left_blank(tmp_path: Path) -> None:
    cut = SHELL_TABLE.format(actual_header="实际完成值").split("产出指标\t质量指标")[0]
    (evaluation,) = nlp.analyze(write(tmp_path, "cut.txt", cut)).evaluations
    assert [i.name for i in evaluation.indicators] == ["养护里程"]
    assert not [f for f in evaluation.flags if f.code == "EMPTY_INDICATOR"]


def test_a_scored_row_with_its_target_and_actual_left_blank(tmp_path: Path) -> None:
    rows = "".join(
        f"| 产出指标 | 数量指标 | {name} | {target} | {actual} | 10 | 10 |\n"
        for name, target, actual in [
            ("培训人数", "≥200人", "215人"),
            ("带动农民增收", "", ""),
            ("合格率", "95%", "97%"),
        ]
    )
    text = "某项目绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n" + rows
    assert flag_messages(tmp_path, text, "EMPTY_INDICATOR") == ["“带动农民增收”的指标值和实际完成值均留空。"]
    # a 评分表's 决策 row states points, no values
    scoring = text.replace("| 产出指标 | 数量指标 | 带动农民增收", "| 决策 | 项目立项 | 立项依据充分性")
    assert flag_messages(tmp_path, scoring, "EMPTY_INDICATOR") == []
    # a row weighing nothing asks for no value
    unweighed = text.replace("| 带动农民增收 |  |  | 10 | 10 |", "| 本项目不涉及 |  |  | 0 | 0 |")
    assert "本项目不涉及" in unweighed
    assert flag_messages(tmp_path, unweighed, "EMPTY_INDICATOR") == []


def test_a_row_named_by_a_figure_is_no_indicator_left_blank() -> None:
    document = ingest_bytes(
        "三级指标\t年度指标值\t实际完成值\n10.00\t10.00\t\n培训人数\t≥200人\t\n尾注".encode(), "a.txt"
    )
    misread = Indicator("其他", None, None, "10.00", parse_value("10.00"), None, None, None, "table", 25, 30)
    named = Indicator("数量指标", None, None, "培训人数", parse_value("≥200人"), None, None, None, "table", 32, 42)
    evaluation = Evaluation("e1", "project", "x", 0, len(document.text), [], indicators=[misread, named])
    assert [f.message for f in empty_indicator(evaluation, document)] == ["“培训人数”的实际完成值一栏留空。"]


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("项目资金总预算为500万元，其中甲类支出120万元，乙类支出370万元。", True),  # 10 short: a slip
        ("项目资金总预算为500万元，其中甲类支出120万元，乙类支出390万元。", True),  # parts above the total
        ("项目资金总预算为500万元，其中甲类支出120万元，乙类支出380万元。", False),
        ("项目资金总预算为500万元，其中甲类支出120万元，乙类支出200万元。", False),  # the main items only
        ("年初预算400万元，追加100万元，全年预算500万元，其中甲类支出120万元，乙类支出380万元。", False),
        ("三公经费10万元，比上年减少2万元，其中接待费4万元，公车运维费6万元。", False),
        ("项目资金500万元，其中甲类支出120万元，占24%。", False),  # a share: another kind of list
        ("下达项目资金500万元。其中：甲类支出120万元，乙类支出370万元。", True),  # 其中 opening its own sentence
        ("下达项目资金500万元。其中：甲类支出120万元，乙类支出380万元。", False),
        ("项目资金500万元，其中管理费5万元，目前已拨付497万元。", False),  # where the money stands, no part
        ("实际支出480万元。其中甲类支出300万元，乙类支出180万元，结余20万元已交回。", False),
        ("项目资金500万元，其中甲类支出120万元，乙类支出380万元（丙项200万元，丁项180万元）。", False),
        ("项目资金500万元，其中甲类120万元，其他资金（含结余资金）370万元。", True),
        # a total broken down twice: the second list adds up to the first amount, not to the last part before it
        ("项目总投资157万元，其中县级资金39.3万元，其他资金117.7万元。其中甲路87万元，乙路70万元。", False),
        ("项目总投资157万元，其中县级资金39.3万元，其他资金117.7万元。其中甲路87万元，乙路60万元。", True),
        # a part broken down in its own words after its amount: its parts are no parts of the total
        ("项目支出500万元，其中：一是甲基金300万元，分别为丙项200万元、丁项100万元；二是乙经费200万元。", False),
        ("项目支出500万元，其中：甲基金300万元，乙经费190万元，分别为丙项100万元、丁项90万元。", True),
        # names listed before 分别为 take the amounts after it: parts of the total, no breakdown
        ("项目支出500万元，其中甲项300万元，乙项、丙项分别为100万元、150万元。", True),
        # an amount earlier in the same sentence is no total its parts may add up to
        ("项目预算资金150万元，实际支出120万元，其中人员经费100万元，公用经费50万元。", True),
        # each part's budget, then its spending: two measures, no list of parts
        (
            "全年执行数600万元。其中：财政拨款全年预算数700万元，执行580万元；其他资金全年预算数30万元，执行20万元。",
            False,
        ),
        # the parts are the budgets, not their spending
        (
            "总预算500万元，其中中央资金300万元，执行280万元，省级150万元，执行140万元，县级100万元，执行90万元。",
            True,
        ),
    ],
)
def test_parts_that_do_not_add_up_to_their_total(sentence: str, fires: bool) -> None:
    flags = arithmetic_mismatch(ingest_bytes(sentence.encode(), "a.txt"), THRESHOLDS)
    assert (codes(flags) == ["ARITHMETIC_MISMATCH"]) is fires


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("本年预算数800万元，执行数1200万元，执行率为100%。", True),  # spending above the budget, written as 100%
        ("本年预算数800万元，执行数600万元，执行率为95%。", True),
        ("本年预算数800万元，执行数600万元，执行率为75%。", False),
        ("年初预算数700万元，全年预算数800万元，全年执行数600万元，执行率75%。", False),  # against the full budget
        ("年初预算数700万元，全年预算数（调整后）800万元，全年执行数600万元，执行率75%。", False),  # a label's note
        ("本年预算数800万元，执行数600.5万元，执行率75.06%。", False),
        ("本年预算数800万元，执行数600万元。执行率另计。", False),
    ],
)
def test_an_execution_rate_the_amounts_contradict(sentence: str, fires: bool) -> None:
    document = ingest_bytes(sentence.encode(), "a.txt")
    flags = arithmetic_mismatch(document, THRESHOLDS)
    assert (codes(flags) == ["ARITHMETIC_MISMATCH"]) is fires
    assert all("执行率应为" in f.message and document.text[f.start : f.end].startswith("预算数") for f in flags)


def test_a_none_statement_quotes_what_was_written_or_says_the_part_is_empty() -> None:
    written = Evaluation("e1", "project", "x", 0, 10, [], statements=[NONE_PROBLEM])
    assert [f.message for f in none_statement(written)] == ["“存在问题”只写了“无。”，未作任何说明。"]
    empty = Evaluation("e1", "project", "x", 0, 10, [], statements=[Statement("suggestion", "", 8, 8, True)])
    assert [(f.message, f.start, f.end) for f in none_statement(empty)] == [
        ("“改进建议”部分为空，未作任何说明。", 8, 8)
    ]


@pytest.mark.parametrize(
    ("planned", "executed", "rate", "fires"),
    [
        (286.4, 251.37, 95.2, True),  # a form's rate its own budget rows contradict (87.8%)
        (286.4, 251.37, 87.77, False),
        (100.0, 104.0, 100.0, False),  # spending above the budget, the rate capped at 100%
    ],
)
def test_a_budget_rate_its_amounts_contradict(planned: float, executed: float, rate: float, fires: bool) -> None:
    text = f"年度资金总额 | {planned:g} | {executed:g} | {rate:g}%"
    document = ingest_bytes(text.encode(), "a.txt")
    evaluation = Evaluation("e1", "project", "x", 0, len(document.text), [])
    evaluation.budget = Budget(planned, executed, rate)
    flags = budget_rate_mismatch(evaluation, document, {}, THRESHOLDS)
    assert (codes(flags) == ["ARITHMETIC_MISMATCH"]) is fires
    assert all(document.text[f.start : f.end] == f"{rate:g}%" for f in flags)


def test_prose_stating_a_target_beside_its_actual_is_judged_like_a_row() -> None:
    stated = Indicator(
        "社会效益指标",
        None,
        None,
        "农户防控意识",
        parse_value("明显提高"),
        parse_value("明显提高"),
        5,
        5,
        "narrative",
        0,
        9,
    )
    evaluation = Evaluation("e1", "project", "x", 0, 10, [], indicators=[stated])
    assert codes(target_equals_actual(evaluation)) == ["TARGET_EQUALS_ACTUAL"]
    assert codes(vague_indicator(evaluation)) == ["VAGUE_INDICATOR"]
    # a clause read whole as a target is no stated value
    clause = parse_value("建设服务中心、专家工作站、大数据中心等项目，年度投资逐步增加")
    stated.target, stated.actual = clause, parse_value("实际完成投资，效果明显提高")
    assert target_equals_actual(evaluation) == [] and vague_indicator(evaluation) == []


def test_a_high_score_over_an_unmet_row_whose_points_were_cut_is_no_score_mismatch() -> None:
    rows = [row("≥35公里", "31.2公里", False, weight=45.0), row("100%", "100%", True, weight=45.0)]
    rows[0].points, rows[1].points = 40.0, 45.0
    # the rows score 85 and the budget 10: a claimed 95 is what the table gives
    assert score_mismatch(evaluation_of(rows, 95.0, 100.0, recomputed_score=95.0), THRESHOLDS) == []
    # full points over the unmet row: the score ignores it
    rows[0].points = 45.0
    flags = score_mismatch(evaluation_of(rows, 100.0, 100.0, recomputed_score=95.0), THRESHOLDS)
    assert [f.message for f in flags] == ["自评得分100分，但有1项指标未完成且未扣分。"]


def test_a_score_above_what_its_own_table_gives_is_a_score_mismatch() -> None:
    rows = [row("≥35公里", "31.2公里", False, weight=45.0), row("100%", "100%", True, weight=45.0)]
    rows[0].points, rows[1].points = 36.0, 45.0
    flags = score_mismatch(evaluation_of(rows, 98.0, 100.0, recomputed_score=95.0), THRESHOLDS)
    assert [f.message for f in flags] == ["自评得分98分，但自评表各项得分合计约91分。"]


def test_a_part_written_in_the_other_unit_is_a_unit_error_not_a_sum_that_fails() -> None:
    text = "全年预算1,286,500.00元，其中：中央和省级补助资金936,500.00元，县级配套资金350,000.00万元。"
    document = ingest_bytes(text.encode(), "a.txt")
    flags = arithmetic_mismatch(document, THRESHOLDS)
    assert codes(flags) == ["UNIT_ERROR"]
    assert document.text[flags[0].start : flags[0].end] == "350,000.00万元"
    # parts that fail in either unit still fail
    wrong = "全年预算1,286,500.00元，其中：中央和省级补助资金936,500.00元，县级配套资金300,000.00万元。"
    assert codes(arithmetic_mismatch(ingest_bytes(wrong.encode(), "b.txt"), THRESHOLDS)) == ["ARITHMETIC_MISMATCH"]


def flag_messages(tmp_path: Path, text: str, code: str) -> list[str]:
    """The messages of the flags of ``code`` on a small written document."""
    result = nlp.analyze(write(tmp_path, "doc.txt", text)).to_json()
    return [f["message"] for e in result["evaluations"] for f in e["flags"] if f["code"] == code]


def test_a_budget_tables_source_rows_that_do_not_add_up_to_its_total(tmp_path: Path) -> None:
    def arithmetic(rows: str) -> list[str]:
        text = "某项目绩效自评表\n| 项目名称 | 某项目 |\n| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 |\n" + rows
        return flag_messages(tmp_path, text, "ARITHMETIC_MISMATCH")

    unequal = (
        "| 年度资金总额 | 4,865.20 | 5,012.40 | 4,948.18 |\n| 其中：当年财政拨款 | 4,865.20 | 4,812.40 | 4,848.18 |\n"
    )
    unequal += "| 上年结转资金 | 0.00 | 100.00 | 100.00 |\n| 其他资金 | 0 | 0 | 0 |\n"
    assert arithmetic(unequal) == ["年度资金总额5012.4，其中各项（4812.4、100、0）合计4912.4，两者不符。"]
    # parts left blank or marked — state nothing; parts that add up are no mismatch
    assert (
        arithmetic("| 年度资金总额 | 10 | 12 | 11 |\n| 其中：当年财政拨款 | — | — | — |\n| 上年结转资金 | | | |\n")
        == []
    )
    assert (
        arithmetic(
            "| 年度资金总额 | 10 | 12 | 11 |\n| 其中：当年财政拨款 | 8 | 9 | 9 |\n| 上年结转资金 | 2 | 3 | 2 |\n"
        )
        == []
    )
    # a second 其中 splits a part further: the rows are no one list of parts
    nested = "| 年度资金总额 | 10 | 12 | 11 |\n| 其中：当年财政拨款 | 8 | 9 | 9 |\n| 其中：中央资金 | 5 | 5 | 5 |\n"
    assert arithmetic(nested) == []


def conflicts(tmp_path: Path, results: str, rows: str) -> list[str]:
    """NARRATIVE_TABLE_CONFLICT's messages on a report whose results section holds ``results`` and whose 自评表
    holds ``rows``."""
    text = (
        "某项目绩效自评报告\n一、绩效目标完成情况\n" + results + "\n二、自评表\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n" + rows
    )
    return flag_messages(tmp_path, text, "NARRATIVE_TABLE_CONFLICT")


def test_a_goal_the_report_sets_that_the_forms_row_of_the_same_name_sets_otherwise(tmp_path: Path) -> None:
    def goal_conflicts(goal: str, under_problems: bool = False) -> list[str]:
        heading = "一、存在的问题\n（一）助餐点建设未达目标。" if under_problems else "一、绩效目标设定情况\n"
        text = (
            f"某区老年人助餐服务补贴项目绩效自评报告\n{heading}全年为不少于3000名老年人提供助餐服务；{goal}。\n"
            "二、自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 新建老年人助餐点 | ≥10个 | 10个 | 10 | 10 |\n"
            "| 产出指标 | 数量指标 | 助餐服务覆盖老年人数 | ≥3000人 | 3126人 | 10 | 10 |\n"
        )
        return flag_messages(tmp_path, text, "NARRATIVE_TABLE_CONFLICT")

    assert goal_conflicts("新建老年人助餐点不少于12个") == [
        "新建老年人助餐点：报告的绩效目标写“新建老年人助餐点不少于12个”，自评表目标值为“≥10个”，两者不一致。"
    ]
    assert goal_conflicts("新建老年人助餐点不少于10个") == []
    assert goal_conflicts("新建老年人助餐点不少于12个", under_problems=True) == []  # a problem's words, no goal
    # a goal of several years is not the year's; the year's own goal agreeing with the row leaves it be
    assert goal_conflicts("中期目标：到2025年，全区新建老年人助餐点不少于30个") == []
    assert goal_conflicts("全区新建老年人助餐点不少于30个；2023年新建老年人助餐点不少于10个") == []


def test_a_dimension_line_restating_a_row_with_another_figure(tmp_path: Path) -> None:
    row = "| 产出指标 | 数量指标 | 新建蔬菜大棚数量 | ≥60座 | 58座 | 30 | 29 |\n"
    line = "1.数量指标：新建蔬菜大棚，年度目标60座，实际完成{}座。"
    assert conflicts(tmp_path, line.format(62), row) == [
        "新建蔬菜大棚数量：报告写“62座”，自评表实际完成值为“58座”，两者不一致。"
    ]
    assert conflicts(tmp_path, line.format(58), row) == []
    # the target, where the result agrees; a date without its year is that day of the table's year
    timely = "| 产出指标 | 时效指标 | 大棚完工时间 | 2023年10月31日前 | 2023年10月30日 | 10 | 10 |\n"
    said = "3.时效指标：大棚完工时间，年度目标{}前完工，实际完成2023年10月30日。"
    assert conflicts(tmp_path, said.format("11月30日"), timely) == [
        "大棚完工时间：报告写“11月30日前完工”，自评表目标值为“2023年10月31日前”，两者不一致。"
    ]
    assert conflicts(tmp_path, said.format("10月31日"), timely) == []


def test_prose_stating_a_figure_the_tables_row_of_the_same_name_contradicts(tmp_path: Path) -> None:
    def conflicts_with_row(results: str) -> list[str]:
        row = "| 产出指标 | 数量指标 | 职业技能培训人次 | ≥12000人次 | 11800人次 | 10 | 9 |\n"
        return conflicts(tmp_path, results, row)

    assert conflicts_with_row("全年组织职业技能培训12600人次，培训合格率92.4%。") == [
        "职业技能培训人次：报告写“全年组织职业技能培训12600人次”，自评表实际完成值为“11800人次”，两者不一致。"
    ]
    # the prose also states the row's own figure: its other figure is another quantity (the ones left, in all)
    assert conflicts_with_row("全年完成职业技能培训11800人次，其余200人次职业技能培训延至次年。") == []


def test_a_forms_total_row_its_rows_points_do_not_add_up_to(tmp_path: Path) -> None:
    def arithmetic(weights: tuple[int, int], total: str) -> list[str]:
        text = (
            "某项目绩效自评表\n| 项目名称 | 某项目 |\n| 项目资金 | 全年预算数 | 全年执行数 | 执行率 |\n"
            "| 年度资金总额 | 100 | 96 | 96% |\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            f"| 产出指标 | 数量指标 | 培训人次 | ≥100人次 | 98人次 | {weights[0]} | 40 |\n"
            f"| 效益指标 | 社会效益指标 | 就业率 | ≥60% | 63% | {weights[1]} | 40 |\n" + total
        )
        return flag_messages(tmp_path, text, "ARITHMETIC_MISMATCH")

    assert arithmetic((50, 50), "| 总分 | 100 | 95 |\n") == ["自评表总分95分，各项指标得分合计80分，两者不符。"]
    assert arithmetic((50, 50), "| 总分 | 100 | 80 |\n") == []
    # rows weighing 90: the budget's 10 points may stand between the rows' 80 and the total, not more
    assert arithmetic((45, 45), "| 总分 | 100 | 89.6 |\n") == []
    assert arithmetic((45, 45), "| 总分 | 100 | 98.5 |\n") == [
        "自评表总分98.5分，各项指标得分合计80分，另10分属预算执行，两者不符。"
    ]
    # the execution scored as one of the rows: nothing is left apart for it
    execution = "| 预算执行 | 预算执行率 | 预算执行率 | 100% | 96% | 5 | 5 |\n"
    assert arithmetic((45, 45), execution + "| 总分 | 100 | 95 |\n") == [
        "自评表总分95分，各项指标得分合计85分，两者不符。"
    ]
    assert arithmetic((45, 45), execution + "| 总分 | 95 | 85 |\n") == []
    # a row whose name only holds 执行率 (培训计划执行率) scores no budget: the block's 5 points stay apart
    training = "| 产出指标 | 质量指标 | 培训计划执行率 | ≥90% | 95% | 5 | 5 |\n"
    assert arithmetic((45, 45), training + "| 总分 | 100 | 89 |\n") == []


def test_a_score_sheets_scoring_rules_are_no_vague_targets_and_ask_for_no_actual(tmp_path: Path) -> None:
    text = (
        "某局部门整体支出绩效评价指标评分表\n| 一级指标 | 三级指标 | 评分标准 | 实际完成值 | 分值 | 得分 |\n"
        "| 过程 | 预算执行率 | 执行率≥95%得10分；每降低1个百分点扣0.5分 | | 10 | 10 |\n"
        "| 效果 | 群众获得感 | 明显提升 | | 10 | 10 |\n| 合计 | | | | 20 | 20 |\n"
    )
    result = nlp.analyze(write(tmp_path, "s.txt", text)).to_json()
    flagged = [(f["code"], f["message"][:8]) for e in result["evaluations"] for f in e["flags"]]
    assert ("VAGUE_INDICATOR", "“群众获得感”的") in flagged and ("EMPTY_INDICATOR", "“群众获得感”的") in flagged
    assert not any("预算执行率" in message for _, message in flagged)


def test_a_results_figure_against_its_row_a_plan_and_one_shared_character_are_no_conflict(tmp_path: Path) -> None:
    def conflicts_with_rows(results: str) -> list[str]:
        rows = "| 产出指标 | 数量指标 | 参训人次 | ≥1000人次 | 1180人次 | 10 | 10 |\n"
        return conflicts(tmp_path, results, rows + "| 产出指标 | 数量指标 | 培训场次 | ≥2场 | 3场 | 10 | 10 |\n")

    assert conflicts_with_rows("全年参训人次达1260人次。") == [
        "参训人次：报告写“全年参训人次达1260人次”，自评表实际完成值为“1180人次”，两者不一致。"
    ]
    assert conflicts_with_rows("全年计划参训人次1260人次，实际1180人次。") == []
    # the table's one row in 人次 shares only 训 with another figure's words: no row of its own
    assert conflicts_with_rows("其中组织安全生产讲座3场，参训人员达450人次。") == []


def test_a_budget_tables_share_column_and_a_few_of_many_parts_add_up_to_nothing(tmp_path: Path) -> None:
    def arithmetic(rows: str) -> list[str]:
        text = "某项目绩效自评表\n| 项目名称 | 某项目 |\n| 项目资金 | 全年预算数 | 全年执行数 | 执行率(%) |\n" + rows
        return flag_messages(tmp_path, text, "ARITHMETIC_MISMATCH")

    # a rate is no amount: its column is not added up
    shares = (
        "| 年度资金总额 | 100 | 90 | 90 |\n| 其中：当年财政拨款 | 60 | 50 | 83.33 |\n| 上年结转资金 | 40 | 40 | 100 |\n"
    )
    assert arithmetic(shares) == []
    # 其中 names the main parts, another row of amounts following: short of the total is no mismatch, above it is
    few = "| 年度资金总额 | 500 | 500 | 100 |\n| 其中：中央资金 | 300 | 300 | 100 |\n| 省级资金 | 100 | 100 | 100 |\n"
    assert arithmetic(few + "| 市县配套 | 100 | 100 | 100 |\n") == []
    many = "| 年度资金总额 | 500 | 500 | 100 |\n| 其中：中央资金 | 400 | 400 | 100 |\n| 省级资金 | 200 | 200 | 100 |\n"
    assert arithmetic(many + "| 市县配套 | 100 | 100 | 100 |\n") == [
        "年度资金总额500，其中各项（400、200）合计600，两者不符。"
    ]


def test_a_claim_over_a_table_weighing_part_of_the_score_is_no_score_mismatch() -> None:
    """A report's 产出 and 效益 rows weigh 60 of 100: its 决策 and 过程 points are scored elsewhere."""
    met = [replace(row("≥90%", "95%", True), weight=12.0, points=12.0) for _ in range(4)]
    unmet = replace(row("100%", "98.5%", False), weight=12.0, points=11.0)
    part = evaluation_of([*met, unmet], 92.6, 95.0, recomputed_score=69.35)
    assert score_mismatch(part, THRESHOLDS) == []
    whole = [replace(indicator, weight=18.0) for indicator in [*met, unmet]]  # 90 over the rows, 10 for execution
    assert codes(score_mismatch(evaluation_of(whole, 98.0, 95.0, recomputed_score=69.35), THRESHOLDS)) == [
        "SCORE_MISMATCH"
    ]


def test_a_questionnaire_given_out_anywhere_in_the_evaluation_supports_its_satisfaction_level() -> None:
    evaluation = evaluation_of([row("≥90%", "93.8%", True, "满意度指标")], None, 100.0)
    method = "2.1评价方法\n抽取6个乡镇，发放调查问卷420份，回收有效问卷401份。\n"
    assert unsupported_satisfaction(evaluation, method + "参保群众满意度93.8%。") == []
    unrelated = "2.1评价方法\n抽取6个乡镇，查阅资料。\n"
    assert codes(unsupported_satisfaction(evaluation, unrelated + "参保群众满意度93.8%。")) == [
        "UNSUPPORTED_SATISFACTION"
    ]

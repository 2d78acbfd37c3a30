"""Problems and suggestions: heading variants, rows, run-together labels, one item per point, boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, write

import nlp
from nlp import ingest
from nlp.extraction.statements import (
    NONE_STATEMENT,
    _is_statement,
    find_statements,
    has_specifics,
    is_none_statement,
    is_template_prose,
    mark_boilerplate,
    split_points,
)
from nlp.structure.model_store import reference, section_model
from nlp.structure.outline import build_outline
from nlp.structure.sections import label_sections


def statements_of(path: Path):
    result = nlp.analyze(path)
    return {e.name: e.statements for e in result.evaluations}


@pytest.mark.parametrize(
    "text",
    [
        "无",
        "无。",
        "暂无",
        "没有",
        "未发现问题",
        "暂无建议。",
        "不涉及。",
        "无需整改",
        "总体绩效目标和绩效指标均已完成。",
        "2019年无绩效目标未完成",
        "不存在指标未完成的情况。",
    ],
)
def test_none_statements(text: str) -> None:
    assert NONE_STATEMENT.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "无重大问题，但存在以下不足：一是资金拨付慢。",
        "无违规记录。",
        "无结余资金",
        "项目目标未完成",
        "绩效目标已完成但资金拨付慢",
        "目标和完成",
        "2019年部分绩效目标未完成",
    ],
)
def test_not_none_statements(text: str) -> None:
    assert not NONE_STATEMENT.match(text)


def test_enumerated_points_split_with_offsets() -> None:
    text = "一是资金紧张，预算执行慢。二是指标有待完善。"
    points = [text[a:b] for a, b in split_points(text, 0)]
    assert points == ["一是资金紧张，预算执行慢。", "二是指标有待完善。"]
    numbered = "1.预算编制时间短。\n2.缺少培训。\n(3)合理性不足"
    assert [numbered[a:b] for a, b in split_points(numbered, 0)] == [
        "1.预算编制时间短。",
        "2.缺少培训。",
        "(3)合理性不足",
    ]


def test_seed_statements() -> None:
    seed000 = statements_of(SEEDS[0])
    department = seed000["攀枝花市仁和区人民政府办公室"]
    assert [s.kind for s in department] == ["problem", "problem", "suggestion", "suggestion"]
    assert department[0].text.startswith("一是由于地方财政资金财力紧张原因")
    assert [(s.kind, s.text, s.none_statement) for s in seed000["招商引资经费"]] == [
        ("problem", "无。", True),
        ("suggestion", "无。", True),
    ]
    hall = statements_of(SEEDS[1])["政务大厅基本运行经费"]
    assert [s.kind for s in hall].count("problem") == 3


def test_statement_offsets_slice_the_text(seed_path: Path) -> None:
    result = nlp.analyze(seed_path)
    for evaluation in result.evaluations:
        for statement in evaluation.statements:
            assert result.ingested.text[statement.start : statement.end] == statement.text


def test_not_a_none_statement_when_a_shortfall_follows(tmp_path: Path) -> None:
    text = (
        "某某项目绩效自评报告\n一、评价结论\n良好。\n二、存在的问题\n"
        "无重大问题，但存在以下不足：一是资金拨付慢。二是台账不全。\n三、改进建议\n暂无。\n"
    )
    document = ingest(write(tmp_path, "a.txt", text))
    sections = build_outline(document)
    for section in sections:
        section.label = {"二": "problems", "三": "suggestions"}.get(section.heading[:1], "other")
    statements, _ = find_statements(document, {s.id: s for s in sections}, [s.id for s in sections])
    problems = [s for s in statements if s.kind == "problem"]
    assert [(s.text, s.none_statement) for s in problems] == [("一是资金拨付慢。", False), ("二是台账不全。", False)]
    assert [s.none_statement for s in statements if s.kind == "suggestion"] == [True]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "一、问题及建议\n项目进度滞后，原因是招标延期。\n建议：提前启动招标。\n",
            [("problem", "项目进度滞后，原因是招标延期。"), ("suggestion", "建议：提前启动招标。")],
        ),
        # one paragraph holding both: split at the clause that opens a suggestion
        (
            "三、偏差原因和下一步改进措施\n因材料涨价工程延期，下一步将加快施工进度。\n",
            [("problem", "因材料涨价工程延期"), ("suggestion", "下一步将加快施工进度。")],
        ),
        # the label that opens the suggestions has words before its marker: they are part of it
        (
            "五、偏离绩效目标的原因和改进措施\n存在的问题主要有:一是审核时间长。\n改进的方向和具体措施:加强培训。\n",
            [("problem", "一是审核时间长。"), ("suggestion", "改进的方向和具体措施:加强培训。")],
        ),
        # a label after a space in the same line: the problem's own label stays with the problem
        (
            "五、问题及建议\n存在问题：审核时间长 改进措施：加强培训。\n",
            [("problem", "存在问题：审核时间长"), ("suggestion", "改进措施：加强培训。")],
        ),
    ],
)
def test_combined_problems_and_suggestions_section_is_split(tmp_path: Path, body: str, expected: list) -> None:
    document = ingest(write(tmp_path, "a.txt", "某某项目绩效自评报告\n" + body))
    sections = build_outline(document)
    statements, present = find_statements(document, {s.id: s for s in sections}, [s.id for s in sections])
    assert [(s.kind, s.text) for s in statements] == expected
    assert all(document.text[s.start : s.end] == s.text for s in statements)
    assert present == {"problem": True, "suggestion": True}


def test_specifics() -> None:
    assert has_specifics("由于财政资金紧张，支付进度滞后")
    assert has_specifics("夜间接通率仅为81%")
    assert not has_specifics("进一步加强管理，提高资金使用效益")


def statements_in(tmp_path: Path, text: str, name: str = "a.txt") -> list[tuple[str, str, bool]]:
    """(kind, text, boilerplate) of the statements of a small document, every section one evaluation."""
    document = ingest(write(tmp_path, name, text))
    sections = build_outline(document)
    label_sections(document, {s.id: s for s in sections}, section_model())
    statements, _ = find_statements(document, {s.id: s for s in sections}, [s.id for s in sections])
    mark_boilerplate(statements, reference())
    for statement in statements:
        assert document.text[statement.start : statement.end] == statement.text
    return [(s.kind, s.text, s.boilerplate) for s in statements]


REPORT = "某县农业局2023年度项目支出绩效自评报告\n一、项目概况\n完成培训1862人次。\n"


@pytest.mark.parametrize(
    ("problems", "suggestions"),
    [
        ("五、存在的问题及原因分析", "六、下一步拟改进措施"),
        ("五、主要问题", "六、有关建议"),
        ("五、存在问题", "六、整改措施"),
        ("五、存在的不足", "六、下一步工作计划"),
        ("(五)存在的问题和原因", "(六)几点建议"),
        ("五、项目实施中存在的问题", "六、有关意见和建议"),
        ("五、问题与不足", "六、后续工作计划"),
        ("五、绩效目标未完成原因分析", "六、相关意见建议"),
    ],
)
def test_every_heading_variant_holds_statements(tmp_path: Path, problems: str, suggestions: str) -> None:
    text = f"{REPORT}{problems}\n两期培训因场地维修取消。\n{suggestions}\n提前预订培训场地。\n"
    text += "七、其他需要说明的问题\n无。\n"
    assert statements_in(tmp_path, text) == [
        ("problem", "两期培训因场地维修取消。", False),
        ("suggestion", "提前预订培训场地。", False),
    ]


def test_headings_run_into_their_text_and_traditional_characters(tmp_path: Path) -> None:
    text = "某縣農業局2023年度項目支出績效自評報告\n一、存在的問題：兩期培訓因場地維修取消。\n二、改進建議：暫無。\n"
    assert statements_in(tmp_path, text) == [
        ("problem", "两期培训因场地维修取消。", False),
        ("suggestion", "暂无。", True),
    ]


def test_numbered_points_are_items_not_headings(tmp_path: Path) -> None:
    text = (
        f"{REPORT}五、存在的问题\n(一)培训进度滞后。两期培训因场地维修取消，少培训120人次。\n"
        "(二)台账管理不规范。3个乡镇签到表缺失。\n六、改进措施\n①提前预订场地；②每季度检查台账。\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, text)] == [
        ("problem", "(一)培训进度滞后。两期培训因场地维修取消，少培训120人次。"),
        ("problem", "(二)台账管理不规范。3个乡镇签到表缺失。"),
        ("suggestion", "①提前预订场地；"),
        ("suggestion", "②每季度检查台账。"),
    ]


def test_experience_beside_problems_is_not_a_problem(tmp_path: Path) -> None:
    text = (
        f"{REPORT}五、主要经验及做法、存在的问题及原因分析\n(一)主要经验及做法\n坚持月调度，全年按期完成。\n"
        "(二)存在的问题及原因分析\n无。\n六、有关建议\n无。\n"
    )
    assert statements_in(tmp_path, text) == [("problem", "无。", True), ("suggestion", "无。", True)]


def test_points_split_per_sentence_without_enumerators_and_lead_ins_dropped(tmp_path: Path) -> None:
    text = (
        f"{REPORT}五、存在的问题\n我局还存在以下不足：一是资金拨付慢；二是台账不全。\n"
        "六、改进建议\n加快资金拨付。规范台账管理。\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, text)] == [
        ("problem", "一是资金拨付慢；"),
        ("problem", "二是台账不全。"),
        ("suggestion", "加快资金拨付。"),
        ("suggestion", "规范台账管理。"),
    ]


def test_a_next_step_closing_the_problems_is_a_suggestion(tmp_path: Path) -> None:
    text = f"{REPORT}五、存在的问题\n项目资金预算还不够准确。下一步将按季度编制用款计划。\n"
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, text)] == [
        ("problem", "项目资金预算还不够准确。"),
        ("suggestion", "下一步将按季度编制用款计划。"),
    ]


@pytest.mark.parametrize("text", ["我校项目运转正常，暂无问题", "经自评，未发现问题。", "/"])
def test_none_statements_closing_a_short_sentence(text: str) -> None:
    assert is_none_statement(text)
    assert not is_none_statement("无重大问题，但资金拨付慢")


def test_table_rows_and_cell_per_line_rows(tmp_path: Path) -> None:
    rows = "绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n"
    rows += "产出指标\t数量指标\t培训人数\t≥200人次\t210人次\n"
    assert statements_in(tmp_path, f"{rows}存在问题\t无\n改进措施\t暂无\n") == [
        ("problem", "无", True),
        ("suggestion", "暂无", True),
    ]
    cells = (
        "某县2023年度项目支出绩效自评表\n评价结论 |\n完成年度目标。 |\n存在问题 |\n"
        "结合自评情况，分析存在的问题及原因。(200字以内) |\n改进措施 |\n"
        "1.提前预订场地；2.每季度检查台账。 |\n项目负责人： |\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, cells, "b.txt")] == [
        ("suggestion", "1.提前预订场地；"),
        ("suggestion", "2.每季度检查台账。"),
    ]


def test_labels_run_into_a_paragraph(tmp_path: Path) -> None:
    text = (
        f"{REPORT}二、自评情况\n自评得分90分，存在的问题：一是资金申报不及时。下一步改进措施：一是按进度申报资金。\n"
        "附表\n总分100 90评价结论良好。存在问题暂无改进措施暂无项目负责人：\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, text)] == [
        ("problem", "一是资金申报不及时。"),
        ("suggestion", "一是按进度申报资金。"),
        ("problem", "暂无"),
        ("suggestion", "暂无"),
    ]


def test_deviation_cells_only_when_nothing_else_is_stated(tmp_path: Path) -> None:
    table = (
        "某县2023年度项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因分析及改进措施\n"
        "产出指标\t数量指标\t培训人数\t≥200人次\t180人次\t原因：两期培训因场地维修取消；措施：2024年提前预订场地。\n"
        "产出指标\t质量指标\t合格率\t≥90%\t95%\t\n总分\t100\t95\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, table)] == [
        ("problem", "原因：两期培训因场地维修取消"),
        ("suggestion", "措施：2024年提前预订场地。"),
    ]
    assert statements_in(tmp_path, f"{table}存在问题\t无\n", "b.txt") == [("problem", "无", True)]


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("一是绩效管理意识有待进一步加强，绩效目标设置还不够完善；", True),
        ("(一)进一步加强绩效管理，牢固树立“花钱必问效、无效必问责”的绩效理念。", True),
        ("2.加强对资金使用的监督检查，确保专款专用。", True),
        ("2.部分乡镇助餐点建设进度较慢，全年建成36个，未达到40个的年度目标。", False),
        ("进一步加强管理，由于财政资金紧张导致支付滞后。", False),
        ("拨款应及时一点", False),
    ],
)
def test_template_prose(text: str, template: bool) -> None:
    assert is_template_prose(text) is template


def test_the_sign_off_under_the_last_section_is_no_suggestion(tmp_path) -> None:
    text = (
        "XX县2023年度培训项目支出绩效自评报告\n一、存在的问题\n培训覆盖面不足，3个乡镇未开班。\n"
        "二、改进建议\n明年增开3个乡镇培训点。\nXX县人力资源和社会保障局\n2024年3月8日\n"
    )
    [statements] = statements_of(write(tmp_path, "signed.txt", text)).values()
    assert [(s.kind, s.text) for s in statements] == [
        ("problem", "培训覆盖面不足，3个乡镇未开班。"),
        ("suggestion", "明年增开3个乡镇培训点。"),
    ]


def test_deviation_reads_only_the_reason_column(tmp_path: Path) -> None:
    table = (
        "某县2023年度项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t未完成原因及改进措施\n"
        "产出指标\t数量指标\t改造道路\t完成道路改造，保障通行\t已完成，通行顺畅\t\n"
        "\t质量指标\t验收合格率\t≥95%\t90%\t加强施工监理，严格分段验收。\n"
        "效益指标\t社会效益指标\t群众出行\t改善出行条件，方便群众\t有所改善，群众认可\t\n总分\t100\t95\n"
    )
    # the long 指标值 cells are no statement; a reason cell opening with a measure is a suggestion
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, table)] == [
        ("suggestion", "加强施工监理，严格分段验收。")
    ]


def test_deviation_header_in_a_paragraph_reads_nothing(tmp_path: Path) -> None:
    text = (
        "某县2023年度项目支出绩效自评表\n三级指标分值指标值全年实际值得分未完成原因分析\n"
        "保障人数10 2370人2370人10生态效益指标使环境更好，做到社会认可\n"
    )
    assert statements_in(tmp_path, text) == []


def test_an_evaluation_without_sections_reads_its_whole_text(tmp_path: Path) -> None:
    text = "数量指标补助发放率=100% 30合计100评价结论按时发放。存在问题暂无改进措施暂无项目负责人:财务负责人:"
    [statements] = statements_of(write(tmp_path, "flat.txt", text)).values()
    assert [(s.kind, s.text, s.none_statement) for s in statements] == [
        ("problem", "暂无", True),
        ("suggestion", "暂无", True),
    ]


def test_inline_points_split_at_a_clause_end(tmp_path: Path) -> None:
    text = f"{REPORT}二、自评结论\n总体良好。存在的问题：一是资金到位晚，二是宣传不足；三是档案不全。\n"
    assert [text for _, text, _ in statements_in(tmp_path, text)] == [
        "一是资金到位晚，",
        "二是宣传不足；",
        "三是档案不全。",
    ]
    # a number after a comma is no point: 1.5万元 stays in its sentence
    assert [
        text for _, text, _ in statements_in(tmp_path, f"{REPORT}二、存在的问题\n结余资金，1.5万元未支出。\n", "b.txt")
    ] == ["结余资金，1.5万元未支出。"]


def test_prompts_and_closing_score_lines_are_no_statements(tmp_path: Path) -> None:
    text = (
        f"{REPORT}二、存在的问题\n针对存在的问题，分析原因。\n资金到位晚。\n三、改进措施\n简述改进措施(不超过100字)\n"
        "提前下达资金。\n"
        "自评得分：92分。自评等级：优\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, text)] == [
        ("problem", "资金到位晚。"),
        ("suggestion", "提前下达资金。"),
    ]
    run_in = f"{REPORT}二、改进措施\n1.提前下达资金。2.增设3个服务点。综上，本项目自评得分为92分。\n"
    assert [text for _, text, _ in statements_in(tmp_path, run_in, "b.txt")] == [
        "1.提前下达资金。",
        "2.增设3个服务点。",
    ]
    # an evaluation's words that are no score stay: 评价结论合理性不足
    kept = f"{REPORT}二、存在的问题\n评价结论合理性不足。\n"
    assert [text for _, text, _ in statements_in(tmp_path, kept, "c.txt")] == ["评价结论合理性不足。"]


@pytest.mark.parametrize(
    "text",
    ["针对存在的问题，提出以下建议：加强资金监管，确保专款专用。", "根据自评结果，分析原因主要是资金到位较晚。"],
)
def test_a_statement_opening_like_an_instruction_is_still_a_statement(text: str) -> None:
    assert _is_statement(text)


def _table_statements(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    document = ingest(write(tmp_path, "a.txt", text))
    sections = build_outline(document)
    statements, _ = find_statements(
        document, {s.id: s for s in sections}, [s.id for s in sections], (0, len(document.text))
    )
    return [(s.kind, s.text) for s in statements]


def test_a_label_cell_wrapped_in_its_column_still_labels_the_cell_after_it(tmp_path: Path) -> None:
    text = "项目名称\t某项目\n偏差大或 目标未完成 原因分析\t一是资金拨付慢;二是台账不全。\n"
    assert _table_statements(tmp_path, text) == [("problem", "一是资金拨付慢;"), ("problem", "二是台账不全。")]


def test_a_header_cell_after_a_column_label_is_no_statement(tmp_path: Path) -> None:
    text = "项目名称\t某项目\n年度指标值\t实际完成值\t偏差原因分析及改进措施\t一级指标\t二级指标\n"
    assert _table_statements(tmp_path, text) == []


def test_a_short_deviation_cell_that_states_a_shortfall_is_a_problem(tmp_path: Path) -> None:
    text = (
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因分析\n"
        "产出指标\t数量指标\t培训人次\t100人次\t90人次\t部分人员未参训\n"
        "产出指标\t时效指标\t完成时间\t12月\t12月\t按期\n"
    )
    assert _table_statements(tmp_path, text) == [("problem", "部分人员未参训")]


def test_a_statement_column_reads_each_row_up_to_the_next_part_of_the_form(tmp_path: Path) -> None:
    form = (
        "某项目转移支付绩效自评表\n资金管理情况\t情况说明\t存在问题和改进措施\n分配科学性\t分配科学\t暂无\n"
        "下达及时性\t下达较晚\t第二批资金12月才下达；下一步提前申请下达。\n"
        "总体目标完成情况\t总体目标\t全年实际完成情况\n改善就医条件。\t惠及1.1万人次。\t未达到预期\n"
    )
    assert statements_in(tmp_path, form) == [
        ("problem", "暂无", True),
        ("problem", "第二批资金12月才下达", False),
        ("suggestion", "下一步提前申请下达。", False),
    ]
    pair = "某项目绩效自评表\n项目名称\t某项目\n存在问题\t改进措施\n资金拨付慢，影响进度。\t加快拨付。\n"
    assert statements_in(tmp_path, pair, "c.txt") == [
        ("problem", "资金拨付慢，影响进度。", False),
        ("suggestion", "加快拨付。", False),
    ]
    # a row of a label and its text is no header: its text is read once, as the label's
    row = "某项目绩效自评表\n项目名称\t某项目\n评价结论\t良好\t存在问题\t资金拨付慢，影响进度。\n改进措施\t按月拨付。\n"
    assert statements_in(tmp_path, row, "b.txt") == [
        ("problem", "资金拨付慢，影响进度。", False),
        ("suggestion", "按月拨付。", False),
    ]


def test_a_label_after_a_short_subject_opens_its_text(tmp_path: Path) -> None:
    text = f"{REPORT}二、自评情况\n全年完成21个项目。自评发现的主要问题：一是资金拨付慢。下一步改进措施：按月拨付。\n"
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, text)] == [
        ("problem", "一是资金拨付慢。"),
        ("suggestion", "按月拨付。"),
    ]
    # within a long run of words the label is a phrase of the sentence, not a label
    text = f"{REPORT}二、自评情况\n全年组织专家对资金管理中发现的问题：逐项核实。针对上述问题：逐项整改。\n"
    assert statements_in(tmp_path, text, "b.txt") == []


def test_points_nested_in_a_point_closing_on_a_colon_are_part_of_it() -> None:
    text = "一是预算调整较大，主要原因是：1.追加补助286万元。2.结转资金计入收入。二是支付进度慢。"
    assert [text[a:b] for a, b in split_points(text, 0)] == [
        "一是预算调整较大，主要原因是：1.追加补助286万元。2.结转资金计入收入。",
        "二是支付进度慢。",
    ]
    closing = "一是预算调整较大，主要原因是：\n1.追加补助。\n下一步将加快支付。"
    assert [closing[a:b] for a, b in split_points(closing, 0)] == [
        "一是预算调整较大，主要原因是：\n1.追加补助。",
        "下一步将加快支付。",
    ]
    titled = "(一)存在问题：\n1.资金拨付慢。\n2.台账不全。"
    assert [titled[a:b] for a, b in split_points(titled, 0)] == ["(一)存在问题：", "1.资金拨付慢。", "2.台账不全。"]


def test_a_numbered_first_point_closing_on_a_colon_is_no_lead_in(tmp_path: Path) -> None:
    text = f"{REPORT}五、存在的问题\n一是预算调整较大，主要原因是：\n1.追加补助。\n二是支付进度慢。\n"
    assert [text for _, text, _ in statements_in(tmp_path, text)] == [
        "一是预算调整较大，主要原因是：\n1.追加补助。",
        "二是支付进度慢。",
    ]


def test_a_blank_statement_section_is_a_none_statement(tmp_path: Path) -> None:
    text = f"{REPORT}三、偏离绩效目标的原因和下一步改进措施\n四、绩效自评结果拟应用和公开情况\n按要求公开。\n"
    document = ingest(write(tmp_path, "a.txt", text))
    sections = build_outline(document)
    statements, _ = find_statements(document, {s.id: s for s in sections}, [s.id for s in sections])
    heading = document.text.index("三、")
    assert [(s.kind, s.text, s.none_statement) for s in statements] == [("problem", "", True)]
    assert document.text.index("\n", heading) <= statements[0].start == statements[0].end
    # a page cut off after the heading says nothing about it
    cut = f"{REPORT}五、存在的问题\n"
    assert statements_in(tmp_path, cut, "b.txt") == []


def test_deviation_cells_with_a_measure_opening_a_sentence_and_a_delay(tmp_path: Path) -> None:
    table = (
        "某县2023年度项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因分析及改进措施\n"
        "产出指标\t数量指标\t资金支付\t43万元\t37万元\t尾款未付，限价低于预算。提高预算准确度。\n"
        "产出指标\t时效指标\t完成及时性\t及时\t较及时\t受进度影响拖延\n总分\t100\t95\n"
    )
    assert [(kind, text) for kind, text, _ in statements_in(tmp_path, table)] == [
        ("problem", "尾款未付，限价低于预算"),
        ("suggestion", "提高预算准确度。"),
        ("problem", "受进度影响拖延"),
    ]


def test_coordination_and_budget_discipline_are_template_phrasing() -> None:
    assert is_template_prose("将进一步与上级部门加强沟通和协调，增强预算约束力。")


def test_a_deviation_reason_is_specific_by_its_row(tmp_path: Path) -> None:
    table = (
        "某县2023年度项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t偏差原因分析\n"
        "产出指标\t质量指标\t验收合格率\t100%\t80%\t管理制度不够完善\n总分\t100\t95\n"
    )
    assert is_template_prose("管理制度不够完善")
    assert statements_in(tmp_path, table) == [("problem", "管理制度不够完善", False)]


def test_problems_found_by_the_self_evaluation_and_their_measures_share_one_section(tmp_path) -> None:
    text = (
        "某县消防救援大队2024年度部门预算执行情况绩效自评整改报告\n一、基本情况\n已开展自评。\n"
        "二、绩效自评发现问题及整改措施\n问题1:部分项目绩效指标未量化。\n整改措施:一是完善指标体系。二是强化数据支撑。\n"
    )
    found = statements_in(tmp_path, text)
    assert [t for kind, t, _ in found if kind == "problem"] == ["问题1:部分项目绩效指标未量化。"]
    assert len([t for kind, t, _ in found if kind == "suggestion"]) == 2


def test_a_statement_row_label_broken_over_the_lines_of_its_cell(tmp_path) -> None:
    text = (
        "某某项目支出绩效自评表\n项目名称 某某建设项目\n一级指标 二级指标 三级指标 年初目标值 实际完成值 得分\n"
        "产出指标 数量指标 圈舍面积 5000 5000 10\n偏差大或\n目标未完成\n原因分析\n用地手续未办理完成,资金未形成支付。\n"
        "改进措施及\n结果应用方案\n1.强化责任落实。\n"
    )
    assert [(kind, t) for kind, t, _ in statements_in(tmp_path, text)] == [
        ("problem", "用地手续未办理完成,资金未形成支付。"),
        ("suggestion", "1.强化责任落实。"),
    ]


def test_a_form_s_closing_label_ends_a_statement_section(tmp_path: Path) -> None:
    text = "某某项目绩效自评报告\n一、存在问题\n预算编制不够精细。\n备注：预算数为调整后财政资金总额。\n"
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text)] == [("problem", "预算编制不够精细。")]


def test_a_conclusion_row_after_a_list_of_problems_and_measures_is_neither(tmp_path: Path) -> None:
    """序号 | 存在问题 | 改进措施 rows, then 自评结论 | …下一步继续加强资金管理: the form's next part, no measure."""
    text = (
        "某某中心部门整体支出绩效自评存在问题及改进措施\n"
        "序号\t存在问题\t改进措施\n"
        "1\t管网改造进度滞后，完成年度计划的70%。\t建立施工计划会商机制，5月底前完成剩余改造。\n"
        "自评结论\t全年各项任务完成较好，下一步继续加强资金管理。\n"
    )
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text)] == [
        ("problem", "管网改造进度滞后，完成年度计划的70%。"),
        ("suggestion", "建立施工计划会商机制，5月底前完成剩余改造。"),
    ]


def test_a_closing_score_naming_the_unit_after_its_preamble_is_no_statement(tmp_path: Path) -> None:
    text = f"{REPORT}二、改进措施\n提前下达资金。\n经自评，某某中心2024年度部门整体支出绩效自评得分98.50分。\n"
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text)] == [("suggestion", "提前下达资金。")]
    # a statement citing a score is no closing line: the unit's name before its year is what a closing line has
    cited = (
        f"{REPORT}二、存在的问题\n经自评，满意度指标自评得分8分，扣2分，原因是培训时间与农忙冲突。\n"
        "三、改进建议\n经评价，建议对自评得分80分以下的项目压减下年度预算。\n"
    )
    assert [kind for kind, _, _ in statements_in(tmp_path, cited, "b.txt")] == ["problem", "suggestion"]


def test_a_combined_row_whose_cell_labels_both_halves_gives_each_point(tmp_path: Path) -> None:
    """存在问题和改进措施 | 存在问题：1.…2.…改进措施：1.…2.… under an indicator table closed by its 自评得分 row."""
    text = (
        "某某项目支出绩效自评表\n"
        "三级指标\t年度目标值\t实际完成值\t分值\t得分\t未完成原因\n"
        "助餐人数\t3000\t2860\t10\t9.5\t部分助餐点距离较远，就餐不便\n"
        "自评得分\t100\t98.12\t自评等级：优\n"
        "存在问题和改进措施\t存在问题：1.补贴资金拨付滞后。2.助餐人数未达目标。改进措施：1.提前调度资金。2.增设助餐点。\n"
    )
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text)] == [
        ("problem", "1.补贴资金拨付滞后。"),
        ("problem", "2.助餐人数未达目标。"),
        ("suggestion", "1.提前调度资金。"),
        ("suggestion", "2.增设助餐点。"),
    ]


def test_a_measures_column_beside_a_reasons_column_gives_suggestions(tmp_path: Path) -> None:
    """偏差原因 | 改进措施 as two columns of an indicator table: the cause is a problem, the measure a suggestion."""
    text = (
        "某某项目支出绩效自评表\n"
        "三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因\t改进措施\n"
        "还田面积\t≥5万亩\t4.6万亩\t20\t18.4\t春季降雨偏多，部分地块无法机械作业\t提前安排作业计划，错峰组织机械还田\n"
        "农户满意度\t≥90%\t94%\t20\t20\t\t\n"
    )
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text)] == [
        ("problem", "春季降雨偏多，部分地块无法机械作业"),
        ("suggestion", "提前安排作业计划，错峰组织机械还田"),
    ]


def test_a_numbered_list_of_problems_with_a_causes_column_gives_problems_and_measures(tmp_path: Path) -> None:
    """序号 | 存在问题 | 原因分析 | 改进措施: the problems and measures of each numbered row, whatever they say; the
    causes are the problems' columns' neighbours, not problems (原因分析 heads no indicator table here)."""
    text = (
        "某县水务局2024年度部门整体支出绩效自评表\n存在问题及改进措施清单\n"
        "序号\t存在问题\t原因分析\t改进措施\n"
        "1\t部分管网维修未完成\t冬季冻土影响施工\t2025年4月底前完成剩余维修\n"
        "2\t工程完工推迟\t材料供应延迟\t提前招标采购材料\n"
    )
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text)] == [
        ("problem", "部分管网维修未完成"),
        ("suggestion", "2025年4月底前完成剩余维修"),
        ("problem", "工程完工推迟"),
        ("suggestion", "提前招标采购材料"),
    ]


def test_a_statement_column_closing_a_header_row_takes_no_group_row_for_its_text(tmp_path: Path) -> None:
    """指标名称 | … | 未完成原因 over a one-cell row (一、产出指标 ⏎ (一)数量指标): a column's name, no row label."""
    text = (
        "某某项目支出绩效自评表,,,,\n"
        "指标名称,计量单位,年度目标值,实际完成值,未完成原因\n"
        "一、产出指标,,,,\n(一)数量指标,,,,\n"
        "危桥改造数量,座,7,6,1座因汛期停工延至次年，进度滞后\n"
    )
    assert [(kind, said) for kind, said, _ in statements_in(tmp_path, text, "a.csv")] == [
        ("problem", "1座因汛期停工延至次年，进度滞后")
    ]


def test_a_contents_entry_is_no_label_of_the_line_after_it(tmp_path: Path) -> None:
    """A contents without its 目录 line: 四、有关建议 ⏎ 报告正文 is no suggestion, nor its entries blank ones."""
    entries = ["一、项目基本情况", "二、项目绩效目标", "三、存在问题及原因分析", "四、有关建议"]
    body = "一、项目基本情况\n某某治理工程位于某镇。\n二、项目绩效目标\n完成治理。\n"
    text = "某某治理工程支出绩效评价报告\n" + "\n".join(entries) + "\n报告正文\n" + body
    assert statements_in(tmp_path, text) == []


def test_a_form_s_note_run_into_the_last_answer_is_no_statement(tmp_path: Path) -> None:
    """…改进措施及结果应用方案无备注:1.预算执行情况口径…: the notes under a 自评表 end its last row."""
    text = (
        "某某项目自评表\n偏差大或目标未完成原因分析无改进措施及结果应用方案无备注:1.预算执行情况口径:预算数为调整后"
        "财政资金总额。2.定量指标完成数汇总原则:绝对值直接累加计算。\n"
    )
    assert statements_in(tmp_path, text) == [("problem", "无", True), ("suggestion", "无", True)]


def test_a_note_in_brackets_inside_a_problem_ends_it_not(tmp_path: Path) -> None:
    text = "某某项目绩效自评报告\n概况：预算100万元。项目存在的问题：资金未及时拨付（备注：已于1月拨付），影响进度。\n"
    assert [t for _, t, _ in statements_in(tmp_path, text)] == ["资金未及时拨付(备注：已于1月拨付)，影响进度。"]


def test_a_padded_indicator_tables_reasons_counted_from_each_rows_last_filled_cell(tmp_path: Path) -> None:
    text = (
        "绩效指标 | 一级 指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |\n"
        "产 出 指 标 | 数量指标 | 布展面积 | 300㎡ | 0 | 展陈方案需通过审核,导致施工较慢。 | ||\n"
        "质量指标 | 指标1:安全事故发生率 | <=0% | <=0% | —— | |||\n"
        "指标2:项目完成周期 | 4个月 | 3个月 | 招标流程较长,导致工期延误。 | ||||\n"
    )
    assert _table_statements(tmp_path, text) == [
        ("problem", "展陈方案需通过审核,导致施工较慢"),
        ("problem", "招标流程较长,导致工期延误"),
    ]


def test_a_table_of_statements_by_project_gives_each_row_to_the_project_it_names(tmp_path) -> None:
    text = (
        "甲项目支出绩效自评表\n| 项目名称 | 甲项目 |\n| --- | --- |\n"
        "| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
        "| 产出指标 | 培训人数 | ≥200人次 | 215人次 |\n\n"
        "乙项目支出绩效自评表\n| 项目名称 | 乙项目 |\n| --- | --- |\n"
        "| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
        "| 产出指标 | 合格率 | 100% | 98% |\n\n"
        "| 序号 | 项目名称 | 存在的问题 | 改进措施 |\n| --- | --- | --- | --- |\n"
        "| 1 | 甲项目 | 受场地限制，培训场次未完成年度目标。 | 加快落实培训场地，6月底前完成剩余培训。 |\n"
        "| 2 | 乙项目 | 抽检未按季度开展，合格率未达到目标。 | 加强抽检管理，按季度开展抽检。 |\n"
    )
    path = tmp_path / "two.md"
    path.write_text(text, encoding="utf-8")
    evaluations = nlp.analyze(path).to_json()["evaluations"]
    assert [[p["text"] for p in e["problems"]] for e in evaluations] == [
        ["受场地限制，培训场次未完成年度目标。"],
        ["抽检未按季度开展，合格率未达到目标。"],
    ]


def test_a_final_accounts_summary_gives_its_department_the_problems_its_annexed_form_does_not(tmp_path: Path) -> None:
    text = (
        "某局2023年度部门决算\n第三部分 决算情况说明\n一、其他重要事项的情况说明\n(一)预算绩效管理情况\n"
        "1.绩效自评情况。部门整体支出绩效自评得分97.5分。\n3.存在问题。\n"
        "(1)部分项目资金支付进度偏慢，高标准农田建设项目尾款需\n待竣工结算审计后支付。\n"
        "(2)绩效管理专业人员不足。\n4.改进措施。\n(1)提前介入竣工结算。\n(2)加强业务培训。\n"
        "某局\n2024年3月1日\n附件\n某局2023年度部门整体支出绩效自评表\n"
        "| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 | 偏差原因分析 |\n"
        "| 产出指标 | 培训人次 | ≥1500人次 | 1362人次 | 受强降雨影响延期 |\n"
    )
    evaluation = nlp.analyze(write(tmp_path, "juesuan.txt", text)).evaluations[0]
    # a numbered label alone on its line (3.存在问题。) opens its points
    assert [(s.kind, s.text) for s in evaluation.statements] == [
        ("problem", "(1)部分项目资金支付进度偏慢，高标准农田建设项目尾款需待竣工结算审计后支付。"),
        ("problem", "(2)绩效管理专业人员不足。"),
        ("suggestion", "(1)提前介入竣工结算。"),
        ("suggestion", "(2)加强业务培训。"),
    ]


def test_a_points_sentence_a_page_wrapped_at_its_width_is_one_point() -> None:
    text = "(1)会同县财政局、县审计局提前介入高标准农田建设项目竣\n工结算，力争6月底前支付。\n(2)加强培训。\n"
    text += "某局\n2024年3月1日"
    points = [text[a:b] for a, b in split_points(text, 0)]
    assert points == [
        "(1)会同县财政局、县审计局提前介入高标准农田建设项目竣\n工结算，力争6月底前支付。",
        "(2)加强培训。",
        "某局",  # a short line (a unit signing off) ends, though no mark closes it
        "2024年3月1日",
    ]


@pytest.mark.parametrize(
    ("text", "none"), [("存在问题：无。", True), ("问题：暂无", True), ("存在问题：拨付慢。", False)]
)
def test_a_none_statement_after_its_own_label(text: str, none: bool) -> None:
    assert is_none_statement(text) is none


def test_a_line_pointing_to_the_form_below_is_no_statement(tmp_path: Path) -> None:
    text = (
        "某县某局某某项目绩效自评报告\n一、存在的问题\n受汛期影响，工程进度滞后。自评表如下：\n"
        "二、改进措施\n加快推进剩余工程建设。\n"
    )
    [statements] = statements_of(write(tmp_path, "report.txt", text)).values()
    assert [s.text for s in statements] == ["受汛期影响，工程进度滞后。", "加快推进剩余工程建设。"]


def test_a_numbered_point_whose_text_opens_with_a_figure_still_opens_a_point() -> None:
    text = "1.部分镇公厕管护人员配备不足；2.12座公厕设施老化，未及时维修。"
    assert [text[a:b] for a, b in split_points(text, 0)] == [
        "1.部分镇公厕管护人员配备不足；",
        "2.12座公厕设施老化，未及时维修。",
    ]
    # a decimal after a clause, no point 1. before it, is a figure: one point
    text = "执行率下降；2.12个百分点的差距来自拨付偏慢。"
    assert [text[a:b] for a, b in split_points(text, 0)] == [text]


def test_a_label_opening_a_sentence_straight_before_its_first_point(tmp_path: Path) -> None:
    """…自评得分93.2分。存在问题 一是…；二是…: the label after a full stop, a space, then its points (no colon)."""
    text = (
        "某局2024年度部门整体支出绩效自评报告\n一、部门整体支出绩效自评情况\n"
        "本部门全年预算数4,210.50万元，部门整体支出绩效自评得分93.2分。存在问题 一是项目前期工作不够扎实；"
        "二是绩效目标设置偏粗。\n"
    )
    (statements,) = statements_of(write(tmp_path, "report.txt", text)).values()
    assert [(s.kind, s.text) for s in statements] == [
        ("problem", "一是项目前期工作不够扎实；"),
        ("problem", "二是绩效目标设置偏粗。"),
    ]

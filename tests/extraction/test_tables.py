"""Indicator tables: the seeds' Sichuan layout (text and DOCX), and other provinces' layouts."""

from __future__ import annotations

import pytest
from conftest import ROOT, SEEDS, write

from nlp import analyze, ingest
from nlp.extraction.tables import read_table
from nlp.reading.ingest import ingest_bytes

DOCUMENTS = ROOT / "tests" / "documents"


def indicator_tables(path):
    readings = [read_table(t) for t in ingest(path).tables]
    return [r for r in readings if r.indicators]


def rows(reading) -> list[tuple]:
    return [(i.dimension, i.name, i.target and i.target.raw, i.actual and i.actual.raw) for i in reading.indicators]


def test_seed_003_security_table_row_by_row() -> None:
    first = indicator_tables(SEEDS[3])[0]
    assert rows(first) == [
        ("数量指标", "保安服务人数", "17人", "17人"),
        (
            "质量指标",
            "市政府办公大楼安全保卫",
            "市政府大楼安全保卫的专业化水平进一步提升。",
            "市政府大楼安全保卫的专业化水平进一步提升。",
        ),
        ("时效指标", "服务期限", "2021年1月—2021年12月", "2021年1月—2021年12月"),
        ("成本指标", "安保服务费", "75.6万元", "75.6万元"),
        ("经济效益指标", None, None, None),
        (
            "社会效益指标",
            "确保市政府大楼安全",
            "确保市政府大楼及周边安全，维护市政府大楼单位办公秩序；确保信访安全，维护信访秩序，树立良好形象。",
            "确保市政府大楼及周边安全，维护市政府大楼单位办公秩序；确保信访安全，维护信访秩序，树立良好形象。",
        ),
        ("生态效益指标", None, None, None),
        ("可持续影响指标", None, None, None),
        ("满意度指标", "干部职工满意度", "≧90%", "≧90%"),
    ]
    assert [i.level1 for i in first.indicators] == ["完成指标"] * 4 + ["效益指标"] * 4 + ["满意度指标"]
    assert [i.empty for i in first.indicators].count(True) == 3


def test_seed_003_tables_give_every_row_and_budget() -> None:
    readings = indicator_tables(SEEDS[3])
    assert [len(r.indicators) for r in readings] == [9, 9, 12, 15, 10]
    assert [(r.planned, r.executed) for r in readings] == [
        (None, None),
        (58.6, 58.6),
        (60, 60),
        (200, 200),
        (82.16, 82.16),
    ]
    operations = readings[3]
    several = [i.name for i in operations.indicators if i.dimension == "数量指标"]
    assert several == ["维护LED屏数量", "完成全年各项目标任务", "召开全市的各类会议", "公文写作培训"]
    assert operations.goal_expected.text.startswith("完成全年各项目标任务")


def test_seed_004_swapped_cells_are_repaired_and_recorded() -> None:
    (reading,) = indicator_tables(SEEDS[4])
    assert rows(reading)[:3] == [
        ("数量指标", "外出招商次数", "170次", "完成了外出招商170余次"),
        ("数量指标", "签约项目", "51个", "成功51个"),
        ("数量指标", "引进外商", "2个", "外商投资2个"),
    ]
    assert all(i.repaired for i in reading.indicators[:3])
    assert not any(c.isascii() and c.isalpha() for c in reading.indicators[0].repaired)  # read in Chinese messages
    assert not any(i.repaired for i in reading.indicators[3:])
    social = next(i for i in reading.indicators if i.dimension == "社会效益指标")
    assert social.level1 == "效益指标"  # not the 完成指标 carried down from above
    assert (reading.planned, reading.executed) == (20, 20)
    assert reading.goal_actual.text == "全年招商引资任务已完成"


def test_docx_rendering_reads_like_the_text() -> None:
    docx = indicator_tables(ROOT / "corpus" / "rendered" / "003_b9a6394348fdc04a.docx")
    text = indicator_tables(SEEDS[3])
    assert [rows(r) for r in docx] == [rows(r) for r in text]


def test_offsets_of_indicator_rows_point_at_their_cells() -> None:
    document = ingest(SEEDS[3])
    for table in document.tables:
        for indicator in read_table(table).indicators:
            span = document.text[indicator.start : indicator.end]
            for value in (indicator.name, indicator.target and indicator.target.raw):
                if value:
                    assert value in span


def test_layout_with_points_deviation_and_budget_header() -> None:
    roads, outreach = indicator_tables(DOCUMENTS / "table_layouts.md")
    assert (roads.planned, roads.executed, roads.rate, roads.total_points) == (480, 456, 95, 94.2)
    bridges = roads.indicators[1]
    assert (bridges.name, bridges.weight, bridges.points) == ("修复桥梁", 10, 6.7)
    assert bridges.reason == "汛期延误，一座顺延至次年"
    cost = next(i for i in roads.indicators if i.name == "每公里养护成本")
    assert (cost.level1, cost.dimension, cost.target.comparator) == ("成本指标", "成本指标", "<=")
    assert any(i.empty and i.dimension == "生态效益指标" for i in roads.indicators)
    assert outreach.level1_weights == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert outreach.indicators[0].level1 == "产出指标"


@pytest.mark.parametrize("header", ["一级指标", "级指标"])
def test_header_variants(tmp_path, header: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        f"| {header} | 二级指标 | 三级指标 | 预期指标值 | 实际完成指标值 |\n|---|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 培训人数 | 200人 | 210人 |\n",
        encoding="utf-8",
    )
    (reading,) = indicator_tables(path)
    assert rows(reading) == [("数量指标", "培训人数", "200人", "210人")]


def test_ditto_marks_repeat_the_label_above(tmp_path) -> None:
    """A 〃 in a label column is the merged label of the row above (table written for the test)."""
    text = (
        "# XX项目绩效自评表\n\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n|---|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 培训人数 | ≥200人 | 215人 |\n| 〃 | 质量指标 | 合格率 | ≥95% | 93% |\n"
        "| 〃 | 〃 | 优秀率 | ≥20% | 25% |\n"
    )
    path = tmp_path / "ditto.md"
    path.write_text(text, encoding="utf-8")
    indicators = analyze(path).evaluations[0].indicators
    assert [(i.level1, i.dimension) for i in indicators] == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "质量指标"),
    ]


def html_reading(html: str):
    """The reading of the first table of a page that gives indicators."""
    document = ingest_bytes(html.encode("utf-8"), "form.html")
    return next(r for r in (read_table(t) for t in document.tables) if r.indicators)


def tab_table(lines: list[str]) -> list[tuple]:
    """The rows of the first indicator table of ``lines`` (tab or pipe rows) under a form's title."""
    document = ingest_bytes(
        "\n".join(["XX项目绩效自评表", *lines, "", "二、存在的问题", "无。"]).encode("utf-8"), "t.txt"
    )
    return rows(next(r for r in (read_table(t) for t in document.tables) if r.indicators))


def test_a_header_over_two_rows_is_one_header() -> None:
    """绩效指标 over 一级/二级/三级指标 and 年度指标值 over 指标性质/指标值/度量单位: the columns of the lower row."""
    assert tab_table(
        [
            "绩效指标\t年度指标值\t实际完成值\t分值\t得分",
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位",
            "产出指标\t数量指标\t培训人数\t≥\t200\t人次\t215\t10\t10",
            "效益指标\t社会效益指标\t农民增收率\t≥\t5\t%\t6\t20\t20",
        ]
    ) == [("数量指标", "培训人数", "≥200人次", "215人次"), ("社会效益指标", "农民增收率", "≥5%", "6%")]


def test_a_name_with_a_count_inside_is_not_swapped_with_its_target() -> None:
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值"
    row = "效益指标\t可持续影响指标\t推动“三项制度”落实\t效果明显\t达成"
    assert tab_table([header, row]) == [("可持续影响指标", "推动“三项制度”落实", "效果明显", "达成")]


def test_a_row_cut_off_on_the_right_keeps_its_labels_in_their_columns() -> None:
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因"
    rows_ = [
        "产出指标\t数量指标\t培训人数\t≥200人次\t215人次\t10\t10\t无",
        "满意度指标\t服务对象满意度指标\t参训满意度\t≥90%",
    ]
    assert tab_table([header, *rows_])[1] == ("满意度指标", "参训满意度", "≥90%", None)


def test_a_label_row_heading_the_row_below_is_no_indicator() -> None:
    lines = [
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 |",
        "|  | 满意度指标(10分) |  |  |  |  |",
        "|  | 满意度指标 | 参训满意度 | ≥90% | 96% | 10 |",
        "|  | 经济效益指标 |  |  |  |  |",
    ]
    assert tab_table(lines) == [("满意度指标", "参训满意度", "≥90%", "96%"), ("经济效益指标", None, None, None)]


def test_a_cut_off_row_under_a_caption_column_goes_under_its_labels() -> None:
    lines = [
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 | 10 | 10 |",
        "| 产出指标 | 质量指标 | 培训合格率 | ≥95% |",
    ]
    assert tab_table(lines)[1] == ("质量指标", "培训合格率", "≥95%", None)


def test_a_level2_row_without_its_own_indicator_is_named_by_its_label() -> None:
    lines = [
        "| 一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 | 得分 |",
        "| 履职效能 | 重点工作 | 巡护里程 | 10 | ≥800公里 | 812公里 | 10 |",
        "| 满意度 | 服务对象满意度 | 10 | ≥90% | 93% | 10 |  |",
    ]
    assert tab_table(lines)[1] == ("满意度指标", "服务对象满意度", "≥90%", "93%")


def test_rows_padded_to_the_table_width_are_placed_by_what_their_cells_are() -> None:
    """Bare pipe rows padded with bars: a breakdown row (name, target, actual) and a row without its labels."""
    lines = [
        "项目名称 | 某某补助项目 | 负责人 | 某某 | | | | | ",
        "绩效指标 | 一级 指标 |",
        "二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 原因 | ",
        "产 出 指 标 (50分) |",
        "数量指标 | 补助甲类面积 | 20 | 10亩 | 10亩 | 20 | | ",
        "其中乙类面积 | 4亩 | 4亩 | | | | | | ",
        "质量指标 | | | | | | | | ",
        "种植成活率 | 10 | 95% | 96% | 10 | | | | ",
    ]
    assert tab_table(lines) == [
        ("数量指标", "补助甲类面积", "10亩", "10亩"),
        ("数量指标", "其中乙类面积", "4亩", "4亩"),
        ("质量指标", "种植成活率", "95%", "96%"),
    ]


def test_a_scoring_table_without_targets_gives_its_third_level_rows() -> None:
    """一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分: a 评分表 names indicators with weights and points only."""
    lines = [
        "一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t得分",
        "项目决策\t20\t项目立项\t8\t立项依据\t4\t4",
        "\t\t\t\t立项程序\t4\t3",
        "项目产出\t30\t产出数量\t30\t完成数量\t30\t28",
    ]
    document = ingest_bytes("\n".join(["XX项目绩效评价评分表", *lines, ""]).encode("utf-8"), "t.txt")
    [reading] = [r for r in (read_table(t) for t in document.tables) if r.indicators]
    assert [(i.dimension, i.name, i.weight, i.points) for i in reading.indicators] == [
        ("其他", "立项依据", 4, 4),
        ("其他", "立项程序", 4, 3),
        ("数量指标", "完成数量", 30, 28),
    ]


def test_a_second_header_row_of_sub_columns_is_no_indicator() -> None:
    lines = [
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t自评得分",
        "\t\t\t符号\t单项得分\t权重占比(%)",
        "产出指标\t数量指标\t培训人数\t≥200人次\t215人次\t10",
    ]
    assert tab_table(lines) == [("数量指标", "培训人数", "≥200人次", "215人次")]


def test_a_target_over_empty_headed_sub_columns_is_one_value() -> None:
    lines = [
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 |  |  | 实际完成值 |",
        "| 产出指标 | 数量指标 | 培训人数 | ≥ | 200 | 人次 | 215人次 |",
        "| 产出指标 | 质量指标 | 合格率 | 95% |  |  | 97% |",
    ]
    assert tab_table(lines) == [("数量指标", "培训人数", "≥200人次", "215人次"), ("质量指标", "合格率", "95%", "97%")]


def test_a_row_broken_after_its_name_takes_the_figures_below_and_the_unit_of_its_name() -> None:
    assert tab_table(
        [
            "一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分 |",
            "产出指标 | 数量指标 | 培训农户数(户) |",
            "120 | 118 | 9.8 | |",
            "效益指标 | 经济效益指标 | 户均增收(元) |",
            "1500 | 1620 | 10 | |",
            "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 95 | 10 | |",
        ]
    ) == [
        ("数量指标", "培训农户数(户)", "120户", "118户"),
        ("经济效益指标", "户均增收(元)", "1500元", "1620元"),
        ("满意度指标", "满意度(%)", "90%", "95%"),
    ]


def test_a_header_run_into_the_form_and_the_first_row_and_rows_without_their_reason_cell() -> None:
    """A converter put the form part, a header of two rows and the first indicator row on one line; the rows
    after it lost their merged 一级 cell and their empty reason cell, and keep their labels' line breaks."""
    assert tab_table(
        [
            "| 项目名称 | 某某补助 | 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 "
            "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 受助人数 "
            "| ≥ | 300 | 人 | 310人 | 20 | 20 |",
            "| 质量指标 | 资金发放准确率 | = | 100 | % | 100% | 20 | 20 |",
            "|",
            "|",
            "| 社会效益 指标 | 政策知晓率 | ≥ | 90 | % | 92% | 20 | 20 |",
        ]
    ) == [
        ("数量指标", "受助人数", "≥300人", "310人"),
        ("质量指标", "资金发放准确率", "=100%", "100%"),
        ("社会效益指标", "政策知晓率", "≥90%", "92%"),
    ]


def test_a_form_numbering_its_rows_gives_names_without_the_number_and_skips_unfilled_template_rows() -> None:
    """指标1培训人数 is 培训人数; 指标2 and …… alone are rows the form left for more indicators; a dimension whose
    rows are all unfilled stays one empty indicator (EMPTY_INDICATOR)."""
    lines = [
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
        "| 产出指标 | 数量指标 | 指标1培训人数 | ≥200人次 | 215人次 |",
        "|  |  | 指标2 |  |  |",
        "|  |  | …… |  |  |",
        "| 效益指标 | 生态效益指标 | 指标1 |  |  |",
        "|  |  | 指标2： |  |  |",
        "|  | 社会效益指标 | 指标1：农民增收率 | ≥5% | 6% |",
    ]
    assert tab_table(lines) == [
        ("数量指标", "培训人数", "≥200人次", "215人次"),
        ("生态效益指标", None, None, None),
        ("社会效益指标", "农民增收率", "≥5%", "6%"),
    ]


def test_a_total_row_with_one_figure_is_the_score_unless_it_is_the_weights_total() -> None:
    def total(header: str, rows: list[str]) -> float | None:
        text = "\n".join([header, *rows])
        [reading] = [r for r in map(read_table, ingest_bytes(text.encode("utf-8"), "t.txt").tables) if r.indicators]
        return reading.total_points

    scored = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 得分 |"
    rows = ["产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 | 8.5 |", "总分 | 8.5 | ||||"]
    assert total(scored, rows) == 8.5
    weighted = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |"
    rows = ["产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 | 90 | 88 |", "合计 | 100 | |||||"]
    assert total(weighted, rows) is None  # the 分值 total, no score claimed


def test_a_new_first_level_label_does_not_carry_the_second_level_label_of_the_one_before() -> None:
    assert tab_table(
        [
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
            "效益指标 | 可持续影响指标 | 设施完好率 | ≥90% | 92% |",
            "满意度指标 | | 学员满意度 | ≥90% | 95% |",
            "产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 |",
            "产出指标 | | 培训场次 | ≥4场 | 5场 |",
        ]
    ) == [
        ("可持续影响指标", "设施完好率", "≥90%", "92%"),
        ("满意度指标", "学员满意度", "≥90%", "95%"),
        ("数量指标", "培训人数", "≥200人次", "215人次"),
        ("数量指标", "培训场次", "≥4场", "5场"),  # the same 一级 again keeps its 二级
    ]


def reading_of(text: str):
    [reading] = [r for r in map(read_table, ingest_bytes(text.encode("utf-8"), "t.txt").tables) if r.indicators]
    return reading


def test_a_header_without_label_columns_takes_each_row_s_leading_labels() -> None:
    text = (
        "三级指标  年度指标值  全年完成值  未完成原因和\n"
        "改进措施 \n"
        "产 出 指 标  数量指标 指标1:新建道路 524m 524m\n"
        "质量指标 指标1:工程完工率 100% 100%\n"
        "指标2:工程验收合格率 100% 100%\n"
    )
    reading = reading_of(text)
    assert rows(reading) == [
        ("数量指标", "新建道路", "524m", "524m"),
        ("质量指标", "工程完工率", "100%", "100%"),
        ("质量指标", "工程验收合格率", "100%", "100%"),
    ]
    assert {i.level1 for i in reading.indicators} == {"产出指标"}


def test_a_caption_left_of_the_label_columns_is_no_value_column_and_a_total_may_carry_its_points() -> None:
    text = (
        "年度绩效目标(80分)\t一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分\n"
        "产出指标(60分)\t数量指标\t慰问对象人数\t50人\t50人\t20\n"
        "质量指标\t补助足额拨付率\t100%\t100%\t20\n"
        "总分(100分)\t100\t自评等级\t优\n"
    )
    reading = reading_of(text)
    assert rows(reading) == [
        ("数量指标", "慰问对象人数", "50人", "50人"),
        ("质量指标", "补助足额拨付率", "100%", "100%"),
    ]
    assert reading.total_points == 100


def test_header_words_broken_over_two_rows_are_joined_and_a_row_of_bare_figures_names_nothing() -> None:
    text = (
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度\t实际\t分值\t得分\n"
        "\t\t\t指标值\t完成值\t\t\t\n"
        "\t产出指标\t数量指标\t修缮建筑面积\t6000平方米\t5800平方米\t7\t6\n"
        "\t\t\t7\t7\t\t\t\n"
        "\t\t质量指标\t验收通过率\t100%\t95%\t6\t5\n"
    )
    assert rows(reading_of(text)) == [
        ("数量指标", "修缮建筑面积", "6000平方米", "5800平方米"),
        ("质量指标", "验收通过率", "100%", "95%"),
    ]


def test_a_padded_row_whose_name_opens_with_its_list_number_sits_under_the_name_column(tmp_path) -> None:
    page = tmp_path / "form.txt"
    page.write_text(
        "项目名称 | 某某示范县项目 | | | | | |\n"
        "一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分 | |\n"
        "产出指标 | 数量指标 | 一、示范区建立 | ≥20000亩 | 20000亩 | 15 | |\n"
        "1、水稻侧深施肥 | ≥500亩 | 500亩 | 5 | | | |\n",
        encoding="utf-8",
    )
    (evaluation,) = analyze(page).evaluations
    assert [(i.name, i.target.raw, i.actual.raw) for i in evaluation.indicators] == [
        ("示范区建立", "≥20000亩", "20000亩"),
        ("水稻侧深施肥", "≥500亩", "500亩"),
    ]


def test_the_header_of_another_table_run_into_the_indicator_rows_ends_them() -> None:
    assert tab_table(
        [
            "一级指标\t二级指标\t指标名称\t目标值\t完成值",
            "产出指标\t产出数量\t完成培训任务\t12500名\t12166名",
            "序号\t学校性质\t培训机构\t补助标准\t培训人数",
            "1\t民办\t某某职业培训学校\t2600\t400",
        ]
    ) == [("数量指标", "完成培训任务", "12500名", "12166名")]


def test_a_name_holding_a_numbering_word_is_no_other_table_s_header() -> None:
    assert tab_table(
        [
            "一级指标\t二级指标\t指标名称\t目标值\t完成值",
            "产出指标\t数量指标\t门牌编号完成率\t100%\t100%",
            "\t质量指标\t验收合格率\t100%\t98%",
        ]
    ) == [("数量指标", "门牌编号完成率", "100%", "100%"), ("质量指标", "验收合格率", "100%", "98%")]


def test_a_bare_row_broken_before_its_bar_and_labels_of_either_level_stand_in_their_columns() -> None:
    text = (
        "年度绩效目标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | ||\n"
        "产出指标 | 数量指标 | 甲宣传片制作 | 1部 | 1部 | 10 | ||||\n"
        "成本指标\n"
        "| 甲制作费 | 200万 | 195.5万元 | 10 | ||||\n"
        "满意度指标 | 满意度指标 | 群众满意度 | 满意 | 完成 | 10 | |||\n"
    )
    assert rows(reading_of(text)) == [
        ("数量指标", "甲宣传片制作", "1部", "1部"),
        ("成本指标", "甲制作费", "200万", "195.5万元"),
        ("满意度指标", "群众满意度", "满意", "完成"),
    ]


def test_a_heading_between_two_bare_tables_stays_a_paragraph() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 甲 | 5个 |\n"
        "二、资金情况\n| 预算数 | 执行数 |\n| 100 | 95 |\n"
    )
    kinds = [(b.kind, b.text.split("\n")[0]) for b in ingest_bytes(text.encode("utf-8"), "t.txt").blocks]
    assert kinds[1] == ("paragraph", "二、资金情况")


def test_a_form_naming_its_levels_goals_reads_them_as_labels(tmp_path) -> None:
    """产出目标 数量目标: a department form's 一级 and 二级 labels, written with 目标 in place of 指标, in a row whose
    cells a page set apart by spaces."""
    text = (
        "某局部门整体支出绩效自评表\n"
        "年度绩效指标完成情况 一级指标 二级指标 三级指标 目标值 完成值 指标分值 自评得分 未完成原因\n"
        "产出目标 数量目标 抽查甲站点个数 9个 9个 6 6 已完成\n"
        "开展乙活动场数 10场 11场 6 6 已完成\n"
    )
    [evaluation] = analyze(write(tmp_path, "form.txt", text)).evaluations
    assert rows(evaluation) == [
        ("数量指标", "抽查甲站点个数", "9个", "9个"),
        ("数量指标", "开展乙活动场数", "10场", "11场"),
    ]


def test_a_table_cut_off_above_its_header_is_read_by_its_split_targets(tmp_path) -> None:
    """A page opening inside a 自评表: rows setting out 指标性质 | 指标值 | 度量单位 after their name say what their
    columns are; three figures after them are 实际完成值 | 分值 | 得分. The rows are the cut-off unit's, not the
    next form's."""
    text = (
        "社会效益指标 | 甲讲座知晓率 | = | 100 | % | 100 | 5 | 5 |\n"
        "满意度指标 | 服务对象满意度指标 | 活动参与人员满意度 | ≥ | 95 | % | 95 | 5 | 5 |\n"
        "乙人员满意度 | ≥ | 95 | % | 90 | 5 | 4 |\n"
        "合计 | 100 | 99 |\n"
        "部门预算项目支出绩效自评表(2022年度) | ||||||||\n"
        "项目名称 | 某某服装经费 | ||||||||\n"
    )
    [cut_off, named] = analyze(write(tmp_path, "page.txt", text)).evaluations
    assert [(i.dimension, i.name, i.target.raw, i.actual.raw) for i in cut_off.indicators] == [
        ("社会效益指标", "甲讲座知晓率", "=100%", "100%"),
        ("满意度指标", "活动参与人员满意度", "≥95%", "95%"),
        ("满意度指标", "乙人员满意度", "≥95%", "90%"),
    ]
    assert (named.name, named.indicators) == ("某某服装经费", [])


def test_a_cut_off_table_keeps_an_empty_actual_in_its_place_and_its_total_under_the_points() -> None:
    text = (
        "社会效益指标 | 甲讲座知晓率 | = | 100 | % | 100 | 5 | 5 |\n"
        "满意度指标 | 服务对象满意度指标 | 乙人员满意度 | ≥ | 95 | % | | 5 | 0 |\n"
        "丙人员满意度 | 定性 | 优 | | 优 | 5 | 4 |\n"
        "合计 | 100 | 90 |\n"
    )
    [table] = ingest_bytes(text.encode("utf-8"), "t.txt").tables
    reading = read_table(table)
    assert [(i.name, i.target.raw, i.actual.raw if i.actual else None, i.points) for i in reading.indicators] == [
        ("甲讲座知晓率", "=100%", "100%", 5),
        ("乙人员满意度", "≥95%", None, 0),
        ("丙人员满意度", "优", "优", 4),
    ]
    assert reading.total_points == 90


def test_a_header_written_into_one_cell_is_no_indicator(tmp_path) -> None:
    """年度 ⏎ 绩效 ⏎ 指标 … ⏎ 三级指标 指标解释 绩效目标值 实际完成值 指标分值 得分: the line of spaced header words
    is a header, not an indicator named so."""
    lines = ["部门整体支出绩效自评表", "年度", "绩效", "指标", "完成", "情况", "一级", "指标", "二级", "指标"]
    lines += ["三级指标 指标解释 绩效目标值 实际完成值 指标分值 得分", "产出", "指标", "(60分)", "数量", "指标"]
    lines += ["指标1 按月发放员工工资"]
    document = analyze(write(tmp_path, "a.txt", "\n".join(lines) + "\n"))
    names = [i.name for e in document.evaluations for i in e.indicators]
    assert names and not any("指标解释" in (name or "") for name in names)


_PADDED_TABLE = (
    "某县转移支付区域(项目)绩效目标自评表 | |||||||\n"
    "转移支付(项目)名称 | 某某陈列布展项目 | ||||||\n"
    "绩效指标 | 一级 指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |\n"
    "产 出 指 标 | 数量指标 | 布展面积 | 300㎡ | 0 | 展陈方案需通过审核,审核后将尽快实施。 | ||\n"
    "质量指标 | 指标1:工程实施总体质量 | 一次性通过验收 | 一次性 | 未完成展陈建设 | |||\n"
    "指标2:安全事故发生率 | <=0% | <=0% | —— | ||||\n"
    "时效指标 | 指标1:招投标时间 | 1个月 | 1个月 | —— | |||\n"
    "指标2:项目完成周期 | 4个月 | 4个月 | 展陈方案需通过审核,审核后将尽快实施。 | ||||\n"
)


def test_rows_padded_on_the_right_after_losing_merged_cells_on_the_left(tmp_path) -> None:
    """A converter pads every row to one count of cells: a row that lost its merged labels keeps its name first,
    its values next and its reason (a dash, a sentence) after them (table written for the test)."""
    path = tmp_path / "padded.txt"
    path.write_text(_PADDED_TABLE, encoding="utf-8")
    indicators = analyze(path).evaluations[0].indicators
    assert [(i.name, i.target.raw if i.target else None, i.actual.raw if i.actual else None) for i in indicators] == [
        ("布展面积", "300㎡", "0"),
        ("工程实施总体质量", "一次性通过验收", "一次性"),
        ("安全事故发生率", "<=0%", "<=0%"),
        ("招投标时间", "1个月", "1个月"),
        ("项目完成周期", "4个月", "4个月"),
    ]


def test_a_first_level_label_standing_alone_in_the_name_column_heads_the_rows_below(tmp_path) -> None:
    text = (
        "# XX项目绩效自评表\n\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n|---|---|---|---|---|\n"
        "| 产出指标 | 数量指标 | 培训人数 | ≥200人 | 215人 |\n| | | 效益指标 | | |\n"
        "| | 社会效益指标 | 就业率 | ≥80% | 85% |\n"
    )
    path = tmp_path / "label.md"
    path.write_text(text, encoding="utf-8")
    indicators = analyze(path).evaluations[0].indicators
    assert [(i.level1, i.name) for i in indicators] == [("产出指标", "培训人数"), ("效益指标", "就业率")]


def test_a_table_cut_off_above_its_header_with_its_scores_left_empty(tmp_path) -> None:
    """Two figures after a split target that mostly repeat it are 实际完成值 | 分值 (得分 left empty); a name that
    is a 二级 label elsewhere (群众满意度) is the row's name; a row's figures broken onto their own line join it;
    a row's closing bars broken off onto lines of their own (| / | |||) keep it in the table."""
    text = (
        "甲标志设置及时率 | = | 100 | % | 100 | 5 |\n|\n| |||\n"
        "成本指标 | 乙排查成本 | = | 6 | 万元 | 6 | 5 |\n|\n| ||\n"
        "效益指标 | 社会效益指标 | 丙美化率 | ≥ | 90 | % | 93 | 10 |\n|\n| |\n"
        "可持续影响指标 | 丁机制健全性 | 定性 | 优良中低差 |\n| 优 | 10 |\n|\n| ||\n"
        "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 95 | % | 96 | 10 |\n|\n| |\n"
        "合计 | 100 |\n评价结论 | 预算编制质量较高,总体评价良好。 |\n存在问题 |\n改进措施 |\n"
    )
    [evaluation] = analyze(write(tmp_path, "page.txt", text)).evaluations
    assert rows(evaluation) == [
        ("时效指标", "甲标志设置及时率", "=100%", "100%"),
        ("成本指标", "乙排查成本", "=6万元", "6万元"),
        ("社会效益指标", "丙美化率", "≥90%", "93%"),
        ("可持续影响指标", "丁机制健全性", "优良中低差", "优"),
        ("满意度指标", "群众满意度", "≥95%", "96%"),
    ]
    assert evaluation.claimed_score is None  # 合计 100 totals the weights


def test_a_headerless_table_of_labels_name_target_and_actual_scraped_one_cell_per_line(tmp_path) -> None:
    """Rows cut off below their header, each cell on its own line after its row's opening bar (| 一级) with a bar
    alone between cells and a run of bars ending the row: two labels, then name, target and actual."""
    table = [
        ["项目完成指标", "质量指标", "甲设施条件", "改善条件", "明显改善"],
        ["效益指标", "社会效益指标", "乙服务需求", "有所提升", "服务提升"],
        ["满意度指标", "服务对象满意度指标", "丙对象满意度", "≥90%", "98%"],
    ]
    lines = []
    for row in table:
        lines += [f"|   {row[0]}"] + [f"        | \n     {cell}" for cell in row[1:]] + ["        | ", "  ||||"]
    text = "\n".join(lines) + "\n评价结论 | 较好。 |\n存在问题 |\n改进措施 |\n"
    [evaluation] = analyze(write(tmp_path, "page.txt", text)).evaluations
    assert rows(evaluation) == [
        ("质量指标", "甲设施条件", "改善条件", "明显改善"),
        ("社会效益指标", "乙服务需求", "有所提升", "服务提升"),
        ("满意度指标", "丙对象满意度", "≥90%", "98%"),
    ]


def test_a_cut_off_tables_weights_and_points_are_not_read_as_actuals(tmp_path) -> None:
    """Two figures after split targets that they do not repeat (20人次 | 10 | 10) are 分值 | 得分, and rows of labels,
    a name and two bare figures (产出指标 | 数量指标 | 20 | 18) are a score sheet's, no indicators."""
    text = (
        "某县农村公路养护项目绩效自评表\n甲培训人次 | ≥ | 20 | 人次 | 10 | 10 |\n乙宣传次数 | ≥ | 12 | 次 | 10 | 9 |\n"
        "丙满意度 | ≥ | 90 | % | 10 | 10 |\n合计 | 30 | 29 |\n"
    )
    [evaluation] = analyze(write(tmp_path, "t6.txt", text)).evaluations
    assert [i.actual for i in evaluation.indicators] == [None, None, None] and evaluation.claimed_score == 29
    scores = (
        "某县农村公路养护项目绩效自评报告\n一、评分情况\n| 产出指标 | 数量指标 | 道路硬化里程 | 10 | 9 |\n"
        "| 产出指标 | 质量指标 | 验收合格率 | 10 | 10 |\n| 效益指标 | 社会效益指标 | 群众出行条件 | 10 | 8 |\n"
    )
    [scored] = analyze(write(tmp_path, "t4.txt", scores)).evaluations
    assert not any(i.target and i.target.raw == "10" for i in scored.indicators)


def test_a_header_whose_lower_row_names_only_the_labels_is_one_header() -> None:
    """绩效指标 spans the label columns above 一级/二级/三级指标; the value columns are named once, above."""
    assert tab_table(
        [
            "绩效指标|||年度指标值|全年实际值|分值|得分|偏差原因分析",
            "一级指标|二级指标|三级指标|||||",
            "产出指标|数量指标|培训人数|≥200人次|215人次|10|10|",
            "||合格率|100%|100%|10|10|",
        ]
    ) == [("数量指标", "培训人数", "≥200人次", "215人次"), ("数量指标", "合格率", "100%", "100%")]


def test_a_table_turned_sideways_is_read_one_indicator_a_column() -> None:
    assert tab_table(
        [
            "| 二级指标 | 数量指标 | 质量指标 |",
            "| --- | --- | --- |",
            "| 指标名称 | 培训人数 | 合格率 |",
            "| 年度指标值 | ≥200人次 | 100% |",
            "| 实际完成值 | 215人次 | 98% |",
            "| 分值 | 10 | 10 |",
        ]
    ) == [("数量指标", "培训人数", "≥200人次", "215人次"), ("质量指标", "合格率", "100%", "98%")]


def test_a_goals_table_and_the_later_results_table_give_each_indicator_once(tmp_path) -> None:
    text = (
        "某项目绩效自评报告\n一、绩效目标\n| 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- |\n"
        "| 数量指标 | 培训人数 | ≥200人次 |\n| 质量指标 | 合格率 | 100% |\n"
        "二、绩效目标完成情况\n| 二级指标 | 三级指标 | 实际完成值 | 分值 | 得分 |\n| --- | --- | --- | --- | --- |\n"
        "| 数量指标 | 培训人数 | 215人次 | 10 | 10 |\n| 质量指标 | 合格率 | 98% | 10 | 9 |\n"
    )
    path = write(tmp_path, "goals.md", text)
    indicators = analyze(path).to_json()["evaluations"][0]["indicators"]
    assert [(i["name"], i["target"]["raw"], i["actual"]["raw"], i["points"]) for i in indicators] == [
        ("培训人数", "≥200人次", "215人次", 10),
        ("合格率", "100%", "98%", 9),
    ]


def test_a_header_printed_again_on_the_next_page_is_no_second_table() -> None:
    """The repeated header is dropped, and the word a page break cut off a row (…11月30 ⏎ 日) is no row of its own."""
    assert tab_table(
        [
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
            "| --- | --- | --- | --- | --- |",
            "| 产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 |",
            "| | 时效指标 | 完成时间 | 2023年11月30 | 2023年12月 |",
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
            "| | | | 日 | |",
            "| 效益指标 | 社会效益指标 | 受益人数 | ≥500人 | 520人 |",
        ]
    ) == [
        ("数量指标", "培训人数", "≥200人次", "215人次"),
        ("时效指标", "完成时间", "2023年11月30", "2023年12月"),
        ("社会效益指标", "受益人数", "≥500人", "520人"),
    ]


def test_a_sideways_tables_spanning_labels_and_its_score_rows_below() -> None:
    """A label spanning columns stands over the first of them; 自评总得分 below the turned rows is the score."""
    document = ingest_bytes(
        "\n".join(
            [
                "XX项目绩效自评表",
                "| 一级指标 | 产出指标 | | 满意度指标 |",
                "| --- | --- | --- | --- |",
                "| 二级指标 | 数量指标 | 质量指标 | 服务对象满意度指标 |",
                "| 三级指标 | 培训人数 | 合格率 | 满意度 |",
                "| 年度指标值 | ≥200人次 | 100% | ≥90% |",
                "| 实际完成值 | 215人次 | 98% | 95% |",
                "| 自评总得分 | 96 | | |",
            ]
        ).encode(),
        "t.md",
    )
    reading = read_table(document.tables[0])
    assert [(i.level1, i.name) for i in reading.indicators] == [
        ("产出指标", "培训人数"),
        ("产出指标", "合格率"),
        ("满意度指标", "满意度"),
    ]
    assert reading.total_points == 96


def test_a_second_form_stacked_below_the_first_keeps_its_header() -> None:
    """Two 自评表 in one sheet: the second's header follows its own 项目名称 and budget rows, no page's repeat."""
    document = ingest_bytes(
        "\n".join(
            [
                "XX项目绩效自评表",
                "| 项目名称 | 甲项目 | | | |",
                "| --- | --- | --- | --- | --- |",
                "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
                "| 产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 |",
                "| 总分 | 100 | 98 | | |",
                "| 项目名称 | 乙项目 | | | |",
                "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
                "| 产出指标 | 质量指标 | 合格率 | 100% | 98% |",
            ]
        ).encode(),
        "t.md",
    )
    assert [i.name for i in read_table(document.tables[0]).indicators] == ["培训人数", "合格率"]


def test_group_rows_a_first_levels_points_and_a_second_level_label_naming_its_row(tmp_path) -> None:
    text = (
        "某项目绩效自评表\n| 指标 | 目标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 产出指标(50分) |\n| 产出指标—数量指标 |\n| 举办演出场次 | ≥30场 | 32场 | 15 | 15 |\n"
        "| 效益指标—社会效益指标 |\n| 观看演出人次 | ≥5万人次 | 3.8万人次 | 10 | 8 |\n"
        "| 满意度指标—服务对象满意度指标 |\n| 群众满意度 | ≥95% | 99% | 10 | 10 |\n"
    )
    indicators = analyze(write(tmp_path, "a.txt", text)).evaluations[0].indicators
    # a 一级 label's points on a row of their own, and the group rows, are no indicators
    assert [(i.dimension, i.name) for i in indicators] == [
        ("数量指标", "举办演出场次"),
        ("社会效益指标", "观看演出人次"),
        ("满意度指标", "群众满意度"),
    ]
    assert indicators[-1].target.raw == "≥95%"


def test_a_table_printed_again_on_the_next_page_is_one_form(tmp_path) -> None:
    header = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    text = (
        "某项目支出绩效自评表\n| 项目名称 | 某项目 |\n"
        + header
        + "| 产出指标 | 数量指标 | 实施面积 | ≥80万亩 | 82.3万亩 | 50 | 50 |\n第 1 页 共 2 页\n"
        + header
        + "| 满意度指标 | 服务对象满意度指标 | 农户满意度 | ≥95% | 97% | 50 | 50 |\n| 总分 | 100 | 100 |\n\n"
        "存在的问题\n宣传不到位。\n改进措施\n加强宣传。\n填报单位(盖章)：某县农业农村局\n"
    )
    result = analyze(write(tmp_path, "a.txt", text))
    assert len(result.evaluations) == 1
    evaluation = result.evaluations[0]
    assert [i.name for i in evaluation.indicators] == ["实施面积", "农户满意度"]
    assert evaluation.claimed_score == 100
    # the form's signature line (its label with a note: 填报单位(盖章)) ends the suggestions
    assert [(s.kind, s.text) for s in evaluation.statements] == [
        ("problem", "宣传不到位。"),
        ("suggestion", "加强宣传。"),
    ]


def test_a_self_score_row_closes_the_indicator_rows_and_states_the_score(tmp_path) -> None:
    text = (
        "某项目支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 指标权重 | 年度指标值 | 实际完成值 | 得分 |\n"
        "| 产出指标 | 数量指标 | 新建礼堂 | 50 | ≥8家 | 8家 | 50 |\n"
        "| 满意度指标 | 服务对象满意度指标 | 村民满意度 | 50 | ≥90% | 93.5% | 48 |\n"
        "| 自评总分 | 100 | 98 | 自评等级 | 优 |\n"
    )
    evaluation = analyze(write(tmp_path, "a.txt", text)).evaluations[0]
    assert [i.name for i in evaluation.indicators] == ["新建礼堂", "村民满意度"]
    assert evaluation.claimed_score == 98


def test_a_merged_header_cell_over_the_target_and_the_actual_names_both_columns() -> None:
    """A Word table's 指标值, merged over 年度指标值 | 实际完成值 on the header's second row, the other header cells
    merged down both rows."""
    html = (
        "<html><body><p>XX项目绩效自评表</p><table>"
        "<tr><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td><td rowspan=2>三级指标</td>"
        "<td colspan=2>指标值</td><td rowspan=2>分值</td><td rowspan=2>得分</td></tr>"
        "<tr><td>年度指标值</td><td>实际完成值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>维修渠道长度</td><td>≥38公里</td><td>35.2公里</td>"
        "<td>8</td><td>7.4</td></tr>"
        "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>农户满意度</td><td>≥95%</td><td>98%</td>"
        "<td>10</td><td>10</td></tr>"
        "</table></body></html>"
    )
    reading = html_reading(html)
    assert rows(reading) == [
        ("数量指标", "维修渠道长度", "≥38公里", "35.2公里"),
        ("满意度指标", "农户满意度", "≥95%", "98%"),
    ]


def test_merged_header_cells_over_the_values_and_over_the_points_name_all_four_columns() -> None:
    """A finance bureau's sheet: 指标完成情况 merged over 年度指标值 | 实际完成值 and 评分 over 分值 | 得分, the label
    cells merged down both rows, a merged 绩效指标 cell on the left."""
    html = (
        "<html><body><p>XX项目支出绩效自评表</p><table>"
        "<tr><td rowspan=3>绩 效 指 标</td><td rowspan=2>一级指标</td><td rowspan=2>二级指标</td>"
        "<td rowspan=2>三级指标</td><td colspan=2>指标完成情况</td><td colspan=2>评分</td>"
        "<td rowspan=2>偏差原因分析及改进措施</td></tr>"
        "<tr><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>维修学校数量</td><td>22所</td><td>20所</td>"
        "<td>10</td><td>9.09</td><td>2所学校延期</td></tr>"
        "</table></body></html>"
    )
    reading = html_reading(html)
    assert rows(reading) == [("数量指标", "维修学校数量", "22所", "20所")]
    assert [(i.weight, i.points) for i in reading.indicators] == [(10, 9.09)]


def test_a_pipe_tables_header_cell_over_an_empty_one_and_the_sub_header_below_them() -> None:
    """| 指标值 | | over | 年度指标值 | 实际完成值 |: the empty cell is the merged cell's second column."""
    assert tab_table(
        [
            "| 一级指标 | 二级指标 | 三级指标 | 权重 | 指标值 | | 自评分 |",
            "|---|---|---|---|---|---|---|",
            "| | | | | 年度指标值 | 实际完成值 | |",
            "| 产出 | 数量指标 | 治理行政村数量 | 8 | 14个 | 14个 | 8 |",
            "| 产出 | 数量指标 | 新建管网长度 | 8 | ≥40公里 | 39.2公里 | 7.8 |",
        ]
    ) == [("数量指标", "治理行政村数量", "14个", "14个"), ("数量指标", "新建管网长度", "≥40公里", "39.2公里")]


def test_a_grid_tables_header_cut_to_single_words() -> None:
    """指标 | 目标 | 实际 | 分 | 得: read in a table whose cells are known; any other word in the row and it is none."""
    rows = ["| 举办演出场次 | ≥30场 | 32场 | 15 | 15 |", "| 群众满意度 | ≥95% | 99% | 10 | 10 |"]
    assert tab_table(["| 指标 | 目标 | 实际 | 分 | 得 |", *rows]) == [
        ("其他", "举办演出场次", "≥30场", "32场"),
        ("满意度指标", "群众满意度", "≥95%", "99%"),
    ]
    with pytest.raises(StopIteration):
        tab_table(["| 指标 | 目标 | 实际 | 分 | 备 |", *rows])


def test_a_group_s_subtotal_row_is_no_indicator_and_the_rows_after_it_go_on() -> None:
    assert tab_table(
        [
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
            "| 产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次 | 30 | 30 |",
            "| 小计 | | | | | 30 | 30 |",
            "| 效益指标 | 社会效益指标 | 农民增收率 | ≥5% | 6% | 20 | 20 |",
            "| 产出指标小计 | | | | | 20 | 20 |",
            "| 效益指标 | 小计 | | | | 20 | 20 |",
        ]
    ) == [("数量指标", "培训人数", "≥200人次", "215人次"), ("社会效益指标", "农民增收率", "≥5%", "6%")]


def test_a_self_score_row_closing_the_table_states_the_claimed_score(tmp_path) -> None:
    """自评得分 | 100 | 98.12 | 自评等级：优: the second figure, as in a 总分 row."""
    text = (
        "某某项目支出绩效自评表\n项目名称\t助餐补贴\n"
        "三级指标\t年度目标值\t实际完成值\t分值\t得分\n"
        "助餐人数\t3000人\t2860人\t50\t48.12\n满意度\t≥90%\t96%\t50\t50\n"
        "自评得分\t100\t98.12\t自评等级：优\n"
    )
    (evaluation,) = analyze(write(tmp_path, "a.txt", text)).evaluations
    assert evaluation.claimed_score == 98.12


def test_a_scoring_rule_column_beside_no_actual_column_states_no_target() -> None:
    """评分表: 指标解释 | 评分标准 | 分值 | 得分 — 达标得满分 is how a row is scored, not its target; beside an actual
    column (评价标准 | 实际完成值) the column is the target."""
    rule = ["三级指标", "指标解释", "评分标准", "分值", "得分"]
    assert tab_table(["\t".join(rule), "验收合格率\t目标100%\t达标得满分\t10\t10"]) == [
        ("其他", "验收合格率", None, None)
    ]
    target = ["三级指标", "评价标准", "实际完成值", "分值", "得分"]
    assert tab_table(["\t".join(target), "验收合格率\t100%\t100%\t10\t10"]) == [("其他", "验收合格率", "100%", "100%")]


def test_numbered_group_rows_spanning_a_table_without_level_columns_label_the_rows_under_them() -> None:
    """一、产出指标 ⏎ (一)数量指标 rows of one merged cell head their groups; a unit column joins ≥42 as well as 42."""

    def row(*cells: str) -> str:
        if len(cells) == 1:
            return f"<tr><td colspan=6>{cells[0]}</td></tr>"
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    html = (
        "<html><body><p>XX项目绩效自评表</p><table>"
        + "".join(
            [
                row("指标名称", "计量单位", "年度目标值", "实际完成值", "完成率", "是否完成"),
                row("一、产出指标"),
                row("（一）数量指标"),
                row("改造条数", "条", "≥42", "38", "90.48%", "否"),
                row("（二）成本指标"),
                row("综合改造成本", "元/平方米", "≤230", "212.6", "—", "是"),
                row("二、满意度指标"),
                row("居民满意度", "%", "≥95", "98", "—", "是"),
            ]
        )
        + "</table></body></html>"
    )
    reading = html_reading(html)
    assert rows(reading) == [
        ("数量指标", "改造条数", "≥42条", "38条"),
        ("成本指标", "综合改造成本", "≤230元/平方米", "212.6元/平方米"),
        ("满意度指标", "居民满意度", "≥95%", "98%"),
    ]


def test_a_self_score_row_under_a_table_scoring_no_rows_states_the_claimed_score(tmp_path) -> None:
    """No 分值/得分 columns: 自评得分 | 100 | 91.6 is full marks then the score; 总分 | 100 says no score."""
    head = "某某项目支出绩效自评表\n项目名称\t道路养护\n三级指标\t计量单位\t年度目标值\t实际完成值\t完成率\n"
    rows = "养护里程\t公里\t≥860\t872\t101.4%\n危桥改造数量\t座\t7\t6\t85.7%\n"
    (scored,) = analyze(write(tmp_path, "a.txt", head + rows + "自评得分\t100\t91.6\t自评等级：优\n")).evaluations
    assert scored.claimed_score == 91.6
    (total,) = analyze(write(tmp_path, "b.txt", head + rows + "总分\t100\n")).evaluations
    assert total.claimed_score is None

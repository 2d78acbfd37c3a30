"""Tables laid out in columns of spaces, as a layout-keeping conversion or OCR gives them (written for the tests).

Cells stand under their header cells as they look on screen, a Chinese character two columns wide.
"""

from __future__ import annotations

import time
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from test_ingest import assert_offsets_slice

from nlp.reading.ingest import ingest_bytes
from nlp.reading.readers.layout_columns import read_layout_columns


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` screen columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(2, width - used)


def laid_out(*cells: str, widths: tuple[int, ...] = (8, 10, 26, 8, 10, 12, 8, 8, 20)) -> str:
    return "".join(pad(cell, width) for cell, width in zip(cells, widths, strict=False)).rstrip()


LINES = [
    laid_out("一级", "二级", "", "指标", "指标值", "实际", "分值", "得分", "偏差原因分析"),
    laid_out("指标", "指标", "三级指标", "性质", "", "完成值", "", "", "及改进措施"),
    laid_out("产", "数量指标", "培训人数", "≥", "1 200", "1260人次", "10", "10"),
    laid_out("出", "", "示范点覆盖", "≥", "60%", "63.5%", "10", "9.1", "部分乡镇推迟"),
    laid_out("", "", "率", "", "", "", "", "", "至次年完成"),
    laid_out("指", "质量指标", "验收合格率", "=", "1 00%", "100%", "1O", "10"),
    laid_out("标"),
    laid_out("总分", "", "", "", "", "", "30", "29.1"),
    "存在问题    部分乡镇推迟实施。",
]


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def test_a_laid_out_table_comes_back_under_its_two_line_header() -> None:
    table, after = read_layout_columns(LINES, 0)
    assert after == 8  # the 总分 row closes it; the statement after is text
    rows = cells(table)
    assert rows[0] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    # broken digits joined, an OCR'd O read as 0, a wrapped name and reason joined, 一级 pieces left to the 二级 label
    assert rows[1] == ["", "数量指标", "培训人数", "≥", "1200", "1260人次", "10", "10", ""]
    assert rows[2] == ["", "", "示范点覆盖率", "≥", "60%", "63.5%", "10", "9.1", "部分乡镇推迟至次年完成"]
    assert rows[3][2:8] == ["验收合格率", "=", "100%", "100%", "10", "10"]
    assert rows[4][0] == "总分" and rows[4][6:8] == ["30", "29.1"]


def test_a_budget_block_laid_out_in_columns() -> None:
    widths = (22, 12, 12, 12, 8)
    lines = [
        laid_out("项目资金", "年初预算数", "全年预算数", "全年执行数", "执行率", widths=widths),
        laid_out("(万元)", widths=widths),
        laid_out("年度资金总额：", "240.00", "286.40", "251.37", "87.8%", widths=widths),
        "      " + laid_out("其中：当年财政拨款", "240.00", "286.40", "251.37", "—", widths=(16, 12, 12, 12, 8)),
        laid_out("年度总体目标", "预期目标", "实际完成情况", widths=(16, 40, 20)),
    ]
    table, after = read_layout_columns(lines, 0)
    assert after == 4
    assert cells(table)[1:] == [
        ["年度资金总额：", "240.00", "286.40", "251.37", "87.8%"],
        ["其中：当年财政拨款", "240.00", "286.40", "251.37", "—"],
    ]


def test_rows_of_cells_one_space_apart_are_no_layout() -> None:
    lines = ["全年预算数(A)  全年执行数(B)  执行率(B/A)", "年度资金总额:  372.29万元 372.29万元 100%"]
    assert read_layout_columns(lines, 0) is None


def test_a_scanned_form_laid_out_in_columns_gives_its_indicators() -> None:
    document = ingest_bytes(("某项目绩效自评表\n" + "\n".join(LINES) + "\n").encode("utf-8"), "scan.txt")
    [table] = document.tables
    assert [cell.text for cell in table.rows[1]][2] == "培训人数"


cell = st.text(alphabet="培训人数率≥%0123456789. 丨|O", max_size=10)


@given(st.lists(st.tuples(cell, cell, cell, cell), max_size=8), st.integers(min_value=0, max_value=6))
def test_any_laid_out_lines_read_and_their_cells_point_at_their_text(rows, shift) -> None:
    """No crash whatever the cells and however far they drift; every cell's offsets point at its text."""
    lines = [LINES[0], LINES[1]]
    lines += [" " * shift + laid_out("", "数量指标", name, "≥", target, actual) for name, target, actual, _ in rows]
    assert_offsets_slice(ingest_bytes(("某项目绩效自评表\n" + "\n".join(lines) + "\n").encode("utf-8"), "layout.txt"))


def test_a_date_cell_with_a_space_inside_and_a_name_with_latin_letters_stay_as_written() -> None:
    lines = [
        *LINES[:2],
        laid_out("标", "时效指标", "CO2减排量", "≤", "2023年 12月", "2023年 11月", "5", "5"),
        LINES[-2],
    ]
    table, _ = read_layout_columns(lines, 0)
    assert cells(table)[1][2:6] == ["CO2减排量", "≤", "2023年 12月", "2023年 11月"]


SCORE_SHEET_WIDTHS = (8, 10, 14, 22, 20, 6, 6)


def sheet(*cells: str) -> str:
    return laid_out(*cells, widths=SCORE_SHEET_WIDTHS)


def test_a_score_sheet_whose_cells_centre_on_their_rows_line_and_go_on_after_a_page_break() -> None:
    lines = [
        sheet("一级指标", "二级指标", "三级指标", "指标解释", "评分标准", "分值", "得分"),
        sheet("", "", "", "部门所设立的整体", "①是否符合国家法律"),
        sheet("", "", "绩效目标合理", "绩效目标依据是否", "法规，符合者得5分。 5"),
        sheet("", "", "性", "充分。", "不符合不得分。"),
        sheet("投入", "目标设定"),
        sheet("", "", "", "预算执行数与预算", "执行率≥95%得10分；"),
        sheet("", "", "预算执行率", "数的比率。", "每降低1个百分点扣", "10", "9.5"),
        sheet("", "", "", "", "0.5分，扣完为止。"),
        "",
        "",
        "                              — 2 —",
        "",
        sheet("", "", "", "服务对象对部门履", "满意度≥95%得满分；"),
        sheet("效果", "满意度", "服务对象满意度", "职效果的满意程度。", "90%以下不得分。", "5", "5"),
        sheet("合计", "", "", "", "", "20", "19.5"),
    ]
    table, after = read_layout_columns(lines, 0)
    assert after == len(lines)
    rows = cells(table)[1:]
    # each line is its nearest row's: the text above a row's points and the name's wrapped rest
    assert [row[2] for row in rows] == ["绩效目标合理性", "预算执行率", "服务对象满意度", ""]
    # a figure one space after a wide cell's text, under a column of its own, is that column's
    assert [row[5:] for row in rows] == [["5", ""], ["10", "9.5"], ["5", "5"], ["20", "19.5"]]
    assert rows[0][4] == "①是否符合国家法律法规，符合者得5分。不符合不得分。"
    assert rows[1][3] == "预算执行数与预算数的比率。"
    # a label centred between two rows is the first one's
    assert rows[0][:2] == ["投入", "目标设定"] and rows[1][:2] == ["", ""]


def test_cells_set_apart_by_one_run_of_spaces_are_no_layout() -> None:
    gap = " " * 6
    lines = [
        gap.join(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分"]),
        gap.join(["", "产出指标", "数量指标", "扶持非遗项目数量", "≥12个", "12个", "10", "10"]).lstrip(),
        gap.join(["非遗传承人传习补助人数", "≥30人", "26人", "10", "8.67"]),
        gap.join(["举办非遗展演展示活动场次", "≥6场", "7场", "10", "10"]),
        gap.join(["质量指标", "档案数字化完成率", "≥80%", "65%", "10", "8.13"]),
    ]
    # the cells stand wherever their text ends, not under their header's: the spaced-rows reader's
    assert read_layout_columns(lines, 0) is None


def test_cells_set_apart_by_runs_of_any_length_but_not_under_their_header_are_no_layout() -> None:
    """A page pasted with two to six spaces between cells: each row's cells crowd under a few header cells."""
    lines = [
        "一级指标     二级指标  三级指标    指标性质      指标值   度量单位  全年实际值     分值    得分",
        "产出指标  数量指标    新建高标准农田面积      ≥   1.2  万亩     1.2万亩    10   10",
        "新增节水灌溉面积    ≥      0.5   万亩  0.52万亩     5    5",
        "质量指标   工程竣工验收合格率  =     100    %   100%     10  10",
        "成本指标     亩均财政投资    ≤   2300     元/亩  2150元/亩    10      10",
    ]
    assert read_layout_columns(lines, 0) is None
    # the spaced-rows reader takes them, each cell in its column
    table = ingest_bytes("\n".join(lines).encode("utf-8"), "pasted.txt").tables[0]
    assert [cell.text for cell in table.rows[2]][2:7] == ["新增节水灌溉面积", "≥", "0.5", "万亩", "0.52万亩"]


def test_a_header_printed_again_after_a_page_break_is_no_row() -> None:
    widths = (12, 12, 14, 14, 14, 6, 6)
    header = laid_out("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", widths=widths)
    lines = [
        header,
        laid_out("产出指标", "数量指标", "培训人次", "≥1000人次", "1200人次", "20", "20", widths=widths),
        "",
        "",
        "                              — 3 —",
        "",
        header,
        laid_out("效益指标", "社会效益", "群众满意度", "≥90%", "95%", "30", "30", widths=widths),
    ]
    table, _ = read_layout_columns(lines, 0)
    assert [row[2] for row in cells(table)] == ["三级指标", "培训人次", "群众满意度"]


def by_characters(*cells: str, widths: tuple[int, ...] = (6, 6, 10, 8, 8, 4, 4)) -> str:
    """``cells`` each padded to its width in characters, as pdftotext -layout sets them (a Chinese character in one
    column, however wide it looks)."""
    return "".join(cell + " " * max(2, width - len(cell)) for cell, width in zip(cells, widths, strict=False)).rstrip()


def test_pdftotext_layout_counts_a_character_a_column_whatever_its_width() -> None:
    # a wrapped name's rest alone on its line stands under its column by characters; on screen it looks far left
    lines = [
        by_characters("一级指标", "二级指标", "指标名称", "目标值", "实际完成值", "分值", "得分"),
        by_characters("产出指标", "产出数量", "改造投放点数量", "≥420个", "436个", "10", "10"),
        by_characters("", "", "新增回收服务点建", "≥60个", "60个", "10", "9"),
        by_characters("", "", "设数量"),
        by_characters("效益指标", "社会效益", "生活垃圾回收利用", "≥42%", "43.5%", "20", "20"),
        by_characters("", "", "率"),
        by_characters("合计", "", "", "", "", "40", "39"),
    ]
    table, after = read_layout_columns(lines, 0)
    assert after == len(lines)
    rows = cells(table)
    assert rows[1] == ["产出指标", "产出数量", "改造投放点数量", "≥420个", "436个", "10", "10"]
    assert rows[2][2:] == ["新增回收服务点建设数量", "≥60个", "60个", "10", "9"]
    assert rows[3][2:] == ["生活垃圾回收利用率", "≥42%", "43.5%", "20", "20"]


def test_a_side_label_three_header_lines_wrapped_rows_and_a_foot_with_the_issuer() -> None:
    # pdftotext -layout of a narrow form: 绩效指标 printed down the side (no key column), a header over three
    # lines, names and values wrapped onto lines with no points (no row of their own), and a page's foot holding
    # the issuer's name and the page's number between the table's two parts
    widths = (7, 7, 7, 10, 12, 12, 5, 5, 8)
    lines = [
        by_characters(
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标",
            "实际完成",
            "分值",
            "得分",
            "偏差原因",
            widths=widths,
        ),
        by_characters("", "", "", "", "值", "值", "", "", "分析及改", widths=widths),
        by_characters("", "", "", "", "", "", "", "", "进措施", widths=widths),
        by_characters("", "产出指标", "数量指标", "水文站运", "136个", "136个", "8", "8", widths=widths),
        by_characters("", "", "", "行维护数", widths=widths),
        by_characters("", "", "", "断面采样", "每断面12", "12次/年", "6", "6", widths=widths),
        by_characters("", "", "", "频次", "次/年", widths=widths),
        "",
        "",
        "           某某水文分中心                          —2—",
        by_characters("", "", "质量指标", "到报率", "≥99%", "99.6%", "8", "8", widths=widths),
        by_characters("总分", "", "", "", "", "", "30", "30", widths=widths),
    ]
    table, after = read_layout_columns(lines, 0)
    assert after == len(lines)
    rows = cells(table)
    assert rows[0][-1] == "偏差原因分析及改进措施"
    assert [row[3:6] for row in rows[1:4]] == [
        ["水文站运行维护数", "136个", "136个"],
        ["断面采样频次", "每断面12次/年", "12次/年"],
        ["到报率", "≥99%", "99.6%"],
    ]


def test_a_row_with_blank_points_is_a_row_of_its_own() -> None:
    lines = [
        laid_out(
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            widths=(10, 10, 20, 12, 12, 6, 6),
        ),
        laid_out("产出指标", "质量指标", "培训合格率", "≥90%", "95%", "20", "20", widths=(10, 10, 20, 12, 12, 6, 6)),
        laid_out("效益指标", "社会效益", "群众知晓率", "≥80%", "85%", widths=(10, 10, 20, 12, 12, 6, 6)),
    ]
    table, _ = read_layout_columns(lines, 0)
    assert [row[:5] for row in cells(table)[1:]] == [
        ["产出指标", "质量指标", "培训合格率", "≥90%", "95%"],
        ["效益指标", "社会效益", "群众知晓率", "≥80%", "85%"],
    ]


def test_a_page_laid_out_on_a_grid_of_its_own_is_read_under_the_columns_of_the_page_before() -> None:
    # pdftotext -layout sets each page on its own grid: the table's second page stands narrower
    first = (7, 7, 7, 10, 12, 12, 5, 5)
    second = (6, 6, 6, 8, 9, 9, 4, 4)
    header = ("一级指标", "二级指标", "三级指标", "指标名称", "年度指标值", "实际完成值", "分值", "得分")
    lines = [
        by_characters(*header, widths=first),
        by_characters("产出指标", "数量指标", "", "培训人次", "≥120人", "126人", "10", "10", widths=first),
        by_characters("", "", "", "示范基地数量", "≥8个", "8个", "10", "10", widths=first),
        "",
        "",
        "                                  — 2 —",
        by_characters("效益指标", "社会效益", "", "带动农户数", "≥1500户", "1620户", "10", "10", widths=second),
        by_characters("", "满意度", "", "服务对象满意度", "≥90%", "95%", "10", "10", widths=second),
        by_characters("总分", "", "", "", "", "", "40", "40", widths=second),
    ]
    table, _ = read_layout_columns(lines, 0)
    rows = cells(table)
    assert [row[3:8] for row in rows[3:5]] == [
        ["带动农户数", "≥1500户", "1620户", "10", "10"],
        ["服务对象满意度", "≥90%", "95%", "10", "10"],
    ]


def placed(*cells: tuple[int, str]) -> str:
    """A line with each text starting at its character column, as pdftotext -layout sets narrow columns."""
    line = ""
    for column, text in cells:
        line += " " * (column - len(line)) + text
    return line


def test_narrow_columns_one_space_apart_a_header_over_four_lines_and_a_page_on_a_grid_of_its_own() -> None:
    """pdftotext -layout of a form with narrow columns: header words one space apart (二级指 三级指标), 指 ⏎ 标 ⏎ 性 ⏎
    质 down one column, a figure a narrow column cut after its point (286. ⏎ 5), the total's figures wrapped (10 ⏎
    0), and the next page, after its form feed, set four columns further right."""
    lines = [
        placed(
            (0, "一级"),
            (4, "二级指"),
            (8, "三级指标"),
            (18, "指"),
            (20, "指标"),
            (26, "度量"),
            (29, "实际完"),
            (33, "分"),
        ),
        placed((0, "指标"), (4, "标"), (18, "标"), (20, "值"), (26, "单位"), (29, "成值"), (37, "值")),
        placed((18, "性")),
        placed((18, "质")),
        placed(
            (0, "产出"), (4, "数量指"), (8, "资助人次"), (18, "≥"), (20, "2800"), (26, "人次"), (29, "2798"), (37, "10")
        ),
        placed((0, "指标"), (4, "标")),
        placed((4, "成本指"), (8, "资金总额"), (18, "≤"), (20, "286."), (26, "万元"), (29, "279.8"), (37, "8")),
        placed((4, "标"), (20, "5"), (29, "5")),
        "\f" + placed((8, "满意度"), (12, "家长满意度"), (22, "≥"), (24, "90"), (30, "%"), (33, "96.5"), (41, "10")),
        placed((8, "指标")),
        placed((8, "时效"), (12, "发放及时率"), (22, "≥"), (24, "95"), (30, "%"), (33, "88.6"), (41, "8")),
        placed((4, "总分"), (41, "10")),
        placed((41, "0")),
    ]
    text = "某县学前教育资助项目支出绩效自评表\n" + "\n".join(lines) + "\n\n二、存在的问题\n无。\n"
    [table] = ingest_bytes(text.encode("utf-8"), "layout.txt").tables
    rows = cells(table)
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值"]
    assert rows[1][1:] == ["数量指标", "资助人次", "≥", "2800", "人次", "2798", "10"]
    assert rows[2][1:] == ["成本指标", "资金总额", "≤", "286.5", "万元", "279.85", "8"]
    assert rows[3][1:] == ["满意度指标", "家长满意度", "≥", "90", "%", "96.5", "10"]
    assert rows[4][2:] == ["发放及时率", "≥", "95", "%", "88.6", "8"]
    assert rows[5][0] == "总分" and rows[5][-1] == "100"


def test_a_long_laid_out_line_with_spaces_between_its_words_is_read_in_linear_time() -> None:
    """Each space of a cell (or of a header cell) is measured on from the one before, not from the line's start."""
    header = "一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分"
    started = time.perf_counter()
    read_layout_columns([header, "产出指标  数量指标  " + "字 " * 20_000], 0)
    read_layout_columns([header + "  " + "字 " * 20_000, "产出指标  数量指标  甲  1人  1人  5  5"], 0)
    assert time.perf_counter() - started < 5.0


def test_the_line_after_a_table_and_a_page_number_under_its_total_leave_the_table_as_it_is() -> None:
    table, _ = read_layout_columns([*LINES[:7], "备注：完成1260人 计划1200人"], 0)
    assert cells(table)[1][2:6] == ["培训人数", "≥", "1200", "1260人次"]
    table, _ = read_layout_columns([*LINES[:8], " " * 74 + "2"], 0)
    assert cells(table)[-1][6:8] == ["30", "29.1"]  # not 302


def test_a_header_word_one_space_apart_in_its_own_cell_stays_whole() -> None:
    """年度 指标值 spaced by OCR or a typist is one column; pdftotext's narrow columns are read apart elsewhere."""
    lines = [
        "一级指标  二级指标  三级指标              年度 指标值   实际 完成值   分值    得分",
        "产出指标  数量指标  培训人数              ≥1200人次     1260人次      10      10",
    ]
    table, _ = read_layout_columns(lines, 0)
    assert cells(table)[0][3:5] == ["年度 指标值", "实际 完成值"]
    assert cells(table)[1][3:5] == ["≥1200人次", "1260人次"]


def test_the_wrapped_ends_of_labels_and_a_name_are_no_header_printed_again() -> None:
    """度指 ⏎ 指标 ⏎ 度 under 一级, 二级 and 三级: each a piece of some header cell (年度指标值), none of its own."""
    lines = [
        placed((0, "一级  二级指 三级指标"), (24, "年度指"), (32, "实际完"), (40, "分值"), (46, "得分")),
        placed((0, "指标  标"), (24, "标值"), (32, "成值")),
        placed((0, "满意  满意度 救助对象满意"), (24, "≥90%"), (32, "96%"), (40, "10"), (46, "10")),
        placed((0, "度指  指标   度")),
        placed((0, "总分"), (40, "10"), (46, "10")),
    ]
    table, _ = read_layout_columns(lines, 0)
    assert cells(table)[1][1:4] == ["满意度指标", "救助对象满意度", "≥90%"]

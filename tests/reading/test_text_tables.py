"""Tables that lost their grid: every surface form becomes the same grid of cells.

The documents here are written for the tests (invented project and numbers).
"""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

import nlp
from nlp.reading.ingest import ingest_bytes
from nlp.reading.readers.run_together import split_weight_and_points

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
ROWS = [
    ["产出指标", "数量指标", "培训人数", "≥200人次", "215人次", "10", "10"],
    ["", "质量指标", "培训合格率", "≥95%", "93%", "10", "9"],
    ["效益指标", "社会效益指标", "农民增收", "效果明显", "效果明显", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "参训农民满意度", "≥90%", "96%", "10", "10"],
]
TITLE = "XX县农业技术培训项目绩效自评表"


def grid_of(text: str) -> list[list[str]]:
    """The cells of the indicator table that ``text`` holds."""
    document = ingest_bytes(text.encode("utf-8"), "surface.txt")
    tables = [b for b in document.tables if any(c.text == "三级指标" for row in b.rows for c in row)]
    assert len(tables) == 1, [b.text for b in document.blocks]
    return [[cell.text for cell in row] for row in tables[0].rows]


def indicators_of(text: str, tmp_path) -> list[tuple[str, str, str | None]]:
    path = tmp_path / "surface.txt"
    path.write_text(text, encoding="utf-8")
    result = nlp.analyze(path)
    return [(i.name, i.dimension, i.target.raw if i.target else None) for e in result.evaluations for i in e.indicators]


def cells_per_line(trailing: str = "", blank: bool = False) -> str:
    separator = "\n\n" if blank else "\n"
    cells = HEADER + [cell for row in ROWS for cell in row if cell]
    return TITLE + "\n" + separator.join(cell + trailing for cell in cells) + "\n二、存在的问题\n培训覆盖面不足。\n"


EXPECTED = [HEADER, *ROWS]


def test_one_cell_per_line_rebuilds_rows_from_the_level_vocabulary() -> None:
    assert grid_of(cells_per_line()) == EXPECTED


def test_one_cell_per_line_with_blank_lines_between_cells() -> None:
    assert grid_of(cells_per_line(blank=True)) == EXPECTED


def test_one_cell_per_line_with_trailing_bars() -> None:
    assert grid_of(cells_per_line(trailing=" |")) == EXPECTED


def test_explicit_empty_cells_keep_every_row_at_the_header_width() -> None:
    cells = [cell or " " for row in [HEADER, *ROWS] for cell in row]
    text = TITLE + "\n" + "\n".join(f"{cell} |" for cell in cells) + "\n"
    assert grid_of(text) == EXPECTED


def test_blank_runs_between_blank_separated_cells_are_empty_cells() -> None:
    lines = []
    for row in [HEADER, *ROWS]:
        for cell in row:
            lines.append(cell)  # an empty cell is an empty line between the separating blank lines
    text = TITLE + "\n" + "\n\n".join(lines) + "\n"
    assert grid_of(text) == EXPECTED


def test_spaced_rows() -> None:
    text = TITLE + "\n" + "\n".join(" ".join(c for c in row if c) for row in [HEADER, *ROWS]) + "\n"
    assert grid_of(text) == EXPECTED


def test_spaced_rows_with_a_scans_stray_bar_on_a_line_of_its_own() -> None:
    """An OCR'd form: a bar alone between rows is no row (it once ended the reading with an IndexError)."""
    rows = [" ".join(c for c in row if c) for row in [HEADER, *ROWS]]
    text = TITLE + "\n" + "\n".join([rows[0], rows[1], "|", *rows[2:]]) + "\n"
    assert grid_of(text) == EXPECTED


def test_pipe_rows_without_outer_bars_keep_an_empty_first_cell() -> None:
    text = TITLE + "\n" + "\n".join(" | ".join(row) for row in [HEADER, *ROWS]) + "\n"
    assert grid_of(text) == EXPECTED


def test_tab_rows_with_a_leading_empty_cell() -> None:
    text = TITLE + "\n" + "\n".join("\t".join(["", *row]) for row in [HEADER, *ROWS]) + "\n"
    assert grid_of(text) == [["", *row] for row in EXPECTED]


def test_run_together_header_and_rows() -> None:
    rows = ["".join(row) for row in [HEADER, *ROWS]]
    grid = grid_of(TITLE + "\n" + "\n".join(rows) + "\n合计10094\n")
    assert grid[:5] == EXPECTED
    assert grid[5][0] == "合计" and "100" in grid[5] and "94" in grid[5]


def test_split_target_columns_make_one_value(tmp_path) -> None:
    text = (
        "# XX项目绩效自评表\n\n| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 |\n"
        "|---|---|---|---|---|---|---|\n| 产出指标 | 数量指标 | 培训人数 | ≥ | 200 | 人次 | 215 |\n"
    )
    path = tmp_path / "split.md"
    path.write_text(text, encoding="utf-8")
    indicator = nlp.analyze(path).evaluations[0].indicators[0]
    assert indicator.target.raw == "≥200人次" and indicator.target.comparator == ">="
    assert indicator.actual.value == 215 and indicator.actual.unit == "人次"


def test_every_surface_gives_the_same_indicators(tmp_path) -> None:
    expected = indicators_of(cells_per_line(), tmp_path)
    assert [name for name, _, _ in expected] == ["培训人数", "培训合格率", "农民增收", "参训农民满意度"]
    assert indicators_of(cells_per_line(trailing=" |"), tmp_path) == expected
    spaced = TITLE + "\n" + "\n".join(" ".join(c for c in row if c) for row in [HEADER, *ROWS]) + "\n"
    assert indicators_of(spaced, tmp_path) == expected


def test_prose_lines_are_not_taken_for_a_table() -> None:
    text = "一、基本情况\n本项目年初预算100万元，全年执行95万元。\n二、存在的问题\n一是进度慢。二是宣传不足。\n"
    document = ingest_bytes(text.encode("utf-8"), "prose.txt")
    assert not document.tables


def test_a_form_flattened_into_one_spaced_line() -> None:
    """A document-sharing page gives the whole 自评表 as one line of space-separated cells."""
    cells = [c for row in [HEADER, *ROWS] for c in row if c]
    line = "附件： 项目支出绩效自评表 (2023年度) 项目名称 农业技术培训 主管部门 XX县农业农村局 " + " ".join(cells)
    document = ingest_bytes(line.encode("utf-8"), "flat.txt")
    assert document.paragraphs[0].text.endswith("XX县农业农村局")
    assert grid_of(line) == EXPECTED


def test_a_flattened_form_whose_header_cells_name_their_columns_by_letters() -> None:
    """年初目标值 (A) 实际完成值 (B): each letter, set apart by the flattening, is its header cell's, not a cell."""
    line = (
        "项目自评表 项目名称 服务贸易发展资金 主管部门 区商务局 三级指标 年初目标值 (A) 实际完成值 (B) 得分 "
        "服务外包在岸金额 20000 23333.56 10 服务外包离岸金额 4500 4557.51 10 资金拨付及时率 98% 100% 10"
    )
    assert grid_of(line) == [
        ["三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["服务外包在岸金额", "20000", "23333.56", "10"],
        ["服务外包离岸金额", "4500", "4557.51", "10"],
        ["资金拨付及时率", "98%", "100%", "10"],
    ]


def test_a_row_number_column_opens_each_row() -> None:
    cells = ["序号", *HEADER]
    for number, row in enumerate(ROWS, start=1):
        cells += [str(number), *[c for c in row if c]]
    grid = grid_of(TITLE + "\n" + "\n".join(cells) + "\n")
    assert grid[0] == ["序号", *HEADER]
    assert [row[3] for row in grid[1:]] == [row[2] for row in ROWS]


def test_grid_table_with_multi_line_cells_and_a_row_spanning_label() -> None:
    border = "+" + "+".join(["-" * 10] * 5) + "+"
    text = "\n".join(
        [
            TITLE,
            border,
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标 | 实际完成 |",
            "|          |          |          | 值       | 值       |",
            border.replace("-", "="),
            "| 产出指标 | 数量指标 | 培训人数 | ≥200人次 | 215人次  |",
            "|          +" + "+".join(["-" * 10] * 4) + "+",
            "|          | 质量指标 | 培训合格 | ≥95%     | 93%      |",
            "|          |          | 率       |          |          |",
            border,
        ]
    )
    assert grid_of(text) == [HEADER[:3] + HEADER[3:5], ROWS[0][:5], ROWS[1][:5]]


def test_header_cells_broken_over_two_lines_are_joined() -> None:
    broken = {"年度指标值": "年度\n\n指标值", "实际完成值": "实际\n\n完成值"}
    cells = [broken.get(cell, cell) for cell in HEADER] + [c for row in ROWS for c in row if c]
    assert grid_of(TITLE + "\n" + "\n\n".join(cells) + "\n") == EXPECTED


# A form of a document-sharing page: the form part, header and rows run together in one line, a
# line break inside a cell and a page number (2、) where the site's next page begins.
RUN_TOGETHER_FORM = (
    "XX县蔬菜育苗补助项目绩效目标自评表(2022年度)项目总得分96分项目名称蔬菜育苗补助项目实施单位XX县农技站"
    "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施"
    "产出指标(50分)数量指标指标1发放育苗基质10120吨120吨10指标2建成育苗大棚1030座28座8\n"
    "2、质量指标指标1育苗成活率1095%96%10成本指标指标1采购价格不高于市场价10是是10"
    "总分9896\n"
    "三、存在的问题\n部分大棚建设进度偏慢。\n"
)


def test_a_form_run_together_in_one_line_is_cut_into_rows() -> None:
    rows = grid_of(RUN_TOGETHER_FORM)
    names = [(row[3], row[4], row[5], row[6], row[7]) for row in rows[1:-1]]
    assert names == [
        ("发放育苗基质", "10", "120吨", "120吨", "10"),
        ("建成育苗大棚", "10", "30座", "28座", "8"),
        ("育苗成活率", "10", "95%", "96%", "10"),
        ("采购价格不高于市场价", "10", "是", "是", "10"),
    ]
    # the total row after the last one: its 分值 and 得分 under their columns
    assert (rows[-1][0], rows[-1][4], rows[-1][7]) == ("总分", "98", "96")


def test_a_run_together_form_keeps_its_form_part_and_the_text_after_it(tmp_path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(RUN_TOGETHER_FORM, encoding="utf-8")
    [evaluation] = nlp.analyze(path).evaluations
    assert [i.dimension for i in evaluation.indicators] == ["数量指标", "数量指标", "质量指标", "成本指标"]
    assert evaluation.claimed_score == 96  # stated in the form part, before the table
    assert [s.text for s in evaluation.statements if s.kind == "problem"] == ["部分大棚建设进度偏慢。"]


def test_a_long_line_of_prose_is_no_run_together_form() -> None:
    line = "本项目年度指标值与实际完成值基本一致，分值与得分见附表，" * 4
    document = ingest_bytes(line.encode("utf-8"), "prose.txt")
    assert not document.tables


def test_a_caption_with_points_over_the_header_is_no_column() -> None:
    """绩效指标(90分) stands over the whole indicator part: with it taken for a column every row shifts."""
    header = ["绩效指标(80分)", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [
        ["产出指标", "数量指标", "培训人数", "≥200人次", "", "40", ""],
        ["效益指标", "社会效益指标", "农民增收", "", "", "40", ""],
    ]
    text = TITLE + "\n" + "\n".join(f"{cell} |" if cell else "|" for cell in header + [c for r in rows for c in r])
    assert grid_of(text + "\n二、存在的问题\n无。\n") == [["绩效指标(80分)"], header[1:], *rows]


RUN_TOGETHER_OCR_FORM = (
    "XX中学公用经费绩效自评表项目名称公用经费自评得分90"
    # 参考分值 broken over two lines and read by OCR column by column; 未完成原因分析及改进措施 one cell
    "一级指标二级指标三级指标考值参分指标值全年实际值得分未完成原因分析及改进措施"
    "产出指标数量指标保障人数101200人1200人10时效指标完成时间52023年12月完成2023年12月完成5"
    "过程资金管理管理制度有效性6一制度健全,执行到位6\n"
    "2、效益指标社会效益指标指标1:群众认可度15逐步提高逐步提高12"
    "总分9085\n"
)


def test_a_run_together_ocr_form_with_a_scrambled_header_and_text_cells() -> None:
    rows = grid_of(RUN_TOGETHER_OCR_FORM)
    assert rows[0][3] == "参考分值"
    assert [tuple(row[2:7]) for row in rows[1:-1]] == [
        ("保障人数", "10", "1200人", "1200人", "10"),
        ("完成时间", "5", "2023年12月完成", "2023年12月完成", "5"),
        ("管理制度有效性", "6", "一", "制度健全,执行到位", "6"),
        ("群众认可度", "15", "逐步提高", "逐步提高", "12"),
    ]
    assert rows[3][:2] == ["过程", "资金管理"]  # a 一级 word after the 二级 label (管理制度…) opens the name
    assert rows[-1][0] == "总分"


def test_a_target_split_over_comparator_figure_and_unit_cells_is_joined_when_the_row_overflows() -> None:
    from nlp.reading.readers.text_tables import join_split_values

    row = ["数量指标", "培训人数", "≥", "200", "人次", "215人次"]
    assert join_split_values(row, 4) == ["数量指标", "培训人数", "≥200人次", "215人次"]
    assert join_split_values(row, 6) == row  # a header with 指标性质 and 度量单位 columns keeps them apart


def test_spaced_rows_under_a_numbered_caption_with_split_targets_and_sub_columns() -> None:
    text = (
        "三、绩效指标完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 自评得分\n"
        "产出指标 数量指标 培训人数 >= 200 人次 215人次 10 10 10\n"
        "满意度指标 服务对象满意度指标 参训满意度 >= 90 % 96% 10 10 10\n"
    )
    assert grid_of(text) == [
        ["三、绩效指标完成情况"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "自评得分"],
        ["产出指标", "数量指标", "培训人数", ">=200人次", "215人次", "10 10 10"],
        ["满意度指标", "服务对象满意度指标", "参训满意度", ">=90%", "96%", "10 10 10"],
    ]


def test_cells_behind_bars_with_each_row_opened_by_a_bare_line() -> None:
    """A page's text view of an HTML table: ``| cell`` lines, each row's first cell without a bar."""
    lines = [
        "绩效指标",
        "  | 一级指标",
        "  | 二级指标",
        "  | 三级指标",
        "  | 年度指标值",
        "  | 实际完成值",
        "  | ",
        "产出指标",
        "  | 数量指标",
        "  | 培训人数",
        "  | ≥200人次",
        "  | 215人次",
        "  | |",
        "质量指标",
        "  | 培训合格率",
        "  | ≥95%",
        "  | 97%",
        "  | ||",
        "效益指标",
        "  | 社会效益",
        "指标",
        "  | 农民增收",
        "  | 增收",
        "  | 增收",
        "  | ",
    ]
    assert grid_of("\n".join(lines) + "\n") == [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["产出指标", "数量指标", "培训人数", "≥200人次", "215人次"],
        ["质量指标", "培训合格率", "≥95%", "97%"],
        ["效益指标", "社会效益指标", "农民增收", "增收", "增收"],
    ]


def test_a_scoring_table_one_cell_per_line_is_rebuilt_from_labels_and_figures() -> None:
    from nlp.reading.readers.text_tables import read_scoring_cells

    cells = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    cells += ["项目决策", "20", "项目立项", "8", "立项依据", "4", "4", "立项程序", "4", "3"]
    cells += ["资金管理", "12", "资金到位率", "12", "10", "项目产出", "30", "产出"]
    table, end = read_scoring_cells("\n\n".join(cells).split("\n"), 0)
    assert [[c.text for c in row] for row in table.rows] == [
        cells[:7],
        ["项目决策", "20", "项目立项", "8", "立项依据", "4", "4"],
        ["", "", "", "", "立项程序", "4", "3"],
        ["", "", "资金管理", "12", "资金到位率", "12", "10"],
        ["项目产出", "30", "产出", "", "", "", ""],
    ]
    assert end == 2 * len(cells) - 1


def test_a_run_together_form_with_a_space_where_a_cell_broke_and_no_first_level_column() -> None:
    text = (
        "某某项目绩效自评表 项目名称某某项目二级指标三级指标年初目标值实际完成值得分"
        "产出 指标数量指标培训场次≥12场15场10质量指标培训合格率≥95%97%10"
    )
    rows = grid_of(text + "\n")
    assert rows[0] == ["二级指标", "三级指标", "年初目标值", "实际完成值", "得分"]
    assert rows[1:] == [
        ["产出指标数量指标", "培训场次", "≥12场", "15场", "10"],
        ["质量指标", "培训合格率", "≥95%", "97%", "10"],
    ]


# A form run together with no separators: cells broken over two lines keep a space between Chinese characters,
# each page starts with its number, the header ends in 全年完成值 and a reason cell joined by 和.
RUN_TOGETHER_BROKEN_CELLS = (
    "XX县专项资金绩效自评表专项资金名称储备粮补贴年度 总体 目标保持储备规模"
    "绩 效 指 标一级 指标二级 指标三级指标年度指标 值全年 完成值未完成原因和 改进措施"
    "产 出 指 标数量 指标3吨小麦、20吨成 品粮储备到位率100%100%库存数量真实率100%\n"
    "2、100%质量 指标储备粮管理制 度执行率100%95%人员 不足可持 续影 响指标储备设施维 护水平良良"
    "满意 度指 标学员满意度≥90%96%说明无\n"
)


def test_a_run_together_form_with_broken_cells_and_pages_is_cut_into_rows() -> None:
    rows = grid_of(RUN_TOGETHER_BROKEN_CELLS)
    assert rows[0][-3:] == ["年度指标值", "全年完成值", "未完成原因和改进措施"]
    assert [tuple(row[-4:-1]) for row in rows[1:]] == [
        ("3吨小麦、20吨成品粮储备到位率", "100%", "100%"),  # a name goes on after 、, figures and all
        ("库存数量真实率", "100%", "100%"),  # its actual on the next page
        ("储备粮管理制度执行率", "100%", "95%"),
        ("储备设施维护水平", "良", "良"),  # a one-character grade written twice
        ("学员满意度", "≥90%", "96%"),
    ]
    assert rows[3][-1] == "人员不足"


def test_a_header_word_before_the_first_column_and_a_reason_header_with_a_lead() -> None:
    text = (
        "XX卫生院整体支出绩效自评表年度总体目标业务收入增长分解目标自评权重二级指标三级指标年度指标值全年完成值"
        "分值得分偏差及原因分析管理指标30预算管理编制准确率100%100%44数量指标门诊人次≥5000人次5200人次55\n"
    )
    rows = grid_of(text)
    assert rows[0] == ["二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"]
    assert [tuple(row[2:6]) for row in rows[1:]] == [("100%", "100%", "4", "4"), ("≥5000人次", "5200人次", "5", "5")]


def test_a_row_of_cells_per_line_with_labels_the_vocabulary_does_not_know_starts_at_the_first_column() -> None:
    cells = HEADER + ["经费保障", "经费到位率", "经费到位率", "100%", "98%", "10", "9"] + ROWS[0]
    rows = grid_of(TITLE + "\n" + "\n".join(cells) + "\n二、存在的问题\n无。\n")
    assert rows[1] == ["经费保障", "经费到位率", "经费到位率", "100%", "98%", "10", "9"]
    assert rows[2] == ROWS[0]


# Every cell on its own line, a blank line after each; a blank cell is a line with only a space, and merged
# 一级/二级 cells are left out, so rows have several widths. A 偏差原因 is a sentence; template rows are left unfilled.
NUMBERED_BLANK_CELLS = [
    *HEADER,
    "偏差原因分析及改进措施",
    "产出指标",
    "数量指标",
    "指标1培训人数",
    "≥200人次",
    "215人次",
    "10",
    "10",
    "培训安排在农闲时节，参训人数超过计划，下年度将按实际需求增加培训场次。",
    "指标2",
    *[" "] * 5,
    "……",
    *[" "] * 5,
    "质量指标",
    "指标1培训合格率",
    "≥95%",
    "93%",
    "10",
    "9",
    " ",
    "满意度指标",
    "服务对象满意",  # a label broken over two lines
    "度指标",
    "指标1参训农民满意度",
    "≥90%",
    "96%",
    "10",
    "10",
    " ",
]


def test_numbered_cells_with_blank_cells_a_reason_sentence_and_unfilled_template_rows(tmp_path) -> None:
    text = TITLE + "\n\n" + "\n\n".join(NUMBERED_BLANK_CELLS) + "\n\n二、存在的问题\n\n培训覆盖面不足。\n"
    rows = grid_of(text)
    assert rows[1][2:] == ["指标1培训人数", "≥200人次", "215人次", "10", "10", NUMBERED_BLANK_CELLS[15]]
    assert [row[2] for row in rows[2:]] == ["指标2", "……", "指标1培训合格率", "指标1参训农民满意度"]
    assert rows[3][3:] == ["", "", "", "", ""]  # the blank cells of a template row stay in their columns
    assert rows[-1][:2] == ["满意度指标", "服务对象满意度指标"]
    assert indicators_of(text, tmp_path) == [
        ("培训人数", "数量指标", "≥200人次"),  # the form's row number is no part of the name
        ("培训合格率", "质量指标", "≥95%"),
        ("参训农民满意度", "满意度指标", "≥90%"),
    ]


def test_a_numbered_row_opens_a_row_and_takes_back_its_values_from_the_next() -> None:
    """指标3's name broke over two cells (…报告 | 数) and a page put its values after 指标4's name."""
    cells = [
        *HEADER,
        "产出指标",
        "数量指标",
        "指标1:建档人数",
        "221人",
        "221人",
        "2",
        "2",
        "指标2:接种率",  # opens a row though the last row had no reason cell to fill
        "100.00%",
        "97.30%",
        "2",
        "1.9",
        "指标3:事件报告",
        "数",
        "指标4:签约人数",
        "14例",
        "14例",
        "2",
        "2",
        "2469人",
        "2258人",
        "2",
        "1.7",
    ]
    rows = grid_of(TITLE + " 项目名称 某某项目 " + " ".join(cells) + " 二、存在的问题 无。")
    assert [row[2:] for row in rows[1:]] == [
        ["指标1:建档人数", "221人", "221人", "2", "2"],
        ["指标2:接种率", "100.00%", "97.30%", "2", "1.9"],
        ["指标3:事件报告数", "14例", "14例", "2", "2"],
        ["指标4:签约人数", "2469人", "2258人", "2", "1.7"],
    ]


RUN_TOGETHER_WITH_TOTAL = (
    "XX县水利项目绩效目标自评表项目名称小型水库标尺安装"
    "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施"
    "产出指标(60分)数量指标安装标尺10≥200米≥200米10质量指标验收合格率20100%100%20"
    "满意度指标(10分)服务对象满意度指标受益群众满意度10≥95%≥95%10……总分4040注:分值按指标重要程度确定。\n"
)


def test_a_reason_header_with_words_after_its_joiner_and_a_total_row_after_the_last_row() -> None:
    rows = grid_of(RUN_TOGETHER_WITH_TOTAL)
    assert rows[0][-1] == "未完成原因及拟采取的改进措施"  # one cell: not 改进措施 read as a closing label
    assert [row[3] for row in rows[1:-1]] == ["安装标尺", "验收合格率", "受益群众满意度"]
    assert rows[3][:3] == ["", "满意度指标(10分)", "服务对象满意度指标"]  # a label of either level before a 二级 one
    assert (rows[-1][0], rows[-1][4], rows[-1][7]) == ("总分", "40", "40")


def test_a_claimed_total_after_a_run_together_form(tmp_path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(RUN_TOGETHER_WITH_TOTAL, encoding="utf-8")
    [evaluation] = nlp.analyze(path).evaluations
    assert evaluation.claimed_score == 40


# A department form of the Chongqing kind: 计量单位 and 指标性质 columns after the name, 权重 before the actual.
UNIT_COLUMN_FORM = (
    "XX区林业局部门整体绩效自评表主管部门XX区林业局自评总分(分)95"
    "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
    "管护任务完成率%901010010林地管护面积万亩2810810火灾受害率%0.910010有害生物成灾率%0.4100.110\n"
)


def test_run_together_rows_with_a_unit_column_and_bare_figures() -> None:
    """The unit is cut off the name into its column; of splits alike, no 分值 under 1, the actual nearest its target."""
    [table] = ingest_bytes(UNIT_COLUMN_FORM.encode("utf-8"), "surface.txt").tables
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0][5:8] == ["指标权重(分)", "全年完成值", "指标得分(分)"]
    assert [(row[1], row[2], row[4], row[5], row[6], row[7]) for row in rows[1:]] == [
        ("管护任务完成率", "%", "90", "10", "100", "10"),
        ("林地管护面积", "万亩", "28", "10", "8", "10"),
        ("火灾受害率", "%", "0.9", "10", "0", "10"),
        ("有害生物成灾率", "%", "0.4", "10", "0.1", "10"),
    ]


numbered_names = st.text(alphabet="培训人数合格率满意度宣传活动场次", min_size=2, max_size=6)
cell_lines = st.lists(
    st.one_of(
        numbered_names,
        st.builds(lambda n, k: f"指标{k}{n}", numbered_names, st.integers(1, 10)),
        st.sampled_from(["产出指标", "数量指标", "质量指标", " ", "……", "10", "≥95%", "96%", "数", "指标2"]),
        st.builds(str, st.integers(0, 3000)),
    ),
    max_size=40,
)


@given(cell_lines, st.booleans())
def test_any_stream_of_cells_under_a_header_reads_and_its_cells_point_at_their_text(cells, blank) -> None:
    """No crash whatever the cells; every cell's offsets point at its text in the document's text."""
    separator = "\n\n" if blank else "\n"
    text = TITLE + "\n" + separator.join([*HEADER, "偏差原因", *cells]) + "\n二、存在的问题\n无。\n"
    document = ingest_bytes(text.encode("utf-8"), "surface.txt")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text


@given(st.text(alphabet="产出指标数量质量满意度培训人数率≥%人次万亩0123456789.…总分注", max_size=160))
def test_any_run_together_line_after_a_header_reads_and_its_cells_point_at_their_text(tail) -> None:
    text = (
        "XX项目绩效自评表" + "一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施" + tail
    )
    document = ingest_bytes((text + "\n").encode("utf-8"), "surface.txt")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text


# A department form with 调整指标值 (left empty), 得分系数 and 是否核心指标 columns, rows run together; a target and
# actual left empty, a 指标性质 cell after the unit, the 全年完成值 header read out of order.
CORE_COLUMN_FORM = (
    "XX中心部门整体绩效自评表主管部门XX局自评总分(分)98"
    "指标名称计量单位指标性质年初指标值调整指标值年成值全完值得分系数(%)指标权重(分)指标得分(分)是否核心指标"
    "人员控制率%定量指标100%92%100%22否公务支出变动率%100%22否预算完成率%70%76%100%22是"
    "制度健全性高高100%33否培训次数次26次12次100%55是\n"
)


def test_run_together_rows_under_a_share_and_a_yes_or_no_column() -> None:
    [table] = ingest_bytes(CORE_COLUMN_FORM.encode("utf-8"), "surface.txt").tables
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0][4] == "调整指标值" and rows[0][-1] == "是否核心指标"
    assert [(row[0], row[1], row[2], row[3], row[5], row[6], row[-1]) for row in rows[1:]] == [
        ("人员控制率", "%", "定量指标", "100%", "92%", "100%", "否"),
        ("公务支出变动率", "%", "", "", "", "100%", "否"),  # 0% | 2 | 2 would leave a share unlike 2 ÷ 2
        ("预算完成率", "%", "", "70%", "76%", "100%", "是"),
        ("制度健全性", "", "", "高", "高", "100%", "否"),
        ("培训次数", "次", "", "26次", "12次", "100%", "是"),
    ]


SPLIT_HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"]
SPLIT_ROWS = [
    ["产出指标", "数量指标", "培训人数", "≥", "200", "人次", "215", "20", "20"],
    ["", "时效指标", "完成时间", "≤", "12", "月", "11", "10", "10"],
    ["效益指标", "社会效益指标", "农民增收", "定性", "明显", "", "明显", "30", "30"],  # no unit: the cell is left out
]


def test_cells_per_line_skip_a_unit_column_left_out_by_what_the_cell_is(tmp_path) -> None:
    cells = [cell for row in [SPLIT_HEADER, *SPLIT_ROWS] for cell in row if cell]
    text = TITLE + "\n" + "\n".join(cells) + "\n二、存在的问题\n无。\n"
    rows = grid_of(text)
    assert rows[3][3:] == ["定性", "明显", "", "明显", "30", "30"]
    assert indicators_of(text, tmp_path) == [
        ("培训人数", "数量指标", "≥200人次"),
        ("完成时间", "时效指标", "≤12月"),
        ("农民增收", "社会效益指标", "明显"),
    ]


def test_a_run_together_target_goes_back_into_its_comparator_figure_and_unit_cells(tmp_path) -> None:
    text = TITLE + "项目名称XX培训" + "".join(SPLIT_HEADER) + "产出指标数量指标培训人数≥200人次2152020\n"
    rows = grid_of(text)
    assert rows[1][2:7] == ["培训人数", "≥", "200", "人次", "215"]
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    [indicator] = [i for e in nlp.analyze(path).evaluations for i in e.indicators]
    assert (indicator.target.raw, indicator.actual.raw) == ("≥200人次", "215人次")  # the unit stands for both


@given(st.lists(st.lists(cell_lines.map(lambda cells: "".join(cells[:2])), min_size=1, max_size=8), max_size=8))
def test_any_spaced_rows_under_a_header_read_and_their_cells_point_at_their_text(rows) -> None:
    lines = [" ".join([*HEADER, "偏差原因"]), *(" ".join(cell for cell in row if cell.strip()) for row in rows)]
    text = TITLE + "\n" + "\n".join(lines) + "\n二、存在的问题\n无。\n"
    document = ingest_bytes(text.encode("utf-8"), "surface.txt")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text


def test_spaced_lines_holding_several_numbered_rows() -> None:
    lines = [
        " ".join(HEADER),
        "产出指标 数量指标 指标1:建档人数 221人 221人 2 2 指标2:接种率 100.00% 97.30% 2 1.9",
        "指标3:访视人数 214人 203人 2 1.8 指标4:体检人数 5662人 4044人 2 1.4",
    ]
    rows = grid_of(TITLE + "\n" + "\n".join(lines) + "\n二、存在的问题\n无。\n")
    assert [row[2:] for row in rows[1:]] == [
        ["指标1:建档人数", "221人", "221人", "2", "2"],
        ["指标2:接种率", "100.00%", "97.30%", "2", "1.9"],
        ["指标3:访视人数", "214人", "203人", "2", "1.8"],
        ["指标4:体检人数", "5662人", "4044人", "2", "1.4"],
    ]


def test_written_empty_cells_keep_full_rows_when_a_label_names_its_row() -> None:
    cells = [*HEADER, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "96%", "10", "10"]
    cells += ["", "", "参训满意度", "≥95%", "97%", "10", "10"]
    rows = grid_of(TITLE + "\n" + "\n".join(cell or " |" for cell in cells) + "\n二、存在的问题\n无。\n")
    assert rows[1:] == [cells[7:14], cells[14:]]


def test_a_heading_after_a_table_ends_it_even_when_a_label_follows() -> None:
    cells = [*HEADER, "偏差原因", *ROWS[0], "无"]
    text = TITLE + "\n" + "\n".join(cells) + "\n三、下一步绩效目标完成计划安排\n产出指标\n继续做好培训工作。\n"
    assert len(grid_of(text)) == 2


def test_a_dimension_word_before_a_value_names_the_row_that_holds_its_labels() -> None:
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "全年实际值", "分值", "得分"]
    satisfied = ["满意度指标", "服务对象满意度指标", "社会公众满意度", "≥", "90", "%", "93%", "10", "9"]
    cells = [*header, "产出指标", "数量指标", "质量指标", "合格率", "≥", "95", "%", "96%", "10", "10", *satisfied]
    rows = grid_of(TITLE + "\n" + "\n".join([*cells, "总分", "20", "19"]) + "\n二、存在的问题\n无。\n")
    assert rows[-2] == satisfied  # one row, not a row of labels and one named ≥
    assert rows[2][1:4] == ["质量指标", "合格率", "≥"]  # a 二级 left blank: the next label is a label


RUN_HEADER = "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"


def test_run_together_rows_one_a_line_with_words_targets_missed_and_a_one_figure_total() -> None:
    """A label that leaves no name gives it back (资金到位 | 率), a qualified actual is the target again after a word
    (及时 | 较及时), a 二级 word after a 二级 label opens the name, a 二级 word before a value names its row, and a
    total with one figure is the claimed score."""
    lines = [
        RUN_HEADER,
        "产出指标数量指标培训完成率100%100%1515",
        "资金到位率100%100%1010",
        "时效指标培训完成及时性及时较及时77进度拖延",
        "效益指标社会效益指标项目管理覆盖面100%90%98管理不到位",
        "生态效益指标环境整治程度达标基本达标33宣传不够",
        "满意度指标服务对象满意度指标学员满意度>85%>80%55",
        "群众满意度≧90%≧92%55",
        "总分:87",
    ]
    rows = grid_of(TITLE + "\n" + "\n".join(lines) + "\n二、存在的问题\n无。\n")
    assert [row[3:9] for row in rows[1:-1]] == [
        ["培训完成率", "100%", "100%", "15", "15", ""],
        ["资金到位率", "100%", "100%", "10", "10", ""],
        ["培训完成及时性", "及时", "较及时", "7", "7", "进度拖延"],
        ["项目管理覆盖面", "100%", "90%", "9", "8", "管理不到位"],
        ["环境整治程度", "达标", "基本达标", "3", "3", "宣传不够"],
        ["学员满意度", ">85%", ">80%", "5", "5", ""],
        ["群众满意度", "≧90%", "≧92%", "5", "5", ""],
    ]
    assert [row[2] for row in rows[3:5]] == ["时效指标", "社会效益指标"]
    assert rows[-1][0].startswith("总分") and [cell for cell in rows[-1][1:] if cell] == ["87"]


def test_spaced_numbered_rows_keep_a_row_left_blank_and_a_first_level_label_without_a_column() -> None:
    lines = [
        "二级指标 三级指标 指标值 完成值",
        "数量指标 指标1.培训场次 ≥3 4",
        "指标2.不达标整改率",
        "指标3:培训人数 ≥90 96",
        "效益指标 社会效益指标",
    ]
    rows = grid_of(TITLE + "\n" + "\n".join(lines) + "\n二、存在的问题\n无。\n")
    assert rows[1:] == [
        ["数量指标", "指标1.培训场次", "≥3", "4"],
        ["", "指标2.不达标整改率", "", ""],
        ["", "指标3:培训人数", "≥90", "96"],
        ["社会效益指标", "", "", ""],  # 效益指标 has no column: the 二级 label stands for it
    ]


def test_a_bare_figure_between_rows_is_a_column_the_header_leaves_out() -> None:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    cells = [*header, "40", "产出指标", "数量指标", "指标1:培训场次", "已完成", "已完成", "5"]
    cells += ["指标2:合格率", "100%", "98%", "4", "效益指标", "社会效益指标", "指标1:知晓率", "≥90%", "93%", "3"]
    rows = grid_of(TITLE + "\n" + "\n\n".join(cells) + "\n二、存在的问题\n无。\n")
    assert [row[2:] for row in rows[1:]] == [
        ["指标1:培训场次", "已完成", "已完成"],
        ["指标2:合格率", "100%", "98%"],
        ["指标1:知晓率", "≥90%", "93%"],
    ]


def test_a_header_interleaved_with_its_first_rows_reads_from_the_numbered_rows_after_it() -> None:
    """A flattened spreadsheet: header cells broken over lines and mixed with the first rows' cells."""
    scattered = ["一级", "指标", "年度", "实际", "指标值", "完成值", "指标1:培训场次", "12次", "二级指标", "三级指标"]
    scattered += ["分值", "得分", "14次", "3", "3"]
    rows = ["指标2:培训人数", "300人", "320人", "2", "2", "指标3:合格率", "95%", "97%", "2", "2"]
    rows += ["指标11:满意度", "≥90%", "93%", "2", "1.8"]
    text = TITLE + " 一、基本情况 " + " ".join(scattered + rows) + "\n二、存在的问题\n无。\n"
    grid = grid_of(text)
    assert grid[0] == ["一级", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"]
    assert [row[2:] for row in grid[1:]] == [
        ["指标2:培训人数", "300人", "320人", "2", "2"],
        ["指标3:合格率", "95%", "97%", "2", "2"],
        ["指标11:满意度", "≥90%", "93%", "2", "1.8"],
    ]


def test_a_header_ending_in_a_label_column_and_repeated_header_words_read_without_error() -> None:
    """OCR debris: a header run whose last cell is a 一级 word, over numbered rows and more header words."""
    cells = ["二级指标", "三级指标", "分值", "指标值", "一级", "指标1:甲", "5人", "二级指标", "三级指标", "分值"] * 3
    document = ingest_bytes((TITLE + "\n" + "\n".join(cells) + "\n").encode("utf-8"), "surface.txt")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.text[cell.start : cell.end] == cell.text


def test_written_empty_cells_with_a_blank_margin_column_before_every_row() -> None:
    # a sheet whose first column is a blank margin: a bare bar before the header and before each row
    header = [*HEADER, "未完成原因"]
    rows = [
        ["产出指标", "数量指标", "培训人数", "≥200人次", "215人次", "10", "10", ""],
        ["", "", "培训场次", "≥8场", "6场", "10", "8", "天气原因"],
        ["", "", "发放手册", "≥500册", "520册", "10", "10", ""],
        ["", "质量指标", "培训合格率", "≥95%", "96%", "10", "10", ""],
    ]
    cells = ["", *header] + [cell for row in rows for cell in ["", *row]]
    text = TITLE + "\n" + "\n".join(f"{cell} |" if cell else "|" for cell in cells) + "\n"
    assert grid_of(text) == [header, *rows]


def test_a_short_header_line_with_its_rows_run_together_on_the_lines_after_it() -> None:
    # a header only the run-together reading cuts (a reason header joined by 和), rows a line each, blank lines,
    # a label broken over two lines and an unfilled template row (……) between them
    lines = ["二级指标三级指标年度指标值实际完成值未完成原因和改进措施", "", "", "数量指标培训人数200人215人", ""]
    lines += ["质量指标培训合格率95%93%", "", "成本指标", "", "……", "", "社会效益", "指标", "农民增收10%12%", ""]
    lines += ["说明", "注:本表按项目填报。"]
    rows = grid_of(TITLE + "\n" + "\n".join(lines) + "\n")
    assert [row[:4] for row in rows[1:]] == [
        ["数量指标", "培训人数", "200人", "215人"],
        ["质量指标", "培训合格率", "95%", "93%"],
        ["社会效益指标", "农民增收", "10%", "12%"],
    ]


def test_a_last_row_the_text_ends_in_before_its_actual_is_left_out() -> None:
    cells = [cell for row in [HEADER, *ROWS] for cell in row] + ["", "", "参训满意度", "≥9"]
    text = TITLE + "\n" + "\n".join(f"{cell} |" if cell else "|" for cell in cells)
    assert grid_of(text) == EXPECTED


def test_a_budget_block_one_cell_per_line_keeps_its_caption_s_unit_line() -> None:
    cells = ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "(万元)"]
    cells += ["年度资金总额", "200", "200", "179.43", "10", "89.7%", "9"]
    text = "某项目绩效自评表\n项目名称\n某项目\n" + "\n\n".join(cells) + "\n\n年度总体目标\n"
    document = ingest_bytes(text.encode("utf-8"), "budget.txt")
    [table] = [b for b in document.tables if any(c.text == "年初预算数" for row in b.rows for c in row)]
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0][0] == "项目资金(万元)"
    assert rows[1] == ["年度资金总额", "200", "200", "179.43", "10", "89.7%", "9"]


def test_a_budget_header_cell_s_note_on_its_own_line_stays_in_the_header() -> None:
    """得分 ⏎ (20分*执行率): the note of the last header cell, not a label opening a row."""
    cells = ["预算执行情况(万元)", "(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分", "(20分*执行率)"]
    cells += ["年度财政资金总额", "50", "10", "20", "4", "年度绩效目标"]
    document = ingest_bytes(("某项目绩效自评表\n" + "\n\n".join(cells)).encode("utf-8"), "budget.txt")
    [table] = [b for b in document.tables if any(c.text == "预算数(A)" for row in b.rows for c in row)]
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0][-1] == "得分(20分*执行率)"
    assert rows[1] == ["年度财政资金总额", "50", "10", "20", "4"]


def test_cells_between_lone_bars_with_a_run_of_bars_ending_each_row() -> None:
    lines = ["项目名称", "|", "某某慰问经费", "|", "||||||", "预算执行情况(万元)", "(20分)", "|", "|", "预算数(A)", "|"]
    lines += ["执行数(B)", "|", "||||", "年度资金总额", "|", "34.64", "|", "34.64", "|", "|||||", "二、其他说明"]
    document = ingest_bytes("\n".join(lines).encode("utf-8"), "barred.txt")
    [table] = document.tables
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["项目名称", "某某慰问经费"],
        ["预算执行情况(万元)(20分)", "", "预算数(A)", "执行数(B)"],
        ["年度资金总额", "34.64", "34.64"],
    ]
    assert document.paragraphs[-1].text == "二、其他说明"


def test_a_label_before_a_lone_bar_is_not_joined_to_the_bar() -> None:
    lines = ["产出指标", "|", "数量指标", "|", "培训人数", "|", "20人", "|", "||||", "质量指标", "|", "合格率", "|"]
    lines += ["100%", "|", "||||"]
    [table] = ingest_bytes("\n".join(lines).encode("utf-8"), "barred.txt").tables
    assert [cell.text for cell in table.rows[0]] == ["产出指标", "数量指标", "培训人数", "20人"]


def test_a_row_of_barred_cells_may_open_with_an_empty_cell_and_a_row_never_ended_is_no_table() -> None:
    lines = ["甲项", "|", "10", "|", "||||", "|", "乙项", "|", "20", "|", "||||"]
    [table] = ingest_bytes("\n".join(lines).encode("utf-8"), "barred.txt").tables
    assert [[cell.text for cell in row] for row in table.rows] == [["甲项", "10"], ["", "乙项", "20"]]
    endless = "\n".join(["甲", "|"] * 3000)
    started = time.perf_counter()
    assert ingest_bytes(endless.encode("utf-8"), "endless.txt").tables == []
    assert time.perf_counter() - started < 5


def test_a_results_list_one_cell_per_line_whose_rows_leave_cells_out() -> None:
    cells = ["序号", "项目名称", "债券性质", "债券规模", "自评分数", "自评等级"]
    cells += ["某社区改造安置房项目", "棚改专项债券", "2.62", "97", "总计", "2.62"]
    document = ingest_bytes("\n\n".join(["某局专项债券项目绩效评价表", *cells]).encode("utf-8"), "list.txt")
    [table] = document.tables
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0] == ["序号", "项目名称", "债券性质", "债券规模", "自评分数", "自评等级"]
    assert rows[1:] == [["", "某社区改造安置房项目", "棚改专项债券", "2.62", "97"]]


def test_a_form_s_labels_one_per_line_are_no_results_list() -> None:
    cells = ["专项名称", "某某监管补助资金", "中央主管部门", "某总局", "自评得分", "省级财政部门", "某厅", "100"]
    document = ingest_bytes("\n".join(["某某补助资金绩效目标自评表", *cells]).encode("utf-8"), "form.txt")
    assert not any(any(cell.text == "自评得分" for cell in row) for t in document.tables for row in t.rows[:1])


def test_cells_closed_by_their_own_bars_with_a_run_of_bars_ending_each_row() -> None:
    lines = ["某某项目绩效自评表 |", "||||||", "项目名称 |", "某某运行维护费 |", "|||||", "主管部门 |", "|"]
    lines += ["实施单位 |", "|", "||||||", "产出指标 |", "数量指标 |", "办结率 |", "100% |", "98% |", "|", "|||||"]
    lines += ["合格率 |", "100% |", "100% |", "|", "||||", "三、其他"]
    document = ingest_bytes("\n".join(lines).encode("utf-8"), "closed.txt")
    [table] = document.tables
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["项目名称", "某某运行维护费"],
        ["主管部门", "", "实施单位", ""],
        ["产出指标", "数量指标", "办结率", "100%", "98%", ""],
        ["合格率", "100%", "100%", ""],
    ]
    assert document.paragraphs[0].text.startswith("某某项目绩效自评表")  # a title alone over the table is no row


def test_cells_closed_by_their_own_bars_with_each_row_opened_by_a_lone_bar_are_another_surface() -> None:
    """A page printing each row's opening bar alone runs several rows between its runs of bars: those lines
    are no barred table (the cell-per-line reader takes them, with the header's columns)."""
    lines = [
        "项目名称 |",
        "某某项目 |",
        "||||",
        "|",
        "主管部门 |",
        "某某局 |",
        "|||",
        "|",
        "实施单位 |",
        "某某所 |",
        "|||",
    ]
    assert ingest_bytes("\n".join(lines).encode("utf-8"), "opened.txt").tables == []


def test_closed_cells_without_a_run_of_bars_cost_one_bounded_look_each() -> None:
    endless = "\n".join(["甲 |"] * 20000)
    started = time.perf_counter()
    ingest_bytes(endless.encode("utf-8"), "endless.txt")
    assert time.perf_counter() - started < 5


def test_the_rest_of_a_cell_padded_to_the_bars_is_a_row_and_a_padded_title_opens_a_table(tmp_path) -> None:
    """丰富甲活动 | |||||: a cell's second line alone on its row keeps the table whole; …自评表 | ||||| is the next
    form's title."""
    lines = [
        "年度绩效目标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分 |",
        "效益指标 | 社会效益 | 使读者查找方便 | 可查询 | 可查询 | 10 |",
        "促进甲文化发展,丰富甲活动 | ||||||",
        "环境效益 | 场馆环境优良 | 良好 | 良好 | 10 | |",
        "可持续影响指标 | 全年开放服务读者 | ≥360天 | ≥360天 | 10 | |",
    ]
    text = "某项目绩效自评表\n" + "\n".join(lines) + "\n"
    found = indicators_of(text, tmp_path)
    assert [(name, dimension) for name, dimension, _ in found] == [
        ("使读者查找方便", "社会效益指标"),
        ("场馆环境优良", "生态效益指标"),
        ("全年开放服务读者", "可持续影响指标"),
    ]
    titled = "某项目绩效自评表\n" + "\n".join([*lines[:2], "某乙项目绩效自评表 | ||||||", *lines[3:]]) + "\n"
    assert len(ingest_bytes(titled.encode("utf-8"), "t.txt").tables) == 2


def test_the_end_of_a_wrapped_level_label_alone_on_its_line_ends_no_spaced_table(tmp_path) -> None:
    """效益 ⏎ 指标 (a merged 一级 cell wrapped): the lone 指标 between spaced rows is no end of the table."""
    text = (
        "某某项目支出绩效自评表\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "产出指标 数量指标 服务对象人数 100人次 100人次 15 15\n"
        "效益指标 社会效益指标 财政工作运行效率 ≥80% ≥80% 15 15\n指标\n"
        "满意度 服务对象满意度指标 受益群体满意度 90% 90% 15 15\n指标\n总分 100 90\n"
    )
    names = [name for name, _, _ in indicators_of(text, tmp_path)]
    assert names == ["服务对象人数", "财政工作运行效率", "受益群体满意度"]


# A 评分表 whose header and rows a document-sharing page ran into one line with the report's text around it
# (invented groups and points: group labels carry their points in a bracket, each row its 分值 and 得分 glued).
RUN_TOGETHER_SCORING = (
    "二、评价结论本项目自评得分为88分,具体见下表:一级指标二级指标三级指标分值得分"
    "项目投入(20分)目标设定(8分)目标明确44目标合理44资金落实(12分)到位及时1210"
    "项目产出(30分)产出质量(30分)完成数量1512完成质量1515总分5045三、存在的问题"
)


def test_a_run_together_scoring_table_is_cut_into_its_labels_and_rows() -> None:
    document = ingest_bytes(RUN_TOGETHER_SCORING.encode("utf-8"), "scoring.txt")
    [table] = document.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["项目投入", "目标设定", "目标明确", "4", "4"],
        ["", "", "目标合理", "4", "4"],
        ["", "资金落实", "到位及时", "12", "10"],
        ["项目产出", "产出质量", "完成数量", "15", "12"],
        ["", "", "完成质量", "15", "15"],
        ["总分", "50", "45", "", ""],
    ]
    assert document.blocks[-1].text == "三、存在的问题"  # the text after the table stays text


def test_a_run_together_scoring_table_stops_at_a_figure_with_its_unit_and_peels_labels_without_points() -> None:
    stream = "评价情况如下:一级指标二级指标三级指标分值得分产出指标数量指标培训人数1010质量指标合格率108"
    document = ingest_bytes(f"{stream}本项目得分88分。三、问题".encode(), "scoring.txt")
    [table] = document.tables
    assert [[c.text for c in row] for row in table.rows][1:] == [
        ["产出指标", "数量指标", "培训人数", "10", "10"],
        ["", "质量指标", "合格率", "10", "8"],
    ]
    assert document.paragraphs[-1].text == "本项目得分88分。三、问题"


def test_a_run_together_scoring_table_goes_on_over_a_broken_line() -> None:
    """A page break between a row's name and its figures (…资金到位 ⏎ 1210资金使用108), as in a 自评表's stream."""
    head = (
        "本项目自评情况见下表:一级指标二级指标三级指标分值得分项目决策(20分)目标设定(8分)目标明确44进度计划44资金到位"
    )
    lines = [head, "1210资金使用108"]
    [table] = ingest_bytes("\n".join(lines).encode(), "scoring.txt").tables
    assert [[c.text for c in row][2:] for row in table.rows[-2:]] == [["资金到位", "12", "10"], ["资金使用", "10", "8"]]


@given(st.integers(1, 100).flatmap(lambda weight: st.tuples(st.just(weight), st.integers(0, weight))))
def test_glued_weight_and_points_come_apart_into_the_two_scores(pair: tuple[int, int]) -> None:
    weight, points = pair
    assert split_weight_and_points(f"{weight}{points}") == [str(weight), str(points)]


def test_barred_cells_with_no_row_ends_cut_at_each_rows_labels() -> None:
    """A page cut off above its header, each cell followed by a bar alone and no run of bars: a row opens with a
    一级 label followed by a 二级 one (满意度指标 may be either); the text after the last bar stays text."""
    rows = [
        ["产出指标", "数量指标", "培训人数", "200人", "215人"],
        ["产出指标", "时效指标", "完成时间", "年底前", "年底前"],
        ["满意度指标", "满意度指标", "群众满意度", "≥90%", "95%"],
    ]
    lines = [line for row in rows for cell in row for line in (cell, "|")] + [
        "2.部门绩效评价结果。",
        "本部门开展了自评。",
    ]
    document = ingest_bytes("\n".join(lines).encode("utf-8"), "barred.txt")
    [table] = document.tables
    assert [[cell.text for cell in row] for row in table.rows] == rows
    assert [p.text for p in document.paragraphs] == ["2.部门绩效评价结果。", "本部门开展了自评。"]
    # a long table is read whole: the limit on a row's lines counts from the last cell
    rows = [["产出指标", "数量指标", f"指标{k}", "100", "100", "10", "10"] for k in range(20)]
    long = [line for row in rows for cell in row for line in (cell, "|")]
    [table] = ingest_bytes("\n".join(long).encode("utf-8"), "barred.txt").tables
    assert len(table.rows) == 20


WRAPPED_FORM = """某局2023年度部门整体支出绩效自评表
部门整体
支出情况
年初预算
数
全年预算
数
全年执行
数
执行率
年度资金总额
2,980.00
3,652.40
3,436.85
94.10%
年
度
绩
效
指标
一级指标
二级指标
三级指标
年度指标
值
实际完成
值
分值
得分
偏差原因分析
及改进措施
产出指标
数量指标
高标准农田建设面
积
≥12000亩
12600亩
8
8
农业实用技术培训
人次
≥1500人次
1362人次
6
5.45
受7月、9月强降雨
影响，2期田间现
场培训延至次年
新培育县级以上农
民合作社示范社
≥20家
15家
6
4.50
- 8 -
满意度指标
服务对象满意度指标
服务对象满意度
≥90%
96%
10
10
总分
100
97.50
"""


def test_a_form_whose_cells_a_converter_wrapped_at_the_columns_width() -> None:
    grid = grid_of(WRAPPED_FORM)
    # the budget header's and the indicator header's wrapped cells joined, the side label's end left out
    budget = ingest_bytes(WRAPPED_FORM.encode("utf-8"), "surface.txt").tables[0]
    assert [cell.text for cell in budget.rows[0]][1:] == ["年初预算数", "全年预算数", "全年执行数", "执行率"]
    header = grid[0]
    assert header == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    rows = grid[grid.index(header) + 1 :]
    # a name's and a reason's lines go on their cell; a name over two lines still opens its row; a page's number
    # is no cell
    assert [row[2:5] for row in rows[:4]] == [
        ["高标准农田建设面积", "≥12000亩", "12600亩"],
        ["农业实用技术培训人次", "≥1500人次", "1362人次"],
        ["新培育县级以上农民合作社示范社", "≥20家", "15家"],
        ["服务对象满意度", "≥90%", "96%"],
    ]
    assert rows[1][7] == "受7月、9月强降雨影响，2期田间现场培训延至次年" and rows[2][7] == ""
    assert "- 8 -" not in [cell for row in grid for cell in row]


def test_a_worded_target_in_a_wrapped_form_is_no_piece_of_the_name() -> None:
    lines = ["一级指标", "二级指标", "三级指标", "年度指标", "值", "实际完成", "值", "分值", "得分", "偏差原因分析"]
    lines += ["产出指标", "数量指标", "高标准农田建设面", "积", "≥12000亩", "12600亩", "8", "8"]
    lines += ["时效指标", "培训完成及时性", "按计划完成", "100%", "20", "20", "无"]
    grid = grid_of("某项目支出绩效自评表\n" + "\n".join(lines) + "\n")
    assert [row[2:5] for row in grid[1:]] == [
        ["高标准农田建设面积", "≥12000亩", "12600亩"],
        ["培训完成及时性", "按计划完成", "100%"],
    ]


def test_text_right_after_a_pipe_tables_short_last_row_is_no_piece_of_it() -> None:
    text = (
        "| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n| 产出指标 | 实施面积 | ≥80万亩 | 82.3万亩 |\n"
        "| 总分 | 100 | 100 |\n存在的问题\n宣传不到位。\n"
    )
    document = ingest_bytes(text.encode("utf-8"), "surface.txt")
    assert [cell.text for cell in document.tables[0].rows[-1]] == ["总分", "100", "100"]
    assert [b.text for b in document.paragraphs] == ["存在的问题", "宣传不到位。"]
    # a row a pasted Word table broke at its cells' line breaks still joins up to the header's bars
    broken = "| 项目名称 | 某项目 | 主管部门 | 某局 |\n| 实施单位 |\n某某中心 | 联系人 | 张三 |\n"
    rows = ingest_bytes(broken.encode("utf-8"), "broken.txt").tables[0].rows
    assert [cell.text for cell in rows[1]] == ["实施单位", "某某中心", "联系人", "张三"]


WRAPPED_WITHOUT_WEIGHTS = """\
三级指标
年度指标
值
实际完成
值
得分
服务外包在岸金额
20000万美元
23333万美元
10
支持服务贸易、服务外
包企业数量
3
3
10
资金拨付及时性
98%以上
100%
10
"""


def test_a_wrapped_name_before_a_row_with_no_weight_column_goes_on_its_cell() -> None:
    # 包企业数量 could be a worded target, but then the row's 得分 (10) would open the next row: no bare figure does
    rows = grid_of(WRAPPED_WITHOUT_WEIGHTS)[1:]
    assert rows == [
        ["服务外包在岸金额", "20000万美元", "23333万美元", "10"],
        ["支持服务贸易、服务外包企业数量", "3", "3", "10"],
        ["资金拨付及时性", "98%以上", "100%", "10"],
    ]


def test_a_spaced_budget_block_with_its_caption_and_dashes_for_blank_cells() -> None:
    text = (
        "项目资金（万元）    年初预算数      全年预算数   全年执行数  分值     执行率    得分\n"
        "------------    -------    -------    -------    ---    ----    ---\n"  # a rule under the header: no row
        "年度资金总额      2400.00   2760.00  2580.46     10    93.49%   9.35\n"
        "其中：当年财政拨款   2400.00  2760.00     2580.46    —   —     —\n"
        "上年结转资金  0.00     0.00    0.00   —     —  —\n"
    )
    (table,) = ingest_bytes(text.encode("utf-8"), "budget.txt").tables
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0][:2] == ["项目资金(万元)", "年初预算数"]
    assert rows[1] == ["年度资金总额", "2400.00", "2760.00", "2580.46", "10", "93.49%", "9.35"]
    assert rows[3] == ["上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"]


# pdftotext without -layout: one cell a line, no blank lines between rows, a merged label written once, an empty
# cell left out, a cell wrapped at its column's width (the header's last cell too), the form's signature after it
CELL_LINES_FORM = """附表
某某项目支出绩效自评表
绩
效
指
标
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进
措施
产出指标
数量指标
河道保洁长度
≥42 公里
42 公里
10
10
护岸修复面积
≥1.2 万平方米
0.96 万平方米
10
8
原因：汛期连续降雨，两处施工点停工近一个月，修复顺延至
次年；措施：2024 年 5 月底前完成剩余修复。
入河排污口排查整治完
成数量
≥15 个
16 个
10
10
效益指标
可持续影响指标
河道长效管护机制
健全
已建立“河长+巡河员”管护机制，覆盖
全部 9 个村
10
10
总分
100
98
填报单位：某某县水利局
填报日期：2024 年 3 月 8 日
"""


def test_a_cell_per_line_form_whose_cells_wrapped_without_row_boundaries() -> None:
    grid = grid_of(CELL_LINES_FORM)
    # the header's wrapped last cell joined, not a cell of the first row
    assert grid[0][-1] == "偏差原因分析及改进措施"
    rows = {row[2]: row for row in grid[1:]}
    # a reason's second line, a sentence, goes on its cell; the next row (its name wrapped) still opens
    assert rows["护岸修复面积"][7].endswith("修复顺延至次年；措施：2024年5月底前完成剩余修复。")
    assert rows["入河排污口排查整治完成数量"][3:7] == ["≥15个", "16个", "10", "10"]
    # a worded actual wrapped before its 分值 and 得分
    assert rows["河道长效管护机制"][4:7] == ["已建立“河长+巡河员”管护机制，覆盖全部9个村", "10", "10"]
    # the signature lines close the form: the 总分 row holds its figures only
    assert grid[-1][0] == "总分" and grid[-1][5:7] == ["100", "98"]
    assert not any("填报" in cell for row in grid for cell in row)


# a browser's copy of a form: a cell a line, a blank line between rows, 指标值 standing over 年度指标值 | 实际完成值 in
# the header's second row (written after the first), a full-width ＝, a dash for an empty unit, the page going on
# after the 总分 row
SPANNED_TARGET_FORM = """某某项目支出绩效自评表

一级指标
二级指标
三级指标
指标性质
指标值
度量单位
分值
得分

年度指标值
实际完成值

产出指标
数量指标
耕地质量监测点
≥
30
32
个
20
20

成本指标
亩均补助标准
＝
40
40
元/亩
20
20

效益指标
可持续影响指标
耕地地力
定性
稳中有升
稳中有升
—
20
20

总分
100
96

某某县农业农村局
2024年6月20日
"""


def test_a_header_row_under_one_spanning_cell_takes_its_place() -> None:
    grid = grid_of(SPANNED_TARGET_FORM)
    assert grid[0] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "年度指标值",
        "实际完成值",
        "度量单位",
        "分值",
        "得分",
    ]
    assert grid[1][2:] == ["耕地质量监测点", "≥", "30", "32", "个", "20", "20"]
    assert grid[2][2:] == ["亩均补助标准", "=", "40", "40", "元/亩", "20", "20"]  # ＝ folded
    assert grid[3][2:] == ["耕地地力", "定性", "稳中有升", "稳中有升", "—", "20", "20"]
    # the page's text after the 总分 row's figures is no cell of it
    assert grid[-1][0] == "总分" and not any("农业农村局" in cell for row in grid for cell in row)


def test_tab_separated_rows_with_a_cell_broken_over_lines_and_rows_short_of_merged_cells(tmp_path) -> None:
    # a form copied from a browser: tabs between cells, a cell's line breaks kept (the row goes on where it ends),
    # merged cells left out of the rows under them, a name opening with a figure
    text = "\n".join(
        [
            "某县某局2023年度部门整体支出绩效自评表",
            "年度总体目标完成情况\t预期目标\t实际完成情况",
            "\t目标1：完成抽检1200批次以上。",
            "目标2：群众满意度达到95%以上。\t完成抽检1236批次，群众满意度98%。",
            "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分",
            "产出指标\t数量指标\t食品安全抽检批次\t≥\t1200\t批次\t1236\t10\t10",
            "质量指标\t不合格食品核查处置率\t=\t100\t%\t100\t10\t10",
            "12315投诉举报按期办结率\t≥\t95\t%\t97.6\t10\t10",
            "总分\t100\t100",
        ]
    )
    tables = ingest_bytes(text.encode("utf-8"), "page.txt").tables
    [table] = tables
    goals = [cell.text for cell in table.rows[1]]
    assert goals == [
        "",
        "目标1：完成抽检1200批次以上。目标2：群众满意度达到95%以上。",
        "完成抽检1236批次，群众满意度98%。",
    ]
    rows = {name: target for name, _, target in indicators_of(text, tmp_path)}
    assert rows == {"食品安全抽检批次": "≥1200批次", "不合格食品核查处置率": "=100%", "12315投诉举报按期办结率": "≥95%"}


def test_a_short_tab_row_before_prose_and_another_table_keeps_them_apart() -> None:
    text = (
        "某某项目绩效自评表\n指标\t年度指标值\t实际完成值\n培训人数\t100人\t120人\n备注\t无其他说明\n"
        "填报人：张三\n附表2：预算执行情况\n"
    )
    blocks = ingest_bytes(text.encode("utf-8"), "page.txt").blocks
    [table] = [b for b in blocks if b.kind == "table"]
    assert [cell.text for cell in table.rows[-1]] == ["备注", "无其他说明"]
    assert "填报人：张三" in [b.text for b in blocks if b.kind == "paragraph"]


def test_a_forms_statement_rows_after_its_total_stay_rows_of_their_own() -> None:
    text = "某县某项目绩效自评表\n三级指标\t年度指标值\t实际完成值\n资助人次\t≥4200人次\t4356人次\n总分\t100\t99\n"
    text += "存在问题\t无\n改进措施\t进一步加强资金管理\n"
    [table] = ingest_bytes(text.encode("utf-8"), "page.txt").tables
    assert [[cell.text for cell in row] for row in table.rows[-2:]] == [
        ["存在问题", "无"],
        ["改进措施", "进一步加强资金管理"],
    ]


def test_a_reason_header_wrapped_over_three_lines_and_label_weights_on_lines_of_their_own() -> None:
    """A browser's copy of a form: 偏差原因 ⏎ 分析及 ⏎ 改进措施, and 产出指标 ⏎ (50): the weight stays with its
    label and ends no table; 满意度指标 ⏎ (10分) is still the 一级 label over its 二级 one."""
    header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度",
        "指标值",
        "实际",
        "完成值",
        "分值",
        "得分",
        "偏差原因",
        "分析及",
    ]
    header += ["改进措施"]
    rows = [
        "产出指标",
        "(50)",
        "数量指标",
        "造林面积",
        "1.2万亩",
        "1.2万亩",
        "10",
        "10",
        "质量指标",
        "造林成活率",
        "85%",
    ]
    rows += ["85%", "7", "7", "满意度指标(", "10分)", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10"]
    text = "某县林业局部门整体支出绩效自评表\n\n" + "\n\n".join(header + rows) + "\n"
    assert grid_of(text) == [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标(50)", "数量指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10", ""],
        ["", "质量指标", "造林成活率", "85%", "85%", "7", "7", ""],
        ["满意度指标(10分)", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", ""],
    ]


def test_a_budget_block_under_a_years_budget_caption_reads_its_opening_budget_column() -> None:
    """年度预算数(万元) captions 年初预算 | 调整后预算数; a 原因 column states no figure."""
    cells = ["年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
    cells += ["总额", "238.93", "251.89", "251.89", "100.00%", "10"]
    text = "某项目支出绩效自评表\n" + "\n".join(f"{cell} |" for cell in cells) + "\n|\n评价结论 |\n"
    [table] = ingest_bytes(text.encode("utf-8"), "budget.txt").tables
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0] == cells[:8]
    assert rows[1] == ["总额", "238.93", "251.89", "251.89", "100.00%", "10"]


def test_spaced_rows_under_a_side_label_spaced_out_with_labels_printed_a_letter_a_line() -> None:
    """绩 效 指 标 down the table's side opens the header line; 产 ⏎ 出 ⏎ 指 ⏎ 标 数量指标 … a merged 一级 label one
    letter a line, its last letter on the row's line; 经济效益 ⏎ 指标 全年… a 二级 label wrapped."""
    text = (
        "某影院专项资金绩效自评表\n"
        "绩 效 指 标 一级指标 二级指标 三级指标 年度指标值 全年完成值 分值 得分\n"
        "产\n出\n指\n标 数量指标 维护放映设备数量 ≥5套 5套 20 20\n质量指标 提升放映质量 明显 明显 10 10\n"
        "效\n益\n指\n标 经济效益\n指标 全年观影人数 ≥4万人次 4.4万人次 5 5\n总分 100 98\n"
    )
    rows = grid_of(text)
    assert rows[0] == ["绩效指标"]
    assert rows[2][:5] == ["产出指标", "数量指标", "维护放映设备数量", "≥5套", "5套"]
    assert rows[4][:2] == ["效益指标", "经济效益"]
    assert rows[5][2:5] == ["全年观影人数", "≥4万人次", "4.4万人次"]

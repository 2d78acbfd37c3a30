"""Rows that name each cell's column (一级指标：产出指标 二级指标：数量指标 …): the columns come back from the names.

The rows here are written for the tests (invented names and numbers).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_ingest import assert_offsets_slice

from nlp import analyze
from nlp.reading.ingest import ingest_bytes
from nlp.reading.readers.keyed_rows import named_cells, read_keyed_rows

ROW = (
    "一级指标：产出指标 二级指标：数量指标 三级指标：{name} 年度指标值：{target} 实际完成值：{actual} "
    "分值：10 得分：{points}"
)


def test_a_line_opening_with_a_column_name_gives_its_named_cells() -> None:
    line = ROW.format(name="驿站数量", target="≥28个", actual="28个", points="10") + " 偏差原因分析及改进措施："
    assert named_cells(line) == [
        ("一级指标", "产出指标"),
        ("二级指标", "数量指标"),
        ("三级指标", "驿站数量"),
        ("年度指标值", "≥28个"),
        ("实际完成值", "28个"),
        ("分值", "10"),
        ("得分", "10"),
        ("偏差原因分析及改进措施", ""),
    ]
    # prose that mentions a column in a clause, or a form's line of other words, names no cell
    assert named_cells("经核实，年度指标值：28个，全部完成。") == []
    assert named_cells("项目名称：某项目 主管部门：某局") == []


def test_rows_one_a_line_become_one_table_under_their_column_names() -> None:
    lines = [
        ROW.format(name="驿站数量", target="28个", actual="28个", points="10"),
        ROW.format(name="上门服务人次", target="≥3500人次", actual="3020人次", points="8.6"),
        "总分：100 自评得分：98",
    ]
    table, after = read_keyed_rows(lines, 0)
    assert after == 2
    assert [cell.text for cell in table.rows[0]] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
    ]
    assert [cell.text for cell in table.rows[2]][2:5] == ["上门服务人次", "≥3500人次", "3020人次"]


def test_cells_one_a_line_start_a_row_where_a_column_is_named_again() -> None:
    lines = [
        "三级指标：培训人数",
        "年度指标值：≥200人次",
        "实际完成值：215人次",
        "三级指标：满意度",
        "年度指标值：≥90%",
        "实际完成值：96%",
        "二、存在的问题",
    ]
    table, after = read_keyed_rows(lines, 0)
    assert after == 6
    assert [[cell.text for cell in row] for row in table.rows[1:]] == [
        ["培训人数", "≥200人次", "215人次"],
        ["满意度", "≥90%", "96%"],
    ]
    # a form's goal line names no indicator: no table
    assert read_keyed_rows(["年度总体目标：预期目标：完成培训 实际完成情况：已完成 得分：5"], 0) is None


def test_a_scraped_page_with_keyed_rows_gives_its_indicators(tmp_path) -> None:
    rows = [
        ROW.format(name="驿站数量", target="28个", actual="28个", points="10"),
        ROW.format(name="上门服务人次", target="≥3500人次", actual="3020人次", points="8.6"),
    ]
    path = tmp_path / "keyed.txt"
    path.write_text(
        "某区民政局2023年度养老驿站补贴项目绩效自评报告\n一、项目基本情况\n略。\n附件：绩效自评表\n"
        + "\n".join(rows)
        + "\n"
    )
    indicators = analyze(path).to_json()["evaluations"][0]["indicators"]
    assert [(i["name"], i["target"]["raw"], i["actual"]["raw"]) for i in indicators] == [
        ("驿站数量", "28个", "28个"),
        ("上门服务人次", "≥3500人次", "3020人次"),
    ]


cell_texts = st.text(alphabet="培训人数满意度≥%人次0123456789.： 一级指标三级指标", max_size=12)


@given(st.lists(st.tuples(cell_texts, cell_texts, cell_texts), max_size=6))
def test_any_keyed_rows_read_and_their_cells_point_at_their_text(rows) -> None:
    """No crash whatever the cells; every cell's offsets point at its text in the document's text."""
    lines = [f"三级指标：{name} 年度指标值：{target} 实际完成值：{actual}" for name, target, actual in rows]
    assert_offsets_slice(ingest_bytes(("某项目绩效自评表\n" + "\n".join(lines) + "\n").encode("utf-8"), "keyed.txt"))

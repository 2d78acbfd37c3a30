"""Real pages: pipe rows broken over lines, site text glued onto titles and names."""

from __future__ import annotations

import time
from pathlib import Path

import nlp
from nlp import ingest
from nlp.reading.readers.plaintext import read_plaintext
from nlp.structure.meta import extract_meta
from nlp.structure.units import _named_by_value, _unglued
from nlp.text.blocks import RawTable


def _tables(text: str) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in b.rows] for b in read_plaintext(text, False) if isinstance(b, RawTable)]


def test_a_pipe_row_broken_over_lines_is_one_row() -> None:
    text = "| 名称 | 目标 | 完成 |\n| 项目名称 |\n某项目 | |\n| 合格率 | 100% | 98% |\n"
    assert _tables(text) == [[["名称", "目标", "完成"], ["项目名称", "某项目", ""], ["合格率", "100%", "98%"]]]


def test_a_lone_bar_line_opens_a_broken_row() -> None:
    text = "| 名称 | 目标 | 完成 |\n| 时效 | 年底 | 年底 |\n|\n项目资金 |\n年初 | 全年 |\n| 合格率 | 100% | 98% |\n"
    assert _tables(text)[0][2:] == [["项目资金", "年初", "全年"], ["合格率", "100%", "98%"]]


def test_whole_pipe_rows_are_read_as_before() -> None:
    text = "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n之后的段落\n"
    assert _tables(text) == [[["a", "b", "c"], ["1", "2", "3"]]]


def test_a_title_line_is_not_glued_to_the_site_section_above_it(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("预算绩效管理\n某某市档案馆2023年度部门整体支出绩效自评报告\n一、基本情况\n", encoding="utf-8")
    meta = extract_meta(ingest(page))
    assert meta.title == "某某市档案馆2023年度部门整体支出绩效自评报告"
    assert meta.department == "某某市档案馆"


def test_a_title_over_two_lines_is_still_glued(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("某某市档案馆\n2023年度部门整体支出绩效自评报告\n一、基本情况\n", encoding="utf-8")
    assert extract_meta(ingest(page)).title == "某某市档案馆2023年度部门整体支出绩效自评报告"


def test_a_name_glued_to_site_text_is_the_organisation() -> None:
    assert _unglued("政务公开某某县水利局", "某某县水利局") == "某某县水利局"
    assert _unglued("某某县水利局", "某某县水利局") == "某某县水利局"
    assert _unglued("农村饮水工程", "某某县水利局") == "农村饮水工程"


def test_a_project_name_cell_repeating_the_table_title_names_the_project() -> None:
    assert _named_by_value("2022年农村饮水安全补助资金支出绩效自评表", "project") == "农村饮水安全补助资金"
    assert _named_by_value("农村饮水安全补助资金", "project") == "农村饮水安全补助资金"
    assert _named_by_value("某某县水利局绩效自评表", "department") == "某某县水利局绩效自评表"


def test_bare_rows_broken_at_a_cell_line_break_are_joined_by_their_bar_count() -> None:
    text = "名称 | 目标 | 完成 | |\n总计 | 100% | 98% | |\n产出 |\n合格率 | 100% | 98% |\n"
    text += "质量 | | | |\n达标率 | 95% | 96% | |\n"
    assert _tables(text) == [
        [
            ["名称", "目标", "完成", "", ""],
            ["总计", "100%", "98%", "", ""],
            ["产出", "合格率", "100%", "98%", ""],
            ["质量", "", "", "", ""],
            ["达标率", "95%", "96%", "", ""],
        ]
    ]


def test_a_title_padded_with_bars_starts_the_next_bare_table() -> None:
    text = (
        "名称 | 目标 | 完成 | |\n合格率 | 100% | 98% | |\n"
        "某某项目绩效自评表 | | | |\n项目名称 | 某项目 | | |\n主管部门 | 某局 | | |\n"
    )
    assert len(_tables(text)) == 2


def test_a_bare_header_broken_over_lines_is_joined_by_the_bars_of_the_row_under_it() -> None:
    text = (
        "一级指标 | 二级指标 | 三级指标 | 年度 指标值 |\n实际 完成值 |\n分值 | 得分 | | |\n"
        "产出指标 | 数量指标 | 指标1:培训人数 | ≥200 | 215 | 10 | 10 | | |\n"
        "指标2:培训场次 | ≥4 | 5 | 10 | 10 | | | | |\n"
    )
    header, *rows = _tables(text)[0]
    assert header[:7] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    assert rows[1][:3] == ["指标2:培训场次", "≥4", "5"]


def test_a_short_prose_line_ending_in_a_bar_is_no_header_piece() -> None:
    text = "说明 |\n另一段文字\n名称 | 目标 | 完成 |\n合格率 | 100% | 98% |\n"
    assert _tables(text) == [[["名称", "目标", "完成", ""], ["合格率", "100%", "98%", ""]]]


def test_a_row_label_broken_off_before_a_framed_row_joins_it() -> None:
    text = "项目资金 (万元) |\n| 年初预算数 | 全年预算数 | 全年执行数 |\n年度资金总额 |\n| 32.4 | 31.69 | 97.80% |\n"
    assert _tables(text) == [
        [["项目资金 (万元)", "年初预算数", "全年预算数", "全年执行数"], ["年度资金总额", "32.4", "31.69", "97.80%"]]
    ]


def test_a_label_before_a_run_of_bars_stays_a_line_of_its_own() -> None:
    text = "一、项目基本概况 |\n|||||||\n项目负责人 |\n某某 |\n"
    assert not any(row and row[0] == "一、项目基本概况" for table in _tables(text) for row in table)


def test_padded_rows_numbered_by_the_form_sit_under_the_name_column(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "部门整体支出绩效自评表 | | | | | | | | | |\n部门 | 某某县乡村建设服务中心 | | | | | | | | |\n"
        "绩 效 指 标 |\n一级指标 | 二级指标 | 三级指标 | 年度 指标值 |\n实际 完成值 |\n分值 | 得分 | | |\n"
        "产出指标 | 数量指标 | 指标1:建设示范村数量 | ≥4 | 4 | 10 | 10 | | | |\n"
        "指标2:改造户用厕所数量 | ≥2000 | 3061 | 10 | 10 | | | | | |\n",
        encoding="utf-8",
    )
    (evaluation,) = nlp.analyze(page).evaluations
    assert (evaluation.kind, evaluation.name) == ("department", "某某县乡村建设服务中心")
    assert [(i.name, i.target.raw, i.actual.raw) for i in evaluation.indicators] == [
        ("建设示范村数量", "≥4", "4"),
        ("改造户用厕所数量", "≥2000", "3061"),
    ]


def test_a_site_owner_above_a_title_naming_its_own_project_is_no_part_of_it(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("某某县人民政府\n某某镇某村公路坍方清除项目绩效自评报告\n一、项目基本情况\n", encoding="utf-8")
    assert extract_meta(ingest(page)).title == "某某镇某村公路坍方清除项目绩效自评报告"


def test_spaced_rows_go_on_past_a_label_s_points_and_an_unfilled_template_row(tmp_path: Path) -> None:
    page = tmp_path / "form.txt"
    page.write_text(
        "项目支出绩效自评表\n项目名称 禁毒经费\n二级指标 三级指标 年度指标值 实际完成值 分值 得分\n\n\n(50分)\n"
        "数量指标 指标1:宣传场次 ≥1场 1场 12 12\n……\n质量指标 指标1:经费支出合规性 合规 合规 10 10\n",
        encoding="utf-8",
    )
    (evaluation,) = nlp.analyze(page).evaluations
    assert [i.name for i in evaluation.indicators] == ["宣传场次", "经费支出合规性"]


def test_a_section_heading_over_a_framed_table_is_no_row_label() -> None:
    text = "二、绩效指标 |\n| 一级指标 | 二级指标 | 三级指标 | 分值 |\n| 产出 | 数量 | 人数 | 10 |\n"
    assert _tables(text) == [[["一级指标", "二级指标", "三级指标", "分值"], ["产出", "数量", "人数", "10"]]]


def test_long_runs_of_broken_rows_and_labels_read_in_linear_time() -> None:
    started = time.perf_counter()
    read_plaintext("a|" * 20000 + "a\n" + "b|\n" * 20000, False)
    read_plaintext("偏差大或\n目标未完成\n原因分析\n" * 3000, False)
    assert time.perf_counter() - started < 10

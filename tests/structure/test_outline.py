"""Outline: heading detection and nesting on the seeds and on other provinces' templates."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, write
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import analyze, ingest
from nlp.reading.ingest import ingest_bytes
from nlp.structure.outline import build_outline
from nlp.text.blocks import IngestedText
from nlp.text.document import Section

DOCUMENTS = ROOT / "tests" / "documents"


def outline_of(path: Path) -> list[Section]:
    return build_outline(ingest(path))


def tree(sections: list[Section]) -> dict[str, Section]:
    return {s.heading: s for s in sections}


def parent_heading(sections: list[Section], heading: str) -> str | None:
    by_id = {s.id: s for s in sections}
    section = next(s for s in sections if s.heading == heading)
    return by_id[section.parent].heading if section.parent else None


def assert_well_nested(sections: list[Section], text_length: int) -> None:
    by_id = {s.id: s for s in sections}
    for section in sections:
        assert 0 <= section.start < section.end <= text_length
        assert section.start <= section.heading_end <= section.end
        if section.parent:
            parent = by_id[section.parent]
            assert parent.start <= section.start and section.end <= parent.end
            assert section.level == parent.level + 1
        else:
            assert section.level == 1


def test_every_seed_outline_is_well_nested(seed_path: Path) -> None:
    document = ingest(seed_path)
    sections = build_outline(document)
    assert len(sections) > 30
    assert_well_nested(sections, len(document.text))


def test_arabic_number_standing_for_chinese_number_is_a_sibling() -> None:
    sections = outline_of(SEEDS[1])  # 001: 1、 2、 3、 then 四、
    first = next(s for s in sections if s.heading == "1、收入支出决算总体情况说明")
    fourth = next(s for s in sections if s.heading == "四、财政拨款收入支出决算总体情况说明")
    assert first.parent == fourth.parent and first.level == fourth.level
    nine = next(s for s in sections if s.heading == "9、国有资本经营预算支出决算情况说明")
    assert nine.level == fourth.level


def test_part_numbered_with_digits_and_slipped_parenthesis_numbers() -> None:
    sections = outline_of(SEEDS[1])
    part = next(s for s in sections if s.heading == "第3部分 名词解释")
    assert part.level == 1
    quality = next(s for s in sections if s.heading == "(4)自评质量。")
    results = next(s for s in sections if s.heading == "(三)结果应用情况。")
    assert quality.parent == results.parent


def test_heading_and_first_sentence_on_one_line() -> None:
    document = ingest(SEEDS[3])
    problems = [s for s in build_outline(document) if s.heading == "(二)存在问题。"]
    assert problems
    assert document.text[problems[0].heading_end : problems[0].end].strip().startswith("无。")


def test_duty_lists_and_glossary_items_are_not_sections(seed_path: Path) -> None:
    for section in outline_of(seed_path):
        assert not section.heading.startswith(("1.协助", "1.财政拨款收入：", "(1)负责", "(1)协助"))


def test_chinese_number_restarting_under_a_parenthesized_one_nests() -> None:
    sections = outline_of(SEEDS[4])  # 004: 一、加强思想政治建设 under (二)2022年重点工作完成情况
    assert parent_heading(sections, "一、加强思想政治建设") == "(二)2022年重点工作完成情况"
    assert parent_heading(sections, "二、机构设置") == "第一部分 部门概况"


def test_report_titles_absorb_name_lines() -> None:
    headings = [s.heading for s in outline_of(SEEDS[0]) if s.style == "title"]
    assert "2022年专项资金预算项目绩效自评报告(招商引资经费)" in headings


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("甲项目绩效目标自评表(2022年度)项目总得分99分项目名称甲项目实施单位某站", "甲项目绩效目标自评表(2022年度)"),
        ("2020年度县级专项资金绩效目标自评表专项资金名称县级储备粮主管部门某局", "2020年度县级专项资金绩效目标自评表"),
    ],
)
def test_a_title_run_into_its_forms_first_label_is_a_title(line: str, title: str) -> None:
    document = ingest_bytes(f"{line}\n".encode(), "a.txt")
    assert [s.heading for s in build_outline(document) if s.style == "title"] == [title]


def test_a_report_title_run_in_mid_paragraph_opens_its_outline() -> None:
    text = "公开如下:甲资金2021年度绩效自评报告一、目标分解下达情况(一)下达预算情况1.预算数:80万元,(二)分解情况。\n"
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode(), "a.txt"))]
    assert headings[-4:] == ["一、目标分解下达情况", "(一)下达预算情况", "1.预算数", "(二)分解情况"]
    prose = "本项目共有一、二两个标段,资金评价报告一文已公开。\n"  # a numeral in prose after a title word
    assert build_outline(ingest_bytes(prose.encode(), "a.txt")) == []


def test_hunan_template_with_full_width_digits_and_markdown() -> None:
    sections = outline_of(DOCUMENTS / "hunan_dept_and_project.md")
    roots = [s.heading for s in sections if s.level == 1]
    assert roots == ["湘潭市雨湖区教育局2023年度部门整体支出绩效自评报告", "学生资助项目支出绩效自评报告"]
    assert parent_heading(sections, "(二)项目支出") == "二、部门整体支出管理及使用情况"
    assert not any(s.heading.startswith("1.负责") for s in sections)  # a duty list


def test_anhui_template_nests_arabic_under_parenthesized() -> None:
    sections = outline_of(DOCUMENTS / "anhui_project.txt")
    assert parent_heading(sections, "2.阶段性目标") == "(二)项目绩效目标"
    assert (
        parent_heading(sections, "六、有关建议")
        == "2023年度合肥市蜀山区城市管理局项目支出绩效自评报告(环卫保洁服务项目)"
    )


def test_yunnan_template_with_circled_and_parenthesized_arabic_numbers() -> None:
    sections = outline_of(DOCUMENTS / "yunnan_dept.txt")
    assert parent_heading(sections, "②健康教育") == "(二)年度工作任务"
    assert parent_heading(sections, "(2)过程管理") == "四、绩效评价指标分析"


def test_numbers_that_skip_stay_at_their_level(tmp_path: Path) -> None:
    text = "一、概况\n正文。\n三、问题\n正文。\n(一)具体问题\n正文。\n(三)其他问题\n正文。\n"
    sections = build_outline(ingest(write(tmp_path, "a.txt", text)))
    assert [(s.heading, s.level) for s in sections] == [
        ("一、概况", 1),
        ("三、问题", 1),
        ("(一)具体问题", 2),
        ("(三)其他问题", 2),
    ]


@pytest.mark.parametrize(
    "line",
    ["1.公务接待费支出0万元，完成预算0%。", "(1)政府采购专项经费6.84万元。"],
)
def test_numbered_figures_are_list_items_not_headings(tmp_path: Path, line: str) -> None:
    text = f"一、支出情况\n说明如下。\n{line}\n"
    assert [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))] == ["一、支出情况"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "第一部分 概况",
                "一、职责",
                "二、支出",
                "(一)基本",
                "(2)项目",
                "1.目标",
                "3.任务",
                "①数量",
                "附件2",
                "某某项目绩效自评报告",
                "(某某经费)",
                "正文，内容。",
                "无。",
                "目录",
            ]
        ),
        max_size=40,
    )
)
def test_any_sequence_of_heading_like_lines_builds_a_well_nested_tree(lines: list[str]) -> None:
    text = "\n".join(lines) or "空"
    document = ingest_bytes(text.encode(), "a.txt") if text.strip() else None
    if document is not None:
        assert_well_nested(build_outline(document), len(document.text))


def test_headings_run_together_in_one_line_are_found_inside_the_paragraph() -> None:
    text = (
        "某单位专项资金自评报告一、基本情况(一)项目概况本单位共有一个项目"
        "(二)资金情况全年安排10万元二、存在的问题及原因分析本单位暂无问题"
    )
    headings = [s.heading for s in build_outline(_ingest_text(text))]
    assert "一、基本情况" in headings
    assert "(一)项目概况" in headings
    assert "(二)资金情况" in headings
    assert "二、存在的问题及原因分析" in headings


def test_inline_marker_in_prose_is_no_heading() -> None:
    text = "一、总体情况\n本年度完成道路养护工作，成效明显，其中(3)类问题已整改到位，群众满意。"
    headings = [s.heading for s in build_outline(_ingest_text(text))]
    assert headings == ["一、总体情况"]


def test_inline_heading_offsets_point_into_the_text() -> None:
    document = _ingest_text("情况如下:一、部门基本情况(一)部门职能 负责全县道路养护。")
    for section in build_outline(document):
        assert document.text[section.start : section.heading_end] == section.heading


def test_a_heading_keeps_no_empty_cells_of_a_flattened_row() -> None:
    document = _ingest_text("一、道路养护概况|\n本年度养护道路12公里。\n二、问题清单| |||\n台账不全。")
    sections = build_outline(document)
    assert [s.heading for s in sections] == ["一、道路养护概况", "二、问题清单"]
    for section in sections:
        assert document.text[section.start : section.heading_end] == section.heading


def test_numbers_that_lost_their_mark_open_headings_after_a_title_or_sentence() -> None:
    text = "某中心2023年度整体支出绩效自评报告 一 绩效管理工作开展情况。本中心建立了制度。二 自评结果。全年完成目标。"
    headings = [s.heading for s in build_outline(_ingest_text(text))]
    assert headings[1:] == ["一 绩效管理工作开展情况", "二 自评结果"]


def test_a_bare_number_in_prose_is_no_heading() -> None:
    text = "一、总体情况\n全年新建道路。三 条主干道已通车，五 个乡镇受益。"
    assert [s.heading for s in build_outline(_ingest_text(text))] == ["一、总体情况"]


def test_numbered_lines_heading_items_of_their_own_are_no_list(tmp_path: Path) -> None:
    body = "(1)预算执行率。全年预算执行良好。\n(2)资金管理与使用\n"
    items = "①信息公开。采购已公开。\n②资金支付。支付合规。\n"
    headed = build_outline(ingest(write(tmp_path, "a.txt", f"一、项目管理\n{body}{items}")))
    assert [s.heading for s in headed] == ["一、项目管理", "(1)预算执行率。", "(2)资金管理与使用"]
    listed = build_outline(ingest(write(tmp_path, "b.txt", f"一、项目管理\n{body}")))
    assert [s.heading for s in listed] == ["一、项目管理"]


def test_a_heading_running_on_into_form_cells_ends_at_the_gap(tmp_path: Path) -> None:
    text = "一、基本情况\n二、预算执行情况 年初预算数 全年预算数 全年执行数 执行率 分值 得分 偏差原因说明 备注栏\n"
    headings = [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))]
    assert headings == ["一、基本情况", "二、预算执行情况"]


def _ingest_text(text: str) -> IngestedText:
    return ingest_bytes(text.encode("utf-8"), "inline.txt")


@pytest.mark.parametrize("number", ["二十零", "零十", "十十", "百一", "一二三四五六七八九十一二三四五六七八九十一二"])
def test_malformed_chinese_numbers_never_raise(number: str) -> None:
    """cn2an raises KeyError on 二十零 and ValueError on 十十: such a heading has no number, no traceback."""
    document = ingest_bytes(f"一、概况\n{number}、情况\n(一)说明\n".encode(), "numbers.txt")
    sections = build_outline(document)
    assert_well_nested(sections, len(document.text))
    assert any(s.heading.startswith(number) for s in sections)


def test_a_hundred_thousand_first_headings_nest_no_deeper_than_a_real_outline() -> None:
    """Each 一、 numbered 1 would open a level below the last: the depth is capped, so the outline stays linear."""
    document = ingest_bytes("一、\n".encode() * 20000, "ones.txt")
    sections = build_outline(document)
    assert_well_nested(sections, len(document.text))
    assert max(s.level for s in sections) <= 12
    assert len(sections) > 1000


def test_a_contents_printed_without_page_numbers_makes_no_sections(tmp_path: Path) -> None:
    contents = "某局2023年部门决算\n目录\n第一部分 部门概况\n一、部门职责\n第二部分 部门决算情况说明\n"
    body = "第一部分 部门概况\n一、部门职责\n负责全县工作。\n第二部分 部门决算情况说明\n"
    body += "一、收入支出决算总体情况说明\n收入100万元。\n"
    sections = build_outline(ingest(write(tmp_path, "a.txt", contents + body)))
    headings = [s.heading for s in sections]
    assert headings.count("第一部分 部门概况") == 1 and headings.count("一、部门职责") == 1
    contents_section = next(s for s in sections if s.heading == "目录")
    assert not contents_section.children and contents_section.end == body_start(sections)


def body_start(sections) -> int:
    return next(s.start for s in sections if s.heading == "第一部分 部门概况")


def test_a_contents_whose_entries_never_come_again_is_left_as_it_is(tmp_path: Path) -> None:
    text = "某局2023年部门决算\n目录\n第一部分 部门概况\n一、部门职责\n负责全县工作。\n"
    headings = [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))]
    assert "第一部分 部门概况" in headings and "一、部门职责" in headings


def test_many_contents_headings_cost_no_more_than_one(tmp_path: Path) -> None:
    text = "".join(f"目录\n一、情况{k}\n" for k in range(4000))
    started = time.perf_counter()
    build_outline(ingest(write(tmp_path, "a.txt", text)))
    assert time.perf_counter() - started < 5


def test_a_marker_alone_on_its_line_takes_the_short_line_under_it_as_its_title() -> None:
    document = ingest_bytes(
        "(三)\n存在问题。\n目标编制不够完善。\n(四)\n改进建议。\n一是加强培训。\n".encode(), "t.txt"
    )
    headings = [s.heading.replace("\n", "") for s in build_outline(document)]
    assert headings == ["(三)存在问题。", "(四)改进建议。"]


def test_a_title_with_its_project_in_parentheses_after_it_is_one_title() -> None:
    text = "某市图书馆2022年度项目支出绩效自评报告(2022年公共图书馆免费开放市级补助经费)\n一、自评结论\n"
    sections = build_outline(ingest_bytes(text.encode(), "t.txt"))
    assert sections[0].style == "title" and sections[0].heading.endswith("补助经费)")
    for note in ("附件:2020年度养护类项目自评表(附后)", "附:项目支出绩效自评表(绩效指标部分)"):
        sections = build_outline(ingest_bytes(f"{note}\n二、佐证材料\n".encode(), "t.txt"))
        assert all(s.style != "title" for s in sections)


def test_a_report_title_under_a_marker_alone_stays_a_title() -> None:
    document = ingest_bytes("一、\n某某县2023年度农村公路养护项目绩效自评报告\n二、基本情况\n".encode(), "t.txt")
    assert [(s.style, s.heading) for s in build_outline(document)][:2] == [
        ("cn", "一、"),
        ("title", "某某县2023年度农村公路养护项目绩效自评报告"),
    ]


def test_a_part_s_name_alone_on_its_line_is_a_heading_without_a_number(tmp_path: Path) -> None:
    text = (
        "某区2014年医疗救助财政项目支出绩效评价结果\n项目名称\n2014年医疗救助\n主要绩效\n完成年度目标。\n"
        "主要问题\n1. 预算不够精细。\n整改建议\n1. 细化预算编制。\n整改情况\n已采纳建议。\n"
    )
    sections = outline_of(write(tmp_path, "a.txt", text))
    labelled = [(s.heading, s.style) for s in sections if s.style == "label"]
    assert labelled == [("主要问题", "label"), ("整改建议", "label"), ("整改情况", "label")]
    assert "项目名称" not in [s.heading for s in sections]  # a form's label names no part


def test_a_sentence_naming_a_part_is_no_heading(tmp_path: Path) -> None:
    text = "某某项目绩效自评报告\n一、基本情况\n存在问题：预算不够精细。\n"
    assert [s.heading for s in outline_of(write(tmp_path, "a.txt", text))] == ["某某项目绩效自评报告", "一、基本情况"]


def test_the_parts_a_self_evaluation_form_s_rows_name_are_sections_inside_it(tmp_path: Path) -> None:
    text = (
        "某某项目绩效自评表\n项目名称\t某某项目\n资金投入情况(万元)\t全年预算数\t全年执行数\n年度资金总额\t10\t10\n"
        "年度总体目标\t预期目标\t实际完成情况\n绩 效 指 标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n"
        "\t产出指标\t数量指标\t培训人数\t200人\t215人\n存在问题\t无\n"
    )
    sections = outline_of(write(tmp_path, "a.txt", text))
    parts = [s.heading for s in sections if s.style == "form"]
    # a statement's row is a part as a reader sees it (its statements are still read as the row's)
    assert parts == ["资金投入情况(万元)", "年度总体目标", "绩 效 指 标", "存在问题"]


def test_a_form_s_part_flattened_onto_a_line_of_its_own_is_a_section(tmp_path: Path) -> None:
    text = "某某项目绩效自评表\n项目名称\n某某项目\n年度总体目标\n预期目标\n实际完成情况\n完成培训。\n"
    assert "年度总体目标" in [s.heading for s in outline_of(write(tmp_path, "a.txt", text)) if s.style == "form"]


def test_a_part_s_name_is_no_heading_outside_a_self_evaluation_form_or_as_a_bare_word(tmp_path: Path) -> None:
    text = (
        "某某项目绩效自评报告\n一、基本情况\n来源\t预算数\t执行数\n项目资金\t10\t10\n\t预算执行情况\t完成\n"
        "项目实施顺利，群众满意。\n问题。\n原因。\n"
    )
    sections = outline_of(write(tmp_path, "a.txt", text))
    assert [s.heading for s in sections] == ["某某项目绩效自评报告", "一、基本情况"]


def test_a_line_of_spaces_costs_no_backtracking(tmp_path: Path) -> None:
    text = "某某项目绩效自评报告\n一、基本情况\n甲" + "\u1680" * 20000 + "乙\n"
    started = time.perf_counter()
    outline_of(write(tmp_path, "a.txt", text))
    assert time.perf_counter() - started < 5


def test_headings_run_into_one_paragraph_go_on_from_its_own_number() -> None:
    text = (
        "一、转移支付基本情况2023年自治区下达某市就业补助资金共3383万元,中央资金2785万元,"
        "二、总体绩效目标完成情况目标1:完成资金使用,目标2:城镇新增就业4.92万人,"
        "三、绩效自评结论某市严格按照有关规定使用资金。\n"
    )
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode("utf-8"), "run.txt"))]
    assert headings[0] == "一、转移支付基本情况"
    assert [h[:4] for h in headings] == ["一、转移", "二、总体", "三、绩效"]


def test_a_number_in_prose_after_the_paragraph_s_own_is_no_heading() -> None:
    text = "一、基本情况。本项目资金分二、三两批下达，共计100万元。\n"
    assert [s.heading for s in build_outline(ingest_bytes(text.encode("utf-8"), "a.txt"))] == ["一、基本情况。"]


def test_a_form_broken_at_a_part_s_row_opens_that_part_but_an_indicator_header_does_not() -> None:
    form = (
        "年度总体目标 | 年初设定目标 | 年度总体目标完成情况 |\n甲目标 | 完成甲目标 | |\n"
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 |\n"
    )
    headings = [(s.heading, s.style) for s in build_outline(ingest_bytes(form.encode("utf-8"), "form.txt"))]
    assert ("年度总体目标", "form") in headings
    table = "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | 甲 | 5个 |\n"
    assert all(
        style != "form"
        for _, style in ((s.heading, s.style) for s in build_outline(ingest_bytes(table.encode("utf-8"), "table.txt")))
    )


def test_an_attachment_label_opens_its_title(tmp_path: Path) -> None:
    """A cover's title, then 附件4-1 over the report's own: two titles, the label with the second."""
    text = (
        "财政支出项目绩效评价报告\n附件4-1\n财政支出项目绩效评价报告\n项目名称:某某推广项目\n"
        "一、项目概况\n某站承担推广工作。\n"
    )
    headings = [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))]
    assert headings[:2] == ["财政支出项目绩效评价报告", "附件4-1财政支出项目绩效评价报告"]


def test_a_title_run_into_a_form_s_label_or_its_unit_s_seal_ends_there(tmp_path: Path) -> None:
    text = "1、某国道某段路面养护工程项目绩效评价报告(2014年度)评价类型:阶段评价项目承担单位:某处\n一、项目概况\n"
    assert build_outline(ingest(write(tmp_path, "a.txt", text)))[0].heading == (
        "1、某国道某段路面养护工程项目绩效评价报告(2014年度)"
    )
    text = "2019年度部门整体支出绩效自评报告某县某服务中心(盖章)为进一步规范财政资金管理,特报告如下:\n一、基本概况\n"
    assert build_outline(ingest(write(tmp_path, "b.txt", text)))[0].heading == "2019年度部门整体支出绩效自评报告"


def test_a_contents_printed_without_its_heading_makes_no_sections(tmp_path: Path) -> None:
    """报告摘要 ⏎ 一、… ⏎ 六、有关建议 ⏎ 报告正文 ⏎ 一、…: the entries in a row with no text, repeated by the body."""
    entries = ["一、项目基本情况", "(一)项目立项背景", "二、项目绩效目标", "三、存在问题及原因分析", "四、有关建议"]
    body = "一、项目基本情况\n(一)项目立项背景\n某某治理工程位于某镇。\n二、项目绩效目标\n完成治理。\n"
    text = "某某治理工程支出绩效评价报告\n报告摘要\n" + "\n".join(entries) + "\n报告正文\n" + body
    headings = [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))]
    assert headings.count("一、项目基本情况") == 1 and "四、有关建议" not in headings
    assert headings.index("一、项目基本情况") > 0


def test_headings_in_a_row_that_the_body_does_not_repeat_stay_sections(tmp_path: Path) -> None:
    entries = ["一、项目基本情况", "二、项目绩效目标", "三、存在问题及原因分析", "四、有关建议"]
    text = "某某治理工程支出绩效评价报告\n" + "\n".join(entries) + "\n无。\n"
    headings = [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))]
    assert all(entry in headings for entry in entries)


def test_a_report_s_first_headings_nested_in_a_row_are_no_contents(tmp_path: Path) -> None:
    """一、 ⏎ (一) ⏎ 1. ⏎ (1) ⏎ text, twice (two reports on one page): one part, no contents; both reports stay."""
    report = "一、项目基本情况\n(一)项目概况\n1.立项依据\n(1)政策依据\n依据某某文件实施。\n二、存在的问题\n进度慢。\n"
    text = "甲项目绩效自评报告\n" + report + "乙项目绩效自评报告\n" + report
    headings = [s.heading for s in build_outline(ingest(write(tmp_path, "a.txt", text)))]
    assert headings.count("一、项目基本情况") == 2 and headings.count("(1)政策依据") == 2


@pytest.mark.parametrize(
    ("text", "headings"),
    [
        (
            "第二部分\n部门决算情况说明\n一、收入决算情况\n本年收入100万元。\n第三部分\n名词解释\n1.财政拨款收入:指预算资金。\n",
            ["第二部分\n部门决算情况说明", "第三部分\n名词解释"],
        ),
        # a sentence, or a line longer than a part's title, under the marker is none
        (
            "第二部分\n根据《某县预算绩效管理办法》要求，现将自评情况报告如下：\n一、自评结论\n自评得分95分。\n"
            "第三部分\n存在的主要问题是资金拨付不够及时\n一、资金问题\n部分资金拨付滞后。\n",
            ["第二部分", "第三部分"],
        ),
    ],
    ids=["titles", "sentences"],
)
def test_a_part_marker_alone_on_its_line_takes_the_short_line_under_it_as_its_title(
    text: str, headings: list[str]
) -> None:
    sections = build_outline(ingest_bytes(text.encode("utf-8"), "t.txt"))
    assert [s.heading for s in sections if s.level == 1] == headings


def test_a_heading_whose_number_a_conversion_lost_keeps_its_level() -> None:
    text = (
        "一、项目概况\n项目于2023年完工，验收合格。\n、绩效目标完成情况\n(一)产出情况\n全年完成5506。\n"
        ")效益情况\n受益群众满意度≥80%\n"
    )
    sections = build_outline(ingest_bytes(text.encode(), "lost.txt"))
    headings = {s.heading: s for s in sections}
    assert headings["、绩效目标完成情况"].parent is None and headings["、绩效目标完成情况"].style == "cn"
    assert headings[")效益情况"].parent == headings["、绩效目标完成情况"].id
    # the rest of a sentence broken before its 、 is no heading
    text = "主要用于道路、桥梁\n、涵洞等设施的维修养护。\n"
    assert build_outline(ingest_bytes(text.encode(), "broken.txt")) == []
    text = "各项数据详见附表2\n)中的各项数据。\n"
    assert build_outline(ingest_bytes(text.encode(), "broken.txt")) == []


def test_a_tables_caption_above_it_heads_the_table() -> None:
    text = (
        "一、部门概况\n本部门共有职工20人。\n表1:部门整体支出绩效评价得分明细表\n"
        "| 指标 | 分值 | 得分 |\n|---|---|---|\n| 预算编制 | 10 | 9 |\n"
        "详见下表\n| 指标 | 分值 |\n|---|---|\n| 产出 | 40 |\n"
    )
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode(), "caption.txt"))]
    assert headings == ["一、部门概况", "表1:部门整体支出绩效评价得分明细表"]


def test_a_forms_statement_rows_are_parts_of_the_form(tmp_path: Path) -> None:
    text = (
        "某项目绩效自评表\n| 项目名称 | 某项目 |\n| 全年预算数 | 10 |\n"
        "| 一级指标 | 三级指标 |\n| 产出指标 | 培训人数 |\n"
        "| 存在问题 | 培训场地不足。 |\n| 改进措施 | 增加培训场地。 |\n"
    )
    document = ingest_bytes(text.encode(), "form.txt")
    headings = [s.heading for s in build_outline(document) if s.style == "form"]
    assert headings == ["存在问题", "改进措施"]
    # read once, as the form's rows
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    problems = analyze(path).to_json()["evaluations"][0]["problems"]
    assert [problem["text"] for problem in problems] == ["培训场地不足。"]


def test_a_posts_sections_numbered_before_a_bar_and_its_marked_sub_headings() -> None:
    text = "某项目绩效自评报告\n01 | 项目概况\n▌项目基本情况\n略。\n▌绩效目标\n略。\n02 | 存在的问题\n略。\n"
    document = ingest_bytes(text.encode("utf-8"), "post.txt")
    sections = {s.heading: s for s in build_outline(document)}
    assert sections["▌项目基本情况"].parent == sections["01 |项目概况"].id
    assert sections["▌绩效目标"].parent == sections["01 |项目概况"].id
    assert sections["02 |存在的问题"].parent == sections["01 |项目概况"].parent
    # a table's row numbered before a bar is no heading
    row = "某项目绩效自评报告\n1|培训人数|≥200人次|215人次\n"
    assert [s.heading for s in build_outline(ingest_bytes(row.encode("utf-8"), "row.txt"))] == ["某项目绩效自评报告"]


def test_a_line_pointing_at_a_table_and_a_bullet_are_no_headings() -> None:
    text = "一、概况\n本项目资金使用情况详见下表\n| 指标 | 分值 |\n|---|---|\n| 产出 | 40 |\n◆道路硬化全部完工\n"
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode(), "p.txt"))]
    assert headings == ["一、概况"]


def test_a_form_part_named_before_its_columns_headers_is_a_heading() -> None:
    text = (
        "某项目支出绩效自评表\n年度资金总额 10 10 100%\n总体目标完成情况 总体目标 全年实际完成情况\n"
        "完成培训任务。\n全部完成。\n资金管理情况 情况说明 分值 得分\n"
        "年度目标完成情况较好 全年完成培训200人次\n"
    )
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode(), "form.txt"))]
    # a sentence opening with a part's words is not one: its other words are no columns' headers
    assert headings == ["某项目支出绩效自评表", "总体目标完成情况", "资金管理情况"]


def test_a_cut_forms_statement_rows_after_its_total_are_parts() -> None:
    text = (
        "| 活动参与人员满意度 | ≥ | 95 | % | 96 | 5 | 5 |\n| 合计 | 100 | 100 |\n"
        "| 评价结论 | 完成年度目标。 |\n| 存在问题 | 宣传不够。 |\n| 改进措施 | 加强宣传。 |\n"
    )
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode(), "cut.txt")) if s.style == "form"]
    assert headings == ["评价结论", "存在问题", "改进措施"]
    # before a total row, a statement label in a table is a cell like any other
    listed = "| 存在问题 | 宣传不够。 |\n| 改进措施 | 加强宣传。 |\n"
    assert build_outline(ingest_bytes(listed.encode(), "list.txt")) == []


def test_a_flattened_pages_first_heading_after_a_space() -> None:
    text = "关于2021年度某项目资金绩效评价 报告 一、项目基本情况 (一)项目概况: 2021年完成治理点10处。\n"
    headings = [s.heading for s in build_outline(ingest_bytes(text.encode(), "flat.txt"))]
    assert "一、项目基本情况" in headings and "(一)项目概况" in headings
    # a bare 一、 in prose after a space is no heading unless its title ends as one does
    prose = "分两批下达资金 一、二两批均已拨付到位。\n"
    assert all("一、" not in h for h in (s.heading for s in build_outline(ingest_bytes(prose.encode(), "p.txt"))))


# a page publishing two projects' results: each numbered part holds its project's 自评表 under the form's own title
PARTS_WITH_FORMS = """某县农业农村局2023年度项目支出绩效自评结果公开
一、甲项目
项目全年预算数100万元，执行数98万元。自评表如下：
项目支出绩效自评表
项目名称：甲项目
年度总体目标
完成甲任务。
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
| 产出指标 | 数量指标 | 甲任务数 | ≥5个 | 5个 |
二、乙项目
项目全年预算数50万元，执行数40万元。存在的主要问题：执行偏慢。自评表如下：
项目支出绩效自评表
项目名称：乙项目
年度总体目标
完成乙任务。
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
| 产出指标 | 数量指标 | 乙任务数 | ≥8个 | 6个 |
"""


def test_a_form_inside_a_projects_part_nests_there_and_the_next_part_goes_on(tmp_path: Path) -> None:
    sections = outline_of(write(tmp_path, "parts.txt", PARTS_WITH_FORMS))
    forms = [s for s in sections if s.heading.startswith("项目支出绩效自评表")]
    assert [parent_heading(sections, s.heading) for s in forms[:1]] == ["一、甲项目"]
    assert parent_heading(sections, "二、乙项目") == "某县农业农村局2023年度项目支出绩效自评结果公开"
    assert_well_nested(sections, len(ingest(write(tmp_path, "parts.txt", PARTS_WITH_FORMS)).text))


def test_a_numbered_line_ending_like_a_title_is_a_part_when_it_continues_the_numbering(tmp_path: Path) -> None:
    text = (
        "某市某局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n负责全市某项工作。\n二、部门整体支出情况\n"
        "全年支出100万元。\n三、部门整体支出绩效自评情况\n（一）自评工作开展情况\n成立自评小组。\n"
        "四、存在的问题\n一是预算执行偏慢。\n"
    )
    sections = outline_of(write(tmp_path, "report.txt", text))
    assert [s.style for s in sections if s.heading.startswith("三、")] == ["cn"]
    assert parent_heading(sections, "三、部门整体支出绩效自评情况") == "某市某局2023年度部门整体支出绩效自评报告"
    # a part naming a report of its own is a title still
    text = text.replace("三、部门整体支出绩效自评情况", "三、某某项目绩效自评报告")
    assert [s.style for s in outline_of(write(tmp_path, "report.txt", text)) if "三、" in s.heading] == ["title"]


def test_decimal_numbered_sub_parts_are_headings_and_a_figure_opening_a_line_is_not(tmp_path) -> None:
    text = (
        "某市某局2018年度部门整体支出绩效评价报告\n1.引言\n1.1部门职责概述\n某局主管全市某项工作。\n"
        "1.2部门支出描述\n2018年度支出5560.46万元。\n1.3部门项目实施情况\n共有8个项目。\n"
        "2.绩效评价结论\n全年造林面积为\n1.2万亩\n2.12座水厂建成投用。\n3.评价工作情况\n3.1评价方法\n抽查6个乡镇。\n"
    )
    sections = outline_of(write(tmp_path, "report.txt", text))
    headings = [s.heading for s in sections]
    subparts = [h for h in headings if h.startswith("1.")][1:]
    assert subparts == ["1.1部门职责概述", "1.2部门支出描述", "1.3部门项目实施情况"]
    assert parent_heading(sections, "1.2部门支出描述") == "1.引言"
    assert not any(h.startswith(("1.2万亩", "2.12座")) for h in headings)
    assert parent_heading(sections, "3.1评价方法") == "3.评价工作情况"  # a part's first sub-part, alone


def test_a_reason_columns_word_over_flattened_cells_is_no_heading_but_over_prose_it_is(tmp_path) -> None:
    cells = "某项目支出绩效自评表\n资金情况\n年度资金总额\n1860.00\n权重 自评\n偏差原因\n"
    cells += "分\n10\n10\n≥38 公里\n35.6 公里\n9.37\n"
    headings = [s.heading for s in outline_of(write(tmp_path, "form.txt", cells))]
    assert "偏差原因" not in headings
    prose = "某项目支出绩效自评报告\n偏差原因\n受汛期影响，2段渠道暂缓施工，项目于次年3月完成验收。\n"
    assert "偏差原因" in [s.heading for s in outline_of(write(tmp_path, "report.txt", prose))]
    figure = "某项目支出绩效自评表\n偏差原因分析及改进措施\n8\n原因：1 座危桥因汛期河\n道水位偏高，施工窗口期不足。\n"
    assert "偏差原因分析及改进措施" not in [s.heading for s in outline_of(write(tmp_path, "figure.txt", figure))]
    none = "某项目支出绩效自评报告\n偏差原因分析及改进措施\n无。\n二、其他说明\n无。\n"
    assert "偏差原因分析及改进措施" in [s.heading for s in outline_of(write(tmp_path, "none.txt", none))]


def test_a_forms_funds_row_and_a_departments_goal_row_are_parts_of_the_form(tmp_path) -> None:
    text = (
        "某县某局部门整体支出绩效自评表\n部门名称\t某县某局\n"
        "项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t执行率\n\t100\t120\t118\t98.3%\n"
        "部门总体目标\t完成年度工作任务\t已完成\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n产出指标\t数量指标\t培训人数\t≥100人\t120人\n"
    )
    headings = [s.heading for s in outline_of(write(tmp_path, "form.txt", text))]
    assert {"项目资金(万元)", "部门总体目标"} <= set(headings)


@pytest.mark.parametrize(
    ("problems_line", "suggestions_line"),
    [
        ("存在的问题| 1.部分礼堂配套滞后；2.送戏下乡未达60场。", "改进措施| 1.督促配套建设；2.补演取消场次。"),
        ("存在问题 一是管网老化严重；二是管护员补助偏低。", "改进措施 一是提前谋划管网更换；二是落实管护员补助。"),
    ],
)
def test_a_form_s_statement_label_run_on_into_its_text_is_a_part(
    tmp_path: Path, problems_line: str, suggestions_line: str
) -> None:
    """A flattened 自评表's statement row (存在的问题| 1.…, 存在问题 一是…) is a part of the form, as its ruled
    twin is; its points stay its own, and the form's sign-off line under it is none of them."""
    text = (
        "某县项目支出绩效自评表\n项目名称|文化礼堂建设\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n| 产出指标 | 数量指标 | 新建礼堂 | 8家 | 8家 |\n"
        f"{problems_line}\n{suggestions_line}\n填报单位：某县文化局|填报日期：2024年6月28日\n"
    )
    document = analyze(write(tmp_path, "form.txt", text))
    labels = {s.heading: s.label for s in document.sections}
    assert labels.get(problems_line.split("|")[0].split(" ")[0]) == "problems"
    assert labels.get("改进措施") == "suggestions"
    (evaluation,) = document.evaluations
    problems = [s for s in evaluation.statements if s.kind == "problem"]
    suggestions = [s.text[:2] for s in evaluation.statements if s.kind == "suggestion"]
    assert len(problems) == 2
    assert suggestions in (["1.", "2."], ["一是", "二是"])


@pytest.mark.parametrize(
    "suggestions_line", ["改进措施：1.加快资金拨付；2.加强宣传。", "改进措施 1.加快资金拨付；2.加强宣传。"]
)
def test_a_run_on_problems_label_ends_at_the_suggestions_label_after_it(tmp_path: Path, suggestions_line: str) -> None:
    """存在问题 一是… then 改进措施：1.… (or 改进措施 1.…, its space lost in normalizing): the problems part stops
    where the suggestions' label opens a line; neither suggestion is read as a problem."""
    text = (
        "某某项目绩效自评报告\n\n一、项目基本情况\n本项目预算资金100万元，用于道路建设。\n\n"
        f"存在问题 一是资金拨付较慢；二是宣传不够。\n{suggestions_line}\n"
    )
    (evaluation,) = analyze(write(tmp_path, "report.txt", text)).evaluations
    assert [(s.kind, s.text) for s in evaluation.statements] == [
        ("problem", "一是资金拨付较慢；"),
        ("problem", "二是宣传不够。"),
        ("suggestion", "1.加快资金拨付；"),
        ("suggestion", "2.加强宣传。"),
    ]

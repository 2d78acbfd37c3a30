"""Evaluation units on the seeds (the counts the issue states) and on other templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import nlp
from nlp.structure.unit_names import named_in_opening, project_name
from nlp.structure.units import _before_next_label, _is_form_line

DOCUMENTS = ROOT / "tests" / "documents"

EXPECTED = {
    "000": [
        ("department", "仁和区人民政府办公室"),
        ("project", "招商引资经费"),
        ("project", "安全维稳专项经费"),
        ("project", "电子政务外网光纤租用费、协同办公平台运维费"),
    ],
    "001": [("department", "西区行政审批局"), ("project", "政务大厅基本运行经费")],
    "002": [("department", "市中区人民政府办公室")],
    "003": [
        ("department", "攀枝花市人民政府办公室"),
        ("department", "攀枝花市地方志编纂中心"),
        ("project", "保安经费"),
        ("project", "物业管理费"),
        ("project", "政务商务服务采购费"),
        ("project", "市政府办公室业务运行费"),
        ("project", "市政府办公室工作经费"),
    ],
    "004": [("department", "剑阁县人民政府办公室"), ("project", "招商引资")],
}


def fuzzy_equal(found: str | None, expected: str) -> bool:
    return bool(found) and (expected in found or found in expected)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_evaluations(seed: Path) -> None:
    evaluations = nlp.analyze(seed).evaluations
    found = [(e.kind, e.name) for e in evaluations]
    expected = EXPECTED[seed.stem[:3]]
    assert len(found) == len(expected), found
    for (kind, name), (want_kind, want_name) in zip(found, expected, strict=True):
        assert kind == want_kind and fuzzy_equal(name, want_name), (kind, name)


def test_report_and_table_of_a_project_merge() -> None:
    evaluations = nlp.analyze(SEEDS[3]).evaluations
    merged = [e for e in evaluations if len(e.roots) == 2]
    assert [e.name for e in merged] == ["保安经费项目", "物业管理费项目"]
    unnamed_report = nlp.analyze(SEEDS[4]).evaluations[1]
    assert len(unnamed_report.roots) == 2 and unnamed_report.name == "招商引资"


def test_evaluation_spans_and_sections_are_consistent(seed_path: Path) -> None:
    result = nlp.analyze(seed_path)
    ids = {s.id for s in result.sections}
    for evaluation in result.evaluations:
        assert 0 <= evaluation.start < evaluation.end <= len(result.ingested.text)
        assert evaluation.sections and set(evaluation.sections) <= ids


def test_other_templates_name_projects_in_parentheses_and_table_cells() -> None:
    hunan = [(e.kind, e.name) for e in nlp.analyze(DOCUMENTS / "hunan_dept_and_project.md").evaluations]
    assert hunan == [("department", "湘潭市雨湖区教育局"), ("project", "学生资助")]
    anhui = [(e.kind, e.name) for e in nlp.analyze(DOCUMENTS / "anhui_project.txt").evaluations]
    assert anhui == [("project", "环卫保洁服务项目")]
    yunnan = [(e.kind, e.name) for e in nlp.analyze(DOCUMENTS / "yunnan_dept.txt").evaluations]
    assert yunnan == [("department", "昆明市五华区卫生健康局")]


def write_text(tmp_path, text: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _evaluations(tmp_path, text: str) -> list[tuple[str, str | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [(e.kind, e.name) for e in nlp.analyze(path).evaluations]


REPORT_BODY = (
    "一、基本情况\n本项目全年预算100万元，执行95万元。\n二、存在的问题\n一是进度慢。\n三、改进措施\n一是加快进度。\n"
)
SCORE_TABLE = (
    "一级指标\t二级指标\t三级指标\t分值\t年度指标值\t实际完成值\t得分\n"
    "产出指标\t数量指标\t培训人数\t10\t≥200人\t215人\t10\n"
)


def test_a_score_table_after_a_report_belongs_to_it(tmp_path) -> None:
    """A 评分表 whose title names no other project joins the report before it (written for the test)."""
    text = (
        "XX县农业农村局2023年度农民培训项目支出绩效自评报告\n"
        + REPORT_BODY * 3
        + "附件：XX县农业农村局2023年度项目支出绩效评价评分表\n"
        + SCORE_TABLE
    )
    assert _evaluations(tmp_path, text) == [("project", "农民培训")]


def test_a_form_before_its_projects_report_is_one_evaluation_with_it(tmp_path) -> None:
    """项目支出绩效自评表 (项目名称 | X) first, then X's 自评报告: one project; another project's report is not."""

    def form_then(report_title: str) -> list[tuple[str, str | None]]:
        form = "项目支出绩效自评表\n项目名称\t高标准农田设施管护项目\n主管部门\tXX县农业农村局\n" + SCORE_TABLE
        return _evaluations(tmp_path, form + "\n" + report_title + "\n" + REPORT_BODY * 3)

    assert form_then("清溪县高标准农田设施管护项目2023年度绩效自评报告") == [("project", "高标准农田设施管护项目")]
    assert len(form_then("清溪县农村公路养护项目2023年度绩效自评报告")) == 2


def test_a_units_report_on_projects_each_with_its_own_table_is_one_evaluation_a_project(tmp_path) -> None:
    """某镇人民政府…项目支出绩效自评报告, 一、X项目 … its table … 二、Y项目 … its table: two projects; parts without
    tables of their own are the unit's one report (written for the test)."""

    def township(with_tables: bool) -> list[tuple[str, str | None]]:
        part = "（一）项目概况\n本项目全年预算100万元，执行95万元，惠及全镇13个行政村。\n（二）存在问题\n一是进度慢。\n"
        body = part + (SCORE_TABLE if with_tables else "") + "（三）改进措施\n一是加快进度。\n"
        text = (
            "某某区金积镇人民政府2023年度项目支出绩效自评报告\n我镇对2023年度实施的两个项目开展了绩效自评。\n"
            f"一、农村人居环境整治项目\n{body * 2}二、村级公益性岗位补贴项目\n{body * 2}"
        )
        return _evaluations(tmp_path, text)

    assert township(with_tables=True) == [("project", "农村人居环境整治项目"), ("project", "村级公益性岗位补贴项目")]
    assert len(township(with_tables=False)) == 1


def test_a_department_score_table_belongs_to_its_report(tmp_path) -> None:
    text = (
        "XX县林业局2023年度部门整体支出绩效自评报告\n"
        + REPORT_BODY * 3
        + "附件：XX县林业局2023年度部门整体支出绩效评价评分表\n"
        + SCORE_TABLE
    )
    assert _evaluations(tmp_path, text) == [("department", "XX县林业局")]


def test_title_run_together_with_the_first_line(tmp_path) -> None:
    text = (
        "四川省某县2021年中央食品监管专项转移支付绩效自评报告为进一步规范资金管理，现将自评情况报告如下：\n"
        + REPORT_BODY
    )
    assert _evaluations(tmp_path, text) == [("project", "中央食品监管专项转移支付")]


def test_title_at_the_end_of_a_furniture_line(tmp_path) -> None:
    text = "首页 政务公开 基层政务公开某县发展和改革委员会2020年度部门整体支出绩效自评报告\n" + REPORT_BODY * 3
    [(kind, name)] = _evaluations(tmp_path, text)
    assert kind == "department" and name and name.endswith("某县发展和改革委员会")


def test_a_cover_title_without_content_is_no_evaluation(tmp_path) -> None:
    table = "项目名称\t{}\n" + SCORE_TABLE
    text = (
        "XX县林业局2023年度项目支出绩效自评表\n按照部署，我局开展了绩效自评，自评表如下。\n"
        "附件1\n项目支出绩效自评表(2023年度)\n"
        + table.format("森林防火专项经费")
        + "附件2\n项目支出绩效自评表(2023年度)\n"
        + table.format("松材线虫病防控经费")
    )
    assert _evaluations(tmp_path, text) == [("project", "森林防火专项经费"), ("project", "松材线虫病防控经费")]


def test_a_text_without_a_title_that_reads_as_a_self_evaluation_is_one_evaluation(tmp_path) -> None:
    text = "项目名称：农村饮水维修 主管部门：XX县水利局\n绩效目标完成良好，自评得分95分。\n存在的问题：无。\n"
    assert _evaluations(tmp_path, text) == [("project", "农村饮水维修")]
    assert _evaluations(tmp_path, "今天天气很好。我们去公园散步。\n") == []


def test_each_numbered_project_of_a_report_on_several_is_an_evaluation(tmp_path) -> None:
    body = "一、项目概况\n本项目全年预算100万元，执行95万元。\n二、存在的问题\n一是进度慢，3个乡镇未开工。\n"
    title = "XX县人社局2023年度项目支出绩效自评报告\n"
    text = title + "项目一：职业技能培训补贴\n" + body + "项目二：公益性岗位补贴\n" + body
    assert _evaluations(tmp_path, text) == [("project", "职业技能培训补贴"), ("project", "公益性岗位补贴")]


def test_a_report_on_all_the_units_projects_is_named_after_the_unit(tmp_path) -> None:
    text = "XX县住房和城乡建设局2021年度项目资金绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, text) == [("project", "XX县住房和城乡建设局")]


def _budgets(tmp_path, text: str) -> list[tuple[str | None, float | None, float | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return [(e.name, e.budget.planned, e.budget.executed) for e in nlp.analyze(path).evaluations]


def test_a_form_line_a_few_blocks_before_its_indicator_table_names_it_and_holds_its_budget(tmp_path) -> None:
    """项目名称 on a long flattened line, the budget rows and the goal between it and the indicator table."""
    text = (
        "文档属性 " + "x" * 300 + " 附件:项目支出绩效自评表(2023年度)项目名称 乡村道路养护 主管部门 XX县交通局"
        " 项目资金(万元)\n"
        "\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额:\t0\t0\t0\t10\t0\t0\n"
        "其中:本年财政拨款\t50\t48\t47\n"
        "年度总体目标\n完成道路养护一百公里，保障通行。\n" + SCORE_TABLE
    )
    assert _budgets(tmp_path, text) == [("乡村道路养护", 48, 47)]


def test_a_cover_field_names_the_department(tmp_path) -> None:
    text = "某镇部门整体支出绩效自评报告\n评价年度:2023\n评价单位(公章):XX县某镇人民政府\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, text) == [("department", "XX县某镇人民政府")]


def test_a_summary_of_numbered_project_paragraphs_is_one_evaluation_each(tmp_path) -> None:
    detail = "自评结果已按照要求进行了公开公示，对下一年度工作的开展起到良好的示范及促进作用，绩效目标全部完成。"
    text = (
        "根据通知要求，某苏木完成了绩效自评工作，涉及项目2个，自评结果综述如下：\n"
        "项目一:某财农〔2023〕12号牧区饮水工程项目,项目全年预算数10万元,执行数10万元,完成预算的100%。" + detail + "\n"
        "项目二:2023年边民补助,项目全年预算数20万元,执行数20万元,完成预算的100%。" + detail + "\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "牧区饮水工程项目"), ("project", "2023年边民补助")]


def test_a_project_code_before_the_name_in_its_cell_is_dropped(tmp_path) -> None:
    text = "项目支出绩效自评表(2023年度)\n项目名称\t51000021R0000000199-2023年道路养护\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("project", "道路养护")]  # the year before it names nothing either


def test_a_title_naming_a_school_leaves_the_project_to_its_overview(tmp_path) -> None:
    text = (
        "XX市第一中学专项资金绩效自评价报告\n一、基本情况\n(一)项目基本概况\n我校本年项目为一个:学生营养餐经费项目\n"
        "(二)资金及项目绩效目标\n我校按标准安排,共计120万元,其中上级资金100万元。\n"
        + "二、存在的问题\n一是拨款不及时，影响学校正常运转和教学活动的开展。\n"
        * 6
    )
    assert _budgets(tmp_path, text) == [("学生营养餐经费项目", 120, None)]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "首页 政务公开 互动交流基层政务公开某县发展和改革委员会2020年度部门整体支出绩效自评报告",
            "某县发展和改革委员会",
        ),
        (">>政务公开>>重点领域>>公共文化\n某市文化馆2018年度整体支出绩效评价报告", "某市文化馆"),
        (">>政务公开>>某市图书馆2018年度整体支出绩效评价报告", "某市图书馆"),
        ("时间:2020 作者:某县编办县委编办部门整体支出绩效评价报告", "县委编办"),
    ],
)
def test_page_words_glued_before_a_title_are_no_part_of_the_name(tmp_path, line: str, name: str) -> None:
    """Site sections, a breadcrumb's last segment or a by-line run into the title on one line."""
    title = "县委编办部门整体支出绩效评价报告\n" * ("编办" in name)  # the page's own title line names the unit
    [(kind, found)] = _evaluations(tmp_path, title + line + "\n" + REPORT_BODY * 3)
    assert (kind, found) == ("department", name)


def test_a_text_without_a_name_label_names_the_project_its_fields_repeat(tmp_path) -> None:
    text = (
        "某市财政预算支出项目绩效目标自评表，填报日期:2022年8月10，审签:村道硬化项目 项目属性常年性，"
        "年度目标1:村道硬化项目 一级指标完成数量，自评得分90分，存在问题无，有年度计划计2分，没有不得分。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "村道硬化项目")]
    assert _evaluations(tmp_path, text.replace("年度目标1:村道硬化项目", "年度目标1:桥梁维修项目")) == [
        ("project", None)
    ]


def test_a_name_cell_that_ocr_garbled_gives_way_to_the_title(tmp_path) -> None:
    form = "茶园低产改造项目绩效目标自评表(2022年度)项目总得分95分项目名称{}实施单位某县农技中心主管部门某县农业局\n"
    body = "年度总体目标 完成茶园低产改造500亩 茶园亩产提高\n" + SCORE_TABLE
    assert _evaluations(tmp_path, form.format("荼圆仾产牧造项目") + body) == [("project", "茶园低产改造")]
    assert _evaluations(tmp_path, form.format("茶叶品牌推广项目") + body) == [("project", "茶叶品牌推广项目")]


def test_a_name_cell_ends_where_an_unknown_field_begins(tmp_path) -> None:
    text = (
        "某县民政局2020年度预算项目绩效自评表\n一、基本情况 项目名称: 高龄老人津贴 是否为专项资金:是 金额单位:万元\n"
        + SCORE_TABLE
    )
    assert _evaluations(tmp_path, text) == [("project", "高龄老人津贴")]


def test_a_kind_of_project_in_a_title_gives_way_to_the_project_its_opening_names(tmp_path) -> None:
    """A site's article title (工程项目绩效评价报告) names no project; 现将我市20xx年度…--X项目自评报告如下 does."""
    opening = "根据通知精神，现将我市20xx年度中央补助地方体育事业发展--乡镇健身广场工程项目自评报告如下：\n"
    text = "工程项目绩效评价报告\n" + opening + REPORT_BODY * 3
    assert _evaluations(tmp_path, text) == [("project", "乡镇健身广场工程项目")]


def test_a_name_cell_opening_with_its_unit_and_a_blanked_year(tmp_path) -> None:
    text = "学生资助项目绩效目标自评表\n项目名称\t某某职业学院年学生资助项目\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("project", "学生资助项目")]
    text = "项目支出绩效自评表\n项目名称\t某某职业学院2021年度教材采购项目\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("project", "教材采购项目")]


def test_a_transfer_payment_title_leaves_the_name_to_the_line_naming_the_fund(tmp_path) -> None:
    title = "某县水利局2021年度中央对地方转移支付预算执行情况绩效自评报告\n"
    assert _evaluations(tmp_path, title + "(略)分 水利发展资金绩效自评\n" + REPORT_BODY * 3) == [
        ("project", "水利发展资金")
    ]
    assert _evaluations(tmp_path, title + REPORT_BODY * 3) == [("project", "某县水利局")]


def test_the_transfer_payment_form_names_its_project_in_its_own_label(tmp_path) -> None:
    text = "中央对地方转移支付项目绩效目标自评表\n转移支付(项目)名称\t养老机构运营补贴\t联系人\t张三\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("project", "养老机构运营补贴")]


def test_a_name_cell_left_empty_by_a_lost_merge_gives_the_next_filled_cell(tmp_path) -> None:
    """项目名称 | | X (a merged value cell an export split): X; 项目名称 | | 主管部门 | Y (left blank): no name."""
    named = "某某项目绩效自评表\n项目名称\t\t乡村道路养护项目\t\n" + SCORE_TABLE
    assert _evaluations(tmp_path, named) == [("project", "乡村道路养护项目")]
    for field in ("项目编码\t51012324000123", "预算年度\t2024", "主管部门及代码\t某局101"):
        cut = f"某某项目绩效自评表\n项目名称\t\t{field}\n" + SCORE_TABLE
        assert _evaluations(tmp_path, cut)[0][1] != field.split("\t")[0]
    blank = "某某项目绩效自评表\n项目名称\t\t主管部门\t某县交通运输局\n" + SCORE_TABLE
    assert ("project", "主管部门") not in _evaluations(tmp_path, blank)
    assert ("project", "某县交通运输局") not in _evaluations(tmp_path, blank)


def test_an_attached_table_of_goals_met_belongs_to_the_report_before_it(tmp_path) -> None:
    """附件：X项目绩效目标完成情况表 after a report: its rows are the report's indicators, no unit of its own."""
    text = (
        "某区农业农村局2023年度芒果产业提质增效项目绩效自评报告\n"
        + REPORT_BODY
        + "附件：2023年度芒果产业提质增效项目绩效目标完成情况表\n"
        "目标类型\t绩效目标\t评价指标\t目标值\t完成值\t达成情况\n"
        "产出目标\t数量目标\t低产园改造面积\t≥8000亩\t8260亩\t完成\n"
    )
    (evaluation,) = nlp.analyze(write_text(tmp_path, text)).evaluations
    assert [(i.name, i.actual.raw) for i in evaluation.indicators] == [("低产园改造面积", "8260亩")]


def test_a_form_line_holds_two_different_labels() -> None:
    assert _is_form_line("项目名称 甲工程 主管部门 某局")
    assert not _is_form_line("项目名称 甲工程 项目名称 乙工程")


def test_a_longer_label_ends_a_value_only_where_a_cell_begins() -> None:
    assert _before_next_label("乡村道路养护 项目实施单位 某县交通局", ("项目名称",)) == "乡村道路养护"
    assert _before_next_label("某学院年助学金项目主管部门某厅", ("项目名称",)) == "某学院年助学金项目"
    assert _before_next_label("县级粮食储备负责人及电话张三", ("专项资金名称",)) == "县级粮食储备"


def test_an_opening_that_announces_a_self_evaluation_report_makes_the_text_one(tmp_path) -> None:
    text = (
        "根据通知，我市认真组织，现将我市2023年农业资金统筹整合绩效自评报告如下:\n"
        "一、组织实施整体情况\n我市召开会议12次，推进改革工作。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "农业资金统筹整合")]


def test_a_table_whose_form_line_titles_a_department_is_a_department(tmp_path) -> None:
    text = (
        "1、某卫生院整体支出绩效自评表(2023年度)评价部门名称某县某乡某卫生院下属单位个数0整体支出规模\n"
        "二级指标\t三级指标\t年度指标值\t全年完成值\t分值\t得分\n"
        "数量指标\t门诊人次\t≥3000人次\t3200人次\t10\t10\n"
    )
    assert _evaluations(tmp_path, text) == [("department", "某县某乡某卫生院")]


def test_a_text_without_a_title_is_named_by_the_fund_it_keeps_naming(tmp_path) -> None:
    text = (
        "(二)项目效益情况。\n绩效目标、绩效指标、存在问题均已说明。\n"
        "五、评价结论\n在上级支持下,乡村客运补贴资金使用合规。\n"
        "六、存在问题\n1.乡村客运补贴资金属于定额补助,资金有缺口。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "乡村客运补贴资金")]


def test_a_title_naming_only_its_issuer_is_the_unit_s_own_report(tmp_path) -> None:
    """某镇人民政府2023年度绩效自评报告 names no project: the township's 整体 report; 项目支出 keeps it a project's."""
    text = "某某镇人民政府2023年度绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, text) == [("department", "某某镇人民政府")]
    projects = "某某镇人民政府2023年度项目支出绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, projects)[0][0] == "project"


def test_a_page_s_copy_of_the_title_over_the_document_s_own_is_one_unit(tmp_path) -> None:
    text = (
        "标题:某盟城乡居民养老补助资金2022年度绩效自评报告\n索引号:12345/2023-00020\n"
        "概述:某盟城乡居民养老补助资金2022年度绩效自评报告\n" + REPORT_BODY * 3
    )
    assert _evaluations(tmp_path, text) == [("project", "某盟城乡居民养老补助资金")]


def test_a_table_of_contents_entry_for_the_evaluation_part_is_no_evaluation(tmp_path) -> None:
    text = (
        "某市某局2021年度部门决算\n第一部分 2021年度部门决算报表\n第二部分 2021年度部门决算说明\n"
        "第三部分 2021年度部门绩效评价情况\n第一部分 2021年度部门决算报表\n报表详见附件。\n"
        "第二部分 2021年度部门决算说明\n一、部门基本情况\n某市某局内设机构8个。\n"
    )
    assert _evaluations(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the funds' source in the opening; the project its first part names
        (
            "现将2022年某县交通局财政衔接推进乡村振兴资金项目绩效自评报告如下:\n一、资金下达情况\n"
            "我县2022年村组道路硬化项目计划投资300万元。\n",
            "村组道路硬化项目",
        ),
        # a fund named after the levels that give it, then the project it pays for
        (
            "一、绩效目标分解下达情况\n下达我县中央水利发展资金500万元。\n"
            "中央和省级财政发展资金某河小流域综合治理项目立项批复520万元。\n"
            "二、资金投入情况\n中央和省级财政发展资金某河小流域综合治理项目已支付资金100万元。\n"
            "三、存在问题\n绩效目标、绩效指标已分解。\n",
            "某河小流域综合治理项目",
        ),
    ],
)
def test_an_evaluation_named_after_its_funds_source_takes_the_project_its_text_names(
    tmp_path, text: str, name: str
) -> None:
    [(kind, found)] = _evaluations(tmp_path, text)
    assert kind == "project" and found and found.endswith(name)


def test_a_report_named_after_its_funds_source_takes_the_project_they_were_used_for(tmp_path) -> None:
    text = (
        "某区水务局2022年衔接资金项目绩效自评报告\n一、绩效目标分解下达情况\n"
        "(一)某区水务局2022年衔接资金共下达105万元,用于实施某村蔬菜园灌溉项目。\n" + REPORT_BODY * 3
    )
    assert _evaluations(tmp_path, text) == [("project", "某村蔬菜园灌溉项目")]


def test_a_named_fund_is_not_a_funds_source(tmp_path) -> None:
    text = (
        "某县2022年度残疾人事业发展补助资金绩效自评报告\n一、资金情况\n资金用于实施某某康复中心建设项目。\n"
        + REPORT_BODY * 3
    )
    assert _evaluations(tmp_path, text) == [("project", "残疾人事业发展补助资金")]


def test_a_text_without_a_title_line_is_named_by_the_report_title_inside_it(tmp_path) -> None:
    """A document-sharing page runs the file's name, its page count and the report into one line."""
    file_name = "附件2:某区某局2022年度项目支出部门评价报告和绩效自评表(共15个).pdf"
    text = (
        file_name * 2 + "当前文档共116页下载后继续阅读2022年党员教育培训项目部门评价报告 一、项目基本情况"
        "(一)项目概况1.项目立项情况 党员教育培训是提高党员素质的必要工作。年初安排预算资金1万元用于开展该项目,"
        "绩效目标明确,自评得分95分。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "党员教育培训")]


def test_an_excerpt_opening_inside_a_self_evaluation_table_keeps_it_as_an_unnamed_unit(tmp_path) -> None:
    text = (
        "可持续影响指标\t制度健全性\t良\t良\n满意度指标\t满意度指标\t业主满意度\t≥90%\t≥90%\n"
        "2020年部门预算项目支出绩效自评报告\n(某某环境治理经费项目)\n" + REPORT_BODY * 3
    )
    assert _evaluations(tmp_path, text) == [("project", None), ("project", "某某环境治理经费项目")]


def test_a_text_whose_title_line_is_no_section_is_named_by_its_title(tmp_path) -> None:
    """The title line names the fund in parentheses; the allocation sentence would give 资金(…)."""
    text = (
        "某某区残联中央转移支付2023年度绩效自评报告(残疾人康复补助资金)\n一、绩效目标分解下达情况\n"
        "2023年下达某某区中央转移支付资金(残疾人康复补助资金)29.6万元,用于残疾人基本康复。\n"
        "二、绩效情况分析\n(一)资金投入情况分析。\n投入资金29.6万,执行数29.6万,执行率100%。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "残疾人康复补助资金")]


def test_a_second_form_cut_off_after_its_name_is_a_unit_of_its_own(tmp_path) -> None:
    """Two 财政项目支出绩效自评表 of one page; the excerpt ends in the second one's form part."""
    form = "项目名称{name}\n主管部门某镇人民政府实施单位某镇人民政府\n项目资金(万元)年初预算数全年预算数全年执行数\n"
    text = (
        "某镇2021年预算绩效评价结果公开\n财政项目支出绩效自评表\n2020年度\n"
        + form.format(name="城镇建设管理")
        + SCORE_TABLE
        + "财政项目支出绩效自评表\n2020年度\n"
        + form.format(name="动迁安置")
    )
    assert _evaluations(tmp_path, text) == [("project", "城镇建设管理"), ("project", "动迁安置")]


def test_a_report_without_a_title_before_its_attachment_is_the_attachment_s_unit(tmp_path) -> None:
    text = (
        "一、自评结论\n(一)自评得分\n某部门部门整体绩效自评得分96分。\n(二)存在的问题和原因\n1、部分工作计划未开展。\n"
        "(三)下一步改进措施\n1、进一步加快推进项目进度。\n附件:2022年度某部门整体自评表\n二、佐证材料\n(一)基本情况\n"
        "某市某局认真贯彻落实部署。\n"
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    [evaluation] = nlp.analyze(path).evaluations
    assert (evaluation.kind, evaluation.start, evaluation.claimed_score) == ("department", 0, 96)


def test_a_report_s_part_on_one_item_of_its_fund_is_that_item_s_evaluation(tmp_path) -> None:
    text = (
        "某省2022年度中央某某灾害资金绩效自评报告\n一、中央某某救灾资金(某某航空消防租机补助经费)\n"
        "(一)绩效目标分解下达情况。\n2022年共投入某某航空消防租机补助经费预算500万元。\n"
        "(二)绩效目标完成情况分析。\n实际执行450万元，项目执行率90%。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某航空消防租机补助经费")]


def test_a_text_that_speaks_as_the_department_and_names_no_project_is_the_department_s(tmp_path) -> None:
    text = (
        "—7—\n5.满意度指标:群众满意度达到96%。\n(二)项目支出绩效自评结果。\n"
        "1.项目绩效自评总体情况:我部门2023年度项目12个,项目支出总额300.5万元,均开展了绩效自评。\n"
        "自评发现的主要问题:年初预算400万元,年中调整预算为520万元,全年执行数510万元。\n"
    )
    assert [kind for kind, _ in _evaluations(tmp_path, text)] == ["department"]


def test_a_letter_that_reports_on_an_evaluation_is_one(tmp_path) -> None:
    text = (
        "某省财政厅:\n根据通知要求,我厅委托第三方机构开展2018年度省级专项资金绩效评价。现将有关情况报送如下:\n"
        "一、评价资金范围\n2018年评价资金包括两个部分。\n"
    )
    assert [kind for kind, _ in _evaluations(tmp_path, text)] == ["project"]
    # a letter on other matters is none
    assert _evaluations(tmp_path, text.replace("绩效评价", "检查工作")) == []


def test_a_garbled_project_cell_gives_way_to_the_table_s_title(tmp_path) -> None:
    text = (
        "某某繁育示范推广项目绩效目标自评表(2022年度)项目总得分99分项目名称碟令薯樽轴示施项目实施单位某中心\n"
        + SCORE_TABLE
    )
    assert _evaluations(tmp_path, text) == [("project", "某某繁育示范推广")]


def test_a_transfer_payment_form_names_its_fund_under_its_special_fund_label(tmp_path) -> None:
    """The 区域绩效目标自评表 of a province labels the fund 专项名称, its value on the next line."""
    text = "某某区域绩效目标自评表\n专项名称\n某某监管补助资金\n中央主管部门\n某某总局\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("project", "某某监管补助资金")]


def test_a_title_naming_only_its_place_takes_the_project_of_the_page_s_title_above(tmp_path) -> None:
    """某区2021年度绩效自评报告 names the place only: the page's title above names the fund."""
    assert project_name("某某区2021年度绩效自评报告") is None
    text = (
        "某某区2021年省级某某发展资金绩效自评报告\n\n附件2\n\n某某区2021年度绩效自评报告\n\n一、绩效目标情况\n"
        + "下达我区87万元2021年省级某某发展资金,用于发展规划和基础设施。" * 8
        + "\n二、绩效目标完成情况\n资金支出执行率100%。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "省级某某发展资金")]


def test_a_unit_s_letter_on_its_evaluation_work_is_named_after_the_unit(tmp_path) -> None:
    """某市某局关于2023年度项目绩效自评工作的报告: no project named, the issuer is the unit."""
    text = (
        "某某市农业农村局关于2023年度项目绩效自评工作的报告\n\n市财政局:\n"
        "根据通知要求,我局开展了绩效自评工作,现将绩效自评工作报告如下:\n一、绩效自评工作组织开展情况\n"
        "我局高度重视。2023年预算安排项目共计11个。\n二、绩效目标实现情况\n其中绩效自评优的项目9个。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某市农业农村局")]


def test_a_line_that_is_only_a_name_in_parentheses_names_a_text_without_a_title(tmp_path) -> None:
    text = (
        "索引号 | 0001 | 发布机构 | 某某局 |\n(某某检查站租金项目)\n一、项目基本情况\n"
        "2019年财政安排了专项经费。\n二、项目绩效自评工作开展情况\n1.前期准备。\n成立了绩效评价工作小组。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某检查站租金项目")]


def test_a_department_report_titled_with_its_township_is_the_township_s_government(tmp_path) -> None:
    text = (
        "某心乡部门整体支出绩效自评报告\n(2022年度)\n一、部门(单位)基本情况\n(一)概况。\n1.主要职能职责\n"
        "某心乡人民政府主要职能职责:(1)贯彻执行法律、法规。(2)制定发展规划。\n2.基本情况\n"
        "部门决算包括:(1)某心乡人民政府(2)某心乡财政所。\n"
    )
    assert _evaluations(tmp_path, text) == [("department", "某心乡人民政府")]


def test_a_fund_named_with_and_without_its_levels_is_one_fund(tmp_path) -> None:
    """现将上级转移支付资金使用情况报告如下 names a source; 中央财政X资金 and X资金 are the one fund repeated."""
    assert named_in_opening("现将2021年某某补助资金使用情况报告如下") == "某某补助资金"
    text = (
        "某区民政局关于“2021年中央财政某某群众救助补助资金”管理使用情况\n"
        "根据相关文件规定,现将上级转移支付资金使用情况报告如下:\n一、资金基本情况\n"
        "2021年中央财政某某群众救助补助资金下达我区111万元。某某群众救助补助资金要求专款专用。\n"
        "二、资金使用范围\n某某群众救助补助资金用于低保发放。\n"
        "三、资金绩效评价结果\n1.产出指标完成情况分析\n(1)数量指标\n足额发放。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某群众救助补助资金")]


def evaluations_of(tmp_path: Path, text: str) -> list:
    """The evaluations jixiao finds in a text written for the test."""
    path = tmp_path / "written.txt"
    path.write_text(text, encoding="utf-8")
    return nlp.analyze(path).evaluations


def test_a_summary_before_the_form_it_sums_up_belongs_to_its_unit(tmp_path: Path) -> None:
    summary = (
        "某项目绩效自评综述:项目绩效自评得分为95分。全年预算数为200万元,执行数为179.43万元。"
        "发现的主要问题及原因:一是部分活动未按时完成;二是部分项目预算成本过高。下一步改进措施:加快项目进度。"
    )
    form = "\n项目支出绩效自评表\n项目名称\n某某文化活动经费\n主管部门\n某局\n"
    evaluations = evaluations_of(tmp_path, summary + form)
    [evaluation] = evaluations
    assert evaluation.start == 0 and evaluation.name == "某某文化活动经费"
    assert evaluation.claimed_score == 95 and evaluation.budget.executed == 179.43
    assert len([s for s in evaluation.statements if s.kind == "problem"]) == 2


def test_a_report_with_headings_before_a_form_is_not_its_summary(tmp_path: Path) -> None:
    report = "第一部分 部门概况\n一、部门职责\n负责全县体育工作。\n二、存在的问题\n自评得分95分，绩效目标未完成。\n"
    form = "项目支出绩效自评表\n项目名称\n某某文化活动经费\n"
    evaluations = evaluations_of(tmp_path, report + form)
    evaluation = next(e for e in evaluations if e.name == "某某文化活动经费")
    assert evaluation.start > 0


def test_an_untitled_report_is_named_by_its_overview_s_subject(tmp_path: Path) -> None:
    text = (
        "一、项目概括\n(一)项目基本情况\n城乡客运站点维护项目为某局本级的经常性项目,资金用于站点维修。\n"
        "(二)项目绩效目标\n项目当年度目标:维修站点不少于20个,满意度大于90%。\n二、项目资金使用及管理情况\n"
        "年初预算100万元,资金到位率100%。实际使用资金98万元。\n三、绩效自评结论\n自评得分95分。\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    [evaluation] = evaluations
    assert evaluation.name == "城乡客运站点维护项目"
    assert [(i.name, i.target.value) for i in evaluation.indicators] == [("维修站点", 20), ("满意度", 90)]


def test_the_central_transfer_form_names_its_project_after_its_own_label(tmp_path: Path) -> None:
    text = (
        "某乡2021年度项目绩效自评表\n中央、市级专项转移支付绩效目标自评表\n(2021年度)\n"
        "专项(项目)名称  某村安置区道路帮扶项目 负责人及电话  张某\n市级主管部门  某市水利局\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    assert [e.name for e in evaluations] == ["某村安置区道路帮扶项目"]


def test_an_untitled_project_report_is_no_department_s_for_citing_both_kinds(tmp_path: Path) -> None:
    text = (
        "一、项目基本情况\n某某高速某段改线工程起于某镇北侧,路线全长16公里。\n"
        "二、项目绩效自评工作开展情况\n按照《某市财政局关于部门整体支出和项目支出绩效自评有关事项的通知》,"
        "部门整体支出和项目支出绩效自评工作是绩效管理工作的重要部分。\n三、项目绩效实现情况\n"
        "市财政局下达项目前期工作经费200万元,支出200万元,执行率100%。自评得分95分。\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    [evaluation] = evaluations
    assert (evaluation.kind, evaluation.name) == ("project", "某某高速某段改线工程")


def test_a_numbered_heading_opening_with_a_clause_word_is_no_report_title(tmp_path: Path) -> None:
    text = (
        "某县2021年度财政衔接资金绩效自评报告\n一、绩效自评工作开展情况\n成立工作专班。\n"
        "二、根据财政衔接资金绩效自评指标自评情况\n自评得分102.964分。\n(一)资金保障情况\n自评10分。\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    [evaluation] = evaluations
    assert evaluation.claimed_score == 102.964


def test_an_untitled_text_in_the_transfer_outline_reads_as_an_evaluation_named_by_its_repeated_fund(
    tmp_path: Path,
) -> None:
    text = (
        "一、绩效目标分解下达情况\n某某救助补助资金是指用于开展城乡救助工作的资金。某某救助补助资金的及时发放"
        "发挥了积极作用。2023年中央财政下达我市某某救助补助资金3500万元。\n二、绩效情况分析\n"
        "(一)资金情况分析\n资金按时拨付。\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    [evaluation] = evaluations
    assert (evaluation.kind, evaluation.name) == ("project", "某某救助补助资金")


def test_a_place_only_title_takes_the_name_standing_alone_under_it(tmp_path: Path) -> None:
    text = (
        "某市某区某镇2021年度部门预算项目支出绩效自评报告\n2021年城乡临时救助备用金\n一、项目概况\n"
        "(一)项目基本情况。\n保障困难群众基本生活。\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    assert [e.name for e in evaluations] == ["城乡临时救助备用金"]


def test_a_title_naming_its_unit_and_a_kind_of_funds_takes_the_fund_its_opening_allocates(tmp_path: Path) -> None:
    text = (
        "某县某乡人民政府转移支付2022年度绩效自评报告\n一、绩效目标分解下达情况\n"
        "2022年某乡收到中央、市级下达农村综合改革转移支付预算共计50万元,主要用于试点项目建设。\n"
    )
    evaluations = evaluations_of(tmp_path, text)
    assert [e.name for e in evaluations] == ["农村综合改革转移支付"]


def test_a_project_performance_report_title_opens_a_unit(tmp_path: Path) -> None:
    text = "某县档案局2016年度项目绩效报告\n一、项目概况\n(一)项目单位基本情况:某县档案局为县政府直属事业单位。\n"
    evaluations = evaluations_of(tmp_path, text)
    assert [(e.kind, e.name) for e in evaluations] == [("project", "某县档案局")]


def test_a_name_set_in_quotes_loses_them(tmp_path) -> None:
    text = "项目名称:某州卫健委2020年度“出生缺陷三级防控免费检查”\n支出科目编码:2100409\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("project", "出生缺陷三级防控免费检查")]


def test_a_county_spending_policy_form_is_named_by_its_project_label(tmp_path) -> None:
    text = "某某县财政支出政策绩效评价报告\n项目名称 2020年公共文化活动专项资金\n项目单位 某某县文化局\n" + REPORT_BODY
    assert _evaluations(tmp_path, text) == [("project", "公共文化活动专项资金")]


def test_a_page_stating_a_full_year_budget_and_goals_reads_as_an_evaluation(tmp_path) -> None:
    text = "2020年度绩效评价\n项目全年预算数为1050万元,执行数为1050万元,完成预算的100%。"
    text += "项目绩效目标完成情况:一是开展活动116场。\n"
    assert [kind for kind, _ in _evaluations(tmp_path, text)] == ["project"]


def test_an_untitled_outline_with_goals_self_review_and_funds_reads_as_a_report(tmp_path) -> None:
    text = (
        "一、项目基本情况\n(一)项目基本情况简介\n下达我区中央财政水利发展资金—农村饮水工程维修养护82万元。\n"
        "(二)资金到位\n下达我区中央财政水利发展资金—农村饮水工程维修养护82万元。\n"
        "(二)项目绩效目标\n维修工程12处。\n二、绩效评价工作情况\n成立评价组。\n(二)项目资金情况\n资金到位。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "农村饮水工程维修养护")]


def test_a_self_evaluation_situation_table_title_opens_an_evaluation(tmp_path) -> None:
    text = "附件1\n某某市部门整体支出绩效自评情况表\n部门(单位)名称: 某某市住房和城乡建设局\n一、部门(单位)基本概况\n"
    assert _evaluations(tmp_path, text) == [("department", "某某市住房和城乡建设局")]


def test_a_report_under_a_poverty_fund_guide_is_named_by_what_the_fund_paid_for(tmp_path) -> None:
    text = (
        "按照《关于转发〈财政专项扶贫资金绩效管理操作指南〉的通知》要求,我单位开展自评,报告如下:\n"
        "一、绩效目标分解下达情况\n下达预算资金201.48万元用于基础设施工程农村饮水维修养护项目,新建水房1座。\n"
        "二、绩效目标完成情况\n全部完成。\n三、资金使用情况\n财政专项扶贫资金已支付。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "基础设施工程农村饮水维修养护项目")]


def test_a_report_cut_off_before_its_attached_report_is_an_evaluation_of_its_own(tmp_path) -> None:
    text = (
        "根据指标体系,某某县扶贫开发局整体绩效自评分95分。\n(三)\n存在问题。\n绩效目标编制不够完善。\n"
        "(四)\n改进建议。\n一是加强绩效评价工作业务培训。\n附件2\n"
        "某某县2020年度大中型水库移民后期扶持资金项目绩效评价报告\n一、项目概况\n共下达资金2272万元。\n"
    )
    assert _evaluations(tmp_path, text) == [
        ("department", "某某县扶贫开发局"),
        ("project", "大中型水库移民后期扶持资金"),
    ]


def test_a_department_budget_execution_report_is_the_department_s(tmp_path) -> None:
    text = "某县消防救援大队2024年度部门预算执行情况绩效自评整改报告\n一、基本情况\n总体得分为84.47分。\n"
    assert _evaluations(tmp_path, text) == [("department", "某县消防救援大队")]


def test_a_score_its_heading_labels_alone_is_the_claimed_score(tmp_path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(
        "某馆2022年度项目支出绩效自评报告\n一、自评结论\n(一)自评得分\n100分。\n(二)绩效目标完成情况\n", "utf-8"
    )
    assert [e.claimed_score for e in nlp.analyze(path).evaluations] == [100]


def test_a_unit_s_own_evaluation_in_the_opening_sentence_is_the_department_s(tmp_path) -> None:
    text = (
        "根据上级要求,某某区城市管理局组织开展了2024年度部门绩效自评工作。现将自评工作情况总结如下:\n"
        "一、自评工作开展情况\n统筹推进七大项目实施。\n二、存在的问题\n一是经费不足。\n三、改进措施\n一是加强管理。\n"
    )
    assert _evaluations(tmp_path, text) == [("department", "某某区城市管理局")]


def test_a_scoring_sheet_title_opens_an_evaluation(tmp_path) -> None:
    text = "某市商务局2018年度部门整体支出绩效自评指标计分表\n一级指标\n二级指标\n三级指标\n自评分\n"
    assert [kind for kind, _ in _evaluations(tmp_path, text)] == ["department"]


def test_a_cut_off_department_report_is_known_by_its_outline_s_whole_part(tmp_path) -> None:
    text = (
        "一、部门基本情况\n(一)部门概况\n某某省红十字会是从事人道主义工作的社会救助群众团体。\n"
        "(二)部门预决算情况\n省红十字会年度预算1449.54万元,预算执行率93.81%。\n"
        "(三)部门整体绩效\n绩效目标全部完成。\n"
    )
    assert _evaluations(tmp_path, text) == [("department", "某某省红十字会")]


def test_a_form_under_a_page_publishing_the_results_of_the_final_accounts_is_its_project_s(tmp_path) -> None:
    text = (
        "某市某县某分局2023年部门决算中项目绩效自评结果\n"
        "某某治理试点项目绩效自评综述:项目绩效自评得分为100分。发现的主要问题及原因:一是预算不细。\n"
        "项目支出绩效自评表\n项目名称\t某某治理试点项目\n"
        "项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t40\t40\t40\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某治理试点项目")]


def test_a_transfer_payment_report_cut_off_after_its_first_part_reads_as_an_evaluation(tmp_path) -> None:
    text = (
        "一、绩效目标分解下达情况\n(一)中央下达某某整治资金预算情况。\n下达某某整治专项资金共计5404万元。\n"
        "(二)自治区分配下达资金预算情况。\n分配下达至有关市县。\n二、绩效目标完成情况\n"
    )
    assert [kind for kind, _ in _evaluations(tmp_path, text)] == ["project"]


def test_a_summary_of_the_evaluation_work_opens_an_evaluation(tmp_path) -> None:
    text = "某县某中心\n2016-2020年某某产业扶贫资金\n项目绩效评价工作总结\n一、项目建设情况\n共建设果园3处。\n"
    assert len(_evaluations(tmp_path, text)) == 1


def test_a_bureau_s_evaluation_of_its_department_budget_is_the_department_s(tmp_path) -> None:
    text = (
        "根据省财政厅通知要求,我厅认真开展了2022年度部门预算绩效自评工作,自评得97.5分。\n"
        "一、部门概况\n(一)部门基本情况\n某某省应急管理厅主要职责如下:负责应急管理工作。\n"
        "二、绩效目标完成情况\n全部完成。\n三、存在的问题\n无。\n"
    )
    assert [kind for kind, _ in _evaluations(tmp_path, text)] == ["department"]


def test_a_form_run_into_one_line_ends_the_project_s_name_at_its_unit_label(tmp_path) -> None:
    text = (
        "1、财政支出项目绩效评价自评报告评价类型:项目完成结果评价项目名称某某文化服务运行保障经费"
        "项目单位某某市文化旅游广电局主管部门某某市人民政府评价方式:部门(单位)绩效自评\n" + REPORT_BODY
    )
    assert _evaluations(tmp_path, text) == [("project", "某某文化服务运行保障经费")]


UNTITLED_UNIT_FORM = (
    "单位名称:某镇政府 填报日期:2021.5.18\n"
    "单位名称 | 某镇人民政府 | |\n"
    "预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n"
    "部门整体支出总额 | 500 | 500 | 100% | 20 |\n"
    "年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |\n"
    "| 产出指标 | 数量指标 | 办结信访案件 | 100起 | 100起 | 10 |\n"
    "| 满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 95% | 20 |\n"
)


def test_an_untitled_form_naming_a_unit_and_no_project_is_the_unit_s(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(UNTITLED_UNIT_FORM, encoding="utf-8")
    assert [(e.kind, e.name) for e in nlp.analyze(path).evaluations] == [("department", "某镇人民政府")]
    titled = tmp_path / "titled.txt"
    titled.write_text("某某项目绩效评价自评表\n" + UNTITLED_UNIT_FORM, encoding="utf-8")
    assert [e.kind for e in nlp.analyze(titled).evaluations] == ["project"]


def test_an_untitled_text_whose_outline_reviews_the_department_is_the_department_s(tmp_path: Path) -> None:
    text = (
        "2023年以来，某市某区综合执法中心坚持围绕中心工作，推动城市品质提升。2023年预算安排300万元。\n"
        "二、部门自评工作开展情况\n根据某区财政局《关于做好2023年度绩效自评工作的通知》，成立了绩效评价自评小组。\n"
        "(一)成立部门自评小组\n本次绩效自评小组由某市某区综合执法中心各业务单位组成。\n"
    )
    path = tmp_path / "untitled.txt"
    path.write_text(text, encoding="utf-8")
    assert [(e.kind, e.name) for e in nlp.analyze(path).evaluations] == [("department", "某市某区综合执法中心")]


def test_an_untitled_text_under_a_self_evaluation_template_s_heading_is_one_named_by_its_fund(tmp_path: Path) -> None:
    text = (
        "一、绩效目标分解下达情况\n(一)中央下达转移支付预算情况\n"
        "2024年，中央分2批次下达我区某某福利事业资金，合计1,380万元。\n"
        "《关于提前下达2024年某某福利事业资金预算的通知》下达某某福利事业资金1,119万元。\n"
    )
    path = tmp_path / "untitled.txt"
    path.write_text(text, encoding="utf-8")
    assert [(e.kind, e.name) for e in nlp.analyze(path).evaluations] == [("project", "某某福利事业资金")]


def test_a_fund_s_report_naming_its_one_project_by_label_is_that_project_s(tmp_path: Path) -> None:
    text = (
        "某县人民政府办公室2022年财政衔接推进乡村振兴补助资金绩效自评报告\n一、绩效自评工作组织开展情况\n"
        "2022年我办管理的财政衔接推进乡村振兴补助资金项目1个,项目名称甲贷款贴息项目,预算金额2.58万元,实际支出2.58万元。\n"
        "二、绩效目标实现情况\n贴息74户次。\n"
    )
    path = tmp_path / "fund.txt"
    path.write_text(text, encoding="utf-8")
    assert [(e.kind, e.name) for e in nlp.analyze(path).evaluations] == [("project", "甲贷款贴息项目")]


def test_a_fund_s_report_listing_several_projects_after_the_label_is_not_named_by_the_first(tmp_path: Path) -> None:
    text = (
        "某县2022年财政衔接推进乡村振兴补助资金绩效自评报告\n一、基本情况\n"
        "2022年支持项目3个，项目名称：甲村道路硬化项目，乙村饮水工程，丙村路灯项目。预算金额30万元。\n"
    )
    path = tmp_path / "fund.txt"
    path.write_text(text, encoding="utf-8")
    assert all(e.name != "甲村道路硬化项目" for e in nlp.analyze(path).evaluations)


def test_a_project_name_a_clause_of_prose_links_to_its_value(tmp_path: Path) -> None:
    text = (
        "某县某局2022年某补助资金项目绩效监控总结报告\n绩效目标分解下达情况\n"
        "1.资金下达预算及项目情况\n某领导小组下发了《关于对某任务项目投资计划的批复》文件,"
        "项目名称为2022年某乡某村养殖基地建设项目,项目总投资39万元。\n"
    )
    assert [e.name for e in evaluations_of(tmp_path, text)] == ["某乡某村养殖基地建设项目"]


def test_a_cover_s_titles_run_together_give_way_to_its_project_label(tmp_path: Path) -> None:
    text = (
        "某市某局2019年度市级专项资金绩效评估报告\n某市财政项目支出绩效评价报告\n(2019年度)\n"
        "项目名称:某局公共服务专项\n项目单位:某市某局\n一、项目概况\n某局承担公共服务工作。\n"
    )
    assert [e.name for e in evaluations_of(tmp_path, text)] == ["某局公共服务专项"]


def test_a_form_run_together_with_sentences_in_its_cells_names_its_project(tmp_path: Path) -> None:
    """项目名称X项目主要内容…。: three labels run into their values make a form, though its cells hold sentences;
    a converter's spaced labels (项目名称 项目主管单 位) do not."""
    text = (
        "文档简介2021年项目绩效自评报告表(实施单位用)填报单位:某市某中心基本情况项目名称某某传染病防治"
        "项目主要内容预防和控制传染病的发生。项目单位某市某中心主管部门某市卫健委单位负责人张某\n"
    )
    assert [e.name for e in evaluations_of(tmp_path, text)] == ["某某传染病防治"]
    assert not _is_form_line("项目名称 项目主管单 位 自评总分。项目实施单位 某局 项目负责人 张某")


def test_a_department_form_names_its_unit_as_its_whole_spending(tmp_path: Path) -> None:
    text = (
        "2024年度部门整体绩效自评表\n项目名称: | 某县科学技术协会整体监控 | 自评总分: | 99.68 |\n"
        "年初绩效目标 | 全年目标实际完成情况 |\n做好某县科技馆场馆的管理。 | 某县科技馆全年接待游客2万人,"
        "某县科技馆获优秀组织奖。 |\n"
    )
    assert [(e.kind, e.name) for e in evaluations_of(tmp_path, text)] == [("department", "某县科学技术协会")]


def test_a_title_naming_only_a_kind_of_funds_takes_the_fund_its_text_allocates(tmp_path: Path) -> None:
    """某会2020年度专项资金绩效评价报告: the fund is the one the text says was allocated; an allocation of where money
    comes from (下达单位市级项目资金60万元) names none, and the unit stays."""
    report = (
        "某市某会2020年度专项资金绩效评价报告\n一、项目基本情况\n某会是群团组织。\n二、项目实施情况\n"
        "2020财政下达某某事业支出专项资金28万元。\n"
    )
    assert [e.name for e in evaluations_of(tmp_path, report)] == ["某某事业支出专项资金"]
    units = (
        "某市团委2020年度项目支出绩效评价自评报告\n一、单位基本情况\n某市团委是群团组织。\n"
        "二、绩效目标分解下达情况\n2020年市财政共计下达单位市级项目资金60万元。\n"
    )
    assert [e.name for e in evaluations_of(tmp_path, units)] == ["某市团委"]


def test_prose_about_a_form_s_labels_is_no_form_and_whether_names_nothing(tmp_path: Path) -> None:
    assert not _is_form_line("本表项目名称按批复填写，主管部门为县教育局，实施单位为各学校。")
    text = (
        "某县教育局2020年度项目支出绩效自评报告\n一、项目基本情况\n"
        "我局对照批复核查，项目名称是否与预算批复一致，资金是否按时到位。\n"
    )
    assert [e.name for e in evaluations_of(tmp_path, text)] == ["某县教育局"]


def test_a_title_naming_a_unit_s_budget_execution_is_the_unit_s_own_report(tmp_path) -> None:
    """2024年度某中心预算执行情况绩效自评报告: the centre's whole budget; a school's 专项资金 stay a project's funds."""
    text = "2024年度某某镇社区卫生服务中心预算执行情况绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, text) == [("department", "某某镇社区卫生服务中心")]
    funds = "2024年度某某镇第一中学专项资金绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, funds)[0][0] == "project"
    # a project named like a unit, its budget's execution not named, stays a project
    station = "某县文化广电旅游局2023年度乡镇综合文化站绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, station) == [("project", "乡镇综合文化站")]


def test_a_report_s_part_on_a_fund_qualified_in_its_middle_is_that_fund_s_evaluation(tmp_path) -> None:
    """一、中央某某(某某航空消防补助)救灾资金: the qualifier in the fund's name, not after it."""
    text = (
        "某省应急管理厅2021年度中央对地方转移支付预算执行\n绩效自评报告\n"
        "一、中央某某灾害(某某航空消防补助)救灾资金\n(一)绩效目标分解下达情况\n共安排资金500万元。\n"
        "(二)绩效目标完成情况分析\n实际执行450万元，项目执行率90%。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "中央某某灾害(某某航空消防补助)救灾资金")]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("部门(单位)名称 中共某某市委党史研究室 部门预算编码 901001033", "中共某某市委党史研究室"),
        ("单位名称某某区疾病预防控制中心年度预算申请(万元)年初预算数全年预算数", "某某区疾病预防控制中心"),
    ],
)
def test_a_department_name_ends_where_the_form_s_next_field_begins(tmp_path, line: str, name: str) -> None:
    text = "部门整体支出绩效自评表\n" + line + "\n" + SCORE_TABLE
    assert _evaluations(tmp_path, text) == [("department", name)]


def test_a_report_on_the_whole_of_a_unit_s_projects_is_a_project_evaluation_named_after_the_unit(tmp_path) -> None:
    """某中心2022年度项目整体绩效自评报告: the 整体 of its projects, not of the department."""
    text = "某某县融媒体中心2022年度项目整体绩效自评报告\n" + REPORT_BODY * 3
    assert _evaluations(tmp_path, text) == [("project", "某某县融媒体中心")]


def test_a_header_cell_under_the_name_label_is_no_name(tmp_path) -> None:
    # a results list set out one cell per line: the cell after 项目名称 is the next column's label
    text = (
        "现将某市教育中心2022年度专项债券项目资金绩效评价情况公示如下:\n2022年度地方政府专项债券项目资金绩效评价情况表\n"
        "序号\n项目单位\n项目名称\n发行金额(亿元)\n评价结果\n备注\n1\n某市教育中心\n某市第二中学迁建工程\n1.9\n优\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某市第二中学迁建工程")]


def test_an_untitled_transfer_payment_report_is_its_project_named_with_its_funds(tmp_path) -> None:
    text = (
        "一、基本情况\n(一)转移支付概况。\n"
        "根据省厅文件要求,某县获得2023年度某省2023年某某能力提升(某某机构建设)基层某某机构建设项目预算资金60万元,"
        "用于完善我县基层服务体系建设。\n(二)整体绩效目标情况。\n用于三个建设内容,提升服务能力。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某能力提升(某某机构建设)基层某某机构建设项目")]


def test_a_report_titled_by_its_funds_source_is_named_by_the_fund_its_opening_totals(tmp_path) -> None:
    text = (
        "某县融媒体中心中央对地方专项转移支付2019年度绩效自评报告\n"
        "根据省局通知精神,现将有关情况报告如下:\n一、绩效目标分解下达情况\n(一)中央转移支付预算\n"
        "2019年中央补助地方某某服务体系建设专项资金共计1586万元,其中:甲运行维护43.8万元;乙建设1542.2万元。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "中央补助地方某某服务体系建设专项资金")]


def test_a_title_line_leaving_its_bracket_open_names_the_fund_in_it(tmp_path) -> None:
    text = (
        "某市图书馆2022年度项目支出绩效自评报告(2022年中央支持地方某某服务体系建设补助资金\n"
        "一、自评结论\n(一)自评得分\n100分。\n(二)存在的问题和原因分析\n经费不足。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "中央支持地方某某服务体系建设补助资金")]


def test_a_places_transfer_payment_report_is_named_by_the_project_its_opening_funds(tmp_path) -> None:
    text = (
        "某省某市转移支付2023年度绩效自评报告\n一、绩效目标分解下达情况\n"
        "某园区重大安全风险防控项目中央拨付财政资金1800万元,当前资金已全部拨付至区财政局。\n二、绩效情况分析\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某园区重大安全风险防控项目")]


def test_a_transfer_payments_whole_goals_form_is_the_funds_project(tmp_path) -> None:
    text = (
        "某县某某补助资金转移支付整体绩效目标自评表\n(2024年度)\n转移支付(项目)名称\t某某补助资金\n"
        "市级主管部门\t某市教育体育局\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年实际完成值 |\n"
        "| 产出指标 | 数量指标 | 教学软件 | 2套 | 2套 |\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "某某补助资金")]


def test_a_table_of_results_applied_is_no_results_list(tmp_path) -> None:
    text = (
        "# 某县2023年度项目支出绩效评价结果应用情况\n\n| 序号 | 项目名称 | 评价结果 | 整改措施 |\n|---|---|---|---|\n"
        "| 1 | 某县农村公路养护项目 | 优 | 无 |\n| 2 | 某县学生资助项目 | 良 | 加强管理 |\n"
    )
    path = tmp_path / "applied.md"
    path.write_text(text, encoding="utf-8")
    assert [
        e.name for e in nlp.analyze(path).evaluations if e.name in ("某县农村公路养护项目", "某县学生资助项目")
    ] == []


def test_a_forms_budget_header_run_on_after_its_name_label_is_no_name(tmp_path) -> None:
    text = (
        "部门整体支出绩效自评表\n(2021年度)\n省级预算\n某县教育局\n部门名称\n年初全年预算全年\n分值执行率得分\n"
        "年度资金总额4678.50 4468.10\n某县教育局负责全县教育工作。\n"
    )
    assert _evaluations(tmp_path, text) == [("department", "某县教育局")]


def test_a_townships_report_on_its_projects_naming_none_is_named_after_its_organisation_or_place(tmp_path) -> None:
    body = "一、基本情况\n(一)项目概况。\n城乡融合发展对基层社会治理提出了新的更高要求,我镇统筹推进各项工作。\n"
    text = "某某镇2022年度项目支出绩效自评报告\n" + body
    assert _evaluations(tmp_path, text) == [("project", "某某镇")]
    named = text + "(二)组织实施。\n某某镇人民政府按照要求组织实施,某某镇财政所负责资金管理,某某镇人民政府负责验收。\n"
    assert _evaluations(tmp_path, named) == [("project", "某某镇人民政府")]


def test_an_untitled_text_under_a_self_reviews_heading_is_an_evaluation(tmp_path) -> None:
    text = (
        "一、项目基本情况\n项目起止时间为2020年1月1日至2020年12月31日。我局按要求支付评估评审等技术性服务费用。\n"
        "二、项目绩效自评工作开展情况\n2020年我市完成直补资金发放1344万元,完成后期扶持项目投资4618万元。\n"
    )
    assert len(_evaluations(tmp_path, text)) == 1


def test_a_notes_heading_on_self_reviews_work_makes_no_evaluation(tmp_path) -> None:
    text = (
        "为进一步加强预算绩效管理，县财政局近日对全县各部门绩效工作进行了督导。\n一、自评工作开展情况\n"
        "全县45个部门按时报送了自评材料，覆盖资金3.2亿元。\n二、下一步工作\n继续加强培训指导。\n"
    )
    assert _evaluations(tmp_path, text) == []


def test_each_part_holding_its_projects_form_is_that_projects_evaluation(tmp_path: Path) -> None:
    from test_outline import PARTS_WITH_FORMS

    path = tmp_path / "parts.txt"
    path.write_text(PARTS_WITH_FORMS, encoding="utf-8")
    evaluations = nlp.analyze(path).evaluations
    assert [(e.kind, e.name) for e in evaluations] == [("project", "甲项目"), ("project", "乙项目")]
    # the part's own text is its project's: the problem stated before 乙's form, and no pointer to the form
    assert [s.text for s in evaluations[1].statements] == ["执行偏慢。"]
    assert not evaluations[0].statements


def test_a_results_page_part_is_a_project_when_its_project_name_line_names_it(tmp_path: Path) -> None:
    text = "某县2023年度项目支出绩效自评结果公开\n"
    for number, name, rows in (
        ("一", "农村污水设施运维经费", "运维村数 ≥146个 146个"),
        ("二", "校舍维修改造", "维修面积 ≥1200平方米 1200平方米"),
    ):
        text += f"{number}、{name}\n项目名称：{name}\n自评得分：95分\n绩效指标完成情况：\n"
        text += f"指标类别 指标名称 年度目标值 实际完成值\n数量指标 {rows}\n质量指标 验收合格率 100% 100%\n"
        text += "主要问题：无。\n"
    path = tmp_path / "results.txt"
    path.write_text(text, encoding="utf-8")
    assert [e.name for e in nlp.analyze(path).evaluations] == ["农村污水设施运维经费", "校舍维修改造"]


def test_a_summary_of_projects_above_their_forms_leaves_each_form_its_own_evaluation(tmp_path) -> None:
    """A workbook's summary sheet, then one form sheet a project: the first form keeps its rows and its budget."""
    summary = "某县水务局2023年度项目支出绩效自评结果汇总表\n单位：元\n"
    summary += "序号\t项目名称\t预算数\t执行数\t执行率\t自评得分\t评价等级\n"
    summary += "1\t农村供水维修养护项目\t1,860,000.00\t1,744,680.00\t93.80%\t96.38\t优\n"
    summary += "2\t河湖长制工作经费\t480,000.00\t456,000.00\t95.00%\t99.8\t优\n"
    summary += "合计\t\t2,340,000.00\t2,200,680.00\t94.05%\t\t\n"

    def form(name: str, budget: str, rows: str) -> str:
        return (
            f"项目支出绩效自评表\n项目名称\t{name}\n项目资金(元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            f"\t年度资金总额\t{budget}\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n{rows}"
        )

    text = summary + form(
        "农村供水维修养护项目",
        "1,860,000.00\t1,860,000.00\t1,744,680.00\t10\t93.80%\t9.38",
        "产出指标\t数量指标\t维修养护工程\t≥45处\t47处\t15\t15\n",
    )
    text += form(
        "河湖长制工作经费",
        "480,000.00\t480,000.00\t456,000.00\t10\t95.00%\t9.5",
        "产出指标\t数量指标\t河湖巡查\t≥1200次\t1260次\t15\t15\n",
    )
    path = tmp_path / "book.txt"
    path.write_text(text, encoding="utf-8")
    first, second = nlp.analyze(path).evaluations
    assert (first.name, [i.name for i in first.indicators], first.budget.planned) == (
        "农村供水维修养护项目",
        ["维修养护工程"],
        186.0,
    )
    assert (second.name, [i.name for i in second.indicators]) == ("河湖长制工作经费", ["河湖巡查"])
    assert first.claimed_score == 96.38


def test_a_forms_labels_set_one_a_line_above_their_values_name_the_project(tmp_path) -> None:
    """pdftotext sets a form's label column, then its value column: 项目名称 ⏎ 主管部门 ⏎ 项目负责人 ⏎ X ⏎ Y ⏎ Z."""
    text = (
        "2023年度项目支出绩效自评表\n一、项目基本情况\n项目名称\n主管部门\n项目负责人\n\n"
        "农村公路养护工程专项资金\n某市交通运输局\n张三\n\n二、存在的问题\n部分路段养护不及时。\n"
    )
    assert _evaluations(tmp_path, text) == [("project", "农村公路养护工程专项资金")]


def test_a_blank_name_cell_over_the_next_label_names_nothing_from_the_labels_after_it(tmp_path) -> None:
    text = "2023年度项目支出绩效自评表\n项目名称\n主管部门\n某县教育局\n实施单位\n某县教育局\n二、存在的问题\n无。\n"
    assert [name for _, name in _evaluations(tmp_path, text)] != ["某县教育局"]


def _form(name: str) -> str:
    return (
        f"{name}支出绩效自评表(2024年度)\n| 项目名称 | {name} |\n| 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
        "| 100 | 100 | 95 | 95% |\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
        "| 产出指标 | 数量指标 | 培训人数 | 200人 | 210人 |\n| 总分 | 95 |\n"
    )


def test_a_list_of_attached_forms_is_no_unit_of_its_own(tmp_path: Path) -> None:
    """附件：1.X自评表 ⏎ 2.Y自评表 lists the forms attached further on: each form is its project's one unit."""
    report = (
        "某市卫生健康局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n" + "本局负责全市卫生健康工作。" * 30 + "\n"
        "二、存在的问题\n预算编制不够精准。\n"
    )
    attachments = (
        "附件：1.甲项目支出绩效自评表\n2.乙项目支出绩效自评表\n附件1\n" + _form("甲项目") + "附件2\n" + _form("乙项目")
    )
    path = tmp_path / "report.txt"
    path.write_text(report + attachments, encoding="utf-8")
    evaluations = nlp.analyze(path).evaluations
    assert [(e.kind, e.name) for e in evaluations] == [
        ("department", "某市卫生健康局"),
        ("project", "甲项目"),
        ("project", "乙项目"),
    ]

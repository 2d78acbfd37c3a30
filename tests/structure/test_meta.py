"""Title-line metadata: year, region and department when the title states them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

import nlp
from nlp import ingest
from nlp.structure.meta import department_from_title, extract_meta, is_division, region_from_department


def test_title_spread_over_lines(tmp_path: Path) -> None:
    text = "**2023年度**\n\n**湘潭市雨湖区教育局**\n\n**部门决算**\n\n目 录\n\n第一部分 部门概况\n"
    meta = extract_meta(ingest(write(tmp_path, "a.md", text)))
    assert meta.title == "2023年度湘潭市雨湖区教育局部门决算"
    assert (meta.year, meta.region, meta.department) == (2023, "湘潭市雨湖区", "湘潭市雨湖区教育局")


def test_title_run_on_into_the_first_heading_and_a_site_label_above(tmp_path: Path) -> None:
    text = "资源描述\n某市某办公室2017年度“某某工作”项目 绩效评价报告 一、基本情况(一)项目背景 某办公室负责某某工作。\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert (meta.title, meta.year) == ("某市某办公室2017年度“某某工作”项目 绩效评价报告", 2017)


def test_a_sentence_under_a_title_adds_nothing_to_it(tmp_path: Path) -> None:
    text = "某县教育局2023年度学生资助项目绩效自评报告\n按照要求，我局开展自评，形成自评报告 一、基本情况 本项目。\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert meta.title == "某县教育局2023年度学生资助项目绩效自评报告"


def test_attachment_label_is_skipped_and_report_type_cut(tmp_path: Path) -> None:
    text = "附件 2\n\n合肥市 2021 年度整体支出绩效评价报告\n\n一、部门基本情况\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert meta.year == 2021
    assert meta.department is None  # 合肥市 alone names a place, not an organisation


def test_no_title_lines_gives_empty_meta(tmp_path: Path) -> None:
    meta = extract_meta(ingest(write(tmp_path, "a.txt", "第一部分 部门概况\n一、部门职责\n")))
    assert meta.to_dict() == {"title": None, "year": None, "region": None, "department": None}


@pytest.mark.parametrize(
    ("title", "department"),
    [
        ("2022年度攀枝花市仁和区人民政府办公室部门决算", "攀枝花市仁和区人民政府办公室"),
        ("云南省财政厅2022年度部门整体支出绩效自评报告", "云南省财政厅"),
        ("2022年项目支出绩效自评表", None),
        ("某某市农业农村局关于2023年度项目绩效自评工作的报告", "某某市农业农村局"),  # a letter's issuer
        ("关于某某县财政局2023年度部门整体支出绩效自评报告", "某某县财政局"),
        ("2022年度某某市某区妇女联合会部门(单位)整体支出绩效自评报告", "某某市某区妇女联合会"),
        ("某某市某区第一幼儿园2024年财政预算支出绩效自评情况报告", "某某市某区第一幼儿园"),  # the unit's budget
    ],
)
def test_department_from_title(title: str, department: str | None) -> None:
    assert department_from_title(title) == department


@pytest.mark.parametrize(
    ("department", "region"),
    [
        ("乐山市市中区人民政府办公室", "乐山市市中区"),
        ("剑阁县人民政府办公室", "剑阁县"),
        ("云南省财政厅", "云南省"),
        ("攀枝花市地方志编纂中心", "攀枝花市"),
        ("市政府办公室", None),
    ],
)
def test_region_from_department(department: str, region: str | None) -> None:
    assert region_from_department(department) == region


def test_a_cover_field_ends_the_title(tmp_path: Path) -> None:
    text = "某镇部门整体支出绩效自评报告\n评价年度:2023\n评价单位(公章):XX县某镇人民政府\n一、基本情况\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert meta.title == "某镇部门整体支出绩效自评报告"


def test_a_site_greeting_is_no_title_line_but_names_the_site_owner(tmp_path: Path) -> None:
    text = "欢迎来到某县政协网站!\n部门整体支出绩效评价报告\n一、基本情况\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert (meta.title, meta.department) == ("部门整体支出绩效评价报告", "某县政协")
    named = "欢迎来到某县政协网站!\n某县农业局2022年度部门整体支出绩效评价报告\n一、基本情况\n"
    assert extract_meta(ingest(write(tmp_path, "b.txt", named))).department == "某县农业局"


def test_a_title_with_a_colon_is_a_title_not_a_cover_field(tmp_path: Path) -> None:
    """某局：2024年度…自评报告 is the title itself; only a line without a title is a cover's field."""
    text = "某县文旅局：2024年度部门整体支出绩效自评报告\n评价年度:2024\n一、基本情况\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert (meta.title, meta.year, meta.department) == (
        "某县文旅局：2024年度部门整体支出绩效自评报告",
        2024,
        "某县文旅局",
    )
    project = extract_meta(ingest(write(tmp_path, "b.txt", "某某补贴项目：2024年度绩效自评报告\n一、基本情况\n")))
    assert (project.title, project.year) == ("某某补贴项目：2024年度绩效自评报告", 2024)


def test_a_title_line_the_page_repeats_three_times_is_one_title(tmp_path: Path) -> None:
    """A 部门决算 page that prints its title line thrice, run together or one under another."""
    title = "某某满族自治县财政局2022年度部门决算"
    for lines in ([title * 3], [title] * 3):
        text = "\n".join([*lines, "第一部分 部门概况", "一、主要职能", "负责全县财政收支管理。"])
        meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
        assert (meta.title, meta.year, meta.region, meta.department) == (
            title,
            2022,
            "某某满族自治县",
            "某某满族自治县财政局",
        )


@pytest.mark.parametrize(
    ("department", "region"),
    [
        ("某某满族自治县卫生健康局", "某某满族自治县"),
        ("某某左翼蒙古族自治县财政局", "某某左翼蒙古族自治县"),  # a long autonomous county's name
        ("某某县市场监督管理局", "某某县"),  # 市场 is the bureau's, not a city
        ("某某市某某区财政局", "某某市某某区"),
    ],
)
def test_the_region_of_a_county_s_department(department: str, region: str) -> None:
    assert region_from_department(department) == region


def test_a_title_naming_no_body_gives_the_region_it_opens_with(tmp_path: Path) -> None:
    text = "某某满族自治县2023年度高标准农田建设项目绩效自评报告\n一、基本情况\n"
    assert extract_meta(ingest(write(tmp_path, "a.txt", text))).region == "某某满族自治县"
    masked = "**河县2023年度水利发展资金绩效自评报告\n一、基本情况\n"  # a masked name leaves only its sign
    assert extract_meta(ingest(write(tmp_path, "b.txt", masked))).region is None


def test_a_division_is_a_place_and_names_no_unit() -> None:
    assert is_division("某某市某某区")
    assert is_division("某某县")
    assert not is_division("某某县财政局")
    assert is_division("某某市某某区某某镇") and is_division("某某县某某乡")  # down to a township
    assert not is_division("某某市某某区某某镇人民政府")
    assert not is_division("")


def test_a_title_publishing_the_evaluation_results_is_a_report_title(tmp_path: Path) -> None:
    meta = extract_meta(
        ingest(write(tmp_path, "a.txt", "关于某某县猕猴桃花粉加工建设项目绩效评价结果的公示\n一、基本情况\n"))
    )
    assert meta.title == "关于某某县猕猴桃花粉加工建设项目绩效评价结果的公示"


def test_an_attachment_label_under_a_title_ends_it(tmp_path: Path) -> None:
    text = "某某纪念馆2020年度部门整体支出绩效评价自评报告\n附件2-1\n某市2020年度部门整体支出\n绩效评价自评报告\n"
    assert (
        extract_meta(ingest(write(tmp_path, "a.txt", text))).title == "某某纪念馆2020年度部门整体支出绩效评价自评报告"
    )


def test_a_title_run_straight_into_its_first_heading(tmp_path: Path) -> None:
    """A copy that lost its line breaks and spaces: the title's ending is followed by 一、 at once."""
    text = "某县2020年某某补助项目支出绩效评价报告一、项目基本情况根据某县文件,下达补助资金50万元。\n"
    meta = extract_meta(ingest(write(tmp_path, "a.txt", text)))
    assert (meta.title, meta.year) == ("某县2020年某某补助项目支出绩效评价报告", 2020)
    # a sentence ending in a report's name before 一、 is no title
    prose = "我局按要求认真开展自评并形成了自评报告一、基本情况某某。\n"
    assert extract_meta(ingest(write(tmp_path, "b.txt", prose))).title is None


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # words of a site (an advert, a widget) above a title opening on its place's name are no part of it
        (["手机阅读", "某某县学前教育促进工程项目绩效评价自评报告"], "某某县学前教育促进工程项目绩效评价自评报告"),
        # a year or a province above it is the title's first line
        (["2023年度", "某某县学前教育促进工程项目绩效自评报告"], "2023年度某某县学前教育促进工程项目绩效自评报告"),
        (["某某省", "某某县学前教育促进工程项目绩效自评报告"], "某某省某某县学前教育促进工程项目绩效自评报告"),
        (["内蒙古", "某某旗学前教育促进工程项目绩效自评报告"], "内蒙古某某旗学前教育促进工程项目绩效自评报告"),
    ],
)
def test_lines_above_a_title_that_opens_on_its_place(tmp_path: Path, lines: list[str], title: str) -> None:
    text = "\n\n".join([*lines, "根据文件要求,我县开展了自评。现将情况报告如下:", "一、基本情况"]) + "\n"
    assert extract_meta(ingest(write(tmp_path, "a.txt", text))).title == title


def test_a_monitoring_report_is_titled_like_a_self_evaluation(tmp_path: Path) -> None:
    """A year-end 绩效运行监控报告 states what was done against each target: its title names the project."""
    text = (
        "某镇某某路项目绩效运行监控报告\n"
        "为规范资金管理,某镇人民政府对2022年度项目进行绩效运行监控,现将1-12月份的绩效运行监控报告如下:\n"
        "一、绩效目标完成情况\n"
    )
    assert extract_meta(ingest(write(tmp_path, "a.txt", text))).title == "某镇某某路项目绩效运行监控报告"
    assert [e.name for e in nlp.analyze(write(tmp_path, "a.txt", text)).evaluations] == ["某镇某某路"]

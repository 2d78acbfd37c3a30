"""What a title or a text calls a unit: the project a title names, its issuer, an opening's or allocation's fund."""

from __future__ import annotations

import pytest

from nlp.structure.unit_names import (
    _last_title,
    is_fund_source,
    main_organisation,
    named_as_subject,
    named_by_allocation,
    named_in_allocation_heading,
    named_in_opening,
    named_with_its_funds,
    project_name,
    repeated_project_name,
    title_issuer,
    titled_in_text,
)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("2022年政务大厅基本运行经费专项资金预算项目绩效自评报告", "政务大厅基本运行经费"),
        ("剑阁县人民政府办公室2022年招商引资项目绩效自评表", "招商引资"),
        ("剑阁县人民政府办公室2022年项目支出绩效自评报告", None),
        ("2021年某某项目绩效目标自评(保安经费)", "保安经费"),
        ("项目支出绩效自评表(2023年度)", None),
        ("附件1：2023年度农村公路养护资金绩效自评表", "农村公路养护资金"),
        (
            "XX县文化局2023年度项目支出绩效自评报告(公共图书馆、文化馆(站)免费开放补助资金)",
            "公共图书馆、文化馆(站)免费开放补助资金",
        ),
        ("XX县交通运输局2023年度项目支出绩效评价评分表", None),
        ("XX县住房和城乡建设局2021年度项目资金绩效自评报告", None),
        ("XX州信息中心2024年度项目支出绩效单位自评报告", None),
        ("某县司法局关于2021年度法律援助补助资金绩效的自评报告", "法律援助补助资金"),
        ("3/120某市农产品冷链建设项目自评报告", "某市农产品冷链建设"),
        # the standard transfer-payment form's 区域(项目), a key evaluation's 重点, a summary's 摘要
        ("中央补助地方某某事业发展专项资金转移支付区域(项目)绩效自评表", "中央补助地方某某事业发展专项资金转移支付"),
        ("某区2023年高标准农田建设项目重点绩效评价报告摘要", "高标准农田建设"),
        # 专项资金 is the fund's own name after a theme, the report's type after money or an organisation
        ("2021年度某县某镇乡村振兴专项资金绩效评价报告", "某县某镇乡村振兴专项资金"),
        ("某市第四中学专项资金绩效自评价报告", "某市第四中学"),
        ("某市2019年体育强省专项资金绩效自评报告", "体育强省"),
        # a place and the kind of spending name no project: the form's 项目名称 does
        ("附件3-2某市某新区财政支出项目绩效评价自评报告", None),
        ("某县某局2023年部门决算中项目绩效自评结果", None),
        ("某县公安局2022年度辅警人员经费绩效自评工作报告", "辅警人员经费"),
        ("某市农业农村局关于2024年政策性农业保险项目绩效评价整改情况报告", "政策性农业保险"),
        # an organisation, its year (年 left out too) and its funds: the issuer's report, naming no project
        ("某市某区某镇中心小学2021项目资金绩效自评报告", None),
        ("某市某区某镇中心小学2021年项目资金绩效自评报告", None),
        # a letter's 关于 and the levels of government funds come from name no project
        ("关于省级财政项目支出绩效自评情况报告", None),
        ("关于某某专项资金绩效自评情况报告", "某某专项资金"),
        # a bracket saying whose copy of the form it is names nothing
        ("某县财政支出项目绩效评价自评报告(主管部门参考)", None),
        ("2023年度项目支出绩效自评报告(行业主管部门监管补助资金)", "行业主管部门监管补助资金"),
        # a fund's 绩效评价 before the report's type stays with the fund (its name is read from the text after)
        (
            "某区2024年度转移支付财政衔接推进乡村振兴补助资金绩效评价自评报告",
            "转移支付财政衔接推进乡村振兴补助资金绩效评价",
        ),
        # a bracket left open on no name is no part of the name
        ("某县某局2023年度某某经费绩效自评报告(以下简称", "某某经费"),
        # a place's transfer payments name no project
        ("某省某市转移支付2023年度绩效自评报告", None),
        # the reporting department in brackets after a project's title: the title names the project
        (
            "某县职业技能提升培训补贴项目2024年度支出绩效自评报告(某县人力资源和社会保障局)",
            "某县职业技能提升培训补贴项目",
        ),
        ("2024年度农村公路养护项目绩效自评报告(某县交通运输局)", "农村公路养护"),
        ("某县中小学校舍维修改造项目绩效自评报告(某县第一中学)", "某县中小学校舍维修改造"),
        ("江苏省政府专项债券项目2023年度绩效自评价报告(某某水质净化中心)", "某某水质净化中心"),
        # a facility in brackets after a kind of funds: the facility is the project
        ("江苏省政府专项债券项目绩效自评价报告(某某水质净化中心)", "某某水质净化中心"),
        # a converted page's words spaced apart
        ("某市某办公室 2017年度“ 某某侨务工作 ”项目 绩效评价报告", "“某某侨务工作”"),
    ],
)
def test_project_name_from_title(title: str, name: str | None) -> None:
    assert project_name(title) == name


def test_main_organisation_prefers_the_name_used_most() -> None:
    text = "纳入西区行政审批局编制范围。西区行政审批局负责。西区行政审批局下属。攀枝花市西区政务服务中心。"
    assert main_organisation(text) == "西区行政审批局"


def test_main_organisation_is_the_one_named_for_short_and_no_title_runs_into_it() -> None:
    text = '某省残疾人联合会(以下简称"省残联")下属某省残疾人就业指导中心等4个直属单位。'
    assert main_organisation(text) == "某省残疾人联合会"
    text = "2019年度部门整体支出绩效自评报告某县妇幼保健服务中心(盖章)为进一步规范财政资金管理。"
    assert main_organisation(text) == "某县妇幼保健服务中心"


@pytest.mark.parametrize(
    ("opening", "name"),
    [
        ("为做好工作，现将2022年西平县交通运输局乡村振兴资金项目绩效自评总结报告如下：", "乡村振兴资金项目"),
        ("现将我办专项工作经费绩效自评情况报告如下：", "专项工作经费"),
        ("现将自评情况报告如下：", None),
        ("现将具体情况报告如下：", None),
        ("我市财政局对政策性农业保险保费补贴转移支付进行了绩效自评,现将具体情况报告如下:", "政策性农业保险保费补贴"),
        (
            "我中心对城镇老旧小区改造工程项目资金投入情况、绩效目标完成情况等进行了自评,并形成报告",
            "城镇老旧小区改造工程",
        ),
        ("我局对2023转移支付资金进行了绩效自评,现将自评报告如下", None),
        # the results announced name nothing; what the evaluators (我们) evaluated names the project
        ("我们对某县动物防疫专项经费进行了绩效评价,现将评价结果报告如下:", "某县动物防疫专项经费"),
        (
            "现将某州体育场2020免费低收费开放补助资金使用和管理自评报告公示如下。",
            "某州体育场2020免费低收费开放补助资金",
        ),
        # 项目 alone names nothing; what of the project was evaluated (使用管理情况) is no part of its name
        (
            "我单位对某监测站2021年度某某大气监测专项项目使用管理情况认真开展了自评。现将项目绩效自评情况报告如下:",
            "某监测站某某大气监测专项",
        ),
        # a bureau's own name before 对 (某市人社局对…), and a 财政绩效评价 it carried out
        (
            "某市人社局对2022年度城乡居保市级补贴使用情况开展了财政绩效评价工作。现将绩效评价情况报告如下:",
            "城乡居保市级补贴",
        ),
        # the name in book-title marks, its year inside them
        (
            "为加强财政支出管理,我站积极组织自评。现将《2020年某某技术推广项目》绩效评价情况报告如下:",
            "某某技术推广项目",
        ),
        # the evaluation work done on a fund names it; work on a kind of spending names nothing
        (
            "我单位组织开展了农村危房改造补助资金转移支付2023年度绩效自评工作,现将绩效自评情况报送如下:",
            "农村危房改造补助资金",
        ),
        ("我省认真组织开展自评,较好完成了2022年度粮食风险基金绩效自评工作。现将自评情况报告如下:", "粮食风险基金"),
        ("我单位开展了2020年市级预算项目绩效自评工作,现将情况报送如下:", None),
        ("我中心按时完成了上级布置的各项绩效自评工作。", None),
        # a count of projects, or a level's work alone, names none
        ("某州财政局对2022年预算批复的15个项目开展了绩效自评,现将情况报告如下:", None),
        ("根据《关于开展2023年州级绩效评价工作的通知》,我局对各项目开展了自评。", None),
        ("现将我单位2023年度项目支出绩效自评报告公示如下:", None),
        # a project's spending announced (…项目支出绩效报告公告如下) names the project
        ("现将我厅2020年某某污水处理设施建设项目支出绩效报告公告如下。", "某某污水处理设施建设项目"),
    ],
)
def test_the_opening_sentence_names_an_untitled_report(opening: str, name: str | None) -> None:
    assert named_in_opening(opening) == name


def test_main_organisation_may_be_a_party_committees_department() -> None:
    text = "中共某市某区委统一战线工作部(以下简称区委统战部)、某市某区归国华侨联合会(区侨联)合署办公。"
    assert main_organisation(text) == "中共某市某区委统一战线工作部"
    # 部门 is a word, no unit's ending; 门 after any other ending stays (门诊部, 门户网站)
    assert main_organisation("某市公安局为市人民政府工作部门。") == "某市公安局"
    assert main_organisation("某县人民医院门诊楼建设项目由某县人民医院门诊部负责。") == "某县人民医院"


def test_main_organisation_ends_as_the_report_names_itself() -> None:
    text = "根据甲市财政局的通知，甲市财政局要求，对我处项目进行了自评。甲市某某管理处共有3个项目。"
    assert main_organisation(text) == "甲市某某管理处"
    assert main_organisation(text.replace("我处", "我们")) == "甲市财政局"


def test_an_organisation_named_after_a_site_section_keeps_its_name() -> None:
    assert title_issuer("某县政务公开办公室2021年度部门整体支出绩效自评报告") == "某县政务公开办公室"
    assert title_issuer("互动交流基层政务公开某县财政局2021年度部门整体支出绩效自评报告") == "某县财政局"


def test_a_title_joined_to_its_repetition_is_read_once() -> None:
    assert project_name("道路养护项目绩效自评表道路养护项目绩效自评表") == "道路养护"


def test_a_colon_before_a_title_cuts_only_a_page_label_s_value() -> None:
    """作者:… and a time stamp are the page's; 某某补贴项目：2024年度… keeps its name, without the colon."""
    assert project_name("某某补贴项目：2024年度绩效自评报告") == "某某补贴项目"
    assert title_issuer("某县文旅局：2024年度部门整体支出绩效自评报告") == "某县文旅局"
    assert title_issuer("时间:2024-01-02作者:某县文旅局2024年度部门整体支出绩效自评报告") == "某县文旅局"
    assert title_issuer("2024-01-02 09:30某某乡人民政府2024年度部门整体支出绩效自评报告") == "某某乡人民政府"
    assert project_name("首页>>通知公告>>某某补贴项目2024年度绩效自评报告") == "某某补贴项目"
    assert project_name("项目名称：某某补贴项目绩效自评表") == "某某补贴"  # a form's label, its value the title


def test_an_opening_that_assesses_a_transfer_names_the_fund_after_the_kind_of_funds() -> None:
    opening = "根据通知要求，现对2023年度中央对某省转移支付乡村道路养护补助资金绩效目标自评如下:"
    assert named_in_opening(opening) == "乡村道路养护补助资金"
    assert named_in_opening("现对有关情况说明如下:") is None


def test_a_text_without_a_title_names_the_fund_its_allocation_states() -> None:
    text = "一、资金下达情况\n某省收到通知，下达某某2023年度农村供水工程维修养护资金(县域)1200万元，用于维修。"
    assert named_by_allocation(text) == "农村供水工程维修养护资金(县域)"
    assert named_by_allocation("上级下达中央财政资金50万元。") is None  # the kind of money, not a fund
    assert named_by_allocation("下达我县水利发展资金2000万元。") is None


def test_an_issuer_before_the_project_in_a_title_is_no_part_of_its_name() -> None:
    assert project_name("某州第一人民医院公共卫生服务补助资金2023年度绩效自评报告") == "公共卫生服务补助资金"
    assert project_name("某省残疾人事业发展补助资金项目2018年度绩效自评报告") == "某省残疾人事业发展补助资金项目"


def test_a_transfer_payment_named_with_a_bare_word_of_money_keeps_its_name() -> None:
    assert named_in_opening("现将2022年度燃油税转移支付资金绩效自评报告如下:") == "燃油税转移支付资金"


def test_a_title_line_printed_three_times_is_read_once() -> None:
    assert project_name("道路养护项目绩效自评表" * 3) == "道路养护"


def test_a_report_s_date_in_parentheses_is_no_name() -> None:
    assert project_name("某某镇2021年度村管费支出绩效评价报告(2022年4月)") == "村管费"
    assert project_name("某某项目绩效评价报告(2022年4月10日)") == "某某"


def test_a_heading_that_runs_the_page_s_title_into_the_document_s_is_read_by_the_last() -> None:
    assert (
        project_name("某镇2021年预算绩效评价结果公开某镇2021年预算绩效评价结果公开某某补助资金绩效自评表")
        == "某某补助资金"
    )
    # the site's section name, then the form's title printed twice
    assert project_name("政府信息公开某某补助资金区域绩效目标自评表某某补助资金区域绩效目标自评表") == "某某补助资金"
    # what joins two parts of one title does not cut it
    joined = "某局2023年度某某维护项目绩效自评报告及自评表"
    assert _last_title(joined) == joined


def test_a_kind_of_funds_closing_a_title_s_name_is_no_part_of_it() -> None:
    assert project_name("某市某区林业和草原局某某生态保护恢复专项转移支付2022年度绩效自评报告") == "某某生态保护恢复"
    assert project_name("2022年某某生活补助经费转移支付绩效自评报告") == "某某生活补助经费"
    # a kind named by the level of government giving it stays whole
    assert project_name("某县2021年中央某某监管专项转移支付绩效自评报告") == "中央某某监管专项转移支付"


def test_a_list_number_before_a_title_is_no_part_of_the_name() -> None:
    assert project_name("1、某某道路养护项目绩效自评表(2022年度)") == "某某道路养护"


def test_a_title_naming_a_division_and_the_form_s_type_names_no_project() -> None:
    assert project_name("某某市财政预算支出项目绩效目标自评表") is None
    assert project_name("某某市道路养护项目绩效目标自评表") == "某某市道路养护"


def test_an_allocation_may_total_with_a_bare_gong() -> None:
    assert named_by_allocation("下达某区河湖治理补助资金共3200万元，其中第一批2000万元。") == "某区河湖治理补助资金"


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        ("城乡客运站点维护项目为某局本级的经常性项目，资金用于站点维修。", "城乡客运站点维护项目"),
        ("本项目为某局本级的经常性项目。", None),
        ("某某高速某段改线工程起于某镇北侧,路线全长16公里。", "某某高速某段改线工程"),
        ("该项目是上级下达的补助项目。", None),
        ("培训项目为年度重点工作。", None),  # 培训项目: a kind of project, too short to name one
        ("资金用途为保障各处室履行职能。", None),
    ],
)
def test_an_overview_opening_on_its_project_names_it(paragraph: str, name: str | None) -> None:
    assert named_as_subject(paragraph) == name


def test_a_sentence_s_opening_word_is_no_part_of_the_organisation_it_names() -> None:
    text = "根据县财政局《关于开展绩效评价工作的通知》精神,我会开展自评。某某县残疾人联合会是群团组织。"
    assert main_organisation(text) == "某某县残疾人联合会"


@pytest.mark.parametrize(
    "opening",
    ["我局对所有项目进行了绩效评价。", "对照标准对项目实施情况进行了评价", "我局对本年度部门整体支出进行了评价"],
)
def test_an_opening_that_evaluates_something_generic_names_no_project(opening: str) -> None:
    assert named_in_opening(opening) is None


def test_a_title_inside_a_text_split_by_a_converter_s_space_names_its_project() -> None:
    text = "关于2021年度地质灾害群测群防项目资金绩效评价 报告 一、项目基本情况"
    assert titled_in_text(text) == "地质灾害群测群防项目资金"


def test_an_organisation_named_for_short_after_the_notice_it_follows_is_not_the_main_one() -> None:
    text = (
        '根据某县财政局(以下简称"县财政局")《关于开展绩效自评的通知》要求,'
        "某县人民医院开展自评。某县人民医院是公立医院。"
    )
    assert main_organisation(text) == "某县人民医院"


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("国债项目资金", True),
        ("增发国债资金", True),
        ("国债重点防火补助资金", False),
        ("中央专项衔接资金", True),  # a level's special funds
        ("农村公路养护专项资金", False),
    ],
)
def test_treasury_bonds_and_special_funds_are_sources_of_funds(name: str, source: bool) -> None:
    assert is_fund_source(name) is source


def test_a_budget_s_execution_closing_a_title_is_no_part_of_the_name() -> None:
    assert project_name("2024年度某某镇卫生院预算执行情况绩效自评报告") == "某某镇卫生院"


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("(一)下达农村危房改造转移支付预算和绩效目标情况.", "农村危房改造转移支付"),
        ("(一)中央下达农业生产发展资金预算和绩效目标情况", "农业生产发展资金"),
        ("(一)中央下达转移支付预算和绩效目标情况", None),  # a kind of funds, no fund
        ("(一)下达省级预算和绩效目标情况", None),  # the level that gives it
        ("(二)资金安排、分解下达预算和绩效目标情况", None),
    ],
)
def test_the_transfer_payment_outline_s_goals_heading_names_the_fund_allocated(heading: str, name: str | None) -> None:
    assert named_in_allocation_heading([heading]) == name


def test_a_project_named_with_its_funds() -> None:
    assert named_with_its_funds("某县获得2023年度某某设备购置项目预算资金60万元,用于购置。") == "某某设备购置项目"
    assert named_with_its_funds("我局下达本项目资金60万元。") is None
    assert named_with_its_funds("某县获得专项资金60万元。") is None
    # the level that paid and its verb between the project and its amount; funds the unit itself got name nothing
    assert named_with_its_funds("某园区重大安全风险防控项目中央拨付财政资金1800万元,") == "某园区重大安全风险防控项目"
    assert named_with_its_funds("根据文件,下达给我单位资金1.53万元,其中:甲资金到位0.5万元") is None
    # words of a budget or a source name nothing
    for text in (
        "2023年我单位年初预算资金共计500万元",
        "部门整体支出预算资金100万元",
        "收到上级下达的乡村振兴衔接资金50万元",
    ):
        assert named_with_its_funds(text) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "一、项目基本情况\n2023年下达衔接资金280万元,用于2023年某县优质小麦种植补贴项目。\n"
            "二、总体评价\n某县优质小麦种植补贴项目已完成。综合评价:2023年某县优质小麦种植补贴项目实现了预期目标。",
            "某县优质小麦种植补贴项目",
        ),
        # a kind of project, a count or the report's own project name none
        ("本项目已完成。该项目规划科学。本项目资金到位。该项目管理规范。", None),
        ("共实施10个项目,其中5个项目已完工,其余5个项目在建。", None),
        # two projects said alike often: neither is the text's one
        ("用于甲村道路项目。用于乙村水利项目。甲村道路项目已完工,乙村水利项目已完工。", None),
    ],
)
def test_the_project_a_text_without_a_title_keeps_naming(text: str, name: str | None) -> None:
    assert repeated_project_name(text) == name


def test_a_tables_number_before_its_caption_names_nothing() -> None:
    """表1：项目支出绩效自评表 names no project, so the table joins the report before it."""
    assert project_name("表1：项目支出绩效自评表") is None
    assert project_name("表2：学生营养改善计划项目支出绩效自评表") == "学生营养改善计划"

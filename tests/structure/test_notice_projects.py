"""A notice of several projects' results set out one numbered block each (written for the tests: invented names)."""

from __future__ import annotations

from pathlib import Path

from nlp import analyze
from nlp.reading.ingest import ingest_bytes
from nlp.structure.notice_projects import notice_projects
from nlp.structure.outline import build_outline

NOTICE = (
    "某县财政局关于2023年度项目支出绩效自评结果的公示\n"
    "一、自评范围\n全县对20个项目开展了自评。\n"
    "二、重点项目自评结果\n"
    "(一)项目名称：农村饮水巩固工程\n预算数：800.00万元 执行数：760.00万元 执行率：95%\n自评得分：92分\n"
    "存在问题：部分管网老化。\n改进建议：更新老旧管网。\n"
    "(二)项目名称：城乡医疗救助资金\n预算数：400.00万元 执行数：400.00万元 执行率：100%\n自评得分：98分\n"
    "存在问题：无。\n改进建议：无。\n"
    "三、结果应用\n自评结果作为预算安排的依据。\n"
)


def test_each_numbered_block_opened_by_its_project_name_is_one_project() -> None:
    document = ingest_bytes(NOTICE.encode("utf-8"), "notice.txt")
    projects = notice_projects(document, build_outline(document))
    assert [p.name for p in projects] == ["农村饮水巩固工程", "城乡医疗救助资金"]
    # the last block ends with its section, before the notice's next part
    assert document.text[projects[1].start : projects[1].end].rstrip().endswith("改进建议：无。")


def test_a_notice_gives_one_evaluation_a_block_with_its_budget_score_and_statements(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    evaluations = analyze(path).to_json()["evaluations"]
    assert [(e["name"], e["budget"]["planned"], e["budget"]["executed"], e["claimed_score"]) for e in evaluations] == [
        ("农村饮水巩固工程", 800, 760, 92),
        ("城乡医疗救助资金", 400, 400, 98),
    ]
    assert [p["text"] for p in evaluations[0]["problems"]] == ["部分管网老化。"]


def test_one_block_is_a_forms_line_not_a_notice() -> None:
    text = "某项目绩效自评报告\n一、项目名称：某某项目\n项目于2023年完成。\n"
    document = ingest_bytes(text.encode("utf-8"), "one.txt")
    assert notice_projects(document, build_outline(document)) == []


def test_a_departments_report_naming_its_key_projects_stays_the_departments() -> None:
    text = (
        "某县民政局2023年度部门整体支出绩效自评报告\n一、部门概况\n略。\n二、重点项目\n"
        "(一)项目名称：养老服务补贴\n全年执行90万元。\n(二)项目名称：低保资金\n全年执行300万元。\n"
        "三、自评结论\n部门整体自评得分92分。\n"
    )
    document = ingest_bytes(text.encode("utf-8"), "dept.txt")
    # the blocks state no self-score each: a report's account of its projects, no notice
    assert notice_projects(document, build_outline(document)) == []


def _projects(text: str) -> list[str]:
    document = ingest_bytes(text.encode("utf-8"), "notice.txt")
    return [p.name for p in notice_projects(document, build_outline(document))]


def test_blocks_opened_by_a_bracketed_name_a_numbered_fund_or_a_project_run_into_its_account() -> None:
    bracketed = "".join(
        f"【{name}】\n项目名称：{name}\n预算安排：100万元\n自评得分：95分\n存在问题：无。\n"
        for name in ("甲村道路养护经费", "乙镇学校维修")
    )
    # a name above its 项目名称 line opens one block with it; a bracketed name needs no project ending
    assert _projects("某县项目绩效自评结果公开\n" + bracketed) == ["甲村道路养护经费", "乙镇学校维修"]
    numbered = "".join(
        f"（{n}）{name}\n资金安排：全年下达资金1,000,000.00元。\n自评得分：93分。\n存在问题：无\n"
        for n, name in (("一", "农业产业发展专项资金"), ("二", "耕地地力保护补贴资金"))
    )
    assert _projects("某局专项资金绩效自评情况公示\n" + numbered) == ["农业产业发展专项资金", "耕地地力保护补贴资金"]
    run_in = "".join(
        f"项目{n}：{name}。该项目全年预算356.00万元，实际支出341.76万元，自评得分94.5分。存在问题：无。\n"
        for n, name in (("一", "公共文化场馆免费开放项目"), ("二", "革命文物保护利用项目"))
    )
    assert _projects("某局项目支出绩效自评报告\n" + run_in) == ["公共文化场馆免费开放项目", "革命文物保护利用项目"]
    # a numbered line whose words end as no project's or fund's name opens no block
    assert _projects("某局报告\n（一）加强管理\n自评得分：95分。\n（二）提高效益\n自评得分：93分。\n") == []


def test_a_list_of_funds_inside_a_labelled_block_opens_no_block() -> None:
    text = (
        "某某县财政局关于2023年度项目支出绩效自评结果的公示\n(一)项目名称：农村道路建设\n预算资金来源：\n1.中央补助资金\n"
        "2.县级配套资金\n自评得分：92分。\n(二)项目名称：学校维修改造\n自评得分：95分。\n"
        "(三)农田建设项目\n项目名称：2023年农田建设项目\n自评得分：90分。\n"
    )
    assert _projects(text) == ["农村道路建设", "学校维修改造", "农田建设项目"]


JUESUAN = (
    "某县农业农村局2024年度部门决算\n第四部分 其他重要事项的情况说明\n"
    "一、机关运行经费支出情况\n本部门机关运行经费支出86万元。\n"
    "三、预算绩效情况说明\n(一)预算绩效管理工作开展情况\n本部门对2个项目开展了绩效自评。\n(二)项目绩效自评结果\n"
    "1.高标准农田建设项目。该项目全年预算数2,150.00万元，全年执行数2,005.45万元，自评得分92.5分。数量指标“新建高标准"
    "农田面积”年度目标值2.5万亩，实际完成2.5万亩。存在的问题：部分片区工程延期。\n"
    "2.动物疫病防控项目。该项目全年预算数368.60万元，全年执行数368.60万元，自评得分98分。未发现问题。\n"
    "(三)部门整体支出绩效自评情况\n本部门全年预算数3,986.52万元，全年执行数3,782.10万元，部门整体支出绩效自评得分94.3分。"
    "存在的问题：一是项目预算执行进度不均衡。\n四、国有资产占用情况\n本部门共有车辆3辆。\n"
)


def test_a_juesuan_s_numbered_project_paragraphs_are_projects_beside_the_department(tmp_path: Path) -> None:
    """1.X项目。该项目…自评得分92.5分 in a 决算's 预算绩效情况说明: each numbered paragraph with its score is a project,
    ending with its part; the department keeps its own part's score, budget and problem, not the projects'."""
    path = tmp_path / "juesuan.txt"
    path.write_text(JUESUAN, encoding="utf-8")
    evaluations = analyze(path).evaluations
    assert [(e.kind, e.name, e.claimed_score) for e in evaluations] == [
        ("department", "某县农业农村局", 94.3),
        ("project", "高标准农田建设项目", 92.5),
        ("project", "动物疫病防控项目", 98),
    ]
    department, first, second = evaluations
    assert department.budget.planned == 3986.52 and [s.text for s in department.statements] == [
        "一是项目预算执行进度不均衡。"
    ]
    assert first.budget.planned == 2150 and [s.text for s in first.statements] == ["部分片区工程延期。"]
    assert "(三)" not in JUESUAN[second.start : second.end]

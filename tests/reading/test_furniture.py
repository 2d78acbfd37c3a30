"""Page furniture of scraped government pages is dropped; a report's own lines are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, write

import nlp
from nlp import ingest
from nlp.reading.decoding import decode_text
from nlp.reading.ingest import _clean, ingest_bytes, layout
from nlp.reading.readers.plaintext import read_plaintext
from nlp.text.normalize import rejoin_paragraphs

DOCUMENTS = ROOT / "tests" / "documents"
TITLE = ["攀枝花市东区财政局", "2022年度部门整体支出绩效自评报告"]
BODY = [
    "一、部门基本情况",
    "负责全区财政预算编制和执行管理。",
    "二、存在的问题",
    "一是部分项目资金拨付进度偏慢。",
]


def paragraphs(tmp_path: Path, lines: list[str]) -> list[str]:
    return [block.text for block in ingest(write(tmp_path, "page.txt", "\n".join(lines))).blocks]


@pytest.mark.parametrize(
    "line",
    [
        "首页>>政务公开>>预算绩效",
        ">>政务公开>>重点领域>>财政资金",
        "您现在的位置：首页 > 工作动态 > 通知公告 > 正文",
        "当前位置:",
        "政务公开 > 财政资金 > 预算绩效",
        "发布时间：2022-04-15 14:54",
        "发布日期：2022-04-15",
        "浏览量:1",
        "阅读次数：23",
        "点击数：",
        "索引号: zsjfzzx/2025-00002",
        "- 索引号: zsjfzzx/2025-00002",
        "发布机构：攀枝花市东区财政局",
        "时效性: 有效",
        "主题分类：财政",
        "【字体：大 中 小】",
        "【打印本页】【关闭窗口】",
        "分享到：",
        "上一篇：关于做好2023年预算绩效管理工作的通知",
        "下一篇：没有了",
        "扫一扫在手机打开当前页",
        "【字体: 】 【发布时间:2022-04-15 14:54】 【作者:县政协办】【阅读:",
        "发布时间：2022-04-15 14:54 来源：财务科 浏览量:1",
        "发布时间：2022-04-15 14:54来源：财务科作者：张三",
        "版权所有：攀枝花市东区人民政府 主办单位：攀枝花市东区人民政府办公室",
        "网站标识码5104020001 蜀ICP备05012345号-1 川公网安备 51040202000123号",
        "联系我们 | 网站地图",
        "攀枝花市东区人民政府 版权所有",
        "附件下载：2022年度部门整体支出绩效自评表.docx",
        "附件：2022年度项目支出绩效自评表.xlsx (25KB)",
        "相关附件",
        "来源:某区妇联 作者:某区政府 发布时间:2023-12-04 访问量: 字体大小: 放大 缩小",
        "您好,今天是",
        "关怀版 无障碍 无障碍",
        "加大字体 缩小字体 收藏 打印",
        "已阅读5页,还剩1页未读 继续免费阅读",
        "下载本文档",
        "显示全文",
        "版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领",
        "文档简介",
        "监督索引号53250400249801000",  # a Yunnan 决算 page's own index number, with no colon
    ],
)
def test_furniture_lines_are_dropped_wherever_they_stand(tmp_path: Path, line: str) -> None:
    for lines in ([line, *TITLE, *BODY], [*TITLE, BODY[0], line, *BODY[1:]], [*TITLE, *BODY, line]):
        assert paragraphs(tmp_path, lines) == TITLE + BODY


def test_a_report_line_naming_a_pages_widget_word_is_kept(tmp_path: Path) -> None:
    lines = [*TITLE, "1.组织党员干部阅读全文并开展学习讨论10次，参学率100%。", "公众可在网站查看全文。", *BODY]
    assert paragraphs(tmp_path, lines) == lines


@pytest.mark.parametrize("line", ["来源：财务科", "作者：张三", "编辑：李四", "文号:"])
def test_a_key_that_reports_also_write_is_furniture_only_at_the_top_or_bottom(tmp_path: Path, line: str) -> None:
    assert paragraphs(tmp_path, [*TITLE, line, *BODY]) == TITLE + BODY
    assert paragraphs(tmp_path, [*TITLE, *BODY, line]) == TITLE + BODY
    middle = [*TITLE, BODY[0], line, *BODY[1:]]
    assert paragraphs(tmp_path, middle) == middle


@pytest.mark.parametrize(
    "line",
    [
        "资金来源：财政拨款",
        "来源：财政拨款",
        "(一)项目资金来源：财政拨款。",
        "时间：2022年4月15日",
        "日期：2022年4月15日",
        "编制单位：攀枝花市东区财政局 日期：2022年4月",
        "联系人：张三 联系电话：0812-1234567",
        "承办领导小组会17次",
        "2022年度文化惠民活动承办情况",
        "打印机采购项目",
        "满意度>90%",
        "发布时间较上年提前15天，浏览量同比增长20%。",
    ],
)
def test_report_lines_with_furniture_words_are_kept(tmp_path: Path, line: str) -> None:
    middle = [*TITLE, BODY[0], line, *BODY[1:]]
    assert paragraphs(tmp_path, middle) == middle
    if line != "来源：财政拨款":  # alone at the very end of a page, 来源 names the page's source
        assert paragraphs(tmp_path, [*TITLE, *BODY, line]) == TITLE + BODY + [line]


def test_a_title_bar_is_dropped_only_at_the_page_edge(tmp_path: Path) -> None:
    """A site's title bar or keyword line (phrases split by a bar) is no part of the title under it."""
    bar = "某县人民政府门户网站-政务公开-财政资金信息-预算绩效公开专栏"
    assert paragraphs(tmp_path, [bar, *TITLE, *BODY]) == TITLE + BODY
    middle = [*TITLE, BODY[0], "甲项目-乙项目-丙项目", *BODY[1:]]
    assert paragraphs(tmp_path, middle) == middle
    # a title itself split by bars is kept, and so are dates
    titled = ["某县-某局-2022年度项目支出绩效自评报告", "2023-04-24", *BODY]
    assert paragraphs(tmp_path, titled) == titled


def test_a_channel_name_above_the_title_is_kept(tmp_path: Path) -> None:
    """预算绩效管理 may be the site's channel or the document's own heading: not clearly furniture."""
    lines = ["首页>>政务公开>>预算绩效", "预算绩效管理", *TITLE, *BODY]
    assert paragraphs(tmp_path, lines) == lines[1:]


def test_scraped_page_reads_like_the_report_it_wraps() -> None:
    """tests/documents/scraped_page.txt was written for this test: a report inside a site's
    breadcrumb, metadata lines, Markdown-bullet metadata, attachment link, sharing links and footer."""
    path = DOCUMENTS / "scraped_page.txt"
    result = nlp.analyze(path)
    assert result.meta.title == "眉山市东坡区文化广播电视和旅游局2022年度部门整体支出绩效自评报告"
    assert result.meta.department == "眉山市东坡区文化广播电视和旅游局"
    assert [(e.kind, e.name) for e in result.evaluations] == [("department", "眉山市东坡区文化广播电视和旅游局")]
    text = ingest(path).text
    assert text.startswith("眉山市东坡区文化广播电视和旅游局\n2022年度部门整体支出绩效自评报告\n一、部门基本情况")
    assert text.endswith("二是建立项目资金月调度机制，加快拨付进度。")
    assert "资金来源：财政拨款。" in text
    for furniture in ("位置", "字体", "发布时间", "浏览量", "索引号", "附件", "分享", "一篇", "扫一扫", "版权", "ICP"):
        assert furniture not in text


def test_seeds_read_exactly_as_without_furniture_removal_and_conversion(seed_path: Path) -> None:
    """The seeds hold no furniture and are simplified: both steps leave their text as it was."""
    data = seed_path.read_bytes()
    decoded, _ = decode_text(data, str(seed_path))
    expected, _ = layout(rejoin_paragraphs(_clean(read_plaintext(decoded, markdown=False))))
    document = ingest(seed_path)
    assert document.text == expected
    assert document.converted_from is None


def test_a_short_line_between_two_header_furniture_lines_is_a_widget_s_label(tmp_path: Path) -> None:
    lines = ["我要收藏", "资源调用站点", "文章分享", *TITLE, *BODY]
    assert paragraphs(tmp_path, lines) == TITLE + BODY
    titled = ["我要收藏", "2022年度部门整体支出绩效自评报告", "文章分享", *BODY]
    assert paragraphs(tmp_path, titled) == titled[1:2] + BODY
    named = ["我要收藏", "某县财政局", "文章分享", *BODY]
    assert paragraphs(tmp_path, named) == named[1:2] + BODY


def test_a_page_s_metadata_laid_out_one_field_a_line_is_dropped_with_its_values(tmp_path: Path) -> None:
    """A key alone on its line (索引号) has its value on the next: both go, in the page's header only."""
    header = ["索引号", "12345678-9/2023-00017", "发文机构", "某县某局", "发布日期", "2023-04-19", "有效性", "有效"]
    assert paragraphs(tmp_path, [*header, *TITLE, *BODY]) == TITLE + BODY
    # a title after a key is no value of it
    assert paragraphs(tmp_path, ["发布机构", *TITLE, *BODY]) == TITLE + BODY
    # nor is the body's first line after the header's last key
    assert paragraphs(tmp_path, ["字号:", BODY[0], *BODY[1:]]) == BODY
    # in the body a key's word alone is the report's own line, and so is what follows it
    middle = [*TITLE, BODY[0], "来源", "财政拨款", *BODY[1:]]
    assert paragraphs(tmp_path, middle) == middle


def test_a_breadcrumb_that_opens_with_the_reader_s_location(tmp_path: Path) -> None:
    crumb = "您当前所在位置:首页>某县某镇人民政府>政务公开>法定主动公开内容>其他法定信息"
    lines = [crumb, "[ 成文日期 ] 2024-04-15", *TITLE, *BODY]
    assert paragraphs(tmp_path, lines) == TITLE + BODY


@pytest.mark.parametrize(
    "line",
    [
        "索 引 号12345678MB0U40499C/2022-00043文 号 生成日期2022-10-25",
        "成文日期:2023-04-27 14:20:36 |公开日期:2023-04-27 |有 效 性:有效|",
        "发布机构 某县住房和城乡建设局 责任部门 某县住房和城乡建设局 关 键 字 垃圾转运站",
        "适老化专区 无障碍浏览 注册 登录 更换背景 更换背景",
        "中文版|蒙文版",
        "保护视力色:字体颜色:【绿】恢复默认",
        "设为首页 | 加入收藏 | 无障碍阅读",
        "用户空间| 简体版| 繁体版 智能问答",
        "您的当前位置: 首页 > 政府信息公开 > 预算决算 > 正文",
        "字小",
        "字大+",
        "索  引  号:1153/2023-1019 公文范围:公开 发布机构:某县政府办 失效日期: 发文字号: 发布日期:2023年10月19日",
    ],
)
def test_spaced_keys_and_more_page_controls_are_furniture(tmp_path: Path, line: str) -> None:
    assert paragraphs(tmp_path, [line, *TITLE, *BODY]) == TITLE + BODY


def test_a_page_s_catalogue_key_and_its_value_a_report_s_bare_type_are_dropped(tmp_path: Path) -> None:
    """公开目录 ⏎ 绩效自评报告: the value is the site's category (a report's type alone), no title of the page."""
    header = ["索引号", "12345-3-/2023-0417003", "公开目录", "绩效自评报告", "日期", "2023-04-17"]
    assert paragraphs(tmp_path, [*header, *TITLE, *BODY]) == TITLE + BODY
    # a title with a name after a key is still no value of it
    named = ["公开目录", "某县某局2022年度绩效自评报告", *BODY]
    assert paragraphs(tmp_path, named) == named[1:]


def test_a_long_line_holding_a_notice_is_kept(tmp_path: Path) -> None:
    """A notice marks a short line as the site's; a longer one holds the document too."""
    line = (
        "本项目档案共12页,已补签。版权说明:本文档由用户提供并上传,收益归属内容提供方。"
        "一是项目立项规范,二是资金管理规范,三是档案资料齐全,四是群众反映良好。"
    )
    assert line in paragraphs(tmp_path, [*TITLE, BODY[0], line, *BODY[1:]])


@pytest.mark.parametrize(
    "first_line",
    [
        "文档介绍:某县2020年某某补助项目支出绩效评价报告一、项目基本情况某县下达补助资金50万元。",
        "项目绩效评价报告(2)某县2020年某某补助项目支出绩效评价报告一、项目基本情况某县下达补助资金50万元。",
        "文档介绍:项目绩效评价报告(2)某县2020年某某补助项目支出绩效评价报告一、项目基本情况某县下达补助资金50万元。",
    ],
)
def test_a_sharing_sites_label_and_file_name_are_cut_from_the_copys_first_line(tmp_path: Path, first_line: str) -> None:
    [first, *_] = paragraphs(tmp_path, [first_line])
    assert first.startswith("某县2020年某某补助项目支出绩效评价报告一、")


def test_a_copy_number_in_the_text_is_the_texts_own(tmp_path: Path) -> None:
    lines = ["某县2023年度项目绩效自评报告", "具体评分详见评分表(1)、评分表(2)。", "各单位自评表(2)份已报送。"]
    assert paragraphs(tmp_path, lines) == lines


@pytest.mark.parametrize("title", ["某某县学前教育促进工程项目绩效评价自评报告", "2021-2023年某某项目绩效评价报告"])
def test_a_browser_title_over_the_title_is_dropped(tmp_path: Path, title: str) -> None:
    """某某报告-栏目-某县人民政府 over 某某报告: glued on, the title would be written twice with the site's name."""
    lines = [f"{title}-民生工程-某某县人民政府", "", title, "", *BODY]
    assert paragraphs(tmp_path, lines)[0] == title
    # without the title on a line of its own, the browser title is the only one there is: kept
    assert paragraphs(tmp_path, [f"{title}-民生工程-某某县人民政府", "", *BODY])[0].startswith(title)


def test_a_social_media_posts_controls_and_bullets_are_no_text(tmp_path: Path) -> None:
    """A WeChat article: 阅读原文, 分享 收藏 点赞 在看 are the app's; a line's 🔹 or ✅ is a bullet, not its text."""
    lines = ["某项目绩效自评报告", "🔹 一是资金到位较晚。", "✅预算执行率92%。", "阅读原文", "分享 收藏 点赞 在看"]
    assert paragraphs(tmp_path, lines) == ["某项目绩效自评报告", "一是资金到位较晚。", "预算执行率92%。"]
    # a dingbat numeral numbers its line: it stays
    assert paragraphs(tmp_path, ["某项目绩效自评报告", "❶项目概况"]) == ["某项目绩效自评报告", "❶项目概况"]


def test_full_width_bars_separate_a_pasted_tables_cells() -> None:
    text = "某项目绩效自评表\n一级指标｜二级指标｜三级指标｜年度指标值｜实际完成值\n"
    text += "产出指标｜数量指标｜培训人数｜≥200人次｜215人次\n"
    [table] = ingest_bytes(text.encode("utf-8"), "post.txt").tables
    assert [cell.text for cell in table.rows[1]] == ["产出指标", "数量指标", "培训人数", "≥200人次", "215人次"]


def test_a_forms_marks_are_no_bullets(tmp_path: Path) -> None:
    """☑ ticks an answer and ★ marks a core indicator: they stay; a post's 🔹 is a bullet."""
    lines = ["某项目绩效自评报告", "☑是 ☐否", "★培训人数", "🔹一是资金到位较晚。"]
    assert paragraphs(tmp_path, lines)[1:] == ["☑是☐否", "★培训人数", "一是资金到位较晚。"]


def test_a_browsers_printed_head_and_foot_are_furniture() -> None:
    text = (
        "2026/11/28 10:15某局项目支出绩效自评报告\n某局项目支出绩效自评报告\n一、项目概况\n本项目于2023年实施。\n"
        "http://www.example.gov.cn/zwgk/202406/t20240614_1.html 2026/11/28 10:15某局项目支出绩效自评报告\n"
        "二、存在的问题\n无。\n"
    )
    kept = [b.text for b in ingest_bytes(text.encode(), "print.txt").blocks]
    assert kept == ["某局项目支出绩效自评报告", "一、项目概况", "本项目于2023年实施。", "二、存在的问题", "无。"]


def test_a_posts_closing_mark_and_the_platforms_list_of_other_posts_are_dropped(tmp_path: Path) -> None:
    tail = ["END", "往期推荐", "某某县召开春耕生产技术培训会", "分享  收藏  点赞  在看", "阅读 1326"]
    kept = paragraphs(tmp_path, [*TITLE, *BODY, "三、存在问题：无", *tail])
    assert kept[-1] == "三、存在问题：无"
    # a report line after the mark (a long one) keeps it and all before: the mark is the report's own word
    prose = "经综合评价，本部门整体支出绩效自评得分为96分，评价等级为优，各项目标基本完成，个别项目进度偏慢。"
    assert paragraphs(tmp_path, [*TITLE, *BODY, "往期推荐", prose])[-1] == prose


def test_a_pages_number_between_its_lines_is_no_paragraph(tmp_path: Path) -> None:
    kept = paragraphs(tmp_path, [*TITLE, BODY[0], "- 2 -", BODY[1], "第 3 页 共 5 页", *BODY[2:]])
    assert kept == [*TITLE, *BODY]

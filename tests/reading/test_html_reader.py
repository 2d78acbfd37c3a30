"""HTML pages: paragraphs and tables in order, merges resolved, hostile markup and page chrome gone."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from conftest import write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest import assert_offsets_slice

from nlp import InputError, ingest
from nlp.reading.ingest import detect_format, ingest_bytes


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}<title>某县人民政府门户网站</title></head><body>{body}</body></html>"


def rows_of(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row] for row in table.rows] for table in document.tables]


def test_blocks_come_in_document_order_with_heading_levels(tmp_path: Path) -> None:
    body = (
        "<h1>2023年度部门整体绩效自评报告</h1><h2>一、部门基本情况</h2>"
        "<div>本部门共有在编人员<b>26</b>人。</div><p>第一行<br>第二行</p>"
        "<ul><li>一是加强管理。</li><li>二是完善制度。</li></ul>"
        "<table><tr><td>指标</td><td>目标值</td></tr><tr><td>人数</td><td>≥26人</td></tr></table>"
        "<p><strong>二、存在问题</strong></p>"
    )
    document = ingest(write(tmp_path, "a.html", page(body)))
    assert document.format == "html" and document.encoding == "utf-8"
    assert [(b.kind, b.text.split("\t")[0]) for b in document.blocks] == [
        ("paragraph", "2023年度部门整体绩效自评报告"),
        ("paragraph", "一、部门基本情况"),
        ("paragraph", "本部门共有在编人员26人。"),
        ("paragraph", "第一行"),
        ("paragraph", "第二行"),
        ("paragraph", "一是加强管理。"),
        ("paragraph", "二是完善制度。"),
        ("table", "指标"),
        ("paragraph", "二、存在问题"),
    ]
    assert [b.heading_level for b in document.paragraphs[:3]] == [1, 2, None]
    assert document.paragraphs[-1].bold and not document.paragraphs[2].bold
    assert "门户网站" not in document.text  # the <head> is not the document
    assert_offsets_slice(document)


def test_rowspan_and_colspan_are_resolved_like_docx(tmp_path: Path) -> None:
    body = (
        "<table>"
        "<tr><th colspan='3'>年度绩效指标</th></tr>"
        "<tr><td rowspan='2'>产出指标</td><td>人数</td><td rowspan='3'>已完成</td></tr>"
        "<tr><td>费用</td></tr>"
        "<tr><td>效益指标</td><td>满意度</td></tr>"
        "</table>"
    )
    document = ingest(write(tmp_path, "a.htm", page(body)))
    rows = document.tables[0].rows
    assert [[c.text for c in row] for row in rows] == [
        ["年度绩效指标"],
        ["产出指标", "人数", "已完成"],
        ["", "费用", ""],
        ["效益指标", "满意度", ""],
    ]
    assert rows[0][0].colspan == 3
    assert rows[1][0].rowspan == 2 and rows[2][0].continued
    assert rows[1][2].rowspan == 3 and rows[2][2].continued and rows[3][2].continued
    assert_offsets_slice(document)


def test_malformed_spans_do_not_break_the_grid(tmp_path: Path) -> None:
    body = (
        "<table><tr><td rowspan='0'>甲</td><td colspan='x'>乙</td><td colspan='99999'>丙</td></tr>"
        "<tr><td>丁</td></tr><tr><td rowspan='50'>戊</td><td>己</td></tr></table>"
    )
    rows = ingest(write(tmp_path, "a.html", page(body))).tables[0].rows
    assert [[c.text for c in row] for row in rows] == [["甲", "乙", "丙"], ["", "丁"], ["", "戊", "己"]]
    assert rows[0][0].rowspan == 3 and rows[0][1].colspan == 1 and rows[0][2].colspan == 1000


def test_hostile_markup_leaves_no_trace(tmp_path: Path) -> None:
    body = (
        "<p onclick=\"alert('onclick')\">项目概况：本项目于2023年实施。</p>"
        "<script>document.write('injected')</script><script src='http://evil.example/x.js'></script>"
        "<style>.x{background:url(http://evil.example/bg)}</style><noscript>noscript text</noscript>"
        "<template>template text</template><iframe src='http://evil.example/'>iframe text</iframe>"
        "<object data='x.swf'>object text</object><svg><text>svg text</text></svg>"
        "<div style='display:none'>hidden text</div><p hidden>hidden too</p>"
        "<img src='x.png' onerror=\"alert('onerror')\" alt='image alt'>"
        "<form action='http://evil.example/'><input value='input value'><button>提交</button></form>"
        "<!-- a comment --><?php echo 'pi'; ?>"
        "<a href='javascript:alert(1)'>存在问题：无。</a>"
    )
    document = ingest(write(tmp_path, "a.html", page(body, head="<script>var head='x'</script>")))
    assert document.text == "项目概况：本项目于2023年实施。\n存在问题：无。"
    for trace in ("alert", "evil", "injected", "javascript", "text", "hidden", "comment", "pi", "提交", "head", "alt"):
        assert trace not in document.text


def test_nothing_is_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the reader opened a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    text = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" '
        '[<!ENTITY ext SYSTEM "http://evil.example/entity">]>'
        '<html><head><link rel="stylesheet" href="http://evil.example/a.css"></head>'
        '<body><p>绩效目标：完成培训200人次。&ext;</p><img src="http://evil.example/a.png"></body></html>'
    )
    document = ingest(write(tmp_path, "a.html", text))
    assert "绩效目标：完成培训200人次。" in document.text and "evil" not in document.text


def test_navigation_and_page_furniture_are_dropped(tmp_path: Path) -> None:
    body = (
        "<header><h1>某某县人民政府</h1></header>"
        "<nav><a>首页</a><a>政务公开</a></nav>"
        "<div id='topmenu'><a>机构设置</a><a>政策法规</a></div>"
        "<div class='crumbs'>当前位置：首页 &gt; 政务公开 &gt; 财政预决算</div>"
        "<div class='article-content'>"
        "<h1>2023年度某某县交通局部门整体绩效自评报告</h1>"
        "<p>发布时间：2024-03-01 来源：县交通局 浏览量：128</p>"
        "<p>一、部门基本情况</p><p>资金来源：财政拨款</p>"
        "<div class='bdsharebuttonbox'><a>分享到微信</a></div>"
        "</div>"
        "<aside>热点专题</aside><div class='sidebar-right'>相关链接</div>"
        "<footer>版权所有：某某县人民政府 网站标识码123</footer>"
        "<div class='foot'>主办单位：某某县人民政府办公室 版权所有</div>"
    )
    document = ingest(write(tmp_path, "a.html", page(body)))
    assert [b.text for b in document.blocks] == [
        "2023年度某某县交通局部门整体绩效自评报告",
        "一、部门基本情况",
        "资金来源：财政拨款",
    ]


def test_an_articles_own_header_is_kept(tmp_path: Path) -> None:
    body = (
        "<header>网站首页 政务公开</header><article><header><h1>2023年度项目支出绩效自评报告</h1></header>"
        "<p>一、项目概况</p><footer>某县交通局</footer></article><footer>版权所有 网站标识码123</footer>"
    )
    assert [b.text for b in ingest(write(tmp_path, "a.html", page(body))).blocks] == [
        "2023年度项目支出绩效自评报告",
        "一、项目概况",
        "某县交通局",
    ]


def test_a_content_wrapper_named_like_chrome_is_kept(tmp_path: Path) -> None:
    body = "<div class='page-with-sidebar'><p>绩效目标：完成培训200人次。</p><p>存在问题：无。</p></div>"
    assert ingest(write(tmp_path, "a.html", page(body))).text == "绩效目标：完成培训200人次。\n存在问题：无。"


def test_nested_tables_layout_and_data(tmp_path: Path) -> None:
    inner = "<table><tr><td>年初</td><td>100</td></tr><tr><td>全年</td><td>120</td></tr></table>"
    data = f"<table><tr><td>项目名称</td><td>道路养护</td></tr><tr><td>预算</td><td>{inner}</td></tr></table>"
    indicators = (
        "<table><tr><td>指标</td><td>目标值</td><td>实际值</td></tr>"
        "<tr><td>里程</td><td>≥120公里</td><td>126公里</td></tr>"
        "<tr><td>合格率</td><td>100%</td><td>95%</td></tr></table>"
    )
    layout = f"<table width='100%'><tr><td>左栏</td><td><p>项目绩效自评表</p>{indicators}</td></tr></table>"
    document = ingest(write(tmp_path, "a.html", page(data + layout)))
    assert rows_of(document) == [
        [["项目名称", "道路养护"], ["预算", "年初100全年120"]],
        [["指标", "目标值", "实际值"], ["里程", "≥120公里", "126公里"], ["合格率", "100%", "95%"]],
    ]
    assert "项目绩效自评表" in [b.text for b in document.paragraphs]
    assert_offsets_slice(document)


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        ('<meta charset="GBK">', "gb18030"),
        ("", "gb18030"),  # no declaration: the bytes decide
    ],
)
def test_declared_and_undeclared_chinese_encodings(tmp_path: Path, head: str, encoding: str) -> None:
    text = page("<p>绩效自评报告：项目完成率达到95%。</p>", head=head)
    document = ingest(write(tmp_path, "a.html", text, encoding="gb18030"))
    assert document.encoding == encoding
    assert document.text == "绩效自评报告：项目完成率达到95%。"


def test_byte_order_mark_and_utf16(tmp_path: Path) -> None:
    text = page("<p>绩效自评报告</p>", head='<meta charset="gb2312">')  # a BOM overrides a wrong declaration
    assert ingest(write(tmp_path, "a.html", "\ufeff" + text)).text == "绩效自评报告"
    assert ingest(write(tmp_path, "b.html", text, encoding="utf-16")).text == "绩效自评报告"


def test_wrong_declaration_falls_back_to_the_bytes(tmp_path: Path) -> None:
    text = page("<p>绩效自评报告</p>", head='<meta charset="utf-8">')
    document = ingest(write(tmp_path, "a.html", text, encoding="gb18030"))
    assert document.text == "绩效自评报告" and document.encoding == "gb18030"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<!doctype html><p>x</p>", "page.txt"),
        (b"  <HTML><body>x</body></HTML>", "noext"),
        (b"<table><tr><td>x</td></tr></table>", "export.xls"),  # web systems export HTML as .xls
        (b"<p>x</p>", "a.htm"),
    ],
)
def test_html_is_recognised_by_content_or_suffix(data: bytes, name: str) -> None:
    assert detect_format(data, name) == "html"


def test_a_text_file_mentioning_a_table_tag_stays_text() -> None:
    assert detect_format("说明：网页中用<table>标签排版。".encode(), "a.txt") == "txt"
    assert detect_format(b"# Title\n\n<table><tr><td>x</td></tr></table>", "a.md") == "md"


@pytest.mark.parametrize(
    "text",
    [
        "<html><head><script>alert(1)</script></head><body><script>var a = '绩效';</script></body></html>",
        "<!DOCTYPE html><html><body><nav>首页</nav><style>p{}</style></body></html>",
        "<!doctype html>",
    ],
)
def test_a_page_without_text_is_refused_with_one_line(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "a.html", text)
    with pytest.raises(InputError, match="no text content") as caught:
        ingest(path)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))


def test_a_page_past_the_parser_limits_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "deep.html", "<html><body>" + "<div>" * 300 + "深层文本" + "</div>" * 300)
    with pytest.raises(InputError, match="safety limits"):
        ingest(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    markup=st.lists(
        st.sampled_from(
            [
                *("<table>", "</table>", "<tr>", "<td rowspan=2>", "<td colspan=3>", "<td>", "</td>", "<p>", "<br>"),
                *("<script>", "</script>", "<b>", "</div>", "<div class=nav>", "绩效", "目标", " ", "\t", "&amp;"),
            ]
        ),
        max_size=60,
    )
)
def test_arbitrary_markup_either_ingests_or_raises_input_error(markup: list[str]) -> None:
    try:
        document = ingest_bytes(("<html><body>" + "".join(markup)).encode(), "a.html")
    except InputError as error:
        assert str(error).startswith("a.html: ") and "\n" not in str(error)
        return
    assert_offsets_slice(document)


def test_a_table_built_of_divs_is_read_as_a_table(tmp_path: Path) -> None:
    """A CSS grid: a row <div> of cell <div>s, a merged cell's span in its style or a data- attribute."""
    cell = "<div class='cell'>{}</div>"
    row = "<div class='row'>{}</div>"
    grid = "".join(
        [
            row.format("".join(cell.format(text) for text in ("一级指标", "二级指标", "三级指标", "实际完成值"))),
            row.format(
                "<div class='cell' style='grid-row: span 2'>产出指标</div>"
                + "".join(cell.format(text) for text in ("数量指标", "培训人数", "215人次"))
            ),
            row.format("".join(cell.format(text) for text in ("质量指标", "合格率", "98%"))),
        ]
    )
    body = f"<p>一、项目概况</p><div class='grid'>{grid}</div><div><p>说明一</p><p>说明二</p><p>说明三</p></div>"
    document = ingest(write(tmp_path, "a.html", page(body)))
    assert rows_of(document) == [
        [
            ["一级指标", "二级指标", "三级指标", "实际完成值"],
            ["产出指标", "数量指标", "培训人数", "215人次"],
            ["", "质量指标", "合格率", "98%"],
        ]
    ]
    assert_offsets_slice(document)


def test_paragraphs_with_inline_markup_are_no_div_grid(tmp_path: Path) -> None:
    """A content <div> of paragraph <div>s whose figures sit in <span>s: text of their own, so no grid."""
    lines = [f"<div>{k}、本项目年初预算<span>100</span>万元，执行<span>90</span>万元。</div>" for k in "一二三四"]
    document = ingest(write(tmp_path, "p.html", page(f"<div class='content'>{''.join(lines)}</div>")))
    assert document.tables == [] and len(document.paragraphs) == 4

"""Line joining in nlp.text.normalize."""

from __future__ import annotations

from nlp.text.normalize import fold_width, glue_lines


def test_glue_lines_spaces_only_between_latin_words() -> None:
    assert glue_lines(["abc", "", "def", "中文", "x"]) == "abc def中文x"


def test_a_whole_title_line_opens_a_paragraph_after_a_long_line() -> None:
    from nlp.text.blocks import RawParagraph
    from nlp.text.normalize import rejoin_paragraphs

    site = RawParagraph("某某网站首页政务公开信息公开目录财政信息预决算公开专栏本栏目")
    titles = (
        "关于2019年度某某通组道路工程绩效评价报告",
        "2023年度某某项目支出绩效自评报告",
        "某县某小学2021项目资金绩效自评报告",
    )
    for title in titles:
        joined = rejoin_paragraphs([site, RawParagraph(title)])
        assert [p.text for p in joined] == [site.text, title]
    prose = RawParagraph("该项目由村民申请，通过民主评议申报实施，由业主单位负责日常管理以及")
    assert len(rejoin_paragraphs([prose, RawParagraph("关于项目管理的有关规定。")])) == 1  # no title: prose goes on


def test_a_word_page_number_field_written_out_is_no_text() -> None:
    from nlp.text.normalize import clean_inline

    assert clean_inline("PAGE PAGE 8 某市财政项目支出绩效自评报告") == "某市财政项目支出绩效自评报告"
    assert clean_inline("第PAGE \\* MERGEFORMAT 3页") == "第页"
    assert clean_inline("PAGE10PAGE2019年度部门整体支出绩效自评报告") == "2019年度部门整体支出绩效自评报告"
    assert clean_inline("PAGE10 PAGES") == "PAGE10 PAGES"  # a word, not the field


def test_enumerators_written_as_one_character_read_as_spelled_out() -> None:
    """㈠ ⑴ ⒈ are (一) (1) 1. as Unicode decomposes them: lists numbered so are numbered like any other."""
    assert fold_width("㈠某某项目。㈩ ⑴甲 ⒇ ⒈乙 ⒛") == "(一)某某项目。(十) (1)甲 (20) 1.乙 20."

"""Character-level clean-up and the rejoining of paragraphs broken mid-sentence.

Hand-written because it is specific to this genre: the artifacts are those that
Word/WPS-to-text converters leave in 部门决算 files, and the rejoin rule encodes how
Chinese official prose ends its sentences and numbers its headings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from nlp.text.blocks import RawBlock, RawParagraph
from nlp.text.vocabulary import alternation, marker, marker_words, numerals, title_pattern, vocabulary

# Conversion residue: bookmarks and image references from DOCX→text converters.
# An image path may itself contain brackets, so prefer a match that ends in a file suffix.
# An unclosed marker stops at the next [ (or after a path's length): one pass over any line.
_ARTIFACTS = re.compile(
    r"\[bookmark:[^\[\]\n]*\]"
    r"|\[image:[^\n]{0,260}?\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?|svg)\]"
    r"|\[image:[^\[\]\n]*\]"
    # a Word page-number field a converter wrote out (PAGE PAGE 8, PAGE \* MERGEFORMAT 3)
    r"|(?<![A-Za-z])PAGE\s+(?:PAGE|\\\*\s*MERGEFORMAT)\s*\d{0,4}(?![A-Za-z\d])"
    r"|(?<![A-Za-z])PAGE\d{1,4}PAGE(?![A-Za-z])",  # run together (PAGE10PAGE)
    re.IGNORECASE,
)
# Pinyin glosses some mirror sites insert after characters: 项(xiàng)目, 报(bào)告.
_PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
_HTML_EMPHASIS = re.compile(r"</?(?:b|strong|i|em|u|span|font|br)\b[^<>]*>", re.IGNORECASE)
_MD_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_STRAY_MARKS = re.compile(r"\*\*|__")
# Pictographs a post sets before its lines as bullets (🔹, ✅, 📋, ➡); not a form's marks (☑ 是, ★ a core indicator,
# ✔) nor the dingbat numerals ❶-➓, which number.
_LEADING_PICTOGRAPHS = re.compile("^[\U0001f300-\U0001faff\u2705\u27a1\u27a4\ufe0f]+\\s*")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[ \t\n\r\v\f\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Characters next to which a space carries no meaning in Chinese text: ideographs,
# CJK and general punctuation, full-width forms and comparison signs (≥ ≧).
_CJK = (
    "\u2010-\u206f\u2190-\u22ff\u2460-\u24ff\u3000-\u303f\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _drop_space(match: re.Match) -> str:
    """Drop a space that touches CJK, but keep one between two words (第一部分 部门概况)."""
    text, at = match.string, match.start()
    between_words = 0 < at < len(text) - 1 and _HAN.match(text[at - 1]) and _HAN.match(text[at + 1])
    return " " if between_words else ""


# Full-width digits, letters and ASCII-like signs fold to ASCII so parsers see one
# form (１２％ → 12%, （一） → (一)). Chinese sentence punctuation (，。：；！？、)
# is kept: it is what segments sentences.
_FOLDED_SIGNS = "＂＃＄％＆＇（）＊＋－．／＜＝＞＠［＼］＾＿｀｛｜｝～"
_FULLWIDTH = {ord(ch): ord(ch) - 0xFEE0 for ch in _FOLDED_SIGNS}
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})  # digits
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # A-Z
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # a-z
# Enumerators written as one character (㈠ ⑴ ⒈) read as their spelled-out forms ((一) (1) 1.), as Unicode's
# compatibility decomposition gives them: a list numbered ㈠…㈤ is numbered like one written (一)…(五).
_ONE_CHARACTER_MARKERS = [*range(0x3220, 0x322A), *range(0x2474, 0x249C)]  # ㈠-㈩, ⑴-⒇ and ⒈-⒛
_FULLWIDTH.update({c: unicodedata.normalize("NFKC", chr(c)) for c in _ONE_CHARACTER_MARKERS})

# The start of a heading or list item: 第一部分, 一、, (一), 1、 1. (not 1.5), (1), ①,
# 附件, 一是. A line starting so is never glued to the line before it.
ENUMERATION_START = re.compile(
    "^(?:"
    + "|".join(
        (
            rf"第[{numerals()['chinese']}\d]+(?:{marker_words('part', 'subpart')})",
            marker("cn", ends="、.，"),
            marker("pcn"),
            marker("ar", ends="、).", digits=3),
            marker("par", digits=3),
            numerals()["circled"],
            numerals()["dingbat"],
            marker_words("attachment", "schedule"),
            marker("toc"),
            marker("point"),
        )
    )
    + ")"
)
# A line ending so has finished its sentence (or is a caption in brackets).
_TERMINAL = tuple("。！？!?；;：:…)]】」』")
# Marks that can only continue a sentence, never open a paragraph.
_CLOSING = tuple("，。、；：！？）》”’,;:!?)")
# A heading whose number a conversion lost, its mark left (、资金管理情况, )绩效指标完成情况分析, 一)资金投入情况分析):
# a short line with no clause inside, which no broken sentence's rest is; a 、 there opened a 一、, a ) a (一).
LOST_NUMBER_HEADING = re.compile(
    rf"(?:(?P<number>[{numerals()['chinese']}]{{1,3}})?(?P<mark>[)）])|(?P<mark_cn>、))"
    r"(?P<title>[\u4e00-\u9fff][^，,、；;：:|]{3,23}?)[。.]?"
)
# Signs that a line is running prose rather than a title or a label.
_PROSE_MARKS = re.compile("[，,；;]")  # not 、: headings list things with it
_PROSE_MIN_CHARS = 30
_FIGURE_ENDS = "0123456789%"  # a table's last figure or a rate ending a line with no full stop
# What of a paragraph being rejoined is looked at: its end (a title's ending, a sentence's end).
# Longer than any title ending and _PROSE_MIN_CHARS, so a long paragraph reads as one in full would.
_TAIL_CHARS = 80


def drop_pinyin_glosses(text: str) -> str:
    """项(xiàng)目 → 项目: the glosses some mirror sites insert are no part of the document."""
    return _PINYIN_GLOSS.sub("", text)


def fold_width(text: str) -> str:
    """Full-width digits, letters and ASCII-like signs to ASCII (see _FULLWIDTH)."""
    return text.translate(_FULLWIDTH)


def clean_inline(text: str) -> str:
    """Normalize one paragraph or cell: artifacts, emphasis, full-width forms, spaces."""
    text = _ARTIFACTS.sub("", text)
    text = drop_pinyin_glosses(text)
    text = _HTML_EMPHASIS.sub("", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRAY_MARKS.sub("", text)
    text = _LEADING_PICTOGRAPHS.sub("", text.lstrip())
    text = _ZERO_WIDTH.sub("", text)
    text = fold_width(text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_NEXT_TO_CJK.sub(_drop_space, text)
    return text.strip()


def starts_enumeration(text: str) -> bool:
    return bool(ENUMERATION_START.match(text))


def _continues(first: RawParagraph, second: RawParagraph) -> bool:
    """Is ``second`` the rest of a sentence that ``first`` broke off?"""
    if not first.text or not second.text:
        return False
    if first.heading_level or first.bold or second.heading_level or second.bold:
        return False
    if second.new_paragraph or starts_enumeration(second.text) or _whole_title(second.text):
        return False
    lost = LOST_NUMBER_HEADING.fullmatch(second.text)
    # a 、 heading may follow a figure; a ) one a finished sentence or a rate (…≥80% ⏎ )绩效指标完成情况分析), never a
    # bare number, which the ) may go on from (…详见附表2 ⏎ )中的各项数据)
    after = _FIGURE_ENDS if lost and lost.group("mark_cn") else "%"
    if lost and (first.text.endswith(_TERMINAL) or first.text[-1] in after):
        return False  # 、绩效目标完成情况 after a finished sentence or a figure: a heading that lost its number
    if _statement_label_opening().match(second.text):
        return False  # 存在问题：… opens a line of its own after a form's figures (…执行率：95%)
    if second.text.startswith(_CLOSING):  # no paragraph starts with a closing mark
        return True
    if first.fills_line:  # a PDF line that runs to the margin wraps, whatever it ends with
        return True
    if first.text.endswith(_TERMINAL) or title_pattern("report", "table", "other").search(first.text):
        return False  # a finished sentence, or a title (…绩效自评报告) that the next line does not continue
    if len(first.text) >= _PROSE_MIN_CHARS:
        return True
    body = ENUMERATION_START.sub("", first.text, count=1)  # "一、" is a marker, not prose
    return bool(_PROSE_MARKS.search(body))


@cache
def _statement_label_opening() -> re.Pattern:
    """A line opening with a statement's label and its colon (存在问题：, 改进建议：)."""
    rows = vocabulary("statements")["rows"]
    return re.compile(f"(?:{alternation(rows['problem'] + rows['suggestion'])})[:：]")


# How a title that stands whole on its line opens (关于…, 2023年度…), or the year it names after its organisation
# (某小学2021项目资金绩效自评报告): what ends in a title's ending after it is no wrapped title's second line but a
# title of its own.
_TITLE_OPENING = re.compile(r"^(?:关于|(?:19|20)\d{2}年)|^[\u4e00-\u9fff]{4,}(?:19|20)\d{2}")
_MAX_TITLE_CHARS = 80


def _whole_title(text: str) -> bool:
    """A title on a line of its own (关于2019年度某工程绩效评价报告), which no line before it continues."""
    return (
        len(text) <= _MAX_TITLE_CHARS
        and bool(_TITLE_OPENING.match(text))
        and bool(title_pattern("report", "table").search(text))
    )


def glue(left: str, right: str) -> str:
    """Chinese needs no space at a line break; two Latin words or numbers do."""
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def glue_lines(lines: list[str]) -> str:
    """Join the lines of one wrapped cell or paragraph, skipping empty ones (in one pass: no copy per line)."""
    parts: list[str] = []
    previous = ""
    for line in (part.strip() for part in lines):
        if line:
            if previous and glue(previous[-1], line[0]) != previous[-1] + line[0]:
                parts.append(" ")
            parts.append(line)
            previous = line
    return "".join(parts)


def rejoin_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Merge paragraphs broken by a line or page break; drop empty paragraphs.

    A paragraph being rejoined is kept as its pieces and judged by its end only
    (``_TAIL_CHARS``), so that ten thousand wrapped lines cost one pass, not a copy each.
    """
    merged: list[RawBlock] = []
    pieces: list[str] = []  # the texts of merged[-1] when it is a paragraph, glue included
    tail = ""  # the last _TAIL_CHARS of those texts joined

    def close() -> None:
        if len(pieces) > 1:
            merged[-1] = replace(merged[-1], text="".join(pieces))
        pieces.clear()

    for block in blocks:
        if isinstance(block, RawParagraph):
            if not block.text:
                continue
            previous = merged[-1] if merged else None
            if isinstance(previous, RawParagraph) and _continues(replace(previous, text=tail), block):
                piece = glue(tail, block.text)[len(tail) :]
                pieces.append(piece)
                tail = (tail + piece)[-_TAIL_CHARS:]
                merged[-1] = replace(previous, fills_line=block.fills_line)
                continue
        close()
        merged.append(block)
        if isinstance(block, RawParagraph):
            pieces.append(block.text)
            tail = block.text[-_TAIL_CHARS:]
    close()
    return merged


_EMPHASIZED_LINE = re.compile(r"^(?:\*\*.+\*\*|__.+__|<(b|strong)>.+</\1>)$", re.IGNORECASE)


def is_emphasized(line: str) -> bool:
    """A line wholly in bold (``**…**`` or ``<b>…</b>``): a heading hint, kept as a flag."""
    return bool(_EMPHASIZED_LINE.match(_ARTIFACTS.sub("", line).strip()))

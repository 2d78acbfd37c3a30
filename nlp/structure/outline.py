"""The outline: headings and the section tree, from the Chinese numbering hierarchy.

Hand-written because heading numbering in 部门决算 files follows conventions no
library models: 第X部分 > 一、 > (一) > 1. > (1) > ①, with real files breaking the
order (``1、`` standing where ``一、`` belongs, ``(2)`` after ``(一)``, ``一、``
nested under ``(二)``). Levels therefore come from the numbers themselves: a
heading continues the innermost open level whose last number precedes its own;
a heading numbered 1 opens a new level; anything else is a numbering slip and
joins the level its number continues.

Linear in the number of headings: the tree is at most ``_MAX_DEPTH`` levels deep (a
hundred thousand ``一、`` lines each numbered 1 would otherwise nest ever deeper),
and section ends are closed in one pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from nlp.structure.keyword_rules import (
    MAX_PART_CHARS,
    form_part_label,
    part_core,
    part_heading_patterns,
    statement_heading_patterns,
)
from nlp.structure.meta import site_owner_above
from nlp.structure.unit_names import CAPTION_NUMBER
from nlp.text.blocks import Block, Cell, IngestedText
from nlp.text.document import Section
from nlp.text.normalize import ENUMERATION_START, LOST_NUMBER_HEADING, starts_enumeration
from nlp.text.values import chinese_number, find_quantities
from nlp.text.vocabulary import (
    alternation,
    column_role,
    is_budget_label,
    marker,
    marker_words,
    numerals,
    page_number_line,
    title_pattern,
    title_sign,
    vocabulary,
)

_NUMBER = f"[{numerals()['chinese']}\\d]"  # of a part, a project or an attachment: 第三部分, 项目2, 附件一
_BARS = re.escape(vocabulary("enumeration")["marks"]["number_bars"])
_MARKERS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(f"^{marker('part', capture=True)}")),
    ("part", re.compile(rf"^项目({_NUMBER}+)[:：、.]")),  # 项目一：XX补贴, one project of a report on several
    ("toc", re.compile(f"^{marker('toc')}$")),
    ("attachment", re.compile(rf"^(?:{marker_words('attachment')})\s*({_NUMBER}*)(?:[:：.、]|$)")),
    ("cn", re.compile(f"^{marker('cn', capture=True)}(?!{marker_words('point')})")),
    ("pcn", re.compile(f"^{marker('pcn', capture=True)}")),
    ("ar", re.compile(f"^{marker('ar', capture=True, masked=True)}")),
    ("par", re.compile(f"^{marker('par', capture=True, masked=True)}")),
    ("circle", re.compile(f"^{marker('circle', capture=True)}")),
    # a decimal number of an evaluation report's sub-part (1.2部门支出描述), its number the last one
    ("dec", re.compile(vocabulary("enumeration")["patterns"]["decimal"])),
    # a post's section numbered before a bar (01 | 项目概况) and its sub-heading after a block mark (▌绩效目标)
    ("cn", re.compile(rf"^(\d{{1,2}})\s*[{_BARS}]\s*(?=[\u4e00-\u9fff][^{_BARS}]*$)")),
    ("mark", re.compile(f"^[{vocabulary('enumeration')['marks']['heading']}]\\s*(?=[\\u4e00-\\u9fff])")),
]
# A Chinese number whose 、 a copied page lost (…报告 一 基本情况。): trusted only inside a paragraph, where it
# must follow a sentence end or title and open or continue the numbering (_inline_headings).
SPACED_CN = rf"([{numerals()['chinese']}]{{1,3}})\s(?!{marker_words('point')})(?=[\u4e00-\u9fff])"
_INLINE_ONLY_MARKERS = [("cn", re.compile(f"^{SPACED_CN}"))]
# Styles that reset the tree: a new part, the table of contents, an attachment.
_STRUCTURAL = ("part", "toc", "attachment")
# Markers whose title is never the line below (a contents' or attachment's), and how long the title below a part's
# marker may be (第三部分 ⏎ 名词解释; a sentence under it is none).
_WITHOUT_TITLE_BELOW = ("toc", "attachment")
_MAX_TITLE_BELOW_CHARS = {"part": 12}
_SENTENCE_MARKS = re.compile(r"[，,；;《》]")
_MULTIPLIED = re.compile(vocabulary("enumeration")["patterns"]["decimal_figure"])
# Styles whose items are as often list items (duties, glossary entries) as headings.
_LIST_PRONE = ("ar", "par", "circle", "dec")
# The style a numbering slip stays within (1、 for 一、); a decimal number slips into none but its own.
_SLIP_FAMILY = {"cn": "ar", "ar": "cn", "pcn": "par", "par": "pcn", "circle": "par", "dec": "dec"}
# Roots of an evaluation: a report title, or a 自评表 table standing alone.
_ROOTS = ("title", "table")
TABLE_SIGNS = re.compile(r"一级指标|三级指标|预期指标值|年度绩效指标|绩效目标自评|自评表")
# A numbered part of a report on one project, fund or grant (一、X项目, 二、Y专项资金, 项目二：…).
PROJECT_PART = re.compile(r"(?:项目|经费|资金)$|^项目[一二三四五六七八九十\d]+[:：、.]")
# A 自评表's table, or its budget block (全年预算数 | 全年执行数): where rows name the form's parts.
_FORM_SIGNS = re.compile(rf"{TABLE_SIGNS.pattern}|年初预算数|全年预算数|全年执行数|年度资金总额")
_TITLE_SPLIT = re.compile(r"[。：:！？!?]")
_ATTACHMENT_LABEL = re.compile(rf"^(?:{marker_words('attachment', 'schedule')})")
# What a list item reports and a heading does not: an amount, a share or a count, in digits.
_FIGURE_KINDS = ("money", "percent", "count")
_MAX_TITLE_CHARS = {"part": 40, "toc": 10, "attachment": 40, "cn": 40, "pcn": 40, "mark": 20}
_MAX_LIST_PRONE_TITLE_CHARS = 30
_MAX_REPORT_TITLE_CHARS = 45
_MIN_INLINE_TITLE_CHARS = 8
# A line such as 2021年攀枝花市人民政府办公室 above a report title, at most a few of them.
_TITLE_PREFIX_CHARS = (5, 25)
_MAX_TITLE_PREFIX_LINES = 4
# Deeper than any real outline (part > title > 一、 > (一) > 1. > (1) > ① is seven).
_MAX_DEPTH = 12


@dataclass
class _Heading:
    style: str
    number: int | None
    number_text: str | None
    title: str
    start: int
    heading_end: int
    hinted: bool


def _number(text: str) -> int | None:
    """A heading's number (一 → 1, 12 → 12, ③ → 3); None for a malformed one (二十零) or a masked one (*)."""
    if not text:
        return None
    if "\u2460" <= text <= "\u2473":
        return ord(text) - 0x2460 + 1
    number = chinese_number(text)
    return int(number) if number is not None and number == number.to_integral_value() else None


def _states_figure(title: str) -> bool:
    """Whether a title states a figure written in digits (公务接待费支出0万元), as list items do."""
    return any(q.kind in _FIGURE_KINDS and title[q.start].isdigit() for q in find_quantities(title))


def _numbered_heading(block: Block, inline: bool = False) -> _Heading | None:
    """The numbered heading a line opens with, if any; ``inline``: a heading cut out of a paragraph."""
    text = block.text
    for style, pattern in (*_MARKERS, *_INLINE_ONLY_MARKERS) if inline else _MARKERS:
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end() :].lstrip()
        split = _TITLE_SPLIT.search(rest)
        title = rest[: split.end()] if split else rest
        limit = _MAX_TITLE_CHARS.get(style, _MAX_LIST_PRONE_TITLE_CHARS)
        if len(title) > limit and style not in _LIST_PRONE:
            # its title run into its first sentence (一、转移支付基本情况2023年自治区下达…): cut after its last
            # heading word, as inside a paragraph
            title = _before_cells(title) or _run_on_title(rest) or title
        if len(title) > limit or (style == "toc" and rest):
            return None
        if style in _LIST_PRONE and _states_figure(title):
            return None  # "1.公务接待费支出0万元" reports a figure: a list item
        if style == "dec" and (_SENTENCE_MARKS.search(title) or _MULTIPLIED.match(text)):
            return None  # 1.2万亩, 1.2个村因选址调整未能按期完工，…: a figure, not a number and a title
        heading_end = block.start + match.end() + (len(text[match.end() :]) - len(rest)) + len(title)
        return _Heading(
            style=style,
            number=_number(match.group(1)) if match.groups() else None,
            number_text=text[: match.end()],
            title=title,
            start=block.start,
            heading_end=heading_end,
            hinted=block.heading_level is not None,
        )
    return None


def _lost_number_heading(block: Block) -> _Heading | None:
    """A heading whose number a conversion lost (、资金管理情况): its level is its mark's, its number unknown."""
    text = block.text.strip()
    match = LOST_NUMBER_HEADING.fullmatch(text)
    if match is None:
        return None
    return _Heading(
        style="cn" if match.group("mark_cn") else "pcn",
        number=_number(match.group("number")) if match.group("number") else None,
        number_text=text[: match.start("title")],
        title=match.group("title"),
        start=block.start,
        heading_end=block.end,
        hinted=block.heading_level is not None,
    )


_CELL_GAP = re.compile(r"\s+")


def _before_cells(title: str) -> str | None:
    """A heading a flattened form row runs on into its cells (二、预算执行情况 预算数 执行数 …): the part before
    the first gap, when it ends as a heading ends."""
    gap = _CELL_GAP.search(title)
    head = title[: gap.start()] if gap else ""
    return head if head.endswith(tuple(vocabulary("sections")["heading_ends"])) else None


def _report_title(blocks: list[Block], index: int) -> tuple[_Heading, int, int] | None:
    """A report or table title, merged with the short lines above and a (项目名) line below.

    Returns the heading and the first and last block indices it covers.
    """
    block = blocks[index]
    if block.kind != "paragraph":
        return None
    if len(block.text) > _MAX_REPORT_TITLE_CHARS or not _is_title_line(block.text):
        span = _title_prefix(block.text) or _title_suffix(block.text)
        if span is None:
            return None
        start, end = span
        title = block.text[start:end]
        return _Heading("title", None, None, title, block.start + start, block.start + end, True), index, index
    first = index
    while (
        first > max(0, index - _MAX_TITLE_PREFIX_LINES)
        and blocks[first - 1].kind == "paragraph"
        and _TITLE_PREFIX_CHARS[0] <= len(blocks[first - 1].text) <= _TITLE_PREFIX_CHARS[1]
        and not _TITLE_SPLIT.search(blocks[first - 1].text)
        and _numbered_heading(blocks[first - 1]) is None
        and not blocks[first - 1].text.startswith("(")
        and not site_owner_above(blocks[first - 1].text, blocks[first].text)
        and not _ATTACHMENT_LABEL.match(blocks[first].text)  # 附件4-4 opens its title: what is above is no part
        and blocks[first - 1].heading_level == blocks[first].heading_level  # a sheet's name heads its own lines
    ):
        first -= 1
    last = index
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is not None and following.kind == "paragraph" and _NAME_LINE.fullmatch(following.text):
        last = index + 1
    title = "".join(blocks[i].text for i in range(first, last + 1))
    heading = _Heading("title", None, None, title, blocks[first].start, blocks[last].end, True)
    return heading, first, last


_NAME_LINE = re.compile(r"\((?:[^()]|\([^()]*\)){2,40}\)")  # (项目名), one level of nesting: 文化馆(站)
_MIN_NUMBERED_TITLE_CHARS = 10  # 第一部分 X项目绩效自评报告 is a title; 四、自评结果 is not
_PROSE_IN_TITLE = re.compile(r"[，,。；;！？!?《》“”\"]")
_YEAR_IN_TITLE = re.compile(r"(?:19|20)\d{2}")


def _is_title_line(text: str) -> bool:
    """A whole line that is a title: it ends like one and is not a numbered heading (四、自评结果应用 is not)."""
    if not title_pattern("report", "table", "other").search(text):
        return False
    marker = ENUMERATION_START.match(text)
    if marker is None:
        return True
    if text[marker.end() :].lstrip().startswith(tuple(vocabulary("titles")["clause_openers"])):
        return False
    return bool(_YEAR_IN_TITLE.search(text)) or len(text) - marker.end() >= _MIN_NUMBERED_TITLE_CHARS


def _title_prefix(text: str) -> tuple[int, int] | None:
    """A title run together with its report's first line (…绩效自评报告为进一步规范…): its span, or None."""
    match = title_sign("report", "table").search(text, 0, _MAX_REPORT_TITLE_CHARS)
    if match is None or _PROSE_IN_TITLE.search(text, 0, match.end()) or match.end() < _MIN_INLINE_TITLE_CHARS:
        return None
    end = match.end()
    date = _DATE_AFTER_TITLE.match(text, end)  # …自评表(2022年度)项目名称…
    end = date.end() if date else end
    rest = text[end:]
    if _NAMED_AFTER.fullmatch(rest.rstrip()):
        return 0, len(text.rstrip())  # …自评报告(2022年某某免费开放补助经费): the project it names, in its line
    if (
        starts_enumeration(rest)
        or rest.startswith(_body_openers())
        or rest[:1].isspace()
        or _unit_sealed_after_title().match(rest)
    ):
        return 0, end
    return None


@cache
def _unit_sealed_after_title() -> re.Pattern:
    """What else may follow a title run into its text: the issuing unit with its seal's note (…自评报告某县某中心
    (盖章)为进一步…)."""
    seals = "|".join(map(re.escape, vocabulary("titles")["seal_notes"]))
    return re.compile(rf"[\u4e00-\u9fff]{{4,30}}\((?:{seals})\)")


# A project named in parentheses after its title: a fund's or project's name, not a note (附后, 绩效指标部分).
_NAMED_AFTER = re.compile(r"\((?:[^()]|\([^()]*\)){4,60}(?:项目|资金|经费|工程|补助|补贴)\)")
_DATE_AFTER_TITLE = re.compile(r"\((?:19|20)\d{2}\s*年度?\)")
_PAGE_SEPARATOR = re.compile(r"[\s|>】]")


def _title_suffix(text: str) -> tuple[int, int] | None:
    """A title at the end of a line of page furniture (…首页 政务公开 XX局2020年度部门整体支出绩效自评报告)."""
    match = title_pattern("report", "table").search(text)
    if match is None:
        return None
    separators = [m.end() for m in _PAGE_SEPARATOR.finditer(text, 0, match.start())]
    start = separators[-1] if separators else 0
    if start == 0 or _PROSE_IN_TITLE.search(text, start, match.end()) or match.end() - start < _MIN_INLINE_TITLE_CHARS:
        return None
    return start, match.end()


def _table_heading(block: Block, inside_report: bool) -> _Heading | None:
    """A 自评表 given as a table with no title paragraph of its own.

    Inside a report, only a table that opens with its own 自评 title stands apart;
    an untitled indicator table there is part of the report.
    """
    cells = [cell.text for row in block.rows for cell in row]
    if not any(TABLE_SIGNS.search(text) for text in cells):
        return None
    first = next((text for text in cells if text), "")
    if inside_report and "自评" not in first:
        return None
    title = first if "自评" in first else "绩效自评表"
    return _Heading("table", None, None, title, block.start, block.start, False)


def _continues_table(blocks: list[Block], index: int) -> bool:
    """Does a table go on with the indicator table right before it (a page broke it): it opens with the same
    header, nothing but the page's number between them."""
    previous = index - 1
    while previous >= 0 and blocks[previous].kind == "paragraph" and page_number_line().match(blocks[previous].text):
        previous -= 1  # the page's number between them (第1页 共2页)
    if previous < 0 or blocks[previous].kind != "table" or not blocks[index].rows:
        return False
    before = {cell.text for row in blocks[previous].rows[:_HEADER_ROWS] for cell in row}
    first = {cell.text for cell in blocks[index].rows[0] if cell.text}
    # the header's cells, maybe without a label printed down the first page's rows (绩 效 指 标)
    return first <= before and any(TABLE_SIGNS.search(text) for text in first)


_HEADER_ROWS = 2  # a header and its second line


def _form_parts(block: Block) -> list[_Heading]:
    """The parts of a 自评表 its rows' first cells name (年度总体目标, 绩效指标, 资金投入情况): headings inside it.

    Only a table with a 自评表's signs (一级指标, 全年预算数 …); a row whose first cell is empty (a merged label's
    row) names no part."""
    if not any(_FORM_SIGNS.search(cell.text) for row in block.rows for cell in row):
        return _cut_form_statements(block)
    return [
        _Heading("form", None, None, row[0].text, row[0].start, row[0].end, False)
        for index, row in enumerate(block.rows)
        if row and row[0].text.strip() and _names_part(row, first=index == 0)
    ]


def _cut_form_statements(block: Block) -> list[_Heading]:
    """The statement rows (评价结论 | …, 存在问题 | …) closing a 自评表 whose top a page cut off, so that the
    table shows none of a form's signs: only after its 合计 row, where an indicator table's rows end."""
    totals = vocabulary("budget")["table"]["score_totals"]
    closed = False
    headings = []
    for row in block.rows:
        label = part_core(row[0].text) if row and len(row[0].text) <= MAX_PART_CHARS else ""
        if closed and any(pattern.fullmatch(label) for pattern in part_heading_patterns()):
            headings.append(_Heading("form", None, None, row[0].text, row[0].start, row[0].end, False))
        closed = closed or label in totals
    return headings


def _names_part(row: list[Cell], first: bool) -> bool:
    """Does a row's first cell name a part of the form? The table's first row is its own title or header, unless
    a page broke the form there and the row opens a part with its columns' words (年度总体目标 | 年初设定目标 | …);
    an indicator table's header (绩效指标 | 一级指标 …) heads the table itself."""
    label = form_part_label(row[0].text)
    if label is None and not first:  # a statement's row (存在问题 | …, 评价结论 | …) is a part of the form too
        return any(pattern.fullmatch(part_core(row[0].text)) for pattern in part_heading_patterns())
    if label is None or not first:
        return label is not None
    return label != "eval_table" and sum(bool(cell.text.strip()) for cell in row) >= _MIN_PART_ROW_CELLS


_MIN_PART_ROW_CELLS = 2


def _list_items(blocks: list[Block], candidates: dict[int, _Heading]) -> set[int]:
    """Blocks that are items of a list: two or more numbered paragraphs of one style in a row.

    A line that is only a title and opens numbered items of its own ((2)资金管理 over ①, ②) heads
    them: it and the paragraph numbered beside it are headings, not a list.
    """
    items: set[int] = set()
    for index, heading in candidates.items():
        if heading.style not in _LIST_PRONE or heading.hinted:
            continue
        neighbour = candidates.get(index + 1)
        if neighbour is None or neighbour.style != heading.style or neighbour.hinted:
            continue
        if not (_heads_items(blocks, candidates, index) or _heads_items(blocks, candidates, index + 1)):
            items.update({index, index + 1})
    return items


def _lone_decimals(candidates: dict[int, _Heading]) -> set[int]:
    """Decimal-numbered lines with no neighbour of the same part (1.2 without 1.1 or 1.3): a figure opening a line
    (2.12座水厂) reads like one, a run of them (1.1 ⏎ 1.2 ⏎ 1.3) or a part's first (2. ⏎ 2.1) does not."""
    numbers = {
        index: tuple(int(n) for n in re.findall(r"\d+", heading.number_text)[:2])
        for index, heading in candidates.items()
        if heading.style == "dec"
    }
    present = set(numbers.values())
    others = sorted(i for i, heading in candidates.items() if heading.style != "dec")
    lone = set()
    for index, (major, minor) in numbers.items():
        if (major, minor - 1) in present or (major, minor + 1) in present:
            continue
        at = bisect_left(others, index) - 1  # the numbered heading before it: 2. over its first sub-part 2.1
        part = candidates[others[at]] if at >= 0 else None
        if not (minor == 1 and part is not None and part.style == "ar" and part.number == major):
            lone.add(index)
    return lone


def _heads_items(blocks: list[Block], candidates: dict[int, _Heading], index: int) -> bool:
    """Is the candidate at ``index`` a whole line followed by the first item of another numbering style?"""
    heading, following = candidates[index], candidates.get(index + 1)
    whole_line = blocks[index].start + len(blocks[index].text) == heading.heading_end
    return whole_line and following is not None and following.style != heading.style and following.number == 1


# A marker inside a paragraph, not inside a number (十一、, 第一、, 21、) nor a decimal.
_INLINE_MARKER = re.compile(
    rf"(?<![{numerals()['chinese']}\d第])(?:{marker('cn', capture=True, ends='、')}(?!{marker_words('point')})"
    f"|{marker('pcn', capture=True)}|{marker('ar', capture=True)}|{marker('par', capture=True)}|{SPACED_CN})"
)
_INLINE_STYLES = ("cn", "pcn", "ar", "par", "cn")
_SPACED_GROUP = len(_INLINE_STYLES) - 1  # the last alternative: a number whose 、 was lost
_SENTENCE_END = "。；;:：！？!?"
_INLINE_TITLE_END = re.compile(r"[。；;:：！？!?，,\s]")
_MAX_INLINE_TITLE_CHARS = 30


@cache
def _heading_end_pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(_heading_ends(), key=len, reverse=True))))


@cache
def _body_openers() -> tuple[str, ...]:
    """What the text after a title may open with: a body's first words, or a form's first label (项目名称)."""
    titles = vocabulary("titles")
    return (*titles["body_openers"], *titles["name_labels"]["project"], *titles["name_labels"]["department"])


def _inline_title(segment: str) -> str | None:
    """The title at the start of ``segment`` (the text after an inline marker), or None.

    It ends at the first punctuation or space; when its first sentence runs on
    (项目资金使用及管理情况我校…), after the last word a heading ends with (情况).
    """
    delimiter = _INLINE_TITLE_END.search(segment)
    candidate = segment[: delimiter.start()] if delimiter else segment
    ends = [m.end() for m in _heading_end_pattern().finditer(candidate, 0, _MAX_INLINE_TITLE_CHARS)]
    openers = _body_openers()
    # The body opens after the title (…措施我局工作虽未偏离绩效目标): the end before an opener wins.
    end = next((e for e in ends if candidate.startswith(openers, e)), ends[-1] if ends else len(candidate))
    title = candidate[:end]
    return title if 2 <= len(title) <= _MAX_INLINE_TITLE_CHARS else None


def _run_on_title(rest: str) -> str | None:
    """The title a heading's text opens with when its first sentence runs on, if it ends in a heading's word."""
    title = _inline_title(rest)
    return title if title and title.endswith(_heading_ends()) else None


@cache
def _heading_ends() -> tuple[str, ...]:
    """The words a heading ends with (情况, 分析, 结论 …: sections.toml heading_ends)."""
    return tuple(vocabulary("sections")["heading_ends"])


def _inline_headings(block: Block) -> list[Block]:
    """Headings run together inside a paragraph (…报告如下:一、基本情况(一)项目概况…), each as a block.

    A marker inside a paragraph opens a heading when it follows a sentence end or the
    title of the heading before it, or continues that paragraph's numbering (…运转二、).
    The block holds the marker and title only: offsets stay those of the paragraph.
    """
    text = block.text
    found = [m for m in _INLINE_MARKER.finditer(text) if m.start() > 0]
    last: dict[str, int | None] = {}
    opening = _INLINE_MARKER.match(text)
    own_number = None
    if opening is not None and opening.lastindex != _SPACED_GROUP + 1:  # 一、甲情况…二、乙情况: its own number goes on
        own_number = _number(opening.group(opening.lastindex))
        last[_INLINE_STYLES[opening.lastindex - 1]] = own_number
    own_title = _title_prefix(text)  # 自评价报告一、基本情况…: the first heading follows the report title
    title_end = own_title[1] if own_title else -1
    pieces: list[Block] = []
    for i, match in enumerate(found):
        group = next(g for g in range(len(_INLINE_STYLES)) if match.group(g + 1) is not None)
        style, number = _INLINE_STYLES[group], _number(match.group(group + 1))
        bound = found[i + 1].start() if i + 1 < len(found) else len(text)
        title = _inline_title(text[match.end() : bound])
        after_title = 0 <= title_end <= match.start() and not text[title_end : match.start()].strip()
        # …公开如下：X绩效自评报告一、…: a report's title run in mid-paragraph opens its outline
        after_run_in_title = number == 1 and _ends_with_title(text, match.start())
        # a page flattened into one line keeps only spaces between its parts (评价人员: 201 一、项目基本情况 (一)…)
        after_space = number == 1 and text[match.start() - 1].isspace() and (title or "").endswith(_heading_ends())
        follows = text[match.start() - 1] in _SENTENCE_END or after_title or after_run_in_title or after_space
        continues = number is not None and style in last and last[style] == number - 1
        # going on from the paragraph's own number without a sentence end before it, the title must read as one
        # (…,二、总体绩效目标完成情况, not 分二、三两批下达)
        opened_by_paragraph = continues and not pieces and last.get(style) == own_number
        if opened_by_paragraph and not follows and not (title or "").endswith(_heading_ends()):
            continue
        if group == _SPACED_GROUP:
            follows = follows and (number == 1 or continues)  # a bare number in prose is no heading
        if title is None or not (follows or continues):
            continue
        last[style] = number
        title_end = match.end() + len(title)
        start = block.start + match.start()
        pieces.append(Block("paragraph", start, block.start + title_end, text[match.start() : title_end]))
    return pieces


@cache
def _title_ending() -> re.Pattern:
    return re.compile(f"(?:{title_sign('report', 'table').pattern})$")


def _ends_with_title(text: str, at: int) -> bool:
    """Does ``text`` end with a report or table title's ending just before ``at``?"""
    return _title_ending().search(text, max(0, at - _MAX_TITLE_ENDING_CHARS), at) is not None


_MAX_TITLE_ENDING_CHARS = 12


def _expand(blocks: list[Block]) -> tuple[list[Block], set[int]]:
    """The blocks with each paragraph's inline headings after it, and the indices of those."""
    expanded: list[Block] = []
    inline: set[int] = set()
    for block in blocks:
        expanded.append(block)
        if block.kind == "paragraph":
            for piece in _inline_headings(block):
                inline.add(len(expanded))
                expanded.append(piece)
    return expanded, inline


def _with_title_below(heading: _Heading, blocks: list[Block], index: int) -> _Heading:
    """A numbered heading whose marker stands alone on its line (a converted page: （三） ⏎ 存在问题。) with the
    short line under it as its title; any other heading as it is."""
    below = blocks[index + 1] if index + 1 < len(blocks) else None
    if heading.title or heading.style in _WITHOUT_TITLE_BELOW or below is None or below.kind != "paragraph":
        return heading
    split = _TITLE_SPLIT.search(below.text)
    title = below.text[: split.end()] if split else below.text
    limit = _MAX_TITLE_BELOW_CHARS.get(heading.style, _MAX_TITLE_CHARS.get(heading.style, _MAX_LIST_PRONE_TITLE_CHARS))
    if (
        not title
        or len(title) > limit
        or _numbered_heading(below) is not None
        or _states_figure(title)
        or _SENTENCE_MARKS.search(title)  # 根据《…》要求，现将…报告如下：: a sentence, no title
    ):
        return heading
    if title_pattern("report", "table", "other").search(below.text):
        return heading  # 一、 ⏎ 某某项目绩效自评报告: the report's own title, a section of its own
    return replace(heading, title=title, heading_end=below.start + len(title))


_LABEL_HEADING_CHARS = (3, 16)  # 问题 or 建议 alone is too common a word to stand for a part


def _label_heading(block: Block) -> _Heading | None:
    """A heading with no number, alone on its line, whose whole words name a part of a self-evaluation (主要问题,
    整改建议, 评价结论, 年度绩效目标完成情况): the statement and decisive heading vocabularies, and the parts
    of a 自评表 flattened into lines."""
    if len(block.text) > MAX_PART_CHARS:
        return None
    core = part_core(block.text)
    if not _LABEL_HEADING_CHARS[0] <= len(core) <= _LABEL_HEADING_CHARS[1]:
        return None
    # a line closing with a bar is a flattened table's cell: a statement label there is its row readers'
    if not block.text.rstrip().endswith("|") and any(pattern.fullmatch(core) for pattern in part_heading_patterns()):
        return _Heading("label", None, None, block.text, block.start, block.end, False)
    if form_part_label(core) is not None:  # a flattened 自评表's part on a line of its own (年度总体目标)
        return _Heading("form", None, None, block.text, block.start, block.end, False)
    return None


# A part's label opening a line, then its text after a cell's bar or a gap (改进措施| 1.…, 存在问题 一是…).
_RUN_IN_LABEL = re.compile(rf"\s*(?P<label>[\u4e00-\u9fff][^|｜:：\s]{{1,{MAX_PART_CHARS}}})\s*(?:[|｜]|\s)\s*(?=\S)")


def _run_in_label_heading(block: Block) -> _Heading | None:
    """A statement or decisive part's label that the line's text runs on from after a cell's bar or a gap
    (改进措施| 1.…, a flattened form's row 存在问题 一是…), or straight into its first point (改进措施1.…, the
    gap lost in normalizing): the label is the heading, its text the part's first line."""
    match = _RUN_IN_LABEL.match(block.text)
    label_end = match.end("label") if match is not None else None
    if match is None or not _names_a_part(match["label"]):
        label_end = next(
            (
                end
                for end in range(_LABEL_HEADING_CHARS[0], min(len(block.text), MAX_PART_CHARS) + 1)
                if block.text[end - 1] not in _LABEL_COLONS
                and _FIRST_POINT.match(block.text, end)
                and _names_a_part(block.text[:end])
            ),
            None,
        )
    if label_end is None:
        return None
    return _Heading("label", None, None, block.text[:label_end], block.start, block.start + label_end, False)


def _names_a_part(label: str) -> bool:
    core = part_core(label)
    return _LABEL_HEADING_CHARS[0] <= len(core) <= _LABEL_HEADING_CHARS[1] and any(
        pattern.fullmatch(core) for pattern in part_heading_patterns()
    )


_LABEL_COLONS = ":："  # 存在问题：一是…: a label line the statement readers read as one, no heading
_FIRST_POINT = re.compile(f"{marker('point')}|{marker('circle')}|{marker('par')}|(?<![\\d.]){marker('ar')}")


_MAX_PART_WORDS = 4  # 绩 效 指 标: a part's name spaced out letter by letter
_MAX_CELL_LINE_CHARS = 8  # a flattened table's cell on a line of its own (分, 10, ≥38公里)
_CELL_LINES_SEEN = 3
_FIGURE = re.compile(r"\d")
_BARE_FIGURE = re.compile(r"[≥≤<>=＝]?\s*\d+(?:\.\d+)?\s*(?:%|[\u4e00-\u9fff]{1,3})?")  # 8, ≥38 公里, 9.37


def _column_word_over_cells(blocks: list[Block], index: int) -> bool:
    """Is a label line a flattened table's column header (偏差原因 over 分 ⏎ 10 ⏎ ≥38公里 …): the word of a 自评表's
    reason column over a bare figure, or over short cells with a figure among them; not the prose or 无。 a heading
    opens?"""
    if column_role(part_core(blocks[index].text)) != "reason":
        return False
    following = blocks[index + 1 : index + 1 + _CELL_LINES_SEEN]
    if following and following[0].kind == "paragraph" and _BARE_FIGURE.fullmatch(following[0].text):
        return True  # a cell's figure right under it (偏差原因 ⏎ 8 ⏎ 原因：…)
    return (
        len(following) == _CELL_LINES_SEEN
        and all(b.kind == "paragraph" and len(b.text) <= _MAX_CELL_LINE_CHARS for b in following)
        and any(_FIGURE.search(b.text) for b in following)
    )


def _statements_title(block: Block) -> _Heading | None:
    """A title over the statements that names its subject before them (草原生态保护补助奖励资金项目存在的问题及改进
    措施): too long for a part's name, yet a heading, not the first problem."""
    text = block.text.strip()
    if len(text) > _MAX_TITLE_CHARS["part"] or _PROSE_IN_TITLE.search(text) or starts_enumeration(text):
        return None
    subjects = tuple(vocabulary("sections")["statement_title_subjects"])
    for at in range(1, len(text) - 1):
        if any(word in text[:at] for word in subjects) and any(
            pattern.fullmatch(text, at) for kind, pattern in statement_heading_patterns().items() if kind != "other"
        ):
            return _Heading("label", None, None, block.text, block.start, block.end, False)
    return None


def _heads_a_column(word: str) -> bool:
    goal_words = vocabulary("sections")["goal_columns"]
    return column_role(word) is not None or is_budget_label(word) or any(goal in word for goal in goal_words)


def _part_before_its_columns(block: Block) -> _Heading | None:
    """A flattened 自评表's part named at the head of the line of its columns' headers (总体目标完成情况 预期目标
    实际完成情况, 资金投入情况(万元) 全年预算数(A) 全年执行数(B)): the part's name is the heading. Every word after
    it must be a column's header, so a sentence opening with a part's words is left alone."""
    words = list(re.finditer(r"\S+", block.text))
    for count in range(1, min(_MAX_PART_WORDS, len(words) - 1) + 1):
        name_end = words[count - 1].end()
        if form_part_label(block.text[:name_end]) is None:
            continue
        columns = [word.group() for word in words[count:]]
        if all(_heads_a_column(column) for column in columns):
            return _Heading("form", None, None, block.text[:name_end], block.start, block.start + name_end, False)
        return None
    return None


_CAPTION_CHARS = (5, 40)  # 项目绩效目标表 to a year's long form name; a longer line is prose
_CAPTION_NOTE = re.compile(r"\s*[(（][^()（）]{1,20}[)）]\s*$")  # (2021年度), (单位:万元) after it


def _caption_heading(blocks: list[Block], index: int) -> _Heading | None:
    """A table's caption alone on its line right above the table (2023年度部门整体支出绩效评价基础数据表): the heading
    of the part the table is. A line with a sentence's marks is prose that mentions a table (详见下表)."""
    block = blocks[index]
    if index + 1 >= len(blocks) or blocks[index + 1].kind != "table":
        return None
    core = _CAPTION_NOTE.sub("", CAPTION_NUMBER.sub("", block.text.strip()))
    if not _CAPTION_CHARS[0] <= len(core) <= _CAPTION_CHARS[1] or _PROSE_IN_TITLE.search(core):
        return None
    titles = vocabulary("titles")
    if not core.endswith(tuple(titles["caption_endings"])) or any(word in core for word in titles["caption_pointers"]):
        return None
    return _Heading("label", None, None, block.text, block.start, block.end, False)


def _find_headings(blocks: list[Block]) -> list[_Heading]:
    blocks, inline = _expand(blocks)
    candidates: dict[int, _Heading] = {}
    titles: dict[int, tuple[_Heading, int, int]] = {}
    for index, block in enumerate(blocks):
        if block.kind == "table":
            continue
        if index in inline:
            heading = _numbered_heading(block, inline=True)
            if heading is not None:
                candidates[index] = heading
            continue
        title = _report_title(blocks, index)
        heading = _numbered_heading(block)
        if title is not None and not _continues_numbering(heading, candidates):
            titles[title[1]] = title
            continue
        if heading is not None:
            candidates[index] = _with_title_below(heading, blocks, index)
        elif (lost := _lost_number_heading(block)) is not None:
            candidates[index] = lost
        elif (
            label := (
                _label_heading(block)
                or _run_in_label_heading(block)
                or _part_before_its_columns(block)
                or _statements_title(block)
                or _caption_heading(blocks, index)
            )
        ) and not _column_word_over_cells(blocks, index):
            candidates[index] = label
    listed = _list_items(blocks, candidates) | _lone_decimals(candidates)
    # the line a marker alone on its line (（三） ⏎ 存在问题。) took its title from is no block of its own
    continued = {i + 1 for i, heading in candidates.items() if heading.heading_end > blocks[i].end}
    headings: list[_Heading] = []
    skip_until = -1
    inside_report = False
    table_title_open = False  # a 自评表 title whose indicator table has not come yet
    for index, block in enumerate(blocks):
        if index <= skip_until or index in continued:
            continue
        if index in titles:
            heading, _, last = titles[index]
            headings.append(heading)
            skip_until = last
            inside_report = bool(title_sign("report").search(heading.title))
            table_title_open = not inside_report and bool(title_sign("table").search(heading.title))
            continue
        if block.kind == "table":
            # the same table on the next page, its header printed again: no new form
            heading = None if _continues_table(blocks, index) else _table_heading(block, inside_report)
            # A 自评表 under its own title (after its form and budget rows) belongs to that title's section.
            if heading is not None and not table_title_open:
                headings.append(heading)
            if heading is not None:
                table_title_open = False
            headings += _form_parts(block)
            continue
        if index in candidates and index not in listed:
            headings.append(candidates[index])
            if candidates[index].style in _STRUCTURAL:
                inside_report = table_title_open = False
    return headings


@cache
def _names_document() -> re.Pattern:
    """A title's end naming a document of its own (…报告, …表), a note in brackets after it allowed."""
    return re.compile(rf"(?:{alternation(vocabulary('titles')['document_endings'])})(?:[(（][^()（）]*[)）])?$")


def _continues_numbering(heading: _Heading | None, candidates: dict[int, _Heading]) -> bool:
    """Is a numbered line that reads as a title (三、部门整体支出绩效自评情况) a part of the report, its number going on
    from the last heading of its kind (二、…)? A line naming a report or form of its own (二、乙项目绩效自评报告) is a
    title still."""
    if heading is None or heading.number is None or heading.number < 2 or heading.style == "part":
        return False
    if _names_document().search(heading.title):
        return False
    last = next((c for c in reversed(candidates.values()) if c.style == heading.style), None)
    return last is not None and last.number == heading.number - 1


def _without_contents_entries(headings: list[_Heading], text: str) -> list[_Heading]:
    """The headings without a table of contents' entries, which a page printed without their page numbers.

    After a 目录 heading, the entries run until the body repeats the first of them (第一部分 部门概况 …
    第一部分 部门概况): those in between are the contents' lines, not sections. A contents whose first entry
    never comes again is left as it is. A contents printed without its 目录 line (报告摘要 ⏎ 一、… ⏎ 六、有关建议
    ⏎ 报告正文 ⏎ 一、…) is read the same way: see ``_unheaded_contents``.
    """
    index = next((k for k, heading in enumerate(headings[:-1]) if heading.style == "toc"), None)
    if index is None:
        entries = _unheaded_contents(headings, text)
        return headings if entries is None else headings[: entries[0]] + headings[entries[1] :]
    first = _title_key(headings[index + 1])
    body = next((j for j in range(index + 2, len(headings)) if _title_key(headings[j]) == first), None)
    return headings if body is None else headings[: index + 1] + headings[body:]


_MIN_CONTENTS_ENTRIES = 4  # fewer headings in a row with no text are a short form's, not a contents


def _unheaded_contents(headings: list[_Heading], text: str) -> tuple[int, int] | None:
    """(first entry, first body heading) of a contents with no 目录 heading, or None.

    Its entries are numbered headings in a row with nothing between them, at least ``_MIN_CONTENTS_ENTRIES``,
    listing at least two of the document's parts (一、… 二、…: a report's first headings nested one in another,
    一、 ⏎ (一) ⏎ 1. ⏎ (1), list one part); the body repeats every entry, in order, after the run (a page cut off
    in its body: the first entries, its last headings). Only the first such run is looked at: a text of many is no
    report."""
    run_start = 0
    for k in range(1, len(headings) + 1):
        adjacent = (
            k < len(headings)
            and headings[k - 1].number is not None
            and headings[k].number is not None  # a title over the entries is none of them
            and not text[headings[k - 1].heading_end : headings[k].start].strip()
        )
        if adjacent:
            continue
        if k - run_start >= _MIN_CONTENTS_ENTRIES:
            entries = headings[run_start:k]
            parts = sum(entry.style == entries[0].style for entry in entries)
            body = _body_start(entries, headings[k:]) if parts >= 2 else None
            return None if body is None else (run_start, k + body)
        run_start = k
    return None


_MIN_REPEATED_ENTRIES = 2


def _body_start(entries: list[_Heading], after: list[_Heading]) -> int | None:
    """Where in ``after`` the body repeating the entries starts: it holds every entry's title again, in order (other
    headings may come between), or the first ones of them up to the text's end (a page cut off inside its body)."""
    keys = [_title_key(entry) for entry in entries]
    matched, first = 0, None
    for j, heading in enumerate(after):
        if matched < len(keys) and _title_key(heading) == keys[matched]:
            first = j if matched == 0 else first
            matched += 1
    cut_off = matched >= _MIN_REPEATED_ENTRIES and _title_key(after[-1]) == keys[matched - 1]
    return first if matched == len(keys) or cut_off else None


def _title_key(heading: _Heading) -> str:
    return _WHITESPACE.sub("", heading.title)


_WHITESPACE = re.compile(r"\s+")


@dataclass
class _Frame:
    style: str
    last: int | None
    section: Section


def _place(stack: list[_Frame], heading: _Heading) -> int | None:
    """Pop the stack to where ``heading`` belongs; return the index its frame takes.

    None means the heading is no heading after all: a list-prone item (``8.``)
    that continues no open level is a stray list item.
    """
    if heading.style == "part" or heading.style == "toc":
        return 0
    if heading.style == "attachment":
        return next((i + 1 for i in range(len(stack) - 1, -1, -1) if stack[i].style == "part"), 0)
    if heading.style in _ROOTS:
        floor = next((i + 1 for i in range(len(stack) - 1, -1, -1) if stack[i].style in _STRUCTURAL), 0)
        part = _part_of_form(stack, heading, floor)
        return floor if part is None else part
    floor = next((i + 1 for i in range(len(stack) - 1, -1, -1) if stack[i].style in (*_STRUCTURAL, *_ROOTS)), 0)
    numbered = list(range(len(stack) - 1, floor - 1, -1))  # innermost first
    n = heading.number
    if n is not None:
        for i in numbered:  # the level this number continues
            if stack[i].style == heading.style and stack[i].last == n - 1:
                return i
        past = _continued_past_form(stack, heading, floor)
        if past is not None:
            return past
        if n == 1:
            return len(stack)
        # A numbering slip (1、 for 一、, (2) for (二)) stays within its family. A
        # list-prone number may only slip onto the innermost level; elsewhere it
        # is a stray list item, not a heading.
        family = _SLIP_FAMILY[heading.style]
        slips = numbered[:1] if heading.style in _LIST_PRONE else numbered[::-1]
        for i in slips:
            if stack[i].style == family and stack[i].last == n - 1:
                return i
        if heading.style in _LIST_PRONE:
            return None
    for i in numbered:  # numbers skip: still the same level
        if stack[i].style == heading.style:
            return i
    return len(stack)


def _part_of_form(stack: list[_Frame], heading: _Heading, floor: int) -> int | None:
    """Where a 自评表's title nests inside the numbered part naming its project (一、X项目 … 自评表如下： 项目支出绩效
    自评表): right under that part, else None (a form's title is a root of its own)."""
    if heading.style != "title" or not TABLE_SIGNS.search(heading.title):
        return None
    return next(
        (i + 1 for i in range(len(stack) - 1, floor - 1, -1) if stack[i].style == "cn" and _names_project(stack[i])),
        None,
    )


def _names_project(frame: _Frame) -> bool:
    return bool(PROJECT_PART.search(frame.section.heading))


def _continued_past_form(stack: list[_Frame], heading: _Heading, floor: int) -> int | None:
    """The level a number continues from outside the form nested in a part (一、X项目 … 自评表 … 二、Y项目): the
    part's, which the next part closes with its form; None where no such form stands between."""
    for i in range(floor - 1, -1, -1):
        frame = stack[i]
        if frame.style in _ROOTS and (frame.style != "title" or not TABLE_SIGNS.search(frame.section.heading)):
            return None
        if frame.style in _STRUCTURAL:
            return None
        if frame.style == heading.style and frame.last == heading.number - 1 and _names_project(frame):
            return i
    return None


def build_outline(document: IngestedText) -> list[Section]:
    """Detect headings and nest them; sections come in document order."""
    headings = _without_contents_entries(_find_headings(document.blocks), document.text)
    sections: list[Section] = []
    stack: list[_Frame] = []
    for heading in headings:
        position = _place(stack, heading)
        if position is None:
            continue
        position = min(position, _MAX_DEPTH - 1)  # no deeper: it takes the innermost level's place
        # A slip takes over a level but keeps its style: after (一) and (2), (三) still continues it.
        style = heading.style
        if position < len(stack) and style in _SLIP_FAMILY and stack[position].style in _SLIP_FAMILY:
            style = stack[position].style
        del stack[position:]
        parent = stack[-1].section if stack else None
        # A numbered heading is quoted from the text; a report title may join several lines.
        quoted = heading.title if heading.style in _ROOTS else document.text[heading.start : heading.heading_end]
        title = quoted.rstrip(" |")  # the empty cells of a table row flattened into the heading's line
        section = Section(
            id=f"s{len(sections) + 1}",
            parent=parent.id if parent else None,
            level=len(stack) + 1,
            number=heading.number_text,
            heading=title,
            style=heading.style,
            start=heading.start,
            end=len(document.text),
            heading_end=heading.heading_end - (len(quoted) - len(title)),
        )
        if parent is not None:
            parent.children.append(section.id)
        sections.append(section)
        stack.append(_Frame(style, heading.number, section))
    _close(sections)
    return sections


def _close(sections: list[Section]) -> None:
    """End each section where the next section at its level or above starts, in one pass."""
    open_sections: list[Section] = []
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end = section.start
        open_sections.append(section)

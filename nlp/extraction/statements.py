"""Problems and suggestions (问题与建议) per evaluation: one item per enumerated point or sentence.

Templates put them in three places, all read within the evaluation's sections:

- sections whose heading announces them (存在的问题及原因分析, 下一步拟改进措施 …; the variants are
  data in ``nlp/text/vocab/statements.toml``). Numbered points the outline took for sub-headings are
  items of their section; a combined 问题及建议 section is split where the suggestions begin; a
  section's text stops at a table or a title (the 自评表 annexed after the last section);
- labelled lines outside such sections: a 自评表 row or a line opening with its label
  (存在问题 | 无, or a heading's words as a cell: 存在的问题及原因 | …), the label alone with its text
  on the next line (a table scraped one cell per line), or a label run into its paragraph
  (…,存在的问题:一是…; 本项目存在的问题：…; 五、存在的问题…六、几点建议…); an evaluation the outline
  gave no section (a page scraped into one paragraph) is read whole this way. A heading's words
  heading a column in a row of labels (资金管理情况 | 情况说明 | 存在问题和改进措施) label each row's
  cell below, up to a cell that states nothing (the next part of the form);
- only where none of these says anything: the cells of an indicator table's
  偏差原因分析及改进措施 column (that column only), each split into its cause (a problem) and its
  measure (a suggestion); such a reason is specific by its row, never boilerplate.

A text that says only 无 / 暂无 / 未发现问题 gives one item marked as a none-statement
(``无重大问题，但存在以下不足：一是…`` is not one), and so does a statement heading with nothing
under it before the next heading (its item's text is empty); unfilled template prompts
(…(200字以内)), pointers (见正文) and the report's closing score line (自评得分：92分) are no statement.
Points nested in a point that closes on a colon (一是…原因是：1.… 2.…) are part of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

from nlp.structure.keyword_rules import alternation
from nlp.structure.meta import names_an_organisation
from nlp.structure.sections import statement_heading
from nlp.structure.units import same_project
from nlp.text.blocks import Block, IngestedText
from nlp.text.corpus_stats import Reference
from nlp.text.document import Evaluation, Section, Statement
from nlp.text.normalize import ENUMERATION_START
from nlp.text.vocabulary import column_keywords, level_of_label, marker, title_pattern, vocabulary

_STATEMENTS = vocabulary("statements")
NONE_STATEMENT = re.compile(rf"^(?:{alternation(_STATEMENTS['none']['whole'])})[。.;；]?$")
# Where a new point begins: 一是, ①, (1), (一), 1. / 1、 (not 1.5).
_POINT = re.compile(
    f"(?P<point>{marker('point')})|(?P<circle>{marker('circle')})|(?P<par>{marker('par')})"
    f"|(?P<pcn>{marker('pcn', digits=1)})"
    # 1. 2、 and 2.2024年…, not 1.5 or 1.2个
    rf"|(?P<ar>(?<![\d.]){marker('ar', ends='')}[.、](?:(?!\d)|(?=(?:19|20)\d{{2}}年)))"
)
# A paragraph opening with a heading's number (六、有关建议) that the outline took for no section is a contents'
# entry or a stray list item: no label whose text is the next line.
_HEADING_NUMBER = re.compile(f"{marker('cn')}|{marker('pcn')}")  # 三、 (三): the outline's headings
_ITEM_NUMBER = re.compile(marker("ar"))  # 3.
_POINT_CUT_AFTER = "。；;\n:：."  # an enumerator starts a point only at a sentence's end
# …, or at a clause's end for the words and signs no sentence holds otherwise (一是…，二是…; ①…，②…).
_NUMBER_BEFORE_FIGURE = re.compile(r"(?<![\d.])(\d{1,2})\.(?=\d)")
_POINT_NUMBER = re.compile(r"(\d{1,2})\.")
_INLINE_POINT = re.compile(f"{marker('point')}|{marker('circle')}")
_INLINE_CUT_AFTER = _POINT_CUT_AFTER + "，,"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
_LEAD_IN = re.compile(alternation(_STATEMENTS["points"]["lead_in"]))
_CAUSE = re.compile(r"由于|因为|原因|导致|造成|受.{1,8}影响")
# Searched, never matched whole: a name is a suffix after two characters, so no run of text is scanned twice.
_NAMED = re.compile(r"《[^》《]+》|“[^”“]+”|(?<=[\u4e00-\u9fff]{2})(?:局|办公室|中心|委员会|项目|系统|平台|工程)")
TEMPLATE_SHARE = 0.5  # of a statement's words in sentences with the group's common tetragrams
_EMPTY_QUOTE = re.compile(r"“[^\u4e00-\u9fff”“]*”")
_CLAUSE = re.compile(r"[，,；;。！？!?]")
_CELL_EDGE = " \t|丨｜"  # a cell's bar, or a scan's bar read as a character
_LABEL_SPLIT = re.compile(r"[:：\s]")  # a label line's label ends at its colon or space (备注：…)
# The words of a label run up to its marker (改进的方向和具体 before 措施：): Han characters, no mark or space,
# searched in the characters just before the marker.
_MAX_LABEL_WORDS = 10
_LABEL_WORDS = re.compile(rf"[\u4e00-\u9fff]{{1,{_MAX_LABEL_WORDS}}}$")
_SPACES = re.compile(r"\s+")
_SPACES_AT = re.compile(r"\s*")
_GAP = re.compile(r"[ \t]*")  # the spaces inside a line
_CELL = re.compile(r"[^\t|]+")
# Before a label run into its paragraph: the paragraph's start, a sentence or cell end.
_BOUNDARY = frozenset("。；;，,.!！?？ \t|")
_SUBJECT_CHARS = 6  # 本项目存在的问题： / 自评发现的主要问题：, a subject before a label with its colon
_SUBJECT = re.compile(rf"[\u4e00-\u9fff]{{1,{_SUBJECT_CHARS}}}$")
_RUN_TOGETHER_CHARS = 80  # a 自评表 row run into the next: 存在问题暂无改进措施暂无项目负责人:
_RUN_TOGETHER_LABEL_CHARS = 4  # 问题 alone is too common a word
_END_ROW = re.compile(rf"\s*(?:{alternation(_STATEMENTS['deviation']['end_rows'])})")
_TITLE_CHARS = 60
_LABEL_CELL_CHARS = 20  # a longer cell is text, not a label
_INLINE_KINDS = ("combined", "problem", "suggestion", "other", "stop")  # the label groups of the inline pattern
# Numbering depth of heading styles: a point is numbered deeper than the section it is a point of.
_DEPTH = {"part": 0, "toc": 0, "attachment": 1, "title": 1, "table": 1}
_DEPTH.update({"cn": 2, "pcn": 3, "ar": 4, "par": 5, "circle": 6})


@dataclass(frozen=True)
class _Vocabulary:
    """``nlp/text/vocab/statements.toml`` compiled once."""

    none_tail: re.Pattern
    none_tail_chars: int
    prompt: re.Pattern
    closing: re.Pattern
    pointer: re.Pattern
    template: re.Pattern
    template_share: float
    suggestions_open: re.Pattern  # at a line's or point's start
    suggestions_marker: re.Pattern  # anywhere in a later line
    row_label: re.Pattern  # a line opening with a row label
    row_kinds: dict[str, str]  # row label → problem | suggestion | stop
    inline: re.Pattern  # a label anywhere in a paragraph, with its number and colon
    deviation_column: re.Pattern
    not_deviation_column: re.Pattern
    measure: re.Pattern
    deviation_chars: int
    shortfall: re.Pattern
    shortfall_chars: int


@cache
def _vocabulary() -> _Vocabulary:
    rows, headings, deviation = _STATEMENTS["rows"], _STATEMENTS["headings"], _STATEMENTS["deviation"]
    row_kinds = {label: kind for kind in ("problem", "suggestion", "stop") for label in rows[kind]}
    literals = sorted(row_kinds, key=len, reverse=True)
    labels = "|".join(f"(?P<{kind}>{alternation(headings[kind])})" for kind in _INLINE_KINDS[:-1])
    stops = "|".join(map(re.escape, sorted(rows["stop"], key=len, reverse=True)))
    number = "|".join(
        (marker("cn", ends="、", digits=3), marker("pcn", digits=3), marker("par"), rf"(?<![\d.]){marker('ar')}")
    )
    return _Vocabulary(
        none_tail=re.compile(_STATEMENTS["none"]["tail"]),
        none_tail_chars=_STATEMENTS["none"]["tail_max_chars"],
        prompt=re.compile(alternation(_STATEMENTS["prompts"]["markers"])),
        closing=re.compile(
            rf"(?:^|(?<=[。；;!！?？]))\s*{_STATEMENTS['closing']['preamble']}(?:{alternation(_STATEMENTS['closing']['markers'])})"
        ),
        pointer=re.compile(alternation(_STATEMENTS["pointers"]["markers"])),
        template=re.compile(alternation(_STATEMENTS["template"]["phrases"])),
        template_share=_STATEMENTS["template"]["share"],
        suggestions_open=re.compile(alternation(_STATEMENTS["combined"]["suggestions_open"])),
        suggestions_marker=re.compile(alternation(_STATEMENTS["combined"]["suggestions_marker"])),
        row_label=re.compile(rf"[\s|]*(?P<label>{'|'.join(map(re.escape, literals))})(?=[\s|:：]|$)[\s|:：]*"),
        row_kinds=row_kinds,
        inline=re.compile(rf"(?P<number>{number})?(?:{labels}|(?P<stop>{stops}))(?P<colon>[:：])?"),
        deviation_column=re.compile("|".join(map(re.escape, deviation["columns"]))),
        not_deviation_column=re.compile("|".join(map(re.escape, deviation["not_columns"]))),
        measure=re.compile(rf"(?:^|[；;。])\s*(?P<measure>{alternation(deviation['measure_begins'])})"),
        deviation_chars=deviation["min_chars"],
        shortfall=re.compile(alternation(deviation["shortfall"])),
        shortfall_chars=deviation["shortfall_min_chars"],
    )


def is_none_statement(text: str) -> bool:
    """无 / 暂无 / 未发现问题, alone or closing a short sentence (…运转正常，暂无问题)."""
    text = text.strip(_CELL_EDGE)
    vocab = _vocabulary()
    label = vocab.row_label.match(text)  # 存在问题：无。 under its heading: the label's own line
    if label is not None and label.end() < len(text):
        text = text[label.end() :].lstrip(":： ")
    if NONE_STATEMENT.match(text):
        return True
    core = text.rstrip("。.;；")
    return len(core) <= vocab.none_tail_chars and "但" not in core and bool(vocab.none_tail.search(core))


def has_specifics(text: str) -> bool:
    """A number, a date, a named object or a stated cause: what template phrasing lacks."""
    return bool(re.search(r"\d", text) or _CAUSE.search(text) or _NAMED.search(text))


def _unnumbered(text: str) -> str:
    """A point without its enumerator (1、 2. 一是), whose number says nothing about the point."""
    text = text.strip()
    return _POINT.sub("", text, count=1) if _POINT.match(text) else text


def is_template_prose(text: str) -> bool:
    """Most clauses are template phrasing (有待进一步加强 …) and nothing specific is left without it."""
    vocab = _vocabulary()
    core = _unnumbered(text)
    clauses = [clause for clause in _CLAUSE.split(core) if clause.strip()]
    if not clauses:
        return False
    templated = sum(1 for clause in clauses if vocab.template.search(clause))
    residue = _EMPTY_QUOTE.sub("", vocab.template.sub("", core))  # “花钱必问效，无效必问责” leaves “，”
    return templated / len(clauses) >= vocab.template_share and not has_specifics(residue)


def split_points(text: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each point: one per enumerated point, else one per sentence.

    Enumerators (一是, 1., (一) …) start a point at the text's start, a line's start or a sentence's
    end (一是 and ① at a clause's end too); every line is a point or part of one. Text before the first
    enumerator is a point of its own.
    """
    # a line opens a point unless it goes on with a sentence a full line before left open (…项目竣 ⏎ 工结算，…)
    cuts = {0} | {match.end() for match in re.finditer(r"\n", text) if not _wraps_onto(text, match.start())}
    for match in _POINT.finditer(text):
        before = match.start()
        while before and text[before - 1] == " ":
            before -= 1
        cut_after = _INLINE_CUT_AFTER if _INLINE_POINT.match(match.group()) else _POINT_CUT_AFTER
        if not before or text[before - 1] in cut_after:
            cuts.add(match.start())
    # …；2.12座公厕…: the point after 1., its text opening with a figure
    numbered = {}  # the number each cut opens with (1.) and where it first does
    for cut in sorted(cuts):
        if (opening := _POINT_NUMBER.match(text, cut)) is not None:
            numbered.setdefault(int(opening.group(1)), cut)
    for match in _NUMBER_BEFORE_FIGURE.finditer(text):
        number, at = int(match.group(1)), match.start()
        if at and text[at - 1] in _POINT_CUT_AFTER and numbered.get(number - 1, at) < at:
            cuts.add(at)
            numbered.setdefault(number, at)
    if not any(_POINT.match(text, cut) for cut in cuts):
        cuts.update(match.start() for match in _SENTENCE.finditer(text))
    bounds = [*_outer_cuts(text, sorted(cuts)), len(text)]
    points = []
    for start, end in pairwise(bounds):
        piece = text[start:end]
        stripped = piece.strip(_CELL_EDGE + "\n")
        if stripped:
            lead = len(piece) - len(piece.lstrip(_CELL_EDGE + "\n"))
            points.append((offset + start + lead, offset + start + lead + len(stripped)))
    return points


_MIN_WRAPPED_LINE_CHARS = 15  # a line a page wrapped at its width; a shorter one (a unit's name signing off) ends


def _wraps_onto(text: str, newline: int) -> bool:
    """Does the line ending at ``newline`` go on on the next one: long, no sentence's end, the next no point?"""
    line = text[text.rfind("\n", 0, newline) + 1 : newline].rstrip(_CELL_EDGE)
    return (
        len(line) >= _MIN_WRAPPED_LINE_CHARS
        and not line.endswith(_POINT_ENDS)
        and _POINT.match(text, newline + 1) is None
    )


def _outer_cuts(text: str, cuts: list[int]) -> list[int]:
    """``cuts`` without those of points nested in a point that a sentence closes with a colon: 一是…，主要原因
    是：1.… 2.… is one point, up to the next of its own style (二是) or a line with no enumerator. A titled
    point (（一）存在问题：) keeps its own.
    """
    kept = cuts[:1]
    outer = None  # the style of the point the nested ones belong to
    for cut in cuts[1:]:
        style = (match := _POINT.match(text, cut)) and match.lastgroup
        if outer is not None and style is not None and style != outer:
            continue
        outer = None
        previous = text[kept[-1] : cut].rstrip(" \n")
        opening = _POINT.match(previous)
        nests = opening and style and style != opening.lastgroup and previous.endswith((":", "："))
        if nests and _CLAUSE.search(previous, opening.end()):
            outer = opening.lastgroup
            continue
        kept.append(cut)
    return kept


# The sign-off under a report's last section: the unit's name, the date. No point of a statement.
_SIGN_OFF_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
_BARE_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z()（）]{3,30}$")


def _is_sign_off(text: str) -> bool:
    return bool(_SIGN_OFF_DATE.match(text)) or (bool(_BARE_NAME.match(text)) and names_an_organisation(text))


def _is_statement(text: str) -> bool:
    vocab = _vocabulary()
    core = text.strip("。；;,， ")
    return bool(core) and not _is_sign_off(core) and not vocab.pointer.search(text) and not vocab.prompt.search(text)


def _statements(document: IngestedText, start: int, end: int, kind: str) -> list[Statement]:
    """The points of ``document.text[start:end]`` as statements of one kind (a combined text is split)."""
    if kind == "combined":
        split = _combined_split(document, start, end)
        problems_end = start + len(document.text[start:split].rstrip("，,；; \n"))  # a clause's mark ends no point
        return _statements(document, start, problems_end, "problem") + _statements(document, split, end, "suggestion")
    start = _after_own_label(document.text, start, end, kind)
    body = document.text[start:end]
    stripped = body.strip(_CELL_EDGE + "\n")
    if not stripped:
        return []
    if is_none_statement(stripped):
        lead = len(body) - len(body.lstrip(_CELL_EDGE + "\n"))
        return [Statement(kind, stripped, start + lead, start + lead + len(stripped), True, True)]
    points = split_points(body, start)
    first = document.text[points[0][0] : points[0][1]]
    if len(points) > 1 and _LEAD_IN.search(first) and not _POINT.match(first):
        points = points[1:]  # 还存在一些不足：… introduces the points, it is none of them (一是…原因是： is one)
    begins_suggestion = _vocabulary().suggestions_open.match
    points = [(a, _before_closing(document.text, a, b)) for a, b in points]
    return [
        # 下一步，… / 建议… closing a problems section is a suggestion
        Statement("suggestion" if begins_suggestion(document.text, a, b) else kind, document.text[a:b], a, b, False)
        for a, b in points
        if _is_statement(document.text[a:b])
    ]


def _after_own_label(text: str, start: int, end: int, kind: str) -> int:
    """Where a text's points begin after a label of its own kind opening it with a colon before its first point
    (存在问题：1.… in a 存在问题和改进措施 cell that labels both halves): the label is no part of that point."""
    lead = len(text[start:end]) - len(text[start:end].lstrip(_CELL_EDGE + "\n"))
    label = _LABEL_SPLIT.split(text[start + lead : end], maxsplit=1)[0]
    colon = start + lead + len(label)
    if (
        label
        and colon < end
        and text[colon] in ":："
        and _row_kind(label) == kind
        and _POINT.match(text, colon + 1, end)
    ):
        return colon + 1
    return start


def _before_closing(text: str, start: int, end: int) -> int:
    """Where a point ends before the report's closing score line run into it (``start`` if it is one)."""
    closing = _vocabulary().closing.search(text[start:end])
    return start + len(text[start : start + closing.start()].rstrip()) if closing else end


def _combined_split(document: IngestedText, start: int, end: int) -> int:
    """Where the suggestions of a combined 问题及建议 text begin (``end`` if nowhere).

    A line opening with a suggestion's word or a later line holding a marker decides; failing
    both, a clause opening with one (…尚未完工，下一步将加快…): one paragraph holds both."""
    vocab = _vocabulary()
    for line in re.finditer(r"[^\n]+", document.text[start:end]):
        if vocab.suggestions_open.match(line.group()):
            return start + line.start()
        marker = vocab.suggestions_marker.search(line.group())
        if marker and line.start() > 0:  # from the words of its label before it (改进的方向和具体措施：…)
            label_words = _LABEL_WORDS.search(line.group(), max(0, marker.start() - _MAX_LABEL_WORDS), marker.start())
            return start + line.start() + (label_words.start() if label_words else marker.start())
    for clause_end in _CLAUSE.finditer(document.text, start, end):
        opening = _SPACES_AT.match(document.text, clause_end.end(), end).end()
        if vocab.suggestions_open.match(document.text, opening, end):
            return opening
    return end


def _section_kind(section: Section) -> str | None:
    """The statements a section holds by its heading, or by its label for a variant the vocabulary lacks."""
    kind = statement_heading(section.heading)
    if kind is not None:
        return None if kind == "other" else kind
    return {"problems": "problem", "suggestions": "suggestion"}.get(section.label or "")


def _is_point(section: Section, parent: Section | None) -> bool:
    """A numbered point the outline took for a sub-heading of a statement section: one of its items."""
    return (
        parent is not None
        and _section_kind(parent) is not None
        and statement_heading(section.heading) is None
        and _DEPTH.get(section.style, 0) > _DEPTH.get(parent.style, 0)
    )


def _text_end(document: IngestedText, start: int, end: int, kind: str | None = None) -> int:
    """Where a statement section's text stops: at a table, an annex, a title, a form's closing label (备注：,
    填报人：) or the other kind's label (改进措施：… under 存在问题) inside it."""
    # a label run on into its text (改进措施| 1.…) opens the section inside its line: the next line is no first line
    opens_mid_line = _starts_inside_a_block(document, start)
    ending = {"stop", *({"problem", "suggestion"} - {kind} if kind in ("problem", "suggestion") else ())}
    for index, block in enumerate(_blocks_starting_in(document, start, end)):
        text = block.text
        if block.kind == "table" or text.startswith(("附件", "附表")):
            return block.start
        if (index or opens_mid_line) and _opening_label_kind(text) in ending:
            return block.start  # not the section's first line: 评价结论：… may open a combined section's text
        if len(text) <= _TITLE_CHARS and title_pattern("report", "table").search(text.rstrip(_CELL_EDGE)):
            return block.start
    return end


def _opening_label_kind(text: str) -> str | None:
    """The kind of the row label a line opens with: before its colon or space (备注：…), or run straight into its
    first point (改进措施1.加快…, the space before the number lost in normalizing)."""
    kind = _row_kind(_LABEL_SPLIT.split(text, maxsplit=1)[0])
    if kind is not None:
        return kind
    label = next((word for word in _labels_longest_first() if text.startswith(word)), None)
    return _vocabulary().row_kinds[label] if label and _POINT.match(text, len(label)) else None


@cache
def _labels_longest_first() -> tuple[str, ...]:
    """The row labels, a longer one before its own start (改进措施及结果应用方案 before 改进措施)."""
    return tuple(sorted(_vocabulary().row_kinds, key=len, reverse=True))


def _listing_table(document: IngestedText, section: Section) -> Block | None:
    """The table a statement section's points are set out in, right under its heading (序号 | 问题描述, one row a
    point): a section's text otherwise stops at a table."""
    table = next(
        (b for b in _blocks_starting_in(document, section.heading_end, section.end) if b.kind == "table"), None
    )
    if table is None or document.text[section.heading_end : table.start].strip(_CELL_EDGE + "\n"):
        return None
    return table if any(_numbered_row(row) for row in table.rows) else None


_ROW_NUMBER = re.compile(r"\d{1,2}[.、．]?")


def _numbered_row(row: list) -> bool:
    """A row of a point: its number, then its one text (1 | 部分牧户户籍迁移…)."""
    filled = [cell for cell in row if cell.text.strip()]
    return len(filled) == 2 and bool(_ROW_NUMBER.fullmatch(filled[0].text.strip()))


def _listed_rows(document: IngestedText, table: Block, kind: str) -> list[Statement]:
    """One statement per numbered row of a listing table; a row of one cell naming the other kind (二、改进措施)
    turns the rows after it into that kind's, a header row (序号 | 措施内容) is passed over."""
    statements = []
    for row in table.rows:
        filled = [cell for cell in row if cell.text.strip()]
        if len(filled) == 1:
            heading = statement_heading(ENUMERATION_START.sub("", filled[0].text.strip(), count=1))
            kind = heading if heading in ("problem", "suggestion") else kind
            continue
        if not _numbered_row(row) or kind == "combined":
            continue
        cell = filled[1]
        text = cell.text.strip()
        if _is_statement(text):
            start = cell.start + len(cell.text) - len(cell.text.lstrip())
            statements.append(Statement(kind, text, start, start + len(text), is_none_statement(text)))
    return statements


def _section_ranges(document: IngestedText, section: Section, by_id: dict[str, Section]) -> list[tuple[int, int]]:
    """The section's text without its sub-sections (存在的问题 under 问题及建议): its numbered points stay."""
    end = _text_end(document, section.heading_end, section.end, _section_kind(section))
    ranges, start = [], section.heading_end
    for child in (by_id[c] for c in section.children):
        if not _is_point(child, section) and child.start < end:
            ranges.append((start, child.start))
            start = child.end
    ranges.append((start, end))
    return [(a, b) for a, b in ranges if a < b]


@dataclass(frozen=True)
class _Line:
    """A paragraph or a table row: where labels and their text are looked for."""

    start: int
    end: int
    cells: tuple[tuple[int, int], ...] = ()  # a table row's cells as written, empty ones too; () for a paragraph

    @property
    def row(self) -> bool:
        """A table row: its cells are apart, nothing runs together."""
        return bool(self.cells)


@lru_cache(maxsize=4)  # the document being read; holding more would only keep texts alive
def _block_starts(document: IngestedText) -> list[int]:
    return [block.start for block in document.blocks]


def _starts_inside_a_block(document: IngestedText, position: int) -> bool:
    starts = _block_starts(document)
    index = bisect_right(starts, position) - 1
    return index >= 0 and starts[index] < position < document.blocks[index].end


def _blocks_starting_in(document: IngestedText, start: int, end: int) -> list[Block]:
    """The blocks that start in ``[start, end)``, found by bisection (blocks come in text order)."""
    starts = _block_starts(document)
    return document.blocks[bisect_left(starts, start) : bisect_left(starts, end)]


def _lines(document: IngestedText, spans: list[tuple[int, int]]) -> list[_Line]:
    """Each paragraph and table row of the blocks starting inside ``spans``."""
    lines = []
    for a, b in sorted(spans):
        for block in _blocks_starting_in(document, a, b):
            if block.kind == "table":
                lines.extend(
                    _Line(row[0].start, row[-1].end, tuple((cell.start, cell.end) for cell in row))
                    for row in block.rows
                    if row
                )
            else:
                lines.append(_Line(block.start, block.end))
    return lines


def _cells(document: IngestedText, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _CELL.finditer(document.text, start, end):
        stripped = match.group().strip()
        if stripped:
            lead = len(match.group()) - len(match.group().lstrip())
            yield match.start() + lead, match.start() + lead + len(stripped)


def _first_cell(document: IngestedText, start: int, end: int) -> tuple[int, int] | None:
    """The first non-empty cell (text between tabs and bars) of ``document.text[start:end]``."""
    return next(_cells(document, start, end), None)


def _is_content(document: IngestedText, cell: tuple[int, int]) -> bool:
    """A row's text, not the next label or an indicator table's cell (a 一级/二级 label or a header: 一级指标)."""
    text = document.text[cell[0] : cell[1]].rstrip(":：")
    label = _vocabulary().row_label.match(text)
    # 存在问题：1.…改进措施：1.… under 存在问题和改进措施: labelled halves of the row's text, not the next label
    labelled_text = label is not None and label.group().rstrip().endswith((":", "：")) and len(text) > label.end()
    return (label is None or labelled_text) and level_of_label(text) is None and not _is_header_word(text)


@cache
def _header_words() -> frozenset[str]:
    return frozenset(column_keywords())


def _is_header_word(text: str) -> bool:
    """An indicator table's header cell as a whole (一级指标, 年度指标值), not a sentence that holds one."""
    return _SPACES.sub("", text) in _header_words()


_LABEL_NOTE = re.compile(r"[(（][^()（）]{1,6}[)）]$")


def _row_kind(cell: str) -> str | None:
    """The kind a label cell announces: a row label (存在问题, 项目负责人) or a statement heading's
    words standing as a cell (存在的问题及原因 | …, 问题及建议 | …)."""
    label = _SPACES.sub("", cell).rstrip(":：")  # a label cell wrapped in its column (偏差大或 目标未完成 原因分析)
    label = _LABEL_NOTE.sub("", label)  # 填报单位(盖章)
    kind = _vocabulary().row_kinds.get(label)
    if kind is None and len(label) <= _LABEL_CELL_CHARS:
        kind = statement_heading(label)
    return None if kind == "other" else kind


def _row_statements(document: IngestedText, lines: list[_Line]) -> list[Statement]:
    """Statements of labelled cells (存在问题 | 无), labels opening a line (存在问题：无) or run into one.

    A label cell's text is the next cell, on its line or, when the label closes its line, the
    first of the next line holding nothing else but labels (a table scraped one cell per line,
    or a row the reader cut after its label); numbered points on the lines after it continue it.
    """
    vocab = _vocabulary()
    cells = [(number, a, b) for number, line in enumerate(lines) for a, b in _cells(document, line.start, line.end)]
    kinds = [
        _line_label(document.text, a, b) if not lines[number].row else _row_kind(document.text[a:b])
        for number, a, b in cells
    ]
    labelled = {cells[i][0] for i, kind in enumerate(kinds) if kind}
    statements: list[Statement] = []
    for number, line in enumerate(lines):
        if number in labelled:
            continue
        first = _first_cell(document, line.start, line.end)
        opening = vocab.row_label.match(document.text, *first) if first else None
        if first and opening and opening.end() < first[1]:
            kind = vocab.row_kinds[opening.group("label")]
            statements += _statements(document, opening.end(), first[1], kind) if kind != "stop" else []
        elif not line.row:
            statements += _inline_statements(document, line.start, line.end)
    for i, kind in enumerate(kinds):
        if kind in (None, "stop") or i + 1 == len(cells) or kinds[i + 1] is not None:
            continue
        number, start, end = cells[i + 1]
        if number != cells[i][0]:
            others = [cell for cell in cells if cell[0] == cells[i][0] and cell != cells[i]]
            if any(_is_header_word(document.text[a:b].strip()) for _, a, b in others):
                continue  # 指标名称 | … | 未完成原因: a column's name closing a header row, no row label
            same_line = i + 2
            while same_line < len(cells) and cells[same_line][0] == number:
                same_line += 1
            following = kinds[i + 2 : same_line]
            if any(other is None for other in following):
                continue  # a row of values, not the label's text
            while number + 1 < len(lines) and not following:
                line = lines[number + 1]
                # a point's sentence a page wrapped goes on on an unnumbered line closing it (…项目竣 ⏎ 工结算，…。)
                wrapped = not document.text[:end].rstrip().endswith(_POINT_ENDS) and document.text[
                    line.start : line.end
                ].rstrip(_CELL_EDGE + " ").endswith(_POINT_ENDS)
                if (
                    (_POINT.match(document.text, line.start, line.end) is None and not wrapped)
                    or len(list(_cells(document, line.start, line.end))) != 1
                    or number + 1 in labelled  # the next label's line (4.改进措施。) ends the points
                ):
                    break
                number, end = number + 1, _first_cell(document, line.start, line.end)[1]
        if _is_content(document, (start, end)):
            statements += _statements(document, start, end, kind)
    return statements


def _line_label(text: str, start: int, end: int) -> str | None:
    """The kind a line's label names: a heading's numbered line names none (the outline's), an item's number before
    a label alone does (3.存在问题。 in a summary of the evaluation), not before a problem's sentence (1.存在问题较
    多，…)."""
    if _HEADING_NUMBER.match(text, start):
        return None
    item = _ITEM_NUMBER.match(text, start)
    if item is None:
        return _row_kind(text[start:end])
    core = text[item.end() : end].strip().rstrip("。.:： ")
    return _row_kind(core) if len(core) <= _LABEL_CELL_CHARS and not _SENTENCE_MARK.search(core) else None


_SENTENCE_MARK = re.compile(r"[，,；;。]")
_POINT_ENDS = ("。", "；", ";", "！", "？", "!", "?")


def _runs_together(label: str) -> bool:
    """A row label distinct enough to be read run into the row before and after it (存在问题, 项目负责人)."""
    return len(label) >= _RUN_TOGETHER_LABEL_CHARS and label in _vocabulary().row_kinds


def _at_boundary(text: str, start: int, position: int) -> bool:
    return position == start or text[position - 1] in _BOUNDARY


def _after_subject(text: str, start: int, match: re.Match, label: str) -> bool:
    """A few characters of a subject open the sentence before a label of some length (本项目 | 存在的问题：;
    not 针对上述 | 问题：, where 问题 is a word of the sentence)."""
    if len(label) < _RUN_TOGETHER_LABEL_CHARS:
        return False
    position = match.start()
    subject = _SUBJECT.search(text, max(start, position - _SUBJECT_CHARS), position)
    return subject is not None and _at_boundary(text, start, subject.start())


def _inline_statements(document: IngestedText, start: int, end: int) -> list[Statement]:
    """Labels run into a paragraph: 存在的问题：…, 五、存在的问题…六、几点建议…, 存在问题暂无改进措施暂无.

    A label counts after a sentence or cell end (or a short subject: 本项目存在的问题：) when a colon
    follows it or its first point does (。存在问题 一是…), after a heading number (五、, (二)), or as a 自评表 row
    run into the next row's label within a few characters.
    """
    vocab = _vocabulary()
    text = document.text
    found = [
        (match, next(kind for kind in _INLINE_KINDS if match.group(kind)))
        for match in vocab.inline.finditer(text, start, end)
    ]
    accepted: list[tuple[re.Match, str]] = []
    run_together = False  # the last label taken was a row run into the next
    for i, (match, kind) in enumerate(found):
        label = match.group(kind)
        at_boundary = _at_boundary(text, start, match.start())
        number = match.group("number")
        headed = number is not None and (at_boundary or not number[0].isdigit())
        # a closing label with its colon (…无备注:1.…) ends the text before it wherever it stands (it opens none),
        # but not a note in brackets inside a sentence (…拨付（备注：已于1月拨付完毕），…)
        stop = kind == "stop" and match.group("colon") is not None and not _in_brackets(text, start, match.start())
        # …or, at a sentence's start, straight before its first point (。存在问题 一是…；二是…)
        opens_points = (
            at_boundary and _runs_together(label) and bool(_POINT.match(text, _GAP.match(text, match.end()).end()))
        )
        if (
            headed
            or stop
            or opens_points
            or (match.group("colon") and (at_boundary or _after_subject(text, start, match, label)))
        ):
            ok, run_together = True, False
        else:
            following = found[i + 1] if i + 1 < len(found) else None
            chained = run_together and match.start() - accepted[-1][0].end() <= _RUN_TOGETHER_CHARS
            anchored = (
                at_boundary
                and following is not None
                and _runs_together(following[0].group(following[1]))
                and following[0].start() - match.end() <= _RUN_TOGETHER_CHARS
            )
            ok = run_together = _runs_together(label) and (chained or anchored)
        if ok:
            accepted.append((match, kind))
    statements: list[Statement] = []
    bounds = [match.start() for match, _ in accepted[1:]] + [end]
    for (match, kind), following in zip(accepted, bounds[: len(accepted)], strict=True):
        if kind in ("problem", "suggestion", "combined"):
            statements += _statements(document, match.end(), following, kind)
    return statements


def _in_brackets(text: str, start: int, position: int) -> bool:
    """Is ``position`` inside brackets opened after ``start``?"""
    before = text[start:position]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def _label_cell(text: str) -> bool:
    """A header's cell: a short label without clause marks or digits (情况说明, 存在问题和改进措施)."""
    return len(text) <= _LABEL_CELL_CHARS and not _CLAUSE.search(text) and not re.search(r"\d", text)


def _column_header(document: IngestedText, line: _Line) -> list[tuple[int, str]]:
    """A header row's columns of statements, each counted from the row's end, with what its cells hold.

    ``deviation`` for an indicator table's 偏差原因分析及改进措施 (a cell explains its row's shortfall);
    else the kinds that statement headings standing as column headers announce, in a row of labels
    (资金管理情况 | 情况说明 | 存在问题和改进措施; 存在问题 | 改进措施: a form asking for them row by row).
    """
    vocab = _vocabulary()
    cells = [document.text[a:b].strip() for a, b in line.cells]
    # 序号 | 存在问题 | 原因分析 | 改进措施: a list of problems, its causes a column beside them, no indicator table's
    problems_listed = any(_row_kind(cell) == "problem" and not vocab.deviation_column.search(cell) for cell in cells)
    for index, cell in enumerate([] if problems_listed else cells):
        if vocab.deviation_column.search(cell) and not vocab.not_deviation_column.search(cell):
            # 偏差原因 | 改进措施 as two columns: the measures' cells are suggestions of their own
            measures = [
                (len(cells) - k, "measure") for k in range(index + 1, len(cells)) if _row_kind(cells[k]) == "suggestion"
            ]
            return [(len(cells) - index, "deviation"), *measures]
    labels = [cell for cell in cells if cell]
    if len(labels) < 2 or not all(map(_label_cell, labels)):
        return []
    kinds = [(len(cells) - index, _row_kind(cell) if cell else None) for index, cell in enumerate(cells)]
    return [(index, kind) for index, kind in kinds if kind not in (None, "stop")]


def _states(cell: str) -> bool:
    """A statement column's cell that says something: 暂无, a shortfall explained or a measure (加快拨付)."""
    if is_none_statement(cell):
        return True
    return _is_statement(cell) and (_explains(cell) or _vocabulary().measure.match(cell) is not None)


def _column_cells(document: IngestedText, lines: list[_Line], deviation: bool) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each non-empty cell under a deviation column or else under statement columns.

    Only the header's columns are read, counted from the row's end (rows under merged 一级指标 cells
    are shorter at their start), up to 总分; a paragraph (a table scraped into text) ends the reading,
    since its columns cannot be told apart. A statement column also ends at a cell that states
    nothing (the next part of the form: 全年实际完成情况).
    """
    text = document.text
    columns: list[tuple[int, str]] = []
    # a converter padded every row of an indicator table to one count of cells, its header too (…| 未完成原因 | |):
    # rows that lost merged 一级/二级 cells on their left then count their columns from their last filled cell
    padded = False
    for line in lines:
        if not columns or not line.row:
            padded = deviation and bool(line.cells) and not text[slice(*line.cells[-1])].strip()
            found = _column_header(document, _filled(document, line) if padded else line) if line.row else []
            columns = [(index, kind) for index, kind in found if (kind in _DEVIATION_COLUMNS) == deviation]
            continue
        if any(_END_ROW.match(text, a, b) for a, b in line.cells):  # the 总分 row ends the indicators
            columns = []
            continue
        if _row_kind(next((text[a:b] for a, b in line.cells if text[a:b].strip()), "")) == "stop":
            columns = []  # 自评结论 | 经自评…, 填报人 | …: the form's next part, no statement's row
            continue
        cells = _filled(document, line).cells if padded else line.cells
        # a numbered row of a list (1 | 工程完工推迟 | … | 提前招标采购): its cells are the list's, whatever they say
        numbered = bool(cells) and _ROW_NUMBER.fullmatch(text[slice(*cells[0])].strip()) is not None
        going = []
        for index, kind in columns:
            a, b = cells[-index] if index <= len(cells) else (0, 0)
            cell = text[a:b].strip()
            if cell:
                if not deviation and not numbered and not _states(cell):
                    continue  # the column ends here
                a += len(text[a:b]) - len(text[a:b].lstrip())
                yield kind, a, a + len(cell)
            going.append((index, kind))
        columns = going


def _filled(document: IngestedText, line: _Line) -> _Line:
    """A row without the empty cells a converter's padding put at its end: its columns count from its last cell."""
    cells = list(line.cells)
    while cells and not document.text[slice(*cells[-1])].strip():
        cells.pop()
    return replace(line, cells=tuple(cells))


_DEVIATION_COLUMNS = ("deviation", "measure")


def _deviation_statements(document: IngestedText, lines: list[_Line]) -> list[Statement]:
    """Cause and measure of each cell under a 偏差原因分析及改进措施 header that explains a shortfall; a cell under
    a 改进措施 column of its own beside a 偏差原因 column is a measure."""
    vocab = _vocabulary()
    text = document.text
    statements: list[Statement] = []
    for kind, a, b in _column_cells(document, lines, deviation=True):
        cell = text[a:b]
        if kind == "measure":
            if _is_statement(cell) and not is_none_statement(cell):
                statements.append(Statement("suggestion", cell, a, b, False, row_reason=True))
            continue
        if not _explains(cell) or not _is_statement(cell) or is_none_statement(cell):
            continue
        measure = next(vocab.measure.finditer(cell), None)
        split = a + measure.start("measure") if measure else b
        cause_end = a + len(text[a:split].rstrip("；;。 "))
        if cause_end > a:
            statements.append(Statement("problem", text[a:cause_end], a, cause_end, False, row_reason=True))
        if measure:
            statements.append(Statement("suggestion", text[split:b], split, b, False, row_reason=True))
    return statements


def _explains(cell: str) -> bool:
    """A deviation cell that explains: clauses of some length, or a short phrase saying what fell short."""
    vocab = _vocabulary()
    if _CLAUSE.search(cell):
        return len(cell) >= vocab.deviation_chars
    return len(cell) >= vocab.shortfall_chars and bool(vocab.shortfall.search(cell))


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """``spans`` as the starts and ends of disjoint intervals in order, for bisection."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _inside(merged: tuple[list[int], list[int]], position: int) -> bool:
    starts, ends = merged
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < ends[index]


def _is_blank(document: IngestedText, section: Section) -> bool:
    """A statement heading with nothing under it before the next heading: it says nothing (a none-statement).

    Not a heading the page is cut off after, nor one with sub-sections (存在的问题 | 改进措施 under it).
    """
    return (
        not section.children
        and section.end < len(document.text.rstrip())
        and not document.text[section.heading_end : section.end].strip(_CELL_EDGE + "\n")
    )


def find_statements(
    document: IngestedText, by_id: dict[str, Section], section_ids: list[str], span: tuple[int, int] | None = None
) -> tuple[list[Statement], dict[str, bool]]:
    """Problems and suggestions of one evaluation (its ``section_ids`` in the outline's index ``by_id``),
    and which of the two it has a place for.

    ``span`` is the evaluation's text, read line by line when it owns no section (a page scraped
    into one paragraph, a 自评表 with no heading the outline took).
    """
    own = [by_id[i] for i in section_ids]
    statements: list[Statement] = []
    present = {"problem": False, "suggestion": False}
    covered: list[tuple[int, int]] = []
    blank: list[Statement] = []
    for section in own:
        kind = _section_kind(section)
        if kind is None or section.style == "form" or _is_point(section, by_id.get(section.parent or "")):
            continue  # not a statement section, a form's row (read as a row below) or a numbered point of one
        if _is_blank(document, section):
            at = section.heading_end
            blank.append(Statement("problem" if kind == "combined" else kind, "", at, at, True))
        for start, end in _section_ranges(document, section, by_id):
            statements += _statements(document, start, end, kind)
            covered.append((start, end))
        listed = _listing_table(document, section)
        if listed is not None:
            statements += _listed_rows(document, listed, kind)
            covered.append((listed.start, listed.end))
        covered.append((section.start, section.heading_end))
        present.update({k: True for k in (("problem", "suggestion") if kind == "combined" else (kind,))})
    spans = [(s.start, s.end) for s in own if s.parent not in section_ids] or ([span] if span else [])
    if span and own and span[0] < own[0].start:
        spans.insert(0, (span[0], own[0].start))  # a summary before its form's first section (自评综述: …)
    merged = _merged(covered)
    lines = [line for line in _lines(document, spans) if not _inside(merged, line.start)]
    statements += _row_statements(document, lines)
    statements += [s for kind, a, b in _column_cells(document, lines, False) for s in _statements(document, a, b, kind)]
    if not statements:
        statements = _deviation_statements(document, lines)
    statements = list({(s.kind, s.start, s.end): s for s in statements}.values())  # found twice: one item
    statements += [item for item in blank if all(s.kind != item.kind for s in statements)]
    for statement in statements:
        present[statement.kind] = True
    statements.sort(key=lambda s: s.start)
    return statements, present


def from_department_summary(
    document: IngestedText, by_id: dict[str, Section], sections: list[Section], evaluations: list[Evaluation]
) -> None:
    """The problems and measures a 决算's 预算绩效管理情况 tells of the department's self-evaluation (3.存在问题。(1)…
    4.改进措施。(1)…), for the document's one department evaluation when its own text (a 自评表 annexed) states
    none but its rows' deviation reasons: the summary is the department's own account."""
    departments = [e for e in evaluations if e.kind == "department"]
    if len(departments) != 1 or any(not s.row_reason for s in departments[0].statements):
        return
    owned = {section_id for evaluation in evaluations for section_id in evaluation.sections}
    found: list[Statement] = []
    for start, end in _summary_spans([s for s in sections if s.label == "perf_mgmt" and s.id not in owned]):
        found += find_statements(document, by_id, [], span=(start, end))[0]
    departments[0].statements = found or departments[0].statements


def _summary_spans(summary: list[Section]) -> list[tuple[int, int]]:
    """The summary's sections as spans, a section going on right where the one before ends joined to it (a
    numbered point the outline took for a heading of its own); another part between two starts another span."""
    spans: list[tuple[int, int]] = []
    for section in sorted(summary, key=lambda s: s.start):
        if spans and section.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], section.end))
        else:
            spans.append((section.start, section.end))
    return spans


def mark_boilerplate(statements: list[Statement], reference: Reference, share: float = TEMPLATE_SHARE) -> None:
    """A none-statement, or template phrasing with nothing specific (by the group's tetragrams or the vocabulary);
    an indicator row's deviation reason never is (进度滞后 names its row's shortfall)."""
    for statement in statements:
        specific = statement.row_reason or has_specifics(_unnumbered(statement.text))
        templated = reference.boilerplate_share(statement.text) >= share and not specific
        prose = not statement.row_reason and is_template_prose(statement.text)
        statement.boilerplate = statement.none_statement or templated or prose


def by_named_project(document: IngestedText, evaluations: list[Evaluation]) -> None:
    """Statements set out in a table of several projects, one row each (序号 | 项目名称 | 存在的问题 | 改进措施, a
    workbook's sheet after its forms), given to the evaluation each row names: a row stands in one evaluation's
    text but may speak of another's project."""
    if len(evaluations) < 2:
        return
    labels = frozenset(vocabulary("titles")["name_labels"]["project"])
    for table in document.tables:
        header = next((row for row in table.rows if any(cell.text in labels for cell in row)), None)
        if header is None or not any(_row_kind(cell.text) in ("problem", "suggestion") for cell in header):
            continue
        column = next(k for k, cell in enumerate(header) if cell.text in labels)
        for row in table.rows[table.rows.index(header) + 1 :]:
            if column >= len(row) or not row[column].text:
                continue
            named = [e for e in evaluations if same_project(e.name, row[column].text)]
            if len(named) != 1:
                continue
            start, end = row[0].start, row[-1].end
            for evaluation in evaluations:
                if evaluation is named[0]:
                    continue
                moved = [s for s in evaluation.statements if start <= s.start < end]
                evaluation.statements = [s for s in evaluation.statements if s not in moved]
                named[0].statements = sorted([*named[0].statements, *moved], key=lambda s: s.start)

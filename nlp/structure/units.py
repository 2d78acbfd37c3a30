"""Evaluation units (SPEC §3): one per 部门整体 report, one per project.

A unit starts at a root of the outline: a report title (…绩效评价报告, …自评报告,
…自评表) or a 自评表 standing as a table. A project's narrative report and its
自评表 are one evaluation: they are matched by name (``保安经费项目`` and
``保安经费`` are the same project), and a report that names no project takes the
next unclaimed table before the next report. What a title or a text calls a unit is read by
``unit_names``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import cache
from itertools import pairwise

from nlp.structure.keyword_rules import names_whole_unit
from nlp.structure.meta import department_from_title, is_division, issuer_words, names_an_organisation
from nlp.structure.notice_projects import notice_projects
from nlp.structure.outline import PROJECT_PART
from nlp.structure.result_lists import ListedResult, results_lists
from nlp.structure.unit_names import (
    COLON_NAME,
    MIN_ORGANISATION_CHARS,
    OPENING_CLAUSE,
    PARENTHESIZED,
    PART_NUMBER,
    PROJECT_LOOKUP_CHARS,
    is_fund_source,
    main_organisation,
    name_the_project,
    named_as_subject,
    named_by_allocation,
    named_by_title_line,
    named_in_allocation_heading,
    named_in_opening,
    named_with_its_funds,
    only_budget_words,
    project_name,
    repeated_colon_name,
    repeated_fund_name,
    repeated_project_name,
    strip_title,
    title_issuer,
    titled_in_text,
    without_leading_year,
)
from nlp.text.blocks import Block, Cell, IngestedText
from nlp.text.document import DocumentMeta, Evaluation, Section
from nlp.text.normalize import ENUMERATION_START
from nlp.text.segment import segmenter
from nlp.text.vocabulary import (
    alternation,
    header_roles,
    level_of_label,
    title_pattern,
    title_sign,
    vocabulary,
)


def _is_report_title(heading: str) -> bool:
    return bool(title_sign("report").search(heading))


def _department_sign(heading: str) -> bool:
    titles = vocabulary("titles")
    if names_whole_unit(heading):
        return True
    unit_report = any(sign in heading for sign in titles["unit_report_signs"])
    return unit_report and not any(sign in heading for sign in titles["project_signs"])


_REPORT_HEADING_STYLES = ("cn", "pcn", "ar", "par", "circle")  # 一、 (一) 1. (1) ①: not 附件 or 第X部分
_MIN_REPORT_CHARS = 400  # a cover title with an introduction is shorter than a report without headings
_OPENING_CHARS = 300  # where a text without a title says whether it assesses a department (整体)
_NAME_NOISE = re.compile(r"项目$|[\s()“”\"'、，,]")


# A report's part on one item of its fund: 一、中央某某资金(某某补助经费), 一、中央某某(某某补助)救灾资金.
_FUND_ITEM_PART = re.compile(
    r"^[一二三四五六七八九十]+、\s*[\u4e00-\u9fff]{2,30}"
    r"(?:(?:资金|经费)\([\u4e00-\u9fff]{4,30}(?:经费|资金|项目)\)|\([\u4e00-\u9fff]{4,30}\)[\u4e00-\u9fff]{0,10}(?:资金|经费))"
    r"[。.]?$"
)


def _is_root(section: Section) -> bool:
    if section.style == "part":
        return bool(PROJECT_PART.search(section.heading))
    if section.style == "cn":  # a fund's report split by its items: each item's part is its evaluation
        return bool(_FUND_ITEM_PART.match(section.heading))
    return section.style == "table" or (
        section.style == "title" and bool(title_sign("report", "table").search(section.heading))
    )


def _with_project_parts(document: IngestedText, sections: list[Section], roots: list[Section]) -> list[Section]:
    """The roots, and the parts of a report naming no project that each hold their project's table (某镇2023年度
    项目支出绩效自评报告: 一、X项目 … 自评表 … 二、Y项目 … 自评表): each such part is a project's evaluation. A
    report whose parts hold no table of their own stays one evaluation of the unit."""
    parts = []
    children: dict[str | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent, []).append(section)
    tables = sorted(b.start for b in document.blocks if b.kind == "table")
    for root in roots:
        if root.style != "title" or not _is_report_title(root.heading) or project_name(strip_title(root.heading)):
            continue
        own = [s for s in children.get(root.id, []) if s.style == "cn" and _names_a_project(document, s)]
        tabled = [p for p in own if bisect_left(tables, p.start) < bisect_left(tables, p.end)]
        if len(own) >= _MIN_PROJECT_PARTS and len(tabled) == len(own):
            parts += own
    return sorted([*roots, *parts], key=lambda s: s.start) if parts else roots


_MIN_PROJECT_PARTS = 2  # one part naming a project is the report's own subject, not a list of projects
_PART_LABEL_REACH = 80  # characters after a part's heading its 项目名称 line may start in


def _names_a_project(document: IngestedText, part: Section) -> bool:
    """Is a numbered part a project's: its heading names one (一、X项目), or the 项目名称 line opening it gives the
    heading's own words (二、校舍维修改造 ⏎ 项目名称：校舍维修改造)?"""
    if PROJECT_PART.search(part.heading):
        return True
    named = _labelled_name(document, part.heading_end, min(part.end, part.heading_end + _PART_LABEL_REACH), "project")
    return same_project(named, ENUMERATION_START.sub("", part.heading))


def _is_table_root(section: Section) -> bool:
    """A 自评表 or 评分表 (a table, or a title that names one) rather than a narrative report."""
    return section.style == "table" or (section.style == "title" and not _is_report_title(section.heading))


def _is_department(section: Section) -> bool:
    return section.style != "table" and (
        section.label == "dept_report" or _department_sign(section.heading) or _names_only_issuer(section)
    )


def _names_only_issuer(section: Section) -> bool:
    """A report title that names its issuer and no project (某镇人民政府2023年度绩效自评报告): the unit's own report,
    as is one on a unit's budget execution (``_unit_budget_report``)."""
    if section.style != "title" or not _is_report_title(section.heading):
        return False
    title = strip_title(section.heading)
    if any(sign in title for sign in vocabulary("titles")["project_signs"]):
        return False
    named = project_name(title)
    if named is not None and not _unit_budget_report(title, named):
        return False
    return department_from_title(title) is not None


def _unit_budget_report(title: str, named: str) -> bool:
    """A title naming an organisation where a project would stand and its budget's execution, no money
    (2024年度某中心预算执行情况绩效自评报告); not 某局2023年度某某文化站绩效自评报告, a project named like a unit."""
    titles = vocabulary("titles")
    return (
        names_an_organisation(named)
        and any(sign in title for sign in titles["unit_budget_signs"])
        and not any(ending in title for ending in titles["money_endings"])
    )


_HAN = re.compile(r"[\u4e00-\u9fff]")


_MAX_NAME_CHARS = 60
_FIELD_AFTER = re.compile(r"\s+[^\s:：]+[:：].*$")
_PROJECT_CODE = re.compile(r"^[0-9A-Za-z]{8,}\s*[-－—_]\s*(?=[\u4e00-\u9fff]|(?:19|20)\d{2}\s*年)")
# The implementing unit and year before a project's name in its cell (某学院2019年X项目; a year's digits may be blank).
_ISSUER_YEAR = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{3,20}?)(?:(?:19|20)(?:\d{2}|[xX]{2}))?\s*年度?")
_FORM_LOOKBACK_CHARS = 600  # how far before a 自评表's indicator table its form part (项目名称 …) may start


def _labelled_name(document: IngestedText, start: int, end: int, kind: str) -> str | None:
    """The name a label gives (项目名称 for a project, 单位名称 for a department) between ``start`` and ``end``.

    The value is the label cell's neighbour, or the text after the label: a flattened 自评表
    puts label and value in one line (项目名称：X 主管部门：Y) or on consecutive lines, the
    value ending where the next form label begins.
    """
    labels = tuple(vocabulary("titles")["name_labels"][kind])
    cell_labels = labels + tuple(vocabulary("titles")["name_cells"][kind])
    blocks = [b for b in document.blocks if start <= b.start < end]
    for index, block in enumerate(blocks):
        if block.kind == "table":
            for row in block.rows:
                value = _cell_after_label(row, cell_labels)
                if value:
                    return _named_by_value(value, kind)
            continue
        found = next(((label, at) for label in labels if (at := block.text.find(label)) >= 0), None)
        if found is None:
            continue
        label, at = found
        in_prose = _IN_PROSE.match(block.text, at + len(label)) if at and block.text[at - 1] in "，," else None
        if in_prose is not None:  # …的批复》文件,项目名称为X项目,项目总投资…: the clause names it
            value = in_prose.group("value")
            if 2 <= len(value) <= _MAX_NAME_CHARS:
                return _named_by_value(value, kind)
            continue
        if not (at == 0 or block.text[at - 1] in " |\t:：)" or _is_form_line(block.text)):
            continue
        value = _seal_note().sub("", block.text[at + len(label) :]).strip(":： |")
        if not value and index + 1 < len(blocks) and blocks[index + 1].kind == "paragraph":
            value = _value_below(blocks, index)
        value = _before_next_label(value, labels)
        # a field the vocabulary does not know may follow (X 另一栏:…): the value ends at the space before it
        value = _FIELD_AFTER.sub("", value)
        if 2 <= len(value) <= _MAX_NAME_CHARS and not _COLUMN_HEADER.search(value) and not only_budget_words(value):
            return _named_by_value(value, kind)
    return None


def _cell_after_label(row: list[Cell], labels: tuple[str, ...]) -> str | None:
    """The text of the first filled cell after a label cell (项目名称 | X; 项目名称 | | X, a merged value cell a
    .csv export left empty), unless that cell is the form's next label (项目名称 | | 主管部门 | Y: left blank)."""
    for index, cell in enumerate(row):
        if cell.text.rstrip(":：") in labels:
            value = next((c.text for c in row[index + 1 :] if c.text), None)
            if value and not _is_field_label(value.rstrip(":："), labels):
                return value
    return None


def _is_field_label(text: str, labels: tuple[str, ...]) -> bool:
    """Is a cell a form's field label (主管部门, 项目编码, 预算年度), not a value?"""
    form_labels, label_ends = _field_labels()
    short = len(text) <= _MAX_FIELD_LABEL_CHARS and text.endswith(label_ends)
    return text in labels or text in form_labels or short


@cache
def _field_labels() -> tuple[frozenset[str], tuple[str, ...]]:
    rows = vocabulary("tables")["rows"]
    return frozenset(rows["form"]), tuple(rows["field_label_ends"])


_MAX_FIELD_LABEL_CHARS = 7  # 主管部门及代码; a project's name ending in 单位 (某某单位食堂改造) runs longer


def _value_below(blocks: list[Block], index: int) -> str:
    """The value of a label alone on its line: the next line, or, where the form's labels stand one a line in a
    block and their values in the block after (项目名称 ⏎ 主管部门 ⏎ 项目负责人 ⏎ X项目 ⏎ Y局 ⏎ …, as pdftotext sets a
    form's columns), the first line after that block of labels when a value stands there for each label; "" when
    the next label follows and no such block does (the cell was left blank)."""
    labels = frozenset(vocabulary("tables")["rows"]["form"])
    run = index + 1
    while run < min(len(blocks), index + 1 + _MAX_LABEL_RUN) and _is_label_line(blocks[run], labels):
        run += 1
    if run == index + 1:
        return blocks[index + 1].text.strip(":： |")
    values = run
    while values < min(len(blocks), run + run - index) and blocks[values].kind == "paragraph":
        if _is_label_line(blocks[values], labels):
            break
        values += 1
    return blocks[run].text.strip(":： |") if values - run >= run - index else ""


_MAX_LABEL_RUN = 12  # the labels of a form's column: a few (项目名称, 主管部门, 实施单位, 项目负责人 …)


def _is_label_line(block: Block, labels: frozenset[str]) -> bool:
    return block.kind == "paragraph" and block.text.strip(":： |") in labels


# A header row set out one cell per line puts the next column's label under 项目名称 (发行金额(亿元)): no name.
_COLUMN_HEADER = re.compile(r"[(（]\s*(?:亿元|万元|千元|元|%)\s*[)）]$")
# A label a clause of prose links to its value, a project's or fund's name (项目名称为X项目,); not 是否 (whether)
_IN_PROSE = re.compile(r"(?:为|是(?!否))(?P<value>[^，,。；;:：]{2,40}?(?:项目|工程|资金|经费|专项))(?=[，,。；;]|$)")


def _unit_named_as_project(document: IngestedText, root: Section) -> str | None:
    """The unit a department form names in its 项目名称 cell as its whole spending (某县科协整体监控)."""
    labelled = _labelled_name(document, root.start, root.end, "project") or ""
    signs = [at for sign in vocabulary("titles")["department_signs"] if (at := labelled.find(sign)) > 0]
    unit = labelled[: min(signs)] if signs else ""
    return unit if len(unit) >= MIN_ORGANISATION_CHARS and names_an_organisation(unit) else None


@cache
def _seal_note() -> re.Pattern:
    """A seal's note opening a label's value: 评价单位(公章)：X."""
    return re.compile(rf"^\s*\((?:{alternation(vocabulary('titles')['seal_notes'])})\)")


def _named_by_value(value: str, kind: str) -> str:
    """A 项目名称 cell that repeats its table's title (X支出绩效自评表) names the project X, not the table.

    A budget system's project code before the name (12345678A0001-X) is no part of it.
    """
    if kind == "project":
        value = without_leading_year(_PROJECT_CODE.sub("", value))
        issuer = _ISSUER_YEAR.match(value)
        if issuer and names_an_organisation(issuer.group("issuer")) and len(_HAN.findall(value[issuer.end() :])) >= 2:
            value = value[issuer.end() :]
        if title_pattern("table", "report").search(value):
            return project_name(value) or value
    return value


def _is_form_line(text: str) -> bool:
    """A 自评表 flattened into a line (项目名称 X 主管部门 Y 实施单位 Z), not prose that mentions a label.

    Two different labels make a form; one label said twice (项目名称 甲 项目名称 乙) is a list. A form whose cells
    hold sentences is still one when it runs three labels into their values (项目名称X项目主要内容…。项目单位Y):
    a converter that spaced them (项目名称 项目主管单 位 …) may have set the values apart from their labels.
    """
    found = list(_form_labels().finditer(text))
    labels = len({m.group() for m in found})
    if "。" not in text:
        return labels >= 2
    # prose links a label to what it says with a verb (主管部门为县教育局); a form sets its value right after it
    run_in = not any(_SPACED_OR_LINKED.match(text, m.end()) for m in found)
    return labels >= _MIN_FORM_LABELS_WITH_PROSE and run_in


_SPACED_OR_LINKED = re.compile(r"\s|为|是|按")


_MIN_FORM_LABELS_WITH_PROSE = 3


@cache
def _form_labels() -> re.Pattern:
    """The form labels, longest first: 年度总体目标 is one label, not also 总体目标."""
    labels = sorted(vocabulary("tables")["rows"]["form"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, labels)))


def _before_next_label(text: str, own: tuple[str, ...]) -> str:
    """The value up to the next form label: the earliest, so a cell's 项目实施单位 cuts before its 实施单位."""
    labels = [label for label in (*vocabulary("tables")["rows"]["form"], *_name_ends()) if label not in own]
    cut = min((i for label in labels if (i := text.find(label)) > 0), default=len(text))
    at_cell = _label_at_cell().search(text, 1)
    return text[: min(cut, at_cell.start()) if at_cell else cut].strip(":： |")


@cache
def _name_ends() -> tuple[str, ...]:
    return tuple(vocabulary("titles")["name_ends"])


@cache
def _label_at_cell() -> re.Pattern:
    """A label that ends a value only where a cell begins (项目实施单位 after a space, not X项目 + 实施单位)."""
    return re.compile(rf"(?<=[\s|])(?:{alternation(vocabulary('titles')['name_ends_at_cell'])})")


def same_project(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = _NAME_NOISE.sub("", a), _NAME_NOISE.sub("", b)
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _subtree(sections: list[Section], root: Section) -> list[str]:
    return [s.id for s in sections if root.start <= s.start < root.end]


def _has_content(document: IngestedText, sections: list[Section], root: Section, roots: list[Section]) -> bool:
    """Does a root hold more than a cover title and an introduction: a table, a heading, or a report's text?"""
    if any(r.parent == root.id and _is_table_root(r) for r in roots):
        return True  # a part holding its project's form (一、X项目 … 项目支出绩效自评表)
    inner_end = min((r.start for r in roots if root.start < r.start < root.end), default=root.end)
    if root.style == "table":  # a title row cut off from its form (the form follows under its own title) is not
        return any(b.kind == "table" and root.start <= b.start < inner_end and _has_header(b) for b in document.blocks)
    # a cover's list of labelled lines (项目名称： | X, 填报日期： | Y) is no form
    if any(b.kind == "table" and root.start <= b.start < inner_end and not _is_label_list(b) for b in document.blocks):
        return True
    # a numbered heading of the report's own, not the next entry of a list of attached documents (附件：1.X自评表 ⏎
    # 2.Y自评表, the forms themselves further on)
    if any(
        root.start < s.start < inner_end
        and s.style in _REPORT_HEADING_STYLES
        and not (title_sign("table").search(s.heading) or _is_report_title(s.heading))
        for s in sections
    ):
        return True
    # a 自评表's form (项目名称 … 主管部门 … 项目资金) though the excerpt ends before its indicator rows
    if any(
        b.kind == "paragraph" and root.start <= b.start < inner_end and _is_form_line(b.text) for b in document.blocks
    ):
        return True
    return inner_end - root.start >= _MIN_REPORT_CHARS


def find_evaluations(document: IngestedText, sections: list[Section], meta: DocumentMeta) -> list[Evaluation]:
    """One evaluation per department report and per project, each with the roots (report, tables) it merges,
    and one per row of a results list (``nlp.structure.result_lists``), numbered in document order.

    A 自评表 or 评分表 joins the report of the same project, or the report right before it
    when it names no other project (a department's 评分表, a project's 附表); a cover title
    whose section holds no table and hardly any text is no evaluation when others follow.
    """
    evaluations = _with_listed_results(document, sections, _units(document, sections, meta))
    evaluations = _with_notice_projects(document, sections, evaluations)
    evaluations.sort(key=lambda e: e.start)
    for number, evaluation in enumerate(evaluations, start=1):
        evaluation.id = f"e{number}"
        evaluation.name = _unquoted(evaluation.name)
    return evaluations


_QUOTED = re.compile(r"^[“\"「『](?P<inner>[^“”\"「」『』]+)[”\"」』](?:项目)?$")


def _unquoted(name: str | None) -> str | None:
    """A name a report set in quotes (“某某免费检查”项目) without them: the quotes only mark where it ends."""
    quoted = _QUOTED.match(name) if name else None
    return quoted.group("inner") if quoted else name


def _units(document: IngestedText, sections: list[Section], meta: DocumentMeta) -> list[Evaluation]:
    """The evaluations of the document's reports and tables (or of its whole text), unnumbered."""
    roots = _with_project_parts(document, sections, [s for s in sections if _is_root(s)])
    # a page's copy of the title over the document's own (标题：X报告 … X报告): the second opens the unit
    roots = [r for r, following in pairwise([*roots, None]) if not _repeated_by(document, r, following)]
    # a 决算's table of contents lists its 第四部分…绩效评价情况: a part's title with nothing under it
    roots = [r for r in roots if not (PART_NUMBER.match(r.heading) and not _has_content(document, sections, r, roots))]
    if not any(r.style in ("title", "table") for r in roots):
        # no title: a summary of numbered projects (some of them may read as parts), or one whole-text evaluation
        whole = _whole_text_evaluation(document, sections, meta)
        enumerated = _enumerated_projects(document, sections, whole) if whole else []
        if enumerated or not roots:
            return enumerated or ([whole] if whole else [])
    if len(roots) > 1:
        roots = [r for r in roots if _has_content(document, sections, r, roots)] or roots
    fallback_department = meta.department or main_organisation(document.text)
    names = {r.id: _root_name(document, sections, r, fallback_department) for r in roots}
    first = roots[0] if roots else None
    if first and names[first.id] is None and _is_report_title(first.heading) and not _is_department(first):
        names[first.id] = _named_by_title_above(sections, first)
    units: list[list[Section]] = []  # each unit's roots, the report (or first table) first
    for root in roots:
        host = _host_of_table(root, units, names) if _is_table_root(root) else _form_of_report(root, units, names)
        if host is not None:
            host.append(root)
            continue
        units.append([root])
    evaluations = [_evaluation(document, sections, members, names, fallback_department) for members in units]
    cut_off = _cut_off_table(document, sections, roots[0].start) if roots else []
    if units and not cut_off:  # the rows of a form cut off above are no summary of the first unit
        _take_untitled_report(document, sections, units[0][0], evaluations[0])
    evaluations += cut_off
    evaluations += _report_before_attachment(document, sections, roots[0]) if roots else []
    for evaluation in evaluations:
        name_the_project(document, evaluation)
    return evaluations


def _with_listed_results(
    document: IngestedText, sections: list[Section], evaluations: list[Evaluation]
) -> list[Evaluation]:
    """The rows of a results list as project evaluations, in place of a project unit around the list (its
    title's); a department's report that holds such a list keeps its own evaluation. A row whose project has a
    report of its own (a notice's list, then 附: X项目…自评报告) is that report's evaluation, not a second one,
    and so is the first unit taking in a list above its title (a workbook's summary sheet, then each form)."""
    listed = results_lists(document)
    if not listed:
        return evaluations
    starts = {s.id: s.start for s in sections}
    for evaluation in evaluations:  # a list above a unit's title is no part of that unit
        opening = min((starts[root] for root in evaluation.roots if root in starts), default=evaluation.start)
        if any(evaluation.start <= r.start < opening for r in listed):
            evaluation.start, evaluation.form = opening, None
            evaluation.sections = [id_ for id_ in evaluation.sections if starts.get(id_, opening) >= opening]
    around = [e for e in evaluations if e.kind == "project" and any(e.start <= r.start < e.end for r in listed)]
    kept = [e for e in evaluations if e not in around]
    reports = [e for e in kept if e.kind == "project"]
    names = {id(row): _report_of_row(row, listed, reports) for row in listed}
    for row in listed:
        reported = names[id(row)]
        if reported is not None and reported.claimed_score is None:
            reported.claimed_score = row.score
    rows = [
        Evaluation("", "project", row.name, row.start, row.end, [], claimed_score=row.score)
        for row in listed
        if names[id(row)] is None
    ]
    return kept + rows


def _with_notice_projects(
    document: IngestedText, sections: list[Section], evaluations: list[Evaluation]
) -> list[Evaluation]:
    """A notice's numbered project blocks ((一)项目名称：X …) as project evaluations, in place of the unit around
    them (the notice's own); a unit elsewhere of one of their projects (附件：X自评表) joins that project's block."""
    projects = notice_projects(document, sections)
    around = [e for e in evaluations if any(e.start <= p.start < e.end for p in projects)]
    if not projects:
        return evaluations
    departments = [e for e in around if e.kind == "department"]
    own_parts = [_parts_without_blocks(e, projects, sections) for e in departments]
    if not all(own_parts):
        return evaluations  # a department's report naming its key projects so is the department's evaluation still
    for department, parts in zip(departments, own_parts, strict=True):
        ids = {s.id for s in parts}
        department.roots = [s.id for s in parts if s.parent not in ids]
        department.sections = [s.id for s in parts]
    blocks = [
        Evaluation(
            "",
            "project",
            project.name,
            project.start,
            project.end,
            [s.id for s in sections if project.start <= s.start < project.end],
            roots=[project.section.id] if project.section is not None else [],
        )
        for project in projects
    ]
    by_id = {s.id: s for s in sections}
    kept = []
    for evaluation in evaluations:
        joined = _block_of_unit(blocks, evaluation, by_id)
        if joined is not None:
            joined.roots += evaluation.roots
            joined.sections += evaluation.sections
        elif evaluation in departments or not any(evaluation.start <= block.start < evaluation.end for block in blocks):
            kept.append(evaluation)  # not the notice's own unit around its blocks
    return kept + blocks


def _parts_without_blocks(department: Evaluation, projects: list, sections: list[Section]) -> list[Section]:
    """The parts of a department's whole-text evaluation that hold none of its projects' scored blocks (a 决算's
    预算绩效情况说明: 1.X项目。该项目…自评得分92分 … (三)部门整体…): what stays the department's. Nothing for an
    evaluation of a report of its own (a title's), which stays whole."""
    if department.roots:
        return []
    spans = [(p.start, p.end) for p in projects]
    return [
        s
        for s in sections
        if s.id in department.sections and not any(s.start < end and start < s.end for start, end in spans)
    ]


def _block_of_unit(blocks: list[Evaluation], unit: Evaluation, by_id: dict[str, Section]) -> Evaluation | None:
    """The notice's block whose project a unit after the blocks is: the one its title names (附件：X自评表), else
    the one of its name. None for a unit inside the blocks or one of another project."""
    roots = [by_id[root] for root in unit.roots if root in by_id]
    if not roots or roots[0].start < blocks[-1].start:
        return None
    named = [b for b in blocks if b.roots and any(b.name in root.heading for root in roots)]
    if len(named) == 1:
        return named[0]
    similar = [b for b in blocks if b.roots and same_project(b.name, unit.name)]
    return similar[0] if len(similar) == 1 else None


def _report_of_row(row: ListedResult, rows: list[ListedResult], reports: list[Evaluation]) -> Evaluation | None:
    """The report a results list's row is: the one of its exact name, else the only one whose name holds it or is
    held in it and that no other row fits (农村公路养护 beside 农村公路养护及安防工程, whose report is there, is a
    project of its own)."""
    exact = next((e for e in reports if e.name == row.name), None)
    if exact is not None:
        return exact
    similar = [e for e in reports if same_project(e.name, row.name)]
    if len(similar) != 1:
        return None
    others = [r for r in rows if r is not row and (r.name == similar[0].name or same_project(similar[0].name, r.name))]
    return None if others else similar[0]


# The parts of a self-evaluation's own report (not a 决算's overview): two of them before an attachment make a report.
_REPORT_PARTS = frozenset({"conclusion", "results", "goals", "funds", "problems", "suggestions", "self_review"})
_MIN_REPORT_PARTS = 3  # 绩效目标分解下达情况, 绩效情况分析, 资金情况分析: the transfer-payment outline
_ATTACHMENT_LABELS = ("附件", "附表")


def _take_untitled_report(
    document: IngestedText, sections: list[Section], root: Section, evaluation: Evaluation
) -> None:
    """A report without a title before its own form: the unit starts with it.

    Two shapes: the text before an attachment's title (… 存在的问题 … 附件:X自评表) with two parts of a
    self-evaluation report (conclusion, problems, …); or a summary before a 自评表 that opens the unit
    (a page's 自评综述: score, budget, problems in a paragraph, no heading), which reads as a self-evaluation.
    """
    before = [s for s in sections if s.start < root.start]
    if evaluation.start != root.start or any(_is_root(s) for s in before):
        return
    if root.heading.startswith(_ATTACHMENT_LABELS):
        if len({s.label for s in before} & _REPORT_PARTS) < 2:
            return
    elif before or not (_is_table_root(root) and _reads_as_self_evaluation(document.text[: root.start])):
        return  # a summary has no heading of its own: text with sections before a form is a report of its own
    evaluation.start, evaluation.form = 0, (0, root.start)
    evaluation.sections = [s.id for s in before] + evaluation.sections


def _reads_as_self_evaluation(text: str) -> bool:
    """Does a text use enough of a self-evaluation's words (自评得分, 存在问题, 绩效目标 …) to be one?"""
    signs = vocabulary("titles")["evaluation_signs"]
    return sum(word in text for word in signs["words"]) >= signs["minimum"]


_MIN_FRAGMENT_ROWS = 2


def _cut_off_table(document: IngestedText, sections: list[Section], first_root: int) -> list[Evaluation]:
    """A page excerpt that opens inside a 自评表 (its last indicator rows before the first title): an unnamed unit.

    Its rows open with indicator dimensions (满意度指标 | …), at least two of them.
    """
    for block in document.blocks:
        if block.start >= first_root:
            break
        rows = [r for r in block.rows if r and level_of_label(r[0].text) is not None] if block.kind == "table" else []
        if len(rows) >= _MIN_FRAGMENT_ROWS:
            inside = [s.id for s in sections if s.start < first_root]
            return [Evaluation("", "project", None, block.start, first_root, inside)]
    return []


def _report_before_attachment(document: IngestedText, sections: list[Section], first_root: Section) -> list[Evaluation]:
    """A page excerpt that opens inside a report whose attachment is the next report (… 存在问题 … 改进建议 …
    附件2 / X项目绩效评价报告): the report before is an evaluation of its own, of the department when it
    speaks of the whole (整体), named after the organisation it names most.

    Its table or form would be the next unit's part (``_take_untitled_report``); a report is a unit of its own.
    """
    attachment = next((s for s in sections if s.style == "attachment" and s.start < first_root.start), None)
    if attachment is None or first_root.style != "title" or not _is_report_title(first_root.heading):
        return []
    before = [s for s in sections if s.start < attachment.start]
    if len({s.label for s in before} & _REPORT_PARTS) < _MIN_PARTS_BEFORE_ATTACHMENT:
        return []
    text = document.text[: attachment.start]
    kind = "department" if _department_sign(text[:_OPENING_CHARS]) else "project"
    name = main_organisation(text) if kind == "department" else named_in_opening(text[:_OPENING_CHARS])
    return [Evaluation("", kind, name, 0, attachment.start, [s.id for s in before])]


_MIN_PARTS_BEFORE_ATTACHMENT = 2  # 存在问题 and 改进建议: enough of a report to be one


def _repeated_by(document: IngestedText, root: Section | None, following: Section | None) -> bool:
    """Is the next root, shortly after, a title that says the same as this one? Two 自评表 of one form stand apart,
    and so does a title with a table under it (two forms of one generic title, 财政项目支出绩效自评表)."""
    return (
        root is not None
        and following is not None
        and root.style == following.style == "title"
        and following.start - root.start < _MIN_REPORT_CHARS
        and strip_title(root.heading) == strip_title(following.heading)
        and not any(
            b.kind == "table" and root.start <= b.start < following.start and _has_header(b) for b in document.blocks
        )
    )


def _is_label_list(table: Block) -> bool:
    """Is a table a cover's labelled lines, a label and its value a row, with no header of a form's columns?"""
    return all(sum(bool(cell.text.strip()) for cell in row) <= 2 for row in table.rows) and not _has_header(table)


def _has_header(table: Block) -> bool:
    """Does a table hold a row of indicator or budget column headers (not a page's key/value cells)?"""
    return any(header_roles([c.text for c in row]) for row in table.rows)


# What names no one kind of evaluation: both kinds named together (部门整体支出和项目支出绩效自评工作).
_NOT_A_KIND_SIGN = re.compile(r"整体(?:支出)?(?:绩效)?(?:和|及|与|、)(?:部门)?项目")


def _whole_text_evaluation(document: IngestedText, sections: list[Section], meta: DocumentMeta) -> Evaluation | None:
    """One evaluation of the whole text, when no title was recognised but the text reads as a self-evaluation."""
    signs = vocabulary("titles")["evaluation_signs"]
    opening = document.text[:_OPENING_CHARS]
    announced = _announced_report(opening)
    parts = {s.label for s in sections} & _REPORT_PARTS  # an outline of a self-evaluation's parts reads as one
    # and so does a heading only a self-evaluation's template has (一、绩效目标分解下达情况)
    template = any(heading in s.heading for s in sections for heading in signs["template_headings"])
    if (
        not _reads_as_self_evaluation(document.text)
        and announced is None
        and len(parts) < _MIN_REPORT_PARTS
        and not template
    ):
        return None
    end = len(document.text)
    # the report the opening announces says what it assesses; else any 整体 in the opening does, unless it
    # names both kinds (按照《关于部门整体支出和项目支出绩效自评的通知》)
    # (a unit's 部门绩效自评 in the opening sentence, though the text goes on to its projects)
    unsigned = _NOT_A_KIND_SIGN.sub("", opening)
    transfer = any(heading in s.heading for s in sections for heading in signs["transfer_headings"])
    department = not transfer and (
        _department_sign(announced)
        if announced
        else _department_sign(unsigned.split("。")[0])
        or _department_sign(unsigned)
        # or a part of its outline is the department's whole or its own review (（三）部门整体绩效, 二、部门自评工作
        # 开展情况): the opening was cut off above it
        or any(sign in s.heading for s in sections for sign in _outline_department_signs())
    )
    name = None
    if not department:
        opened = named_in_opening(opening)
        if opened and is_fund_source(opened):
            # an opening that names where the money comes from (上级转移支付资金): the fund the text keeps naming
            opened = repeated_fund_name(document.text) or opened
        name = (
            _labelled_name(document, 0, end, "project")
            # title lines the outline took for no title (a page's, run into its furniture) may still name it
            or named_by_title_line(meta.title)
            or opened
            or _named_in_parentheses(document, sections)
            or _named_by_overview_subject(document, sections)
            or repeated_colon_name(document.text)
            or named_by_allocation(document.text)
            or repeated_fund_name(document.text)
            or titled_in_text(document.text[:PROJECT_LOOKUP_CHARS])
            or named_in_allocation_heading(s.heading for s in sections)
            or named_with_its_funds(opening)
            or repeated_project_name(document.text)
        )
        # naming no project, a text that speaks as the department (我部门…) reports on the department's own spending
        department = name is None and any(word in opening for word in signs["department_voice"])
    if department:
        name = _labelled_name(document, 0, end, "department") or meta.department or main_organisation(document.text)
    elif name is None:
        name = meta.department  # a unit's report on all its projects, naming none of them: named after the unit
    kind = "department" if department else "project"
    evaluation = Evaluation("e1", kind, name, 0, end, [s.id for s in sections])
    name_the_project(document, evaluation)
    return evaluation


@cache
def _outline_department_signs() -> tuple[str, ...]:
    titles = vocabulary("titles")
    return (*titles["department_signs"], *titles["department_review_signs"])


# A line that is only a project's name in parentheses: the subtitle of a title the page lost.
_PARENTHESIZED_LINE = re.compile(r"[(（](?P<name>[\u4e00-\u9fff]{2,40}?(?:项目|资金|经费))[)）]")


def _named_in_parentheses(document: IngestedText, sections: list[Section]) -> str | None:
    """The project a line before the first heading names alone in parentheses ((某某检查站租金项目))."""
    first = sections[0].start if sections else len(document.text)
    for block in document.blocks:
        if block.start >= first:
            break
        if block.kind == "paragraph" and (match := _PARENTHESIZED_LINE.fullmatch(block.text.strip())):
            return match.group("name")
    return None


def _named_by_overview_subject(document: IngestedText, sections: list[Section]) -> str | None:
    """The project the first overview's own text opens on (一、项目概况 … 某某项目为…), for a text without a title."""
    overview = next((s for s in sections if s.label == "overview"), None)
    if overview is None:
        return None
    inner = next((s for s in sections if overview.start < s.start < overview.end), None)
    if (
        inner is not None
        and inner.label == "overview"
        and not document.text[overview.heading_end : inner.start].strip()
    ):
        overview = inner  # 一、项目概况 (一)项目基本情况: the text is under the first subsection
    paragraph = next((b for b in document.blocks if b.kind == "paragraph" and b.start >= overview.heading_end), None)
    return named_as_subject(paragraph.text) if paragraph is not None and paragraph.start < overview.end else None


_PROJECT_PARAGRAPH = re.compile(r"^项目[一二三四五六七八九十\d]+[:：、]\s*(?P<name>[^，,。；;]{2,80})")
# A document number before a project's name: 某财农〔2023〕12号, 某财教[2022]3号.
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,8}[〔\[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*\d+\s*号")


def _enumerated_projects(document: IngestedText, sections: list[Section], whole: Evaluation) -> list[Evaluation]:
    """A summary of several projects, one paragraph each (项目一：X，…  项目二：Y，…): one evaluation each.

    Each runs from its paragraph to the next one's; fewer than two such paragraphs are no list.
    """
    opened = [
        (block.start, match)
        for block in document.blocks
        if block.kind == "paragraph" and (match := _PROJECT_PARAGRAPH.match(block.text))
    ]
    if len(opened) < 2:
        return []
    ends = [start for start, _ in opened[1:]] + [whole.end]
    return [
        Evaluation(
            f"e{number}",
            "project",
            _DOCUMENT_NUMBER.sub("", match.group("name")).strip(),
            start,
            end,
            [s.id for s in sections if start <= s.start < end],
        )
        for number, ((start, match), end) in enumerate(zip(opened, ends, strict=True), start=1)
    ]


def _announced_report(opening: str) -> str | None:
    """The clause presenting the text as a self-evaluation report (现将…绩效自评报告如下), if the opening has one.

    A letter that tells of an evaluation and then reports on it (…开展绩效评价…现将有关情况报送如下) announces
    one too: its opening up to that clause.
    """
    match = OPENING_CLAUSE.search(opening)
    if match and title_sign("report").search(match.group()):
        return match.group()
    reported = _reporting_clause().search(opening)
    acts = vocabulary("titles")["evaluation_signs"]["evaluation_acts"]
    if reported and any(word in opening[: reported.start()] for word in acts):
        return opening[: reported.end()]
    return None


@cache
def _reporting_clause() -> re.Pattern:
    """A letter's clause that reports what it told of (现将有关情况报送如下)."""
    verbs = alternation(vocabulary("titles")["evaluation_signs"]["reporting_verbs"])
    return re.compile(rf"现将[^。，,；;]{{0,12}}(?:{verbs})如下")


def _root_name(
    document: IngestedText, sections: list[Section], root: Section, fallback_department: str | None
) -> str | None:
    """The unit a root names: a department's from its title or label, a project's from its title, label or text.

    A 自评表's 项目名称 cell wins over its title; a title that names only an organisation or a kind of
    project gives way to the name its report's overview or opening sentence states.
    """
    if _is_department(root):
        titled = _unglued(department_from_title(PARENTHESIZED.sub("", strip_title(root.heading))), fallback_department)
        labelled = _labelled_name(document, root.start, root.end, "department")
        # a form's 单位名称 that holds the title's name names the unit more fully (某县某乡某卫生院, not 某卫生院)
        fuller = labelled if titled and labelled and titled in labelled else None
        # a title naming only its place (某乡…) is read last: the organisation the text names most comes first
        return (
            fuller
            or titled
            or labelled
            or _unit_named_as_project(document, root)
            or fallback_department
            or _unit_of_place(document, root)
        )
    if _department_table(document, root):
        # its form names the unit more fully (某县某乡某卫生院) than its title (某卫生院整体支出绩效自评表)
        reach = _block_start(document, max(0, root.start - _FORM_LOOKBACK_CHARS))
        return (
            _labelled_name(document, root.start, root.end, "department")
            or _labelled_name(document, reach, root.start, "department")
            or fallback_department
            or department_from_title(_title_before(document, root) or "")
        )
    labelled = _labelled_name(document, root.start, root.end, "project")
    if _is_table_root(root):
        # a 自评表's 项目名称 says it more exactly than its title; a flattened form puts it just before the table
        reach = _block_start(document, max(0, root.start - _FORM_LOOKBACK_CHARS))
        labelled = labelled or _labelled_name(document, reach, root.start, "project")
        if labelled:
            # the title a form opens with, or the table's own title line, names the project too
            titled = _form_title_name(document, reach, root.start) or (
                project_name(root.heading) if root.style == "title" else None
            )
            return _unless_misread(labelled, titled)
    name = _unglued(project_name(root.heading), fallback_department)
    if name and labelled and title_sign("report", "table").search(name):
        name = labelled  # a cover's titles run together (…评估报告某市财政项目支出绩效评价报告): its 项目名称 names it
    if name and names_an_organisation(name):
        # 某市第一中学专项资金绩效自评价报告: the title names the school; its 项目概况 names the project, or its
        # opening the fund it was given (某乡人民政府转移支付…报告: 收到下达X转移支付预算50万元)
        opening = document.text[root.start : root.start + PROJECT_LOOKUP_CHARS]
        name = _named_in_overview(document, sections, root) or named_by_allocation(opening) or name
    if not labelled and (name is None or is_fund_source(name)):
        # 某会2020年度专项资金绩效评价报告, 某局中央转移支付…报告: the fund its text says was allocated (财政下达X
        # 专项资金28万元), unless that is only where money comes from (下达单位市级项目资金60万元); else a subtitle
        opening = document.text[root.start : root.start + PROJECT_LOOKUP_CHARS]
        allocated = named_by_allocation(opening)
        allocated = allocated if allocated and not is_fund_source(allocated) else None
        # a source's name (中央对地方专项转移支付) or a place's transfers (某市转移支付…报告, no name): the fund or
        # project its opening states an amount for
        transfer = any(word in root.heading for word in vocabulary("titles")["fund_kind_prefixes"])
        name = allocated or (named_with_its_funds(opening) if name or transfer else None) or name
        name = name or _named_in_subtitle(document, sections, root)
    if name and len(_HAN.findall(name)) <= _KIND_WORD_CHARS:
        # a site's article title (改造项目绩效评价报告) names a kind of project; the report's opening names it
        opened = named_in_opening(document.text[root.start : root.start + _OPENING_CHARS])
        name = opened if opened and name in opened else name
    return name or labelled


_KIND_WORD_CHARS = 2  # a name from a title this short is one word for a kind of project (工程), not a project


# A line under a title that names the fund it assesses: 某某补助资金绩效自评, or the name alone on its line
# (2021年某某救助备用金).
_SUBTITLE_NAME = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,30}?(?:项目|经费|资金))(?:绩效)?(?:自评|评价)\s*$"
    r"|^\s*(?:(?:19|20)\d{2}年度?)?(?P<alone>[\u4e00-\u9fff()]{2,30}(?:项目|经费|资金|备用金|工程))\s*$"
)


def _named_by_title_above(sections: list[Section], root: Section) -> str | None:
    """The project a page's title above a report names, when the report's own title names none.

    A page prints its title (某区2021年X资金绩效自评报告) over an attachment whose title lost the fund's name
    (某区2021年度绩效自评报告): the nearest such title above names the report.
    """
    above = [s for s in sections if s.start < root.start and s.style == "title" and _is_report_title(s.heading)]
    return next((name for s in reversed(above) if (name := project_name(s.heading))), None)


def _reporting_place(document: IngestedText, root: Section) -> str | None:
    """The organisation of the place a title names instead of a unit (某镇2022年度项目支出…报告: 某镇人民政府), or the
    place alone when the text names no organisation of it."""
    place = _title_place(root)
    named = len(_HAN.findall(place)) > 1 and is_division(place)
    return _unit_of_place(document, root) or (place if named else None)


def _title_place(root: Section) -> str:
    """What a report's title says before its year and type, its brackets left out: here a place (某乡, 某镇)."""
    return issuer_words(PARENTHESIZED.sub("", strip_title(root.heading)))


_MAX_UNIT_AFTER_PLACE = 10  # 某乡 + 人民政府: the characters between a place and its organisation's ending


def _unit_of_place(document: IngestedText, root: Section) -> str | None:
    """The organisation of the place a report's title names instead of its unit (某乡部门整体支出…).

    Of the organisations the report names after the place (某乡人民政府, 某乡财政所), the one named most often,
    the first one named of equals, is the unit: its units' list names each once.
    """
    place = _title_place(root)
    ending = next((e for e in vocabulary("titles")["place_endings"] if place.endswith(e)), None)
    if ending is None or len(_HAN.findall(place)) <= len(ending):
        return None
    endings = alternation(vocabulary("titles")["organisation_endings"])
    unit = re.compile(rf"{re.escape(place)}[\u4e00-\u9fff]{{0,{_MAX_UNIT_AFTER_PLACE}}}?(?:{endings})")
    named = unit.findall(document.text, root.start + len(root.heading), root.end)
    counts = Counter(named)
    return max(counts, key=lambda name: (counts[name], -named.index(name))) if named else None


def _named_in_subtitle(document: IngestedText, sections: list[Section], root: Section) -> str | None:
    """The fund a line between a report's title and its first heading names, when the title names none."""
    inner = next((s.start for s in sections if root.start < s.start < root.end), root.end)
    for line in document.text[root.start : inner].splitlines()[1:]:
        if match := _SUBTITLE_NAME.search(line):
            return match.group("name") or match.group("alone")
    return None


def _named_in_overview(document: IngestedText, sections: list[Section], root: Section) -> str | None:
    """The project the first 项目概况 text of a report names after a colon, when it names only one."""
    for overview in (s for s in sections if root.start < s.start < root.end and s.label == "overview"):
        inner = next((s.start for s in sections if overview.start < s.start < overview.end), overview.end)
        names = set(COLON_NAME.findall(document.text[overview.start : inner]))
        if names:
            return names.pop() if len(names) == 1 else None
    return None


def _block_start(document: IngestedText, position: int) -> int:
    """The start of the block holding ``position``: a long flattened form line is read whole, not from its middle."""
    return next((b.start for b in document.blocks if b.start <= position < b.end), position)


def _title_before(document: IngestedText, table: Section) -> str | None:
    """The title a flattened form line right before a table opens with (某单位整体支出绩效自评表(2021年度)…)."""
    reach = _block_start(document, max(0, table.start - _FORM_LOOKBACK_CHARS))
    before = [b for b in document.blocks if reach <= b.start and b.end <= table.start]
    if table.style != "table" or not before or before[-1].kind != "paragraph":
        return None
    text = before[-1].text
    title = title_sign("table").search(text)
    return ENUMERATION_START.sub("", text[: title.end()], count=1) if title else None


def _department_table(document: IngestedText, table: Section) -> bool:
    """A 自评表 whose form line before it titles it a department's (整体支出), or, untitled, whose form names a
    unit (单位名称 | 某镇人民政府) and no project: a department evaluation."""
    title = _title_before(document, table)
    if title is not None:
        return _department_sign(title)
    if not _is_table_root(table):
        return False
    reach = _block_start(document, max(0, table.start - _FORM_LOOKBACK_CHARS))
    if title_sign("report", "table").search(document.text, reach, table.end):
        return False  # a title the outline did not take (X项目绩效评价自评表, in a cell too) says what the table is
    return (
        _labelled_name(document, reach, table.end, "department") is not None
        and _labelled_name(document, reach, table.end, "project") is None
    )


def _form_title_name(document: IngestedText, start: int, end: int) -> str | None:
    """The project the title opening a flattened form line names (X项目绩效目标自评表(2022年度)项目名称 …)."""
    for block in document.blocks:
        if start <= block.start < end and block.kind == "paragraph" and _is_form_line(block.text):
            title = title_sign("table", "report").search(block.text)
            label = _form_labels().search(block.text)
            if title and label and title.end() <= label.start():
                return project_name(block.text[: title.end()])
    return None


def _unless_misread(cell: str, titled: str | None) -> str:
    """The 项目名称 cell, unless OCR garbled it: its characters make no words while the title's name's do."""
    if titled is None or same_project(cell, titled):
        return cell
    return titled if _word_share(cell) < _MIN_WORD_SHARE <= _word_share(titled) else cell


_MIN_WORD_SHARE = 0.5  # OCR's look-alike characters make single-character tokens (share 0); a real name scores ~0.8


def _word_share(name: str) -> float:
    """The share of a name's characters that fall in dictionary words of two or more characters."""
    tokenizer = segmenter()
    core = _NAME_NOISE.sub("", name)
    in_words = sum(len(w) for w in tokenizer.cut(core, HMM=False) if len(w) > 1 and tokenizer.FREQ.get(w))
    return in_words / len(core) if core else 0.0


def _unglued(name: str | None, organisation: str | None) -> str | None:
    """A name read from a heading glued to the site's section name above it (预算绩效管理XX中心) is the organisation."""
    if name and organisation and name != organisation and name.endswith(organisation):
        return organisation
    return name


def _host_of_table(table: Section, units: list[list[Section]], names: dict[str, str | None]) -> list[Section] | None:
    """The unit a table belongs to: the project of its name, else the unit right before it if the names agree."""
    name = names[table.id]
    for members in units:
        lead = members[0]
        joinable = not _is_department(lead) and not _is_table_root(lead)
        if joinable and not any(_is_table_root(m) for m in members[1:]) and same_project(names[lead.id], name):
            return members
    if not units:
        return None
    previous = units[-1]
    lead = previous[0]
    if _is_table_root(lead):
        return None  # two tables in a row are two units
    if any(_is_table_root(m) for m in previous[1:]):
        return None
    if name is None or names[lead.id] is None or same_project(names[lead.id], name):
        return previous
    return None


def _form_of_report(report: Section, units: list[list[Section]], names: dict[str, str | None]) -> list[Section] | None:
    """The 自评表 right before a project's report on the same project (the form, then 附：X项目绩效自评报告): one
    evaluation, as when the form follows its report. Forms only: a report before it is a unit of its own."""
    if not units or _is_department(report) or names[report.id] is None:
        return None
    previous = units[-1]
    if all(_is_table_root(m) for m in previous) and same_project(names[previous[0].id], names[report.id]):
        return previous
    return None


def _evaluation(
    document: IngestedText,
    sections: list[Section],
    members: list[Section],
    names: dict[str, str | None],
    organisation: str | None,
) -> Evaluation:
    """The evaluation of a unit's roots; a report on a unit's projects that names none takes the unit's name."""
    lead = members[0]
    kind = "department" if _is_department(lead) or _department_table(document, lead) else "project"
    name = names[lead.id] or next((names[m.id] for m in members[1:] if names[m.id]), None)
    if name is None and not _is_table_root(lead):
        # a report that names no project: the one its opening sentence names, else the unit's own name (as its
        # title gives it: 某州某某中心2024年度项目支出绩效单位自评报告 covers the unit's projects)
        issuer = _unglued(title_issuer(lead.heading), organisation)
        # or, a township's report on the projects it ran, its place's
        name = (
            named_in_opening(document.text[lead.start : lead.start + _OPENING_CHARS])
            or issuer
            or organisation
            or _reporting_place(document, lead)
        )
    form = _form_before(document, lead) if lead.style == "table" else None
    if name is None and _is_table_root(lead):
        name = repeated_colon_name(document.text[form[0] if form else lead.start : lead.end])
    return Evaluation(
        "",
        kind,
        name,
        form[0] if form else lead.start,
        lead.end,
        # once each, though a table may lie inside its report
        list(dict.fromkeys(sid for member in members for sid in _subtree(sections, member))),
        [m.id for m in members],
        form=form,
    )


def _form_before(document: IngestedText, table: Section) -> tuple[int, int] | None:
    """The form part (项目名称 … 预算数 … 自评得分) a flattened 自评表 puts in the lines before its table.

    Its budget and self-score belong to the table's evaluation, though the outline starts
    the table's section at the table.

    The form line may stand a few blocks before the table, with the budget rows and the goal
    between (项目名称 X 主管部门 Y 项目资金(万元) | 年初预算数 … | 年度总体目标 …): the form part
    then runs from it to the table, unless another indicator table lies between. A reader may have made
    the form a table of its own (项目名称 | X rows over 预算数 | 执行数): it starts there.
    """
    reach = _block_start(document, max(0, table.start - _FORM_LOOKBACK_CHARS))
    for block in reversed([b for b in document.blocks if reach <= b.start and b.end <= table.start]):
        if block.kind == "table" and any(header_roles([c.text for c in row]) for row in block.rows):
            return None
        if block.kind == "paragraph" and _is_form_line(block.text):
            return block.start, table.start
        # a form a reader made a table of its own (项目名称 | X … 预算数 | 执行数) starts at its name's row
        if block.kind == "table" and _names_project(block):
            return block.start, table.start
    return None


def _names_project(table: Block) -> bool:
    """Does a table hold a 项目名称 label cell?"""
    labels = vocabulary("titles")["name_labels"]["project"]
    return any(cell.text.rstrip(":：") in labels for row in table.rows for cell in row)

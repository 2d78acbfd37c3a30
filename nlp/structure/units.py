"""Evaluation units (SPEC §3): one per 部门整体 report, one per project.

A unit starts at a root of the outline: a report title (…绩效评价报告, …自评报告,
…自评表) or a 自评表 standing as a table. A project's narrative report and its
自评表 are one evaluation: they are matched by name (``保安经费项目`` and
``保安经费`` are the same project), and a report that names no project takes the
next unclaimed table before the next report.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import pairwise

from nlp.structure.meta import department_from_title
from nlp.text.blocks import IngestedText
from nlp.text.document import DocumentMeta, Evaluation, Section
from nlp.text.vocabulary import header_roles, title_endings, title_pattern, title_sign, vocabulary

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_PARENTHESIZED = re.compile(r"\(((?:[^()]|\([^()]*\)){2,60})\)$")  # one level of nesting: 文化馆(站)


@cache
def _project_suffix() -> re.Pattern:
    """What follows a project's name in a title: 专项资金 … 项目支出 … 绩效 … and a report or table ending."""
    endings = "|".join(map(re.escape, sorted(title_endings("report", "table"), key=len, reverse=True)))
    return re.compile(rf"(?:专项资金|专项)?(?:部门)?(?:预算)?(?:项目)?(?:支出)?(?:绩效)?(?:目标)?(?:{endings})$")


def _is_report_title(heading: str) -> bool:
    return bool(title_sign("report").search(heading))


def _department_sign(heading: str) -> bool:
    titles = vocabulary("titles")
    if any(sign in heading for sign in titles["department_signs"]):
        return True
    unit_report = any(sign in heading for sign in titles["unit_report_signs"])
    return unit_report and not any(sign in heading for sign in titles["project_signs"])


_REPORT_HEADING_STYLES = ("cn", "pcn", "ar", "par", "circle")  # 一、 (一) 1. (1) ①: not 附件 or 第X部分
_MIN_REPORT_CHARS = 400  # a cover title with an introduction is shorter than a report without headings
_OPENING_CHARS = 300  # where a text without a title says whether it assesses a department (整体)
_NAME_NOISE = re.compile(r"项目$|[\s()“”\"'、，,]")
# An organisation named with its administrative division: 攀枝花市西区行政审批局.
_ORGANISATION = re.compile(
    r"(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|县|区))+[\u4e00-\u9fff]{1,12}?"
    r"(?:人民政府办公室|办公室|委员会|局|中心|院|馆|站|所)"
)


# A part of a report on several projects: 第一部分 大气污染防治网格化监测运维项目.
_PROJECT_PART = re.compile(r"(?:项目|经费|资金)$|^项目[一二三四五六七八九十\d]+[:：、.]")


def _is_root(section: Section) -> bool:
    if section.style == "part":
        return bool(_PROJECT_PART.search(section.heading))
    return section.style == "table" or (
        section.style == "title" and bool(title_sign("report", "table").search(section.heading))
    )


def _is_table_root(section: Section) -> bool:
    """A 自评表 or 评分表 (a table, or a title that names one) rather than a narrative report."""
    return section.style == "table" or (section.style == "title" and not _is_report_title(section.heading))


def _is_department(section: Section) -> bool:
    return section.style != "table" and (section.label == "dept_report" or _department_sign(section.heading))


_HAN = re.compile(r"[\u4e00-\u9fff]")
_PART_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分|项目[一二三四五六七八九十\d]+[:：、.])\s*")
_ATTACHMENT_PREFIX = re.compile(r"^(?:附件|附表|附)\s*[\d一二三四五六七八九十]*\s*[:：.、]?\s*")
_DATE_IN_PARENTHESES = re.compile(r"\((?:(?:19|20)\d{2}\s*年度?|[^()]*日期[^()]*)\)")


def _strip_title(title: str) -> str:
    """A title without its 附件 label and a parenthesized year: what is left can name the unit."""
    return _DATE_IN_PARENTHESES.sub("", _ATTACHMENT_PREFIX.sub("", title)).strip().rstrip("|?？ ")


def project_name(title: str) -> str | None:
    """The project a report or table title names: in parentheses, or between year and report type.

    A title that is only a report type (项目支出绩效自评表(2023年度)) names nothing.
    """
    title = _PART_NUMBER.sub("", _strip_title(title))
    parenthesized = _PARENTHESIZED.search(title)
    if parenthesized:
        return parenthesized.group(1)
    year = _YEAR.search(title)
    name = title[year.end() :] if year else title
    name = _project_suffix().sub("", name).strip()
    if name and not _only_type_words(name):
        return name
    before = _project_suffix().sub("", title[: year.start()]).strip() if year else ""
    # 湖北省残疾人事业发展补助资金项目2018年度绩效自评报告: the project before the year, unless it is the issuer
    if len(_HAN.findall(before)) >= 2 and not _only_type_words(before) and department_from_title(before) is None:
        return before
    return None


@cache
def _type_words() -> tuple[str, ...]:
    return tuple(sorted(vocabulary("titles")["type_words"], key=len, reverse=True))


def _only_type_words(name: str) -> bool:
    rest = name
    for word in _type_words():
        rest = rest.replace(word, "")
    return not rest.strip("()（）:：、 ")


_MAX_NAME_CHARS = 60
_FORM_LOOKBACK_CHARS = 600  # how far before a 自评表's indicator table its form part (项目名称 …) may start


def _labelled_name(document: IngestedText, start: int, end: int, kind: str) -> str | None:
    """The name a label gives (项目名称 for a project, 单位名称 for a department) between ``start`` and ``end``.

    The value is the label cell's neighbour, or the text after the label: a flattened 自评表
    puts label and value in one line (项目名称：X 主管部门：Y) or on consecutive lines, the
    value ending where the next form label begins.
    """
    labels = tuple(vocabulary("titles")["name_labels"][kind])
    blocks = [b for b in document.blocks if start <= b.start < end]
    for index, block in enumerate(blocks):
        if block.kind == "table":
            for row in block.rows:
                for left, right in pairwise(row):
                    if left.text.rstrip(":：") in labels and right.text:
                        return _named_by_value(right.text, kind)
            continue
        found = next(((label, at) for label in labels if (at := block.text.find(label)) >= 0), None)
        if found is None or not (found[1] == 0 or block.text[found[1] - 1] in " |\t:：)" or _is_form_line(block.text)):
            continue
        label, at = found
        value = block.text[at + len(label) :].strip(":： |")
        if not value and index + 1 < len(blocks) and blocks[index + 1].kind == "paragraph":
            value = blocks[index + 1].text.strip(":： |")
        value = _before_next_label(value, labels)
        if 2 <= len(value) <= _MAX_NAME_CHARS:
            return _named_by_value(value, kind)
    return None


def _named_by_value(value: str, kind: str) -> str:
    """A 项目名称 cell that repeats its table's title (X支出绩效自评表) names the project X, not the table."""
    if kind == "project" and title_pattern("table", "report").search(value):
        return project_name(value) or value
    return value


def _is_form_line(text: str) -> bool:
    """A 自评表 flattened into a line (项目名称 X 主管部门 Y 实施单位 Z), not prose that mentions a label."""
    return "。" not in text and sum(label in text for label in vocabulary("tables")["rows"]["form"]) >= 2


def _before_next_label(text: str, own: tuple[str, ...]) -> str:
    labels = [label for label in vocabulary("tables")["rows"]["form"] if label not in own]
    cut = min((i for label in labels if (i := text.find(label)) > 0), default=len(text))
    return text[:cut].strip(":： |")


def main_organisation(text: str) -> str | None:
    """The organisation the document names most often (with its division), for unnamed reports."""
    candidates = set(_ORGANISATION.findall(text))
    if not candidates:
        return None
    counts = Counter({name: text.count(name) for name in candidates})
    return max(counts, key=lambda name: (counts[name], len(name)))


def same_project(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = _NAME_NOISE.sub("", a), _NAME_NOISE.sub("", b)
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _subtree(sections: list[Section], root: Section) -> list[str]:
    return [s.id for s in sections if root.start <= s.start < root.end]


def _has_content(document: IngestedText, sections: list[Section], root: Section, roots: list[Section]) -> bool:
    """Does a root hold more than a cover title and an introduction: a table, a heading, or a report's text?"""
    inner_end = min((r.start for r in roots if root.start < r.start < root.end), default=root.end)
    if root.style == "table":  # a title row cut off from its form (the form follows under its own title) is not
        return any(
            b.kind == "table"
            and root.start <= b.start < inner_end
            and any(header_roles([c.text for c in r]) for r in b.rows)
            for b in document.blocks
        )
    if any(b.kind == "table" and root.start <= b.start < inner_end for b in document.blocks):
        return True
    if any(root.start < s.start < inner_end and s.style in _REPORT_HEADING_STYLES for s in sections):
        return True
    return inner_end - root.start >= _MIN_REPORT_CHARS


def find_evaluations(document: IngestedText, sections: list[Section], meta: DocumentMeta) -> list[Evaluation]:
    """One evaluation per department report and per project, each with the roots (report, tables) it merges.

    A 自评表 or 评分表 joins the report of the same project, or the report right before it
    when it names no other project (a department's 评分表, a project's 附表); a cover title
    whose section holds no table and hardly any text is no evaluation when others follow.
    """
    roots = [s for s in sections if _is_root(s)]
    if not roots:
        fallback = _whole_text_evaluation(document, sections, meta)
        return [fallback] if fallback is not None else []
    if len(roots) > 1:
        roots = [r for r in roots if _has_content(document, sections, r, roots)] or roots
    fallback_department = meta.department or main_organisation(document.text)
    names = {r.id: _root_name(document, r, fallback_department) for r in roots}
    units: list[list[Section]] = []  # each unit's roots, the report (or first table) first
    for root in roots:
        if _is_table_root(root):
            host = _host_of_table(root, units, names)
            if host is not None:
                host.append(root)
                continue
        units.append([root])
    evaluations = [_evaluation(document, sections, members, names, fallback_department) for members in units]
    evaluations.sort(key=lambda e: e.start)
    for number, evaluation in enumerate(evaluations, start=1):
        evaluation.id = f"e{number}"
    return evaluations


def _whole_text_evaluation(document: IngestedText, sections: list[Section], meta: DocumentMeta) -> Evaluation | None:
    """One evaluation of the whole text, when no title was recognised but the text reads as a self-evaluation."""
    signs = vocabulary("titles")["evaluation_signs"]
    if sum(word in document.text for word in signs["words"]) < signs["minimum"]:
        return None
    end = len(document.text)
    opening = document.text[:_OPENING_CHARS]
    if _department_sign(opening):
        name = _labelled_name(document, 0, end, "department") or meta.department or main_organisation(document.text)
        kind = "department"
    else:
        name = _labelled_name(document, 0, end, "project") or named_in_opening(document.text[:_OPENING_CHARS])
        kind = "project"
    return Evaluation("e1", kind, name, 0, end, [s.id for s in sections])


# 现将2022年西平县交通运输局XX资金项目绩效自评总结报告如下: the sentence that opens many reports names them.
_OPENING_CLAUSE = re.compile(r"现将(?P<subject>[^，,。：:]{2,60}?)(?:绩效)?(?:自评)?(?:总结|情况)?报告如下")
_OWN_UNIT = re.compile(r"^(?:本|我)(?:局|办|委|单位|中心|校|院|处|所|站|馆|部门)")


def named_in_opening(text: str) -> str | None:
    """The project an opening ``现将…报告如下`` names, without its year and issuing unit, or None."""
    match = _OPENING_CLAUSE.search(text)
    if match is None:
        return None
    subject = _YEAR.sub("", match.group("subject"))
    subject = _OWN_UNIT.sub("", subject)
    issuer = _ORGANISATION.match(subject)
    subject = subject[issuer.end() :] if issuer else subject
    subject = _project_suffix().sub("", subject).strip()
    return subject if len(_HAN.findall(subject)) >= 2 and not _only_type_words(subject) else None


def _root_name(document: IngestedText, root: Section, fallback_department: str | None) -> str | None:
    if _is_department(root):
        return (
            department_from_title(_PARENTHESIZED.sub("", _strip_title(root.heading)))
            or _labelled_name(document, root.start, root.end, "department")
            or fallback_department
        )
    labelled = _labelled_name(document, root.start, root.end, "project")
    if _is_table_root(root):
        # a 自评表's 项目名称 says it more exactly than its title; a flattened form puts it just before the table
        labelled = labelled or _labelled_name(
            document, max(0, root.start - _FORM_LOOKBACK_CHARS), root.start, "project"
        )
        if labelled:
            return labelled
    return _unglued(project_name(root.heading), fallback_department) or labelled


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


def _evaluation(
    document: IngestedText,
    sections: list[Section],
    members: list[Section],
    names: dict[str, str | None],
    organisation: str | None,
) -> Evaluation:
    """The evaluation of a unit's roots; a report on a unit's projects that names none takes the unit's name."""
    lead = members[0]
    kind = "department" if _is_department(lead) else "project"
    name = names[lead.id] or next((names[m.id] for m in members[1:] if names[m.id]), None)
    if name is None and not _is_table_root(lead):
        # a report that names no project: the one its opening sentence names, else the unit's own name (as its
        # title gives it: 红河州数据发展中心2024年度项目支出绩效单位自评报告 covers the unit's projects)
        issuer = _unglued(_issuer(lead.heading), organisation)
        name = named_in_opening(document.text[lead.start : lead.start + _OPENING_CHARS]) or issuer or organisation
    form = _form_before(document, lead) if lead.style == "table" else None
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


def _issuer(title: str) -> str | None:
    """The organisation a report's title opens with, before its year (XX县住房和城乡建设局2021年度…)."""
    title = _strip_title(title)
    year = _YEAR.search(title)
    return department_from_title(title[: year.start()] if year else title)


def _form_before(document: IngestedText, table: Section) -> tuple[int, int] | None:
    """The form part (项目名称 … 预算数 … 自评得分) a flattened 自评表 puts in the line right before its table.

    Its budget and self-score belong to the table's evaluation, though the outline starts
    the table's section at the table.
    """
    before = [b for b in document.blocks if b.end <= table.start]
    if before and before[-1].kind == "paragraph" and _is_form_line(before[-1].text):
        return before[-1].start, before[-1].end
    return None

"""Document metadata stated in the title lines: title, year, region, department.

Hand-written: the title block of a 部门决算 or 绩效评价报告 follows a fixed pattern
(year, issuing body, document type) that no general library parses.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from nlp.text.blocks import IngestedText
from nlp.text.document import DocumentMeta
from nlp.text.normalize import glue_lines, starts_enumeration
from nlp.text.vocabulary import alternation, title_endings, title_pattern, vocabulary

_MAX_TITLE_LINES = 4
_MAX_TITLE_LINE_CHARS = 40
_ATTACHMENT_LABEL = re.compile(r"^附件\s*\d*(?:[-－]\d+)?$")
# A cover's field (评价年度:2024, 评价单位(公章):X, 项目名称:X); 附件1:… is none.
_COVER_FIELD = re.compile(r"^(?!附)[\u4e00-\u9fff]{2,8}(?:\([\u4e00-\u9fff]{1,4}\))?[:：]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
# Where the issuing body's name ends and the document type begins.
_DOC_TYPE = re.compile(
    r"(?:部门\(单位\)|部门|单位)?(?:财政)?(?:整体支出|整体|项目支出|部门决算|单位决算|决算|预算|绩效|自评|评价报告)"
)
# A city's name runs to no county's sign (某某满族自治县某局 is a county's bureau, not a city's); an
# autonomous county's name may be long (某某左翼某某族自治县).
_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?"
    r"(?:(?:(?![县旗])[\u4e00-\u9fff]){1,8}?(?:市|自治州|州|盟|地区))?"
    r"(?:[\u4e00-\u9fff]{1,10}?(?:自治县|自治旗)|[\u4e00-\u9fff]{1,6}?(?:区|县|旗|市))?"
)


def said_once(text: str) -> str:
    """A line run together with its own repetitions (a page's title printed two or three times) read once."""
    for times in (2, 3, 4):
        part = len(text) // times
        if part and len(text) % times == 0 and text[:part] * times == text:
            return text[:part]
    return text


def _title_lines(document: IngestedText) -> list[str]:
    """The short lines before the first numbered heading, table of contents or prose (a greeting left out).

    A line that repeats the one before (the page's title over the document's own) is read once.
    """
    lines: list[str] = []
    for block in document.blocks:
        text = said_once(block.text)
        if block.kind == "paragraph" and _ATTACHMENT_LABEL.match(text):
            if lines:
                break  # the label of an attached document (附件2-1) under a title: the title is whole
            continue
        if block.kind == "paragraph" and _greeting().match(text):
            continue
        if block.kind != "paragraph" or starts_enumeration(text):
            break
        if (
            "。" in text
            or len(_NAMED_AFTER.sub("", text)) > _MAX_TITLE_LINE_CHARS
            or text.startswith("公开时间")
            or _is_cover_field(text)
        ):
            opening = None if lines else _run_on_title(text)  # no title above: one may open this line
            lines += [opening] if opening else []
            break
        if lines and text == lines[-1]:
            continue
        lines.append(text)
        if len(lines) == _MAX_TITLE_LINES:
            break
    return lines


def _run_on_title(text: str) -> str | None:
    """The title a converted page runs on into its first heading and prose (X项目 绩效评价报告 一、基本情况 …)."""
    heading = _FIRST_HEADING.search(text, 0, _MAX_RUN_ON_TITLE_CHARS)
    title = text[: heading.start()].strip() if heading else ""
    if not title:  # a copy that lost its line breaks: the title's ending runs straight into 一、 (not a sentence's:
        # 我局…形成了自评报告一、…)
        ending = _TITLE_BEFORE_HEADING.search(text, 0, _MAX_RUN_ON_TITLE_CHARS)
        title = text[: ending.end()] if ending and not _own_unit_opening(text) else ""
    sentence = any(mark in title for mark in "，,。")  # 按照要求，我局…形成绩效自评报告 一、…: prose, no title
    return title if title and not sentence and title_pattern("report", "table").search(title) else None


_MAX_RUN_ON_TITLE_CHARS = 80
_FIRST_HEADING = re.compile(r"\s(?:一[、.．]|[(（]一[)）])")


def _own_unit_opening(text: str) -> bool:
    """Does ``text`` open as a report's sentence does: on its unit's words for itself (我局, 本单位) or a clause's
    opening (根据, 按照)?"""
    return bool(own_unit().match(text)) or text.startswith(tuple(vocabulary("titles")["clause_openers"]))


@cache
def own_unit() -> re.Pattern:
    """A report's words for itself or its place opening a clause (我局, 本县)."""
    return re.compile("^" + own_unit_inside().pattern)


@cache
def own_unit_inside() -> re.Pattern:
    """A report's words for itself anywhere in a phrase (下达给我单位资金)."""
    return re.compile(rf"(?:本|我)(?:{alternation(vocabulary('titles')['self_words'])})")


_TITLE_BEFORE_HEADING = re.compile(rf"(?:{alternation(title_endings('report', 'table'))})(?=一、)")


# A title's project named after it in parentheses (…自评报告(2022年某某免费开放补助经费)), or in a bracket the line
# leaves open: no length of the title's own.
_NAMED_AFTER = re.compile(r"\((?:[^()]|\([^()]*\)){2,60}\)?$")


def _is_cover_field(text: str) -> bool:
    """A cover's field (评价年度:2024) ends the title; a title with a colon (某局：2023年度…自评报告) does not."""
    return bool(_COVER_FIELD.match(text)) and not title_pattern("report", "table").search(text)


def _own_title_line(lines: list[str]) -> str | None:
    """A line that is a whole title by itself (…局2024年度…自评报告): the short lines above it are the site's.

    A page's section name or breadcrumb (预算绩效管理, >>政务公开>>…) stands above the title and
    would otherwise be glued onto the issuing body's name.
    """
    ending = title_pattern("report", "table")
    own = [
        line
        for above, line in pairwise(lines)
        if ending.search(line)
        and (department_from_title(line) or site_owner_above(above, line) or _placed_under_no_title_words(above, line))
    ]
    return own[-1] if own else None


def _placed_under_no_title_words(above: str, line: str) -> bool:
    """Is ``line`` a title opening on its place's name (某县某工程项目…报告) under a line that names no year, place
    or body (a site's widget or advert)? A title does not go on from such words into a place's name; it does
    from a province named alone (内蒙古 ⏎ 某某旗…报告)."""
    return (
        len(_REGION.match(line).group()) >= _MIN_REGION_CHARS
        and not _YEAR.search(above)
        and len(_REGION.match(above).group()) < _MIN_REGION_CHARS
        and above not in vocabulary("titles")["province_names"]
        and not names_an_organisation(above)
    )


def site_owner_above(line: str, below: str) -> bool:
    """Is ``line`` a whole organisation's name (a site's owner: 某县人民政府) above a title line that names a subject
    of its own (某镇某公路项目…报告)? A year above (2021年某中心 / 整体绩效评价报告), a title opening on its year, or
    one naming nothing before its type (某某局 / 2023年度…报告) makes the two lines one title."""
    return (
        names_an_organisation(line)
        and not _YEAR.search(line)
        and bool(_HAN_FIRST.match(below))
        and len(issuer_words(below)) >= _MIN_OWN_SUBJECT_CHARS
    )


_HAN_FIRST = re.compile(r"[\u4e00-\u9fff]")  # 某局 / 2022年度某资金…报告: a title opening on its year goes on above
_MIN_OWN_SUBJECT_CHARS = 4  # 某镇某公路项目 before 绩效自评报告; 整体绩效评价报告 names nothing before its type


def department_from_title(title: str) -> str | None:
    """The issuing body: the title without its year and document type, if it names an organisation."""
    name = issuer_words(title)
    return name if names_an_organisation(name) else None


def issuer_words(title: str) -> str:
    """What a title says before its document type, its year left out: an issuer's name, or only its place.

    A letter's title (某局关于…的报告) names its issuer before what it is about.
    """
    name = _YEAR.sub("", title).replace(" ", "")
    issuer = _issuer_joiner().search(name)
    if issuer:  # 关于 opening the title (关于某局…的报告) leaves the issuer after it
        name = name[: issuer.start()] if issuer.start() else name[issuer.end() :]
    cut = _DOC_TYPE.search(name)
    return (name[: cut.start()] if cut else name).rstrip(":：")  # 某局：2023年度…: the colon is the title's


@cache
def _issuer_joiner() -> re.Pattern:
    return re.compile("|".join(map(re.escape, vocabulary("titles")["issuer_joiners"])))


def names_an_organisation(text: str) -> bool:
    """Does ``text`` end like an organisation's name (…局, …办公室, …中心, …小学)?"""
    return len(text) >= 3 and text.endswith(_organisation_endings())


@cache
def _organisation_endings() -> tuple[str, ...]:
    """How an organisation's name ends, from the vocabulary (titles.toml)."""
    return tuple(vocabulary("titles")["organisation_endings"])


def is_division(text: str) -> bool:
    """Is ``text`` only administrative divisions (某市某区, down to a township: 某区某镇), naming no unit or project?"""
    match = _REGION.match(text)
    return bool(text) and match is not None and (match.end() == len(text) or _TOWNSHIP.fullmatch(text, match.end()))


_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|苏木)")


def region_from_department(department: str) -> str | None:
    """The administrative divisions that prefix a department name (攀枝花市仁和区…)."""
    match = _REGION.match(department)
    region = match.group(0) if match else ""
    return region if region and region != department else None


@cache
def _greeting() -> re.Pattern:
    """A site's greeting line, 欢迎来到 <owner> 网站!: the owner is the organisation the site is of."""
    greetings = "|".join(map(re.escape, vocabulary("furniture")["navigation"]["greetings"]))
    return re.compile(rf"^(?:{greetings})(?P<owner>[^。；;，,!！]{{2,30}}?)(?:门户)?(?:网站|网)?\s*[!！。]?$")


def _site_owner(document: IngestedText) -> str | None:
    """The organisation a greeting above the title names (欢迎访问某某局网站!), if it names one."""
    for block in document.blocks[:_MAX_TITLE_LINES]:
        greeting = _greeting().match(block.text)
        if greeting and names_an_organisation(greeting["owner"]):
            return greeting["owner"]
    return None


def extract_meta(document: IngestedText) -> DocumentMeta:
    lines = _title_lines(document)
    if not lines:
        return DocumentMeta()
    title = _own_title_line(lines) or glue_lines(lines)
    year = _YEAR.search(title)
    # a title that names no issuing body (部门整体支出绩效评价报告) on a unit's own site: the site's owner
    department = department_from_title(title) or _site_owner(document)
    return DocumentMeta(
        title=title,
        year=int(year.group(1)) if year else None,
        region=region_from_department(department) if department else _region_of_title(title),
        department=department,
    )


_MIN_REGION_CHARS = 3


def _region_of_title(title: str) -> str | None:
    """The division a title naming no body opens with (某某自治县2023年度部门决算): a year or type must follow it."""
    match = _REGION.match(title)
    if not match or len(match.group()) < _MIN_REGION_CHARS:  # **河县: a masked name leaves its sign only
        return None
    rest = title[match.end() :].lstrip()
    return match.group() if _YEAR.match(rest) or _DOC_TYPE.match(rest) else None

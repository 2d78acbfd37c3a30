"""What a title or a text calls an evaluation unit: the project (or fund) it assesses, or its organisation.

``units`` finds the units and decides which title, form or part of each to read; this module reads the
words. A title loses what a page glued to it (``strip_title``) and gives the project between its year and
its report type, or in parentheses (``project_name``), or the issuer opening it (``title_issuer``). A text
without a title is named by its opening sentence (现将…报告如下), a fund's allocation, a name it keeps
repeating or a report title inside it; the organisation it names most stands for an unnamed department.
A project named only after its funds' source (中央和省级财政发展资金) takes the project its text says the
money paid for (``name_the_project``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from nlp.structure.meta import (
    department_from_title,
    is_division,
    names_an_organisation,
    own_unit,
    own_unit_inside,
    region_from_department,
    said_once,
)
from nlp.text.blocks import IngestedText
from nlp.text.document import Evaluation
from nlp.text.vocabulary import alternation, marker, title_endings, title_pattern, title_sign, vocabulary

_YEAR = re.compile(r"(?:19|20)(?:\d{2}|[xX]{2})\s*年度?")  # a template's 20xx too
# a year without 年 between an organisation and words of a report's type (某小学2021项目资金绩效自评报告)
_BARE_YEAR = re.compile(r"(?<=[\u4e00-\u9fff])(?:19|20)\d{2}(?=[\u4e00-\u9fff])")
PARENTHESIZED = re.compile(r"\(((?:[^()]|\([^()]*\)){2,60})\)$")  # one level of nesting: 文化馆(站)
_HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def _project_suffix() -> re.Pattern:
    """What follows a project's name in a title: 专项资金 … 项目支出 … 绩效 … and a report or table ending."""
    endings = "|".join(map(re.escape, sorted(title_endings("report", "table"), key=len, reverse=True)))
    # 关于X绩效的自评报告: the particle before the report type is no part of the name either
    # 区域绩效目标: a transfer payment's goals for the region it pays (X补助资金区域绩效目标自评表), as 区域(项目) in
    # its form's title (X转移支付区域(项目)绩效自评表); 重点: a key evaluation's (X项目重点绩效评价报告); a project's
    # 绩效评价 before its 自评报告 (某区财政支出项目绩效评价自评报告; a fund's keeps it: X资金绩效评价自评报告); a
    # budget's execution (某中心预算执行情况绩效自评报告: the centre's whole budget)
    return re.compile(
        rf"(?P<fund>专项资金)?(?:专项)?(?:部门)?(?:预算(?:执行(?:情况)?)?)?(?:项目)?(?:支出)?(?:重点)?(?:区域)?(?:\(项目\))?"
        rf"(?:区域绩效目标|(?:(?<=项目)绩效评价(?=自评)|绩效)?(?:目标)?)的?(?:{endings})$"
    )


def _without_project_suffix(text: str) -> str:
    """A title's words before its project suffix; a fund's 专项资金 stays when nothing before it names money
    (乡村振兴专项资金, not 运行经费专项资金)."""
    suffix = _project_suffix().search(text)
    if suffix is None:
        return text.strip()
    name = text[: suffix.start()].strip()
    keeps_fund = (
        suffix.group("fund")
        and name
        and not name.endswith(tuple(vocabulary("titles")["money_endings"]))
        and not names_an_organisation(name)  # 某中学专项资金绩效自评报告: the school's funds, no fund's name
        and not _DIVISION_FIRST.fullmatch(name)  # 体育强省专项资金 would read as a province's type words
    )
    return name + suffix.group("fund") if keeps_fund else name


@cache
def _organisation() -> re.Pattern:
    """An organisation named with its administrative division: 某市某区行政审批局."""
    words = vocabulary("titles")["unit_endings"]
    endings = alternation(words)
    # an ending that is a whole name itself (某省红十字会, 某县委员会) may follow the division directly
    whole = alternation([word for word in words if len(word) >= _WHOLE_NAME_ENDING])
    return re.compile(
        # an ending in 部 running on into 门 is the word 部门 (市人民政府工作部门), no unit's
        rf"(?:[\u4e00-\u9fff]{{1,8}}?(?:省|自治区|市|州|县|区))+(?:[\u4e00-\u9fff]{{1,12}}?(?:{endings})|(?:{whole}))"
        r"(?!(?<=部)门)"
    )


_WHOLE_NAME_ENDING = 4  # 红十字会, 人民政府办公室: an ending long enough to name a unit after its division alone


@cache
def _self_reference() -> re.Pattern:
    """How a report names its own unit (对我处…, 本中心…): the unit's name ends the same way."""
    return re.compile(rf"(?:我|本)({alternation(vocabulary('titles')['unit_endings'])})")


PART_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分|项目[一二三四五六七八九十\d]+[:：、.])\s*")
# A table's number before its caption (表1：项目支出绩效自评表): no part of a name.
CAPTION_NUMBER = re.compile(r"^表\s*\d{1,2}\s*[:：.、]?\s*")
_ATTACHMENT_PREFIX = re.compile(r"^(?:附件|附表|附)\s*[\d一二三四五六七八九十]*(?:[-－]\d+)?\s*[:：.、]?\s*")
# A year, a report's date (2022年4月, 2022年4月10日) or a dated note in parentheses: no name.
_DATE_IN_PARENTHESES = re.compile(
    r"\((?:(?:19|20)\d{2}\s*(?:年度?|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)|[^()]*日期[^()]*)\)"
)


_DIVISION_FIRST = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|盟|县|区|旗)")
# Page words a viewer runs into a title's start: its page count (3/120), a time stamp (2024-01-02 09:30:15).
_PAGE_STAMP = re.compile(
    r"^(?:\d+\s*[/／]\s*\d+|(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*)?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)\s*"
)
_ARROW = re.compile(r">>?|›|»|→")
# A list's or a page's number before a title (1、某卫生院整体支出绩效自评表): no part of a name.
_SPACED_WORDS = re.compile(r"(?<=[\u4e00-\u9fff“”‘’《》()])\s+(?=[\u4e00-\u9fff“”‘’《》()])")
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?=[\u4e00-\u9fff])")
_COLON = re.compile(r"[:：](?![^()]*\))")  # not a colon inside parentheses (项目名称:X)


@cache
def _page_label() -> re.Pattern:
    """A label before a colon whose value is the title: the page's (…作者, 当前位置) or a form's (项目名称)."""
    furniture = vocabulary("furniture")
    labels = [label for terms in furniture["keys"].values() for label in terms] + furniture["breadcrumb"]["labels"]
    labels += [label for terms in vocabulary("titles")["name_labels"].values() for label in terms]
    return re.compile(rf"(?:{alternation(labels)})\s*$")


def strip_title(title: str) -> str:
    """A title without its 附件 label and a parenthesized year: what is left can name the unit.

    A title joined to its own repetition is read once. A page's own words glued before it go too: a page
    count or time stamp, a page label's value (…作者:X局…报告), a breadcrumb's arrows, the site's section
    names (办事服务政务公开X局…报告). Any other colon before a title is the title's own (X项目：2023年度…报告):
    it goes, the name before it stays.
    """
    # words a converted page spaces apart (X办公室 2017年度“ 甲工作 ”项目 绩效评价报告) are one title's
    title = _SPACED_WORDS.sub("", title)
    # a title line and its repetitions (the page's and the document's) joined
    title = _ATTACHMENT_PREFIX.sub("", _PAGE_STAMP.sub("", _last_title(said_once(title))))
    title = _LIST_NUMBER.sub("", title)
    glued = [m for m in (*_ARROW.finditer(title), *_COLON.finditer(title)) if _is_title(title[m.end() :])]
    page = [m for m in glued if _ARROW.fullmatch(m.group()) or _page_label().search(title, 0, m.start())]
    title = _PAGE_STAMP.sub("", title[max((m.end() for m in page), default=0) :])
    title = _COLON.sub(lambda m: "" if _is_title(m.string[m.end() :]) else m.group(), title)
    sections = _site_sections().match(title)
    if sections and _DIVISION_FIRST.match(title, sections.end()):  # not 某县政务公开办公室: a division must follow
        title = title[sections.end() :]
    return _DATE_IN_PARENTHESES.sub("", title).strip().rstrip("|?？ ")


def _last_title(heading: str) -> str:
    """The last of the titles a heading runs together (a page's over the document's: X结果公开某某项目自评表).

    A title follows another where one title's ending is over and the rest is a title of its own, with a
    name before its ending; what joins two parts of one title (X报告及Y表, X报告(附:Y表)) does not cut it.
    """
    spans = [(at, at + len(e)) for e in title_endings("report", "table") for at in _occurrences(heading, e)]
    joiners = tuple(vocabulary("titles")["title_joiners"])
    for _, cut in sorted(spans, reverse=True):
        rest = heading[cut:]
        if any(start < cut < end for start, end in spans) or not rest or rest.startswith(joiners):
            continue
        ending = title_pattern("report", "table").search(rest)
        if ending and len(_HAN.findall(rest[: ending.start()])) >= 2:
            return rest
    return heading


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, each time."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _is_title(text: str) -> bool:
    """Does ``text`` hold a report or table title?"""
    return bool(title_sign("report", "table").search(text))


@cache
def _site_sections() -> re.Pattern:
    """The site's section names a page may run into a title (办事服务, 某某政务公开), a run of them at its start."""
    sections = sorted(vocabulary("furniture")["navigation"]["sections"], key=len, reverse=True)
    return re.compile(rf"^(?:[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(map(re.escape, sections))}))+")


def project_name(title: str) -> str | None:
    """The project a report or table title names: in parentheses, or between year and report type.

    A title that is only a report type (项目支出绩效自评表(2023年度)) names nothing.
    """
    title = _after_joiner(CAPTION_NUMBER.sub("", PART_NUMBER.sub("", strip_title(title))))
    opened = _left_open_after_title(title)
    parenthesized = PARENTHESIZED.search(title) or (opened if opened and _names_funds(opened.group(1)) else None)
    if parenthesized is not None and _form_note(parenthesized.group(1)):
        title, parenthesized = title[: parenthesized.start()], None  # …自评报告(主管部门参考): whose copy, no name
    if parenthesized is None and opened is not None:
        title = title[: opened.start()]  # …自评报告(2023年中央: a bracket left open on no name is no part of it
    if parenthesized and names_an_organisation(parenthesized.group(1)):
        # 某县X项目2024年度…自评报告(某县某局): the bracket says who reports; the title before it names the project
        outside = project_name(title[: parenthesized.start()])
        if outside and not _names_instrument(outside):  # not 江苏省政府专项债券(某某中心): the facility is the project
            return outside
    if parenthesized:
        return without_leading_year(parenthesized.group(1))  # (2022年某某补助经费): the year names nothing
    year = _title_year(title)
    name = title[year.end() :] if year else title
    name = _without_project_suffix(name)
    if year and not year.group().endswith(("年", "年度")) and (not name or not _only_type_words(name)):
        year, name = None, _without_project_suffix(title)  # a bare year inside a name (某场2020某补助资金)
    if name and not _only_type_words(name):
        return None if _division_and_type_words(name) or _only_levels(name) else _without_fund_kind(name)
    before = _without_project_suffix(title[: year.start()]) if year else ""
    # 湖北省残疾人事业发展补助资金项目2018年度绩效自评报告: the project before the year, unless it is the issuer;
    # an issuer before the project (某州某医院X补助资金2023年度…) is no part of it
    if names_an_organisation(before):
        return None  # 某中心小学2021年项目资金…: the issuer, whose funds no project's name says
    issuer = _organisation().match(before)
    if issuer and len(_HAN.findall(before[issuer.end() :])) >= 2 and not _only_type_words(before[issuer.end() :]):
        before = before[issuer.end() :]
    if is_division(before):
        return None  # 某区2021年度绩效自评报告: the place, no project
    if len(_HAN.findall(before)) >= 2 and not _only_type_words(before) and department_from_title(before) is None:
        fund = _without_fund_kind(before)
        return None if is_division(fund) else fund  # 某省某市转移支付2023年度…: the place whose transfers, no project
    return None


def _names_instrument(name: str) -> bool:
    """Is a name only a funding instrument's (江苏省政府专项债券, 某某转移支付项目), no project's?"""
    return name.removesuffix("项目").endswith(tuple(vocabulary("titles")["instruments"]))


def _form_note(text: str) -> bool:
    """Does a bracket after a title say whose copy of a form it is (主管部门参考, 项目单位填报), and nothing else?"""
    return any(
        text.startswith(label) and len(text) - len(label) <= _MAX_NOTE_TAIL
        for label in vocabulary("titles")["form_notes"]
    )


_MAX_NOTE_TAIL = 4  # 参考, 填报, 留存 after whose copy it is; a fund's name (主管部门监管补助资金) runs longer


def _after_joiner(title: str) -> str:
    """A letter's title without the 关于 it opens with (关于X项目支出绩效自评情况报告): the word names nothing."""
    joiner = next((j for j in vocabulary("titles")["issuer_joiners"] if title.startswith(j)), "")
    return title[len(joiner) :]


def _only_levels(name: str) -> bool:
    """Is a name only the levels of government funds come from (省级财政项目…报告: 省级财政)?"""
    return not _fund_words()[1].sub("", name).strip()


def _left_open_after_title(title: str) -> re.Match | None:
    """A bracket a line leaves open after a whole title (…自评报告(2022年某某补助资金, …自评报告(以下简称)."""
    opened = _UNCLOSED.search(title)
    return opened if opened and title_pattern("report", "table").search(title[: opened.start()]) else None


def _names_funds(text: str) -> bool:
    """Does a bracket's text name a project or fund (2022年某某补助资金), not (2023年中央, (以下简称, (第一批次?"""
    inside = without_leading_year(text)
    endings = ("项目", "工程", *vocabulary("titles")["money_endings"])
    return inside.endswith(endings) and not _only_type_words(inside)


_UNCLOSED = re.compile(r"\(([^()]{4,60})$")
_MIN_FUND_BEFORE_KIND = 4  # 某某生态保护恢复 before 专项转移支付: a fund's own name


def _without_fund_kind(name: str) -> str:
    """A fund's name without the kind of funds it ends with (X专项转移支付 → X): the kind names no fund.

    A name that opens with the level of government giving it (中央某某监管专项转移支付, 中央对地方专项转移支付)
    names that level's kind of funds: it stays whole.
    """
    kind = _fund_kind_after().search(name)
    rest = name[: kind.start()] if kind else ""
    if len(_HAN.findall(rest)) < _MIN_FUND_BEFORE_KIND or _fund_words()[1].match(rest):
        return name
    return rest


@cache
def _fund_kind_after() -> re.Pattern:
    """A kind of funds closing a name (…专项转移支付, …转移支付)."""
    return re.compile(rf"(?:专项)?(?:{alternation(vocabulary('titles')['fund_kind_prefixes'])})$")


@cache
def _type_words() -> tuple[str, ...]:
    return tuple(sorted(vocabulary("titles")["type_words"], key=len, reverse=True))


_LOCAL_DIVISIONS = ("市", "县", "区", "旗", "州")


def _division_and_type_words(name: str) -> bool:
    """Is a name a place and words of a report's type (某市某新区财政支出项目绩效评价自评报告): no project?"""
    region = region_from_department(name)
    # a city's or county's (某市某区): a province's sign closes many a project's words too (体育强省)
    return region is not None and region.endswith(_LOCAL_DIVISIONS) and _only_type_words(name[len(region) :])


def _only_type_words(name: str) -> bool:
    """Is a name only words of a report's type, after the division that may open it (某市财政预算支出)?"""
    division = _DIVISION_FIRST.match(name)
    rest = name[division.end() :] if division and division.end() < len(name) else name
    for word in _type_words():
        rest = rest.replace(word, "")
    return not rest.strip("()（）:：、 ")


def title_issuer(title: str) -> str | None:
    """The organisation a report's title opens with, before its year (XX县住房和城乡建设局2021年度…)."""
    title = strip_title(title)
    year = _title_year(title)
    return department_from_title(title[: year.start()] if year else title)


def _title_year(title: str) -> re.Match | None:
    return _YEAR.search(title) or _BARE_YEAR.search(title)


def main_organisation(text: str) -> str | None:
    """The organisation the document names most often (with its division), for unnamed reports.

    The one it names for short (…(以下简称"省残联")) comes first; then the ones ending as the report names itself
    (我处 → …管理处): the most frequent name is often the finance bureau that asked for the report.
    """
    # a sentence's opening word read into the division (根据县财政局…): no part of the name
    openers = tuple(vocabulary("titles")["clause_openers"])
    # nor is a title the name ran on from (…绩效自评报告某县某中心(盖章))
    candidates = {_after_title(_without_opener(name, openers)) for name in _organisation().findall(text)}
    if not candidates:
        return None
    # the organisation the text names for short (某省残疾人联合会(以下简称"省残联")) is the one it is about, unless
    # the text names it as the one whose notice it follows (根据某县财政局(以下简称"县财政局")《…通知》)
    defined = {name for name in candidates if _defined_for_short(text, name)}
    own = {m.group(1) for m in _self_reference().finditer(text)}
    candidates = defined or {name for name in candidates if name.endswith(tuple(own))} or candidates
    counts = Counter({name: text.count(name) for name in candidates})
    return max(counts, key=lambda name: (counts[name], len(name)))


def _defined_for_short(text: str, name: str) -> bool:
    """Does the text give ``name`` a short name (X(以下简称"Y")), other than right after a word it follows a notice
    with (根据X(以下简称…)《…通知》)?"""
    words = vocabulary("titles")
    openers = tuple(words["clause_openers"])
    for mark in words["short_name_marks"]:
        at = text.find(f"{name}({mark}")
        while at >= 0:
            if not text[max(0, at - _OPENER_REACH) : at].endswith(openers):
                return True
            at = text.find(f"{name}({mark}", at + 1)
    return False


_OPENER_REACH = 4  # 根据, 按照: the words a name's clause may open with


def _after_title(name: str) -> str:
    """A name without the title a line ran into it (2019年度部门整体支出绩效自评报告某县某中心 → 某县某中心)."""
    titles = list(title_sign("report", "table").finditer(name))
    return name[titles[-1].end() :] if titles and len(name) - titles[-1].end() >= MIN_ORGANISATION_CHARS else name


MIN_ORGANISATION_CHARS = 4  # 某县某局: the shortest name of an organisation with its place


def _without_opener(name: str, openers: tuple[str, ...]) -> str:
    """A name without the sentence's opening word (根据) or a year's 年度 read into its division (2021年度省某会)."""
    opener = next((word for word in (*openers, "年度", "年") if name.startswith(word)), "")
    return name[len(opener) :]


# 现将2023年某县某局XX资金项目绩效自评报告如下, 现对X资金绩效目标自评如下, 现将X资金使用和管理自评报告公示如下:
# the sentence that opens many reports names them.
OPENING_CLAUSE = re.compile(
    r"现(?:将|对|就)(?P<subject>[^，,。：:]{2,60}?)(?:使用[和及与]管理|管理[和及与]使用|管理|使用)?(?:绩效)?(?:目标)?"
    r"(?:(?:自评|评价)(?:总结|情况)?(?:报告)?|(?:总结|情况)?报告)(?:公示|公开|公告)?如下"
)
# A fund and the project under it (某某发展资金--某某建设工程): the project is what is assessed.
_DASH = r"(?:-{2,}|[—－]+)"
_FUND_DASH = re.compile(rf".*{_DASH}")


@cache
def _evaluated() -> re.Pattern:
    """What an opening says it evaluated (我市财政局对X转移支付进行了绩效自评, 对X项目资金投入情况、…等进行了自评,
    对X项目使用管理情况认真开展了自评):
    X, when ``现将…报告如下`` names nothing. A fund's own 资金 stays in X (对某衔接资金项目进行了评价)."""
    words = vocabulary("titles")["evaluated"]
    before = "".join(f"|(?<={re.escape(word)})" for word in words["before"])
    return re.compile(
        rf"(?:^|(?<=[^\u4e00-\u9fff]){before})对(?P<subject>[^，,。：:对、]{{4,40}}?)"
        rf"(?:{alternation(words['kinds'])}|(?:项目)?资金(?!项目)[^，,。；;]{{1,24}}?|(?:项目)?(?:{alternation(words['aspects'])}))?"
        rf"(?:{alternation(words['adverbs'])})?(?:{alternation(words['verbs'])})了?(?:财政)?(?:绩效)?(?:{alternation(words['acts'])})"
    )


@cache
def _evaluation_work() -> re.Pattern:
    """The evaluation work an opening says was done (我单位组织开展了X转移支付2023年度绩效自评工作, 完成了2022年度X
    绩效自评工作): X, with the kind of funds and the year after it left out."""
    words = vocabulary("titles")["evaluated"]
    return re.compile(
        rf"(?:{alternation(words['work_verbs'])})了?(?P<subject>[^，,。：:对、\n]{{4,40}}?)(?:{alternation(words['kinds'])})?"
        rf"(?:(?:19|20)\d{{2}}\s*年度?)?(?:绩效)?(?:{alternation(words['acts'])})工作"
    )


def named_in_opening(text: str) -> str | None:
    """The project an opening ``现将…报告如下`` (else ``对…进行了绩效自评``, or ``开展了…绩效自评工作``) names,
    without its year and issuing unit, or None."""
    announced = OPENING_CLAUSE.search(text)
    name = _opening_subject(announced.group("subject")) if announced else None
    if announced and name is None and _PROJECT_SPENDING.search(announced.group("subject")):
        # 现将我厅X项目支出绩效报告公告如下: X项目's spending names X项目, unless X is a kind of spending
        name = _specific(_opening_subject(_PROJECT_SPENDING.sub("项目", announced.group("subject"))))
    if name is not None:
        return name  # a fund's source too: the project it paid for is found after (name_the_project)
    evaluated = _evaluated().search(text)
    name = _opening_subject(evaluated.group("subject")) if evaluated else None
    if name is None and (work := _evaluation_work().search(text)):
        name = _specific(_opening_subject(work.group("subject")))
    return None if name is None or is_fund_source(name) else name


def _specific(name: str | None) -> str | None:
    """A name unless it is only words of a report's type (项目) or levels of government (州级), or holds a word no
    project's name does (市级预算项目: a kind of spending) or that links a clause (上级布置的各项)."""
    if (
        not name
        or _only_type_words(name)
        or _only_levels(name)
        or name in vocabulary("titles")["evaluated"]["generic_subjects"]
    ):
        return None
    stops = (*vocabulary("titles")["project_name_stops"], *vocabulary("titles")["evaluated"]["clause_words"])
    return None if any(stop in name for stop in stops) else name


# A year opening a name, with or without its 年 (2023年某某项目, 对2023转移支付资金…): it names nothing.
_LEADING_YEAR = re.compile(r"^(?:19|20)(?:\d{2}|[xX]{2})(?!\d)\s*(?:年度?)?")


def without_leading_year(name: str) -> str:
    """A name without the year opening it, unless nothing would be left of it."""
    year = _LEADING_YEAR.match(name)
    rest = name[year.end() :] if year else name
    return rest if len(_HAN.findall(rest)) >= 2 else name


def _opening_subject(subject: str) -> str | None:
    words = vocabulary("titles")["evaluated"]
    generic = subject.startswith(tuple(words["generic_starts"])) or subject.endswith(tuple(words["generic_ends"]))
    if generic or subject in words["generic_subjects"]:
        return None  # 对所有项目…, 对项目实施情况…, 现将项目绩效自评情况报告如下: what was evaluated, not which project
    quoted = _QUOTED.fullmatch(subject)  # 现将《2020年某项目》绩效评价情况报告如下: the marks are no part of the name
    subject = without_leading_year(_YEAR.sub("", quoted.group(1) if quoted else subject))
    subject = _FUND_DASH.sub("", own_unit().sub("", subject))
    issuer = _organisation().match(subject)
    subject = subject[issuer.end() :] if issuer else subject
    return _fund_name(_without_project_suffix(subject))


_QUOTED = re.compile(r"[《“\"]([^《》“”\"]+)[》”\"]")
_PROJECT_SPENDING = re.compile(r"项目支出$")


def _fund_name(subject: str) -> str | None:
    """A fund's name without the kind of funds before it (中央对某省转移支付X资金 → X资金), if it is one.

    A kind followed by a bare word of money (车辆购置税转移支付资金) is the fund's own name.
    """
    kind = _fund_kind().search(subject)
    if kind and len(_HAN.findall(subject[kind.end() :])) >= _MIN_NAME_AFTER_KIND:
        subject = subject[kind.end() :]
    return subject if len(_HAN.findall(subject)) >= 2 and not _only_type_words(subject) else None


_MIN_NAME_AFTER_KIND = 5  # 垃圾清运补助资金 is a fund; 资金 or 补助资金 alone is a word of money


@cache
def _fund_kind() -> re.Pattern:
    """Everything up to the last word naming a kind of funds (…转移支付)."""
    return re.compile(rf".*(?:{alternation(vocabulary('titles')['fund_kind_prefixes'])})")


@cache
def _allocation() -> re.Pattern:
    """A fund's allocation (下达[某省][2022年度]X资金(Y)[共计]14680万元, 下达X转移支付预算50万元): the fund
    named before its amount."""
    verbs = alternation(vocabulary("titles")["allocation_verbs"])
    return re.compile(
        rf"(?:{verbs})(?:[\u4e00-\u9fff]{{0,6}}?(?:19|20)\d{{2}}\s*年度?)?"
        r"(?P<name>[\u4e00-\u9fff]{2,40}?(?:资金|经费|转移支付)(?:\([^()]{2,20}\))?)(?:预算|资金)?(?:共计|合计|总计|共)?"
        r"\d+(?:\.\d+)?\s*(?:亿元|万元|元)"
    )


_MIN_FUND_CHARS = 7  # a fund's own name (某某补助资金), not the kind of money (中央财政资金, 预算资金)


@cache
def _allocation_heading() -> re.Pattern:
    """The transfer-payment outline's goals heading that names the fund allocated: (一)中央下达X转移支付预算和绩效
    目标情况 (its number, the level that allocates, the verb, then the fund)."""
    number = f"(?:{marker('pcn')}|{marker('cn')})"
    verbs = alternation(vocabulary("titles")["allocation_verbs"])
    return re.compile(
        rf"^{number}?\s*[\u4e00-\u9fff、]{{0,8}}?(?:{verbs})(?P<name>[\u4e00-\u9fff()]{{0,40}}?)(?:专项)?(?:预算|资金)?"
        r"(?:和|及)(?:绩效)?目标(?:情况)?[。.]?$"
    )


def named_in_allocation_heading(headings: Iterable[str]) -> str | None:
    """The fund a goals heading of the transfer-payment outline names (下达X转移支付预算和绩效目标情况), the first that
    names one: not only a kind of funds or the levels that give them (下达转移支付预算…, 下达省级预算…)."""
    _, levels, _ = _fund_words()
    for heading in headings:
        match = _allocation_heading().match(heading)
        name = match.group("name").removesuffix("预算") if match else ""
        if levels.sub("", name) and not _only_type_words(name) and not is_fund_source(name):
            return name
    return None


def named_by_allocation(text: str) -> str | None:
    """The fund the first allocation a text states names: a transfer-payment report without a title says it there."""
    match = _allocation().search(text)
    if match is None or own_unit().match(match.group("name")):
        return None
    name = _fund_name(match.group("name"))
    return name if name and len(_HAN.findall(name)) >= _MIN_FUND_CHARS else None


# An overview opening on its project as the subject (某某项目为某厅本级的经常性项目…): the project it describes.
_SUBJECT_NAME = re.compile(r"(?P<name>[\u4e00-\u9fff()（）]{2,30}?(?:项目|工程))(?:为|是|系|属于|起于|位于)")
_MIN_SUBJECT_CHARS = 4  # 某某某某项目: fewer characters before 项目 are a pronoun's (本项目, 该项目) or a kind's


def named_as_subject(paragraph: str) -> str | None:
    """The project a paragraph opens on as its subject (X项目为…, X工程起于…), unless the report refers to
    itself (本项目)."""
    match = _SUBJECT_NAME.match(paragraph.lstrip())
    if match is None or own_unit().match(match.group("name")):
        return None
    name = match.group("name")
    core = name.removesuffix("项目").removesuffix("工程")
    if len(_HAN.findall(core)) < _MIN_SUBJECT_CHARS or core.startswith(("本", "该", "此", "这", "上述")):
        return None
    return name


# 本年度实施一个项目：某某补助项目 — a project's name standing after a colon, ending as names of funds end.
COLON_NAME = re.compile(r"[:：]\s*(?P<name>[\u4e00-\u9fff]{2,30}?(?:项目|经费|资金))(?=$|[\s，,。；;(])")


def repeated_colon_name(text: str) -> str | None:
    """The project name a flattened form repeats after its labels' colons (审签:X项目 … 年度目标1:X项目), if one is."""
    return _the_repeated(COLON_NAME.findall(text))


# A fund named in prose, from the clause's start: 某某专项资金 in ，某某专项资金项目决策….
_FUND_IN_PROSE = re.compile(r"[一-鿿]{2,20}?(?:资金|经费)")


def repeated_fund_name(text: str) -> str | None:
    """The one fund a text without a title keeps naming (twice or more), as the clause opens with it.

    The levels of government giving it may open its name or not (中央财政X补助资金, X补助资金), and so may the
    verb allocating it to the text's own place (下达我市X补助资金): one fund.
    """
    # a phrase with 的 describes money (用于…工作的资金); a fund's name has none
    names = [n for n in _FUND_IN_PROSE.findall(text) if len(_HAN.findall(n)) >= _MIN_FUND_CHARS and "的" not in n]
    fund = _the_repeated([own_unit().sub("", _allocating().sub("", _without_levels(name))) for name in names])
    # the fund's line item after a dash (X水利发展资金—农村饮水工程维修养护82万元) is the project it paid for
    item = re.search(re.escape(fund) + _LINE_ITEM, text) if fund else None
    return item.group("item") if item else fund


_LINE_ITEM = rf"\s*{_DASH}\s*(?P<item>[\u4e00-\u9fff]{{4,30}}?)(?=\d|[，。,;；(（])"


@cache
def _allocating() -> re.Pattern:
    """An allocating verb opening a fund's mention (下达X资金)."""
    return re.compile(rf"^(?:{alternation(vocabulary('titles')['allocation_verbs'])})")


def _without_levels(name: str) -> str:
    """A fund's name without the levels of government opening it, unless that leaves a word of money (发展资金)."""
    rest = _levels_opening().sub("", name)
    return rest if len(_HAN.findall(rest)) >= _MIN_FUND_CHARS else name


@cache
def _levels_opening() -> re.Pattern:
    """The levels of government opening a fund's name, after a year's 年 the name was read with (年中央财政…)."""
    return re.compile(rf"^(?:年度?)?(?:{alternation(vocabulary('titles')['fund_levels'])})*")


# A project named in prose, from its clause's start or the verb it follows (用于2023年某县某补贴项目), its year apart.
_PROJECT_IN_PROSE = re.compile(
    r"(?:^|(?<=[，,。、；;：:\s“(（])|(?<=用于)|(?<=实施))(?:(?:19|20)\d{2}年度?)?(?P<name>[\u4e00-\u9fff][^，,。、；;：:\s“”()（）]{1,27}?项目)"
)


def repeated_project_name(text: str) -> str | None:
    """The one project a text without a title keeps naming (twice or more) at a clause's start or after 用于/实施,
    not a kind of project (本项目, 该项目, 产业发展项目 said of several)."""
    names = [name for name in _PROJECT_IN_PROSE.findall(text) if _specific(name) and not own_unit_inside().search(name)]
    referring = tuple(vocabulary("titles")["evaluated"]["referring"])
    return _the_repeated([name for name in names if not name.startswith(referring)])


def _the_repeated(names: list[str]) -> str | None:
    """The only name said twice or more, if exactly one is."""
    repeated = [name for name, count in Counter(names).most_common() if count >= 2]
    return repeated[0] if len(repeated) == 1 else None


def named_by_title_line(title: str | None) -> str | None:
    """The project a title line names, when the line is a whole title (…自评报告(某某资金)), not a sentence."""
    if not title or not title_pattern("report", "table").search(_UNCLOSED.sub("", PARENTHESIZED.sub("", title))):
        return None
    return project_name(title)


PROJECT_LOOKUP_CHARS = 1500  # where a report says what its funds paid for: its opening parts
_PROJECT_NAMED = r"(?P<name>[\u4e00-\u9fff()]{4,40}?项目)"


@cache
def _fund_words() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Words of funds' sources, of the levels of government giving them, and a project's name after a marker."""
    titles = vocabulary("titles")
    sources, levels = alternation(titles["fund_sources"]), alternation(titles["fund_levels"])
    named = rf"(?:(?:{alternation(titles['project_markers'])})|(?:19|20)\d{{2}}\s*年度?)(?!项目){_PROJECT_NAMED}"
    return re.compile(sources), re.compile(levels), re.compile(named)


# A report's title run into a page's text (…继续阅读2022年X项目部门评价报告, 关于上报2023年X项目支出绩效自评的报告).
# (a converter's space may split its ending: …评价 报告)
_TITLE_IN_TEXT = re.compile(
    r"(?:19|20)\d{2}\s*年度?(?P<name>[^，,。；;:：\s]{2,40}?)(?:项目)?(?:支出)?(?:部门)?(?:绩效)?(?:自评|评价)\s?的?报告"
)


def titled_in_text(text: str) -> str | None:
    """The project the first report title inside a text names, for a text whose title line was lost."""
    for match in _TITLE_IN_TEXT.finditer(text):
        name = match.group("name")
        named = len(_HAN.findall(name.removesuffix("项目"))) >= 2 and not _only_type_words(name)
        if named and department_from_title(name) is None:
            return name
    return None


# A project or fund named with its amount (某县获得2023年度X(Y)Z项目预算资金60万元, 2019年X专项资金共计1586万元): the
# name runs back from 项目 (资金, 经费) over words and brackets to the last word of who got it, when or how
# (fund_name_cuts).
@cache
def _project_with_funds() -> re.Pattern:
    """A project or fund, then the level that paid and its verb (中央拨付), then its amount."""
    titles = vocabulary("titles")
    paid = rf"(?:(?:{alternation(titles['paying_levels'])})?(?:{alternation(titles['allocation_verbs'])})(?:财政)?)?"
    return re.compile(
        rf"(?P<name>[\u4e00-\u9fff()（）]{{4,60}}?(?:项目|资金|经费)){paid}"
        r"(?:预算)?(?:资金|经费)?(?:共计|合计)?\d+(?:\.\d+)?\s*(?:亿元|万元|元)"
    )


def named_with_its_funds(text: str) -> str | None:
    """The project or fund a text's first sentence of funds names (…获得X项目预算资金60万元), unless only a kind of
    funds or a source's (中央财政资金), or ours (本项目)."""
    match = _project_with_funds().search(text)
    if match is None:
        return None
    name = match.group("name")
    cuts = vocabulary("budget")["prose"]["fund_name_cuts"]
    name = name[max((name.rfind(word) + len(word) for word in cuts if word in name), default=0) :].lstrip("的")
    core = name.removesuffix("项目")
    if len(_HAN.findall(core)) < _MIN_SUBJECT_CHARS or _only_type_words(core) or only_budget_words(core):
        return None
    # 下达给我单位资金N万元: funds the report's own unit got, no name
    return None if own_unit_inside().search(name) or is_fund_source(name) else name


def only_budget_words(name: str) -> bool:
    """Is a name only words of a budget (部门预算资金, 基本支出经费, 年初预算资金): what money, not for what?"""
    return len(_HAN.findall(_budget_words().sub("", name))) < _MIN_OWN_WORDS


@cache
def _budget_words() -> re.Pattern:
    return re.compile(alternation(vocabulary("titles")["budget_words"]))


_MIN_OWN_WORDS = 2  # characters a name holds besides words of a budget (某某设备购置项目: 设备购置)


def is_fund_source(name: str) -> bool:
    """Does a name say only where the money comes from (中央和省级财政发展资金, 财政衔接推进乡村振兴资金项目)?"""
    sources, levels, _ = _fund_words()
    core = _YEAR.sub("", name.removesuffix("项目"))
    return bool(sources.search(core)) and not levels.sub("", sources.sub("", core)).strip()


# 资金项目1个，项目名称X项目: the one project the funds paid for (several listed after 项目名称 name none alone)
_PROJECT_LABELLED = re.compile(
    r"[1一]\s*个[，,]?\s*项目名称\s*(?:为|是|:|：)?\s*(?P<name>[\u4e00-\u9fff]{2,30}?(?:项目|工程))(?=[，,。；;])"
)


def name_the_project(document: IngestedText, evaluation: Evaluation) -> None:
    """A project evaluation named after its funds' source takes the project its text says they paid for.

    The project follows a marker (用于实施X项目, 该X项目, 2022年X项目) or the source's own name
    (某财政发展资金X治理项目); names that are sources too are passed over.
    """
    if evaluation.kind != "project" or not evaluation.name or not is_fund_source(evaluation.name):
        return
    text = document.text[evaluation.start : min(evaluation.end, evaluation.start + PROJECT_LOOKUP_CHARS)]
    labelled = _PROJECT_LABELLED.search(text)
    if labelled is not None and not is_fund_source(labelled.group("name")):
        evaluation.name = labelled.group("name")
        return
    after_source = re.compile(re.escape(evaluation.name.removesuffix("项目")) + _PROJECT_NAMED)
    for match in sorted((*_fund_words()[2].finditer(text), *after_source.finditer(text)), key=lambda m: m.start()):
        name = match.group("name")
        issuer = _organisation().match(name)
        name = name[issuer.end() :] if issuer else name
        stops = vocabulary("titles")["project_name_stops"]
        if len(_HAN.findall(name)) > len("项目") + 1 and not is_fund_source(name) and not any(w in name for w in stops):
            evaluation.name = name
            return

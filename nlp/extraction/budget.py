"""Budget figures and claimed self-scores, read by what their labels say they are.

Reports state the budget in sentences (``年初预算20万元…实际支付18.5万元，资金使用率为92.5%``,
``预算数为300万元，执行数为290万元``) and the self-score as ``自评得分为96分``; 自评表
state them in label cells (``预算数： | 58.6``) or under a header row of budget columns (what
those cells say, and forms flattened into text, are read by ``nlp.extraction.budget_forms``).
Amounts are found by ``nlp.text.values.find_quantities`` (元 become 万元); what a figure is
comes from the label right before it (``nlp/text/vocab/budget.toml``). The 预算绩效管理情况
paragraph of the 决算 part scores several evaluations in one sentence, each score after
the name of what it scores.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from functools import cache

from nlp.extraction.budget_forms import (
    DIGIT,
    FIGURES,
    PARENTHESES,
    PLANNED,
    REACH,
    YUAN_PER_WAN,
    Figure,
    cell_below,
    cell_label,
    cell_role,
    cell_value,
    header_run_figures,
    score_cell,
    stated_unit,
)
from nlp.text.document import Budget
from nlp.text.segment import tokens
from nlp.text.values import Quantity, find_quantities, outside_spans, quantity_value
from nlp.text.vocabulary import alternation, marker, numerals, vocabulary

_WINDOW = 200  # characters between two figures of one budget statement
_CLAUSE_CHARS = 300  # of a clause before a label, what is read for the words that make a figure a part
_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}")  # words after a figure that may make it a bound (以内, 以上)
_CLAUSE_END = re.compile(r"[，。；;！？!?\n]|,(?!\d{3}(?!\d))")  # not a thousands separator (23,834万元)
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_NUMERAL = re.compile(rf"[{numerals()['chinese']}\d]")
_LIST_NUMBER = re.compile(rf"^\s*(?:{'|'.join(marker(style) for style in ('cn', 'pcn', 'ar', 'par', 'circle'))})?\s*")
_LABEL_UNIT = re.compile(r"\s*[(（]\s*(万元|元)\s*[)）]")  # a form's label with its unit (计划投资额(万元)110.00实际…)
_UNIT_CELL = re.compile(_LABEL_UNIT.pattern + r"\s*\|?\s*\n")  # the unit closes the label's cell
_UNIT_CAPTION = re.compile(r"[(（]\s*(万元|元)\s*[)）][^，,。；;！？!?\n]*$")  # 项目资金(万元)全年预算数
_UNIT_NOTE = re.compile(r"单位\s*[:：]\s*(万元|元)[^。；;！？!?]*$")  # a form's 金额单位:万元, a line or two above
# a form column's letter (全年预算数(A)) or a label's short note in words (全年预算数（调整后）), not its unit (万元)
_COLUMN_TAG = re.compile(r"[(（](?:[A-Za-z](?:[/／][A-Za-z])?|(?![^)）]*元)[\u4e00-\u9fff]{2,6})[)）]")
_CELL_END = re.compile(r"\s*(?:\||\n|$)")
_NEXT_CELL = re.compile(r"[\u4e00-\u9fff\s]")


@cache
def _prose() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    """The labels of prose (longest first), each label's role, and the link words after a label."""
    prose = vocabulary("budget")["prose"]
    roles = {word: role for role in (*FIGURES, "score", "score_weak") for word in prose[role]}
    roles |= dict.fromkeys(prose["executed_verbs"], "executed")
    labels = re.compile(alternation(list(roles)))
    links = re.compile(f"(?:{alternation(prose['links'] + prose['totals'])})*")
    return labels, roles, links


_AMOUNT_END = re.compile(r"\d\s*万?元")
_BARE_FIGURE = re.compile(r"\d+(?:\.\d+)?")
# A part's word that names a project (某某运行及人员经费(集中供养)项目预算): the project's name, no part of it.
_PART_NAMING_PROJECT = re.compile(r"(?:人员经费|公用经费)(?:[(（][^()（）]{0,30}[)）])?项目")


@cache
def _verbs() -> frozenset[str]:
    """Labels that are verbs: their object may stand between them and the amount (下达X经费N元, 已拨付工程款N万元)."""
    prose = vocabulary("budget")["prose"]
    return frozenset(prose["allocated"] + prose["executed_verbs"])


@cache
def _payments() -> frozenset[str]:
    """Verbs that pay (已拨付): they tell the execution of a budget only."""
    return frozenset(vocabulary("budget")["prose"]["executed_verbs"])


@cache
def _total_after() -> re.Pattern:
    """A total that opens the next clause of an allocating verb (按计划下达，合计N万元)."""
    return re.compile(rf"[，,]\s*(?:{alternation(vocabulary('budget')['prose']['totals'])})")


def _fits(role: str, quantity: Quantity) -> bool:
    """Is the quantity after a label the kind of figure the label names?"""
    if quantity.comparator == "range" or quantity.value is None:
        return False
    if role == "rate":
        return quantity.kind == "percent" and quantity.unit == "%"
    if role in ("score", "score_weak"):
        # a scheme with bonus points (加分项) scores above 100, written as a score: 自评得分103.5分
        bounds = vocabulary("budget")["scores"]
        most = bounds["most_with_bonus"] if role == "score" and quantity.unit == "分" else bounds["full_marks"]
        return quantity.kind == "number" and quantity.unit in (None, "分") and 0 <= quantity.value <= most
    return quantity.kind == "money"


def _value_after(text: str, label: re.Match, role: str) -> tuple[float, int, int, bool] | None:
    """The figure right after a label (only link words between): its value, start, end, and whether it is bare.

    After a verb (that allocates or pays), the figure is the clause's first amount, its object
    between. A bound (控制在预算50万元以内, 执行率达到95%以上) is a target, not a figure. A label
    that fills its line takes the value filling the next (a form flattened one cell a line: 预算数: ⏎ 2.38),
    a bare number there read as a cell is. Any other bare number after an amount's label is returned as bare
    (its unit unknown): ``figures`` keeps it only beside an amount of the same statement.
    """
    links = _prose()[2]
    start = links.match(text, label.end()).end()
    if tag := _COLUMN_TAG.match(text, start):
        start = links.match(text, tag.end()).end()
    # a form flattened one cell a line (计划安排资金(万元) | ⏎ 12 |), or run into one line under its unit's caption
    unit = _UNIT_CELL.match(text, start)
    start = unit.end() if unit else start
    verb = label.group() in _verbs()
    if verb and (total := _total_after().match(text, start)):
        start = total.end()  # 据实安排，合计5万元: the verb's clause ends at once, its total follows
    if not verb and (cell := cell_below(text, label, start)):
        if role == "score":
            cell = score_cell(text, cell)
        value = cell_value(cell.group(1), role, False) if cell and role in (*FIGURES, "score") else None
        return (value, cell.start(1), cell.end(1), False) if cell and value is not None else None
    window = text[start : start + REACH]
    if verb:
        clause = _CLAUSE_END.split(window, maxsplit=1)[0]
        has_amount = any(q.kind == "money" for q in find_quantities(clause)) if _NUMERAL.search(clause) else False
        total = None if has_amount else _total_after().match(text, start + len(clause))
        if total is not None:  # 下达我省3批X资金(水利部分),共计6800万元: the verb's object, then its total
            start = total.end()
            clause = _CLAUSE_END.split(text[start : start + REACH], maxsplit=1)[0]
        window = clause
    if not (_NUMERAL.search(window) if verb else _NUMERAL.match(window)):
        return None  # most labels are words of other sentences (预算绩效管理): spare the quantity finder
    # a verb's object may count things (3个乡镇, 第三中学 read as 三中): never the figure
    skipped = ("date", "date_range", "count") if verb else ("date", "date_range")
    quantity = next((q for q in find_quantities(window) if q.kind not in skipped), None)
    if quantity is None or (quantity.start != 0 and not verb):
        return None
    unit = unit or _LABEL_UNIT.match(text, label.end()) or _caption(text, label.start())
    if unit and _bare(window, quantity) and role not in ("rate", "score", "score_weak"):
        value = float(quantity.value) / (YUAN_PER_WAN if unit.group(1) == "元" else 1)
        return value, start + quantity.start, start + quantity.end, False
    if role in ("score", "score_weak"):
        quantity = _bare_score(window, quantity)
    bare = role in (*PLANNED, "executed") and quantity.kind == "number" and quantity.unit is None
    if bare and _ITEM_MARK.match(window, quantity.end):
        return None  # 资金使用情况：1、购置设备30万元: the number of a list's first item, no amount
    if not bare and not _fits(role, quantity):
        return None
    end = start + quantity.end
    stated = quantity_value(window[: quantity.end], quantity, text[label.start() : _AFTER.match(text, end).end()])
    if stated.comparator not in ("=", "~") or (bare and quantity.scale != 1):
        return None
    return float(quantity.value), start + quantity.start, end, bare


_ITEM_MARK = re.compile(r"[、．.)）](?!\d)")  # after an item's number (1、 1. 1)), not a decimal point


def _bare_score(window: str, quantity: Quantity) -> Quantity:
    """A score's number without the measure word read after it when that word opens a longer one.

    A form flattened into a line loses the space after its score (自评总分: 95 项目实施单位 → 95项目…):
    项 there is the start of 项目, not a count of 95 items.
    """
    unit = quantity.unit
    if unit in (None, "分") or quantity.scale != 1 or not window.startswith(unit, quantity.end - len(unit)):
        return quantity
    bare_end = quantity.end - len(unit)
    word = tokens(window[bare_end:])[0]
    if len(word) <= len(unit):
        return quantity
    return replace(quantity, end=bare_end, kind="number", unit=None)


def _caption(text: str, at: int) -> re.Match | None:
    """The unit a label stands under: a caption on its line (资金情况(万元)…) or a form's note above (金额单位:万元)."""
    return _UNIT_CAPTION.search(text, max(0, at - REACH), at) or _UNIT_NOTE.search(text, max(0, at - _WINDOW), at)


def _bare(window: str, quantity: Quantity) -> bool:
    """A bare number that fills its cell (12 |) or runs into the next cell (12全年执行数), not a piece of one."""
    if quantity.kind != "number" or quantity.unit is not None:
        return False
    end = len(window[: quantity.end].rstrip())  # a quantity may end with the space after it
    return bool(_CELL_END.match(window, end) or _NEXT_CELL.match(window, end))


def _start_before(boundaries: list[int], position: int) -> int:
    """The start of the clause or sentence holding ``position``, from the ends of the ones before."""
    index = bisect.bisect_right(boundaries, position) - 1
    return boundaries[index] if index >= 0 else 0


@cache
def _clause_break() -> re.Pattern:
    """Where a clause starts: after a comma or full stop, or at a heading's number run into the text (项目(二)资金)."""
    headings = "|".join(marker(style) for style in ("cn", "pcn"))
    return re.compile(rf"(?<={_CLAUSE_END.pattern})|(?={headings})")


@cache
def _item_head() -> re.Pattern:
    """An enumerated item that opens with a project and a colon (2、某专项资金项目:预算20万元…), or with a full stop
    and its budget's label ((一)某某工程项目。安排资金7000万元…)."""
    markers = "|".join(marker(style) for style in ("cn", "pcn", "ar", "par"))
    item = r"[^，,。；;:：\n]{2,30}项目"
    prose = vocabulary("budget")["prose"]
    budgeted = alternation(prose["planned_full"] + prose["planned"] + prose["allocated"])
    return re.compile(rf"(?:^|(?<=[。；;\s]))(?:{markers})\s*{item}(?:[:：]|。(?={budgeted}))", re.MULTILINE)


_MIN_ITEMS = 2


def _in_item(items: list[int], position: int) -> bool:
    """Does ``position`` lie in a project's enumerated item: one opened shortly before it?"""
    index = bisect.bisect_right(items, position) - 1
    return index >= 0 and position - items[index] <= _CLAUSE_CHARS


def figures(text: str, department: bool = False, budget_at: int | None = None) -> list[Figure]:
    """Every labelled budget figure and score of ``text``, in order, parts and changes left out.

    For a department report a figure counts only when neither its clause nor the
    words that open its sentence name an item of the unit (人员类项目, 基本支出 …). In any
    report, a figure inside a list of projects (1、X项目:预算…，共支出… 2、Y项目:…) is that project's.
    An amount written without its unit (执行数123456.78) takes the 万元 of the amount just before it; a
    payment's verb (已拨付) gives the execution of a budget told before it (or at ``budget_at``, a fund's amount
    no label names), not of whatever was paid.
    """
    labels, roles, _ = _prose()
    prose = vocabulary("budget")["prose"]
    clause_ends = [m.start() for m in _clause_break().finditer(text)]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    items = [m.start() for m in _item_head().finditer(text)]
    items = items if len(items) >= _MIN_ITEMS else []  # a list of projects, each with its own figures
    head_is_part: dict[int, bool] = {}  # sentence start → do its words before its first label name an item?
    found = []
    budgeted = False  # a budget is among the figures found
    position = 0
    while match := labels.search(text, position):
        role = roles[match.group()]
        if _inside_other_word(text, match):
            position = match.start() + 1
            continue
        value = _value_after(text, match, role)
        # 项目预算数为…: when 项目预算 is followed by no figure, 预算数 inside it may be
        position = match.start() + 1 if value is None else value[2]
        if value is None:
            continue
        number, value_start, end, bare = value
        if bare and not (found and _in_wan_yuan(text, found[-1]) and match.start() - found[-1].end <= _WINDOW):
            continue
        told = budgeted or (budget_at is not None and budget_at < match.start())
        if match.group() in _payments() and not told:
            continue  # 已拨付N万元 with no budget told before: any payment, of any part
        sentence = _start_before(sentence_ends, match.start())
        if sentence not in head_is_part:
            head = text[sentence : match.start()]
            head_is_part[sentence] = any(word in head for word in prose["department_parts"])
        clause = text[max(_start_before(clause_ends, match.start()), match.start() - _CLAUSE_CHARS) : match.start()]
        said = clause + text[match.end() : value_start]  # with a verb's object (下达…经费)
        score = role in ("score", "score_weak")
        unnamed = _PART_NAMING_PROJECT.sub("", clause + match.group() + text[match.end() : value_start])
        excluded = prose["score_parts" if score else "parts"]
        if role == "planned_full":
            excluded = [word for word in excluded if word not in prose["changes_to_full"]]
        if any(word in unnamed for word in excluded):
            continue
        # an amount ends a clause whose comma the page lost (其他资金133.51万元2023年支出154.84万元)
        own_clause = _AMOUNT_END.split(clause)[-1]
        if (
            match.group() in prose["bare"]
            and _bare_clause_noise().sub("", _LIST_NUMBER.sub("", own_clause)).strip()
            and (department or not _names_a_project(own_clause, text[sentence : match.start()]))
        ):
            continue
        if department and not score and (head_is_part[sentence] or any(w in said for w in prose["department_parts"])):
            continue
        if not score and _in_item(items, match.start()):
            continue
        found.append(Figure(role, number, match.start(), end, clause))
        budgeted = budgeted or role in PLANNED
    return found


_PROJECT_NAMED_BEFORE = re.compile(r"[\u4e00-\u9fff]{2}项目$")


def _names_a_project(clause: str, sentence: str) -> bool:
    """Does a bare label's clause name the project it tells the spending of (截至9月底,某某改厕建设项目支出N万元;
    截至5月底,项目支出N万元)? A kind of spending (部门预算项目支出, 专项项目支出) names none, nor 项目 alone in a
    sentence listing parts (其中基本支出300万元，项目支出200万元)."""
    prose = vocabulary("budget")["prose"]
    if any(word in clause for word in prose["spending_kinds"]):
        return False
    if clause.strip() == "项目":
        return not any(word in sentence for word in prose["parts"])
    return _PROJECT_NAMED_BEFORE.search(clause) is not None


@cache
def _bare_clause_noise() -> re.Pattern:
    """A year and the words a bare label's clause may hold besides it (budget.toml bare_may_follow)."""
    words = alternation(vocabulary("budget")["prose"]["bare_may_follow"])
    return re.compile(rf"(?:19|20)\d{{2}}\s*年度?|{words}")


def _inside_other_word(text: str, label: re.Match) -> bool:
    """Is a label the tail of a longer word that is no label (支付资金 in 转移支付资金)?"""
    return any(
        text.startswith(word, label.start() - offset)
        for word in vocabulary("budget")["prose"]["not_labels"]
        for offset in range(1, len(word))
        if offset <= label.start()
    )


def _in_wan_yuan(text: str, figure: Figure) -> bool:
    """Is a figure an amount written in 万元?"""
    return figure.role in (*PLANNED, "executed") and text.endswith("万元", 0, figure.end)


def _budget_of(found: list[Figure]) -> Budget:
    """The budget a statement's figures give: the full budget before the others, the first of each role."""
    executed = next((f.value for f in found if f.role == "executed"), None)
    rate = next((f.value for f in found if f.role == "rate"), None)
    planned = _planned({f.role: f.value for f in reversed(found) if f.role in PLANNED}, executed)
    return Budget(planned, executed, rate)


def _planned(stated: dict[str, float], executed: float | None) -> float | None:
    """The budget among the planned figures stated (role → value): the full one first.

    A zero beside money spent is no budget (年初预算数 0 when the funds came during the year): the next one is.
    """
    return next((stated[r] for r in PLANNED if r in stated and (stated[r] or not executed)), None)


def budget_in_text(text: str, department: bool = False) -> Budget:
    """The first budget statement of ``text``: its first amount and the figures that follow closely.

    A report states its budget once in a run of figures (年初预算数…全年预算数…全年执行数…执行率);
    figures further on belong to other matters.
    """
    found = sorted(
        [f for f in figures(text, department) if f.role in FIGURES] + header_run_figures(text), key=lambda f: f.start
    )
    if not any(f.role in PLANNED and not _labelled_by(text, f, "investment") for f in found):
        # no budget stated but a project's total investment: what arrived this year is the year's budget
        found = sorted(found + _arrived(text), key=lambda f: f.start)
    elif any(f.role in _WHOLE_BUDGETS and not _labelled_by(text, f, "investment") for f in found):
        # a budget stated, not one source's share: a project's whole cost is no year's budget (总投资216.42万元 …
        # 预算资金173万元; but 总投资500万元，下达中央资金300万元 keeps the 500)
        found = [f for f in found if not (f.role in PLANNED and _labelled_by(text, f, "project_total"))]
    unbudgeted = not any(f.role in PLANNED for f in found)
    if not department and unbudgeted and (named := _fund_amount(text)) and (not found or named.end <= found[0].start):
        # the fund's amount, told before any figure, is the budget its payments after it are told against (某某补助
        # 资金55.4万元 … 支出55.4万元; 实际使用补贴资金13.6万元), unless they spend more (户均补助1.5万元…共支出120万元)
        later = [f for f in figures(text, budget_at=named.start) if f.role in FIGURES and f.start > named.end]
        if all(f.value <= named.value + _AMOUNT_SLACK for f in later if f.role == "executed"):
            found = [named, *later]
        elif not found:
            found = [named]
    first = next((i for i, f in enumerate(found) if f.role != "rate"), None)
    if first is None:
        return Budget()
    statement = _meant_wan_yuan(text, _statement(found, first))
    budget = _budget_of(statement)
    if whole_of_share := _whole_of_share(text, statement):
        budget.planned = whole_of_share  # 下达中央资金500万元 … 项目批复525万元，其中500万元为中央资金
    if budget.executed is None and all(f.role == "allocated" for f in statement if f.role in PLANNED):
        # 中央下达X资金N万元 tells one source's share; a later 全年预算数…执行数… statement tells the whole
        after = range(first + len(statement), len(found))
        whole = next((i for i in after if found[i].role in PLANNED and found[i].role != "allocated"), None)
        later = _statement(found, whole) if whole is not None else []
        if any(f.role == "executed" or (f.role == "planned_full" and not _allocates(text, f)) for f in later):
            first, statement, budget = whole, later, _budget_of(later)
    # A report may tell the budget and its execution in different sections (资金计划 … 资金使用):
    # what the statement lacks is the first such figure after it.
    later = _budget_of(found[first + len(statement) :])
    if budget.executed is None and budget.rate == _IN_FULL:
        budget.executed = budget.planned  # 预算100万元，支付率100%: all of it was spent, whatever that is called
    if (
        budget.executed is None
        and later.executed is None
        and later.rate == _IN_FULL
        and later.planned == budget.planned
    ):
        # a later statement that repeats the budget with a rate of 100% (资金预算100万元，支付率100%) says so too
        budget.executed, budget.rate = budget.planned, later.rate
    whole = _in_full(
        Budget(
            budget.planned if budget.planned is not None else later.planned,
            budget.executed if budget.executed is not None else later.executed,
            budget.rate if budget.rate is not None or budget.executed is not None else later.rate,
        )
    )
    if whole.executed is None and whole.planned and _spent_in_full(text, whole.planned, found[first].start):
        whole.executed = whole.planned
    if whole.planned is not None and (summed := _total_of_parts(text, found[first])) is not None:
        whole.planned = summed  # 省级拨付62万元,中央拨付16万元,上年结余6.47万元,共计84.47万元: the total is the budget
    if whole.planned is None and whole.executed and whole.rate:
        whole.planned = _reckoned_against(text, found, whole)
    elif whole.planned and whole.executed and whole.rate and not _agrees(whole.planned, whole.executed, whole.rate):
        # 安排资金7814万元 … 预算经费共计9799.2万元 … 实际执行9109.54万元，执行率92.96%: the rate tells which
        # amount the execution was reckoned against, when one told shortly before says so
        whole.planned = _reckoned_against(text, found, whole, _RECKON_REACH) or whole.planned
    return whole


_RATE_SLACK = 0.05  # how far a rate rounded to one decimal (80.3%) may be from the quotient of its amounts


def _reckoned_against(text: str, found: list[Figure], budget: Budget, reach: int = 0) -> float | None:
    """The amount an execution rate was reckoned against, in the sentence of the amount spent (收入合计957万元，
    支出合计768万元，执行率为80.32%), or up to ``reach`` characters before it: the budget, named with a word no
    budget label is (收入合计)."""
    spent = next((f for f in found if f.role == "executed" and f.value == budget.executed), None)
    if spent is None:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    start = min(_start_before(ends, spent.start), max(0, spent.start - reach))
    stop = next((end for end in ends if end > spent.end), len(text))
    for quantity in find_quantities(text[start:stop]):
        amount = float(quantity.value) if quantity.kind == "money" and quantity.value else 0.0
        if amount > budget.executed and _agrees(amount, budget.executed, budget.rate):
            return amount
    return None


def _total_of_parts(text: str, figure: Figure) -> float | None:
    """The total its sentence closes on when the budget is its first part (甲62万元,乙16万元,丙6.47万元,共计84.47万元):
    a total's word before the last amount (or before its label: 合计批复总投资X), which the amounts from the
    budget's on add up to, those in a bracket breaking a part down (其中…) left out."""
    stop = _SENTENCE_END.search(text, figure.start)
    sentence = text[figure.start : stop.start() if stop else len(text)]
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, 0, figure.start)), default=0)
    if len(set(_YEAR.findall(text, opening, figure.start + len(sentence)))) > 1:
        return None  # 2023年预算30万元,2024年预算20万元,两年共计50万元: no one year's budget
    breakdowns = [m.span() for m in _breakdown_bracket().finditer(sentence)]  # (其中建筑工程3292万元): a part's own
    amounts = [q for q in outside_spans(find_quantities(sentence), breakdowns) if q.kind == "money" and q.value]
    if len(amounts) < _MIN_PARTS + 1 or not _total_before().search(sentence, 0, amounts[-1].start):
        return None
    total = float(amounts[-1].value)
    parts = sum(float(q.value) for q in amounts[:-1])
    return total if abs(parts - total) <= _SUM_SLACK and total > figure.value else None


_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_MIN_PARTS = 2
_SUM_SLACK = 0.01  # amounts to the fen in 万元 add up exactly


@cache
def _total_before() -> re.Pattern:
    """A total's word (共计, 合计) right before an amount or before its label (合计批复总投资)."""
    return re.compile(
        rf"(?:{alternation(vocabulary('budget')['prose']['totals'])})[\u4e00-\u9fff]{{0,{_TOTAL_LABEL_CHARS}}}\s*$"
    )


_TOTAL_LABEL_CHARS = 6
_WHOLE_BUDGETS = tuple(role for role in PLANNED if role != "allocated")  # a budget, not one source's share


@cache
def _breakdown_bracket() -> re.Pattern:
    """A bracket breaking a part down (其中建筑工程3292万元); a total in brackets ((共计50万元)) is none."""
    return re.compile(rf"[(（](?:{alternation(vocabulary('budget')['prose']['breakdown_openers'])})[^()（）]*[)）]")


_AMOUNT_SLACK = 0.005  # 万元: amounts equal to the fen
_RECKON_REACH = 200  # a funds section's paragraph on the budget just before the one on its execution


def _agrees(planned: float, executed: float, rate: float) -> bool:
    return abs(executed / planned * 100 - rate) <= _RATE_SLACK


def _meant_wan_yuan(text: str, statement: list[Figure]) -> list[Figure]:
    """A statement's amounts in 万元 as meant, when all are written in 元 and too small for any budget (100元)."""
    money = [f for f in statement if f.role in (*PLANNED, "executed")]
    least = vocabulary("budget")["prose"]["least_yuan_budget"] / YUAN_PER_WAN
    if not money or not all(_in_yuan(text, f) and f.value < least for f in money):
        return statement
    return [replace(f, value=round(f.value * YUAN_PER_WAN, 6)) if f in money else f for f in statement]


def _in_yuan(text: str, figure: Figure) -> bool:
    """Is a figure an amount written with 元 (not 万元)?"""
    return text.endswith("元", 0, figure.end) and not text.endswith("万元", 0, figure.end)


def _allocates(text: str, figure: Figure) -> bool:
    """Is a figure's label an allocation (下达资金N万元)? Like the share told first, it may be one source's only."""
    return text.startswith(tuple(vocabulary("budget")["prose"]["allocated"]), figure.start)


@cache
def _spent_words() -> re.Pattern:
    return re.compile(alternation(vocabulary("budget")["prose"]["spent_in_full"]))


def _spent_in_full(text: str, planned: float, start: int) -> bool:
    """Does a sentence after ``start`` say the budget's amount was all used (200万元…资金全部用于…)?"""
    for phrase in itertools.islice(_spent_words().finditer(text, start), _MAX_SPENT_PHRASES):
        reach = max(start, phrase.start() - _CLAUSE_CHARS)  # a sentence's words before the phrase, bounded
        opened = max(text.rfind(mark, reach, phrase.start()) for mark in "。；;！？!?\n") + 1
        sentence = text[max(opened, reach) : phrase.start()]
        if not DIGIT.search(sentence):
            continue  # no amount: spare the quantity finder
        if any(q.kind == "money" and abs(float(q.value) - planned) < _SAME_AMOUNT for q in find_quantities(sentence)):
            return True
    return False


_SAME_AMOUNT = 0.005  # 万元: two amounts that agree to the 元 written
_MAX_SPENT_PHRASES = 8  # a report says so near its budget; more such phrases are other matters' (and a cost bound)


def _in_full(budget: Budget) -> Budget:
    """A budget whose amount spent and rate of 100% are stated but not the amount planned: they are equal."""
    if budget.planned is None and budget.executed is not None and budget.rate == _IN_FULL:
        budget.planned = budget.executed
    return budget


_PART_OPENER = re.compile(r"[，,]?\s*其中")


def _whole_of_share(text: str, statement: list[Figure]) -> float | None:
    """A later allocation that holds the first as a part (批复525万元，其中500万元为中央资金): the whole budget.

    Only among allocations (下达, 批复): one source's share told first, the project's whole after it.
    """
    first = statement[0]
    if first.role != "allocated":
        return None
    for figure in statement[1:]:
        part = _PART_OPENER.match(text, figure.end)
        if figure.role != "allocated" or part is None:
            continue
        clause = _CLAUSE_END.split(text[part.end() : part.end() + REACH], maxsplit=1)[0]
        if any(q.kind == "money" and abs(float(q.value) - first.value) < _SAME_AMOUNT for q in find_quantities(clause)):
            return figure.value
    return None


_IN_FULL = 100.0  # the one rate that states the amount spent exactly, beside the budget in one statement


def _statement(found: list[Figure], first: int) -> list[Figure]:
    """The figures of one budget statement: ``found[first]`` and those that follow it closely."""
    statement = [found[first]]
    for figure in found[first + 1 :]:
        if figure.start - statement[-1].end > _WINDOW:
            break
        statement.append(figure)
    return statement


# A fund's amount right after its name (…某某补助资金500万元): the budget of a text that labels none.
# An amount the text says arrived (2022年专项债1.22亿元已到位): the year's money, over a project's total investment.
def _labelled_by(text: str, figure: Figure, labels: str) -> bool:
    """Is a figure's label one of the prose vocabulary's ``labels``: ``investment`` (a project's total investment,
    项目总投资, no year's budget) or ``project_total`` (its whole cost told in prose, not a form's 计划投资额)?"""
    return text.startswith(tuple(vocabulary("budget")["prose"][labels]), figure.start)


@cache
def _arrival() -> re.Pattern:
    """An amount said to have arrived (1.22亿元已到位), and whether it was all paid at once (,并已支付。)."""
    prose = vocabulary("budget")["prose"]
    return re.compile(
        rf"(?<![\d.])\d{{1,12}}(?:\.\d{{1,6}})?\s*(?:亿元|万元|元)(?:资金)?[，,]?\s*(?:{alternation(prose['arrived'])})"
        rf"(?P<paid>[，,]?\s*(?:{alternation(prose['paid_too'])})(?=\s*(?:[。；;]|$)))?"
    )


def _arrived(text: str) -> list[Figure]:
    """The year's full budget an arrival states (2022年专项债1.22亿元已到位), and its execution when the sentence
    says it was paid too; not a part's (其中…) or one source's (中央资金300万元已到位)."""
    prose = vocabulary("budget")["prose"]
    clause_ends = [m.start() for m in _clause_break().finditer(text)]
    found = []
    for match in _arrival().finditer(text):
        clause = text[_start_before(clause_ends, match.start()) : match.start()]
        amount = next((q for q in find_quantities(match.group()) if q.kind == "money" and q.value), None)
        if amount is None or any(word in clause for word in prose["parts"] + prose["arrival_not_whole"]):
            continue
        found.append(Figure("planned_full", float(amount.value), match.start(), match.end(), clause))
        if match.group("paid"):
            found.append(Figure("executed", float(amount.value), match.start("paid"), match.end(), clause))
    return found


_FUND_AMOUNT = re.compile(
    r"(?P<name>[\u4e00-\u9fff“”‘’]{1,40}(?:资金|经费))(?:共计|合计|总计|共)?(?P<amount>\d+(?:\.\d+)?)\s*万元"
)
_MIN_FUND_CHARS = 7  # a fund's own name (某某补助资金), not a kind of money (财政资金, 涉农资金)


def _fund_amount(text: str) -> Figure | None:
    """The first fund named in full with its amount outside a part's clause (其中…), as the planned budget."""
    parts = vocabulary("budget")["prose"]["parts"]
    clause_ends = [m.start() for m in _clause_break().finditer(text)]
    cuts = vocabulary("budget")["prose"]["fund_name_cuts"]
    for match in _FUND_AMOUNT.finditer(text):
        clause = text[_start_before(clause_ends, match.start()) : match.start("amount")]
        name = match.group("name")
        # the name starts after the words of what happens to the money, when and whose it is (2023年我县获得…)
        cut = max((name.rfind(word) + len(word) for word in cuts if word in name), default=0)
        if len(name) - cut >= _MIN_FUND_CHARS and not any(word in clause for word in parts):
            start = match.start("name") + cut
            return Figure("planned", float(match.group("amount")), start, match.end(), clause)
    return None


def score_in_text(text: str) -> float | None:
    """The first self-score stated with a score label (自评得分), else with a weak one (得分).

    A weak one in a sentence that states an execution rate (执行率为100%，得分10分) scores the spending, not the
    whole self-evaluation.
    """
    found = figures(text)
    score = next((f.value for f in found if f.role == "score"), None)
    if score is not None:
        return score
    rates = vocabulary("budget")["prose"]["rate"]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    rated: dict[int, bool] = {}  # sentence start → does it state a rate before its score? (each sentence read once)
    for figure in (f for f in found if f.role == "score_weak"):
        sentence = _start_before(sentence_ends, figure.start)
        if sentence not in rated:
            rated[sentence] = any(rate in text[sentence : figure.start] for rate in rates)
        if not rated[sentence]:
            return figure.value
    return None


def scored_clauses(text: str) -> list[tuple[str, float]]:
    """(what is scored, score) for each ``…绩效自评得分为N分`` clause of a summary paragraph."""
    suffixes = vocabulary("budget")["prose"]["subject_suffixes"]
    result = []
    for figure in figures(text):
        if figure.role == "score":
            subject = figure.clause.strip()
            for suffix in suffixes:
                subject = subject.removesuffix(suffix)
            result.append((subject.strip(), figure.value))
    return result


def _is_header(row: list[str], roles: list[str | None]) -> bool:
    """A row of budget column labels (年初预算数 | 全年预算数 | 全年执行数 | 执行率) and no values."""
    present = {role for role in roles if role in FIGURES}
    return len(present) >= 2 and bool(present - {"rate"}) and not _has_value(row)


def _has_value(row: list[str]) -> bool:
    """Does a row state an amount or a rate (not only labels)? A label's note (执行率(B/A×100%)) states none, nor
    does a note cell (说明：年中追加资金260,000.00元。)."""
    cells = (PARENTHESES.sub("", t) if cell_role(t) is not None else t for t in row if not _note().match(t))
    return any(cell_value(t, "planned", False) is not None or cell_value(t, "rate", False) is not None for t in cells)


@cache
def _note() -> re.Pattern:
    return re.compile(rf"\s*(?:{alternation(vocabulary('budget')['table']['notes'])})\s*[:：]")


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _figures_under(rows: list[list[str]], r: int, roles: list[str | None]) -> dict[str, float]:
    """The figures of the whole budget under the header ``rows[r]``: its 年度资金总额/合计 row, or the only one.

    A total left at zero (a 合计 row of zeros over a 其中 row of amounts) is an unfilled form: the one row
    of the others that states an amount is the whole. A total's label a reader moved into the header row
    (年初预算数 | … | 得分 | 年度资金总额) labels the first row under it. Amounts are in 元 when the header,
    the row above it (项目资金(元)) or a values row says so.
    """
    totals = tuple(vocabulary("budget")["table"]["totals"])
    values = []
    for row in itertools.islice(rows, r + 1, None):
        if not any(t.strip() for t in row):
            continue
        if not _has_value(row):
            break
        values.append(row)
    yuan = stated_unit(t for row in (*rows[max(0, r - 1) : r + 1], *values) for t in row)
    readings = list(zip(values, (_read_under(rows[r], roles, row, yuan) for row in values), strict=True))
    stated = [(row, reading) for row, reading in readings if _states_amount(reading)] or readings
    # a total's label, or one ending in a total's word (部门整体支出合计 over 基本支出 and 项目支出)
    total = next((reading for row, reading in stated if any(cell_label(t).endswith(totals) for t in row)), None)
    if total is None and stated and any(cell_label(t) in totals for t in rows[r]):
        total = stated[0][1]
    return total or (stated[0][1] if len(stated) == 1 else {})


def _states_amount(reading: dict[str, float]) -> bool:
    """Does a reading state an amount other than zero?"""
    return any(value for role, value in reading.items() if role != "rate")


def _read_under(header: list[str], roles: list[str | None], values: list[str], yuan: bool | None) -> dict[str, float]:
    """The figures of a values row under its header.

    Converters drop merged label cells, so the row may sit one or more columns left of
    its header (or the header lack the label column, or keep an empty cell the row does
    not): of the row as written and the row aligned right, under the header as written and
    without its empty cells, the alignment whose cells fit their labels wins; of two that
    fit as many, the one with a % under 执行率.
    """
    row = _trimmed(values)
    head = _trimmed(header)
    labelled = [(text, role) for text, role in zip(head, roles, strict=False) if text.strip()]
    readings = []
    for cells in dict.fromkeys((tuple(zip(head, roles, strict=False)), tuple(labelled))):
        columns = [(i, role) for i, (_, role) in enumerate(cells) if role in FIGURES]
        # a header without the label column over a row that opens with its label (年初预算数 | … over 合计 | 100 | …)
        labelled_row = (
            bool(row) and bool(columns) and columns[0][0] == 0 and cell_value(row[0], columns[0][1], yuan) is None
        )
        for offset in dict.fromkeys((0, len(row) - len(cells), *((1,) if labelled_row else ()))):
            reading: dict[str, float] = {}
            for i, role in columns:
                j = i + offset
                value = cell_value(row[j], role, yuan) if 0 <= j < len(row) else None
                if value is not None:
                    reading.setdefault(role, value)
            # a figure under a label's column left of the figures (资金来源 | 1172.55) says the row is misplaced
            first = min((i for i, _ in columns), default=0)
            stray = sum(
                1
                for i in range(first)
                if 0 <= i + offset < len(row) and _BARE_FIGURE.fullmatch(row[i + offset].strip())
            )
            readings.append((reading, stray))
    best = max(readings, key=lambda found: (len(found[0]), -found[1], "rate" in found[0]))
    return best[0]


def table_budget(rows: list[list[str]]) -> tuple[Budget, float | None, bool]:
    """The budget and a stated self-score of a 自评表's form part (``rows`` of cell texts), and whether that budget
    is only a task list's (年度主要任务 | 主要内容 | 预算数 | 执行数 and its 合计: a department's project spending,
    which its text's whole budget, where stated, outranks).

    A header row of budget labels over a row of values, or a label cell followed by
    its value (预算数： | 58.6 | 执行数： | 58.6); the full budget wins over 年初预算数.
    """
    cut = next((r for r, row in enumerate(rows) if _heads_tasks(row)), len(rows))
    budget, score = _form_budget(rows[:cut])
    if cut == len(rows) or _states_budget(budget):
        return budget, score, False
    # a budget block's header after the task list (年度主要任务 … ⏎ 年度部门整体支出预算 | 年初预算数 | 全年预算数 …)
    block = next(
        (r for r in range(cut + 1, len(rows)) if not _heads_tasks(rows[r]) and _is_header(rows[r], _roles(rows[r]))),
        len(rows),
    )
    later, later_score = _form_budget(rows[block:])
    score = score if score is not None else later_score
    if _states_budget(later):
        return later, score, False
    tasks, _ = _form_budget(rows[cut:block])
    return tasks, score, _states_budget(tasks)


def _states_budget(budget: Budget) -> bool:
    """Does a reading state an amount planned or spent?"""
    return budget.planned is not None or budget.executed is not None


def _roles(row: list[str]) -> list[str | None]:
    """Each cell's budget role (planned, executed, rate …) or None."""
    return [cell_role(text) for text in row]


def _form_budget(rows: list[list[str]]) -> tuple[Budget, float | None]:
    """The budget and self-score ``rows`` state by their labels."""
    found: dict[str, float] = {}
    for r, row in enumerate(rows):
        roles = _roles(row)
        if _is_header(row, roles):
            for role, value in _figures_under(rows, r, roles).items():
                found.setdefault(role, value)
            continue
        yuan = stated_unit(row)
        for i, role in enumerate(roles[:-1]):
            if role is not None and role not in found:
                value = cell_value(row[i + 1], role, yuan)
                if value is not None:
                    found[role] = value
    return _budget_by_role(found), found.get("score")


def _heads_tasks(row: list[str]) -> bool:
    """Does a row head a list of tasks with their money (年度主要任务 | 主要内容 | 预算数 | 执行数)?"""
    return any("".join(text.split()) in _task_columns() for text in row)


@cache
def _task_columns() -> frozenset[str]:
    return frozenset(vocabulary("budget")["table"]["task_columns"])


def row_budget(rows: list[list[str]]) -> Budget:
    """The budget of the last of ``rows``, one row of a table that lists several units (a results list:
    项目名称 | 预算数 | 执行数 | 自评得分), read under the first header of budget labels among the rows before it."""
    *above, row = rows
    for header in above:
        roles = [cell_role(text) for text in header]
        if _is_header(header, roles):
            yuan = stated_unit((*header, *row))
            return _budget_by_role(_read_under(header, roles, row, yuan))
    return Budget()


def _budget_by_role(found: dict[str, float]) -> Budget:
    """The budget the figures read from a table's cells give (role → value): the full budget first."""
    executed = found.get("executed")
    return _in_full(Budget(_planned(found, executed), executed, found.get("rate")))

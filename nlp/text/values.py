"""Values (SPEC §2): quantities, money, percentages, counts and dates in Chinese text.

``find_quantities`` finds every quantity in a string with its offsets (claims use
it on sentences); ``parse_value`` reads one target or actual cell into a Value.

Hand-written around cn2an because no library handles this genre's forms:
LIBRARIES.md measured cn2an (correct on bare numerals, raising on anything with
≧, 余, 约, 不 or a unit), JioNLP (rejects ``≦200万元``, reads 不超过 as "more than")
and recognizers-text (loses every qualifier). cn2an converts the numeral part;
comparators, approximations, units, magnitudes, ranges and dates are ours.
Arithmetic is in ``Decimal`` so ``16.4亿`` is 164000 万元, not 163999.99….

A minus sign (``-5%``, ``增长-5%``, ``负1层``) makes the value negative; a dash right after
another number is a range (``5万元-10万元``). Words of direction (下降5%) keep the number
as written: a target ``下降5%`` is met by an actual ``下降6%``.

Every scan is linear in the text's length: the patterns cannot backtrack over a run of
digits, overlaps are resolved in one sorted pass, and a numeral longer than any
quantity is a code, not a number.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache

import cn2an

from nlp.text.document import Value
from nlp.text.normalize import fold_width
from nlp.text.vocabulary import vocabulary

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_NUM = "[零〇一二两三四五六七八九十百千万亿点]+"
_COUNT_UNITS = (
    "万人次",
    "人次",
    "剂次",
    "户次",
    "车次",
    "架次",
    "人",
    "次",
    "篇",
    "件",
    "个",
    "块",
    "家",
    "辆",
    "期",
    "场",
    "所",
    "项",
    "份",
    "条",
    "名",
    "户",
    "座",
    "台",
    "套",
    "批",
    "册",
    "本",
    "张",
    "支",
    "株",
    "棵",
    "头",
    "只",
    "起",
    "宗",
    "单",
    "部",
    "间",
    "处",
    "班",
    "届",
    "轮",
    "封",
    "场次",
    "门",
    "艘",
    "把",
    "盏",
    "根",
    "片",
    "组",
    "类",
    "种",
    "枚",
    "份次",
)
_MEASURE_UNITS = (
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "米",
    "吨",
    "公斤",
    "千克",
    "克",
    "亩",
    "公顷",
    "小时",
    "分钟",
    "个月",
    "个工作日",
    "工作日",
    "天",
    "日",
    "周",
    "年",
    "学时",
    "课时",
    "分",
    "GB",
    "MB",
    "TB",
    "兆",
    "瓦",
    "度",
    "升",
)
_UNITS = sorted({"个百分点", "%", "‰", "元", *_COUNT_UNITS, *_MEASURE_UNITS}, key=len, reverse=True)
_COUNT_UNIT_SET = frozenset(_COUNT_UNITS)
_UNIT_PATTERN = "|".join(re.escape(unit) for unit in _UNITS)
# A minus sign, not a hyphen inside a code (GB-2021) or a range (5-10).
_SIGN = r"(?:(?<![\dA-Za-z.])(?P<sign>[-−]|负(?=\d)))?"
_QUANTITY = re.compile(
    rf"{_SIGN}(?P<pct>百分之)?(?:(?P<num>{_NUM})(?:万(?P<tail>\d{{1,4}})(?![\d.]))?|(?P<cn>{_CN_NUM}))"
    rf"\s*(?P<approx>余|多)?(?P<mag>亿|万|千)?(?P<approx2>余|多)?\s*(?P<unit>{_UNIT_PATTERN})?"
)
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年度?(?:\s*(?P<m>1[0-2]|0?[1-9])\s*月份?(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?)?"
    r"(?P<edge>底|末)?"
    # 2021.12 and 2021/12/31, not an amount that looks like one (2024.05万元, 1956.01万人次)
    r"|(?<![\d.])(?P<dy>(?:19|20)\d{2})[./](?P<dm>1[0-2]|0?[1-9])(?:[./](?P<dd>3[01]|[12]\d|0?[1-9]))?"
    rf"(?![\d.%％])(?!\s*(?:[亿万千]|元|{_UNIT_PATTERN}))"
    r"|(?<![\d年])(?P<om>1[0-2]|0?[1-9])\s*月\s*(?P<od>3[01]|[12]\d|0?[1-9])\s*[日号]"
)
_MONTH_ONLY = re.compile(r"(?P<m>1[0-2]|0?[1-9])\s*月份?(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?(?P<edge>底|末)?")
_RANGE_SEP = re.compile(r"\s*(?:-|—{1,2}|–|~|～|至|到)\s*")
_NEAR_MAGNITUDE = re.compile(r"(近|上|约)(千|万)(?=[\u4e00-\u9fff])")
# Comparator words, longest and negated forms first (不超过 before 超过).
_COMPARATORS: list[tuple[str, str]] = [
    (word, comparator)
    for comparator, words in [
        (">=", "不低于 不少于 不小于 不下于 及以上 以上 至少 ≥ ≧ >= 达到"),
        ("<=", "不超过 未超过 不高于 不大于 不多于 控制在 以内 以下 截至 截止 底前 以前 之前 ≤ ≦ <="),
        (">", "超过 大于 高于 多于 >"),
        ("<", "小于 低于 少于 不足 <"),
        ("~", "约为 大约 大概 左右 上下 约 近"),
    ]
    for word in words.split()
]
_COMPARATORS.sort(key=lambda pair: len(pair[0]), reverse=True)
# The comparator words and signs that stand right before a number (不少于200人, ≥95%): what the readers of
# cells and clauses take with a value; the other words of _COMPARATORS follow it (以上) or hedge it (约).
LEADING_COMPARATOR = (
    "大于等于|小于等于|不低于|不少于|不小于|不高于|不超过|不大于|不多于|大于|小于|高于|低于|[≥≤><=≧≦＞＜]"
)
# 达到 alone says "reaches"; it means >= only with 以上 (handled by 以上), so it weighs as "=".
_WEAK = {"达到"}
_MONEY_WORDS = re.compile(r"元|资金|经费|预算|投资|支出|收入|成本|费|款|金额|拨付|结余|产值|税")
_COMPARATOR_WORDS = re.compile("|".join(re.escape(word) for word, _ in _COMPARATORS) + r"|余|多|[\s,，。；:：]")
_DATE_BEFORE = re.compile(r"底前|以前|之前|前$|截至|截止")
_MONEY_SCALE = {"亿元": Decimal(10000), "万元": Decimal(1), "千元": Decimal("0.1"), "元": Decimal("0.0001")}
_LONE_MAGNITUDE = {"十": Decimal(10), "百": Decimal(100)}  # 百分之百
_MAGNITUDE = {"亿": Decimal(100000000), "万": Decimal(10000), "千": Decimal(1000)}
# Longer than any amount or count a report states (a phone number, an account, a run of digits).
_MAX_NUMERAL_CHARS = 20
_HAN_CHAR = re.compile("[\u4e00-\u9fff]")


@dataclass
class Quantity:
    """One quantity or date found in a string, with its offsets there."""

    start: int
    end: int
    kind: str
    value: Decimal | str | None
    unit: str | None
    comparator: str = "="
    low: Decimal | str | None = None
    high: Decimal | str | None = None
    scale: Decimal = Decimal(1)  # what the written number was multiplied by (亿元: 10000)


@lru_cache(maxsize=4096)
def chinese_number(text: str) -> Decimal | None:
    """A Chinese (or mixed) numeral's value (百分之九十五 → 95, 十一 → 11), None when it is not one.

    cn2an raises ValueError on malformed numerals and KeyError or IndexError on some
    (二十零); all of them mean "not a number" here.
    """
    if not text or len(text) > _MAX_NUMERAL_CHARS:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return Decimal(str(cn2an.cn2an(text, "smart")))
        except (ValueError, KeyError, IndexError, InvalidOperation):
            return None


class _MoneyContext:
    """Is a bare 万/亿 money? Yes in a value cell (200万, 小于40万) or beside money words;
    not in prose about something else (阅读量超675万).

    The words are read once per text, with comparator words and punctuation set aside, so
    that asking for each figure of a long text costs a lookup, not a pass over the text.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def _words(self) -> tuple[list[tuple[int, int]], list[int]]:
        """Spans of money words and positions of Chinese characters, comparator words left out."""
        kept = [True] * len(self._text)
        for match in _COMPARATOR_WORDS.finditer(self._text):
            kept[match.start() : match.end()] = [False] * (match.end() - match.start())
        positions = [i for i, keep in enumerate(kept) if keep]
        rest = "".join(self._text[i] for i in positions)
        money = [(positions[m.start()], positions[m.end() - 1] + 1) for m in _MONEY_WORDS.finditer(rest)]
        return money, [positions[m.start()] for m in _HAN_CHAR.finditer(rest)]

    def is_money(self, start: int, end: int) -> bool:
        """Money words, or no words at all, outside ``text[start:end]``."""
        money, han = self._words
        if money and (money[0][0] < start or money[-1][1] > end):
            return True
        return bisect_left(han, end) - bisect_left(han, start) == len(han)


def _written_number(match: re.Match) -> Decimal | None:
    """The number a quantity match writes, sign included; None for a numeral that is a word or a code."""
    if match.group("num"):
        written = match.group("num")
        if len(written) > _MAX_NUMERAL_CHARS:
            return None
        number = Decimal(written.replace(",", ""))
        if match.group("tail"):  # 3万4000
            number = number * 10000 + Decimal(match.group("tail"))
    else:
        numeral = match.group("cn")
        lone_magnitude = len(numeral) == 1 and numeral in "十百千万亿"
        if (not match.group("unit") or lone_magnitude) and not match.group("pct"):
            return None  # a Chinese numeral without a unit is a word (一是); so is 十分, 万元 alone
        number = _LONE_MAGNITUDE.get(numeral) or chinese_number(numeral)
        if number is None:
            return None
    return -number if match.group("sign") else number


def _quantity(match: re.Match, money: _MoneyContext) -> Quantity | None:
    number = _written_number(match)
    if number is None:
        return None
    unit, magnitude = match.group("unit"), match.group("mag")
    start, end = match.start(), match.end()
    comparator = ">" if match.group("approx") or match.group("approx2") else "="
    if match.group("pct"):
        return Quantity(start, end, "percent", number, "%", comparator)
    if unit == "个百分点":
        return Quantity(start, end, "percent", number, "pp", comparator)
    if unit in ("%", "‰"):
        return Quantity(start, end, "percent", number if unit == "%" else number / 10, "%", comparator)
    if unit == "元" or (unit is None and magnitude in ("万", "亿") and money.is_money(start, end)):
        scale = _MONEY_SCALE[(magnitude or "") + "元"]
        return Quantity(start, end, "money", number * scale, "万元", comparator, scale=scale)
    scale = _MAGNITUDE[magnitude] if magnitude else Decimal(1)
    kind = "count" if unit in _COUNT_UNIT_SET else "number"
    return Quantity(start, end, kind, number * scale, unit, comparator, scale=scale)


def _iso(year: str, month: str | None, day: str | None) -> str:
    if month is None:
        return year
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _dates(text: str) -> list[Quantity]:
    """Dates and date ranges (2021年1月—2021年12月, 2021年1月至12月, 2021.1-2021.12)."""
    found: list[Quantity] = []
    for match in _DATE.finditer(text):
        if match.group("om"):  # 11月3日: a day of an unstated year, ISO 8601 --MM-DD
            iso = f"--{int(match.group('om')):02d}-{int(match.group('od')):02d}"
            found.append(Quantity(match.start(), match.end(), "date", iso, None))
            continue
        if match.group("y"):
            iso = _iso(match.group("y"), match.group("m"), match.group("d"))
        else:
            iso = _iso(match.group("dy"), match.group("dm"), match.group("dd"))
        year = iso[:4]
        end = match.end()
        separator = _RANGE_SEP.match(text, end)
        if separator:
            second = _DATE.match(text, separator.end())
            if second and (second.group("y") or second.group("dy")):
                iso_second = (
                    _iso(second.group("y"), second.group("m"), second.group("d"))
                    if second.group("y")
                    else _iso(second.group("dy"), second.group("dm"), second.group("dd"))
                )
                found.append(Quantity(match.start(), second.end(), "date_range", None, None, "range", iso, iso_second))
                continue
            month = _MONTH_ONLY.match(text, separator.end())
            if month and match.group("m"):
                iso_second = _iso(year, month.group("m"), month.group("d"))
                found.append(Quantity(match.start(), month.end(), "date_range", None, None, "range", iso, iso_second))
                continue
        found.append(Quantity(match.start(), end, "date", iso, None))
    # A range's second date was found again on its own: keep the range. The dates come in order
    # of their starts, so a date inside another is one ending before the furthest end yet.
    kept: list[Quantity] = []
    furthest = -1
    for quantity in found:
        if quantity.end > furthest:
            kept.append(quantity)
        furthest = max(furthest, quantity.end)
    return kept


def _join_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """``50-100万元``, ``3—5天``, ``5万元至10万元``: two numbers joined by a range sign are one range."""
    joined: list[Quantity] = []
    for quantity in quantities:
        previous = joined[-1] if joined else None
        between = text[previous.end : quantity.start] if previous else ""
        if (
            previous is not None
            and previous.comparator == "="
            and _RANGE_SEP.fullmatch(between or "x")
            and (previous.unit is None or (previous.kind, previous.unit) == (quantity.kind, quantity.unit))
        ):
            low = previous.value
            if previous.unit is None and quantity.kind == "money":  # 50-100万元: the first number shares the unit
                low = low * quantity.scale
            joined[-1] = Quantity(
                previous.start, quantity.end, quantity.kind, None, quantity.unit, "range", low, quantity.value
            )
            continue
        joined.append(quantity)
    return joined


def _overlaps_date(dates: list[Quantity], match: re.Match, index: int) -> tuple[bool, int]:
    """Does ``match`` overlap a date? Matches come left to right, so one index walks the dates once."""
    while index < len(dates) and dates[index].end <= match.start():
        index += 1
    return index < len(dates) and dates[index].start < match.end(), index


def outside_spans(quantities: list[Quantity], spans: list[tuple[int, int]]) -> list[Quantity]:
    """The quantities that start in none of ``spans`` (in order and apart: one pattern's matches), in one pass
    with a binary search each, so a long text of many brackets and amounts costs no product of the two."""
    starts = [start for start, _ in spans]
    kept = []
    for quantity in quantities:
        k = bisect_right(starts, quantity.start) - 1
        if k < 0 or quantity.start >= spans[k][1]:
            kept.append(quantity)
    return kept


def find_quantities(text: str) -> list[Quantity]:
    """Every date and quantity in ``text``, left to right, with offsets into ``text``."""
    dates = _dates(text)
    money = _MoneyContext(text)
    quantities: list[Quantity] = []
    date_index = 0
    for found in _QUANTITY.finditer(text):
        match = found
        if match.group("sign") and quantities and not text[quantities[-1].end : match.start()].strip():
            match = _QUANTITY.match(text, match.end("sign"))  # 5万元-10万元: a range's dash, not a minus
        overlaps, date_index = _overlaps_date(dates, match, date_index)
        quantity = None if overlaps else _quantity(match, money)
        if quantity is not None:
            quantities.append(quantity)
    return sorted(dates + _join_ranges(text, quantities), key=lambda q: q.start)


def _comparator(text: str, quantity: Quantity) -> str:
    if quantity.comparator != "=":
        return quantity.comparator
    if quantity.kind in ("date", "date_range"):
        return "<=" if _DATE_BEFORE.search(text) else "="
    for word, comparator in _COMPARATORS:
        if word in text and word not in _WEAK:
            return comparator
    return "="


# A note in brackets closing a cell and stating a figure of its own (93.6%(随机抽取200户问卷调查)).
_FIGURED_NOTE = re.compile(r"\([^()]*\d[^()]*\)\s*$")


def _choose(quantities: list[Quantity]) -> Quantity | None:
    """The one quantity a cell states: a unit-bearing one, else a date, else a bare number."""
    tiers = [
        [q for q in quantities if q.kind not in ("date", "date_range") and q.unit],
        [q for q in quantities if q.kind in ("date", "date_range")],
        [q for q in quantities if q.kind == "number" and not q.unit],
    ]
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
        if len(tier) > 1:
            return None
    return None


def _number(value: Decimal | str | None) -> float | str | None:
    if isinstance(value, Decimal):
        return float(value) if value else 0.0  # -0 is 0
    return value


def text_value(raw: str) -> Value:
    """The Value of a string that states no quantity."""
    return Value(raw, "text")


def quantity_value(raw: str, quantity: Quantity, context: str) -> Value:
    """A found quantity as a SPEC §2 Value; comparator words are looked for in ``context``."""
    comparator = "range" if quantity.comparator == "range" else _comparator(context, quantity)
    if comparator == "=" and re.search(r"近\d", context):
        comparator = "~"
    return Value(
        raw,
        quantity.kind,
        _number(quantity.value),
        _number(quantity.low),
        _number(quantity.high),
        quantity.unit,
        comparator,
    )


def _prepared(raw: str) -> str:
    """A value string as the readers read it: full-width folded, 近千/近万 as figures."""
    return _NEAR_MAGNITUDE.sub(lambda m: m.group(1) + ("1000" if m.group(2) == "千" else "10000"), fold_width(raw))


def read_value(raw: str) -> Value:
    """Read one value string into a SPEC §2 Value (anything unreadable is ``text``).

    Meant never to raise; the tests hold it to that without the safety net of ``parse_value``.
    """
    text = _prepared(raw)
    # a figure before a note of its own (93.6%(随机抽取200户问卷调查), 98(2户未验收)) is the cell's, the note's aside
    note = _FIGURED_NOTE.search(text)
    head = _choose(find_quantities(text[: note.start()])) if note is not None and note.start() > 0 else None
    quantity = head or _choose(find_quantities(text))
    return text_value(raw) if quantity is None else quantity_value(raw, quantity, text)


def parse_result(raw: str, target: Value | None) -> Value:
    """An actual's Value; when its text states several figures (取得证书986人，取证率85.3%; 完成2次考核，清退1家),
    the one figure in its target's unit, which is what the row measures."""
    value = parse_value(raw)
    if value.kind != "text" or target is None or not target.unit:
        return value
    try:
        text = _prepared(raw)
        same = [
            q
            for q in find_quantities(text)
            if q.unit == target.unit
            and q.kind not in ("date", "date_range")
            and not _change_before().search(text, max(0, q.start - _CHANGE_REACH), q.start)
        ]
    except Exception:  # as parse_value: a reader's bug must not stop a batch
        return value
    return quantity_value(raw, same[0], text) if len(same) == 1 else value


@lru_cache(maxsize=1)
def _change_before() -> re.Pattern:
    """A change stated right before a figure (同比下降15%, 较上年增长8%): no level the row reached."""
    words = sorted(vocabulary("tables")["cells"]["change_before_figure"], key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})\s*(?:了|约|达)?\s*$")


_CHANGE_REACH = 8


def unit_of(text: str) -> str | None:
    """The unit ``text`` would be after a number (人次, 万元, %), or None: a cell or a name's tail read as a unit."""
    return parse_value("1" + text).unit


@lru_cache(maxsize=16384)
def parse_value(raw: str) -> Value:
    """``read_value`` under the contract's promise: never raises on any string.

    Cached: a Value is frozen, and the table readers try the same cell text against several
    column layouts (a run-together row is split many ways before one is kept)."""
    try:
        return read_value(raw)
    except Exception:  # a bug in read_value must not stop a batch; the property tests look for it
        return text_value(raw)

"""The domain vocabulary, read once from the TOML files in ``nlp/text/vocab/``.

Vocabulary is data, not code: a new province's header (全年实际值, 自评分) is a
line in a TOML file, and every stage that needs it asks this module.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources


@cache
def vocabulary(name: str) -> dict:
    """The parsed ``nlp/text/vocab/<name>.toml``."""
    return tomllib.loads(resources.files("nlp.text").joinpath("vocab", f"{name}.toml").read_text(encoding="utf-8"))


def alternation(words: list[str]) -> str:
    """A regex alternation of a vocabulary list that prefers the longest word at a position."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _column_keywords() -> list[tuple[str, str, int]]:
    """(keyword, role, rank within the role), longest keyword first; the order of roles breaks ties."""
    columns = vocabulary("tables")["columns"]
    triples = [(keyword, role, rank) for role, keywords in columns.items() for rank, keyword in enumerate(keywords)]
    order = {role: i for i, role in enumerate(columns)}
    return sorted(triples, key=lambda triple: (-len(triple[0]), order[triple[1]]))


_HEADER_NOISE = re.compile(r"[(（][^()（）]*[)）]|[\s()（）\[\]【】:：*＊|]")


def column_keywords() -> list[str]:
    """Every header keyword, longest first."""
    return [keyword for keyword, _, _ in _column_keywords()]


def column_role(header: str) -> str | None:
    """The role of a header cell (``name``, ``target``, ``actual`` …), or None."""
    found = column_role_and_rank(header)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def column_role_and_rank(header: str) -> tuple[str, int] | None:
    """The role of a header cell and how typical its keyword is (0 = the role's first keyword)."""
    text = _HEADER_NOISE.sub("", header)
    if not text or len(text) > 14 or level_of_label(text) is not None or row_marker().match(text):
        return None  # a label, or a row's name after its number (指标1:培训人数)
    return next(((role, rank) for keyword, role, rank in _column_keywords() if keyword in text), None)


@cache
def page_number_line() -> re.Pattern:
    """A page's number alone on its line (— 3 —, 第 3 页 共 4 页): furniture.toml [page_number]."""
    return re.compile(vocabulary("furniture")["page_number"]["line"])


@cache
def _page_foot() -> re.Pattern:
    return re.compile(vocabulary("furniture")["page_number"]["foot"])


def is_page_foot(line: str) -> bool:
    """A page's number alone on its line, or after the issuer's name far to its left (某某中心      —2—)."""
    return bool(page_number_line().match(line) or _page_foot().search(line))


_POINTS_SUFFIX = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")


@cache
def _level_sets() -> tuple[frozenset[str], frozenset[str]]:
    levels = vocabulary("tables")["levels"]
    return frozenset(levels["level1"]), frozenset(levels["level2"])


def level_of_label(text: str) -> int | None:
    """1 or 2 when ``text`` is a 一级 or 二级 label (``产出指标(50分)``), 0 when it can be either, else None."""
    label = _POINTS_SUFFIX.sub("", text.strip()).strip()
    level1, level2 = _level_sets()
    if label in level1 and label in level2:
        return 0
    if label in level1:
        return 1
    if label in level2:
        return 2
    return None


def row_label(text: str) -> str | None:
    """``form``, ``closing`` or ``signature`` when ``text`` is a label of a 自评表's rows, else None."""
    label = text.strip().rstrip(":：")
    rows = vocabulary("tables")["rows"]
    return next((kind for kind in ("form", "closing", "signature") if label in rows[kind]), None)


def is_subtotal_label(text: str) -> bool:
    """Does ``text`` label a group's subtotal row (小计, 产出指标小计), which neither states an indicator nor ends
    the table?"""
    label = text.strip().rstrip(":：")
    return len(label) <= _MAX_SUBTOTAL_CHARS and label.endswith(tuple(vocabulary("tables")["rows"]["subtotal"]))


_MAX_SUBTOTAL_CHARS = 8


@cache
def row_marker() -> re.Pattern:
    """A form's own numbering of its rows (指标1, 指标2：), written before a row's name or alone on an empty row."""
    words = vocabulary("tables")["rows"]["markers"]
    # not the end of a word before a percentage (定量指标100%): a row's name does not open with one
    # its stop: a colon, a 、 or a full stop that starts no decimal (指标1.培训人数, not 指标1.5)
    # two digits only before a stop (指标12：), else one (指标12021年… is 指标1 | 2021年…)
    stop = r"(?:[:：、]|[.．](?!\d))"
    number = rf"(?:[1-9]\d(?=\s*{stop})|10|[1-9])"
    return re.compile(rf"(?:{alternation(words)})\s*{number}(?![\d.]*%)\s*{stop}?")


@cache
def budget_labels() -> tuple[str, ...]:
    """The header cells of a budget table (budget.toml [table] header), next to the labels' roles."""
    return tuple(vocabulary("budget")["table"]["header"])


def is_budget_label(text: str) -> bool:
    """Whether a cell is a budget table's label (全年预算数(万元)), read whole or nearly."""
    label = _HEADER_NOISE.sub("", text)
    return bool(label) and len(label) <= 12 and any(keyword in label for keyword in budget_labels())


_MIN_HEADER_ROLES = 3


def header_roles(cells: list[str]) -> list[str | None] | None:
    """The column roles of an indicator table's header row, or None when the cells are not one.

    A header names its indicators (三级指标, or at least a 一级/二级 column) and states a
    target or an actual, with at least three recognised columns.
    """
    roles = [column_role(cell) for cell in cells]
    present = {role for role in roles if role}
    named = bool(present & {"name", "level2", "level1"})
    valued = bool(present & {"target", "actual"})
    if len(present) >= _MIN_HEADER_ROLES and named and valued and roles.count(None) <= len(roles) // 2:
        return roles
    return None


def abbreviated_header_roles(cells: list[str]) -> list[str | None] | None:
    """The roles of a grid table's header cut to single words (指标 | 目标 | 实际 | 分 | 得), every cell one of
    tables.toml [abbreviated_header]'s, naming an indicator, a target and an actual; else None."""
    words = vocabulary("tables")["abbreviated_header"]
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) < _MIN_HEADER_ROLES or any(cell not in words for cell in filled):
        return None
    roles = [words.get(cell.strip()) for cell in cells]
    return roles if {"name", "target", "actual"} <= set(roles) else None


_SCORING_ROLES = frozenset({"level1", "level2", "name", "weight", "points"})


def scoring_roles(cells: list[str]) -> list[str | None] | None:
    """The roles of a 评分表 header (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分): names and
    points only, no target or actual column; None for any other header."""
    roles = [column_role(cell) for cell in cells]
    present = set(roles)
    if None in present or not present <= _SCORING_ROLES or not {"name", "weight", "points"} <= present:
        return None
    return roles if present & {"level1", "level2"} else None


# A title may end in a file's extension (….pdf) or in a stray mark a converter left (…自评报告?, …自评表|).
_FILE_EXTENSION = r"(?:\.(?:pdf|docx?|xlsx?|wps|et|html?))?[?？|\s]*"


def title_endings(*kinds: str) -> list[str]:
    """The title endings of ``kinds`` (``report``, ``table``, ``other``)."""
    titles = vocabulary("titles")
    return [ending for kind in kinds for ending in titles[kind]]


@cache
def title_pattern(*kinds: str) -> re.Pattern:
    """A title that ends in one of the endings of ``kinds`` (``report``, ``table``, ``other``), file name allowed."""
    titles = vocabulary("titles")
    endings = sorted((ending for kind in kinds for ending in titles[kind]), key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(map(re.escape, endings))}){_FILE_EXTENSION}$")


@cache
def title_sign(*kinds: str) -> re.Pattern:
    """Any of the endings of ``kinds`` anywhere in a heading."""
    titles = vocabulary("titles")
    endings = sorted((ending for kind in kinds for ending in titles[kind]), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, endings)))


@cache
def known_cell_words() -> frozenset[str]:
    """Every header keyword, budget label and indicator label: words a table cell may hold whole."""
    tables = vocabulary("tables")
    levels = tables["levels"]
    return frozenset(column_keywords()) | frozenset(budget_labels()) | frozenset(levels["level1"] + levels["level2"])


@cache
def numerals() -> dict[str, str]:
    """Character classes of the enumeration numerals (``chinese`` 一…两, ``circled`` ①…⑳, ``dingbat`` ❶…❿).

    ``chinese`` is bare, to join other characters in one class (``[{chinese}\\d]``); the others are classes.
    """
    table = vocabulary("enumeration")["numerals"]
    return {
        "chinese": re.escape(table["chinese"]),
        "circled": f"[{table['circled']}]",
        "dingbat": f"[{table['dingbat']}]",
    }


def marker_words(*kinds: str) -> str:
    """An alternation of the words of ``kinds`` in ``enumeration.toml [words]`` (``part`` 部分|章, ``attachment``)."""
    words = vocabulary("enumeration")["words"]
    return "|".join(re.escape(word) for kind in kinds for word in words[kind])


_MARKER_STYLES = ("part", "toc", "cn", "pcn", "ar", "par", "circle", "point")


@cache
def marker(
    style: str, *, capture: bool = False, ends: str = "、.", digits: int | None = None, masked: bool = False
) -> str:
    """The regex of one enumeration marker, without anchor or context: each module sets where it counts.

    Styles: ``part`` 第一部分, ``toc`` 目录, ``cn`` 一、, ``pcn`` (一), ``ar`` 1., ``par`` (1), ``circle`` ①,
    ``point`` 一是; brackets and dots in either width.
    ``ends`` are the marks closing a ``cn`` or ``ar`` number ("" for none); after an ``ar`` number a ``.``
    is never a decimal point (1.5). ``digits`` bounds a number's characters (an Arabic one's from the TOML
    by default, a Chinese one's not), ``masked`` admits a masked Arabic one (*.), ``capture`` makes the
    number group 1.
    """
    if style not in _MARKER_STYLES:
        raise ValueError(f"unknown marker style {style!r}")
    table = vocabulary("enumeration")
    if style == "toc":
        return table["patterns"]["toc"]
    chinese = numerals()["chinese"]
    arabic = rf"\d{{1,{digits or table['numerals']['arabic_digits']}}}"
    if masked:
        arabic += "|" + re.escape(table["numerals"]["masked"])
    chinese_run = f"[{chinese}]" + (f"{{1,{digits}}}" if digits else "+")
    number = {
        "part": f"[{chinese}\\d]+",
        "cn": chinese_run,
        "pcn": chinese_run,
        "ar": arabic,
        "par": arabic,
        "circle": numerals()["circled"],
        "point": f"[{chinese}]",
    }[style]
    number = f"({number})" if capture else f"(?:{number})"
    marks = {kind: re.escape(chars) for kind, chars in table["marks"].items()}
    if style == "part":
        return f"第{number}(?:{marker_words('part')})"
    if style in ("pcn", "par"):
        return f"[{marks['open']}]{number}[{marks['close']}]"
    if style == "point":
        return f"{number}(?:{marker_words('point')})"
    if style == "circle" or not ends:
        return number
    return number + _marker_end(ends, marks["dot"], decimal=style == "ar")


def _marker_end(ends: str, dots: str, *, decimal: bool) -> str:
    """The marks that close a number, a ``.`` in either width; with ``decimal``, a dot only when no digit follows."""
    dotted = "." in ends
    plain = re.escape(ends.replace(".", "")) + ("" if decimal or not dotted else dots)
    alternatives = [f"[{plain}]"] if plain else []
    if decimal and dotted:
        alternatives.append(rf"[{dots}](?!\d)")
    return f"(?:{'|'.join(alternatives)})"


@cache
def total_row_words() -> tuple[str, ...]:
    """The words a table's closing total row opens with (总分, 合计, 总计)."""
    return tuple(vocabulary("statements")["deviation"]["end_rows"])

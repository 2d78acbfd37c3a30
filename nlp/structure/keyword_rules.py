"""Ordered keyword rules: the baselines the trained models are measured against, and one of their features;
and the headings whose whole words decide what a section is (statement headings, decisive headings)."""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.text.vocabulary import vocabulary


class KeywordRules:
    """(label, pattern) pairs tried in order; the first pattern found in the text gives the label."""

    def __init__(self, rules: list[tuple[str, str]]) -> None:
        self.rules = [(label, re.compile(pattern)) for label, pattern in rules]

    def first(self, text: str) -> str | None:
        return next((label for label, pattern in self.rules if pattern.search(text)), None)


def alternation(patterns: list[str]) -> str:
    """One regular expression matching any of ``patterns`` (each kept whole as a group)."""
    return "|".join(f"(?:{pattern})" for pattern in patterns)


@lru_cache(maxsize=1)
def statement_heading_patterns() -> dict[str, re.Pattern]:
    """Statement kind → one pattern of its heading variants (nlp/text/vocab/statements.toml), whole title."""
    headings = vocabulary("statements")["headings"]
    return {kind: re.compile(alternation(patterns)) for kind, patterns in headings.items()}


@lru_cache(maxsize=1)
def decisive_heading_rules() -> list[tuple[str, re.Pattern]]:
    """(label, pattern) of the headings whose whole words decide their label (nlp/text/vocab/sections.toml)."""
    return [(label, re.compile(pattern)) for label, pattern in vocabulary("sections")["decisive"]]


@lru_cache(maxsize=1)
def part_heading_patterns() -> tuple[re.Pattern, ...]:
    """The statement and decisive heading patterns together: a line whose whole words one of them matches names a
    part of a self-evaluation."""
    return (*statement_heading_patterns().values(), *(pattern for _, pattern in decisive_heading_rules()))


@lru_cache(maxsize=1)
def form_part_rules() -> list[tuple[str, re.Pattern]]:
    """(label, pattern) of the parts of a 自评表 a row's first cell names (nlp/text/vocab/sections.toml)."""
    return [(label, re.compile(pattern)) for label, pattern in vocabulary("sections")["form_parts"]]


_PART_NOTE = re.compile(r"[(（][^()（）]{0,8}[)）]$")
_PART_SPACE = re.compile(r"\s+")
_PART_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}$")
MAX_PART_CHARS = 24  # longer text is no part's name: callers check before part_core reads it


def part_core(text: str) -> str:
    """A part's name as its words alone (绩 效 指 标 → 绩效指标, 资金投入情况(万元) → 资金投入情况): no spaces,
    no closing colon, stop or cell bar, no bracketed unit or points after it."""
    core = _PART_SPACE.sub("", text).rstrip(":：。.|")
    while (bare := _PART_NOTE.sub("", core).rstrip(":：")) != core:  # 年度目标1:(80分): each note, then the colon
        core = bare
    return _PART_NUMBER.sub("", core)  # 年度绩效目标1: the form's first of its numbered goals


def form_part_label(cell: str) -> str | None:
    """The label of the form part a row's first cell names (资金投入情况(万元) → funds), or None."""
    if len(cell) > MAX_PART_CHARS:
        return None
    core = part_core(cell)
    return next((label for label, pattern in form_part_rules() if pattern.fullmatch(core)), None)


def names_whole_unit(title: str) -> bool:
    """Does a title name a department's whole spending (部门整体支出, 部门预算执行), not the whole of its projects'
    (项目整体绩效自评报告)?"""
    titles = vocabulary("titles")
    for sign in titles["not_department_signs"]:
        title = title.replace(sign, "")
    return any(sign in title for sign in titles["department_signs"])

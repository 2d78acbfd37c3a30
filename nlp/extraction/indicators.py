"""Indicators (SPEC §3) and the indicator system of DOMAIN.md §2.

An ``Indicator`` (``nlp.text.document``) is one 三级指标 row of a 自评表 or one ``数量指标：…``
line of a report. This module reads the fixed vocabulary (dimensions, 一级/二级 names, from
``vocab/tables.toml``); ``nlp.extraction.tables`` and ``nlp.extraction.narrative`` find them.
"""

from __future__ import annotations

import re

from nlp.text.vocabulary import vocabulary

_VOCABULARY = vocabulary("tables")
DIMENSIONS = tuple(_VOCABULARY["dimensions"])
# The words prose names a dimension by, in the order tried (nlp.extraction.narrative).
PROSE_DIMENSION_NAMES = tuple(word for entry in _VOCABULARY["dimensions"].values() for word in entry["prose"])
_DIMENSION_SIGNS = [tuple(pair) for pair in _VOCABULARY["signs"]["dimension"]]
_LEVEL1_SIGNS = [tuple(pair) for pair in _VOCABULARY["signs"]["level1"]]
_LEVEL1_OF_DIMENSION = {name: entry["level1"] for name, entry in _VOCABULARY["dimensions"].items() if "level1" in entry}
_POINTS_IN_LABEL = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def dimension_of(level2: str | None, name: str | None = None) -> str:
    """The SPEC dimension a 二级指标 (or, failing that, the indicator's name) belongs to."""
    for text in (level2, name):
        for sign, dimension in _DIMENSION_SIGNS:
            if text and sign in text:
                return dimension
    return "其他"


def level1_group(level1: str | None, dimension: str) -> str | None:
    """The scoring group: the 一级 named in the table, else the one its dimension implies."""
    for sign, group in _LEVEL1_SIGNS:
        if level1 and sign in level1:
            return group
    return _LEVEL1_OF_DIMENSION.get(dimension)


def implied_level1(dimension: str) -> str | None:
    return _LEVEL1_OF_DIMENSION.get(dimension)


def points_in_label(label: str | None) -> float | None:
    """``产出指标(50分)`` → 50."""
    match = _POINTS_IN_LABEL.search(label or "")
    return float(match.group(1)) if match else None


def strip_points(label: str | None) -> str | None:
    return _POINTS_IN_LABEL.sub("", label).strip() if label else label

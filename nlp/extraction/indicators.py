"""Indicators (SPEC §3) and the indicator system of DOMAIN.md §2.

An ``Indicator`` is one 三级指标 row of a 自评表 or one ``数量指标：…`` line of a
report. This module holds the record and the fixed vocabulary (dimensions,
一级/二级 names); ``nlp.extraction.tables`` and ``nlp.extraction.narrative`` find them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIMENSIONS = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "满意度指标",
    "其他",
)
# 二级 name fragments → SPEC dimension; 经济/社会/生态环境成本指标 (成本 as its own 一级) are 成本指标.
_DIMENSION_SIGNS = [
    ("成本", "成本指标"),
    ("数量", "数量指标"),
    ("质量", "质量指标"),
    ("时效", "时效指标"),
    ("经济效益", "经济效益指标"),
    ("社会效益", "社会效益指标"),
    ("生态效益", "生态效益指标"),
    ("可持续", "可持续影响指标"),
    ("满意", "满意度指标"),
]
# 一级 groups used for scoring (DOMAIN.md §3); 完成指标 is the older name of 产出指标.
_LEVEL1_SIGNS = [
    ("产出", "产出指标"),
    ("完成", "产出指标"),
    ("效益", "效益指标"),
    ("满意", "满意度指标"),
    ("成本", "成本指标"),
]
_LEVEL1_OF_DIMENSION = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "满意度指标": "满意度指标",
}
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


@dataclass
class Indicator:
    dimension: str
    level1: str | None
    level2: str | None
    name: str | None
    target: dict | None
    actual: dict | None
    weight: float | None
    points: float | None
    source: str  # table | narrative
    start: int
    end: int
    achieved: bool | None = None
    repaired: str | None = None  # what a shifted or swapped row needed, for MALFORMED_TABLE
    reason: str | None = None  # 偏差原因分析及改进措施, where the table has it

    @property
    def empty(self) -> bool:
        """A row or dimension left blank (EMPTY_INDICATOR)."""
        return not self.name and self.target is None and self.actual is None

    def to_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "target": self.target,
            "actual": self.actual,
            "weight": self.weight,
            "points": self.points,
            "achieved": self.achieved,
            "source": self.source,
            "start": self.start,
            "end": self.end,
        }

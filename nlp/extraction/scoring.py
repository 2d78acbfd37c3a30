"""Whether each indicator was met, and the performance score recomputed from the table.

Follows DOMAIN.md §3 (财预〔2020〕10号 and provincial practice); weights and the
bands for qualitative results are read from ``nlp/extraction/scoring.toml`` or a file the
user names, because provinces set them differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.extraction.indicators import level1_group
from nlp.text.document import Indicator, Value

_NUMERIC = ("number", "percent", "money", "count")
_SHORTFALL = re.compile(r"未完成|未达到|未达|没有|未能|尚未|不足|滞后|未实现|偏低|差距")
_COMPLETION = re.compile(r"完成|达到|实现|符合|满足|良好|提升|提高|正常|确保|保障|履行|到位|满意")
_REVERSE = ("<=", "<")


@dataclass(frozen=True)
class ScoringConfig:
    """The rubric of ``scoring.toml`` (or ``--scoring FILE``), as validated by ``nlp.settings``."""

    weights: dict[str, float]  # points per 一级 group, and budget_execution
    bands: dict[str, float]  # share of its points a qualitative result earns: met, unclear, unmet
    approximate: float  # a target "约 X" counts as met within this share of X


def _date_end(value: Value) -> str | None:
    return value.high if value.kind == "date_range" else value.value


def achieved(indicator: Indicator, config: ScoringConfig) -> bool | None:
    """Met, not met, or not decidable from what the row states."""
    target, actual = indicator.target, indicator.actual
    if actual is None:
        return None
    if target is not None and target.kind in _NUMERIC and actual.kind == target.kind:
        if actual.value is None:
            return None
        if target.comparator == "range":
            return target.low <= actual.value <= target.high
        if target.value is None:
            return None
        if target.comparator in _REVERSE:
            return actual.value <= target.value
        if target.comparator == "~":
            return actual.value >= target.value * (1 - config.approximate)
        return actual.value >= target.value
    if target is not None and target.kind in ("date", "date_range") and actual.kind in ("date", "date_range"):
        target_end, actual_end = _date_end(target), _date_end(actual)
        common = min(len(target_end), len(actual_end))
        return actual_end[:common] <= target_end[:common]
    if _SHORTFALL.search(actual.raw):
        return False
    if target is not None and actual.raw.strip() == target.raw.strip():
        return None  # a copied target says nothing about the result (TARGET_EQUALS_ACTUAL)
    return True if _COMPLETION.search(actual.raw) else None


def _share(indicator: Indicator, config: ScoringConfig) -> float:
    """The share of its points an indicator earns."""
    target, actual = indicator.target, indicator.actual
    if indicator.achieved:
        return config.bands["met"]
    quantitative = (
        target is not None
        and actual is not None
        and target.kind in _NUMERIC
        and actual.kind == target.kind
        and target.value
        and actual.value is not None
    )
    if quantitative:
        if target.comparator in _REVERSE:  # a reverse indicator loses points as it overshoots
            return max(0.0, min(1.0, target.value / actual.value)) if actual.value else 1.0
        return max(0.0, min(1.0, actual.value / target.value))
    if indicator.achieved is False:
        return config.bands["unmet"]
    return config.bands["unclear"]


def recomputed_score(
    indicators: list[Indicator],
    planned: float | None,
    executed: float | None,
    level1_weights: dict[str, float],
    config: ScoringConfig,
) -> float | None:
    """DOMAIN.md §3: budget execution plus each 一级's points shared over its non-empty indicators.

    When the budget is unknown, the indicator points are scaled up to 100, so that
    an unstated budget neither costs nor earns points.
    """
    table_rows = [i for i in indicators if i.source == "table"]
    if not table_rows:
        return None
    budget_known = bool(planned) and executed is not None
    score = config.weights["budget_execution"] * min(executed / planned, 1.0) if budget_known else 0.0
    if all(i.weight is not None for i in table_rows if not i.empty):
        return round(score + sum(i.weight * _share(i, config) for i in table_rows if not i.empty), 2)
    groups: dict[str, list[Indicator]] = {}
    for indicator in table_rows:
        group = level1_group(indicator.level1, indicator.dimension)
        if group:
            groups.setdefault(group, []).append(indicator)
    stated = {level1_group(name, "其他"): weight for name, weight in level1_weights.items()}
    for group, members in groups.items():
        weight = stated.get(group, config.weights.get(group, 0.0))
        filled = [i for i in members if not i.empty]
        if filled:
            score += sum(weight / len(filled) * _share(i, config) for i in filled)
    if not budget_known:
        score *= 100 / (100 - config.weights["budget_execution"])
    return round(score, 2)

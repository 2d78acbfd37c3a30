"""Best-of-N wall time and paired ratios, shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_time(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by the rest of the machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def paired_ratio(
    action: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    """Best time of each and the median ratio of runs taken back to back.

    On a shared machine the speed drifts by a third between minutes; a ratio of two
    runs made one after the other is steadier than a ratio of two bests.
    """
    ratios, best_action, best_baseline = [], float("inf"), float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        middle = time.perf_counter()
        baseline()
        end = time.perf_counter()
        best_action, best_baseline = min(best_action, middle - start), min(best_baseline, end - middle)
        ratios.append((middle - start) / (end - middle))
    return best_action, best_baseline, statistics.median(ratios)

"""Best-of-N wall time, shared by the benchmarks."""

from __future__ import annotations

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

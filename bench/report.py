"""Timing helpers and the one line format every benchmark prints.

`NAME.figure: value unit (budget value unit)` — a figure without a budget says so.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: float
    unit: str
    budget: float | None = None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.value > self.budget

    def line(self) -> str:
        budget = f"budget {self.budget:g} {self.unit}" if self.budget is not None else "no budget"
        flag = "  OVER BUDGET" if self.over_budget else ""
        return f"{self.name}: {self.value:.3f} {self.unit} ({budget}){flag}"


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p99 of 1000 samples is the 990th smallest)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def time_calls(call: Callable[[], object], *, iterations: int, warmup: int) -> list[float]:
    """Milliseconds per call, after `warmup` untimed calls."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(iterations):
        started = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def time_each(call: Callable[[T], object], inputs: Sequence[T]) -> list[float]:
    """Milliseconds for `call(x)`, for each x in order (one keystroke, one card tap)."""
    samples = []
    for value in inputs:
        started = time.perf_counter_ns()
        call(value)
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples

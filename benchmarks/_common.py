"""Helpers shared by the benchmark scripts: interleaved timing, medians, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence


def machine() -> str:
    """The machine a figure came from: CPUs, Python, CPU model."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {model}"


def interleave(arms: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run each arm once per round, alternating which goes first; each returns a figure."""
    names = list(arms)
    figures: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds):
        for name in names if i % 2 == 0 else reversed(names):
            figures[name].append(arms[name]())
    return figures


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def per_call(
    fn: Callable[[], object], calls: int, clock: Callable[[], float] = time.thread_time
) -> float:
    """Seconds per call of ``fn`` over ``calls`` calls.

    The default clock is this thread's CPU time: on a shared machine, wall time
    mostly measures the neighbours.
    """
    start = clock()
    for _ in range(calls):
        fn()
    return (clock() - start) / calls


def verdict(label: str, figure: float, goal: float, unit: str = "") -> str:
    """The last line every script prints: figure, goal and whether it is met."""
    met = "MET" if figure <= goal else "MISSED"
    return f"{label}: {figure:.3g}{unit} (goal <= {goal:g}{unit}) {met}"

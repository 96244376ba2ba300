"""What installing the plugin adds to pytest's start-up.

Runs ``pytest --collect-only`` on an empty folder with the plugin (entry point
``fake_eni``) and with ``-p no:fake_eni``, interleaved, and reports the difference of
the medians: child CPU time (the goal) and wall time.

    python benchmarks/bench_startup.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import interleave, machine, median, verdict
from _subprocess import run

GOAL_MS = 10.0
NO_TESTS = 5  # pytest's exit code when it collects nothing


def main() -> None:
    """Print both medians and the difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    base = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def arm(extra: list[str]) -> tuple[float, float]:
            wall, cpu, _ = run([*base, *extra], folder, ok=(NO_TESTS,))
            return wall, cpu

        plugins = run([*base, "--trace-config"], folder, ok=(NO_TESTS,))[2]
        assert "pytest_fake_eni" in plugins, "the plugin is not installed"
        runs = interleave(
            {"plugin": lambda: arm([]), "no plugin": lambda: arm(["-p", "no:fake_eni"])},
            args.rounds,
        )
    added = {}
    for label, index in (("CPU", 1), ("wall", 0)):
        with_ms = median([r[index] for r in runs["plugin"]]) * 1e3
        without_ms = median([r[index] for r in runs["no plugin"]]) * 1e3
        pairs = zip(runs["plugin"], runs["no plugin"], strict=True)
        added[label] = median([(a[index] - b[index]) * 1e3 for a, b in pairs])
        print(
            f"{label:4}: with the plugin {with_ms:.1f} ms, with -p no:fake_eni {without_ms:.1f} ms;"
            f" added {added[label]:.1f} ms (median of {args.rounds} paired interleaved runs)"
        )
    print(f"importing pytest_fake_eni.plugin alone (pytest already loaded): {import_ms():.2f} ms")
    print(verdict("start-up added by the plugin (child CPU)", added["CPU"], GOAL_MS, " ms"))


def import_ms() -> float:
    """Median milliseconds to import the plugin module in a fresh interpreter, pytest loaded."""
    code = (
        "import time, pytest; t = time.perf_counter(); import pytest_fake_eni.plugin; "
        "print(time.perf_counter() - t)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(9)
    ]  # fmt: skip
    return median(times) * 1e3


if __name__ == "__main__":
    main()

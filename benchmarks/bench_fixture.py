"""What the ``fake_ecs`` fixture costs per test, in a real pytest run.

Generates a file of N tests that take ``fake_ecs`` (and make no call) and one of N
tests that do not, runs each with pytest in a subprocess, interleaved, and reports two
figures per test, each a difference of medians over the rounds:

- in-run (the goal's figure): a small plugin inside each run adds up the CPU time of
  every test's setup, call and teardown (garbage collection included) except the
  first, which pays the one-time imports; the figure is the median over the rounds of
  the difference between the two runs of a round, which ran back to back. Measured
  inside the run, it does not carry the noise of two whole-process times, each some
  2 s, on a shared machine.
- whole-run: the child's CPU time for all N tests, less the one-time cost measured
  apart with one-test files, over N - 1.

    python benchmarks/bench_fixture.py [--tests 500] [--rounds 9]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from _common import interleave, machine, median, verdict
from _subprocess import run

GOAL_MS = 0.5
WITH = "def test_{i}(fake_ecs):\n    assert fake_ecs.enis == []\n"
WITHOUT = "def test_{i}():\n    assert [] == []\n"
TIMER = """
import json, os, time
import pytest

_seconds = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start = time.process_time()
    yield
    _seconds.append(time.process_time() - start)


def pytest_unconfigure(config):
    with open(os.environ["BENCH_FIXTURE_OUT"], "w") as out:
        json.dump(_seconds, out)
"""


def main() -> None:
    """Print both per-test figures and the one-time cost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    sizes = {"with": (WITH, args.tests), "without": (WITHOUT, args.tests)}
    sizes |= {"with-1": (WITH, 1), "without-1": (WITHOUT, 1)}
    in_run: dict[str, list[float]] = {"with": [], "without": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "bench_fixture_timer.py").write_text(TIMER)
        for name, (template, count) in sizes.items():
            (root / name).mkdir()
            body = "\n\n".join(template.format(i=i) for i in range(count))
            (root / name / "test_generated.py").write_text(body + "\n")

        def arm(name: str) -> tuple[float, float]:
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            command += ["-p", "no:randomly", "-p", "bench_fixture_timer", "test_generated.py"]
            out_file = root / f"{name}.json"
            env = {"BENCH_FIXTURE_OUT": str(out_file), "PYTHONPATH": str(root)}
            wall, cpu, out = run(command, root / name, env=os.environ | env)
            assert f"{sizes[name][1]} passed" in out, out
            if name in in_run:
                seconds = json.loads(out_file.read_text())[1:]  # the first pays the imports
                in_run[name].append(sum(seconds) / len(seconds))
            return wall, cpu

        runs = interleave({name: lambda name=name: arm(name) for name in sizes}, args.rounds)

    def figure(name: str, index: int) -> float:
        return median([r[index] for r in runs[name]])

    for label, index in (("whole-run CPU", 1), ("whole-run wall", 0)):
        once = figure("with-1", index) - figure("without-1", index)
        total = figure("with", index) - figure("without", index)
        per_test = (total - once) / (args.tests - 1) * 1e3
        print(
            f"{label}: {args.tests} tests with fake_ecs {figure('with', index):.3f} s, "
            f"without {figure('without', index):.3f} s; one-time cost {once * 1e3:.0f} ms; "
            f"{per_test:.3f} ms per test"
        )
    with_ms, without_ms = (median(in_run[name]) * 1e3 for name in ("with", "without"))
    pairs = zip(in_run["with"], in_run["without"], strict=True)
    added_ms = median([(a - b) * 1e3 for a, b in pairs])
    print(
        f"in-run CPU: {with_ms:.3f} ms per test with fake_ecs, {without_ms:.3f} ms without "
        f"(tests 2..{args.tests}; medians of {args.rounds} interleaved runs); "
        f"paired difference {added_ms:.3f} ms"
    )
    print(verdict("fixture overhead per test (in-run CPU, paired)", added_ms, GOAL_MS, " ms"))


if __name__ == "__main__":
    main()

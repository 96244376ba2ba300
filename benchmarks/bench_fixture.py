"""What the ``fake_ecs`` fixture costs per test, in a real pytest run.

Generates files of N tests whose tests take ``fake_ecs`` (and make no call) or do
not, runs each with pytest in a subprocess, interleaved, and reports the per-test
difference of the medians: child CPU time (the goal) and wall time. The one-time
cost (importing pydantic, netaddr and responses on first use) is measured apart with
one-test files and taken out of the per-test figure.

    python benchmarks/bench_fixture.py [--tests 500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import interleave, machine, median, verdict
from _subprocess import run

GOAL_MS = 0.5
WITH = "def test_{i}(fake_ecs):\n    assert fake_ecs.enis == []\n"
WITHOUT = "def test_{i}():\n    assert [] == []\n"


def main() -> None:
    """Print the medians, the one-time cost and the per-test overhead."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    sizes = {"with": (WITH, args.tests), "without": (WITHOUT, args.tests)}
    sizes |= {"with-1": (WITH, 1), "without-1": (WITHOUT, 1)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, (template, count) in sizes.items():
            (root / name).mkdir()
            body = "\n\n".join(template.format(i=i) for i in range(count))
            (root / name / "test_generated.py").write_text(body + "\n")

        def arm(name: str) -> tuple[float, float]:
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            command += ["-p", "no:randomly", "test_generated.py"]
            wall, cpu, out = run(command, root / name)
            assert f"{sizes[name][1]} passed" in out, out
            return wall, cpu

        runs = interleave({name: lambda name=name: arm(name) for name in sizes}, args.rounds)

    def figure(name: str, index: int) -> float:
        return median([r[index] for r in runs[name]])

    per_test = {}
    for label, index in (("CPU", 1), ("wall", 0)):
        once = figure("with-1", index) - figure("without-1", index)
        total = figure("with", index) - figure("without", index)
        per_test[label] = (total - once) / (args.tests - 1) * 1e3
        print(
            f"{label:4}: {args.tests} tests with fake_ecs {figure('with', index):.3f} s, "
            f"without {figure('without', index):.3f} s; one-time cost {once * 1e3:.0f} ms; "
            f"{per_test[label]:.3f} ms per test (medians of {args.rounds} interleaved runs)"
        )
    print(verdict("fixture overhead per test (child CPU)", per_test["CPU"], GOAL_MS, " ms"))


if __name__ == "__main__":
    main()

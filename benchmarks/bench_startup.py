"""What installing the plugin adds to pytest's start-up.

Runs ``pytest --collect-only`` on an empty folder with the plugin (entry point
``fake_eni``) and with ``-p no:fake_eni``, interleaved, and reports the median of the
paired differences: child CPU time and wall time. On a shared machine a single run of
some 1.5 s varies by hundreds of milliseconds, so that figure cannot resolve 10 ms; the
goal's figure is measured where the plugin does its work instead:

- the plugin's import: a fresh interpreter with pytest loaded imports
  ``pytest_fake_eni.plugin`` (finding and compiling the source included), median of 9;
- its hooks in the run: ``pytest --collect-only`` under ``cProfile``, the time spent in
  the plugin's own functions (and what they call), median of 9. The profiler only adds
  time, so this is an upper bound.

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
        imported, hooks = import_ms(), hooks_ms(folder)
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
    print(f"importing pytest_fake_eni.plugin (pytest already loaded): {imported:.2f} ms")
    print(f"the plugin's hooks in a --collect-only run (cProfile, upper bound): {hooks:.2f} ms")
    print(
        verdict("start-up added by the plugin (import + hooks)", imported + hooks, GOAL_MS, " ms")
    )


HOOKS = """
import cProfile, contextlib, io, os, pstats, pytest
ours = lambda key: os.sep + "pytest_fake_eni" + os.sep in key[0]
profile = cProfile.Profile()
with contextlib.redirect_stdout(io.StringIO()):
    profile.runcall(pytest.main, ["--collect-only", "-q", "-p", "no:cacheprovider"])
print(sum(ct for key, (_, _, _, ct, callers) in pstats.Stats(profile).stats.items()
          if ours(key) and key[2] != "<module>" and not any(ours(c) for c in callers)))
"""


def hooks_ms(folder: Path) -> float:
    """Median milliseconds spent in the plugin's functions during ``--collect-only``."""
    times = [
        float(subprocess.run([sys.executable, "-c", HOOKS], cwd=folder, capture_output=True,
                             text=True, check=True).stdout)
        for _ in range(9)
    ]  # fmt: skip
    return median(times) * 1e3


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

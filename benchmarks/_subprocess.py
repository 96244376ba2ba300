"""Run a command in a subprocess and measure it: wall time and CPU time (user + sys)."""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def run(
    command: Sequence[str],
    cwd: Path,
    ok: tuple[int, ...] = (0,),
    env: Mapping[str, str] | None = None,
) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the child, and its output; raise on an exit not in ``ok``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return wall, cpu, done.stdout

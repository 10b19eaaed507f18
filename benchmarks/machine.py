"""A yardstick printed by every benchmark: how fast this machine starts a bare Python right now.

The machines these benchmarks run on are shared and their speed varies from minute to minute:
the same command can take twice as long an hour later. Each script prints this yardstick, measured
in the same run, so that its figures can be read against the machine's state at that moment
(on a quiet 2-core machine of this kind, a bare ``python -S -c pass`` takes about 0.02 s).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bare_python_start(runs: int = 10) -> float:
    """Median wall time of ``python -S -c pass``, in seconds."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-S", "-c", "pass"], check=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def print_yardstick() -> None:
    print(f"étalon machine : « python -S -c pass » en {bare_python_start():.3f} s (médiane de 10)")


def ccas_docs_command() -> list[str]:
    """``ccas-docs`` as installed for this interpreter (its venv's script), never a shell shim."""
    beside = Path(sys.executable).with_name("ccas-docs")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("ccas-docs")
    return [found] if found else [sys.executable, "-m", "ccas_docs.cli.main"]


def copy_project(parent: Path, completed: bool = False) -> Path:
    """A fresh copy of the shipped project in a new folder under ``parent``, without register or outputs
    (tests/shipped.py). ``completed`` fills every « À COMPLÉTER » and validates the drafted articles, as
    the legal service does before sealing (tests/completed.py).
    """
    sys.path.insert(0, str(ROOT / "tests"))
    from shipped import copy_shipped

    return copy_shipped(Path(tempfile.mkdtemp(prefix="projet-", dir=parent)), completed=completed)

"""Time ``ccas-docs invoice`` as a user runs it (a new process each time) and compare with the goals.

    python benchmarks/bench_invoice.py [--runs N]

Two jobs, each on a temporary copy of the shipped project with a fresh register every run:

- ``ccas-docs invoice --year 2025 --format json``: the ledger only (goal: 0,6 s);
- ``ccas-docs invoice --year 2025 --projet``: the draft on the shipped data (goal: 3 s);
- ``ccas-docs invoice --year 2025``: the whole invoice, DOCX, PDF/A-3 Factur-X, XLSX and CSV, and
  its register line, on a copy whose « À COMPLÉTER » values are filled in (``tests/completed.py``:
  issuing refuses placeholders) (goal: 3 s).

The figures are wall-clock seconds of the whole command, interpreter start included: the best and
the median of the runs, and the ratio best / goal (below 1 means the goal is met).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import ccas_docs_command, copy_project, print_yardstick  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"json": 0.6, "projet": 3.0, "documents": 3.0}


def command() -> list[str]:
    return ccas_docs_command()


def time_once(args: list[str], parent: Path) -> float:
    project = copy_project(parent, completed="--projet" not in args and "json" not in args)
    started = time.perf_counter()
    done = subprocess.run([*command(), *args, str(project)], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"échec de « ccas-docs {' '.join(args)} » :\n{done.stderr}")
    return elapsed


def main() -> None:
    print_yardstick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="nombre de mesures par commande (3 par défaut)")
    options = parser.parse_args()
    jobs = {
        "json": ["invoice", "--year", "2025", "--format", "json"],
        "projet": ["invoice", "--year", "2025", "--projet"],
        "documents": ["invoice", "--year", "2025"],
    }
    with tempfile.TemporaryDirectory(prefix="ccas-docs-bench-") as tmp:
        results = {name: [time_once(args, Path(tmp)) for _ in range(options.runs)] for name, args in jobs.items()}
    print(f"{'commande':<48} {'meilleur':>9} {'médiane':>9} {'objectif':>9} {'ratio':>6}")
    for name, args in jobs.items():
        times = results[name]
        best, median, goal = min(times), statistics.median(times), GOALS[name]
        verdict = "atteint" if best <= goal else "manqué"
        label = "ccas-docs " + " ".join(args)
        print(
            f"{label:<48} {best:>8.2f}s {median:>8.2f}s {goal:>8.2f}s {best / goal:>6.2f}  {verdict}".replace(".", ",")
        )


if __name__ == "__main__":
    main()

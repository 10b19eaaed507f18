"""Start-up time of the command line, as the user feels it: a fresh process each time.

Measures ``ccas-docs --help`` and ``ccas-docs check`` on the shipped convention, N runs each, and
prints the median and the minimum against the goals (0.3 s and 0.6 s). Not a test: timings depend
on the machine; run it by hand or from CI and read the ratios.

    python benchmarks/bench_startup.py [--runs 10] [--projet .]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import ccas_docs_command, print_yardstick  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"--help": 0.3, "check": 0.6}


def command() -> list[str]:
    return ccas_docs_command()


def time_runs(args: list[str], runs: int, expected: tuple[int, ...]) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True, cwd=ROOT)
        timings.append(time.perf_counter() - start)
        if done.returncode not in expected:
            sys.exit(f"{' '.join(args)} : code de sortie {done.returncode}\n{done.stderr.decode()}")
    return timings


def main() -> None:
    print_yardstick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="exécutions par commande (défaut : 10)")
    parser.add_argument("--projet", type=Path, default=ROOT, help="dossier de la convention (défaut : le dépôt)")
    options = parser.parse_args()
    base = command()
    jobs = {
        "--help": ([*base, "--help"], (0,)),
        "check": ([*base, "check", str(options.projet)], (0,)),
    }
    subprocess.run(jobs["--help"][0], capture_output=True)  # warm the file cache once
    print(f"ccas-docs : {options.runs} exécutions par commande ({' '.join(base)})")
    print(f"{'commande':<10} {'médiane':>9} {'min':>9} {'objectif':>9} {'ratio':>7}")
    worst = 0.0
    for name, (args, expected) in jobs.items():
        timings = time_runs(args, options.runs, expected)
        median, best, goal = statistics.median(timings), min(timings), GOALS[name]
        worst = max(worst, median / goal)
        print(f"{name:<10} {median:>8.3f}s {best:>8.3f}s {goal:>8.1f}s {median / goal:>6.2f}×")
    print("objectifs tenus" if worst <= 1 else "objectif dépassé (ratio > 1)")


if __name__ == "__main__":
    main()

"""Time seal + sign two fields + verify of the whole convention, as a user runs them (four processes).

    python benchmarks/bench_sign.py [--runs N]

Each run takes a fresh copy of the shipped project with every « À COMPLÉTER » filled in
(tests/completed.py) and a throw-away certification authority (tests/pki.py), then runs
``ccas-docs seal``, ``sign --champ maire``, ``sign --champ ccas`` and ``verify`` on the doubly
signed file. Goal: the four commands together in under 5 s wall-clock. Printed: the best and the
median total of the runs, each step of the best run with the CPU time it used (user + system, its
layout worker included), and the ratio best / goal (below 1: met).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import ccas_docs_command, copy_project, print_yardstick  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from pki import PASSWORD, TestCA  # noqa: E402

GOAL = 5.0
FOLDER = "signatures/convention-originale"


def _children_cpu() -> float:
    """User + system CPU seconds of the finished child processes (layout workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(parent: Path) -> dict[str, float]:
    project = copy_project(parent, completed=True)
    ca = TestCA.create(project / "pki")
    (project / "signatures/confiance").mkdir(parents=True)
    shutil.copy(ca.pem, project / "signatures/confiance/ac.pem")
    maire, ccas = ca.signer("Paul Santini", "maire.p12"), ca.signer("Marie Orsini", "ccas.p12")
    env = {**os.environ, "CCAS_DOCS_P12_PASSWORD": PASSWORD}
    steps = {
        "seal": ["seal"],
        "sign maire": ["sign", f"{FOLDER}/convention.pdf", "--champ", "maire", "--p12", str(maire)],
        "sign ccas": ["sign", f"{FOLDER}/convention.signe-maire.pdf", "--champ", "ccas", "--p12", str(ccas)],
        "verify": ["verify", f"{FOLDER}/convention.signe-maire-ccas.pdf"],
    }
    times = {}
    for name, args in steps.items():
        started, cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run([*ccas_docs_command(), *args], cwd=project, env=env, capture_output=True, text=True)
        times[name] = time.perf_counter() - started
        times[f"{name} (CPU)"] = _children_cpu() - cpu
        if done.returncode != 0:
            sys.exit(f"échec de « ccas-docs {' '.join(args)} » :\n{done.stdout}{done.stderr}")
    return times


def main() -> None:
    print_yardstick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="nombre de mesures (3 par défaut)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ccas-docs-bench-") as tmp:
        runs = [run_once(Path(tmp)) for _ in range(options.runs)]
    totals = [sum(v for k, v in r.items() if not k.endswith("(CPU)")) for r in runs]
    best_run = runs[totals.index(min(totals))]
    for name, seconds in best_run.items():
        if not name.endswith("(CPU)"):
            cpu = best_run[f"{name} (CPU)"]
            print(f"  ccas-docs {name:<12} {seconds:>6.2f}s   (CPU {cpu:.2f}s)".replace(".", ","))
    cpu_total = sum(v for k, v in best_run.items() if k.endswith("(CPU)"))
    print(f"  CPU consommé (tous processus) : {cpu_total:.2f}s".replace(".", ","))
    print("  (sur une machine chargée, le temps mur dépasse ce CPU : comparer avec l'étalon ci-dessus)")
    best, median = min(totals), statistics.median(totals)
    verdict = "atteint" if best <= GOAL else "manqué"
    label = "seal + sign ×2 + verify"
    print(f"{'commandes':<26} {'meilleur':>9} {'médiane':>9} {'objectif':>9} {'ratio':>6}")
    print(f"{label:<26} {best:>8.2f}s {median:>8.2f}s {GOAL:>8.2f}s {best / GOAL:>6.2f}  {verdict}".replace(".", ","))


if __name__ == "__main__":
    main()

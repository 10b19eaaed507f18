"""``ccas-docs build`` as the user runs it: a full build, a no-op rebuild, the peak memory, and the
LibreOffice engine against WeasyPrint.

Works on a temporary copy of the project (convention.yaml, services.yaml, annexes/, templates/), each
command a fresh process; wall times. The peak memory is ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the
largest resident set of any finished descendant (the command, its WeasyPrint workers, soffice), not
the sum of the processes running at once. Not a test: timings depend on the machine (and on whatever
else it runs); run it by hand and read the ratios.

    python benchmarks/bench_build.py [--runs 1] [--projet .]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import ccas_docs_command, print_yardstick  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("convention.yaml", "services.yaml")
PROJECT_DIRS = ("annexes", "templates", "avenants")
GOALS = {"full": 4.0, "noop": 0.5, "memory": 400.0}  # seconds, seconds, MB


def command() -> list[str]:
    return ccas_docs_command()


def copy_project(source: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(source / name, dest / name)
    for name in PROJECT_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
    return dest


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    """Wall time of one run, and its stderr; a failure stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} : code de sortie {done.returncode}\n{done.stderr}")
    return elapsed, done.stderr.strip().splitlines()[-1]


def peak_mb() -> float:
    """The largest resident set of the finished child processes so far (Linux: KiB), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def line(name: str, value: float, unit: str, goal: float | None = None) -> str:
    shown = f"{value:8.2f} {unit:<2}"
    if goal is None:
        return f"{name:<36} {shown}"
    verdict = "tenu" if value <= goal else "DÉPASSÉ"
    return f"{name:<36} {shown}   objectif < {goal:g} {unit}   ratio {value / goal:5.2f}×   {verdict}"


def main() -> None:
    print_yardstick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="builds complets par moteur (médiane ; défaut : 1)")
    parser.add_argument("--projet", type=Path, default=ROOT, help="dossier de la convention (défaut : le dépôt)")
    options = parser.parse_args()
    base = command()

    with tempfile.TemporaryDirectory(prefix="ccas-docs-bench-") as tmp:
        project = copy_project(options.projet, Path(tmp) / "projet")
        build = [*base, "build", str(project)]
        print(f"ccas-docs build sur une copie de {options.projet} ({' '.join(base)}), {options.runs} exécution(s)")

        weasy = []
        for _ in range(options.runs):
            seconds, summary = timed([*build, "--force"], project)
            weasy.append(seconds)
        noop, noop_summary = timed(build, project)
        weasy_peak = peak_mb()

        libre = []
        if shutil.which("soffice") or shutil.which("libreoffice"):
            for _ in range(options.runs):
                seconds, _ = timed([*build, "--force", "--pdf-engine", "libreoffice"], project)
                libre.append(seconds)
        overall_peak = peak_mb()

    full = statistics.median(weasy)
    print(f"  build complet : {summary} ; reconstruction : {noop_summary}")
    print(line("build complet, WeasyPrint", full, "s", GOALS["full"]))
    print(line("reconstruction sans changement", noop, "s", GOALS["noop"]))
    print(line("mémoire de pointe (WeasyPrint)", weasy_peak, "MB", GOALS["memory"]))
    verdicts = [full <= GOALS["full"], noop <= GOALS["noop"], weasy_peak <= GOALS["memory"]]
    if libre:
        lo = statistics.median(libre)
        print(line("build complet, LibreOffice", lo, "s"))
        print(line("mémoire de pointe (tous les builds)", overall_peak, "MB"))
        print(f"{'ratio LibreOffice / WeasyPrint':<36} {lo / full:8.2f} ×")
    else:
        print("LibreOffice (soffice) absent : moteur libreoffice non mesuré")
    print("objectifs tenus" if all(verdicts) else "objectif dépassé (ratio > 1)")


if __name__ == "__main__":
    main()

"""Time and memory of each refusal of an input past its bound (README « Limites »): goal < 2 s, < 100 MB.

    python benchmarks/bench_bounds.py

Each case breaks a fresh copy of the shipped project the way a hostile user did (a 55 MB YAML
file, a 900 kB paragraph, 1000 nested « [ », 80 nested parentheses, ``--frais /dev/zero``, a FIFO,
an 11 MB CSV, an XLSX that unzips to 60 MB, a 5000-digit number, a 13-digit amount), runs the
command in a new process as the user would, and prints the wall-clock seconds (best of three runs) and
the peak resident memory of that process, with its exit code (1: refused with a message). The
first line, the shipped project accepted by ``check``, is the reference: a refusal should cost no
more than reading the project.
Figures, not assertions: the tests check the messages, this script the cost of giving them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from machine import ccas_docs_command, copy_project, print_yardstick  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS, GOAL_MB = 2.0, 100.0
RUNS = 3
DGA = "annexes/dga.yaml"
ANCHOR = '      - paragraphe: "Ses missions portent sur :"\n'


def append(rel: str, text: str) -> Callable[[Path], list[str]]:
    def run(root: Path) -> list[str]:
        with (root / rel).open("a", encoding="utf-8") as handle:
            handle.write(text)
        return ["check", str(root)]

    return run


def paragraph(text: str) -> Callable[[Path], list[str]]:
    def run(root: Path) -> list[str]:
        path = root / DGA
        path.write_text(path.read_text(encoding="utf-8").replace(ANCHOR, f'      - paragraphe: "{text}"\n' + ANCHOR))
        return ["check", str(root)]

    return run


def invoice(extra: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    return lambda root: ["invoice", str(root), "--year", "2025", "--format", "json", *extra(root)]


def fifo(root: Path) -> list[str]:
    os.mkfifo(root / "frais.csv")
    return ["--frais", str(root / "frais.csv")]


def big_csv(root: Path) -> list[str]:
    (root / "data/frais/2025.csv").write_bytes(b"x;" * 5_550_000)
    return []


def huge_amount(root: Path) -> list[str]:
    path = root / "data/frais/2025.csv"
    header, first, *_ = path.read_text(encoding="utf-8-sig").splitlines()
    cells = first.split(";")
    cells[4] = "1234567890123,00"
    path.write_text(f"{header}\n{';'.join(cells)}\n", encoding="utf-8")
    return []


def xlsx_bomb(root: Path) -> list[str]:
    with zipfile.ZipFile(root / "charges.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 60_000_000)
    return ["--charges", str(root / "charges.xlsx")]


CASES: list[tuple[str, Callable[[Path], list[str]]]] = [
    ("(référence : check accepté)", lambda root: ["check", str(root)]),
    ("YAML de 55 Mo", append(DGA, "# " + "x" * 55_000_000 + "\n")),
    ("paragraphe de 900 ko", paragraph("mot " * 225_000)),
    ("1000 « [ » imbriqués", append(DGA, "x: " + "[" * 1000 + "]" * 1000 + "\n")),
    ("80 parenthèses dans {{ }}", paragraph("{{ " + "(" * 80 + "ville" + ")" * 80 + " }}")),
    ("nombre de 5000 chiffres", append(DGA, "x: " + "9" * 5000 + "\n")),
    ("--frais /dev/zero", invoice(lambda root: ["--frais", "/dev/zero"])),
    ("--frais FIFO", invoice(fifo)),
    ("CSV de frais de 11 Mo", invoice(lambda root: big_csv(root))),
    ("XLSX de 60 Mo décompressé", invoice(xlsx_bomb)),
    ("montant de 13 chiffres", invoice(huge_amount)),
]


# a small Python process runs the command and reports its child's peak memory: measured from this
# script, the child would count, until its exec, the pages of this process (the big inputs built here)
WRAPPER = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def measure(command: list[str]) -> tuple[float, float, int, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kb, code = done.stdout.split()
    first = next((line for line in done.stderr.splitlines() if "erreur" in line), done.stderr.strip()[:100])
    return seconds, int(peak_kb) / 1024, int(code), first


def main() -> None:
    print_yardstick()
    print(f"{'refus':<28} {'secondes':>8} {'Mo':>6} code  message")
    with tempfile.TemporaryDirectory() as tmp:
        for name, prepare in CASES:
            root = copy_project(Path(tmp))
            command = [*ccas_docs_command(), *prepare(root)]
            runs = [measure(command) for _ in range(RUNS)]  # the best run: shared machines vary
            seconds, mb, code, message = min(runs)
            expected = 0 if name.startswith("(") else 1  # the reference is accepted, every other case refused
            ok = "ok" if seconds < GOAL_SECONDS and mb < GOAL_MB and code == expected else "HORS OBJECTIF"
            print(f"{name:<28} {seconds:8.2f} {mb:6.0f} {code:>4}  {ok}  {message[:90]}")
            shutil.rmtree(root)


if __name__ == "__main__":
    main()

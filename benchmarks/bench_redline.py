"""``ccas-docs redline`` across ten avenants: consolidate them and write the redline DOCX (goal < 2 s wall).

Works on a temporary copy of the project with ten avenants (a rate, an alinéa added to an article,
an article inserted, each month of 2025), then times, each command a fresh process:

- ``ccas-docs redline --from 2025-01-01 --to 2025-12-31`` (every avenant consolidated, the two
  versions composed and compared, one DOCX with every revision);
- ``ccas-docs build --at 2025-12-31 --force`` (the plain build of the same version: DOCX, HTML, PDF);

and, in this process, the redline DOCX against the plain DOCX of the same consolidated convention
(the same document written without the diff). Not a test: timings depend on the machine; read the ratios.

    python benchmarks/bench_redline.py [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import copy_project, line  # benchmarks/, beside this script
from machine import ccas_docs_command, print_yardstick

ROOT = Path(__file__).resolve().parents[1]
GOAL = 2.0  # seconds, wall
FICHES = ("dga", "finances", "numerique", "rh", "administration-generale", "technique", "communication")

AVENANT = """numero: {n}
titre: Avenant n° {n} à la convention de mutualisation de services
objet: Un avenant de mesure.
deliberations:
  ville: {{organe: Conseil municipal, numero: À COMPLÉTER (n°), date: À COMPLÉTER (date)}}
  ccas: {{organe: Conseil d'administration du CCAS, numero: À COMPLÉTER (n°), date: À COMPLÉTER (date)}}
date_signature: 2025-01-01
date_effet: {effet}
modifications:
  - parametre: {{fiche: {fiche}, champ: taux, valeur: "{taux} %"}}
  - completer:
      cible: litiges
      element: {{paragraphe: "Alinéa ajouté par l'avenant n° {n}."}}
  - inserer:
      apres: duree
      element:
        id: mesure-{n}
        titre: Article de mesure {n}
        contenu:
          - paragraphe: "Un article inséré par l'avenant n° {n}, qui décale la numérotation des suivants."
"""


def ten_avenants(project: Path) -> dt.date:
    """Write avenants 1 to 10 (one a month from February 2025) and list them; return the last effective date."""
    (project / "avenants").mkdir(exist_ok=True)
    for old in (project / "avenants").glob("*.yaml"):
        old.unlink()
    names = []
    for n in range(1, 11):
        effet = dt.date(2025, n + 1, 1)
        name = f"avenants/{n:03d}-mesure.yaml"
        text = AVENANT.format(n=n, effet=effet.isoformat(), fiche=FICHES[n % len(FICHES)], taux=n % 9 + 1)
        (project / name).write_text(text, encoding="utf-8")
        names.append(name)
    conv = (project / "convention.yaml").read_text(encoding="utf-8")
    conv = conv[: conv.index("\navenants:")] + "\navenants:\n" + "".join(f"  - {n}\n" for n in names)
    (project / "convention.yaml").write_text(conv, encoding="utf-8")
    return dt.date(2025, 11, 1)


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} : code de sortie {done.returncode}\n{done.stderr}")
    return elapsed


def in_process(project: Path, end: dt.date, runs: int) -> tuple[float, float, int]:
    """Median seconds of the redline DOCX and of the plain DOCX of the same version, and the revisions."""
    from ccas_docs.compose.convention import compose_convention, consolidation_line
    from ccas_docs.compose.redline import compose_redline
    from ccas_docs.model.numbering import number_project
    from ccas_docs.model.project import load_project
    from ccas_docs.versions.consolidate import consolidate
    from ccas_docs.writers.docx import render_docx

    template = project / "templates" / "convention.docx"
    redlines, plains = [], []
    data = b""
    for _ in range(runs):
        start = time.perf_counter()
        loaded = load_project(project)
        before, after = consolidate(loaded, dt.date(2025, 1, 1)), consolidate(loaded, end)
        lines = (consolidation_line(dt.date(2025, 1, 1), ()), consolidation_line(end, after.avenants))
        data = render_docx(compose_redline(before, after, "redline", lines), template)
        redlines.append(time.perf_counter() - start)
        start = time.perf_counter()
        loaded = load_project(project)
        after = consolidate(loaded, end)
        render_docx(compose_convention(after.project, number_project(after.project), lines[1]), template)
        plains.append(time.perf_counter() - start)
    from ccas_docs.jobs.redline import data_revisions

    revisions = data_revisions(data)
    return statistics.median(redlines), statistics.median(plains), revisions


def main() -> None:
    print_yardstick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="exécutions (médiane ; défaut : 3)")
    options = parser.parse_args()
    base = ccas_docs_command()
    with tempfile.TemporaryDirectory(prefix="ccas-docs-bench-") as tmp:
        project = copy_project(ROOT, Path(tmp) / "projet")
        end = ten_avenants(project)
        out = Path(tmp) / "sortie"
        redline = [*base, "redline", str(project), "--from", "2025-01-01", "--to", end.isoformat(), "-o", str(out)]
        build = [*base, "build", str(project), "--at", end.isoformat(), "--force", "-o", str(out)]
        commands = [wall(redline) for _ in range(options.runs)]
        plain_build = wall(build)
        redline_docx, plain_docx, revisions = in_process(project, end, options.runs)
    cmd = statistics.median(commands)
    print(f"dix avenants consolidés, {revisions} révisions Word dans le redline ({options.runs} exécution(s))")
    print(line("ccas-docs redline (processus neuf)", cmd, "s", GOAL))
    print(line("ccas-docs build --at, même version", plain_build, "s"))
    print(f"{'ratio redline / build --at':<36} {cmd / plain_build:8.2f} ×")
    print(line("redline DOCX, dans le processus", redline_docx, "s"))
    print(line("DOCX simple de la même version", plain_docx, "s"))
    print(f"{'ratio redline / DOCX simple':<36} {redline_docx / plain_docx:8.2f} ×")
    print("objectif tenu" if cmd <= GOAL else "objectif dépassé (ratio > 1)")


if __name__ == "__main__":
    main()

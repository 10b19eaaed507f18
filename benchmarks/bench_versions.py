"""Avenants: consolidating ten of them, and ``ccas-docs check`` on a convention amended ten times.

Copies the shipped project into a temporary folder, replaces its avenants by ten generated ones
(rates, billed services, a duration, replaced words, inserted, completed, replaced and deleted
paragraphs and articles, an added annex), then measures:

- the consolidation of the eleven versions, in process (``versions_of`` on a freshly loaded project);
- ``ccas-docs check`` in a fresh process, with the ten avenants and without any (the ratio is what
  the avenants cost), against the goal of 0.8 s.

Not a test: timings depend on the machine; run it by hand and read the figures.

    python benchmarks/bench_versions.py [--runs 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import ccas_docs_command, print_yardstick  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
GOAL_CHECK = 0.8

HEADER = """numero: {n}
titre: Avenant n° {n} à la convention de mutualisation de services
objet: Avenant de mesure n° {n}.
deliberations:
  ville: {{organe: Conseil municipal, numero: "2025-{n:03d}", date: 2025-01-01}}
  ccas: {{organe: Conseil d'administration du CCAS, numero: "CA-{n:03d}", date: 2025-01-01}}
date_signature: 2025-01-01
date_effet: {date}
modifications:
"""

CHANGES = [
    '  - parametre: {fiche: rh, champ: taux, valeur: "4 %"}\n'
    "  - remplacer_mots: {cible: rh/prestation/prises-decision-relevent-neanmoins-competence-ccas, "
    "mots: relèvent néanmoins, par: relèvent toujours}\n",
    "  - parametre: {fiche: dga, champ: services, valeur: [DGA-PR]}\n",
    "  - inserer:\n      apres: duree\n      element:\n        id: reconduction\n        titre: Reconduction\n"
    "        contenu: [{paragraphe: La convention n'est pas reconduite tacitement.}]\n",
    "  - completer: {cible: litiges, element: {paragraphe: La partie la plus diligente saisit le tribunal.}}\n",
    '  - parametre: {fiche: finances, champ: taux, valeur: "4,5 %"}\n'
    "  - convention: {champ: tribunal, valeur: tribunal administratif de Bastia (Corse)}\n",
    "  - remplacer:\n      cible: reconduction\n      par:\n        titre: Reconduction expresse\n"
    "        contenu: [{paragraphe: La convention peut être reconduite par décision expresse.}]\n",
    "  - convention: {champ: duree_ans, valeur: 4}\n",
    "  - partie: {partie: ccas, champ: representant.nom, valeur: Mme Marie Santoni}\n"
    "  - inserer: {avant: rh/prestation/prises-decision-relevent-neanmoins-competence-ccas, "
    "element: {paragraphe: Le CCAS reste maître de ses décisions.}}\n",
    "  - ajouter_annexe:\n      apres: communication\n      fiche:\n        id: evenementiel\n"
    "        titre: Fonction événementielle\n        direction: communication\n        sections:\n"
    "          - id: prestation\n            titre: Contenu de la prestation assurée\n"
    "            contenu: [{paragraphe: Le pôle événementiel prête le matériel des manifestations.}]\n"
    '        facturation: {taux: "1 %", services: COM, imputation: "70841"}\n',
    '  - parametre: {fiche: rh, champ: taux, valeur: "3 %"}\n  - supprimer: {cible: reconduction}\n',
]
DATES = [
    "2025-03-01",
    "2025-07-01",
    "2025-10-01",
    "2026-01-01",
    "2026-04-01",
    "2026-07-01",
    "2026-10-01",
    "2027-01-01",
    "2027-06-01",
    "2028-01-01",
]


def make_project(folder: Path, avenants: bool) -> Path:
    for name in ("convention.yaml", "services.yaml"):
        shutil.copy2(ROOT / name, folder / name)
    for name in ("annexes", "schema"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "avenants").mkdir()
    conv = (folder / "convention.yaml").read_text(encoding="utf-8")
    head = conv[: conv.index("\navenants:")]
    listed = []
    if avenants:
        for n, (date, changes) in enumerate(zip(DATES, CHANGES, strict=True), start=1):
            rel = f"avenants/{n:03d}-mesure.yaml"
            (folder / rel).write_text(HEADER.format(n=n, date=date) + changes, encoding="utf-8")
            listed.append(f"  - {rel}")
    text = head + ("\navenants:\n" + "\n".join(listed) + "\n" if listed else "\navenants: []\n")
    (folder / "convention.yaml").write_text(text, encoding="utf-8")
    return folder


def consolidate_once(root: Path) -> tuple[float, int]:
    from ccas_docs.model.project import load_project
    from ccas_docs.versions.consolidate import versions_of

    project = load_project(root)
    start = time.perf_counter()
    versions = versions_of(project)
    return time.perf_counter() - start, len(versions)


def check_runs(root: Path, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([*ccas_docs_command(), "check", str(root)], capture_output=True)
        timings.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"ccas-docs check {root} : code {done.returncode}\n{done.stderr.decode()}")
    return timings


def main() -> None:
    print_yardstick()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="exécutions par mesure (défaut : 7)")
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "avec").mkdir()
        (Path(tmp) / "sans").mkdir()
        amended = make_project(Path(tmp) / "avec", avenants=True)
        plain = make_project(Path(tmp) / "sans", avenants=False)
        consolidations = [consolidate_once(amended) for _ in range(options.runs)]
        seconds = statistics.median(t for t, _ in consolidations)
        print(
            f"consolidation de {consolidations[0][1] - 1} avenants ({consolidations[0][1]} versions) : "
            f"{seconds * 1000:.1f} ms (médiane de {options.runs}, en processus)"
        )
        with_avenants = statistics.median(check_runs(amended, options.runs))
        without = statistics.median(check_runs(plain, options.runs))
        print(f"{'commande':<28} {'médiane':>9} {'objectif':>9}")
        print(f"{'check (sans avenant)':<28} {without:>8.3f}s {'':>9}")
        print(f"{'check (dix avenants)':<28} {with_avenants:>8.3f}s {GOAL_CHECK:>8.1f}s")
        print(f"coût des dix avenants : ×{with_avenants / without:.2f} par rapport au check simple")
        print("objectif tenu" if with_avenants <= GOAL_CHECK else "objectif dépassé")


if __name__ == "__main__":
    main()

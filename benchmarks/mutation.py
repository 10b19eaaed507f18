"""Mutation testing of the modules where a silent bug costs money or validity. Not in CI (too slow).

mutmut (3.x) changes the code one small thing at a time (``<`` into ``<=``, ``+`` into ``-``, a
string into another, a call dropped…) and runs the tests that exercise the changed function: a
mutant that no test notices is a bug the suite would let through. Run it before saying that a
money- or signature-related issue is resolved, and put the printed scores in the closing note.

    python benchmarks/mutation.py                 # every module below that exists, one at a time
    python benchmarks/mutation.py fr prose        # only these
    python benchmarks/mutation.py --list          # the modules, their files and test selections
    python benchmarks/mutation.py ledger --show   # also the diff of every surviving mutant
    python benchmarks/mutation.py ledger --again  # after adding tests: re-run only the survivors

Each module is run in its own copy of the repository (``build/mutation/<module>/``, where mutmut
makes its ``mutants/`` folder), with ``[tool.mutmut]`` of pyproject.toml narrowed to the module's
files and to the smallest test selection that covers them, and ``--max-children`` workers (default
1: the machine is shared). The score is killed / (mutants − equivalent), timeouts counting as
killed; an equivalent mutant (one that cannot change any result) is listed in :data:`EQUIVALENT`
with the reason, by hand, after reading it with ``--show``. Goal: 95 % per module. Exit code 1 when
a module is under the goal.

``--again`` re-runs only the survivors of the module's last run (its copy is kept, brought up to
date with the new tests), the others keeping their verdict: a quick check after adding tests,
refused when the module's own code changed. The score to report comes from a full run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from mutation_equivalents import EQUIVALENT  # beside this script

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
GOAL = 95.0
# what the tests read besides the package and the tests themselves (the shipped project)
ALSO_COPY = ("convention.yaml", "services.yaml", "annexes", "avenants", "data", "templates", "schema", "tools")


@dataclass(frozen=True)
class Target:
    files: tuple[str, ...]  # the module's files (glob patterns allowed)
    tests: tuple[str, ...]  # the smallest test selection that covers them (pytest arguments)


MODULES: dict[str, Target] = {
    "ledger": Target(
        ("ccas_docs/billing/ledger.py",),
        (
            "tests/test_billing_ledger.py",
            "tests/test_billing_inputs.py",
            "tests/test_billing_prorata.py",
            "tests/test_ledger_*.py",
        ),
    ),
    "fr": Target(("ccas_docs/common/fr.py",), ("tests/test_fr.py", "tests/test_amount_words.py")),
    # the register mechanism: hash chain, head, cells, issued files. tests/test_register_concurrency.py
    # is left out: its real processes racing take two minutes, which every surviving mutant would
    # pay; the lock it relies on is proved by test_registry_chain (two writers, a killed holder).
    # tests/test_register_tamper.py too: its fixtures issue invoices and seal the convention (30 s),
    # paid again by each of the hundreds of mutants the register's every read reaches; its
    # messages are asserted in process by test_registry_head_messages and test_registry_mutants.
    "registry": Target(
        (
            "ccas_docs/registry/chain.py",
            "ccas_docs/registry/head.py",
            "ccas_docs/registry/cells.py",
            "ccas_docs/registry/issued.py",
        ),
        ("tests/test_registry_*.py", "tests/test_billing_register.py"),
    ),
    # the invoices' register: numbering per year of issue, corrections, titres. The tests that issue
    # real documents (tests/test_invoice_sequences.py, tests/test_invoice_issue.py: 25 s together) are
    # left out: every surviving mutant of a function they reach paid them, over two hours for the
    # 1141 mutants; tests/test_invoices_*.py check the same rules on registers written line by line.
    "invoices": Target(
        ("ccas_docs/registry/invoices.py", "ccas_docs/registry/invoice_plans.py", "ccas_docs/registry/titres.py"),
        ("tests/test_billing_register.py", "tests/test_invoices_*.py"),
    ),
    "prose": Target(("ccas_docs/model/prose.py",), ("tests/test_bad_prose.py", "tests/test_prose.py")),
    # the consolidation: avenants applied in order (consolidate) and each change applied (apply)
    "versions": Target(
        ("ccas_docs/versions/consolidate.py", "ccas_docs/versions/apply.py"),
        ("tests/test_versions*.py", "tests/test_avenant*.py", "tests/test_build_at.py"),
    ),
    # the redline: the two trees compared (document/redline.py) and written as w:ins / w:del
    "redline": Target(
        ("ccas_docs/document/redline.py", "ccas_docs/writers/docx/revisions.py"),
        ("tests/test_redline*.py", "tests/test_revisions*.py"),
    ),
}

VERDICTS = "verdicts.json"  # every mutant's status after the last run, full or --again
KILLED = {"killed", "timeout", "caught by type check"}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout"}
STATUS |= {37: "caught by type check", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout"}


def existing(patterns: tuple[str, ...], root: Path = ROOT) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        found += sorted(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.name != "__init__.py")
    return found


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def _listed() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [rel for rel in listed if (ROOT / rel).is_file() and not rel.startswith("build/")]


def prepare(name: str, target: Target, again: bool = False) -> Path:
    """A copy of the tracked (and new, not ignored) files, configured for this module: a fresh one,
    or with ``again`` the previous run's copy brought up to date (mutmut keeps its results)."""
    work = WORK / name
    if not again:
        shutil.rmtree(work, ignore_errors=True)
    for rel in _listed():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, work / rel)
    tests = existing(target.tests, work)
    pyproject = work / "pyproject.toml"
    text = re.sub(r"\n\[tool\.mutmut\]\n(?:(?!\n\[).)*", "\n", pyproject.read_text(encoding="utf-8"), flags=re.S)
    also = [p for p in ALSO_COPY if (work / p).exists()]
    text += (
        "\n[tool.mutmut]\n"
        'source_paths = ["ccas_docs"]\n'
        f"only_mutate = {_toml_list(existing(target.files, work))}\n"
        f"also_copy = {_toml_list(also)}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
        "use_git_change_detection = false\n"
    )
    pyproject.write_text(text, encoding="utf-8")
    return work


def previous_survivors(name: str, files: list[str]) -> tuple[dict[str, str], list[str]]:
    """The statuses of the module's last run and its survivors, for ``--again``; refused when there
    is no such run or when the module's code changed since (mutmut's numbering may have moved)."""
    work = WORK / name
    # after an --again, mutmut's own files hold only the mutants it re-ran: the merged verdicts are kept
    merged = work / VERDICTS
    statuses = json.loads(merged.read_text(encoding="utf-8")) if merged.exists() else results(work, files)
    if not statuses:
        sys.exit(f"{name} : aucune exécution précédente dans {work} : lancer d'abord sans --again")
    changed = [f for f in files if not (work / f).is_file() or (work / f).read_bytes() != (ROOT / f).read_bytes()]
    if changed:
        sys.exit(f"{name} : {', '.join(changed)} a changé depuis la dernière exécution : relancer sans --again")
    return statuses, sorted(k for k, s in statuses.items() if s not in KILLED)


def results(work: Path, files: list[str]) -> dict[str, str]:
    """Mutant name → status, from mutmut's ``mutants/<file>.meta``."""
    out: dict[str, str] = {}
    for rel in files:
        meta = work / "mutants" / f"{rel}.meta"
        if meta.exists():
            for key, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
                out[key] = STATUS.get(code, "suspicious") if code is not None else "not checked"
    return out


def run(
    name: str, target: Target, children: int, show: bool, again: bool = False
) -> tuple[str, Counter[str], float | None, list[str]]:
    files = existing(target.files)
    if not files:
        return name, Counter(), None, []
    before, rerun = previous_survivors(name, files) if again else ({}, [])
    work = prepare(name, target, again)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    started = time.perf_counter()
    log = work / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *rerun],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    seconds = time.perf_counter() - started
    statuses = results(work, files)
    if again:  # a changed configuration makes mutmut forget the others: they were killed before
        statuses = before | {k: statuses.get(k, "not checked") for k in rerun}
    (work / VERDICTS).write_text(json.dumps(statuses, indent=0, sort_keys=True), encoding="utf-8")
    if done.returncode != 0 or not statuses:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"{name} : mutmut a échoué (code {done.returncode}), journal {log} :\n{tail}")
    counts = Counter(statuses.values())

    def diff(key: str) -> str:
        shown = subprocess.run(
            [sys.executable, "-m", "mutmut", "show", key], cwd=work, env=env, capture_output=True, text=True
        )
        return shown.stdout.strip()

    survivors = []
    for key in sorted(k for k, s in statuses.items() if s not in KILLED):
        if key in EQUIVALENT and any(
            line.startswith("+") and EQUIVALENT[key][0] in line for line in diff(key).splitlines()
        ):
            counts["equivalent"] += 1
        else:
            survivors.append(key)
            if show:
                print(f"--- {key} ({statuses[key]})\n{diff(key)}\n")
    print(f"  {name} : {len(statuses)} mutants en {seconds:.0f} s", file=sys.stderr)
    return name, counts, seconds, survivors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(MODULES))
    parser.add_argument("--max-children", type=int, default=1, help="workers of mutmut (default 1)")
    parser.add_argument("--show", action="store_true", help="print the diff of every surviving mutant")
    parser.add_argument("--list", action="store_true", help="the modules, their files and test selections")
    parser.add_argument(
        "--again",
        action="store_true",
        help="re-run only the last run's survivors, after adding tests (the module's code unchanged)",
    )
    args = parser.parse_args()
    names = args.modules or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        parser.error(f"module inconnu : {', '.join(unknown)} (connus : {', '.join(MODULES)})")
    if args.list:
        for name in names:
            target = MODULES[name]
            print(f"{name}: {' '.join(existing(target.files)) or '(absent)'} ← {' '.join(existing(target.tests))}")
        return
    rows = [run(name, MODULES[name], args.max_children, args.show, args.again) for name in names]
    print(f"{'module':<10} {'mutants':>7} {'tués':>6} {'survivants':>10} {'équivalents':>11} {'score':>7}  durée")
    below = False
    for name, counts, seconds, survivors in rows:
        if seconds is None:
            print(f"{name:<10} {'(absent)':>7}")
            continue
        total = sum(v for k, v in counts.items() if k != "equivalent")
        killed = sum(counts[s] for s in KILLED)
        counted = total - counts["equivalent"]
        score = 100.0 * killed / counted if counted else 100.0
        below |= score < GOAL
        print(
            f"{name:<10} {total:>7} {killed:>6} {len(survivors):>10} {counts['equivalent']:>11} "
            f"{score:>6.1f}%  {seconds:.0f} s"
        )
        for key in survivors:
            print(f"    survivant : {key}")
    sys.exit(1 if below else 0)


if __name__ == "__main__":
    main()

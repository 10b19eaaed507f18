"""Mutation testing of the modules where a silent bug costs money or validity. Not in CI (too slow).

mutmut (3.x) changes the code one small thing at a time (``<`` into ``<=``, ``+`` into ``-``, a
string into another, a call dropped…) and runs the tests that exercise the changed function: a
mutant that no test notices is a bug the suite would let through. Run it before saying that a
money- or signature-related issue is resolved, and put the printed scores in the closing note.

    python benchmarks/mutation.py                 # every module below that exists, one at a time
    python benchmarks/mutation.py fr prose        # only these
    python benchmarks/mutation.py --list          # the modules, their files and test selections
    python benchmarks/mutation.py ledger --show   # also the diff of every surviving mutant

Each module is run in its own copy of the repository (``build/mutation/<module>/``, where mutmut
makes its ``mutants/`` folder), with ``[tool.mutmut]`` of pyproject.toml narrowed to the module's
files and to the smallest test selection that covers them, and ``--max-children`` workers (default
1: the machine is shared). The score is killed / (mutants − equivalent), timeouts counting as
killed; an equivalent mutant (one that cannot change any result) is listed in :data:`EQUIVALENT`
with the reason, by hand, after reading it with ``--show``. Goal: 95 % per module. Exit code 1 when
a module is under the goal.
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
        ("tests/test_billing_ledger.py", "tests/test_billing_inputs.py", "tests/test_ledger_rules.py"),
    ),
    "fr": Target(("ccas_docs/common/fr.py",), ("tests/test_fr.py", "tests/test_amount_words.py")),
    "registry": Target(
        ("ccas_docs/registry/*.py",),
        (
            "tests/test_billing_register.py",
            "tests/test_registry_chain.py",
            "tests/test_registry_chain_cells.py",
            "tests/test_registry_head.py",
            "tests/test_register_tamper.py",
            "tests/test_register_concurrency.py",
            "tests/test_invoice_sequences.py",
            "tests/test_invoice_issue.py",
        ),
    ),
    "prose": Target(("ccas_docs/model/prose.py",), ("tests/test_bad_prose.py", "tests/test_prose.py")),
    "versions": Target(("ccas_docs/versions/consolidate.py",), ("tests/test_versions*.py", "tests/test_avenant*.py")),
    "redline": Target(("ccas_docs/writers/docx/revisions.py",), ("tests/test_redline*.py", "tests/test_revisions*.py")),
}

# Surviving mutants that cannot change any result: mutant name → (the line it writes, why). The
# line is checked against the mutant's diff: when the module changes and mutmut's numbering moves,
# a stale entry no longer matches and the mutant counts as a survivor again, to be read anew.
EQUIVALENT: dict[str, tuple[str, str]] = {
    "ccas_docs.model.prose.xǁReferenceNotFoundǁ__init____mutmut_2": (
        "super().__init__(None)",
        "the exception's text is never read: its fields make the message",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_16": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_17": (
        'SecurityError("XXoperatorXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_18": (
        'SecurityError("OPERATOR")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_19": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_20": (
        'SecurityError("XXoperatorXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_21": (
        'SecurityError("OPERATOR")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_22": (
        "not in HELPERS and __obj not in",
        "no callable but the helpers can be reached from a text (attributes are refused): both tests agree",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_33": (
        '__context.get("__helpers__", None)',
        "render() always puts __helpers__ in the context: the default is never used",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_35": (
        '__context.get("__helpers__", )',
        "same: the default is never used",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_38": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_39": (
        'SecurityError("XXcallXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_40": (
        'SecurityError("CALL")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_45": (
        "autoescape=None",
        "None and False both disable escaping (jinja2's default is False)",
    ),
    "ccas_docs.model.prose.x__environment__mutmut_48": (
        "ProseEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)",
        "autoescape defaults to False",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_3": (
        "SecurityError(None)",
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_4": (
        'SecurityError("XXstatementXX")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__only_known_names__mutmut_5": (
        'SecurityError("STATEMENT")',
        "the SecurityError's text is never shown: the message a user reads is chosen by render()",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_1": (
        "evaluate: bool = False",
        "its only caller always passes evaluate",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_3": (
        "end = None",
        "text[None:i] is text[0:i]",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_5": (
        '| None = ""',
        '« helpers or scope.helpers() » treats "" like None',
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_8": (
        "end = None",
        "the fast path only: a wrong or missing result makes render() fall back to Jinja, which prints the same",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_17": (
        "if (evaluate) or True else name",
        "evaluate=False only serves check, which discards the text: computing it changes nothing seen",
    ),
    "ccas_docs.model.prose.x__render_simple__mutmut_32": (
        "(None))",
        "the fast path only: a wrong or missing result makes render() fall back to Jinja, which prints the same",
    ),
    "ccas_docs.model.prose.x_render__mutmut_10": (
        "simple = None",
        "the fast path only: a wrong or missing result makes render() fall back to Jinja, which prints the same",
    ),
    "ccas_docs.model.prose.x_render__mutmut_16": (
        "_render_simple(text, scope, )",
        "the default of evaluate is True: only check passes False, and discards the text",
    ),
    "ccas_docs.model.prose.x_render__mutmut_45": (
        "exc.message or 'XXXX'",
        "jinja2's syntax errors always carry a message",
    ),
    "ccas_docs.model.prose.x__undefined_name__mutmut_9": (
        "message.rindex(",
        "a name cannot contain « ' is undefined »: index and rindex agree",
    ),
    "ccas_docs.model.prose.x__iter_items__mutmut_3": (
        "(item.id or item.items) or True",
        "a bullet written as a string has no « texte » key: locate() falls back to the item, the same position",
    ),
    "ccas_docs.billing.ledger.x_line_amount__mutmut_2": (
        "ctx.prec = 61",
        "more precision than 60 digits never changes an amount quantized to the cent",
    ),
    "ccas_docs.billing.ledger.x_check_year__mutmut_10": (
        "if year <= years.start else",
        "the first year is inside the convention: check_year has returned before",
    ),
    "ccas_docs.billing.ledger.x__reference_year__mutmut_4": (
        "if (offsets) or True else 1",
        "a convention has at least one annex (types.Convention.annexes, min_length=1): offsets is never empty",
    ),
    "ccas_docs.billing.ledger.x__reference_year__mutmut_10": (
        "if offsets else 2",
        "same: the default for an empty list of fiches is never used",
    ),
    "ccas_docs.common.fr.x_join__mutmut_4": (
        'return "XXXX".join(items)',
        "zero or one item: the separator is never used",
    ),
    "ccas_docs.common.fr.x_percent__mutmut_2": (
        "format=None, locale=LOCALE",
        "Babel's default decimal pattern for fr_FR is « #,##0.### », the one written",
    ),
    "ccas_docs.common.fr.x_percent__mutmut_5": (
        "format_decimal(rate.normalize(), locale=LOCALE)",
        "same as above: the pattern dropped is the locale's default",
    ),
}

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


def prepare(name: str, target: Target) -> Path:
    """A fresh copy of the tracked (and new, not ignored) files, configured for this module."""
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for rel in listed:
        source = ROOT / rel
        if source.is_file() and not rel.startswith("build/"):
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, work / rel)
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


def results(work: Path, files: list[str]) -> dict[str, str]:
    """Mutant name → status, from mutmut's ``mutants/<file>.meta``."""
    out: dict[str, str] = {}
    for rel in files:
        meta = work / "mutants" / f"{rel}.meta"
        if meta.exists():
            for key, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
                out[key] = STATUS.get(code, "suspicious") if code is not None else "not checked"
    return out


def run(name: str, target: Target, children: int, show: bool) -> tuple[str, Counter[str], float | None, list[str]]:
    files = existing(target.files)
    if not files:
        return name, Counter(), None, []
    work = prepare(name, target)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    started = time.perf_counter()
    log = work / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    seconds = time.perf_counter() - started
    statuses = results(work, files)
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
    rows = [run(name, MODULES[name], args.max_children, args.show) for name in names]
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

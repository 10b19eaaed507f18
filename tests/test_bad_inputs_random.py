"""Random mutations of the shipped YAML files: ``check`` answers 0 or 1, never a traceback.

Each example deletes, duplicates or retypes a line of one shipped file, or inserts random Unicode
into it, then runs ``ccas-docs check`` in-process. Whatever it finds, it must say so in French
(exit code 0 or 1), never raise, and never touch ``output/``. Derandomised and bounded, so the
test is deterministic and takes a few seconds.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

FILES = sorted(
    [Path("convention.yaml"), Path("services.yaml"), *(p.relative_to(ROOT) for p in (ROOT / "annexes").glob("*.yaml"))]
)
OPERATIONS = ("delete", "duplicate", "retype", "insert")
# what a user pastes: control characters, surrogates, brackets, YAML indicators, other scripts' digits
NASTY = st.sampled_from(
    list("\x00\x0b\x1b\x7f\x85\ud800\ufeff\ufffe[]{}:-?!&*|>'\"#%@`\t ٥１{{}}")
    + ["{{", "}}", "!!python/object", "*a", "&a", "N-7", "\n  - "]
)
TEXT = st.lists(st.one_of(st.characters(), NASTY), max_size=12).map("".join)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    file=st.sampled_from(FILES),
    operation=st.sampled_from(OPERATIONS),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    column=st.integers(min_value=0, max_value=80),
    text=TEXT,
)
def test_random_mutation_is_answered_in_french(
    file: Path, operation: str, where: float, column: int, text: str
) -> None:
    from ccas_docs.cli.main import main

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "projet"
        root.mkdir()
        for name in ("convention.yaml", "services.yaml"):
            shutil.copy2(ROOT / name, root / name)
        shutil.copytree(ROOT / "annexes", root / "annexes")
        output = root / "output"
        output.mkdir()
        (output / "temoin.txt").write_text("déjà généré\n", encoding="utf-8")

        lines = (root / file).read_text(encoding="utf-8").split("\n")
        n = int(where * len(lines))
        if operation == "delete":
            del lines[n]
        elif operation == "duplicate":
            lines.insert(n, lines[n])
        elif operation == "retype":
            lines[n] = text
        else:
            lines[n] = lines[n][:column] + text + lines[n][column:]
        (root / file).write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))

        result = CliRunner().invoke(main, ["check", str(root)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{operation} at {file}:{n + 1}: {result.exception!r}\n{result.output}")
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output and "erreur interne" not in result.output, result.output
        assert sorted(p.name for p in output.iterdir()) == ["temoin.txt"]

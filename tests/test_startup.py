"""Start-up stays light: building the command line loads none of the heavy libraries (each
costs from a tenth of a second to seconds; ``benchmarks/startup.py`` prints the times)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("pandas", "scipy", "sqlalchemy", "alembic", "playa", "spacy", "fastapi", "numpy")


def _loaded_after(code: str) -> list[str]:
    """The heavy modules loaded once ``code`` has run in a fresh interpreter."""
    probe = (
        f"import sys\n{code}\n"
        f"sys.stderr.write('loaded: ' + ' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("loaded:")]
    return line.split()[1:]


def test_the_command_line_loads_no_heavy_library() -> None:
    assert _loaded_after("import planingest.cli") == []


def test_help_and_an_early_error_load_none_either(tmp_path: Path) -> None:
    run = "from planingest.cli import app\ntry:\n    app({args!r})\nexcept SystemExit:\n    pass"
    assert _loaded_after(run.format(args=["--help"])) == []
    missing = f"sqlite:///{tmp_path / 'missing.db'}"
    assert _loaded_after(run.format(args=["plans", "--db", missing])) == []
    assert not (tmp_path / "missing.db").exists()

"""The package root is the public API, and the README's notebook example runs as printed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import planingest

ROOT = Path(__file__).resolve().parents[1]


def test_every_public_name_resolves() -> None:
    for name in planingest.__all__:
        assert getattr(planingest, name) is not None, name


def test_importing_the_package_loads_no_stage() -> None:
    probe = (
        "import sys, planingest; "
        "print(sorted(m for m in ('playa', 'spacy', 'sqlalchemy') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


def test_readme_python_api_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Python API\n") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    source = code.group(1).replace("sqlite:///notebook.db", f"sqlite:///{tmp_path}/notebook.db")
    run = subprocess.run(
        [sys.executable, "-c", source], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[3] == "True 7"  # its golden file: 2a, 2c, 2d, 3c, 3d (two), 3f
    status, stored = lines[4].split()
    assert status == "imported" and int(stored) > 0


def test_stage_functions_are_not_shadowed_by_their_subpackages() -> None:
    probe = (
        "import planingest.normalise.records, planingest.extractor.model\n"
        "from planingest import extract, normalise\n"
        "print(callable(extract), callable(normalise))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "True True"

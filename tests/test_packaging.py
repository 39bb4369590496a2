"""The wheel must carry every subpackage and data file (setuptools drops unlisted ones silently)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (path,) = out.glob("planingest-*.whl")
    return zipfile.ZipFile(path)


def test_every_source_package_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for init in (ROOT / "src").rglob("__init__.py"):
        relative = init.relative_to(ROOT / "src").as_posix()
        assert f"planingest/{relative}" in names, f"{relative} missing: list it in pyproject"


def test_data_files_are_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "planingest/normalise/column-lexicon.yaml" in names
    assert "planingest/normalise/column-roles.json" in names
    assert "planingest/py.typed" in names
    for data in (ROOT / "src").rglob("*"):
        if data.suffix in {".mako", ".yaml"} or (data.suffix == ".py" and "versions" in data.parts):
            assert f"planingest/{data.relative_to(ROOT / 'src').as_posix()}" in names

"""Start-up of the command line: ``planingest --help`` and a one-line error, against the floor.

    python benchmarks/startup.py            # 7 runs of each, median and best printed
    python benchmarks/startup.py --runs 15

Each command runs in a fresh interpreter, as a person or cron runs it. The floor is
``python -c "import typer"``: no command line built on typer starts faster. The heavy libraries
(pandas, scipy, SQLAlchemy, Alembic, PLAYA, spaCy, FastAPI) are imported where they are
used, so neither ``--help`` nor an error found before the database is opened loads them; the
last lines list what ``import planingest.cli`` spends most on (``python -X importtime``).
Printed figures, not a test (``tests/test_startup.py`` checks which modules load).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median and best wall-clock seconds of ``command`` over ``runs`` runs."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), min(seconds)


def _heaviest_imports(count: int) -> list[tuple[int, str]]:
    """The modules ``import planingest.cli`` spends most on (cumulative microseconds)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import planingest.cli"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        if name.strip().startswith("planingest") or not name.startswith("  "):
            rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        missing = f"sqlite:///{Path(tmp) / 'missing.db'}"
        commands = {
            'python -c "import typer" (floor)': [sys.executable, "-c", "import typer"],
            "planingest --help": [str(BIN / "planingest"), "--help"],
            "planingest import --help": [str(BIN / "planingest"), "import", "--help"],
            "planingest plans --db sqlite:///missing.db (an error)": [
                str(BIN / "planingest"),
                "plans",
                "--db",
                missing,
            ],
        }
        print(f"{'command':<58} {'median s':>9} {'best s':>7}")
        for label, command in commands.items():
            median, best = _timed(command, args.runs)
            print(f"{label:<58} {median:>9.3f} {best:>7.3f}")
    print("\nimport planingest.cli, heaviest imports (cumulative ms):")
    for micros, name in _heaviest_imports(8):
        print(f"  {micros / 1000:>8.1f}  {name}")


if __name__ == "__main__":
    main()

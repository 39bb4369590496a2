"""What an unchanged file costs: a second ``sync`` pass and a second ``import`` of known files.

    python benchmarks/unchanged.py              # 200 generated plans, and samples/
    python benchmarks/unchanged.py --n 50

Generates ``--n`` small Word plans (invented), lets ``sync`` note them and read them, then times
a third pass, where every file is unchanged: the scan compares size and mtime with what the store
remembers and reads nothing. Then times a second ``import`` of the same folder and of
``samples/``: each file is hashed and its bytes found in the store, and no worker starts. Each
command runs as cron runs it (a fresh ``planingest`` process; the wall-clock includes start-up).
Printed figures, not a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parents[1]
PLANINGEST = str(Path(sys.executable).with_name("planingest"))


def plans(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        doc = Document()
        doc.add_heading(f"Parks Plan {i} 2024-2026", 0)
        doc.add_paragraph("Westmoor District Council - updated March 2024")
        table = doc.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ("Ref", "Action", "Lead"), strict=True):
            cell.text = text
        for row in range(3):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = f"{row + 1}", f"Repair path {row} in park {i}"
            cells[2].text = "Parks Team"
        doc.save(str(folder / f"plan-{i:03}.docx"))


def timed(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([PLANINGEST, *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "share", f"sqlite:///{tmp}/plans.db"
        plans(folder, args.n)
        sync = ("sync", str(folder), "--db", db, "--min-age", "0", "-w", str(args.workers))
        timed(*sync)  # notes the files
        first, _ = timed(*sync)
        again, line = timed(*sync)
        print(f"sync, {args.n} new files read:       {first:7.2f} s")
        print(f"sync, {args.n} unchanged files:      {again:7.2f} s   ({line})")
        imported, line = timed("import", str(folder), "--db", db, "-w", str(args.workers))
        print(f"import again, {args.n} known files:  {imported:7.2f} s   ({line})")

        samples = f"sqlite:///{tmp}/samples.db"
        first, _ = timed("import", str(ROOT / "samples"), "--db", samples)
        again, line = timed("import", str(ROOT / "samples"), "--db", samples)
        print(f"import samples/, first:            {first:7.2f} s")
        print(f"import samples/, again:            {again:7.2f} s   ({line})")


if __name__ == "__main__":
    main()

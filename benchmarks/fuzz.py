"""Mutation fuzzing of the guarded reader: damaged copies of the samples, each read as ``import``
and ``extract`` read a document (a supervised worker under the time and memory limits).

    python benchmarks/fuzz.py                          # 300 mutants, seed 0 (about a minute)
    python benchmarks/fuzz.py --count 3000 --seed 7 --out fuzz-findings --timeout 30

Mutations: byte flips, truncation, a corrupted zip part (Word: a flipped, cut or rewritten
member), xref damage (PDF: the ``startxref`` offset and xref table entries), and size fields
(Word: zip header sizes; PDF: ``/Length``, ``/Count`` and ``/W``). Each outcome is one of:

- ``success``: records (or none) came back;
- ``clean``: a classified error (corrupt, encrypted, unsafe, limit on memory or pages, ...);
- ``traceback``: ``[unexpected]``: an exception nobody classified (a bug of ours, or a parser
  error not yet told apart);
- ``hang``: the time limit was hit;
- ``crash``: the worker process died.

Every non-clean mutant is saved to ``--out`` with a ``.txt`` beside it (mutation, reason,
traceback), ready to become a regression case. ``tests/test_fuzz.py`` runs a fixed seed.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import struct
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from planingest.errors import LimitExceeded, ReaderCrashed, UnexpectedError
from planingest.ops.evaluate import is_scanned_twin
from planingest.ops.executors import ProcessExecutor
from planingest.ops.limits import WorkItem, WorkResult
from planingest.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
OUTCOMES = ("success", "clean", "traceback", "hang", "crash")


@dataclass(frozen=True)
class Mutant:
    name: str
    """``<sample>.<mutation>.<n>.<suffix>``: the file name it is read under."""
    mutation: str
    data: bytes


Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def zip_part(data: bytes, rng: random.Random) -> bytes:
    """Rewrite one member of a zip: its XML flipped, cut, or given a huge attribute value."""
    if not data.startswith(b"PK"):
        return flip_bytes(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    members = source.infolist()
    victim = rng.choice(members).filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in members:
            body = source.read(member)
            if member.filename == victim:
                body = _mangle_xml(body, rng)
            target.writestr(member, body)
    return out.getvalue()


def _mangle_xml(body: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:
        return flip_bytes(body, rng) if body else body
    if choice == 1:
        return body[: rng.randrange(len(body) + 1)]
    if choice == 2:  # a number attribute made huge or negative
        numbers = list(re.finditer(rb'w:val="(\d+)"', body))
        if numbers:
            match = rng.choice(numbers)
            value = rng.choice([b"-1", b"0", b"999999999", b"18446744073709551617"])
            return body[: match.start(1)] + value + body[match.end(1) :]
    return body.replace(b"<w:", b"<w:x", 1)  # an element renamed


def xref_damage(data: bytes, rng: random.Random) -> bytes:
    """Damage the cross-reference: the ``startxref`` offset, or entries of the xref table."""
    if not data.startswith(b"%PDF"):
        return truncate(data, rng)
    at = data.rfind(b"startxref")
    if at >= 0 and rng.random() < 0.5:
        offset = rng.choice([b"0", b"1", b"99999999999999999999", b"-5", str(at).encode()])
        end = data.find(b"%%EOF", at)
        return data[: at + 10] + offset + b"\n" + (data[end:] if end > 0 else b"")
    out = bytearray(data)
    for entry in list(re.finditer(rb"\d{10} \d{5} [nf]", data))[: rng.randint(1, 50)]:
        if rng.random() < 0.3:
            out[entry.start() : entry.start() + 10] = b"%010d" % rng.randrange(10**10)
    return bytes(out)


def size_fields(data: bytes, rng: random.Random) -> bytes:
    """Lie about sizes: zip header sizes (Word), ``/Length``, ``/Count``, ``/W`` (PDF)."""
    if data.startswith(b"PK"):
        out = bytearray(data)
        headers = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
        if headers:
            at = rng.choice(headers)
            field = rng.choice([20, 24])  # compressed / uncompressed size in the central record
            struct.pack_into("<I", out, at + field, rng.choice([0, 1, 0x7FFFFFFF, 0xFFFFFFFF]))
        return bytes(out)
    fields = list(re.finditer(rb"/(Length|Count|Size|N) (\d+)", data))
    if not fields:
        return flip_bytes(data, rng)
    match = rng.choice(fields)
    value = rng.choice([b"0", b"999999999", b"-1", b"4294967296", b"3 0 R"])
    return data[: match.start(2)] + value + data[match.end(2) :]


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "zip_part": zip_part,
    "xref": xref_damage,
    "size": size_fields,
}


def mutants(samples: list[Path], count: int, seed: int) -> Iterator[Mutant]:
    """``count`` mutants of ``samples``, the same for the same seed."""
    rng = random.Random(seed)
    originals = {path: path.read_bytes() for path in samples}
    for n in range(count):
        path = rng.choice(samples)
        mutation = rng.choice(sorted(MUTATIONS))
        data = MUTATIONS[mutation](originals[path], rng)
        yield Mutant(f"{path.stem}.{mutation}.{n}{path.suffix}", mutation, data)


def outcome(result: WorkResult) -> str:
    error = result.error
    if error is None:
        return "success"
    if isinstance(error, ReaderCrashed):
        return "crash"
    if isinstance(error, UnexpectedError):
        return "traceback"
    if isinstance(error, LimitExceeded) and "time limit" in error.reason:
        return "hang"
    return "clean"


def fuzz(
    samples: list[Path], count: int, seed: int, settings: Settings, out: Path | None = None
) -> tuple[Counter[str], list[tuple[Mutant, WorkResult]]]:
    """Read every mutant in supervised workers; the outcome counts and the non-clean cases."""
    counts: Counter[str] = Counter({name: 0 for name in OUTCOMES})
    findings: list[tuple[Mutant, WorkResult]] = []
    with tempfile.TemporaryDirectory(prefix="planingest-fuzz-") as tmp:
        by_path: dict[str, Mutant] = {}
        with ProcessExecutor(settings) as executor:
            for mutant in mutants(samples, count, seed):
                path = Path(tmp) / mutant.name
                path.write_bytes(mutant.data)
                by_path[str(path)] = mutant
                executor.submit(WorkItem(str(path)))
            for result in executor.completed():
                kind = outcome(result)
                counts[kind] += 1
                if kind not in ("success", "clean"):
                    findings.append((by_path[result.path], result))
    if out is not None:
        save(findings, out)
    return counts, findings


def save(findings: list[tuple[Mutant, WorkResult]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for mutant, result in findings:
        (out / mutant.name).write_bytes(mutant.data)
        error = result.error
        note = f"{outcome(result)}: [{error.reason_code}] {error.reason}\n" if error else ""
        (out / f"{mutant.name}.txt").write_text(
            f"mutation: {mutant.mutation}\n{note}\n{(error and error.details) or ''}",
            encoding="utf-8",
        )


def sample_files(folder: Path = SAMPLES) -> list[Path]:
    """The samples to damage, less the scanned twins: their bytes are JPEG pages, read by OCR
    for seconds a page, so their mutants would try the time limit, not the parsers."""
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".pdf", ".docx") and not is_scanned_twin(p)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per mutant")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    args = parser.parse_args()
    settings = Settings(timeout_seconds=args.timeout, workers=args.workers)
    started = time.monotonic()
    counts, findings = fuzz(sample_files(args.samples), args.count, args.seed, settings, args.out)
    print(f"{args.count} mutants (seed {args.seed}) in {time.monotonic() - started:.0f} s")
    print("| outcome | mutants |\n| --- | --- |")
    for name in OUTCOMES:
        print(f"| {name} | {counts[name]} |")
    for mutant, result in findings:
        print(f"{mutant.name}: {outcome(result)}: {result.error}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

"""Small PDFs that are hard to read: one that inflates to hundreds of megabytes (a PDF bomb), one
nested so deep that a recursive reader runs out of stack."""

from __future__ import annotations

import zlib
from pathlib import Path


def _pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF whose page content is the given deflated stream."""
    return _write(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream",
        ],
    )


def _write(path: Path, objects: list[bytes]) -> Path:
    """Objects 1..n with a correct cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def pdf_bomb(path: Path, megabytes: int = 700) -> Path:
    """A PDF whose one content stream inflates from ~2 MB to ``megabytes`` MB of spaces."""
    deflate = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    content = b"".join([deflate.compress(chunk) for _ in range(megabytes)] + [deflate.flush()])
    return _pdf(path, content)


def deep_pdf(path: Path, depth: int = 5000) -> Path:
    """A PDF whose page tree is ``depth`` nested /Pages nodes deep: a recursive reader of the
    tree runs out of stack."""
    bodies = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for level in range(depth):
        number = 2 + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        bodies[number] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (number + 1, parent)
    leaf = 2 + depth
    bodies[leaf] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (leaf - 1)
    return _write(path, [bodies[n] for n in sorted(bodies)])

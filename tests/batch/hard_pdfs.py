"""Small PDFs that are hard to read: one that inflates to hundreds of megabytes (a PDF bomb), one
nested so deep that a recursive reader runs out of stack, and pages that ask for unbounded work
(forms that draw themselves or are nested deep, a stream whose ``/Length`` never resolves)."""

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


_TEXT = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n"


def _stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), entries) + content + b"\nendstream"


def _page_drawing(path: Path, content: bytes, forms: list[tuple[bytes, list[int]]]) -> Path:
    """A one-page PDF (objects 1-5: catalog, pages, page, its content, a font) whose page
    draws form 0 when its content says ``/X0 Do``; ``forms`` are (content, forms it may draw)
    with form ``i`` as object ``6 + i``, named ``/Xi`` wherever it is listed."""

    def xobjects(numbers: list[int]) -> bytes:
        return b"".join(b"/X%d %d 0 R " % (i, 6 + i) for i in numbers)

    resources = b"/Resources << /Font << /F1 5 0 R >> /XObject << %s>> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        + resources % xobjects([0] if forms else [])
        + b" >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        _stream(
            body,
            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            + resources % xobjects(draws)
            + b" ",
        )
        for body, draws in forms
    ]
    return _write(path, objects)


def page_content(path: Path, content: bytes) -> Path:
    """A one-page PDF with this content stream (Helvetica as ``/F1``)."""
    return _page_drawing(path, content, [])


def forms_in_a_loop(path: Path, length: int) -> Path:
    """A page that draws form 0, which draws form 1, ... and the last draws form 0 again
    (``length`` 1: a form that draws itself)."""
    forms = [(_TEXT + b"/X%d Do" % ((i + 1) % length), [(i + 1) % length]) for i in range(length)]
    return _page_drawing(path, b"/X0 Do", forms)


def forms_nested(path: Path, depth: int, draws: int = 1) -> Path:
    """A page that draws form 0, which draws form 1 ``draws`` times, and so on ``depth`` deep:
    forms drawn ``draws ** depth`` times in all."""
    forms = [(b"/X%d Do\n" % (i + 1) * draws, [i + 1]) for i in range(depth - 1)]
    return _page_drawing(path, b"/X0 Do", [*forms, (_TEXT, [])])


def length_loop(path: Path) -> Path:
    """A page whose content stream's ``/Length`` is object 6, which is ``7 0 R``, which is
    ``6 0 R``: resolving it never ends."""
    content = _TEXT
    return _write(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 6 0 R >>\nstream\n" + content + b"\nendstream",
            b"<< >>",
            b"7 0 R",
            b"6 0 R",
        ],
    )

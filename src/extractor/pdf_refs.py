"""Reference loops among a PDF's objects, found in its bytes before any parser resolves one.

An object whose whole body is a reference to another (``6 0 obj 6 0 R endobj``) is legal but
odd; a chain of them that comes back on itself sends pdfminer's ``resolve1`` (and so pdfplumber
and camelot) round forever, for instance when it is a stream's ``/Length``. Such objects are
found with one scan of the file's bytes. Objects packed in compressed object streams are not
seen here; the worker's time limit still stops a loop among those.
"""

from __future__ import annotations

import re

from planingest.errors import CorruptDocument

_END = re.compile(rb"R\s*endobj")
_REF_ONLY = re.compile(rb"(?<!\d)(\d{1,10})\s+\d{1,5}\s+obj\s*(\d{1,10})\s+\d{1,5}\s+\Z")
"""Searched for only in the few bytes before an ``R endobj`` (a scan from every digit of the
file would be slow)."""


def check_reference_loops(data: bytes, path: str) -> None:
    """Raise :class:`CorruptDocument` if objects that only refer onwards come back to
    themselves."""
    onward: dict[int, int] = {}
    for end in _END.finditer(data):
        if found := _REF_ONLY.search(data, max(end.start() - 64, 0), end.start()):
            onward[int(found[1])] = int(found[2])
    done: set[int] = set()
    for start in onward:
        chain: dict[int, None] = {}  # in order, with a set's look-up
        number = start
        while number in onward and number not in done:
            if number in chain:
                loop = [*list(chain)[list(chain).index(number) :], number]
                raise CorruptDocument(
                    "objects refer to each other in a loop and resolve to nothing "
                    f"({' → '.join(f'object {n}' for n in loop)})",
                    path=path,
                )
            chain[number] = None
            number = onward[number]
        done.update(chain)

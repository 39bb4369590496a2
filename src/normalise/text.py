"""Small text helpers shared by the normaliser's modules."""

from __future__ import annotations

import re

_ENUM = re.compile(r"^\s*((?:\d+(?:\.\d+)*[a-z]?)|(?:[a-z]\d*))[.)]?\s+(?=\S)", re.IGNORECASE)
_REF_LIKE = re.compile(r"^\d+(?:\.\d+)*[a-z]?$|^\d+[a-z]$", re.IGNORECASE)


_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?=[a-z])")
"""A word hyphenated at a PDF line end and rejoined with a space ("under- representation")."""


def clean_lines(text: str) -> list[str]:
    """Non-empty lines, each stripped with inner whitespace collapsed, words broken at a
    hyphenated line end made whole again."""
    return [
        _BROKEN_HYPHEN.sub("-", " ".join(line.split()))
        for line in text.splitlines()
        if line.strip()
    ]


_OPEN_END = re.compile(r"(?:\b(?:and|or|of|for|the|to|with|in)|[,/&(–-])$", re.IGNORECASE)
"""A line ending like this breaks off mid-sentence or mid-name ("Smart Cities and")."""


def paragraphs(text: str | None) -> list[str]:
    """The cell's paragraphs: its lines, rejoined where a break falls inside a sentence or a name
    (a line ending in "and", a comma or "&", or a next line starting in lower case), as a narrow
    PDF column wraps them."""
    items: list[str] = []
    for line in clean_lines(text or ""):
        if items and (_OPEN_END.search(items[-1]) or line[:1].islower()):
            items[-1] += " " + line
        else:
            items.append(line)
    return items


def clean(text: str | None) -> str:
    """Lines collapsed and joined with newlines: paragraph structure kept, spacing noise gone."""
    return "\n".join(clean_lines(text or ""))


def flat(text: str | None) -> str:
    """All whitespace (newlines too) collapsed to single spaces: for comparing and matching."""
    return " ".join((text or "").split())


def split_enumeration(text: str) -> tuple[str | None, str]:
    """``"1.1 Staff understand…"`` → ``("1.1", "Staff understand…")``; no number → ``(None, text)``.

    Only numeric refs (``1``, ``1.1``, ``3a``) count: a leading word is never taken for a ref.
    """
    match = _ENUM.match(text)
    if not match or not re.match(r"^\d", match.group(1)):
        return None, text
    return match.group(1), text[match.end() :]


def looks_like_ref(text: str) -> bool:
    return bool(_REF_LIKE.match(text.strip()))

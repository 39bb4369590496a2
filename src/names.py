"""File names are data, not text we trust: the forms a path is stored and shown in.

On POSIX a file name is bytes. Python hands an undecodable byte to us as a lone surrogate
(``os.fsdecode``), which no database, JSON encoder or strict UTF-8 stream accepts, and a name may
hold a newline or a terminal escape. So a path has three forms:

- the *file system* form: what ``open`` takes (a ``str`` that may hold surrogates);
- the *stored* form (:func:`stored`): the name's bytes as UTF-8, with each byte that is not valid
  UTF-8 written ``\\xNN`` (``bad\\xff\\xfebytes.docx``). A valid UTF-8 name is stored unchanged,
  so existing rows keep their paths; :func:`from_stored` turns the stored form back into the file
  system form. The one ambiguity: a valid UTF-8 name that literally spells ``\\xNN`` (NN ≥ 80)
  where, once the escapes are read as bytes, the result is *not* valid UTF-8 — it reads back as
  the byte form (such a pair of names in one folder would share a row);
- the *shown* form (:func:`shown`): the stored form with control characters (newline, tab,
  escape...) written as ``\\n``, ``\\t``, ``\\x1b``, so one name is one line of a log.
"""

from __future__ import annotations

import os
import re
import unicodedata

_ESCAPED_BYTE = re.compile(r"\\x([89a-fA-F][0-9a-fA-F])")
_CONTROL_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def stored(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """The name as valid UTF-8 text: undecodable bytes as ``\\xNN`` (reversible: from_stored)."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "backslashreplace")
    try:
        data = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to: text, not a name
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")


def from_stored(text: str) -> str:
    """The file system form of a :func:`stored` name."""
    if "\\x" not in text:
        return text
    raw = _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), text)
    data = raw.encode("utf-8", "surrogateescape")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return os.fsdecode(data)
    return text  # the escapes were the name's own text: a stored name is never valid escaped


def shown(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """The name for a log line or a terminal: stored form, control characters escaped."""
    return "".join(_visible(char) for char in stored(path))


def shown_text(text: str) -> str:
    """Any text quoting a name or a document (an error's reason): one line, no control
    characters, no lone surrogates."""
    return shown(text) if _needs_escape(text) else text


def _needs_escape(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cs") for char in text)


def _visible(char: str) -> str:
    if unicodedata.category(char) != "Cc":
        return char
    return _CONTROL_NAMES.get(char) or f"\\x{ord(char):02x}"

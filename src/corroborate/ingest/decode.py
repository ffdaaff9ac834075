"""Bytes to text: encoding detection and the checks that reject non-text input."""

from __future__ import annotations

import codecs
import re

from ..errors import CorroborateError, error

#: bytes sniffed for NUL characters; text files have none, binary files nearly always do
_SNIFF = 8192

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, *, source: str) -> str:
    """`decode_checked` without its warning (for callers that cannot report one)."""
    return decode_checked(data, source=source)[0]


def decode_checked(data: bytes, *, source: str) -> tuple[str, CorroborateError | None]:
    """Decode an input file, normalising line ends to ``\\n``; and a warning, if any.

    UTF-8 is tried first because it is by far the most common and its validity
    check is exact; other encodings are guessed with charset-normalizer.  Raises
    E002 (empty), E003 (binary) or E004 (no plausible encoding).

    UTF-8 with a few stray bytes (a Latin-1 name pasted into a UTF-8 file) is no
    single encoding: guessing one garbles every UTF-8 character.  Such a file is
    read as UTF-8 with each stray byte as Windows-1252, and the warning (E104,
    kept) says how many bytes were read that way.
    """
    warning: CorroborateError | None = None
    if not data.strip():
        raise error("E002", file=source)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise error("E004", f"invalid {encoding} after a byte-order mark",
                            file=source) from None
            break
    if text is None:
        if b"\x00" in data[:_SNIFF]:
            raise error("E003", file=source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, stray = _mixed_utf8(data)
            if text is not None:
                warning = error("E104", f"{stray} byte(s) are not UTF-8 in an otherwise UTF-8 "
                                "file; read as Windows-1252 (check the text)", file=source,
                                kept=True)
            else:
                text = _guess(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise error("E002", file=source)
    return text, warning


_STRAY = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")


def _as_cp1252(match: re.Match[str]) -> str:
    byte = bytes([ord(match[0]) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return byte.decode("latin-1")


def _mixed_utf8(data: bytes) -> tuple[str | None, int]:
    """UTF-8 text with stray single bytes, or None when it is not mostly UTF-8.

    Mostly UTF-8: valid non-ASCII characters outnumber the stray bytes.  A file
    in a legacy single-byte encoding has (almost) no valid UTF-8 sequences and is
    left to the encoding guesser.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY.findall(text))
    if stray == 0 or len(_VALID_NON_ASCII.findall(text)) <= stray:
        return None, stray
    return _STRAY.sub(_as_cp1252, text), stray


def _guess(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise error("E004", "no text encoding fits these bytes", file=source)
    return str(best)

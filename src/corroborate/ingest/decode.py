"""Bytes to text: encoding detection and the checks that reject non-text input."""

from __future__ import annotations

import codecs

from ..errors import error

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
    """Decode an input file, normalising line ends to ``\\n``.

    UTF-8 is tried first because it is by far the most common and its validity
    check is exact; other encodings are guessed with charset-normalizer.  Raises
    E002 (empty), E003 (binary) or E004 (no plausible encoding).
    """
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
            text = _guess(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise error("E002", file=source)
    return text


def _guess(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise error("E004", "no text encoding fits these bytes", file=source)
    return str(best)

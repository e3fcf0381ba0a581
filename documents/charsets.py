"""Decoding of fetched and uploaded bytes by the WHATWG encoding rules. Must not import claims."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import webencodings

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16le"),
    (codecs.BOM_UTF16_BE, "utf-16be"),
)

# The WHATWG prescan looks at the first 1024 bytes only; a charset declared later is ignored.
_PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)


def lookup(label: str | None) -> str | None:
    """Return the WHATWG encoding name for a label, or None for an unknown label.

    Only labels in the WHATWG table are honoured, so "utf-7" and other dangerous or bogus
    labels fall through to the defaults instead of reaching a Python codec.
    """
    if not label:
        return None
    encoding = webencodings.lookup(label.strip())
    return encoding.name if encoding is not None else None


def sniff_bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def prescan_meta(data: bytes) -> str | None:
    """Return the encoding a <meta> tag in the first 1024 bytes declares, if any."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if match is None:
        return None
    name = lookup(match.group(1).decode("ascii", "replace"))
    # A page cannot be UTF-16 if its ASCII meta tag was readable, so WHATWG says utf-8.
    if name in ("utf-16le", "utf-16be"):
        return "utf-8"
    return name


MISLABELLED = (
    "The page says it is UTF-8 but is written in Windows-1252 (Western European); it was read as Windows-1252."
)
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass
class Decoded:
    text: str
    encoding: str
    notice: str | None = None


def decode(data: bytes, *, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """Decode bytes and return (text, encoding name); see decode_text."""
    decoded = decode_text(data, declared=declared, html=html)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode bytes, with a notice when the label had to be overruled.

    Order: BOM, then the declared (HTTP header) charset, then <meta> for HTML, then strict
    UTF-8, then windows-1252. Undecodable bytes become U+FFFD and NUL characters are removed.
    A page labelled UTF-8 whose bytes are not UTF-8 at all (not one valid multi-byte sequence)
    was saved by an older editor in Windows-1252, and is read so rather than losing every
    accented letter to U+FFFD.
    """
    bom = sniff_bom(data)
    encoding = bom or lookup(declared) or (prescan_meta(data) if html else None)
    if encoding == "replacement":
        # The WHATWG "replacement" labels name encodings (ISO-2022-KR, HZ) used in attacks; the
        # spec decodes them to a single U+FFFD, which leaves nothing to import.
        return Decoded("\ufffd", encoding)
    if encoding == "utf-8" and not bom and _mislabelled(data):
        return Decoded(_decode_with(data, "windows-1252").replace("\x00", ""), "windows-1252", MISLABELLED)
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "windows-1252"
            text = _decode_with(data, encoding)
    else:
        text = _decode_with(data, encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text.replace("\x00", ""), encoding)


def _mislabelled(data: bytes) -> bool:
    """Whether bytes labelled UTF-8 read as Western text in Windows-1252 instead.

    Such text has no valid UTF-8 sequence, no byte Windows-1252 leaves undefined, and its
    accented letters stand alone between ASCII ("Caf\xe9"); runs of high bytes are binary junk.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if _UTF8_SEQUENCE.search(data) or _CP1252_UNDEFINED.search(data):
            return False
        high = len(_HIGH_BYTE.findall(data))
        return bool(high) and len(_LONE_HIGH_BYTE.findall(data)) >= 0.8 * high
    return False


def _decode_with(data: bytes, encoding: str) -> str:
    web_encoding = webencodings.lookup(encoding)
    codec = web_encoding.codec_info.name if web_encoding is not None else "utf-8"
    return codecs.decode(data, codec, errors="replace")

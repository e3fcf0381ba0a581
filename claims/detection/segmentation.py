"""Split article text into sentence spans with exact character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sentencex import segment as _sentencex_segment

# Lines are the unit a copy-pasted news page gives us: headings, captions and credits sit on
# their own line without a full stop, so a line break is a boundary unless the text is hard-wrapped.
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TERMINAL_RE = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_BOUNDARY_RE = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")
_BULLET_RE = re.compile(r"(?:[-*•‣◦–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence: `text[start:end]` of the document it came from."""

    start: int
    end: int
    text: str
    paragraph: int
    line: int
    line_text: str
    line_sentences: int


def _lines(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each line without its line terminator."""
    spans = []
    for match in _LINE_RE.finditer(text):
        line = match.group()
        if not line:
            break
        content = line.rstrip("\r\n")
        spans.append((match.start(), match.start() + len(content)))
    return spans


def _units(text: str) -> list[tuple[int, int, int]]:
    """Group lines into (start, end, paragraph) units, re-joining hard-wrapped lines."""
    units: list[tuple[int, int, int]] = []
    paragraph = 0
    previous_blank = True
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            if not previous_blank:
                paragraph += 1
            previous_blank = True
            continue
        stripped = line.lstrip()
        continues = (
            not previous_blank
            and units
            and not _TERMINAL_RE.search(text[units[-1][0] : units[-1][1]])
            and stripped[:1].islower()
        )
        if continues:
            units[-1] = (units[-1][0], end, units[-1][2])
        else:
            units.append((start, end, paragraph))
        previous_blank = False
    return units


def _split_unit(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    unit = text[start:end]
    # sentencex is fast, but most inputs are one sentence: skip it when no boundary is possible.
    if not _BOUNDARY_RE.search(unit):
        return [(start, end)]
    spans = []
    cursor = 0
    for piece in _sentencex_segment(language, unit):
        piece = piece.strip()
        if not piece:
            continue
        found = unit.find(piece, cursor)
        if found < 0:
            # The segmenter changed the text; keep the rest of the unit as one sentence.
            spans.append((start + cursor, end))
            return spans
        spans.append((start + found, start + found + len(piece)))
        cursor = found + len(piece)
    return spans or [(start, end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    bullet = _BULLET_RE.match(text, start, end)
    if bullet and bullet.end() < end:
        start = bullet.end()
    return start, end


def segment(text: str, *, language: str = "en") -> list[Segment]:
    """Return the sentences of `text`; `text[s.start:s.end] == s.text` for each."""
    if "\n" not in text and "\r" not in text and not _BOUNDARY_RE.search(text):
        # One line, one sentence: the common case when scoring a single sentence.
        start, end = _trim(text, 0, len(text))
        if start >= end:
            return []
        return [Segment(start, end, text[start:end], 0, 0, text[start:end], 1)]
    segments: list[Segment] = []
    for line_index, (ustart, uend, paragraph) in enumerate(_units(text)):
        ls, le = _trim(text, ustart, uend)
        if ls >= le:
            continue
        pieces = []
        for s, e in _split_unit(text, ls, le, language):
            s, e = _trim(text, s, e)
            if s < e:
                pieces.append((s, e))
        line_text = text[ls:le]
        for s, e in pieces:
            segments.append(Segment(s, e, text[s:e], paragraph, line_index, line_text, len(pieces)))
    return segments


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))

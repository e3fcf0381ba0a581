"""Text of a PDF as a title and paragraphs, from the positions and sizes of its lines. Must not import claims.

pypdf's plain text keeps every line break of the layout. Here lines are rebuilt from the text
runs pypdf reports with their position and font size, so that a headline set in a larger size
over two lines stays one title, a word broken at a line-end hyphen is joined, lines repeated at
the top or bottom of the pages (running headers, footers, page numbers) are dropped, and a
wider gap or a change of size starts a new paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any

_PAGE_NUMBER = re.compile(r"^\W*(page|seite|p\.)?\s*\d{1,4}(\s*(of|/|von)\s*\d{1,4})?\W*$", re.I)
_DIGITS = re.compile(r"\d+")
# Lines this many points apart or more belong to the same line of text (runs of one line).
_SAME_LINE = 0.5
# A gap this much larger than the usual line spacing ends a paragraph.
_PARAGRAPH_GAP = 1.4
_TITLE_SIZE = 1.15
# Running headers and footers are the top-most and bottom-most lines of a page.
_EDGE_LINES = 1


@dataclass
class Line:
    y: float
    size: float
    text: str


def page_lines(page: Any) -> list[Line]:
    """The page's lines in content order, each with its height on the page and its font size."""
    lines: list[Line] = []
    ended = True

    def visit(text: str, cm: list[float], tm: list[float], font: object, font_size: float) -> None:
        nonlocal ended
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = abs(tm[0] * tm[3] - tm[1] * tm[2]) ** 0.5 * abs(cm[0] * cm[3] - cm[1] * cm[2]) ** 0.5
        size = font_size * (scale or 1.0)
        for number, piece in enumerate(text.split("\n")):
            if number:
                ended = True
            if not piece.strip():
                continue
            if ended or not lines or abs(lines[-1].y - y) > _SAME_LINE * max(size, 1.0):
                lines.append(Line(y, size, piece))
            else:
                lines[-1].text += piece
                lines[-1].size = max(lines[-1].size, size)
            ended = False

    page.extract_text(visitor_text=visit)
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text]


def running_lines(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page, line) positions of page numbers and of lines repeated at the top or bottom of pages."""
    edges: dict[tuple[int, int], str] = {}
    for p, lines in enumerate(pages):
        by_height = sorted(range(len(lines)), key=lambda i: -lines[i].y)
        for i in {*by_height[:_EDGE_LINES], *by_height[-_EDGE_LINES:]}:
            # Digits vary from page to page ("Page 3", a date): compare the rest.
            edges[(p, i)] = _DIGITS.sub("#", lines[i].text.casefold())
    pages_with = Counter(text for _, text in {(p, text) for (p, _), text in edges.items()})
    return {(p, i) for (p, i), text in edges.items() if _PAGE_NUMBER.match(pages[p][i].text) or pages_with[text] > 1}


def title_and_paragraphs(pages: list[list[Line]]) -> tuple[str | None, list[str]]:
    dropped = running_lines(pages)
    lines = [(p, line) for p, page in enumerate(pages) for i, line in enumerate(page) if (p, i) not in dropped]
    if not lines:
        return None, []
    body_size = Counter(round(line.size) for _, line in lines for _ in line.text).most_common(1)[0][0]
    title = None
    first_page, first = lines[0]
    if first_page == 0 and first.size >= body_size * _TITLE_SIZE:
        heading = [first]
        for _, line in lines[1:]:
            if abs(line.size - first.size) > 0.5:
                break
            heading.append(line)
        title = _join([line.text for line in heading])
        lines = lines[len(heading) :]
    spacing = median(
        [abs(a.y - b.y) for (_, a), (_, b) in zip(lines, lines[1:], strict=False) if abs(a.size - b.size) <= 0.5]
        or [0.0]
    )
    paragraphs: list[list[str]] = []
    previous: tuple[int, Line] | None = None
    for page, line in lines:
        if previous is None:
            new = True
        else:
            before_page, before = previous
            if page != before_page or line.y > before.y + 1:
                # A new page or column: a line that stopped mid-sentence goes on here.
                new = not _continues(before.text)
            else:
                new = abs(before.size - line.size) > 0.5 or before.y - line.y > spacing * _PARAGRAPH_GAP
        if new:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
        previous = (page, line)
    return title, [_join(p) for p in paragraphs]


def _continues(text: str) -> bool:
    """A line that stops mid-sentence goes on at the top of the next page or column."""
    return not text.rstrip("\"'”’)").endswith((".", "!", "?", ":", "…"))


def _join(lines: list[str]) -> str:
    """Join wrapped lines; a word broken at a line-end hyphen is joined without a space ("eight- week")."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text

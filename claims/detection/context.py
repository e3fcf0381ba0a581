"""Features a sentence takes from its article: its neighbours, its place, and what kind of piece it is in.

A figure next to a figure, the opening sentence, or a piece that keeps addressing "you" (a guide rather than
a report) all move the odds that a sentence holds a claim worth checking. Computed once per text, in one pass.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

CONTEXT_LABELS = {
    "prev_figure": "follows a sentence with a figure",
    "next_figure": "precedes a sentence with a figure",
    "prev_past": "follows a sentence about the past",
    "next_past": "precedes a sentence about the past",
    "first_sentence": "opens the text",
    "doc_second_person": "the piece addresses the reader (a guide or advice)",
    "doc_figures": "the piece is rich in figures",
    "doc_past": "the piece reports what happened",
    "doc_attribution": "the piece quotes its sources",
}


def add_context(rows: Sequence[MutableMapping[str, float]]) -> None:
    """Add the context features to each clause's features, in reading order; a single clause gets none."""
    count = len(rows)
    if count < 2:
        return
    figures = [1.0 if row.get("has_number") else 0.0 for row in rows]
    past = [1.0 if row.get("past_tense") else 0.0 for row in rows]
    document = {
        "doc_second_person": sum(1.0 for row in rows if row.get("second_person")) / count,
        "doc_figures": sum(figures) / count,
        "doc_past": sum(past) / count,
        "doc_attribution": sum(1.0 for row in rows if row.get("attribution")) / count,
    }
    for index, row in enumerate(rows):
        row.update(document)
        if index:
            row["prev_figure"] = figures[index - 1]
            row["prev_past"] = past[index - 1]
        else:
            row["first_sentence"] = 1.0
        if index + 1 < count:
            row["next_figure"] = figures[index + 1]
            row["next_past"] = past[index + 1]

"""Optional word and word-pair features from a bounded vocabulary chosen by document frequency."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

PREFIX = "w:"
MAX_TERMS = 2000
MIN_DF = 2
_WORD_RE = re.compile(r"[a-z]+(?:[’'][a-z]+)?")


def terms(text: str) -> set[str]:
    """Lower-cased words and adjacent word pairs ("per cent"); digits are left to the grammar features."""
    lowered = text.lower()
    if "'" in lowered:
        lowered = lowered.replace("'", "’")
    words = _WORD_RE.findall(lowered)
    found = set(words)
    found.update(map(" ".join, zip(words, words[1:], strict=False)))
    return found


def choose_vocabulary(texts: Iterable[str], *, max_terms: int = MAX_TERMS, min_df: int = MIN_DF) -> frozenset[str]:
    """The `max_terms` terms found in the most texts (at least `min_df`); ties broken alphabetically."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(terms(text))
    ranked = sorted((term for term, count in df.items() if count >= min_df), key=lambda t: (-df[t], t))
    return frozenset(ranked[:max_terms])


def lexical_features(text: str, vocabulary: frozenset[str]) -> dict[str, float]:
    """{"w:term": 1.0} for each vocabulary term in `text`; nothing outside the stored vocabulary."""
    return dict.fromkeys(map(PREFIX.__add__, terms(text) & vocabulary), 1.0)


def with_lexical(text: str, features: Mapping[str, float], vocabulary: frozenset[str]) -> Mapping[str, float]:
    if not vocabulary:
        return features
    return {**features, **lexical_features(text, vocabulary)}


def is_lexical(name: str) -> bool:
    return name.startswith(PREFIX)


def label(name: str) -> str:
    """ "w:percent" -> "word 'percent'"; "w:per cent" -> "words 'per cent'"."""
    term = name.removeprefix(PREFIX)
    return f"{'words' if ' ' in term else 'word'} '{term}'"

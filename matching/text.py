"""Reading statements for matching: clean pasted posts, find numbers, names, negation and dates. Pure functions."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# A pasted post ends "— Name (@handle) February 25, 2016": the signature is not part of the claim.
SIGNATURE = re.compile(r"\s*[—–-]{1,2}\s*[^—–]{0,80}\(@\w+\)\s*(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})?\s*$")
HANDLE = re.compile(r"(?<!\w)@(\w+)")
HASHTAG = re.compile(r"(?<!\w)#(\w+)")
NUMBER = re.compile(r"(?<![\w.])\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?")
NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|n't)\b|n't\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][\w'’.-]*")
SENTENCE_END = re.compile(r"[.!?:;\"“”]\s*$")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
DATE_TEXT = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})\b")

# Capitalised words that start sentences or are function words: not names.
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "i",
        "i'm",
        "i've",
        "we",
        "you",
        "he",
        "she",
        "they",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "and",
        "or",
        "but",
        "if",
        "so",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "to",
        "with",
        "not",
        "no",
        "yes",
        "all",
        "any",
        "some",
        "every",
        "many",
        "more",
        "most",
        "there",
        "here",
        "what",
        "when",
        "where",
        "who",
        "why",
        "how",
        "which",
        "while",
        "after",
        "before",
        "during",
        "since",
        "until",
        "says",
        "said",
        "say",
        "rt",
        "via",
        "breaking",
        "just",
        "new",
        "now",
        "today",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)


def clean_statement(text: str) -> str:
    """The statement without links, a pasted post's signature, handle and hashtag signs, and extra spaces."""
    text = SIGNATURE.sub("", text)
    text = URL.sub(" ", text)
    text = HANDLE.sub(r"\1", text)
    text = HASHTAG.sub(r"\1", text)
    return " ".join(text.split())


def signature_date(text: str) -> date | None:
    """The date a pasted post's signature gives ("— Name (@handle) February 25, 2016"), if any."""
    match = SIGNATURE.search(text)
    if not match or not match.group("date"):
        return None
    return parse_month_date(match.group("date"))


def parse_month_date(value: str) -> date | None:
    found = DATE_TEXT.search(value)
    if not found:
        return None
    month = MONTHS.get(found.group(1).lower())
    if month is None:
        return None
    try:
        return date(int(found.group(3)), month, int(found.group(2)))
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def numbers(text: str) -> frozenset[str]:
    """Numbers as written, normalised: "4,300", "$4300" and "4300" are the same number; years included."""
    found = set()
    for raw in NUMBER.findall(text):
        value = raw.lower().replace("$", "").replace(",", "").replace("per cent", "%").replace("percent", "%")
        value = value.replace(" ", "")
        if value.endswith(".0"):
            value = value[:-2]
        found.add(value)
    return frozenset(found)


@lru_cache(maxsize=8192)
def names(text: str) -> frozenset[str]:
    """Likely names: capitalised words not at the start of a sentence, and acronyms, lower-cased."""
    found = set()
    previous = ""
    since = 0  # the text before a word ends a sentence if it does from the previous word on
    for match in WORD.finditer(text):
        word = match.group().strip(".'’-")
        before, since = text[since : match.start()], match.start()
        if not word:
            continue
        starts_sentence = not previous or bool(SENTENCE_END.search(before))
        lowered = word.lower()
        if word.isupper() and len(word) > 1 and lowered not in NOT_NAMES:
            found.add(lowered)
        elif word[0].isupper() and not starts_sentence and lowered not in NOT_NAMES:
            found.add(lowered.removesuffix("'s").removesuffix("’s"))
        previous = word
    return frozenset(found)


@lru_cache(maxsize=8192)
def words(text: str) -> frozenset[str]:
    """Lower-cased words, possessives dropped."""
    return frozenset(word.lower().strip(".'’-").removesuffix("'s").removesuffix("’s") for word in WORD.findall(text))


@lru_cache(maxsize=8192)
def has_negation(text: str) -> bool:
    return bool(NEGATION.search(text))


@lru_cache(maxsize=8192)
def parse_tsvector(value: str) -> dict[str, list[tuple[int, str]]]:
    """PostgreSQL's text form of a tsvector ("'word':1A,5B 'other':2") as lexeme → [(position, weight)]."""
    lexemes: dict[str, list[tuple[int, str]]] = {}
    for lexeme, positions in TSVECTOR_ITEM.findall(value):
        lexeme = lexeme.replace("''", "'")
        entries = []
        for item in positions.split(","):
            if not item:
                continue
            weight = item[-1] if item[-1] in "ABC" else "D"
            entries.append((int(item.rstrip("ABCD")), weight))
        lexemes[lexeme] = entries
    return lexemes


TSVECTOR_ITEM = re.compile(r"'((?:[^']|'')*)'(?::([\dABCD,]+))?")

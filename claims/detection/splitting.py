"""Split a sentence into atomic clauses, each pointing at the sub-span it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .attribution import Context, clean_name
from .segmentation import word_count

_SUBORDINATE_RE = re.compile(r"^(?:While|Although|Though|Whereas)\s+")
_SAID_WAS_RE = re.compile(
    r",\s+(?:at|for|with)\s+what\s+((?:the\s+)?[\w’'&-]+(?:\s+[\w’'&-]+){0,3}?)\s+"
    r"(?:said|says|claimed|claims|reported|estimated)\s+(?:was|were|is|are)\s+"
)
_WHICH_RE = re.compile(r"(?:,|—|–|\s-)\s*which\s+(?=[a-z])|\s(?:that|which)\s+(?=will\s)")
_APPOSITIVE_RE = re.compile(r",\s+([A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*){0,2}),\s+that\s+(?=[a-z])")
_BUT_RE = re.compile(r"(?:;|,\s+but)\s+(?=[\w“\"‘])")
# "… performs on par with o1—at a much lower price": the price is a claim of its own.
_DASH_PRICE_RE = re.compile(
    r"\s?[—–]\s?(?=(?:at|for)\s+[^—–]{0,40}?\b(?:price|prices|cost|costs|fraction|cheaper|discount|free of charge)\b[^—–]*$)"
)
_SUBJECT_RE = re.compile(r"^(?:\[[^\]]{1,60}\]|[A-Z][\w’'.&-]*(?:\s+[A-Z0-9][\w’'.&-]*){0,3})(?=\s+[a-z])")
_OBJECT_NOUN_RE = re.compile(
    r"\b(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}?(model|product|system|project|plan|deal|chip|drug|vaccine|policy|programme|program)\b"
)
_NP_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "if",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "some",
        "any",
        "all",
        "many",
        "much",
        "replicate",
        "use",
        "using",
    ]
)
_ATTACHING = frozenset(["of", "from", "by", "with", "in", "on", "at", "for", "to", "and", "or"])
_QUANTIFIERS = frozenset(["some", "many", "most", "all", "one", "each", "several", "few", "none", "both", "any"])
_POSSESSIVES = frozenset(["its", "their", "his", "her", "our", "my", "your"])
_PREPOSITIONS = frozenset(["on", "of", "in", "from", "with"])
_TRAILING_PUNCT = " ,;:—–-"


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    text: str
    speaker: str | None = None
    # An aside ("while …", ", which …") is the author's, not the quoted speaker's.
    aside: bool = False


def _clause(
    sentence: str,
    offset: int,
    start: int,
    end: int,
    text: str | None = None,
    speaker: str | None = None,
    aside: bool = False,
) -> Clause:
    while start < end and sentence[start] in " \t,;—–":
        start += 1
    while end > start and sentence[end - 1] in _TRAILING_PUNCT:
        end -= 1
    span = sentence[start:end]
    wording = span if text is None else text
    return Clause(offset + start, offset + end, wording, speaker, aside)


def _antecedent(before: str) -> str | None:
    """The noun phrase a non-restrictive "which" refers to: "some of DeepSeek's efficiency measures".

    None unless the phrase is certain: after "programs from Novo Nordisk, which allow …" the "which" may
    refer to the programs, so a preposition in front of the phrase makes it ambiguous ("some of X" excepted).
    """
    words = before.rstrip(_TRAILING_PUNCT).split()
    taken: list[str] = []
    while words and len(taken) < 5:
        word = words[-1]
        if word.lower() in _POSSESSIVES:
            taken.insert(0, word)
            break
        if word.lower() in _NP_STOP:
            # "training on ChatGPT outputs": keep a gerund and its preposition.
            if word.lower() in _PREPOSITIONS and len(words) > 1 and words[-2].endswith("ing"):
                taken = [words[-2], word, *taken]
            elif word.lower() in _ATTACHING and not (
                word.lower() == "of" and len(words) > 1 and words[-2].lower() in _QUANTIFIERS
            ):
                return None
            break
        taken.insert(0, word)
        words.pop()
    if not taken or len(taken) == 5:
        return None
    phrase = " ".join(taken)
    return phrase[0].upper() + phrase[1:]


def _split_simple(sentence: str, offset: int, start: int, end: int) -> list[Clause]:
    """Split on "; " and ", but " when both sides are long enough to stand alone."""
    clauses = []
    cursor = start
    # A quotation is one speaker's statement; splitting it would leave unbalanced quote marks.
    quoted = sentence[:1] in '“"‘' or (";" not in sentence and ", but" not in sentence)
    for match in () if quoted else _BUT_RE.finditer(sentence, start, end):
        if word_count(sentence[cursor : match.start()]) >= 4 and word_count(sentence[match.end() : end]) >= 3:
            clauses.append(_clause(sentence, offset, cursor, match.start()))
            cursor = match.end()
    clauses.append(_clause(sentence, offset, cursor, end))
    return clauses


def _which_start(sentence: str, match: re.Match[str]) -> int:
    for word in ("which", "that"):
        found = sentence.find(word, match.start(), match.end())
        if found >= 0:
            return found
    return match.end()


def _split_appositive(sentence: str, offset: int, start: int, end: int) -> list[Clause] | None:
    """ "released a model, R1, that performs …" → the release, and "R1 performs …"."""
    if "that" not in sentence:
        return None
    match = _APPOSITIVE_RE.search(sentence, start, end)
    if not match or word_count(sentence[start : match.start()]) < 3:
        return None
    name = match.group(1)
    head = _split_simple(sentence, offset, start, match.end(1))
    rest = sentence[match.end() : end].rstrip(_TRAILING_PUNCT)
    that = sentence.rfind("that", match.start(), match.end())
    return [*head, _clause(sentence, offset, that, end, f"[{name}] {rest}")]


def _split_which(sentence: str, offset: int, start: int, end: int) -> list[Clause]:
    appositive = _split_appositive(sentence, offset, start, end)
    if appositive:
        return appositive
    match = _WHICH_RE.search(sentence, start, end) if "which" in sentence or "will" in sentence else None
    if not match or word_count(sentence[start : match.start()]) < 4:
        return _split_simple(sentence, offset, start, end)
    antecedent = _antecedent(sentence[start : match.start()])
    if not antecedent:
        # The clause cannot stand alone without guessing what "which" refers to: keep the sentence whole.
        return _split_simple(sentence, offset, start, end)
    head = _split_simple(sentence, offset, start, match.start())
    rest = sentence[match.end() : end].rstrip(_TRAILING_PUNCT)
    which = _which_start(sentence, match)
    restrictive = sentence[match.start()].isspace()
    tail = _clause(sentence, offset, which, end, f"[{antecedent}] {rest}", aside=not restrictive)
    return [*head, tail]


def _split_said_was(sentence: str, offset: int, start: int, end: int, context: Context) -> list[Clause]:
    match = _SAID_WAS_RE.search(sentence, start, end) if " what " in sentence else None
    if not match:
        return _split_which(sentence, offset, start, end)
    raw_speaker = match.group(1)
    speaker = context.referent(raw_speaker) if raw_speaker.lower().startswith("the ") else clean_name(raw_speaker)
    speaker = speaker or raw_speaker
    head = _split_which(sentence, offset, start, match.start())
    noun = _OBJECT_NOUN_RE.search(sentence, start, match.start())
    subject = f"the {noun.group(1)}" if noun else "it"
    rest = sentence[match.end() : end].rstrip(_TRAILING_PUNCT)
    # Square brackets mark the words we supply, as an editor would in a quotation.
    wording = f"{speaker} said [{subject} came at] {rest}"
    tail = _clause(sentence, offset, match.start() + 1, end, wording, speaker)
    return [*head, tail]


def _split_dash_price(sentence: str, offset: int, clause: Clause) -> list[Clause]:
    """ "X performs on par with Y—at a much lower price" → the comparison, and "X [is offered] at …"."""
    if "—" not in clause.text and "–" not in clause.text:
        return [clause]
    in_text = _DASH_PRICE_RE.search(clause.text)
    in_span = _DASH_PRICE_RE.search(sentence, clause.start - offset, clause.end - offset)
    if not in_text or not in_span or word_count(clause.text[: in_text.start()]) < 5:
        return [clause]
    subject = _SUBJECT_RE.match(clause.text)
    name = subject.group() if subject and subject.group().strip("[]") not in _NOT_SUBJECTS else None
    tail = clause.text[in_text.end() :].rstrip(_TRAILING_PUNCT + ".")
    head = _clause(sentence, offset, clause.start - offset, in_span.start(), clause.text[: in_text.start()])
    # Without a named subject the price clause keeps the article's words only: guessing "it" could be wrong.
    wording = f"{name} [is offered] {tail}" if name else None
    rest = _clause(sentence, offset, in_span.end(), clause.end - offset, wording)
    return [
        replace(head, speaker=clause.speaker, aside=clause.aside),
        replace(rest, speaker=clause.speaker, aside=clause.aside),
    ]


_NOT_SUBJECTS = frozenset(["The", "A", "An", "This", "That", "These", "Those", "It", "There", "Then", "But", "And"])


def split_sentence(sentence: str, offset: int, context: Context) -> list[Clause]:
    """Return the atomic clauses of `sentence`, which starts at `offset` in the document."""
    parts = [(0, len(sentence))]
    sub = _SUBORDINATE_RE.match(sentence)
    if sub:
        comma = sentence.find(", ", sub.end())
        if comma > 0 and word_count(sentence[sub.end() : comma]) >= 4 and word_count(sentence[comma:]) >= 4:
            parts = [(sub.end(), comma), (comma + 2, len(sentence))]
    clauses: list[Clause] = []
    for index, (start, end) in enumerate(parts):
        found = _split_said_was(sentence, offset, start, end, context)
        if len(parts) > 1 and index == 0:
            found = [replace(c, aside=True) for c in found]
        clauses.extend(found)
    if "—" in sentence or "–" in sentence:
        clauses = [part for clause in clauses for part in _split_dash_price(sentence, offset, clause)]
    return [c for c in clauses if c.end > c.start]

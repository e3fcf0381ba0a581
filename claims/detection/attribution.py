"""Find who made a statement and what "it" or "the lab" refers to, using only the text itself."""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w.’'&-]*(?:\s+(?:(?:of|for|and|the|de|on)\s+)?[A-Z][\w.’'&-]*){0,4}"
_SPEECH_VERBS = (
    r"(?:said|says|added|told|wrote|argued|noted|reported|reports|announced|claimed|estimated|warned|stated)"
)
_SAID_RE = re.compile(rf"\b({_NAME})\s+(?:also\s+|has\s+|had\s+)?{_SPEECH_VERBS}\b")
_SAID_AFTER_RE = re.compile(rf"[,”\"]\s*{_SPEECH_VERBS}\s+({_NAME})")
_ACCORDING_RE = re.compile(rf"\baccording to\s+(?:the\s+)?({_NAME})")
_TITLES = frozenset(
    [
        "President",
        "Chancellor",
        "Prime",
        "Mayor",
        "Commissioner",
        "Economist",
        "Officer",
        "Executive",
        "Manager",
        "Editor",
        "Judge",
        "Justice",
        "General",
        "Ambassador",
        "Leader",
        "Speaker",
        "Adviser",
        "Advisor",
        "Director",
        "Chief",
        "CEO",
        "Senator",
        "Governor",
        "Minister",
        "Secretary",
        "Professor",
        "Prof",
        "Dr",
        "Dr.",
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Chairman",
        "Chair",
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "Analyst",
        "Lead",
        "Head",
        "Founder",
        "Representative",
        "Rep.",
        "Sen.",
        "Gov.",
        "The",
        "Then",
        "But",
        "And",
        "While",
        "However",
        "Meanwhile",
    ]
)
# Capitalised at the start of a sentence without being a name: "In 2020, …", "After the vote, …".
_NOT_SUBJECT_WORDS = frozenset(
    [
        "In",
        "On",
        "At",
        "For",
        "As",
        "After",
        "Before",
        "With",
        "By",
        "From",
        "If",
        "When",
        "While",
        "Although",
        "Since",
        "During",
        "Under",
        "Over",
        "According",
        "Despite",
        "Across",
        "Among",
        "Between",
        "Through",
        "Without",
        "Within",
        "Last",
        "Next",
        "Earlier",
        "Later",
        "Today",
        "Yesterday",
        "Here",
        "Some",
        "Many",
        "Most",
        "All",
        "Each",
        "Every",
        "No",
        "One",
        "Two",
        "Three",
        "Several",
        "Both",
        "Such",
        "Other",
        "Another",
        "Instead",
        "However",
    ]
)
_DETERMINERS = frozenset(["The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her"])
_NOT_NAMES = frozenset(["It", "He", "She", "They", "We", "I", "You", "This", "That", "There", "Then"])
_LEAD_SUBJECT_RE = re.compile(
    r"^(?:(?:Then|Now|Also|However|Meanwhile|But|And|So|Still|Yet),?\s+)?"
    r"(?:(?:last|this|next|earlier|later)\s+\w+,?\s+|in\s+[A-Z]\w+,?\s+)?"
    rf"({_NAME})(?=\s+(?!and\b|or\b)[a-z])"
)
_HEAD_NOUNS = "lab|company|firm|startup|start-up|group|agency|chipmaker|carrier|bank|government|ministry"
_HEAD_NOUN_LIST = tuple(_HEAD_NOUNS.split("|"))
_HEAD_RE = re.compile(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?({_HEAD_NOUNS})\b", re.IGNORECASE)
_ANAPHOR_RE = re.compile(
    rf"^(?:It(?!\s+(?:is|was|’s|'s|has been)\b)(?=\s)|(?:The|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{_HEAD_NOUNS}))\b"
)


def clean_name(name: str) -> str | None:
    words = name.split()
    # "Mozilla Foundation President Mark Surman": the name is what follows the last title.
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _TITLES or words[index].endswith(("’s", "'s")):
            words = words[index + 1 :]
            break
    if not words or words[0] in _NOT_NAMES:
        return None
    return " ".join(words).rstrip(".,")


_SPEECH_CUES = (
    "said", "says", "added", "told", "wrote", "argued", "noted", "report", "announced", "claimed",
    "estimated", "warned", "stated",
)  # fmt: skip


def find_claimant(text: str) -> str | None:
    """Return the person or organisation the sentence attributes its statement to."""
    patterns: tuple[re.Pattern[str], ...] = ()
    if any(cue in text for cue in _SPEECH_CUES):
        patterns = (_SAID_RE, _SAID_AFTER_RE)
    if "according to" in text:
        patterns += (_ACCORDING_RE,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = clean_name(match.group(1))
            if name:
                return name
    return None


class Context:
    """What the article has named so far, so later references can be resolved."""

    def __init__(self) -> None:
        self.last_subject: str | None = None
        # Sentences since last_subject was named: "It" only refers back to the sentence before.
        self.subject_age = 0
        self.by_head: dict[str, str] = {}

    def observe(self, text: str) -> None:
        self.subject_age += 1
        match = _LEAD_SUBJECT_RE.match(text)
        if not match:
            return
        # "The Chinese AI lab" is a description, not a name to resolve later references to.
        first = match.group(1).split()[0]
        if first in _DETERMINERS or first in _NOT_SUBJECT_WORDS:
            return
        name = clean_name(match.group(1))
        if not name or name.split()[0] in _NOT_SUBJECT_WORDS:
            return
        self.last_subject = name
        self.subject_age = 0
        lowered = text.lower()
        if not any(noun in lowered for noun in _HEAD_NOUN_LIST):
            return
        for head in _HEAD_RE.finditer(text):
            self.by_head.setdefault(head.group(1).lower(), name)

    def referent(self, phrase: str) -> str | None:
        head = _HEAD_RE.search("the " + phrase if not phrase.lower().startswith("the") else phrase)
        if head:
            return self.by_head.get(head.group(1).lower())
        if phrase == "It" and self.subject_age <= 1:
            return self.last_subject
        return None

    def resolve(self, text: str) -> str:
        """Replace a leading "It" or "The lab" with the name the article gave it, when known."""
        match = _ANAPHOR_RE.match(text)
        if not match:
            return text
        name = self.referent(match.group())
        if not name:
            return text
        # Square brackets mark the words supplied in place of the article's own, as an editor would.
        return f"[{name}]" + text[match.end() :]

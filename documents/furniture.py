"""Rules that tell page furniture (skip links, credits, promos) from article text. Must not import claims."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_SPACES = re.compile(r"[^\S\n]+")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_SKIP_LINK = re.compile(r"^(skip|jump) to (the )?(main )?(content|article|navigation|search)$", re.I)
_READING_TIME = re.compile(
    r"^(\d+|one|two|three|four|five|ten)[ -]?(min|mins|minute|minutes)( read| reading time)?$"
    r"|^(reading time|lesezeit|temps de lecture)\s*:?\s*\d+\s*(min|minutes?)\.?$",
    re.I,
)
# Agencies and picture desks whose name ends a credit line.
_AGENCIES = (
    r"getty images|reuters|ap photo|ap|afp|associated press|shutterstock|alamy|epa|pa media|"
    r"pa wire|dpa|bloomberg|istock|anadolu|xinhua|efe|ansa|sipa|nurphoto|unsplash"
)
_CREDIT_PATTERNS = (
    re.compile(rf"(^|[\s/(|,])({_AGENCIES})(\s*(via|/)\s*.*)?\)?\.?$", re.I),
    re.compile(
        r"^\(?(photo(graph)?s?|image|picture|pictures|illustration|credit|foto|bild)\s*(:|by|credit)",
        re.I,
    ),
    # "Greg Baker/Getty Images", "Kevin Tran / Southside Courier": a name, a slash, a source.
    re.compile(r"^\(?[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’ &-]+\)?\.?$"),
)
_PROMO_CUES = re.compile(
    r"\b(subscribe|subscription|sign up|sign-up|newsletter|inbox|download (the|our) app|"
    r"keeps? [\w ,]+ up[ -]to[ -]date|follow us|support (local|our|independent) journalism|"
    r"donate|get (the|our) [\w ]+ (delivered|in your)|don'?t miss)\b",
    re.I,
)
_SHARE_WORDS = {
    "share", "tweet", "facebook", "twitter", "x", "email", "e-mail", "whatsapp", "linkedin",
    "copy", "link", "print", "pinterest", "reddit", "telegram", "on", "this", "article", "post",
    "story", "save", "comment", "comments", "partager", "teilen", "–", "-", "|", "·", ":",
}  # fmt: skip
_BOILERPLATE = re.compile(
    r"^(advertisement|anzeige|publicité|sponsored|ad|story continues below|"
    r"continue reading( below)?|read more|related( stories| articles)?|most read|trending( now)?|"
    r"(lesen sie auch|read also|see also|related|more)\s*:.*|tags?\s*:.*|filed under.*|"
    r"(©|\(c\)|copyright\b).{0,150}|.{0,150}\ball rights reserved\.?)$",
    re.I,
)
_BYLINE = re.compile(r"^(by|von|par|por|door|di)\s+(?P<names>[^\d.!?]{3,120})$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,| and | und | et | y |&)\s*")


# Captions are a line; a longer paragraph above a picture credit is article text.
CAPTION_MAX_WORDS = 18


def normalise(text: str) -> str:
    """NFC, one space between words, paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\x00", "")
    paragraphs = [_SPACES.sub(" ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def normalise_apostrophes(text: str) -> str:
    """For comparisons only: stored text keeps the article's own characters."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")


def words(line: str) -> int:
    """Words separated by spaces; in Chinese and Japanese, which use none, each character counts."""
    return len(_WORDS.findall(line)) if _HAS_CJK.search(line) else len(line.split())


def is_credit(line: str) -> bool:
    if words(line) > 10:
        return False
    agency, labelled, name_slash_source = (p.search(line) for p in _CREDIT_PATTERNS)
    # "reported by Reuters." is a sentence; a credit is names only ("Jane Roe, Reuters").
    names_only = all(
        w[:1].isupper() or not w[:1].isalpha() or w in {"via", "for", "and"} for w in line.strip("().").split()
    )
    return bool(labelled or name_slash_source or (agency and names_only and words(line) <= 6))


def is_share_row(line: str) -> bool:
    tokens = re.findall(r"[\w-]+|[|·:–]", line.lower())
    return bool(tokens) and words(line) <= 12 and all(t in _SHARE_WORDS for t in tokens)


def is_promo(line: str) -> bool:
    return words(line) <= 40 and _PROMO_CUES.search(line) is not None


def is_furniture(line: str) -> bool:
    """Whether a paragraph on its own is page furniture rather than article text."""
    line = line.strip()
    return bool(
        not line
        or _SKIP_LINK.match(line)
        or _READING_TIME.match(line)
        or _BOILERPLATE.match(line)
        or is_credit(line)
        or is_share_row(line)
        or is_promo(line)
    )


def byline_names(line: str) -> list[str]:
    """The names in a visible byline ("By Jane Doe and John Roe"), or [] if it is not one."""
    match = _BYLINE.match(line.strip())
    if match is None or words(line) > 14:
        return []
    names = []
    for part in _BYLINE_SPLIT.split(match.group("names")):
        part = part.strip(" ·|")
        # Stop at job titles and dates that follow the names ("Jane Doe, Transport correspondent").
        if not part or not part[0].isupper() or words(part) > 4:
            break
        if all(w[0].isupper() or w.lower() in {"de", "van", "von", "da", "le"} for w in part.split()):
            names.append(part)
    return names


def is_prose(line: str) -> bool:
    ending = line.rstrip("\"'”’“„)»«")
    return words(line) >= 12 or (words(line) >= 5 and ending.endswith((".", "!", "?", "…", "。", "！", "？")))


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Drop furniture, captions before credit lines, bylines and repeated lines.

    A line repeated verbatim is a promo or a label and goes; a repeated sentence or long paragraph
    is a pull quote or a recap, and its first copy stays.
    """
    counts = Counter(p for p in paragraphs if words(p) >= 3)
    seen: set[str] = set()
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if (
            is_furniture(paragraph)
            or paragraph in seen
            or (counts[paragraph] > 1 and not is_prose(paragraph))
            or byline_names(paragraph)
            # A short line just above a picture credit is that picture's caption.
            or (is_credit(following) and words(paragraph) <= CAPTION_MAX_WORDS)
        ):
            continue
        kept.append(paragraph)
        if words(paragraph) >= 3:
            seen.add(paragraph)
    return kept

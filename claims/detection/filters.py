"""Recognise text that is not a claim: page furniture, questions, greetings, opinion, predictions."""

from __future__ import annotations

import re

from .segmentation import Segment, word_count

_FURNITURE_RE = re.compile(
    r"""^(?:skip\ to\ (?:main\ )?content|skip\ navigation|advertisement|sponsored(?:\ content)?
    |share(?:\ this(?:\ article|\ story)?)?|read\ more|related(?:\ articles?|\ stories|\ topics)?
    |sign\ (?:up|in)(?:\ for\ .*)?|log\ ?in|subscribe(?:\ to\ .*|\ now)?|follow\ us\b.*|newsletter
    |menu|search|home|listen\ to\ (?:this\ )?article.*|print|email|comments?|\d+\ comments?
    |(?:\d+|one|two|three|four|five)\ min(?:ute)?s?\ read
    |(?:updated|published|posted)(?::|\ on|\ at)?\ (?:\d.*|[a-z]{3,9}\.?\ \d.*|\d+\ \w+\ ago)
    |(?:photo|image|picture|video|illustration)(?:\ credit)?s?:\ .*|©.*|copyright\ .*)$""",
    re.IGNORECASE | re.VERBOSE,
)
# Bylines are case-sensitive: "By contrast, prices fell" is a sentence, "By Sarah Jones" is not.
_BYLINE_RE = re.compile(
    r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:(?:,| and)\s+[A-Z][\w.'’-]+(?:\s+[\w.'’-]+){0,3})?$"
)
_PROMO_RE = re.compile(
    r"\b(?:keep up with|sign up for|subscribe to|up[- ]to[- ]date on the latest|in your inbox"
    r"|our newsletter|get the latest|follow us on|click here|download (?:our|the) app)\b",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"(?:/|\bvia\s|\bfor\s|\bby\s|\(|^)\s*(?:Getty(?: Images)?|AFP|Reuters|AP(?: Photo)?|Shutterstock"
    r"|Bloomberg|EPA|Alamy|Unsplash|iStock|Xinhua|Wikimedia Commons)(?: (?:Images|Photo|via [\w ]+))?"
    r"(?:\s*/\s*[\w .'’-]{1,40})?\)?\.?$"
)
_CAPTION_RE = re.compile(
    r"^(?:[A-Z][\w’'-]*\s+){1,4}(?:displaying|showing|holding|pictured|seen|walking|standing|"
    r"sitting|speaking|attending|waving|looking)\b",
)
_KICKER_RE = re.compile(r"^(?:[A-Z][\w’'&.-]*)(?:\s+[\w’'&.-]+){0,3}:\s+(?=[A-Z“\"‘'])")
_GREETING_RE = re.compile(
    r"^(?:thank you|thanks|hello|hi|good (?:morning|afternoon|evening|night)|welcome|"
    r"ladies and gentlemen|congratulations|goodbye|god bless)\b",
    re.IGNORECASE,
)
_PREDICTION_RE = re.compile(
    r"\b(?:will|won[’']t|wo n[’']t|’ll|'ll|shall|going to|is expected to|are expected to"
    r"|expects?|would(?: not)? (?:necessarily )?expect|predicts?|forecasts?|likely to|will likely"
    r"|is set to|are set to|eventually|sooner or later|(?:might|could|may) mean)\b|\b\w+[’']ll\b",
    re.IGNORECASE,
)
_BELIEF_RE = re.compile(
    r"\b(?:i|we)\s+(?:do\s+|really\s+|strongly\s+)?(?:think|believe|feel|hope|wish|am sure|’m sure|'m sure)\b"
    r"|\b(?:in my (?:view|opinion)|i[’']m sure|i[’']m confident|it[’']s a (?:positive|good|great|bad|terrible))\b",
    re.IGNORECASE,
)
_PRESCRIPTION_RE = re.compile(r"\b(?:needs? to|should|must|ought to|have to|has to|let[’']s)\b", re.IGNORECASE)
# "Employers must pay … under federal law" states a rule, which is checkable.
_RULE_CONTEXT_RE = re.compile(
    r"\b(?:law|laws|rules?|regulations?|required|requires|act|court|ruling|treaty|constitution|"
    r"statute|directive|under|mandated|mandatory|codes?|standards?|limits?|obliged|obligated)\b",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(r"\d")


def _could_be_furniture(text: str) -> bool:
    """A cheap test that lets most sentences skip the furniture pattern."""
    head = text[:12].lower()
    return head.startswith(_FURNITURE_STARTS) or head[:1].isdigit() or len(text) < 40


_FURNITURE_STARTS = (
    "skip", "advert", "sponsor", "share", "read", "related", "sign", "log", "subscri", "follow",
    "newsletter", "menu", "search", "home", "listen", "print", "email", "comment", "one ", "two ",
    "three", "four", "five", "updated", "published", "posted", "photo", "image", "picture", "video",
    "illustration", "©", "copyright",
)  # fmt: skip
_PROMO_WORDS = (
    "keep up", "sign up", "subscribe", "up to date", "up-to-date", "inbox", "newsletter", "get the latest",
    "follow us", "click here", "download",
)  # fmt: skip


def furniture_reason(segment: Segment, *, lines: int, repeated: bool) -> str | None:
    """Why this sentence is page furniture rather than article text, or None.

    Line-level tests only run when the sentence is the whole line: a paragraph of many sentences would
    otherwise be scanned once per sentence, which is quadratic in its length.
    """
    text = segment.text
    whole_line = segment.line_sentences == 1
    line = segment.line_text if whole_line else text
    if _could_be_furniture(text) and _FURNITURE_RE.match(text):
        return "page furniture"
    if whole_line and line is not text and _could_be_furniture(line) and _FURNITURE_RE.match(line):
        return "page furniture"
    if line.startswith("By ") and _BYLINE_RE.match(line):
        return "byline"
    lowered = text.lower()
    if any(word in lowered for word in _PROMO_WORDS) and _PROMO_RE.search(text):
        return "promotion or newsletter sign-up"
    if repeated and lines > 2:
        return "repeated block (pull quote or boilerplate)"
    if len(text) < 120 and _CREDIT_RE.search(text) and word_count(text) <= 8:
        return "photo credit"
    if lines > 1 and whole_line and len(line) < 400:
        words = word_count(line)
        if words <= 10 and _CAPTION_RE.match(line):
            return "image caption"
        if not line.rstrip("”\"’')").endswith((".", "!", "?", "…")):
            if words <= 3:
                return "section label"
            if words <= 16:
                return "headline"
    return None


# "STEVE INSKEEP, HOST:" or "UNIDENTIFIED PERSON #1:" opens a transcript turn; the words that follow are the turn.
_SPEAKER_LABEL_RE = re.compile(r"^([A-Z][A-Z.'’-]+(?:[ ,]+[A-Z#\d][A-Z.'’#\d-]*){0,5}):\s*")
# "(SOUNDBITE OF ARCHIVED BROADCAST)", "(Chanting)", "[Laughter]": stage directions of a transcript.
_STAGE_RE = re.compile(r"^\s*[(\[][A-Za-z][^()\[\]]{0,80}[)\]]\s*")
_SIGN_OFF_RE = re.compile(
    r"^(?i:for|from)\s+[^.!?]{1,40}?,?\s+I[’']m\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,2}(?:\s+(?:in|at)\s+[\w .’'-]{1,30})?\.?$"
    r"|^I[’']m\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,2},?\s+(?:and\s+(?:this|that)\s+is|for|in|with|at|reporting)\b"
    r"|^(?:this\s+is|that[’']s)\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,2}\s*,?\s*(?:reporting|for|in)\b",
)
_DISCLAIMER_RE = re.compile(
    r"\b(?:transcripts?\s+(?:is|are)\s+(?:created|produced|provided|generated)"
    r"|this\s+(?:text|transcript|article|story|copy)\s+(?:may|has|was|is)\s+(?:not\s+be\s+in\s+its\s+final|been\s+(?:updated|edited|corrected)|updated|automatically)"
    r"|(?:the\s+)?authoritative\s+record\s+of|accuracy\s+and\s+availability\s+may\s+vary"
    r"|all\s+rights\s+reserved|(?:this|the)\s+(?:story|article)\s+(?:has\s+been|was)\s+(?:corrected|updated)\s+to)\b",
    re.IGNORECASE,
)
_INTERJECTIONS = frozenset(
    [
        "yeah",
        "yes",
        "yep",
        "no",
        "nope",
        "okay",
        "ok",
        "oh",
        "uh",
        "um",
        "hmm",
        "mhm",
        "right",
        "sure",
        "well",
        "wow",
        "ah",
        "huh",
        "thanks",
        "hello",
        "hi",
        "bye",
    ]
)
# Words that make a sentence a clause rather than a fragment: auxiliaries, modals and common verbs.
_VERB_WORDS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "says",
        "said",
        "say",
        "told",
        "tells",
        "make",
        "makes",
        "made",
        "take",
        "takes",
        "took",
        "get",
        "gets",
        "got",
        "give",
        "gives",
        "gave",
        "go",
        "goes",
        "went",
        "come",
        "comes",
        "came",
        "rise",
        "rises",
        "rose",
        "fall",
        "falls",
        "fell",
        "grow",
        "grows",
        "grew",
        "cost",
        "costs",
        "pay",
        "pays",
        "paid",
        "show",
        "shows",
        "showed",
        "find",
        "finds",
        "found",
        "lead",
        "leads",
        "led",
        "hold",
        "holds",
        "held",
        "run",
        "runs",
        "ran",
        "remain",
        "remains",
        "seem",
        "seems",
        "appear",
        "appears",
        "keep",
        "keeps",
        "kept",
        "spend",
        "spends",
        "spent",
        "sell",
        "sells",
        "sold",
        "buy",
        "buys",
        "bought",
        "win",
        "wins",
        "won",
        "lose",
        "loses",
        "lost",
        "know",
        "knows",
        "knew",
        "mean",
        "means",
        "meant",
        "include",
        "includes",
        "need",
        "needs",
        "want",
        "wants",
        "use",
        "uses",
        "offer",
        "offers",
        "allow",
        "allows",
    ]
)
_SUBORDINATORS = frozenset(
    [
        "because",
        "although",
        "though",
        "while",
        "whereas",
        "if",
        "unless",
        "since",
        "which",
        "whose",
        "whom",
        "when",
        "whenever",
        "after",
        "before",
        "until",
    ]
)
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "these",
        "those",
        "more",
        "most",
        "very",
        "so",
    ]
)
_WORD_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def speaker_label_length(text: str) -> int:
    """Length of a leading transcript speaker label ("MARY LOUISE KELLY, HOST: "), or 0."""
    match = _SPEAKER_LABEL_RE.match(text)
    if not match:
        return 0
    label = match.group(1)
    # A label is mostly capital letters; "US rules:" or "AI:" are kickers, handled elsewhere.
    letters = [c for c in label if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return 0
    return match.end()


def stage_direction_length(text: str) -> int:
    """Length of leading stage directions such as "(SOUNDBITE OF MUSIC)" or "(Chanting)", or 0."""
    end = 0
    while match := _STAGE_RE.match(text, end):
        if match.end() == end:
            break
        end = match.end()
    return end


def is_fragment(text: str) -> bool:
    """True for a bit of text that is not a clause: "Vouchers.", "Yeah.", "Because of the cost of care."."""
    rough = text.split()
    if len(rough) > 12 or (len(rough) > 3 and rough[0].lower().strip("“\"‘'(") not in _SUBORDINATORS):
        return False  # the rules below only judge very short or subordinate-led text
    words = _WORD_TOKEN_RE.findall(text)
    lowered = [w.lower() for w in words]
    if not lowered:
        return True
    if all(w in _INTERJECTIONS for w in lowered):
        return True
    if any(c in text for c in ("’re", "'re", "’ve", "'ve", "’m", "'m")):
        return False
    previous = ""
    for w in lowered:
        # "the complicated nature": an -ed word after a determiner is an adjective, not a verb.
        if w in _VERB_WORDS or w.endswith(("n’t", "n't")) or (w.endswith("ed") and previous not in _DETERMINERS):
            return False
        previous = w
    if len(lowered) <= 3:
        # "R1 performs well" has a verb the list above does not know; "Tax up 4%" has none.
        return not any(w.endswith("s") for w in lowered[1:])
    # "Because of the cost of care." is a fragment; a longer sentence or one with a comma may hide its verb.
    return lowered[0] in _SUBORDINATORS and len(lowered) <= 12 and "," not in text


def kicker_length(text: str) -> int:
    """Length of a leading label such as "Costs remain: " that is not part of the claim."""
    colon = text.find(":", 0, 60)
    if colon < 0:
        return 0
    match = _KICKER_RE.match(text)
    if match and word_count(match.group()) <= 4:
        return match.end()
    return 0


def non_claim_reason(text: str) -> str | None:
    """Why the sentence cannot be a claim at all (a question, greeting, sign-off, disclaimer, fragment), or None."""
    stripped = text.rstrip(" \"”’')")
    if stripped.endswith("?"):
        return "question"
    opening = text.lstrip("“\"‘' ")
    if _GREETING_RE.match(opening) and word_count(text) <= 12:
        return "greeting or thanks"
    if ("I’m" in text or "I'm" in text or "reporting" in text) and _SIGN_OFF_RE.match(opening):
        return "sign-off"
    lowered = text.lower()
    if any(cue in lowered for cue in _DISCLAIMER_CUES) and _DISCLAIMER_RE.search(text):
        return "disclaimer"
    if is_fragment(text):
        return "fragment without a verb"
    return None


_DISCLAIMER_CUES = (
    "transcript",
    "this text",
    "this article",
    "this story",
    "this copy",
    "authoritative",
    "accuracy",
    "rights reserved",
    "the story",
    "the article",
)


# Words one of which must occur for the pattern above to match; checked first because it is cheap.
_PREDICTION_CUES = (
    "will", "won", "’ll", "'ll", "shall", "going to", "expect", "predict", "forecast", "likely", "set to",
    "eventually", "sooner", " mean",
)  # fmt: skip
_BELIEF_CUES = ("i ", "we ", "i’m", "i'm", "in my", "it’s a", "it's a")
_PRESCRIPTION_CUES = ("need", "should", "must", "ought", "have to", "has to", "let’s", "let's")


def is_prediction(text: str) -> bool:
    """True for statements about the future, which cannot be checked yet."""
    lowered = text.lower()
    return any(cue in lowered for cue in _PREDICTION_CUES) and bool(_PREDICTION_RE.search(text))


def is_opinion(text: str) -> bool:
    """True for first-person beliefs and prescriptions ("should", "needs to") without figures."""
    if _NUMERIC_RE.search(text):
        return False
    lowered = text.lower()
    if any(cue in lowered for cue in _BELIEF_CUES) and _BELIEF_RE.search(text):
        return True
    if not any(cue in lowered for cue in _PRESCRIPTION_CUES):
        return False
    return bool(_PRESCRIPTION_RE.search(text)) and not _RULE_CONTEXT_RE.search(text)

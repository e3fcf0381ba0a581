"""Turn one sentence into named, interpretable features for the linear scorer."""

from __future__ import annotations

import re

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z’'\-&]*|\d[\d,.]*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DIGIT_RE = re.compile(r"\d")
_PERCENT_RE = re.compile(r"%|\bper ?cent\b|\bpercentage\b", re.IGNORECASE)
_MONEY_RE = re.compile(r"[$£€¥]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds|yuan)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b|\b(?:19|20)\d\d[–-]\d\d\b")
_QUOTE_RE = re.compile(r"[“”\"]")
_COMPARATIVE_THAN_RE = re.compile(r"\b\w+er than\b|\b(?:more|less|fewer) \w+ than\b", re.I)

_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion "
    "billions trillion trillions dozen dozens half third quarter twice double doubled tripled "
    "fraction"
)
_DATE_WORDS = _words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today week weeks month "
    "months year years decade decades century ago since last recent recently annual quarterly "
    "daily"
)
_COMPARATIVE = _words(
    "more less fewer higher lower larger smaller bigger greater better worse faster slower "
    "cheaper richer poorer stronger weaker than compared comparably comparable par versus vs "
    "increase increased increases decrease decreased rise rose risen fell fall fallen grew grow "
    "growth doubled cut cuts lead"
)
_SUPERLATIVE = _words(
    "most least largest biggest highest lowest best worst first only fastest greatest record top leading landmark"
)
_ATTRIBUTION = _words(
    "said says say told reported reports according announced claimed claims stated noted "
    "confirmed revealed wrote testified estimated estimates showed shows found"
)
_HEDGE = _words(
    "may might could perhaps maybe possibly probably likely unlikely seemingly purportedly "
    "reportedly allegedly apparently potentially suggest suggests"
)
_FUTURE = _words(
    "will won’t won't would shall going gonna expect expects expected forecast predict predicts "
    "soon eventually future tomorrow plan plans intend"
)
_FIRST_SINGULAR = _words("i i’m i'm i’ve i've i’d i'd i’ll i'll me my mine myself")
_FIRST_PLURAL = _words("we we’re we're we’ve we've we’ll we'll our ours us ourselves")
_SECOND = _words("you you’re you're your yours you’ve you've")
_OPINION = _words(
    "think believe feel hope wish want sure should must ought need needs needed deserve "
    "wrong right good bad great terrible wonderful awful important absolutely clearly "
    "certainly truly really very positive negative fair unfair best"
)
_STATISTICAL = _words(
    "percent rate rates number numbers average total budget deficit debt tax taxes taxpayers "
    "jobs unemployment unemployed income wages spending spent cost costs price prices revenue "
    "economy economic gdp inflation population billion million dollars funding funds "
    "employees workers poverty students crime murders deaths killed"
)
_RULES = _words(
    "law laws legal illegal bill bills act rule rules regulation regulations restriction "
    "restrictions ban banned sanctions treaty constitution court ruling violation violate "
    "terms legislation legislature vetoed veto signed passed vote voted voting policy"
)
_CAUSAL = _words("because caused cause causes led lead leads due result resulted therefore")
_EVENT = _words(
    "released launched unveiled announced introduced signed passed elected won lost voted "
    "created built opened closed hired fired invaded attacked appointed founded acquired "
    "blocked banned made"
)
_GREETING = _words(
    "thank thanks hello hi welcome congratulations goodnight evening morning applause laughter ladies gentlemen"
)
_FILLER = _words("uh um oh well yes no okay ok yeah")
_NEGATION = _words("not no never n’t n't nothing nobody none neither nor")
_COPULA = _words("is are was were has have had been")
# Common irregular past forms: English grammar, not a topic list.
_IRREGULAR_PAST = _words(
    "made grew rose fell spent took gave built won lost paid sold bought brought became began "
    "went came got kept held led met ran sent told found left cut put set hit rose fought drove "
    "wrote taught thought caught brought chose froze spoke stole swore tore wore broke"
)
# Participles that are not regular "-ed"/"-en" forms nor in the irregular past list above.
_IRREGULAR_PARTICIPLES = _words("grown risen fallen spent taken given become begun gone come run done seen been")
_PARTICIPLE_RE = re.compile(
    r"^(?:\w+ed|\w+en|made|grown|risen|fallen|spent|taken|given|built|won|lost|paid|sold|bought|brought|become|begun|gone|come|got|kept|held|led|met|run|sent|told|found|left|cut|put|set|written|taught|chosen|broken|done|seen|been)$"
)
_PERFECT_RE = re.compile(
    r"\b(?:has|have|had|’ve|'ve)\s+(?:\w+ly\s+|not\s+|never\s+|already\s+|just\s+){0,2}"
    r"(\w+(?:ed|en)|made|grown|risen|fallen|spent|taken|given|built|won|lost|paid|sold|bought|brought|become|begun|gone|kept|held|led|met|sent|found|cut|put|set|written|taught|done|seen)\b",
    re.IGNORECASE,
)
_WE_DID_RE = re.compile(
    r"\b(?:we|we’ve|we've|i|i’ve|i've)\s+(?:have\s+|had\s+|also\s+|already\s+|just\s+|\w+ly\s+){0,2}(\w+)\b",
    re.IGNORECASE,
)
_COUNTED_RE = re.compile(
    r"\b\d[\d,.]*\s+(?:[a-z]+\s+)?[a-z]{3,}s\b|\b\d[\d,.]*\s*(?:%|percent|per cent)", re.IGNORECASE
)
_ONGOING_RE = re.compile(
    r"\b(?:is|are|am|’re|'re|has been|have been)\s+(?:now\s+|already\s+|also\s+|still\s+)?(?!going\b)\w{3,}ing\b",
    re.IGNORECASE,
)
_HAVE = _words("has have had we’ve i’ve you’ve they’ve")
_WE_I = _words("we i we’ve i’ve")
_BE_OR_HAVE = _words("is are am we’re you’re they’re") | _HAVE
_STOP_CAPS = _words(
    "The A An And But Or So If In On At Of To For It This That These Those There Then When While "
    "We I You He She They Our My Your His Her Their Mr Mrs Ms Dr Now Well Yes No Let What Why How "
    "Who Where Which Senator Governor President"
)

FEATURE_LABELS = {
    "has_number": "contains a number",
    "has_percent": "contains a percentage",
    "has_money": "mentions money",
    "has_year": "mentions a year",
    "has_date": "contains a date or time expression",
    "comparative": "compares things (comparative)",
    "superlative": "makes a superlative or ranking claim",
    "named_entities": "mentions named people, places or organisations",
    "acronym": "mentions an acronym (organisation or country)",
    "attribution": "attributes information to a source",
    "quoted": "contains a quotation",
    "hedge": "hedged wording (may, could, reportedly)",
    "future": "future or modal wording",
    "first_singular": "speaks in the first person (I)",
    "first_plural": "speaks for a group (we, our)",
    "second_person": "addresses the listener (you)",
    "opinion": "opinion or value wording",
    "statistical": "uses statistical or economic terms",
    "rules": "mentions laws, rules or policy",
    "causal": "asserts a cause or effect",
    "event_verb": "reports an event (released, signed, elected…)",
    "past_tense": "describes the past",
    "question": "is a question",
    "exclamation": "is an exclamation",
    "greeting": "greeting or thanks",
    "filler": "spoken filler (uh, well, yes)",
    "negation": "contains a negation",
    "copula": "states what is or was (is, was, has)",
    "short": "very short sentence",
    "present_perfect": "states what has been done (has/have + past participle)",
    "we_did": "the speaker reports what they or their side did",
    "counted": "counts things or gives a rate (1,200 teachers, 4%)",
    "figure_in_past": "a figure about the past",
    "ongoing": "describes something under way (are providing, is rising)",
    "length": "sentence length",
}
FEATURE_NAMES = tuple(FEATURE_LABELS)


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


_PERCENT_WORDS = _words("percent percentage per")
_MONEY_WORDS = _words("dollars euros pounds yuan")
_CURRENCY = frozenset("$£€¥")
_QUOTE_CHARS = frozenset('“”"')


def extract_features(text: str) -> dict[str, float]:
    """Return the feature vector of `text`; every value lies in [0, 1].

    Word lists are matched against one set of tokens, and each regular expression runs only when a
    cheap test says it can match: this is the detector's hot loop.
    """
    toks = _TOKEN_RE.findall(text)
    lower = [t.lower() for t in toks]
    if "'" in text:
        lower = [t.replace("'", "’") for t in lower]
    words = set(lower)
    words.update(toks)
    n = len(toks)
    caps = 0
    acronyms = 0
    for i, tok in enumerate(toks):
        if tok[0].isupper():
            if len(tok) > 1 and tok.isupper():
                acronyms += 1
            elif i and tok not in _STOP_CAPS:
                caps += 1
    stripped = text.rstrip(" \"”’')")
    has_digit = bool(_DIGIT_RE.search(text))
    past = 0
    participle = gerund = False
    for t in lower:
        ending = t[-3:]
        if (len(t) > 4 and ending[1:] == "ed") or t in _IRREGULAR_PAST:
            past += 1
        elif ending == "ing":
            gerund = True
        elif ending[1:] in ("en", "ed") or t in _IRREGULAR_PARTICIPLES:
            participle = True
    verbish = past or participle
    perfect = bool(verbish and not words.isdisjoint(_HAVE) and _PERFECT_RE.search(text))
    we_did = bool(verbish and not words.isdisjoint(_WE_I)) and any(
        _is_past_verb(m.group(1).lower()) for m in _WE_DID_RE.finditer(text)
    )
    ongoing = bool(gerund and not words.isdisjoint(_BE_OR_HAVE) and _ONGOING_RE.search(text))
    counted = has_digit and bool(_COUNTED_RE.search(text))
    percent = "%" in text or (not words.isdisjoint(_PERCENT_WORDS) and bool(_PERCENT_RE.search(text)))
    money = bool(
        (has_digit and not _CURRENCY.isdisjoint(text) or not words.isdisjoint(_MONEY_WORDS)) and _MONEY_RE.search(text)
    )
    negation = not words.isdisjoint(_NEGATION) or "n’t" in text or "n't" in text
    return {
        "has_number": 1.0 if has_digit or not words.isdisjoint(_NUMBER_WORDS) else 0.0,
        "has_percent": 1.0 if percent else 0.0,
        "has_money": 1.0 if money else 0.0,
        "has_year": 1.0 if has_digit and _YEAR_RE.search(text) else 0.0,
        "has_date": 0.0 if words.isdisjoint(_DATE_WORDS) else 1.0,
        "comparative": 1.0
        if not words.isdisjoint(_COMPARATIVE) or ("than" in words and _COMPARATIVE_THAN_RE.search(text))
        else 0.0,
        "superlative": 0.0 if words.isdisjoint(_SUPERLATIVE) else 1.0,
        "named_entities": min(caps / 3.0, 1.0),
        "acronym": 1.0 if acronyms else 0.0,
        "attribution": 0.0 if words.isdisjoint(_ATTRIBUTION) else 1.0,
        "quoted": 0.0 if _QUOTE_CHARS.isdisjoint(text) else 1.0,
        "hedge": 0.0 if words.isdisjoint(_HEDGE) else 1.0,
        "future": 1.0 if not words.isdisjoint(_FUTURE) or "’ll" in text or "'ll" in text else 0.0,
        "first_singular": 0.0 if words.isdisjoint(_FIRST_SINGULAR) else 1.0,
        "first_plural": 0.0 if words.isdisjoint(_FIRST_PLURAL) else 1.0,
        "second_person": 0.0 if words.isdisjoint(_SECOND) else 1.0,
        "opinion": min(len(words & _OPINION) / 2.0, 1.0),
        "statistical": min(len(words & _STATISTICAL) / 2.0, 1.0),
        "rules": 0.0 if words.isdisjoint(_RULES) else 1.0,
        "causal": 0.0 if words.isdisjoint(_CAUSAL) else 1.0,
        "event_verb": 0.0 if words.isdisjoint(_EVENT) else 1.0,
        "past_tense": min(past / 2.0, 1.0),
        "question": 1.0 if stripped.endswith("?") else 0.0,
        "exclamation": 1.0 if stripped.endswith("!") else 0.0,
        "greeting": 0.0 if words.isdisjoint(_GREETING) else 1.0,
        "filler": 1.0 if lower and lower[0] in _FILLER else 0.0,
        "negation": 1.0 if negation else 0.0,
        "copula": 0.0 if words.isdisjoint(_COPULA) else 1.0,
        "short": 1.0 if n < 6 else 0.0,
        "length": min(n / 40.0, 1.0),
        "present_perfect": 1.0 if perfect else 0.0,
        "we_did": 1.0 if we_did else 0.0,
        "counted": 1.0 if counted else 0.0,
        "figure_in_past": 1.0 if has_digit and (past or perfect) else 0.0,
        "ongoing": 1.0 if ongoing else 0.0,
    }


def _is_past_verb(word: str) -> bool:
    if word in _NOT_PAST:
        return False
    return (len(word) > 4 and word.endswith("ed")) or word in _IRREGULAR_PAST or bool(_PARTICIPLE_RE.match(word))


_NOT_PAST = _words("need needs indeed proceed succeed exceed feed seed speed been seen often even open when then given")


def features_for(text: str) -> dict[str, float]:
    """The features the detector stores with a candidate, for any text (e.g. a claim added by hand)."""
    return extract_features(text)

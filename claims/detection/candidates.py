"""The claim candidate type and the offline rule pipeline that produces candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .attribution import Context, find_claimant
from .claim_types import claim_type
from .context import add_context
from .features import features_for
from .filters import furniture_reason, kicker_length, non_claim_reason, speaker_label_length, stage_direction_length
from .rules import PREDICTION, rule_flags
from .rules import REASONS as RULE_REASONS
from .scoring import MAY_BE, NOT_WORTH, WORTH, bucket_for, score_and_explain
from .segmentation import Segment, segment
from .splitting import split_sentence
from .training import Weights

_OPEN_QUOTES = '“"‘'
_FRAMING_RE = re.compile(
    r"\b(?:(?:some|a|the) question (?:of|about|over) whether|it remains to be seen|who knows"
    r"|it[’']s the latest example of)\b",
    re.IGNORECASE,
)
_FRAMING_CUES = ("question", "remains to be seen", "who knows", "latest example")


def _could_be_framing(body: str) -> bool:
    lowered = body.lower()
    return any(cue in lowered for cue in _FRAMING_CUES)


def _speaker_name(label: str) -> str | None:
    """ "STEVE INSKEEP, HOST: " -> "Steve Inskeep"; anonymous labels ("UNIDENTIFIED PERSON #1") name nobody."""
    name = label.split(",")[0].strip(" :")
    if not name or "UNIDENTIFIED" in name or "#" in name or any(c.isdigit() for c in name):
        return None
    return " ".join(word.capitalize() for word in name.split())


_END_PUNCT = (".", "!", "?", "”", '"', "’", "…")


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """One checkable statement found in a text; `text[start:end]` of the input is its source span."""

    start: int
    end: int
    text: str
    claim_type: str
    checkworthiness: float
    bucket: str
    reasons: tuple[str, ...] = ()
    claimant: str | None = None
    features: dict[str, float] = field(default_factory=dict)
    # A self-contained wording when the span needs its context ("[R1] performs on par with o1"); supplied
    # words are in square brackets. None unless the detector is certain of it.
    rewrite: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rewrite": self.rewrite,
            "claim_type": self.claim_type,
            "checkworthiness": self.checkworthiness,
            "bucket": self.bucket,
            "reasons": list(self.reasons),
            "claimant": self.claimant,
            "features": dict(self.features),
        }


def _finish(wording: str) -> str:
    wording = wording.strip()
    if wording and not wording.endswith(_END_PUNCT):
        wording += "."
    return wording[:1].upper() + wording[1:]


def _paragraph_speakers(segments: list[Segment]) -> dict[int, str]:
    """The speaker of each paragraph's quotation, so later quoted sentences inherit it."""
    speakers: dict[int, str] = {}
    for seg in segments:
        if seg.paragraph in speakers or not any(q in seg.text for q in '“”"'):
            continue
        name = find_claimant(seg.text)
        if name:
            speakers[seg.paragraph] = name
    return speakers


@dataclass(slots=True)
class _Found:
    span: str
    wording: str
    start: int
    end: int
    claimant: str | None
    framed: bool
    rewrite: str | None
    features: dict[str, float]


def _candidate(found: _Found, weights: Weights) -> ClaimCandidate:
    span, wording, claimant, framed, features = found.span, found.wording, found.claimant, found.framed, found.features
    flags = rule_flags(span, features)
    # Lexical terms (when the weights have a vocabulary) score the claim but are not stored with it:
    # retraining recomputes them from the text for whatever vocabulary it chooses.
    scored = weights.featurize(wording, features, flags)
    probability, reasons = score_and_explain(scored, weights)
    bucket = bucket_for(probability, weights)
    overrides = [RULE_REASONS[name] for name in weights.vetoes(flags)]
    if framed:
        overrides.append("framing or rhetoric rather than a claim")
    if overrides:
        # An editor can still promote it, so keep it visible but below the may-be line.
        probability = min(probability, weights.may_threshold * 0.9)
        bucket = NOT_WORTH
        reasons = overrides + reasons
    if claimant:
        reasons.insert(len(overrides), f"attributed to {claimant}")
    if not reasons:
        reasons = ["no strong signal either way"]
    return ClaimCandidate(
        start=found.start,
        end=found.end,
        text=span,
        rewrite=found.rewrite,
        claim_type=claim_type(features, prediction=flags[PREDICTION], claimant=claimant),
        checkworthiness=round(probability, 4),
        bucket=bucket,
        reasons=tuple(reasons),
        claimant=claimant,
        features=features,
    )


def detect(text: str, *, language: str, weights: Weights) -> list[ClaimCandidate]:
    """Run segmentation, filters, splitting and scoring; deterministic and offline."""
    segments = segment(text, language=language)
    lines = len({seg.line for seg in segments})
    first_line: dict[str, int] = {}
    speakers = _paragraph_speakers(segments) if lines > 1 or len(segments) > 1 else {}
    context = Context()
    found: list[_Found] = []
    in_quote = False
    paragraph = -1
    for seg in segments:
        if seg.paragraph != paragraph:
            # A new paragraph reopens any continuing quotation with its own quote mark.
            paragraph, in_quote = seg.paragraph, False
        # Keep the first copy: a pull quote repeats a real sentence; promos are caught by wording.
        repeated = first_line.setdefault(seg.line_text, seg.line) != seg.line
        if furniture_reason(seg, lines=lines, repeated=repeated):
            continue
        label = speaker_label_length(seg.text)
        turn_speaker = _speaker_name(seg.text[:label]) if label else None
        lead = label + stage_direction_length(seg.text[label:])
        lead += kicker_length(seg.text[lead:])
        body_start = seg.start + lead
        body = text[body_start : seg.end]
        if not body.strip():
            continue
        starts_quoted = body[:1] in _OPEN_QUOTES or in_quote
        in_quote = (body.count("“") > body.count("”")) or (in_quote and "”" not in body)
        if non_claim_reason(body):
            continue
        context.observe(body)
        claimant = turn_speaker or find_claimant(body)
        if not claimant and starts_quoted:
            claimant = speakers.get(seg.paragraph)
        framed = bool(_FRAMING_RE.search(body)) if _could_be_framing(body) else False
        for clause in split_sentence(body, body_start, context):
            span = text[clause.start : clause.end]
            if not span.strip() or non_claim_reason(span):
                continue
            resolved = context.resolve(clause.text)
            # The span is the article's own words; a rewrite is offered only where the splitter or the
            # resolver supplied words, and then shown as such.
            rewrite = _finish(resolved) if resolved != span else None
            who = clause.speaker or find_claimant(span) or (None if clause.aside else claimant)
            clause_framed = framed and bool(_FRAMING_RE.search(span))
            found.append(
                _Found(span, resolved, clause.start, clause.end, who, clause_framed, rewrite, features_for(resolved))
            )
    add_context([f.features for f in found])
    return [_candidate(f, weights) for f in found]


__all__ = ["ClaimCandidate", "detect", "WORTH", "MAY_BE", "NOT_WORTH"]

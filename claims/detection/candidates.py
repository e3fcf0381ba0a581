"""The claim candidate type and the offline rule pipeline that produces candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .attribution import Context, find_claimant
from .claim_types import claim_type
from .features import features_for
from .filters import furniture_reason, kicker_length, non_claim_reason
from .rules import PREDICTION, rule_flags
from .rules import REASONS as RULE_REASONS
from .scoring import MAY_BE, NOT_WORTH, WORTH, bucket_for, explain
from .segmentation import Segment, segment
from .splitting import split_sentence
from .training import Weights

_OPEN_QUOTES = '“"‘'
_FRAMING_RE = re.compile(
    r"\b(?:(?:some|a|the) question (?:of|about|over) whether|it remains to be seen|who knows"
    r"|it[’']s the latest example of)\b",
    re.IGNORECASE,
)
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
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


def _candidate(
    span: str,
    wording: str,
    start: int,
    end: int,
    claimant: str | None,
    weights: Weights,
    framed: bool,
) -> ClaimCandidate:
    features = features_for(wording)
    flags = rule_flags(span, features)
    # Lexical terms (when the weights have a vocabulary) score the claim but are not stored with it:
    # retraining recomputes them from the text for whatever vocabulary it chooses.
    scored = weights.featurize(wording, features, flags)
    probability = weights.probability(scored)
    reasons = explain(scored, weights)
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
        start=start,
        end=end,
        text=wording,
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
    candidates: list[ClaimCandidate] = []
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
        body_start = seg.start + kicker_length(seg.text)
        body = text[body_start : seg.end]
        starts_quoted = body[:1] in _OPEN_QUOTES or in_quote
        in_quote = (body.count("“") > body.count("”")) or (in_quote and "”" not in body)
        if non_claim_reason(body):
            continue
        context.observe(body)
        claimant = find_claimant(body)
        if not claimant and starts_quoted:
            claimant = speakers.get(seg.paragraph)
        framed = bool(_FRAMING_RE.search(body))
        for clause in split_sentence(body, body_start, context):
            span = text[clause.start : clause.end]
            if not span.strip() or non_claim_reason(span):
                continue
            wording = _finish(context.resolve(clause.text))
            who = clause.speaker or find_claimant(span) or (None if clause.aside else claimant)
            clause_framed = framed and bool(_FRAMING_RE.search(span))
            candidates.append(_candidate(span, wording, clause.start, clause.end, who, weights, clause_framed))
    return candidates


__all__ = ["ClaimCandidate", "detect", "WORTH", "MAY_BE", "NOT_WORTH"]

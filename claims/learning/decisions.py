"""Editors' decisions on claim candidates, kept with their features so the detector can learn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claims.detection.features import extract_features
from claims.models import Claim, DetectorDecision

if TYPE_CHECKING:
    from accounts.models import User

# Whether each decision says the text is worth checking.
LABELS = {
    DetectorDecision.Action.KEPT: True,
    DetectorDecision.Action.EDITED: True,
    DetectorDecision.Action.ADDED: True,
    DetectorDecision.Action.DISMISSED: False,
}


def record_decision(*, claim: Claim, action: str, user: User | None) -> DetectorDecision:
    """Store one decision with the features of the text it was made on."""
    features = claim.features or extract_features(claim.quote or claim.text)
    return DetectorDecision.objects.create(
        claim=claim,
        action=action,
        text=claim.quote or claim.text,
        features=features,
        label=LABELS[DetectorDecision.Action(action)],
        user=user,
    )

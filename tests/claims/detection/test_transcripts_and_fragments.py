"""Transcript furniture, sign-offs, disclaimers and verbless fragments are never proposed as claims."""

from __future__ import annotations

import pytest

from claims.detection import NOT_WORTH, detect_claims

TRANSCRIPT = """\
STEVE INSKEEP, HOST:

The Senate voted 52 to 48 on Tuesday to approve the spending bill.

UNIDENTIFIED PERSON #1: Yeah.

UNIDENTIFIED PERSON #2: (Chanting) Vouchers.

(SOUNDBITE OF ARCHIVED BROADCAST)

MARY LOUISE KELLY, HOST: The bill cuts the agency's budget by $2 billion.

For NPR News, I'm Jane Doe in Kyiv.

Copyright © 2025 NPR. All rights reserved. Visit our website terms of use and permissions pages for further information.

NPR transcripts are created on a rush deadline by an NPR contractor. This text may not be in its final form and may be updated or revised in the future. Accuracy and availability may vary. The authoritative record of NPR’s programming is the audio record.
"""


def proposed(text: str) -> list[str]:
    return [text[c.start : c.end] for c in detect_claims(text) if c.bucket != NOT_WORTH]


def test_a_transcript_proposes_its_claims_and_none_of_its_furniture():
    found = proposed(TRANSCRIPT)
    assert "The Senate voted 52 to 48 on Tuesday to approve the spending bill." in found
    assert "The bill cuts the agency's budget by $2 billion." in found
    joined = " ".join(found)
    for furniture in ("Yeah", "Vouchers", "SOUNDBITE", "I'm Jane Doe", "rights reserved", "rush deadline",
                      "final form", "Accuracy and availability", "authoritative record"):  # fmt: skip
        assert furniture not in joined, furniture


def test_a_speaker_label_is_not_part_of_the_claim_and_names_the_claimant():
    (claim,) = [c for c in detect_claims(TRANSCRIPT) if "$2 billion" in c.text]
    assert claim.text == "The bill cuts the agency's budget by $2 billion."
    assert claim.claimant == "Mary Louise Kelly"


@pytest.mark.parametrize(
    "sentence",
    [
        "Yeah.",
        "(Chanting) Vouchers.",
        "Because of the complicated nature of the U.S. health care system.",
        "For NPR News, I'm Jane Doe in Kyiv.",
        "From member station WBUR, I'm Ann Smith.",
        "I'm Steve Inskeep, and this is Morning Edition.",
        "This story has been updated to include a statement from the company.",
    ],
)
def test_fragments_sign_offs_and_disclaimers_are_never_candidates(sentence):
    assert detect_claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "R1 performs well.",
        "Because prices rose, sales fell 4% in May.",
        "When you're under stress, your adrenal glands overproduce cortisol.",
    ],
)
def test_short_or_subordinate_sentences_with_a_verb_are_still_candidates(sentence):
    assert detect_claims(sentence)


def test_a_claim_keeps_the_article_s_exact_words():
    text = (
        "Novo Nordisk cut the list price of Ozempic by 20% in 2024. It instead suggested employees enroll in a "
        "savings plan, which allow patients to pay $25 a month."
    )
    for claim in detect_claims(text):
        assert claim.text == text[claim.start : claim.end]
        assert not claim.text.startswith("In instead")
    assert all("Novo Nordisk allow" not in (c.rewrite or "") for c in detect_claims(text))

from __future__ import annotations

import json

import pytest

from claims.detection import BUCKETS, CLAIM_TYPES, NOT_WORTH, detect_claims


def covering(claims, text, phrase):
    """Candidates whose source span overlaps the first occurrence of `phrase`."""
    at = text.index(phrase)
    return [c for c in claims if c.start < at + len(phrase) and at < c.end]


def proposed(claims):
    return [c for c in claims if c.bucket != NOT_WORTH]


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to main content",
        "4 min read",
        "Greg Baker/Getty Images",
        "Phone displaying a DeepSeek search bar.",
        "Keep up with the innovative tech transforming business",
        "Tech Brew keeps business leaders up-to-date",
        "What DeepSeek’s ultra-cheap models mean for the AI arms race",
        "Copychat?",
    ],
)
def test_it_drops_page_furniture_headlines_and_questions(article, article_claims, furniture):
    assert covering(article_claims, article, furniture) == []


def test_it_splits_the_second_body_sentence_into_performance_and_cost_claims(article, article_claims):
    sentence = (
        "DeepSeek made headlines in December with an open-source model that performed comparably "
        "to similar US AI models, at what the lab said was a fraction of their development cost and time."
    )
    found = covering(article_claims, article, sentence)
    assert len(found) == 2
    performance, cost = found
    assert "performed comparably to similar US AI models" in performance.text
    assert "fraction of their development cost and time" in cost.text
    assert article[cost.start : cost.end].startswith("at what the lab said")
    assert cost.claimant == "DeepSeek"
    assert all(c.bucket != NOT_WORTH for c in found)


def test_it_resolves_the_lab_to_the_name_the_article_gave_it(article, article_claims):
    (training,) = covering(article_claims, article, "the Chinese lab hasn’t been open")
    assert article[training.start : training.end].startswith("the Chinese lab")
    # The claim keeps the article's words; the resolved wording is a separate field, supplied words bracketed.
    assert training.text == article[training.start : training.end]
    assert training.rewrite.startswith("[DeepSeek] hasn’t been open about its training data")


def test_it_resolves_a_leading_it_but_not_an_expletive_it():
    text = "DeepSeek is a Chinese AI lab. It released R1 in January. It’s a busy market."
    found = {c.text: c.rewrite for c in detect_claims(text)}
    assert found["It released R1 in January."] == "[DeepSeek] released R1 in January."
    assert found["It’s a busy market."] is None


def test_it_does_not_resolve_it_to_a_word_that_only_opens_a_sentence():
    text = "In 2023 the board met twice. It instead suggested employees enroll in a plan."
    (_, suggestion) = detect_claims(text)
    assert suggestion.text == "It instead suggested employees enroll in a plan."
    assert suggestion.rewrite is None


def test_it_keeps_a_which_clause_whole_when_its_antecedent_is_ambiguous():
    sentence = "Patients can join savings programs from Novo Nordisk, which allow patients to pay less."
    (claim,) = detect_claims(sentence)
    assert claim.text == sentence
    assert claim.rewrite is None


def test_it_marks_the_tsui_spending_prediction_not_worth_checking(article, article_claims):
    (prediction,) = covering(article_claims, article, "he wouldn’t necessarily expect AI spending")
    assert prediction.bucket == NOT_WORTH
    assert prediction.claim_type == "prediction"
    assert any("prediction" in reason for reason in prediction.reasons)
    assert "Tsui" in prediction.claimant


def test_it_gives_quotations_their_speaker(article, article_claims):
    (sure,) = covering(article_claims, article, "“I’m sure they’re looking")
    (follow_on,) = covering(article_claims, article, "“But it doesn’t mean")
    (surman,) = covering(article_claims, article, "“America absolutely needs")
    assert sure.claimant == "Tsui"
    assert follow_on.claimant == "Tsui"
    assert surman.claimant == "Mark Surman"
    assert any(r == "attributed to Mark Surman" for r in surman.reasons)


def test_it_keeps_opinion_visible_but_not_worth_checking(article, article_claims):
    (opinion,) = covering(article_claims, article, "“I do think it’s a positive development")
    assert opinion.bucket == NOT_WORTH
    assert any("opinion" in reason for reason in opinion.reasons)


def test_it_proposes_the_checkable_claims_of_the_sample(article, article_claims):
    for phrase in [
        "Alibaba and ByteDance each released",
        "OpenAI made a breakthrough",
        "US rules that have blocked Chinese access",
        "US-based Nvidia still has a wide lead",
        "releasing under open-source licenses",
    ]:
        assert proposed(covering(article_claims, article, phrase)), phrase


def test_it_splits_a_non_restrictive_which_clause_into_its_own_claim(article, article_claims):
    (paper,) = covering(article_claims, article, "which are detailed in an accompanying research paper")
    assert paper.text == "which are detailed in an accompanying research paper."
    assert paper.rewrite == "[DeepSeek’s efficiency measures] are detailed in an accompanying research paper."
    assert paper.bucket != NOT_WORTH


def test_it_returns_valid_offsets_and_fields_for_every_candidate(article, article_claims, news):
    for text, claims in [(article, article_claims), (news, detect_claims(news))]:
        assert claims
        for c in claims:
            assert 0 <= c.start < c.end <= len(text)
            assert text[c.start : c.end].strip() == text[c.start : c.end]
            assert c.claim_type in CLAIM_TYPES
            assert c.bucket in BUCKETS
            assert 0.0 <= c.checkworthiness <= 1.0
            assert c.reasons
            assert set(c.features) >= {"has_number", "question", "length"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \r\n\t\n",
        "😀😀😀",
        "Prices rose 5% in 2023.\r\nIt was the largest rise since 1990.\r\n",
        "\tThe U.S. sold 3.5 million cars.\tSales fell — sharply — in Jan.",
        "“Unclosed quote begins here and the company said revenue rose 40%",
        "Ünïcödé Ltd. said 😀 its revenue grew 12% to €3bn in 2024. " * 400,
    ],
)
def test_it_keeps_offsets_valid_on_hostile_text(text):
    for c in detect_claims(text):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end]


def test_it_drops_furniture_questions_and_promos_in_news_text(news):
    claims = detect_claims(news)
    spans = [news[c.start : c.end] for c in claims]
    assert not any("Skip to" in s or "Reuters" in s or "newsletter" in s for s in spans)
    assert not any(s.endswith("?") for s in spans)
    profit = next(c for c in claims if "12.5%" in c.text)
    assert profit.bucket == "worth_checking"
    assert profit.claim_type == "quantity"
    assert "contains a percentage" in profit.reasons
    hired = next(c for c in claims if "1,200 workers" in c.text)
    assert hired.text.startswith("The company hired")
    forecast = next(c for c in claims if "expect shares to rise" in c.text)
    assert forecast.bucket == NOT_WORTH
    assert forecast.claim_type == "prediction"


def test_it_is_deterministic(article):
    first = [c.to_dict() for c in detect_claims(article)]
    second = [c.to_dict() for c in detect_claims(article)]
    assert first == second


def test_it_serialises_candidates_to_json(news):
    payload = json.dumps([c.to_dict() for c in detect_claims(news)])
    loaded = json.loads(payload)
    assert {
        "start",
        "end",
        "text",
        "claim_type",
        "checkworthiness",
        "bucket",
        "reasons",
        "claimant",
        "features",
    } <= set(loaded[0])


def test_it_returns_no_candidates_for_greetings_and_questions():
    assert detect_claims("Thank you, Mr. Speaker.") == []
    assert detect_claims("Why did unemployment rise by 4% last year?") == []


def test_it_splits_an_appositive_that_clause_into_release_and_performance(article, article_claims):
    found = covering(
        article_claims,
        article,
        "Then, last week, DeepSeek released a reasoning model, R1,",
    )
    found += covering(article_claims, article, "that purportedly performs on par")
    texts = [c.text for c in found]
    assert "Then, last week, DeepSeek released a reasoning model, R1" in texts
    assert any(
        (c.rewrite or "").startswith("[R1] purportedly performs on par with OpenAI’s landmark o1") for c in found
    )
    release = next(c for c in found if c.text.startswith("Then"))
    assert release.claim_type == "event"


def test_it_splits_the_price_after_a_dash_into_its_own_claim_and_span(article, article_claims):
    found = covering(article_claims, article, "on par with OpenAI’s landmark o1 reasoning model—at a much lower price")
    by_rewrite = {c.rewrite: article[c.start : c.end] for c in proposed(found)}
    assert by_rewrite["[R1] purportedly performs on par with OpenAI’s landmark o1 reasoning model."] == (
        "that purportedly performs on par with OpenAI’s landmark o1 reasoning model"
    )
    assert by_rewrite["[R1] [is offered] at a much lower price."] == "at a much lower price."


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        (
            "The Zephyr 2 matches its rival on battery life — for a fraction of the cost.",
            [
                "The Zephyr 2 matches its rival on battery life",
                "The Zephyr 2 [is offered] for a fraction of the cost.",
            ],
        ),
        # A dash before an ordinary phrase of time or place is not a separate claim.
        (
            "Acme shares fell 12% on Monday—at the start of trading.",
            ["Acme shares fell 12% on Monday—at the start of trading."],
        ),
    ],
)
def test_it_splits_a_dash_only_before_a_price_or_cost(sentence, claims):
    found = detect_claims(sentence)
    assert [c.rewrite or c.text for c in found] == claims
    for c in found:
        assert sentence[c.start : c.end].strip(" .") in sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "By contrast, prices fell 5% in 2023.",
        "Images show the president met 40 donors in 2020.",
        "Updated guidelines were issued by the WHO in 2020.",
        "Reuters reported a 5% fall in sales.",
        "AFP said 20 people died in the flood.",
    ],
)
def test_it_does_not_mistake_claims_for_furniture(sentence):
    page = f"Skip to main content\n\n{sentence}\n\nGreg Baker/Getty Images\n"
    (claim,) = detect_claims(page)
    assert page[claim.start : claim.end] == sentence


@pytest.mark.parametrize(
    "furniture",
    [
        "By Sarah Jones, Economics reporter",
        "Updated 3 hours ago",
        "Photo: Jane Doe",
        "Jane Doe/Reuters",
        "Related Topics",
    ],
)
def test_it_drops_bylines_timestamps_and_credits(furniture):
    page = f"{furniture}\n\nThe ministry said prices rose 5% in 2023.\n"
    (claim,) = detect_claims(page)
    assert claim.text == "The ministry said prices rose 5% in 2023."


def test_it_treats_a_rule_as_checkable_but_a_prescription_as_opinion():
    (rule,) = detect_claims("Companies must disclose their emissions under the new climate law.")
    (opinion,) = detect_claims("We must do better for our children.")
    assert not any("opinion" in reason for reason in rule.reasons[:1])
    assert rule.claim_type == "rules_laws"
    assert opinion.bucket == NOT_WORTH
    assert opinion.reasons[0].startswith("opinion or prescription")


@pytest.mark.parametrize("sentence", ["And so.", "Okay then, fine", "It is what it is."])
def test_it_always_gives_a_reason(sentence):
    assert all(c.reasons for c in detect_claims(sentence))


def test_it_keeps_the_first_copy_of_a_repeated_paragraph(article):
    claims = detect_claims(article + "\n\n" + article)
    assert covering(claims, article, "Alibaba and ByteDance each released")
    assert all(c.start < len(article) for c in claims)

from __future__ import annotations

import pytest

from claims.detection import segment


def sentences(text):
    return [s.text for s in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 3.5% last year. Dr. Smith said so.",
            ["The U.S. economy grew 3.5% last year.", "Dr. Smith said so."],
        ),
        (
            "J. R. R. Tolkien wrote The Hobbit. It sold well.",
            ["J. R. R. Tolkien wrote The Hobbit.", "It sold well."],
        ),
        (
            "“We will win,” he said. “Nobody doubts it.” Then he left.",
            ["“We will win,” he said.", "“Nobody doubts it.”", "Then he left."],
        ),
        (
            "Prices rose—sharply—in Jan. and Feb. of 2024. Analysts were surprised.",
            [
                "Prices rose—sharply—in Jan. and Feb. of 2024.",
                "Analysts were surprised.",
            ],
        ),
        (
            "The firm, Acme Inc., reported $4.2 billion in revenue. Shares fell 3.1 per cent.",
            [
                "The firm, Acme Inc., reported $4.2 billion in revenue.",
                "Shares fell 3.1 per cent.",
            ],
        ),
    ],
)
def test_it_splits_hard_news_sentences_correctly(text, expected):
    assert sentences(text) == expected


def test_it_treats_lines_without_full_stops_as_their_own_segments():
    text = "Skip to main content\nAI\n\nWhat it means for the arms race\n\nThe lab is building models."
    assert sentences(text) == [
        "Skip to main content",
        "AI",
        "What it means for the arms race",
        "The lab is building models.",
    ]


def test_it_strips_list_markers_but_keeps_offsets():
    text = "Key facts:\n1. Sales rose 4%.\n- Costs fell.\n• Profit doubled."
    segs = segment(text)
    assert [s.text for s in segs] == [
        "Key facts:",
        "Sales rose 4%.",
        "Costs fell.",
        "Profit doubled.",
    ]
    assert all(text[s.start : s.end] == s.text for s in segs)


def test_it_rejoins_hard_wrapped_lines():
    text = "The minister said the budget would\nrise by 4% next year. Critics disagreed."
    assert sentences(text) == [
        "The minister said the budget would\nrise by 4% next year.",
        "Critics disagreed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t ",
        "Line one.\r\nLine two.\r\n\r\nPara two 😀 has emoji. Ünïcödé text — too.",
        "\tTabbed\tsentence.\tAnother one.",
        "No terminal punctuation at all",
    ],
)
def test_it_keeps_offsets_exact_on_hostile_text(text):
    for s in segment(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()

"""newsdigest.text: sentences, summaries and word counts."""

from __future__ import annotations

from newsdigest.text import count_words, first_sentences, split_sentences


def test_first_sentences_keeps_abbreviations_and_limits_length() -> None:
    assert first_sentences("U.S. officials met. They agreed. Then left.") == (
        "U.S. officials met. They agreed."
    )
    long = "word " * 400_000  # a 2 MB lead with no sentence end
    summary = first_sentences(long)
    assert len(summary) <= 300 and summary.endswith("…")


def test_sentences_do_not_end_after_abbreviations() -> None:
    assert split_sentences("Mr. Smith met Gen. Lee in the U.S. today. Then he left.") == [
        "Mr. Smith met Gen. Lee in the U.S. today.",
        "Then he left.",
    ]


def test_a_summary_is_cut_at_a_word_never_inside_one() -> None:
    lead = "The minister said " + "negotiations " * 40 + "would continue."
    summary = first_sentences(lead, limit=60)
    assert summary.endswith("…") and len(summary) <= 60
    assert summary[:-1].split()[-1] == "negotiations"
    assert lead.startswith(summary[:-1])


def test_cjk_characters_count_as_words() -> None:
    assert count_words("日本語 text here") == 5

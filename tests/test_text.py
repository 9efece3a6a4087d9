"""newsdigest.text: sentences, summaries, word counts and key terms."""

from __future__ import annotations

from newsdigest.text import content_words, count_words, first_sentences, key_terms, split_sentences


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


def test_a_summary_cut_at_any_length_ends_at_the_end_of_a_word() -> None:
    """Whatever the limit, so wherever the cut falls (inside a word, just after one, on a
    space), the summary is the lead's first whole words: the next character of the lead after
    them is a space, never a letter."""
    lead = "Delegates of the International Monetary Fund reconvened in Geneva on Thursday " * 4
    for limit in range(12, 200):
        summary = first_sentences(lead, limit=limit)
        assert summary.endswith("…") and len(summary) <= limit, limit
        kept = summary[:-1]
        assert lead.startswith(kept), limit
        assert lead[len(kept)] == " ", f"cut inside a word at limit {limit}: {summary!r}"


def test_cjk_characters_count_as_words() -> None:
    assert count_words("日本語 text here") == 5


def test_content_words_drop_function_words_and_meet_at_a_stem() -> None:
    assert content_words("The dockers said they would end the strike, ending talks.") == [
        "docker",
        "end",
        "strike",
        "end",
        "talk",
    ]


def test_key_terms_are_the_commonest_words_of_a_body_without_figures() -> None:
    body = (
        "Texaco lost its appeal. The court said Texaco must pay Pennzoil 10,500 million "
        "dollars; Texaco said it would appeal to the Supreme Court in 1987."
    )
    assert key_terms(body, limit=4) == "texaco appeal court lost"  # commonest, then earliest
    assert "1987" not in key_terms(body).split()
    assert key_terms("") == ""
    assert key_terms("Harbour " + "x" * 100_000 + " harbour") == "harbour"  # no blob kept
    many = " ".join(a + b + c for a in "klmnp" for b in "aeiou" for c in "rstvz")  # 125 words
    assert len(key_terms(many).split()) == 40

"""Topics from the source URL's path and from keyword rules (content/topics.py)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsdigest.config import SiteConfig, load_config
from newsdigest.content.load import load_article, load_file
from newsdigest.content.topics import DEFAULT_SECTIONS, topic_rules, url_topics
from newsdigest.model import Article, Problem

RULES = """
[sections]
markets = "Business"
uk = ""
energy = "Energy"

[topics]
Oil = ["oil", "crude", "OPEC", "barrel*"]
"Interest rates" = ["interest rate*", "base rate", "cost of borrowing"]
"""


def rules(tmp_path: Path, text: str = RULES) -> SiteConfig:
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


@pytest.mark.parametrize(
    ("url", "topics"),
    [
        ("https://www.bbc.co.uk/news/business-68123456", ("Business",)),
        ("https://www.bbc.co.uk/news/world-europe-68123456", ("World", "Europe")),
        ("https://www.bbc.co.uk/news/uk-politics-68123456", ("Politics", "UK")),
        ("http://news.bbc.co.uk/1/hi/uk_politics/4567890.stm", ("Politics", "UK")),
        ("http://news.bbc.co.uk/sport1/hi/football/4567890.stm", ("Sport",)),
        (
            "https://www.reuters.com/world/europe/talks-resume-in-geneva-2024-06-20/",
            ("World", "Europe"),
        ),
        ("https://www.nytimes.com/2024/06/20/business/fed-holds-rates.html", ("Business",)),
        ("https://www.theguardian.com/technology/2024/jun/20/new-phone", ("Technology",)),
        ("https://www.theguardian.com/us-news/2024/jun/20/senate-vote", ("US",)),
        # the story's own slug names no section, though its first word is one
        ("https://apnews.com/article/business-leaders-meet-in-davos-3f2a", ()),
        ("https://www.example.com/2024/06/20/science", ("Science",)),
        ("", ()),
    ],
)
def test_the_default_map_reads_common_news_url_shapes(url: str, topics: tuple[str, ...]) -> None:
    assert url_topics(url, DEFAULT_SECTIONS) == topics


def test_a_site_extends_and_overrides_the_map(tmp_path: Path) -> None:
    found = topic_rules(rules(tmp_path))
    assert url_topics(
        "https://www.reuters.com/markets/energy/prices-rise-2024/", found.sections
    ) == (
        "Business",
        "Energy",
    )
    assert url_topics("https://www.bbc.co.uk/news/uk-68123456", found.sections) == ()


def test_keyword_rules_need_enough_mentions(tmp_path: Path) -> None:
    found = topic_rules(rules(tmp_path))
    lead = "OPEC members agreed to cut output from July."
    # one lead mention counts twice (the lead opens the body), one more in the body: 3
    assert found.keyword_topics("Producers meet", lead, lead + " Crude rose 2%.") == ("Oil",)
    # one mention in the body alone is not enough
    assert found.keyword_topics("Markets calm", "Shares rose.", "Shares rose. Oil was flat.") == ()
    # a headline mention counts twice: with one in the body, enough
    assert found.keyword_topics(
        "Oil slips", "Prices fell.", "Prices fell. Brent crude ended lower."
    ) == ("Oil",)


def test_words_match_whole_words_phrases_and_endings(tmp_path: Path) -> None:
    found = topic_rules(rules(tmp_path))
    body = "Boiling spoiled toil, oily oilfield oilseed. Interest  rates rose; the base rate and interest rate rises."
    assert found.keyword_topics("", "", body) == ("Interest rates",)
    assert found.keyword_topics("", "", "barrels barrel barrelled") == ("Oil",)
    # a phrase's words must come in order, side by side
    assert found.keyword_topics("", "", "Interest in rates; rates of interest; base, rate") == ()
    assert (
        found.keyword_topics("", "", "cost, no borrowing; cost in borrowing; cost or borrowing")
        == ()
    )
    assert found.keyword_topics("Cost of borrowing", "", "The cost of borrowing.") == (
        "Interest rates",
    )
    # 'OPEC' is written in capitals: 'opec' in lower case is another word
    assert found.keyword_topics("", "", "OPEC OPEC OPEC") == ("Oil",)
    assert found.keyword_topics("", "", "opec opec opec") == ()


def test_topics_come_from_the_url_first_then_keywords(tmp_path: Path) -> None:
    found = topic_rules(rules(tmp_path))
    body = "The Bank of England held its base rate. Oil and crude oil barrels."
    url = "https://www.bbc.co.uk/news/business-68123456"
    assert found.topics(url, "Rates held", "The Bank held.", body) == ("Business", "Oil")


PAGE = """---
title: Oil prices climb as Opec cuts output
date: 2025-03-14T09:30:00+00:00
source_url: https://www.bbc.co.uk/news/business-68123456
{tags}---

Crude oil rose 3% after the cartel agreed a cut. Brent crude ended at $80.
"""


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ("tags: []\n", ("Business", "Oil")),  # what ingest writes: no topics given
        ("", ("Business", "Oil")),
        ("tags: [Energy markets]\n", ("Energy markets",)),  # front matter wins, nothing added
    ],
)
def test_front_matter_tags_win_over_derived_topics(
    tmp_path: Path, tags: str, expected: tuple[str, ...]
) -> None:
    config = rules(tmp_path)
    page = config.articles_dir / "2025-03-14-oil.md"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE.format(tags=tags), encoding="utf-8")
    loaded = load_file(config, page)
    assert loaded.article is not None and loaded.article.tags == expected


def test_without_rules_load_article_takes_tags_only() -> None:
    problems: list[Problem] = []
    article = load_article(
        Path("content/articles/a.md"), PAGE.format(tags=""), ZoneInfo("UTC"), problems
    )
    assert isinstance(article, Article) and article.tags == ()

"""Story clusters: reports of one story group together, different stories never do; related."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.config import SiteConfig
from newsdigest.model import Article
from newsdigest.site import assemble
from newsdigest.site.stories import cluster, related, stories_and_related

DAY = datetime(2025, 3, 14, 9, tzinfo=UTC)


def article(title: str, summary: str, entities: tuple[str, ...], hours: float = 0) -> Article:
    return Article(
        source_path=Path(f"{title}.md"),
        title=title,
        date=DAY + timedelta(hours=hours),
        slug=title.lower().replace(" ", "-")[:40],
        summary=summary,
        body_html="",
        word_count=10,
        entities=entities,
    )


TRUMP_1 = article(
    "Trump Claims Very Good Chance to End Ukraine War After Putin Meeting",
    "Trump said talks with Putin gave a very good chance of ending the war in Ukraine.",
    ("Donald Trump", "Vladimir Putin", "Ukraine"),
)
TRUMP_2 = article(
    "Trump Sees Good Chance of Ending Ukraine War After Envoy Meets Putin",
    "Trump said on Friday there was a good chance to end the war after his envoy met Putin.",
    ("Donald Trump", "Vladimir Putin", "Steve Witkoff"),
    hours=5,
)
TRUMP_3 = article(
    "Kremlin Says Putin and Trump Could Talk Soon on Ending Ukraine War",
    "The Kremlin said Putin and Trump could talk soon about ending the war in Ukraine.",
    ("Kremlin", "Vladimir Putin", "Donald Trump", "Ukraine"),
    hours=30,
)
XI_VISIT = article(
    "Xi Jinping Arrives in Moscow for State Visit With Putin",
    "Chinese leader Xi Jinping began a three-day state visit to Moscow to meet Putin.",
    ("Xi Jinping", "Vladimir Putin", "Moscow"),
    hours=2,
)
STORM = article(
    "Storm Eowyn Leaves Thousands Without Power in Ireland",
    "Winds of up to 180 km/h left thousands of homes in Ireland without power.",
    ("Storm Eowyn", "Ireland"),
    hours=1,
)


def test_reports_of_one_story_cluster_and_others_do_not() -> None:
    stories = cluster([TRUMP_1, XI_VISIT, STORM, TRUMP_2, TRUMP_3])
    assert len(stories) == 1
    assert set(stories[0].articles) == {TRUMP_1, TRUMP_2, TRUMP_3}
    assert stories[0].lead == TRUMP_3  # the newest report


def test_the_same_words_weeks_apart_are_two_stories() -> None:
    later = article(TRUMP_2.title, TRUMP_2.summary, TRUMP_2.entities, hours=24 * 20)
    assert cluster([TRUMP_1, later]) == ()


def test_a_shared_entity_alone_does_not_make_a_story() -> None:
    assert cluster([TRUMP_1, XI_VISIT]) == ()


def test_related_articles_share_entities_and_leave_out_the_story() -> None:
    articles = [TRUMP_1, TRUMP_2, TRUMP_3, XI_VISIT, STORM]
    stories = cluster(articles)
    found = related(articles, stories)
    assert found[0] == (XI_VISIT,)  # shares Putin; the other Trump reports are its story
    assert found[4] == ()  # nothing shares the storm's entities


def test_a_copy_of_an_article_keeps_its_story_and_related_articles() -> None:
    # Render shifts each article into the site's zone, which makes a copy: lookups must go by
    # the article's key (its source file), never by which object it is.
    config = SiteConfig(root=Path("."), timezone="Asia/Tokyo")
    site, _ = assemble(config, (TRUMP_1, TRUMP_2, TRUMP_3, XI_VISIT, STORM), ())
    copy = replace(TRUMP_1, date=TRUMP_1.date.astimezone(config.zone))
    assert copy is not TRUMP_1
    assert site.related_to(copy) == site.related_to(TRUMP_1) == (XI_VISIT,)
    assert site.other_reports(copy) == (TRUMP_3, TRUMP_2)
    assert site.article_path(copy) == site.article_path(TRUMP_1)


REPORTS = (TRUMP_1, TRUMP_2, TRUMP_3, XI_VISIT, STORM)
CHANGES = st.lists(
    st.tuples(
        st.integers(0, len(REPORTS) - 1),
        st.sampled_from(["body", "title", "entities", "date", "remove"]),
    ),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(CHANGES)
def test_stories_reused_from_the_last_build_equal_a_full_recompute(
    changes: list[tuple[int, str]],
) -> None:
    before = list(REPORTS)
    _, _, memo = stories_and_related(before, None)
    after = list(before)
    for index, change in changes:
        if index >= len(after):
            continue
        item = after[index]
        if change == "remove":
            del after[index]
        elif change == "body":
            after[index] = replace(item, body_html="<p>new</p>")
        elif change == "title":
            after[index] = replace(item, title=STORM.title)
        elif change == "entities":
            after[index] = replace(item, entities=("Ireland",))
        else:
            after[index] = replace(item, date=item.date + timedelta(days=9))
    stories, nearby, _ = stories_and_related(after, memo)
    fresh = cluster(after)
    assert stories == fresh
    assert nearby == related(after, fresh)
    # and the articles handed back are the new ones, never the last build's copies
    assert all(any(a is b for b in after) for story in stories for a in story.articles)

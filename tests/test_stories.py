"""Story clusters: reports of one story group together, different stories never do; related
articles are the nearest in body, names and section."""

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
from newsdigest.text import key_terms

DAY = datetime(2025, 3, 14, 9, tzinfo=UTC)


def article(
    title: str,
    summary: str,
    entities: tuple[str, ...],
    hours: float = 0,
    body: str = "",
    tags: tuple[str, ...] = (),
) -> Article:
    """An article as load makes it: the body's key terms found from its text."""
    return Article(
        source_path=Path(f"{title}.md"),
        title=title,
        date=DAY + timedelta(hours=hours),
        slug=title.lower().replace(" ", "-")[:40],
        summary=summary,
        body_html=f"<p>{body}</p>" if body else "",
        word_count=10,
        tags=tags,
        entities=entities,
        terms=key_terms(f"{summary} {body}"),
    )


TRUMP_1 = article(
    "Trump Claims Very Good Chance to End Ukraine War After Putin Meeting",
    "Trump said talks with Putin gave a very good chance of ending the war in Ukraine.",
    ("Donald Trump", "Vladimir Putin", "Ukraine"),
    body="Speaking at the White House, the president said a ceasefire could be agreed within "
    "weeks. Ukrainian officials said any ceasefire must include security guarantees.",
)
TRUMP_2 = article(
    "Trump Sees Good Chance of Ending Ukraine War After Envoy Meets Putin",
    "Trump said on Friday there was a good chance to end the war after his envoy met Putin.",
    ("Donald Trump", "Vladimir Putin", "Steve Witkoff"),
    hours=5,
    body="The envoy spent three hours with the Russian president in Moscow. Trump said a "
    "ceasefire in Ukraine was closer than at any time since the invasion began.",
)
TRUMP_3 = article(
    "Kremlin Says Putin and Trump Could Talk Soon on Ending Ukraine War",
    "The Kremlin said Putin and Trump could talk soon about ending the war in Ukraine.",
    ("Kremlin", "Vladimir Putin", "Donald Trump", "Ukraine", "Steve Witkoff"),
    hours=30,
    body="A Kremlin spokesman said Putin had told the envoy, Steve Witkoff, that Russia was "
    "open to a ceasefire, and that a call between the two presidents was being prepared.",
)
XI_VISIT = article(
    "Xi Jinping Arrives in Moscow for State Visit With Putin",
    "Chinese leader Xi Jinping began a three-day state visit to Moscow to meet Putin.",
    ("Xi Jinping", "Vladimir Putin", "Moscow"),
    hours=2,
    body="The two leaders are expected to sign agreements on energy and trade. China has "
    "called for talks on the war but has not condemned the invasion.",
)
STORM = article(
    "Storm Eowyn Leaves Thousands Without Power in Ireland",
    "Winds of up to 180 km/h left thousands of homes in Ireland without power.",
    ("Storm Eowyn", "Ireland"),
    hours=1,
    body="Schools were closed and flights cancelled. Engineers worked through the night to "
    "restore power to homes and farms in the west of the country.",
)


BACKGROUND = (
    article(
        "Arsenal Beat Chelsea to Go Top of the League",
        "A late header from the captain gave Arsenal a 2-1 win at the Emirates on Sunday.",
        ("Arsenal", "Chelsea", "Emirates"),
        hours=-20,
        body="Chelsea had led at half-time. The manager praised his side's spirit and said "
        "the title race would go to the final weekend.",
    ),
    article(
        "Rail Fares in England to Rise by 4.6% in March",
        "Regulated rail fares will rise by 4.6% next month, the Department for Transport said.",
        ("Department for Transport", "England"),
        hours=-14,
        body="Passenger groups said commuters faced another year of higher costs for services "
        "that were often late or cancelled. Unions called the rise a tax on workers.",
    ),
    article(
        "Bank of England Holds Interest Rates at 4.5%",
        "The Bank of England kept rates at 4.5% as inflation edged up to 3% in January.",
        ("Bank of England", "Andrew Bailey"),
        hours=-8,
        body="The governor said the committee would cut rates gradually. Economists expect "
        "two more cuts this year as wage growth slows and unemployment rises.",
    ),
    article(
        "Hospital Waiting Lists Fall for Third Month in a Row",
        "The number of patients waiting for planned treatment fell to 7.4 million in December.",
        ("NHS England",),
        hours=-4,
        body="Health leaders said the fall was welcome but that too many patients still waited "
        "more than a year for operations such as hip and knee replacements.",
    ),
    article(
        "Film Review: A Quiet Western That Takes Its Time",
        "The director's new western is slow, beautiful and, in its final act, devastating.",
        ("Kelly Reichardt",),
        hours=3,
        body="Filmed in Oregon with a cast of unknowns, the story follows two settlers through "
        "a hard winter. The cinematography is the best of the year.",
    ),
    article(
        "Apple Reports Record Sales of the iPhone in China",
        "Apple said quarterly revenue rose 8%, helped by strong demand for the iPhone in China.",
        ("Apple", "China", "Tim Cook"),
        hours=6,
        body="The chief executive said services revenue reached a record. Shares rose 3% in "
        "after-hours trading as analysts raised their forecasts.",
    ),
)


HALO = article(
    "Review: Halo 2 Sets a New Standard for Shooters on Consoles",
    "Bungie's sequel is the best first-person shooter on a console, with superb online play.",
    ("Halo 2", "Master Chief", "Bungie", "Xbox", "Xbox Live"),
    hours=2,
    body="The campaign takes the Master Chief from a space station to a ruined city on Earth, "
    "with new weapons and vehicles. The levels are huge and the graphics push the Xbox to its "
    "limit. Where the game shines is multiplayer over Xbox Live: matchmaking is quick and the "
    "maps are varied. The story ends abruptly, but this is the best game of the year.",
)
HALF_LIFE = article(
    "Review: Half-Life 2 Sets a New Standard for Shooters on the PC",
    "Valve's sequel is the best first-person shooter on the PC, with superb physics.",
    ("Half-Life 2", "Gordon Freeman", "Valve", "Steam", "Xbox"),
    hours=7,
    body="Gordon Freeman arrives in City 17, a grim town under alien rule, armed at first with "
    "a crowbar. The gravity gun lets players throw radiators and saw blades, and the physics "
    "puzzles are clever. The levels flow without loading screens, the graphics are superb and "
    "the faces are the most lifelike yet. An Xbox version is planned, but play it on a PC.",
)
FIRE_1 = article(
    "Hundreds Evacuated After Fire at Grangemouth Refinery",
    "Hundreds of residents were evacuated after a large fire broke out at the Grangemouth "
    "oil refinery on Tuesday night.",
    ("Grangemouth", "Ineos", "Scottish Fire and Rescue Service"),
    hours=4,
    body="Thick black smoke could be seen for miles. Firefighters said the blaze started in a "
    "storage tank and was brought under control after six hours. Ineos, which runs the "
    "refinery, said no one was hurt and an investigation had begun.",
)
FIRE_2 = article(
    "Grangemouth Blaze: Residents Allowed Home as Ineos Investigates",
    "Families evacuated from their homes near the Grangemouth refinery were allowed back on "
    "Wednesday after firefighters put out the fire.",
    ("Grangemouth", "Ineos", "Falkirk"),
    hours=20,
    body="The fire in a storage tank sent smoke over Falkirk. Ineos said the refinery would "
    "restart once the investigation into the cause of the blaze was complete. Nobody was hurt.",
)
OIL_COURT = article(
    "Texaco Loses Appeal Over Pennzoil Damages",
    "A Texas appeals court upheld most of the damages awarded to Pennzoil against Texaco over "
    "its takeover of Getty Oil.",
    ("Texaco", "Pennzoil", "Getty Oil", "Houston", "Texas"),
    hours=3,
    body="The court in Houston cut the award to Pennzoil but left Texaco facing a bill of "
    "billions of dollars. Texaco said it would appeal again and warned that it might seek "
    "bankruptcy protection if Pennzoil moved to collect before the appeal was heard.",
)
OIL_TALKS = article(
    "Texaco and Pennzoil Resume Settlement Talks",
    "Lawyers for Texaco and Pennzoil met again to try to settle the Getty Oil damages case.",
    ("Texaco Inc", "Pennzoil Co", "Getty"),  # spelt as another report spells them
    hours=9,
    body="Analysts said a settlement would remove the threat of bankruptcy hanging over "
    "Texaco, whose shares rose on the news. Pennzoil said it wanted the full damages the "
    "jury awarded for the collapse of its Getty Oil takeover.",
)
SUPERMARKET = article(
    "Grocery Chain Food Giant Files for Bankruptcy Protection",
    "Food Giant, which runs 120 supermarkets across Texas, filed for bankruptcy protection "
    "in a Houston court on Monday.",
    ("Food Giant", "Houston", "Texas"),
    hours=1,
    body="The chain said its stores would stay open while it closed unprofitable branches and "
    "renegotiated leases. Shoppers had deserted it for discount grocers, and suppliers had "
    "stopped deliveries after it fell behind on payments.",
)
GROCERS = article(
    "Discount Grocers Win Shoppers From Supermarket Chains",
    "Discount grocers took a record share of shoppers' spending as supermarket chains "
    "struggled with higher costs.",
    ("Aldi", "Lidl"),
    hours=8,
    body="Analysts said the big supermarkets were closing branches and cutting prices to win "
    "shoppers back from the discount stores, which have opened hundreds of stores.",
)
RESULTS_1 = article(
    "Tesco Profits Rise 10% as Shoppers Return",
    "Tesco said pre-tax profit rose 10% to 2.3 billion pounds in the year to February, and "
    "raised its dividend.",
    ("Tesco", "Ken Murphy"),
    hours=5,
    body="Sales rose 4% and the supermarket said it expected profit to grow again this year. "
    "The chief executive said lower prices had won back shoppers. Shares rose 2% in London.",
)
RESULTS_2 = article(
    "Sainsbury's Profits Rise 8% as Shoppers Return",
    "Sainsbury's said pre-tax profit rose 8% to 1.1 billion pounds in the year to March, and "
    "raised its dividend.",
    ("Sainsbury's", "Simon Roberts"),
    hours=9,
    body="Sales rose 3% and the supermarket said it expected profit to grow again this year. "
    "The chief executive said lower prices had won back shoppers. Shares rose 1% in London.",
)
NEWS = (TRUMP_1, XI_VISIT, STORM, TRUMP_2, HALO, HALF_LIFE, FIRE_1, FIRE_2, *BACKGROUND)
RESULTS = (RESULTS_1, RESULTS_2, OIL_COURT, SUPERMARKET, GROCERS, *BACKGROUND)
BUSINESS = (OIL_COURT, OIL_TALKS, SUPERMARKET, GROCERS, STORM, HALO, *BACKGROUND)


def test_reports_of_one_story_cluster_and_others_do_not() -> None:
    stories = cluster(NEWS)
    assert {frozenset(story.articles) for story in stories} == {
        frozenset({TRUMP_1, TRUMP_2}),  # one meeting, reported twice
        frozenset({FIRE_1, FIRE_2}),  # one fire, the night it broke out and the day after
    }
    assert stories[0].lead == FIRE_2  # the newest report leads, the newest story first


def test_two_reviews_of_different_games_are_not_one_story() -> None:
    # the same topic words (levels, graphics, shooter, multiplayer) and a shared name (Xbox)
    assert not any(HALO in story.articles for story in cluster(NEWS))


def test_near_text_without_a_shared_rare_name_is_two_stories() -> None:
    # two companies' results, told in the same words: two stories
    assert cluster(RESULTS) == ()
    in_london = [replace(a, entities=(*a.entities, "London")) for a in RESULTS]
    assert cluster(in_london) == ()  # a name every article carries is not rare
    same_company = replace(RESULTS_2, entities=("Tesco",))
    assert len(cluster([RESULTS_1, same_company, *RESULTS[2:]])) == 1


def test_the_same_words_weeks_apart_are_two_stories() -> None:
    later = replace(TRUMP_2, date=TRUMP_2.date + timedelta(days=20))
    assert cluster([*BACKGROUND, TRUMP_1, later]) == ()


def test_a_shared_entity_alone_does_not_make_a_story() -> None:
    assert cluster([TRUMP_1, XI_VISIT, *BACKGROUND]) == ()


def test_related_articles_are_nearest_in_text_not_in_shared_place_names() -> None:
    # the supermarket shares two names (Houston, Texas) with the oil company's court case,
    # the settlement talks none as spelt; the talks are the better pick
    found = related(BUSINESS, cluster(BUSINESS), limit=1)
    assert found[0] == (OIL_TALKS,)
    assert found[2] == (GROCERS,)
    assert SUPERMARKET not in related(BUSINESS, cluster(BUSINESS))[0][:1]


def test_related_articles_leave_out_the_story_and_weak_picks() -> None:
    stories = cluster(NEWS)
    found = related(NEWS, stories)
    assert TRUMP_2 not in found[0]  # a report of its own story, listed apart
    assert found[0][0] == XI_VISIT  # Putin, Moscow and the war
    assert found[2] == ()  # nothing is near the storm


def test_a_shared_section_breaks_a_near_tie() -> None:
    # the supermarket is a little nearer in text to the discount grocers than to the court case
    untagged = [OIL_COURT, SUPERMARKET, GROCERS, *BACKGROUND]
    assert related(untagged, ())[1][0] == GROCERS
    business = replace(OIL_COURT, tags=("Business",))
    tagged = [business, replace(SUPERMARKET, tags=("business",)), GROCERS, *BACKGROUND]
    assert related(tagged, ())[1][0] == business


def test_among_related_articles_alike_but_in_time_the_nearer_comes_first() -> None:
    """The rule: most similar first (text, names, a shared section), and among equals the
    nearest in time. Two reports alike in all but their time, 2 and 48 hours from the article,
    listed in the site with the far one first: the near one is shown first, before or after."""
    subject = article(
        "Brown meets union leaders over pay",
        "Gordon Brown met union leaders in London over public sector pay.",
        ("Gordon Brown",),
        body="The chancellor said pay rises must stay within the inflation target.",
        tags=("Economy",),
    )
    near = article(
        "Brown sets out spending plans",
        "Gordon Brown set out his spending plans for the next three years.",
        ("Gordon Brown",),
        hours=2,
        body="The chancellor said public sector pay would rise with inflation.",
        tags=("Economy",),
    )
    for far_hours in (48, -48):
        far = replace(near, source_path=Path("far.md"), date=DAY + timedelta(hours=far_hours))
        articles = [subject, far, near, *BACKGROUND]
        shown = related(articles, (), limit=3)[0]
        assert [a.key for a in shown[:2]] == [near.key, far.key], far_hours


def test_a_copy_of_an_article_keeps_its_story_and_related_articles() -> None:
    # Render shifts each article into the site's zone, which makes a copy: lookups must go by
    # the article's key (its source file), never by which object it is.
    config = SiteConfig(root=Path("."), timezone="Asia/Tokyo")
    site, _ = assemble(config, NEWS, ())
    copy = replace(TRUMP_1, date=TRUMP_1.date.astimezone(config.zone))
    assert copy is not TRUMP_1
    assert site.related_to(copy) == site.related_to(TRUMP_1) != ()
    assert site.related_to(copy)[0] == XI_VISIT
    assert site.other_reports(copy) == (TRUMP_2,)
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

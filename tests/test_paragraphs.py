"""newsdigest.content.paragraphs: the HTML of ingest's own Markdown without a parse, byte for
byte what markdown-it gives, over seeds ingest reads and writes as a build does."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import REAL_SEED, make_site
from hypothesis import event, given, settings
from hypothesis import strategies as st

from newsdigest import frontmatter
from newsdigest.config import load_config
from newsdigest.content.load import load_file
from newsdigest.content.markdown import render_markdown
from newsdigest.content.paragraphs import render_paragraphs
from newsdigest.ingest import ingest_for_build
from newsdigest.ingest.page import page_text
from newsdigest.ingest.run import analyse_seed
from newsdigest.ingest.seeds import SeedSettings

SETTINGS = SeedSettings(ZoneInfo("Europe/Moscow"))
MTIME = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)

WORDS = ["said", "Oslo", "it's", "rock'n'roll", "'90s", "O'Neill", "Zürich", "東京", "naïve", "🙂"]
TYPOGRAPHY = [
    *('"', "'", "‘", "“", "”", "’", "«", "»", "„"),
    *("-", "--", "---", "----", "...", "..", "....", "?....", "!....", "????", "!!!!!", ",,"),
    *("+-", "(c)", "(C)", "(tm)", "(TM)", "(r)", "(R)", "(p)", "—", "–", "…"),
]
MARKDOWN = [
    *("*", "**", "_", "__", "`", "```", "~~", "[", "]", "[x](y)", "![a](b)", "<", ">", "|"),
    *("&", "&amp;", "&#39;", "&#x41;", "&copy;", "&nbsp", "&#;", "#", "##", "\\", "\\\\"),
    *("1.", "12)", "1234567890.", "+", "=", "===", ":", "!", "{", "}", "^", "@", "$", "%"),
    *("https://example.com/a_b*c?d=1&e=2", "<http://x.example/>", "www.example.com"),
]
TAGS = [
    *("<b>", "</b>", "<i>", "</i>", "<em>", "</em>", "<br>", "<br/>", "<p>", "</p>"),
    *('<a href="https://x.example/a b">', "</a>", "<u>", "</u>", "<script>x</script>"),
]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", "\u00a0", "\u200d", "\t", "1987", "42"]
GAPS = [" ", " ", " ", "", "\n"]
"""Between two fragments: mostly a space; none; a line break inside a paragraph."""


def fragments(tags: bool) -> st.SearchStrategy[str]:
    """A run of paragraph text: words, typography, Markdown's characters, maybe HTML tags."""
    pool = [*WORDS, *TYPOGRAPHY, *MARKDOWN, *PUNCTUATION, *(TAGS if tags else ())]
    pieces = st.one_of(st.sampled_from(pool), st.text(max_size=3))
    pairs = st.tuples(pieces, st.sampled_from(GAPS)).map("".join)
    return st.lists(pairs, min_size=1, max_size=24).map("".join)


def seeds(tags: bool = True) -> st.SearchStrategy[str]:
    """A seed as a scraper saves it: title, date, then paragraphs split by blank lines."""
    paragraphs = st.lists(fragments(tags), min_size=1, max_size=6)
    return paragraphs.map(
        lambda body: "## A headline\nMarch 14, 2025\n\n" + "\n\n".join(body) + "\n"
    )


def ingested_body(seed: str) -> str | None:
    """The body of the page ingest writes for a seed, as load reads it back; None if refused."""
    article, _ = analyse_seed(SETTINGS, (Path("seeds/a.txt"), seed.encode(), MTIME))
    if article is None:
        return None
    text = page_text(article, "a-headline", "a.txt").encode("utf-8").decode("utf-8")
    return frontmatter.split(text)[1]


@settings(max_examples=600, deadline=None)
@given(seeds())
def test_ingests_own_markdown_renders_as_markdown_it_does(seed: str) -> None:
    body = ingested_body(seed)
    if body is None:
        return
    fast = render_paragraphs(body)
    event("rendered without a parse" if fast is not None else "left to markdown-it")
    assert fast is None or fast == render_markdown(body)


@settings(max_examples=300, deadline=None)
@given(seeds(tags=False))
def test_ingests_markdown_without_emphasis_or_links_never_needs_the_parser(seed: str) -> None:
    body = ingested_body(seed)
    if body is None or ":" in body:  # a line may start with ':' (refused: it could be a table)
        return
    assert render_paragraphs(body) == render_markdown(body)


@pytest.mark.parametrize(
    "body",
    [
        "\n**bold** text\n",  # emphasis
        "\n[x](<https://x.example/>)\n",  # a link
        "\nan &amp; entity\n",
        "\n# a heading\n",
        "\n- a list\n",
        "\n1. a list\n",
        "\na\nsoft break\n",
        "\na \\| b\\\n:---\n",
        "\n    code\n",
        "\na\n\n\n\nb\n",
        "\nends in a backslash \\\n",
        "\nkept \\a backslash\n",
    ],
)
def test_anything_but_plain_paragraphs_is_left_to_markdown_it(body: str) -> None:
    assert render_paragraphs(body) is None


def test_a_build_hands_over_the_pages_ingest_wrote_and_not_an_edited_one(tmp_path: Path) -> None:
    other = '## "Quoted" -- talks\nMarch 15, 2025\n\nThey said "yes" ... and (c) 2025.\n'
    site = make_site(tmp_path / "site", {"one.txt": REAL_SEED.read_bytes(), "two.txt": other})
    config = load_config(site)
    run = ingest_for_build(config)
    pages = sorted(config.articles_dir.glob("*.md"))
    assert len(pages) == 2 and all("Original url" in str(p) for p in run.report.problems)
    assert run.pages == {hashlib.sha256(page.read_bytes()).hexdigest() for page in pages}
    pages[1].write_text(pages[1].read_text(encoding="utf-8") + "\nA person's *own* line.\n")
    for page in pages:
        body = frontmatter.split(page.read_text(encoding="utf-8"))[1]
        loaded = load_file(config, page, run.pages).article
        assert loaded is not None and loaded.body_html == render_markdown(body)
    first = frontmatter.split(pages[0].read_text(encoding="utf-8"))[1]
    assert render_paragraphs(first) == render_markdown(first)

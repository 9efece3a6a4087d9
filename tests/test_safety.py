"""Property tests across the whole build: any seed parses or is refused clearly, nothing from a
seed comes out as live HTML in a page or a feed, and slugs are always safe and unique."""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

from helpers import make_site
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsdigest.config import load_config
from newsdigest.frontmatter import split
from newsdigest.ingest import ingest
from newsdigest.ingest.seeds import SeedSettings, parse_seed
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions

SETTINGS = SeedSettings(ZoneInfo("Europe/Moscow"), max_bytes=50_000)
PROBLEM = re.compile(r"^seeds/x\.txt:\d+: (error|warning): [^;]+; .+$", re.DOTALL)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILDS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" JaVaScRiPt:alert(1)">click</a>',
    '<a href="https://ok.example/" onclick="alert(1)">ok</a>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    "<iframe src=//evil.example></iframe>",
    "<svg onload=alert(1)>",
    "<evil-tag data-evil=1>",
    '<div style="background:url(x)" onmouseover=alert(1)>',
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/i.png)",
    "<javascript:alert(1)>",
    "<https://evil.example/auto>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<![CDATA[ x ]]>",
    "]]>",
    "<!-- c -->",
    "<![foo[",
    "<?xml x?>",
    "\x00\x01\x0b\x1b\ufffe",
    "<object data=x></object><embed src=x>",
    "<math><mi xlink:href=x>",
    "* _ # 1. | ` ~ > -",
]
FORBIDDEN_TAGS = {"script", "iframe", "img", "svg", "object", "embed", "evil-tag", "style", "math"}
# Feed elements a reader renders as HTML (RSS description and content:encoded); Atom marks
# its own with type="html". Titles and text-type elements are shown as text.
HTML_ELEMENTS = {"description", "encoded"}
BAD_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)

words = st.text(st.characters(blacklist_categories=["Cs"]), max_size=15)
pieces = st.lists(st.one_of(st.sampled_from(HOSTILE), words), min_size=1, max_size=8)


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_give_an_article_or_a_clear_refusal(data: bytes) -> None:
    check_parse(data)


@FAST
@given(
    words, st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(), st.just("\n\n")), max_size=12)
)
def test_any_text_gives_an_article_or_a_clear_refusal(title: str, body: list[str]) -> None:
    check_parse(f"## {title}\n\nMarch 14, 2025\n\n{''.join(body)}".encode())


def check_parse(data: bytes) -> None:
    article, problems = parse_seed(
        Path("seeds/x.txt"), data, SETTINGS, datetime(2025, 1, 1, tzinfo=UTC)
    )
    assert all(PROBLEM.match(str(p)) for p in problems), problems
    if article is None:
        assert any(p.severity == "error" for p in problems)
    else:
        assert article.title.strip() and article.date.tzinfo is not None
        assert not any(p.severity == "error" for p in problems)


class _Collector(HTMLParser):
    """Every start tag and attribute in an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


# The site's own scripts: JSON-LD data, and its search page's files. Nothing else may run.
OWN_SCRIPT = re.compile(
    r'<script type="application/ld\+json">(?P<data>[^<]*)</script>'
    r'|<script type="module" src="(?:\.\./)*static/search\.js"></script>'
)


def without_own_scripts(html: str) -> str:
    """The page without the scripts the layouts add; JSON-LD must parse and hold no '<'."""
    for match in OWN_SCRIPT.finditer(html):
        if match["data"] is not None:
            json.loads(match["data"])
    return OWN_SCRIPT.sub("", html)


def assert_inert(html: str, where: str) -> None:
    """No dangerous element, no event handler or style attribute, no script URL."""
    collector = _Collector()
    collector.feed(without_own_scripts(html))
    collector.close()
    for tag, attrs in collector.found:
        assert tag not in FORBIDDEN_TAGS, (where, tag)
        for name, value in attrs:
            assert not name.startswith("on") and name not in {"style", "data-evil", "xlink:href"}, (
                where,
                tag,
                name,
            )
            if name in {"href", "src", "action", "formaction"}:
                assert not BAD_URL.match(value or ""), (where, tag, value)


@BUILDS
@given(pieces, pieces)
# The dangerous inputs, pinned: random pieces find a missing escape only most of the time.
# Markup in the lead becomes the summary's plain text, which RSS readers take as HTML.
@example(["<script>alert(1)</script>"], ["<img src=x onerror=alert(1)>", "said."])
@example(["Talks"], ["&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;"])
@example(['"><svg onload=alert(1)>'], ["</textarea><script>alert(1)</script>", "]]>"])
@example(["x"], ['<a href="javascript:alert(1)">click</a>', "[x](javascript:alert(1))"])
def test_nothing_from_a_seed_comes_out_live(title: list[str], body: list[str]) -> None:
    text = f"## {' '.join(title)}\n\nMarch 14, 2025\n\n{' '.join(body)}\n\n{' '.join(body)}\n"
    text += f"\nRelated article: {' '.join(title)}\n\n## Original url:\n{''.join(body)}\n"
    with tempfile.TemporaryDirectory() as folder:
        site = make_site(Path(folder) / "s", {"x.txt": text.encode("utf-8", "replace")})
        out = Path(folder) / "out"
        build(load_config(site), BuildOptions(out_dir=out))
        for page in out.rglob("*.html"):
            assert_inert(page.read_text(encoding="utf-8"), str(page))
        for feed in ("feed.xml", "atom.xml"):
            root = ET.fromstring((out / feed).read_bytes())  # well-formed for any input
            for element in root.iter():
                name = element.tag.rsplit("}", 1)[-1]
                assert name not in FORBIDDEN_TAGS
                if name in HTML_ELEMENTS or element.get("type") == "html":
                    assert_inert(element.text or "", f"{feed} <{name}>")


titles = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=90
)


@BUILDS
@given(st.lists(titles, min_size=2, max_size=6))
def test_slugs_are_always_safe_and_unique(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds = {
            f"{i:02}.txt": f"## {t}\n\nMarch 14, 2025\n\nBody {i}.\n" for i, t in enumerate(names)
        }
        site = make_site(Path(folder) / "s", seeds)
        ingest(load_config(site))
        slugs = []
        for page in (site / "content" / "articles").glob("*.md"):
            meta, _, _ = split(page.read_text(encoding="utf-8"))
            slug = str(meta["slug"])
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 80, slug
            assert page.name == f"2025-03-14-{slug}.md"
            slugs.append(slug)
        assert len(slugs) == len(set(slugs))

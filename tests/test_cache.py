"""The build cache: it saves work, and an incremental build always equals a clean one."""

from __future__ import annotations

import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import make_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.config import SiteConfig, load_config
from newsdigest.pipeline.build import build
from newsdigest.pipeline.cache import CACHE_NAME, BuildCache, load_cache, save_cache
from newsdigest.pipeline.full import Session
from newsdigest.pipeline.options import BuildOptions, BuildReport
from newsdigest.render import theme as default_theme


def article_text(title: str, day: int, body: str, tags: str = "[]", names: str = "") -> str:
    entities = f"entities: {names}\n" if names else ""
    return (
        f"---\ntitle: {title}\ndate: 2025-03-{day:02d}T10:00:00+00:00\ntags: {tags}\n"
        f"{entities}---\n\n{body}\n"
    )


RULES = '[topics]\nWar = ["ceasefire", "{word}"]\n'
"""A keyword rule (content/topics.py): body edits and setting edits change derived topics."""


def new_site(root: Path, count: int = 4) -> Path:
    settings = 'title = "Cache test"\npage_size = 2\nfeed_size = 3\n' + RULES.format(word="Kyiv")
    site = make_site(root, {}, settings)
    for index in range(count):
        write_article(
            site, f"a{index}", article_text(f"Title {index}", 10 + index, f"Body {index}.")
        )
    return site


def far_article(title: str, names: str, tags: str = "[]") -> str:
    """An article of November 2024, months before new_site's: it shares names, not days."""
    return article_text(title, 12, "Body.", tags, names).replace("2025-03-", "2024-11-")


def write_article(site: Path, name: str, text: str) -> None:
    (site / "content" / "articles" / f"{name}.md").write_text(text, encoding="utf-8")


def incremental(site: Path, out: Path) -> BuildReport:
    return build(load_config(site), BuildOptions(out_dir=out, skip_ingest=True))


def clean(site: Path, out: Path) -> BuildReport:
    return build(load_config(site), BuildOptions(out_dir=out, skip_ingest=True, use_cache=False))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_missing_or_corrupt_or_foreign_cache_is_empty(tmp_path: Path) -> None:
    assert load_cache(tmp_path, "stamp") == BuildCache("stamp")
    save_cache(tmp_path, BuildCache("stamp", {}, {}))
    assert load_cache(tmp_path, "stamp").stamp == "stamp"
    assert load_cache(tmp_path, "other") == BuildCache("other")
    (tmp_path / CACHE_NAME).write_bytes(b"\x80\x05garbage")
    assert load_cache(tmp_path, "stamp") == BuildCache("stamp")
    (tmp_path / CACHE_NAME).write_bytes(pickle.dumps({"not": "a cache"}))
    assert load_cache(tmp_path, "stamp") == BuildCache("stamp")


def test_nothing_changed_means_nothing_parsed_or_rendered(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    first = incremental(site, tmp_path / "out")
    assert first.parsed == 5 and first.rendered > 0  # four articles and about.md
    second = incremental(site, tmp_path / "out")
    assert (second.parsed, second.rendered, second.written.changed) == (0, 0, ())


def test_one_edit_renders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site", count=6)
    incremental(site, tmp_path / "out")
    write_article(site, "a0", article_text("Title 0, revised", 10, "Body 0."))
    report = incremental(site, tmp_path / "out")
    assert report.parsed == 1
    # its page, its newer neighbour's page, its day, its month, the home page it is on; the
    # archive and the year (counts only) stay
    changed = set(report.written.changed)
    assert "2025/03/10/a0/index.html" in changed and "2025/03/11/a1/index.html" in changed
    assert "2025/03/15/a5/index.html" not in changed
    assert report.rendered <= 6


def test_a_layout_change_renders_only_pages_that_use_it(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    incremental(site, tmp_path / "out")
    layout = site / "layouts" / "day.html"
    layout.write_text(layout.read_text() + "{# changed #}\n")
    report = incremental(site, tmp_path / "out")
    assert report.rendered == 4  # the four day pages, nothing else
    base = site / "layouts" / "base.html"
    base.write_text(base.read_text() + "{# changed #}\n")
    pages = sum(1 for _ in (tmp_path / "out").rglob("*.html"))
    assert incremental(site, tmp_path / "out").rendered == pages  # every page uses base.html


def test_a_settings_change_starts_from_nothing(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    incremental(site, tmp_path / "out")
    (site / "site.toml").write_text('title = "Renamed"\npage_size = 2\nfeed_size = 3\n')
    report = incremental(site, tmp_path / "out")
    assert report.parsed == 5
    assert "Renamed" in (tmp_path / "out" / "index.html").read_text()


def test_a_keyword_rule_change_gives_the_topics_a_clean_build_gives(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    write_article(site, "a9", article_text("Talks", 20, "Kremlin talks. Kremlin aides. Kremlin."))
    incremental(site, tmp_path / "out")
    assert not (tmp_path / "out" / "topics" / "war").exists()
    settings = (site / "site.toml").read_text().replace('"Kyiv"', '"Kremlin"')
    (site / "site.toml").write_text(settings)
    incremental(site, tmp_path / "out")
    clean(site, tmp_path / "clean")
    assert (tmp_path / "out" / "topics" / "war" / "index.html").exists()
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_new_day_between_two_relinks_their_pages_as_a_clean_build(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")  # articles on March 10, 11, 12 and 13
    (site / "content" / "articles" / "a1.md").unlink()
    incremental(site, tmp_path / "out")
    write_article(site, "a8", article_text("Between", 11, "Talks resume."))
    incremental(site, tmp_path / "out")
    clean(site, tmp_path / "clean")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    assert "2025/03/11/" in (tmp_path / "out" / "2025" / "03" / "10" / "index.html").read_text()


def test_a_new_year_shows_years_on_unchanged_lists_as_a_clean_build(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    write_article(site, "a1", article_text("Budget", 11, "Budget.", "[Economy]"))
    incremental(site, tmp_path / "out")
    economy = tmp_path / "out" / "topics" / "economy" / "index.html"
    assert "March 11, 10:00" in economy.read_text()
    newer = article_text("New year", 1, "Fireworks.").replace("2025-03-", "2026-01-")
    write_article(site, "a9", newer)
    incremental(site, tmp_path / "out")
    clean(site, tmp_path / "clean")
    assert "March 11, 2025, 10:00" in economy.read_text()
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_pinning_and_unpinning_a_story_gives_the_front_page_a_clean_build_gives(
    tmp_path: Path,
) -> None:
    site = new_site(tmp_path / "site", count=5)  # page_size 2: three home pages
    incremental(site, tmp_path / "out")
    for pinned in ("true", "false", "true"):
        text = article_text("Title 1", 11, "Body 1.").replace("tags:", f"pinned: {pinned}\ntags:")
        write_article(site, "a1", text)
        incremental(site, tmp_path / "out")
        shutil.rmtree(tmp_path / "clean", ignore_errors=True)
        clean(site, tmp_path / "clean")
        assert tree(tmp_path / "out") == tree(tmp_path / "clean")
        lead = (tmp_path / "out" / "index.html").read_text().split('class="lead-title"')[1]
        assert lead.split("</h2>")[0].endswith(">Title 1</a>") == (pinned == "true")


def test_an_output_file_deleted_or_changed_by_hand_is_made_again(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    incremental(site, tmp_path / "out")
    (tmp_path / "out" / "index.html").unlink()
    (tmp_path / "out" / "archive" / "index.html").write_text("defaced")
    incremental(site, tmp_path / "out")
    clean(site, tmp_path / "clean")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_edits_of_topics_and_names_give_what_a_clean_build_gives(tmp_path: Path) -> None:
    """An article's topics and names are part of the site's shape: a topic or a name gained
    or lost changes the lists of topics and names, feeds and related articles, far off too,
    and a full name given once ("International Monetary Fund") names every "IMF" of the site."""
    site = new_site(tmp_path / "site")
    steps = [
        {"a0": article_text("Named 0", 12, "Body.", "[]", "[Gordon Brown]")},
        {"f1": far_article("Far", "[Gordon Brown]")},
        {"a0": article_text("Named 0", 12, "Body.", "[]", "[IMF]")},
        {"a0": article_text("Named 0", 12, "Body.", "[Peace]", "[IMF]")},
        {"f1": far_article("Far", "[IMF]", "[Peace]")},
        {"a1": article_text("Title 1", 11, "Body 1.", "[]", "[Gordon Brown, IMF]")},
        {"a0": article_text("Named 0", 12, "Body.", "[]", "[International Monetary Fund]")},
        {"a0": article_text("Named 0", 12, "Body.")},
        {"a1": article_text("Title 1", 11, "Body 1.")},  # the last of Gordon Brown
        {"f1": far_article("Far", "")},  # and of the IMF, and of Peace
    ]
    incremental(site, tmp_path / "out")
    for step, articles in enumerate(steps):
        for name, text in articles.items():
            write_article(site, name, text)
        incremental(site, tmp_path / "out")
        clean(site, tmp_path / f"clean{step}")
        assert tree(tmp_path / "out") == tree(tmp_path / f"clean{step}"), f"at step {step}"


def test_minify_on_or_off_from_the_cache_gives_what_a_clean_build_gives(tmp_path: Path) -> None:
    """The cache knows whether its pages were minified: turning --minify on (or off) for the
    same folder draws every page again rather than keeping the other kind."""
    site = new_site(tmp_path / "site")
    config = load_config(site)
    for minify in (False, True, False):
        build(config, BuildOptions(out_dir=tmp_path / "out", skip_ingest=True, minify=minify))
        expected = tmp_path / f"clean-{minify}"
        options = BuildOptions(out_dir=expected, skip_ingest=True, use_cache=False, minify=minify)
        build(config, options)
        assert tree(tmp_path / "out") == tree(expected), f"minify={minify}"
    assert tree(tmp_path / "clean-True") != tree(tmp_path / "clean-False")  # minify did work


# --- incremental builds equal clean builds, whatever the sequence of changes -------------

WORDS = st.sampled_from(
    ["alpha", "beta", "gamma", "delta", "Kremlin", "Kyiv", "talks", "ceasefire"]
)
TITLES = st.lists(WORDS, min_size=1, max_size=4).map(lambda ws: " ".join(ws).capitalize())
BODIES = st.lists(WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
TAGS = st.sampled_from(["[]", "[Economy]", "[Economy, War]", "[War]"])
NAMES = st.sampled_from(
    [
        "[Gordon Brown, Olympics]",
        "[Brown, Olympic, US]",
        "[United States, IMF]",
        "[Brown]",
        "[International Monetary Fund]",
    ]
)
MAYBE_NAMES = st.one_of(st.just(""), NAMES)
"""An article's names: found in its body, or given in its front matter."""
NAMES_TOML = st.sampled_from(
    [
        "",
        'never = ["Olympic"]\n',
        '[aliases]\n"IMF" = "International Monetary Fund"\n"Brown" = "Gordon Brown"\n',
        '[kinds]\n"Brown" = "place"\nbad line\n',
    ]
)
EDITS = st.one_of(
    st.tuples(st.just("named"), st.integers(0, 7), NAMES),
    st.tuples(st.just("names"), NAMES_TOML),
    st.tuples(
        st.just("write"), st.integers(0, 7), TITLES, st.integers(1, 6), BODIES, TAGS, MAYBE_NAMES
    ),
    st.tuples(st.just("far"), st.integers(0, 2), NAMES, TAGS),
    st.tuples(st.just("delete"), st.integers(0, 7)),
    st.tuples(st.just("same-size"), st.integers(0, 7)),
    st.tuples(
        st.just("layout"),
        st.sampled_from(["base.html", "article.html", "index.html", "macros.html"]),
    ),
    st.tuples(st.just("css"), WORDS),
    st.tuples(st.just("page"), TITLES),
    st.tuples(st.just("alias"), st.sampled_from(["day.html", "article.html", "term.html"])),
    st.tuples(st.just("setting"), WORDS),
    st.tuples(st.just("theme"), st.sampled_from(["archive.html", "404.html", "feeds.html"])),
    st.tuples(st.just("view-only")),
)
VIEW_ONLY = "<title>{{ view.title }}</title><p>{{ view.description }}</p>\n"
"""An article layout that shows only the view, which the plan made from the article."""
ALIAS = "{% set s = site %}<p>{{ s.articles | length }} in all, {{ s.days | length }} days</p>"
THEMED = ("archive.html", "404.html", "feeds.html")
"""Layouts the property test's site leaves to the default theme, which it edits too."""


def apply(site: Path, edit: tuple[object, ...]) -> Path:
    """Change the site the way a person might; the file changed, as a watcher reports it."""
    kind = edit[0]
    articles = site / "content" / "articles"
    if kind == "write":
        _, index, title, day, body, tags, names = edit
        text = article_text(str(title), int(str(day)), str(body), str(tags), str(names))
        write_article(site, f"a{index}", text)
        return articles / f"a{index}.md"
    if kind == "far":  # months before the others, sharing their names: related, not a story
        _, index, names, tags = edit
        write_article(site, f"f{index}", far_article(f"Far {index}", str(names), str(tags)))
        return articles / f"f{index}.md"
    if kind == "named":
        _, index, names = edit
        write_article(site, f"a{index}", article_text(f"Named {index}", 12, "Body.", "[]", names))
        return articles / f"a{index}.md"
    if kind == "names":
        (site / "names.toml").write_text(str(edit[1]), encoding="utf-8")
        return site / "names.toml"
    if kind == "delete":
        (articles / f"a{edit[1]}.md").unlink(missing_ok=True)
        return articles / f"a{edit[1]}.md"
    if kind == "same-size":
        path = articles / f"a{edit[1]}.md"
        if path.exists():  # same size, often in the same mtime tick: only the text differs
            text = path.read_text()
            path.write_text(
                text.replace("Body", "Bady") if "Body" in text else text.replace("a", "e", 1)
            )
        return path
    if kind == "layout":
        layout = site / "layouts" / str(edit[1])
        layout.write_text(layout.read_text() + "{# edit #}\n")
        return layout
    if kind == "css":
        (site / "static" / "style.css").write_text(f"/* {edit[1]} */\n", encoding="utf-8")
        return site / "static" / "style.css"
    if kind == "page":
        (site / "content" / "about.md").write_text(f"---\ntitle: {edit[1]}\n---\nAbout.\n")
        return site / "content" / "about.md"
    if kind == "alias":  # a layout that reaches the site through another name
        layout = site / "layouts" / str(edit[1])
        layout.write_text(layout.read_text().replace("{% endblock %}", ALIAS + "{% endblock %}", 1))
        return layout
    if kind == "view-only":
        (site / "layouts" / "article.html").write_text(VIEW_ONLY)
        return site / "layouts" / "article.html"
    if kind == "setting":
        settings = (
            f'title = "Cache test"\ndescription = "{edit[1]}"\npage_size = 2\nfeed_size = 3\n'
            + RULES.format(word=edit[1])
        )
        (site / "site.toml").write_text(settings)
        return site / "site.toml"
    assert kind == "theme"
    layout = default_theme.DEFAULT_LAYOUTS / str(edit[1])
    layout.write_text(
        layout.read_text().replace("{% endblock %}", "<p>themed</p>{% endblock %}", 1)
    )
    return layout


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(EDITS, min_size=1, max_size=6))
def test_incremental_builds_equal_clean_builds(
    tmp_path_factory, edits: list[tuple[object, ...]]
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("prop")
    theme = root / "theme"  # a copy of the default theme, to edit
    shutil.copytree(default_theme.DEFAULT_LAYOUTS, theme)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(default_theme, "DEFAULT_LAYOUTS", theme)
        site = new_site(root / "site")
        for name in THEMED:
            (site / "layouts" / name).unlink()
        incremental(site, root / "out")
        for step, edit in enumerate(edits):
            apply(site, edit)
            incremental(site, root / "out")
            clean(site, root / f"clean{step}")
            assert tree(root / "out") == tree(root / f"clean{step}"), f"after {edits[: step + 1]}"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(EDITS, min_size=1, max_size=6))
def test_preview_updates_equal_clean_builds(
    tmp_path_factory, edits: list[tuple[object, ...]]
) -> None:  # type: ignore[no-untyped-def]
    """The preview keeps the last build in memory (a Session): each update must still equal a
    clean build of the same inputs, for the address the preview serves on."""
    root = tmp_path_factory.mktemp("preview")
    theme = root / "theme"
    shutil.copytree(default_theme.DEFAULT_LAYOUTS, theme)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(default_theme, "DEFAULT_LAYOUTS", theme)
        site = new_site(root / "site")
        for name in THEMED:
            (site / "layouts" / name).unlink()
        session = Session()

        def served() -> SiteConfig:
            return replace(load_config(site, preview=True), base_url="http://127.0.0.1:9/")

        options = BuildOptions(out_dir=root / "preview", skip_ingest=True)
        session.build(served(), options)
        for step, edit in enumerate(edits):
            changed = apply(site, edit)  # what the watcher reports: this file, and only it
            session.build(served(), options, frozenset({changed.resolve()}))
            expected = root / f"clean{step}"
            build(served(), BuildOptions(out_dir=expected, skip_ingest=True, use_cache=False))
            assert tree(root / "preview") == tree(expected), f"after {edits[: step + 1]}"


def test_a_preview_session_parses_only_what_changed_and_keeps_its_cache(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    session = Session()
    options = BuildOptions(out_dir=tmp_path / "preview", skip_ingest=True)
    first = session.build(load_config(site, preview=True), options)
    assert first.parsed == 5
    write_article(site, "a1", article_text("Retitled", 11, "Body 1."))
    changed = frozenset({(site / "content" / "articles" / "a1.md").resolve()})
    second = session.build(load_config(site, preview=True), options, changed)
    assert second.parsed == 1 and "cache" not in second.stage_seconds  # no round trip to disk
    session.save(load_config(site, preview=True), options.out_dir)
    again = build(load_config(site, preview=True), options)  # a new process starts warm
    assert again.parsed == 0 and again.rendered == 0


def test_an_edit_of_names_toml_rebuilds_the_names_pages(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site", 0)
    for index in range(3):
        text = article_text(f"Title {index}", 10 + index, "Body.", "[]", "[Brown, Olympic]")
        write_article(site, f"a{index}", text)
    incremental(site, tmp_path / "out")
    names = tmp_path / "out" / "entities" / "index.html"
    assert "Brown" in names.read_text() and "Gordon" not in names.read_text()
    (site / "names.toml").write_text('[aliases]\n"Brown" = "Gordon Brown"\n', encoding="utf-8")
    incremental(site, tmp_path / "out")
    clean(site, tmp_path / "clean")
    assert "Gordon Brown" in names.read_text()
    assert (tmp_path / "out" / "entities" / "gordon-brown" / "index.html").exists()
    assert not (tmp_path / "out" / "entities" / "brown").exists()
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_body_edit_reaches_the_feeds_that_carry_the_article(tmp_path: Path) -> None:
    """Only the text changes (the lead is set in front matter): the full-content feeds and the
    topic's feed must carry the new text, in a build and in a preview session alike."""
    site = new_site(tmp_path / "site")

    def page(body: str) -> str:
        head = "title: Kept\ndate: 2025-03-20T10:00:00+00:00\nsummary: A kept lead.\ntags: [port]"
        return f"---\n{head}\n---\n\nA kept lead.\n\n{body}\n"

    write_article(site, "lead", page("The first text."))
    session = Session()
    preview = BuildOptions(out_dir=tmp_path / "preview", skip_ingest=True)
    incremental(site, tmp_path / "out")
    session.build(load_config(site), preview)
    write_article(site, "lead", page("The second text."))  # as many words: only the text
    report = incremental(site, tmp_path / "out")
    session.build(load_config(site), preview, frozenset({site / "content"}))
    clean(site, tmp_path / "clean")
    assert report.parsed == 1
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    assert tree(tmp_path / "preview") == tree(tmp_path / "clean")
    assert b"second text" in (tmp_path / "out" / "feed.json").read_bytes()


def test_a_theme_change_rebuilds_every_page_as_a_clean_build(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    incremental(site, tmp_path / "out")
    before = (site / "site.toml").read_text()
    themed = before + '\n[theme]\naccent = "#b00020"\nlogo = "static/logo.svg"\nfooter = "Hi"\n'
    (site / "site.toml").write_text(themed)
    report = incremental(site, tmp_path / "out")
    pages = {p for p in tree(tmp_path / "out") if p.endswith(".html")}
    assert pages <= set(report.written.changed)
    clean(site, tmp_path / "clean")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    assert "--accent: #b00020" in (tmp_path / "out" / "index.html").read_text()
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" id="b"/>')
    (site / "site.toml").write_text(themed.replace("#b00020", "#123"))
    incremental(site, tmp_path / "out")
    shutil.rmtree(tmp_path / "clean")
    clean(site, tmp_path / "clean")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    (site / "site.toml").write_text(before)
    incremental(site, tmp_path / "out")
    shutil.rmtree(tmp_path / "clean")
    clean(site, tmp_path / "clean")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    assert "footer-note" not in (tmp_path / "out" / "index.html").read_text()


def test_a_new_logo_alone_relinks_every_page_as_a_clean_build(tmp_path: Path) -> None:
    site = new_site(tmp_path / "site")
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    settings = site / "site.toml"
    settings.write_text(settings.read_text() + '\n[theme]\nlogo = "static/logo.svg"\n')
    incremental(site, tmp_path / "out")
    (site / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" id="b"/>')
    incremental(site, tmp_path / "out")
    clean(site, tmp_path / "clean")
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")

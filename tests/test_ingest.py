"""newsdigest.ingest: naming, duplicates, and never losing a person's edit."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, REAL_SEED, make_site

from newsdigest.cli import main
from newsdigest.config import load_config
from newsdigest.ingest import IngestReport, ingest
from newsdigest.pipeline.build import build
from newsdigest.pipeline.options import BuildOptions
from newsdigest.slugs import MAX_SLUG, slugify

ZONE = 'timezone = "Europe/Moscow"\n'


def seed(title: str, url: str = "", date: str = "March 14, 2025", body: str = "Body text.") -> str:
    tail = f"\n## Original url:\n{url}\n" if url else ""
    return f"## {title}\n\n{date}\n\n{body}\n{tail}"


def run(site: Path) -> IngestReport:
    return ingest(load_config(site))


def pages(site: Path) -> dict[str, str]:
    folder = site / "content" / "articles"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def warnings(report: IngestReport) -> list[str]:
    return [str(p) for p in report.problems if p.severity == "warning"]


def snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    content = site / "content"
    return {
        str(p.relative_to(content)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(content.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site", {"a.txt": seed("Same Story", "https://x.example/1")}, ZONE)


PAGE = "2025-03-14-same-story.md"


def test_second_run_changes_no_byte_and_no_mtime(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {REAL_SEED.name: REAL_SEED.read_bytes()}, ZONE)
    first = run(site)
    before = snapshot(site)
    second = run(site)
    assert len(first.written) == 1 and second.written == ()
    assert snapshot(site) == before
    assert ".ingest.json" in before


def seed_file(site: Path) -> Path:
    return site / "seeds" / "a.txt"


def test_a_scripted_change_of_tags_no_longer_blocks_later_seed_fixes(site: Path) -> None:
    run(site)
    page = site / "content" / "articles" / PAGE
    tagged = page.read_text(encoding="utf-8").replace("\nslug:", "\ntags: [world]\nslug:")
    page.write_text(tagged, encoding="utf-8")
    assert run(site).problems == ()
    seed_file(site).write_text(seed("Same Story", "https://x.example/1", body="Fixed."))
    report = run(site)
    assert report.problems == () and report.written == (page,)
    assert page.read_text(encoding="utf-8") == tagged.replace("Body text.", "Fixed.")
    seed_file(site).write_text(seed("Same Story", "https://x.example/1", body="Fixed again."))
    assert run(site).problems == ()  # the record still knows what ingest last wrote
    assert page.read_text(encoding="utf-8") == tagged.replace("Body text.", "Fixed again.")
    assert run(site).written == ()


def test_what_both_changed_keeps_the_persons_edit_and_says_where(site: Path) -> None:
    two = "First paragraph.\n\nSecond paragraph."
    seed_file(site).write_text(seed("Same Story", "https://x.example/1", body=two))
    run(site)
    page = site / "content" / "articles" / PAGE
    edited = page.read_text(encoding="utf-8").replace("Second paragraph.", "Second, my words.")
    page.write_text(edited, encoding="utf-8")
    fixed = "First paragraph, fixed.\n\nSecond paragraph, fixed."
    seed_file(site).write_text(seed("Same Story", "https://x.example/1", body=fixed))
    report = run(site)
    merged = page.read_text(encoding="utf-8")
    assert merged == edited.replace("First paragraph.", "First paragraph, fixed.")
    line = merged.split("\n").index("Second, my words.") + 1
    assert warnings(report) == [
        f"{page}:{line}: warning: kept your edit of paragraph 2; the seed now says "
        "'Second paragraph, fixed.'; merge by hand"
    ]
    assert run(site).problems == () and page.read_text(encoding="utf-8") == merged


def test_without_its_base_an_edited_page_is_kept_as_it_is(site: Path) -> None:
    run(site)
    page = site / "content" / "articles" / PAGE
    edited = page.read_text(encoding="utf-8").replace("Body text.", "Body text, mine.")
    page.write_text(edited, encoding="utf-8")
    for base in (site / "content" / ".ingest" / "base").iterdir():
        base.write_text(base.read_text(encoding="utf-8") + "damaged\n", encoding="utf-8")
    seed_file(site).write_text(seed("Same Story", "https://x.example/1", body="New."))
    report = run(site)
    assert page.read_text(encoding="utf-8") == edited
    assert warnings(report) == [
        f"{seed_file(site)}: warning: the seed changed, but content/articles/{PAGE} "
        "was edited by hand; kept your edit, delete the page and ingest again to take the "
        "seed's new version"
    ]
    assert run(site).problems == () and page.read_text(encoding="utf-8") == edited


def test_the_base_survives_the_build_cache_and_only_the_current_one_is_kept(site: Path) -> None:
    assert main(["build", "--site", str(site), "-q"]) == 0
    page = site / "content" / "articles" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    shutil.rmtree(site / ".cache")
    seed_file(site).write_text(seed("Same Story", "https://x.example/1", body="New."))
    assert main(["build", "--site", str(site), "-q"]) == 0
    assert page.read_text(encoding="utf-8").endswith("\n\nNew.\n\nA note of mine.\n")
    bases = list((site / "content" / ".ingest" / "base").iterdir())
    assert [b.read_bytes() for b in bases] == [
        page.read_bytes().replace(b"\n\nA note of mine.", b"")
    ]


def test_an_unedited_page_regenerates_when_its_seed_changes(site: Path) -> None:
    run(site)
    (site / "seeds" / "a.txt").write_text(seed("Same Story Retitled", "https://x.example/1"))
    report = run(site)
    assert list(pages(site)) == [PAGE]  # the slug, and so the URL, stays
    assert "title: Same Story Retitled" in pages(site)[PAGE]
    assert report.written == (site / "content" / "articles" / PAGE,)


def test_a_deleted_seed_removes_only_an_unedited_page(site: Path) -> None:
    (site / "seeds" / "b.txt").write_text(seed("Other Story", "https://x.example/2"))
    run(site)
    other = site / "content" / "articles" / "2025-03-14-other-story.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nA note.\n", encoding="utf-8")
    (site / "seeds" / "a.txt").unlink()
    (site / "seeds" / "b.txt").unlink()
    report = run(site)
    assert report.removed == (site / "content" / "articles" / PAGE,)
    assert list(pages(site)) == [other.name]
    assert warnings(report) == [
        f"{other}: warning: its seed b.txt is gone, but the page was edited by hand; kept it "
        "as a hand-written page, delete it if it should go"
    ]


@pytest.mark.parametrize("how", ["deleted", "corrupt"])
def test_a_lost_manifest_never_duplicates_or_overwrites(site: Path, how: str) -> None:
    (site / "seeds" / "b.txt").write_text(seed("Same Story", "https://x.example/2"))
    run(site)
    names = list(pages(site))
    page = site / "content" / "articles" / PAGE
    edited = page.read_text(encoding="utf-8").replace("Body text.", "Body text, edited.")
    page.write_text(edited, encoding="utf-8")
    manifest = site / "content" / ".ingest.json"
    manifest.unlink() if how == "deleted" else manifest.write_text("{not json")
    (site / "seeds" / "c.txt").write_text(seed("Same Story", "https://x.example/1", "Mar 14, 2025"))
    report = run(site)
    assert list(pages(site)) == names and page.read_text(encoding="utf-8") == edited
    assert report.written == ()
    assert any("differs from what its seed gives" in w for w in warnings(report))
    assert any("c.txt: warning: same article as seeds/a.txt" in w for w in warnings(report))
    assert run(site).written == ()


def test_colliding_slugs_get_stable_suffixes_and_existing_pages_keep_theirs(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", {"m.txt": seed("Same Title", "https://x.example/m")}, ZONE)
    run(site)
    (site / "seeds" / "a.txt").write_text(seed("Same Title!", "https://x.example/a"))
    run(site)
    suffix_a = hashlib.sha256(b"a.txt").hexdigest()[:6]
    expected = {
        "2025-03-14-same-title.md": "m.txt",
        f"2025-03-14-same-title-{suffix_a}.md": "a.txt",
    }
    assert {name: owner(text) for name, text in pages(site).items()} == expected
    assert f"slug: same-title-{suffix_a}" in pages(site)[f"2025-03-14-same-title-{suffix_a}.md"]
    run(site)
    assert {name: owner(text) for name, text in pages(site).items()} == expected
    fresh = make_site(tmp_path / "f", {"a.txt": seed("Same Title!", "https://x.example/a")}, ZONE)
    (fresh / "seeds" / "m.txt").write_text(seed("Same Title", "https://x.example/m"))
    run(fresh)  # both new: name order decides, the same way on every build
    suffix_m = hashlib.sha256(b"m.txt").hexdigest()[:6]
    assert {name: owner(text) for name, text in pages(fresh).items()} == {
        "2025-03-14-same-title.md": "a.txt",
        f"2025-03-14-same-title-{suffix_m}.md": "m.txt",
    }


def owner(page_text: str) -> str:
    return page_text.split("\nseed: ", 1)[1].split("\n", 1)[0]


def test_duplicates_make_one_page_and_name_both_files(site: Path) -> None:
    (site / "seeds" / "b.txt").write_text(seed("Another Headline", "https://X.example/1/"))
    (site / "seeds" / "c.txt").write_text(seed("same  story", "", "2025-03-14"))
    report = run(site)
    assert list(pages(site)) == [PAGE]
    assert [w for w in warnings(report) if "no '## Original url:'" not in w] == [
        f"{site / 'seeds' / 'b.txt'}: warning: same article as seeds/a.txt (same source URL); "
        "skipped it, delete one of the two",
        f"{site / 'seeds' / 'c.txt'}: warning: same article as seeds/a.txt (same title and "
        "date); skipped it, delete one of the two",
    ]


def test_a_renamed_seed_keeps_its_page(site: Path) -> None:
    run(site)
    (site / "seeds" / "a.txt").rename(site / "seeds" / "z.txt")
    report = run(site)
    assert list(pages(site)) == [PAGE] and "seed: z.txt" in pages(site)[PAGE]
    assert report.removed == ()


def test_renamed_seeds_keep_their_pages_each(tmp_path: Path) -> None:
    stories = {f"{n}.txt": seed(f"Story {n}", f"https://x.example/{n}") for n in range(1, 6)}
    site = make_site(tmp_path / "site", stories, ZONE)
    run(site)
    before = pages(site)
    for n in range(1, 6):
        (site / "seeds" / f"{n}.txt").rename(site / "seeds" / f"new-{6 - n}.txt")
    report = run(site)
    assert list(pages(site)) == list(before) and report.removed == ()
    for n in range(1, 6):
        assert f"seed: new-{6 - n}.txt" in pages(site)[f"2025-03-14-story-{n}.md"]


def test_a_rescraped_seed_under_a_new_name_takes_over_the_old_page(site: Path) -> None:
    run(site)
    (site / "seeds" / "a.txt").unlink()
    rescraped = seed("Same Story", "https://x.example/1", body="Updated body.")
    (site / "seeds" / "b.txt").write_text(rescraped, encoding="utf-8")
    report = run(site)
    assert list(pages(site)) == [PAGE] and report.removed == ()
    assert "seed: b.txt" in pages(site)[PAGE] and "Updated body." in pages(site)[PAGE]


def test_refused_seeds_are_counted_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = {p.name: p.read_bytes() for p in (FIXTURES / "seeds").glob("refuse_*.txt")}
    site = make_site(tmp_path / "s", {**seeds, "ok.txt": seed("Fine")}, ZONE)
    assert main(["build", "--site", str(site), "-q"]) == 0
    out, err = capsys.readouterr()
    assert f"{len(seeds)} seeds refused" in out and "Built 1 article" in out
    assert err.count(": error: ") == len(seeds)
    assert main(["build", "--site", str(site), "-q", "--strict"]) == 1
    assert main(["ingest", "--site", str(site), "--strict"]) == 1


def test_seeds_over_the_size_limit_are_not_even_read(tmp_path: Path) -> None:
    site = make_site(
        tmp_path / "s", {"big.txt": seed("Big", body="x" * 500)}, ZONE + "max_seed_bytes = 100\n"
    )
    report = run(site)
    assert report.refused == (site / "seeds" / "big.txt",)
    assert "over the limit of 100; split it, or raise 'max_seed_bytes'" in str(report.problems[0])


def test_a_2_mb_article_and_a_title_only_article_both_build(tmp_path: Path) -> None:
    paragraph = "The long story goes on, with many words and some <b>markup</b> & entities. " * 40
    long_body = "\n\n".join([paragraph] * 700)
    site = make_site(
        tmp_path / "s",
        {"long.txt": seed("Long Read", body=long_body), "short.txt": "## Only a Headline\n"},
        ZONE + 'base_url = "https://example.org/"\n',
    )
    assert len((site / "seeds" / "long.txt").read_bytes()) > 2_000_000
    os.utime(site / "seeds" / "short.txt", (1741939200, 1741939200))
    report = build(load_config(site), BuildOptions(out_dir=tmp_path / "out"))
    assert report.articles == 2 and report.errors == ()
    html = (tmp_path / "out" / "2025/03/14/long-read/index.html").read_text(encoding="utf-8")
    assert html.count("The long story goes on") >= 700 * 40
    assert (tmp_path / "out" / "2025/03/14/only-a-headline/index.html").exists()


@pytest.mark.parametrize(
    "title",
    ["Путин", "中国新闻", "🚀", "../../etc/passwd", "a/b\\c", "...", "x" * 300, "CON:?*|<>"],
)
def test_slugs_are_safe_ascii_and_short(title: str) -> None:
    slug = slugify(title)
    assert slug and len(slug) <= MAX_SLUG and slug.isascii()
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")


def test_slug_examples() -> None:
    assert slugify("Путин") == "putin"
    assert slugify("中国新闻 速報") == "zhong-guo-xin-wen-su-bao"
    assert slugify("!!! ??? ...").startswith("article-")
    assert slugify("Word " * 40) == "-".join(["word"] * 16)


def test_a_page_renamed_by_hand_is_followed_not_made_again(site: Path) -> None:
    run(site)
    articles = site / "content" / "articles"
    (articles / PAGE).rename(articles / "2025-03-14-my-name.md")
    report = run(site)
    assert list(pages(site)) == ["2025-03-14-my-name.md"]
    assert report.written == () and warnings(report) == []
    (site / "seeds" / "a.txt").write_text(seed("Same Story", "https://x.example/1", body="Fixed."))
    run(site)
    assert list(pages(site)) == ["2025-03-14-my-name.md"]
    assert "Fixed." in pages(site)["2025-03-14-my-name.md"]  # seed fixes follow the new name


def test_a_copy_of_a_generated_page_is_named_as_a_second_one(site: Path) -> None:
    run(site)
    articles = site / "content" / "articles"
    copy = (articles / PAGE).read_text().replace("slug: same-story", "slug: same-story-again")
    (articles / "2025-03-14-copy.md").write_text(copy)
    report = run(site)
    assert warnings(report) == [
        f"{articles / '2025-03-14-copy.md'}: warning: names the same seed as "
        f"content/articles/{PAGE}, so the article is on the site twice; delete one of the two "
        "(to rename a page, move it: ingest follows)"
    ]

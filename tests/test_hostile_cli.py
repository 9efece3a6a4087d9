"""The command line given what people mistype (issue 13, item 20): a message and exit 2,
never a traceback, never a site built where none was asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_site
from shipped import run


@pytest.mark.parametrize("command", ["build", "ingest", "check", "serve"])
def test_a_site_folder_that_does_not_exist_is_refused(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no-such-site"
    result = run(command, "--site", str(missing))
    assert result.returncode == 2
    assert f"{missing}: no such site folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.exists()


@pytest.mark.parametrize("port", ["99999", "-1", "eighty"])
def test_a_port_out_of_range_is_the_port_s_error(tmp_path: Path, port: str) -> None:
    result = run("serve", "--site", str(make_site(tmp_path / "site")), "--port", port)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"argument --port: '{port}' is not a port" in result.stderr


def test_a_bad_base_url_flag_blames_the_flag_not_site_toml(tmp_path: Path) -> None:
    result = run("build", "--site", str(make_site(tmp_path / "site")), "--base-url", "foo")
    assert result.returncode == 2
    assert result.stderr.startswith("newsdigest: error: --base-url: 'base_url' must be")
    assert "site.toml" not in result.stderr


def test_the_flag_overrides_a_bad_base_url_in_the_file(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", settings='base_url = "nonsense"\n')
    result = run("build", "--site", str(site), "--base-url", "https://example.org/")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "url", ['https://example.org/a"b/', "https://example.org/<x>/", "https://example.org/a b/"]
)
def test_a_base_url_with_characters_a_url_must_encode_is_refused(tmp_path: Path, url: str) -> None:
    site = make_site(tmp_path / "site", settings=f"base_url = '{url}'\n")
    result = run("build", "--site", str(site))
    assert result.returncode == 2
    assert "site.toml: 'base_url'" in result.stderr and "%-encoded" in result.stderr
    assert not (site / "public").exists()


def test_an_empty_description_is_a_settings_error_not_a_feed_traceback(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", settings='description = ""\n')
    result = run("build", "--site", str(site))
    assert result.returncode == 2
    assert "site.toml: 'description' must not be empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_flag_shows_the_command_s_own_usage(tmp_path: Path) -> None:
    result = run("build", "--bogus")
    assert result.returncode == 2
    assert "usage: newsdigest build " in result.stderr
    assert "newsdigest build: error: unrecognized arguments: --bogus" in result.stderr


def test_init_on_an_existing_site_says_what_it_added_and_kept(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"mine.txt": "## A story of mine\n\nIt happened.\n"})
    (site / "site.toml").write_text('title = "Mine"\n', encoding="utf-8")
    (site / "static" / "style.css").unlink()
    result = run("init", str(site))
    assert result.returncode == 0
    assert "Created" not in result.stdout
    assert result.stdout.startswith(f"Added 1 starter file to {site}, left ")
    assert [p.name for p in (site / "seeds").iterdir()] == ["mine.txt"]  # no sample among them
    assert "site.toml" in result.stderr and "static/style.css" not in result.stderr
    assert (site / "site.toml").read_text(encoding="utf-8") == 'title = "Mine"\n'


def test_init_of_a_new_folder_says_it_created_it(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "new"))
    assert result.returncode == 0 and result.stdout.startswith("Created a site in ")


def test_init_makes_a_site_ready_to_publish(tmp_path: Path) -> None:
    site = tmp_path / "new"
    result = run("init", str(site))
    assert result.returncode == 0
    assert "newsdigest serve --site" in result.stdout and "pages.yml" in result.stdout
    assert (site / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == [
        "public/",
        ".cache/",
    ]
    workflow = (site / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "pip install 'newsdigest[search]'" in workflow and "newsdigest check" in workflow
    assert "pip install 'newsdigest[search]'" in (site / "netlify.toml").read_text("utf-8")
    built = run("build", "--site", str(site))
    assert built.returncode == 0, built.stderr
    assert "welcome.txt" in result.stdout and "warning" not in built.stderr, built.stderr
    sample = (
        site / "public" / "2026" / "12" / "01" / "your-digest-is-ready-how-a-seed-becomes-a-page"
    )
    assert "seeds/welcome.txt" in (sample / "index.html").read_text(encoding="utf-8")

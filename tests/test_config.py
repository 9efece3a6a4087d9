from __future__ import annotations

from pathlib import Path

import pytest

from newsdigest.config import ConfigError, SiteConfig, load_config


def write(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(text, encoding="utf-8")
    return root


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config == SiteConfig(root=tmp_path)
    assert config.feed_size == 50 and config.base_path == "/"


def test_values_are_read_and_base_url_gets_a_slash(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, 'title = "X"\nbase_url = "https://example.org/news"\npage_size = 5\n')
    )
    assert config.title == "X"
    assert config.base_url == "https://example.org/news/"
    assert config.base_path == "/news/"
    assert config.page_size == 5
    assert config.absolute("2025/03/14/a/") == "https://example.org/news/2025/03/14/a/"


def test_base_url_option_overrides_the_file(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, 'base_url = "https://a.example/"\n'), "https://b.example/x/"
    )
    assert config.base_url == "https://b.example/x/"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('titel = "typo"\n', "unknown key 'titel'"),
        ("feed_size = 0\n", "'feed_size' must be at least 1"),
        ('feed_size = "ten"\n', "'feed_size' must be a int"),
        ('timezone = "Mars/Olympus"\n', "'timezone' 'Mars/Olympus' is not an IANA zone"),
        ('base_url = "example.org"\n', "'base_url' must be an absolute http(s) URL"),
        ('base_url = "javascript:alert(1)"\n', "'base_url' must be an absolute http(s) URL"),
        ('date_order = "MYD"\n', "'date_order' must be one of MDY, DMY, YMD"),
        ('title = "   "\n', "'title' must not be empty"),
        ("title = \n", "not valid TOML"),
    ],
)
def test_bad_settings_name_the_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert fragment in str(caught.value)
    assert "site.toml" in str(caught.value)


def test_the_shipped_settings_load(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    for folder in (repo, repo / "newsdigest" / "skeleton"):
        config = load_config(folder)
        assert config.title


def test_sections_and_topics_tables_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            'topic_mentions = 2\n[sections]\nUK_Politics = "Politics"\nnews = ""\n'
            '[topics]\n"Interest rates" = ["interest rate*", "base  rate"]\n',
        )
    )
    assert config.sections == (("news", ""), ("uk-politics", "Politics"))
    assert config.topics == (("Interest rates", ("interest rate*", "base rate")),)
    assert config.topic_mentions == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('sections = "business"\n', "'sections' must be a table"),
        ('[sections]\n"/world/" = "World"\n', ":2: [sections] '/world/' is not a URL path segment"),
        ('[sections]\nbusiness = ["Business"]\n', ":2: [sections] 'business' must give a topic"),
        ('[sections]\nbusiness = "--"\n', ":2: [sections] 'business' must give a topic"),
        ('[topics]  # rules\n\n"Oil" = "oil"\n', ":3: [topics] 'Oil' must be a list of words"),
        ("[topics]\nOil = []\n", ":2: [topics] 'Oil' must be a list"),
        ('[topics]\nOil = ["oil", "crude, brent"]\n', ":2: [topics] 'Oil': 'crude, brent' is not"),
        ('[topics]\nOil = ["*oil"]\n', ":2: [topics] 'Oil': '*oil' is not"),
        ('[topics]\nOil = ["oi*"]\n', ":2: [topics] 'Oil': 'oi*' is too short"),
        ("[topics]\nOil = [3]\n", ":2: [topics] 'Oil': 3 is not"),
        ("topic_mentions = 0\n", "'topic_mentions' must be at least 1"),
    ],
)
def test_bad_sections_and_topics_name_file_and_line(
    tmp_path: Path, text: str, fragment: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert f"{tmp_path / 'site.toml'}" in str(caught.value)
    assert fragment in str(caught.value)

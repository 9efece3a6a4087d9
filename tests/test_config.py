from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsdigest.config import ConfigError, NameSettings, SiteConfig, load_config


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


def test_the_shipped_settings_load_as_written_and_the_skeleton_s_are_the_defaults() -> None:
    """Each key of the repository's and the skeleton's site.toml is read as written (none
    misspelt, dropped or misread); the skeleton's say "the value shown is the default", so
    each is; and their names.toml files have no bad entry."""
    repo = Path(__file__).resolve().parent.parent
    skeleton = repo / "newsdigest" / "skeleton"
    for folder in (repo, skeleton):
        written = tomllib.loads((folder / "site.toml").read_text(encoding="utf-8"))
        config = load_config(folder)
        scalars = {k: v for k, v in written.items() if not isinstance(v, dict)}
        assert scalars and {k: getattr(config, k) for k in scalars} == scalars, folder
        assert config.names.problems == (), folder
    defaults = SiteConfig(root=skeleton)
    shown = tomllib.loads((skeleton / "site.toml").read_text(encoding="utf-8"))
    shown = {k: v for k, v in shown.items() if not isinstance(v, dict)}
    assert {k: getattr(defaults, k) for k in shown} == shown


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


def write_names(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "names.toml").write_text(text, encoding="utf-8")
    return root


def test_no_names_toml_says_nothing_about_names(tmp_path: Path) -> None:
    assert load_config(tmp_path).names == NameSettings()


def test_names_toml_is_read_sorted(tmp_path: Path) -> None:
    text = (
        'never = ["Stay", "Century"]\n\n[aliases]\n"Brown" = "Gordon Brown"\n'
        'IMF = "International Monetary Fund"\n\n[kinds]\n"Reuters" = "organisation"\n'
    )
    names = load_config(write_names(tmp_path, text)).names
    assert names.never == ("Century", "Stay")
    assert names.aliases == (("Brown", "Gordon Brown"), ("IMF", "International Monetary Fund"))
    assert names.kinds == (("Reuters", "organisation"),)
    assert names.problems == ()


def test_a_bad_entry_of_names_toml_is_a_problem_at_its_line_the_rest_applied(
    tmp_path: Path,
) -> None:
    text = (
        "# names\n"  # 1
        'never = ["Century", 3]\n'  # 2
        "colour = 1\n"  # 3
        "[aliases]\n"  # 4
        '"Self" = "Self"\n'  # 5
        '"A" = "B"\n'  # 6
        '"B" = "A"\n'  # 7
        '"Brown" = "Gordon Brown"\n'  # 8
        "[kinds]\n"  # 9
        '"Brown" = "company"\n'  # 10
        '"Reuters" = "organisation"\n'  # 11
    )
    names = load_config(write_names(tmp_path, text)).names
    assert names.never == ("Century",)
    assert names.aliases == (("Brown", "Gordon Brown"),)
    assert names.kinds == (("Reuters", "organisation"),)
    lines = [line for line, _ in names.problems]
    assert lines == [2, 3, 5, 6, 7, 10]
    messages = dict(names.problems)
    assert "unknown key 'colour'" in messages[3]
    assert "alias of itself" in messages[5] and "loop" in messages[6]
    assert "'company'" in messages[10] and "person, place, organisation, other" in messages[10]


def test_a_line_that_is_not_toml_is_left_out_and_the_rest_applied(tmp_path: Path) -> None:
    text = '[aliases]\n"Brown" = "Gordon Brown"\nthis is not toml\n"IMF" = "International Fund"\n'
    names = load_config(write_names(tmp_path, text)).names
    assert names.aliases == (("Brown", "Gordon Brown"), ("IMF", "International Fund"))
    assert [line for line, _ in names.problems] == [3]
    assert "not valid TOML" in names.problems[0][1]


def test_names_toml_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    tmp_path.joinpath("names.toml").write_bytes(b'never = ["Caf\xe9"]\n')
    names = load_config(tmp_path).names
    assert names.never == () and names.problems[0][0] == 0


def test_names_toml_is_an_input_and_not_a_site_toml_key(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.names_file in config.input_paths
    with pytest.raises(ConfigError, match="unknown key 'names'"):
        load_config(write(tmp_path, 'names = "x"\n'))

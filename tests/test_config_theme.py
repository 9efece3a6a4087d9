"""`[theme]` in site.toml: read, normalised, and every mistake named by file, line and fix;
the accent always readable on the page in light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdigest.config import ConfigError, NavLink, Theme, load_config
from newsdigest.config.theme import DARK_GROUNDS, LIGHT_GROUNDS, MIN_CONTRAST, contrast, readable


def site(root: Path, theme: str, logo: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if logo:
        (root / "static").mkdir(exist_ok=True)
        (root / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (root / "site.toml").write_text('title = "T"\n\n' + theme, encoding="utf-8")
    return root


def test_no_theme_is_the_default_theme(tmp_path: Path) -> None:
    assert load_config(site(tmp_path, "")).theme == Theme()


def test_a_theme_is_read_and_normalised(tmp_path: Path) -> None:
    theme = load_config(
        site(
            tmp_path,
            '[theme]\naccent = "#A12"\nlogo = "static/logo.svg"\nfooter = "  Made by\\n  us  "\n'
            '[[theme.nav]]\ntitle = " About   us "\nurl = "/about/"\n'
            '[[theme.nav]]\ntitle = "Paper"\nurl = "https://example.org/paper?x=1#top"\n',
        )
    ).theme
    assert theme.accent == theme.accent_light == "#aa1122"
    assert theme.logo == "logo.svg" and theme.footer == "Made by us"
    assert theme.nav == (
        NavLink("About us", "about/"),
        NavLink("Paper", "https://example.org/paper?x=1#top"),
    )
    assert [link.external for link in theme.nav] == [False, True]


@pytest.mark.parametrize("accent", ["#ffcc00", "#b00020", "#000000", "#ffffff", "#777777"])
def test_the_accent_reads_at_4_5_to_1_in_light_and_dark(tmp_path: Path, accent: str) -> None:
    theme = load_config(site(tmp_path, f'[theme]\naccent = "{accent}"\n')).theme
    for shade, grounds in ((theme.accent_light, LIGHT_GROUNDS), (theme.accent_dark, DARK_GROUNDS)):
        assert all(contrast(shade, ground) >= MIN_CONTRAST for ground in grounds), shade


def test_a_readable_accent_is_kept_and_a_pale_one_darkened_in_its_own_hue() -> None:
    assert readable("#b00020", LIGHT_GROUNDS, "#000000") == "#b00020"
    yellow = readable("#ffcc00", LIGHT_GROUNDS, "#000000")
    assert yellow != "#ffcc00" and int(yellow[1:3], 16) > int(yellow[5:7], 16)  # still yellow
    lighter = readable("#b00020", DARK_GROUNDS, "#ffffff")
    assert contrast(lighter, "#141414") >= MIN_CONTRAST
    assert contrast(readable(lighter, DARK_GROUNDS, "#ffffff"), "#141414") < 6  # not white
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0


def test_accent_dark_is_taken_when_it_reads(tmp_path: Path) -> None:
    theme = load_config(site(tmp_path, '[theme]\naccent = "#b00020"\naccent_dark = "#ff9999"\n'))
    assert theme.theme.accent_dark == "#ff9999"


@pytest.mark.parametrize(
    ("theme", "line", "fragment"),
    [
        ('[theme]\naccent = "red"\n', 4, "accent 'red' is not a colour newsdigest takes"),
        ('[theme]\naccent = "#b00020; } body { x"\n', 4, "write it as #rgb or #rrggbb"),
        ('[theme]\naccent_dark = "#12345"\n', 4, "accent_dark '#12345' is not a colour"),
        ('[theme]\ncolour = "#fff"\n', 4, "unknown key 'colour'; known keys are accent"),
        ('[theme]\nlogo = "static/missing.svg"\n', 4, "no such file in the site"),
        ('[theme]\nlogo = "../logo.svg"\n', 4, "is not under static/"),
        ('[theme]\nlogo = "/etc/passwd"\n', 4, "must be a path in the site"),
        ('[theme]\nlogo = "static/../site.toml"\n', 4, "is not under static/"),
        ('[theme]\nlogo = "static/site.toml"\n', 4, "must be an image"),
        ("[theme]\nfooter = 3\n", 4, "footer must be plain text"),
        ('[theme]\nfooter = "a\\u0007b"\n', 4, "control characters"),
        ('[theme]\n[[theme.nav]]\ntitle = "X"\nurl = "javascript:alert(1)"\n', 4, "link 1"),
        (
            '[theme]\n\n[[theme.nav]]\ntitle = "A"\nurl = "a/"\n\n'
            '[[theme.nav]]\ntitle = "X"\nurl = "data:text/html,hi"\n',
            9,
            "nav link 2: url 'data:text/html,hi' is not an http(s) address",
        ),
        ('[[theme.nav]]\ntitle = "X"\nurl = "../../etc/"\n', 3, "leaves the site"),
        ('[[theme.nav]]\ntitle = "X"\nurl = "a b/"\n', 3, "is not a link"),
        ('[[theme.nav]]\ntitle = "X"\nurl = "a/<b>"\n', 3, "%-encode"),
        ('[[theme.nav]]\ntitle = "X"\n', 3, "give exactly a title and a url"),
        ('[[theme.nav]]\ntitle = ""\nurl = "a/"\n', 3, "must be text of 1 to 40"),
        ('theme = "dark"\n', 0, "'theme' must be a table"),
    ],
)
def test_a_bad_theme_names_file_line_and_fix(
    tmp_path: Path, theme: str, line: int, fragment: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(site(tmp_path, theme))
    message = str(caught.value)
    assert fragment in message
    where = f"site.toml:{line}: " if line else "site.toml: "
    assert where in message, message


def test_a_logo_that_links_out_of_the_site_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>")
    root = site(tmp_path / "site", '[theme]\nlogo = "static/out.svg"\n')
    (root / "static" / "out.svg").symlink_to(outside)
    with pytest.raises(ConfigError, match="no such file in the site"):
        load_config(root)

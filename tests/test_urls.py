"""newsdigest.urls: which links are published (absolute http(s) with a host, no whitespace)."""

from __future__ import annotations

import pytest

from newsdigest.urls import WEB_SCHEMES, is_web_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "https://example.org/",
        "http://example.org/a/b?c=d#e",
        "HTTPS://EXAMPLE.ORG/",
        "https://user@example.org:8443/path",
        "http://127.0.0.1:8000/",
        "https://[::1]/",
        "https://xn--e1afmkfd.xn--p1ai/",
        "https://пример.рф/",
    ],
)
def test_web_urls(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:editor@example.org",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "/relative/path",
        "relative/path",
        "example.org/page",
        "//example.org/page",
        "https://",
        "http:///path",
        "https:example.org",
        "https://exa mple.org/",
        "https://example.org/a b",
        " https://example.org/",
        "https://example.org/\n",
        "https://example.org/\t",
        "https://[::1/",
        "https://::1]/",
        "https://[not-an-ip]/",
    ],
)
def test_not_web_urls(url: str) -> None:
    assert not is_web_url(url)


def test_the_web_schemes() -> None:
    assert WEB_SCHEMES == ("http", "https")

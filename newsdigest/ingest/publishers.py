"""Publisher names from source URLs: known news sites by name, others by their host. Pure."""

from __future__ import annotations

import re
from types import MappingProxyType

PUBLISHERS = MappingProxyType(
    {
        "themoscowtimes.com": "The Moscow Times",
        "meduza.io": "Meduza",
        "kyivindependent.com": "The Kyiv Independent",
        "nytimes.com": "The New York Times",
        "washingtonpost.com": "The Washington Post",
        "wsj.com": "The Wall Street Journal",
        "theguardian.com": "The Guardian",
        "bbc.co.uk": "BBC News",
        "bbc.com": "BBC News",
        "reuters.com": "Reuters",
        "apnews.com": "AP News",
        "aljazeera.com": "Al Jazeera",
        "cnn.com": "CNN",
        "npr.org": "NPR",
        "ft.com": "Financial Times",
        "economist.com": "The Economist",
        "bloomberg.com": "Bloomberg",
        "politico.com": "Politico",
        "politico.eu": "Politico Europe",
        "dw.com": "DW",
        "france24.com": "France 24",
        "euronews.com": "Euronews",
        "lemonde.fr": "Le Monde",
        "spiegel.de": "Der Spiegel",
        "axios.com": "Axios",
        "theatlantic.com": "The Atlantic",
    }
)


def publisher_name(url: str) -> str:
    """The publisher's name for a URL: a known name, else the host without 'www.'."""
    match = re.match(r"^https?://(?:[^@/]*@)?(?P<host>[^/:?#]+)", url, re.IGNORECASE)
    if not match:
        return ""
    host = match.group("host").lower().rstrip(".")
    host = re.sub(r"^(www\d?|m|amp|mobile)\.", "", host)
    for known, name in PUBLISHERS.items():
        if host == known or host.endswith("." + known):
            return name
    return host

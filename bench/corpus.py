"""A deterministic corpus of generated news articles, in the seed format and as peers' Markdown.

The same N always gives the same bytes: every choice comes from a seeded `random.Random`,
the vocabulary is built in, and nothing reads the clock. Run it to write a corpus:

    python bench/corpus.py --articles 1000 --out /tmp/seeds [--format seed|hugo|pelican]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

MOSCOW = timezone(timedelta(hours=3))
START = datetime(2023, 3, 1, 6, 0, tzinfo=MOSCOW)
SPAN = timedelta(days=730)


def _words(text: str) -> tuple[str, ...]:
    """A vocabulary list written as one string."""
    return tuple(text.split())


FIRST = _words(
    "Anna Boris Carla Dmitri Elena Farid Greta Hassan Irina Jonas Katya Lars Maria Nikolai "
    "Olga Pavel Queenie Rustam Sofia Timur Ulla Viktor Wanda Yusuf Zara Aleksei Beatrice "
    "Chen Daria Emil Fatima Georgi Hanna Igor Julia Kiril Lena Marek Nadia Oskar"
)
LAST = _words(
    "Petrova Ivanov Kowalski Schmidt Rossi Novak Horvat Jensen Larsen Moreau Dubois Costa "
    "Sokolov Volkova Kuznetsov Melnyk Shevchenko Bondar Tkachenko Morozov Popescu Nagy "
    "Varga Lindqvist Berg Okafor Haddad Tanaka Yilmaz Demir Aliyev Karimov Nazarova"
)
ROLES = (
    "foreign minister",
    "defense minister",
    "central bank governor",
    "finance minister",
    "opposition leader",
    "regional governor",
    "mayor",
    "spokesperson",
    "energy minister",
    "chief negotiator",
    "prime minister",
    "health minister",
)
PLACES = _words(
    "Kyiv Moscow Warsaw Berlin Paris Brussels Vilnius Riga Tallinn Helsinki Ankara Baku "
    "Tbilisi Yerevan Almaty Minsk Chisinau Bucharest Budapest Prague Vienna Geneva Istanbul "
    "Odesa Kharkiv Belgorod Kursk Novosibirsk Kazan Murmansk"
)
ORGS = (
    "the Kremlin",
    "the European Commission",
    "NATO",
    "the United Nations",
    "the central bank",
    "the State Duma",
    "the Foreign Ministry",
    "the Defense Ministry",
    "the energy regulator",
    "the Supreme Court",
    "the election commission",
    "the World Bank",
    "the parliament",
    "the customs service",
)
TOPICS = (
    "Diplomacy",
    "Economy",
    "Energy",
    "Security",
    "Politics",
    "Courts",
    "Society",
    "Climate",
    "Technology",
    "Culture",
)
NOUNS = (
    "sanctions package",
    "ceasefire proposal",
    "gas pipeline",
    "budget deficit",
    "grain corridor",
    "prisoner exchange",
    "interest rate",
    "export ban",
    "peace plan",
    "trade agreement",
    "oil price cap",
    "mobilization order",
    "election law",
    "border crossing",
    "aid package",
    "drone program",
    "power grid",
    "wheat harvest",
    "bond auction",
    "press freedom bill",
)
VERBS = (
    "rejected",
    "backed",
    "criticized",
    "delayed",
    "approved",
    "questioned",
    "welcomed",
    "extended",
    "suspended",
    "reviewed",
    "defended",
    "proposed",
)
HEADLINE_VERBS = (
    "Rejects",
    "Backs",
    "Criticizes",
    "Delays",
    "Approves",
    "Questions",
    "Welcomes",
    "Extends",
    "Suspends",
    "Reviews",
    "Defends",
    "Proposes",
)
ADJECTIVES = (
    "new",
    "long-awaited",
    "controversial",
    "revised",
    "temporary",
    "sweeping",
    "modest",
    "disputed",
    "emergency",
    "expanded",
)
CLAUSES = (
    "talks would resume next week",
    "the decision had been taken without consultation",
    "prices had risen faster than expected",
    "the measure would not affect ordinary citizens",
    "further steps were under discussion",
    "the agreement remained fragile",
    "officials had been warned months in advance",
    "the figures would be revised in the spring",
    "no date had been set for a vote",
    "the region had seen heavy shelling overnight",
    "investors had already priced in the change",
    "the proposal lacked broad support",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOSTS = (
    "www.themoscowtimes.com",
    "meduza.io",
    "kyivindependent.com",
    "www.reuters.com",
    "apnews.com",
    "www.theguardian.com",
    "www.dw.com",
    "www.bne-intellinews.example",
)
CREDITS = ("kremlin.ru", "AP", "Reuters", "Sergei Karpukhin / TASS", "mil.gov.ua", "Pexels")
EVENTS = (
    "a press conference",
    "a summit",
    "a cabinet meeting",
    "a news briefing",
    "a rally",
    "a security forum",
)


@dataclass(frozen=True)
class GeneratedArticle:
    """One generated article, before it is written in any format."""

    index: int
    """Position in the corpus, oldest first."""
    title: str
    """Headline, unique in the corpus."""
    date: datetime
    """Publication time, with the site's zone."""
    date_has_time: bool
    """Whether the seed's date line gives the time of day."""
    caption: str
    """Lead image caption (one sentence), or empty."""
    credit: str
    """Lead image credit, or empty."""
    paragraphs: tuple[str, ...]
    """Body paragraphs, with `<u>` spans as a scraper leaves them."""
    broken_at: int
    """Index of the paragraph split in two by a blank line mid-sentence, or -1."""
    related: str
    """A related headline, or empty."""
    correction: str
    """A correction note, or empty."""
    url: str
    """Source URL as the seed gives it (sometimes with a stray space)."""
    tags: tuple[str, ...]
    """Publisher host and topic, for the peers' tag pages."""

    @property
    def file_stem(self) -> str:
        """Seed-style file name without extension: index and a short content hash."""
        digest = hashlib.sha256(f"{self.index}:{self.title}".encode()).hexdigest()[:16]
        return f"{self.index:05d}_{digest}"


class CorpusGenerator:
    """Makes articles one at a time; remembers titles so every headline is unique."""

    def __init__(self) -> None:
        self._titles: set[str] = set()

    def corpus(self, count: int) -> Iterator[GeneratedArticle]:
        """The count articles of a corpus, oldest first, dates spread over two years."""
        rng = random.Random(f"newsdigest-bench-{count}")
        for index in range(count):
            offset = SPAN * index / max(count, 1)
            jitter = timedelta(minutes=rng.randrange(0, 45))
            yield self.article(rng, index, START + offset + jitter)

    def extra(self, count: int, number: int, after: datetime) -> GeneratedArticle:
        """A new article that arrives after the corpus: the number-th extra one."""
        rng = random.Random(f"newsdigest-bench-extra-{count}-{number}")
        return self.article(rng, count + number, after + timedelta(minutes=7 * (number + 1)))

    def article(self, rng: random.Random, index: int, date: datetime) -> GeneratedArticle:
        """One article with every part a real seed may have."""
        title = self._unique_title(rng)
        host = rng.choice(HOSTS)
        words_goal = rng.randint(400, 1000)
        paragraphs = _paragraphs(rng, words_goal)
        has_caption = rng.random() < 0.7
        caption, credit = (_caption(rng), rng.choice(CREDITS)) if has_caption else ("", "")
        return GeneratedArticle(
            index=index,
            title=title,
            date=date.replace(second=0, microsecond=0),
            date_has_time=rng.random() < 0.7,
            caption=caption,
            credit=credit,
            paragraphs=paragraphs,
            broken_at=_broken_index(rng, paragraphs),
            related=_headline(rng) if rng.random() < 0.4 else "",
            correction=_correction(rng) if rng.random() < 0.08 else "",
            url=_url(rng, host, date, title, index),
            tags=(host.removeprefix("www."), rng.choice(TOPICS)),
        )

    def _unique_title(self, rng: random.Random) -> str:
        """A headline no earlier article of this generator has."""
        while True:
            title = _headline(rng)
            if title not in self._titles:
                self._titles.add(title)
                return title


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _headline(rng: random.Random) -> str:
    """A news headline in title case."""
    noun = " ".join(w.capitalize() for w in rng.choice(NOUNS).split())
    form = rng.randrange(4)
    if form == 0:
        return f"{rng.choice(PLACES)} {rng.choice(HEADLINE_VERBS)} {noun} After Talks in {rng.choice(PLACES)}"
    if form == 1:
        return f"{_person(rng)} {rng.choice(HEADLINE_VERBS)} {noun}, Says {rng.choice(WEEKDAYS)} Vote Is {rng.randint(2, 90)} Days Away"
    if form == 2:
        return f"'{rng.choice(CLAUSES).capitalize()},' {rng.choice(LAST)} Says as {noun} Stalls"
    return f"{rng.choice(PLACES)} and {rng.choice(PLACES)} Agree on {noun} Worth ${rng.randint(2, 900)}M"


def _sentence(rng: random.Random) -> str:
    """One body sentence, sometimes with a `<u>` span (a link whose URL was lost)."""
    person, org, noun = _person(rng), rng.choice(ORGS), rng.choice(NOUNS)
    verb = rng.choice(VERBS)
    if rng.random() < 0.15:
        verb = f"<u>{verb}</u>"
    form = rng.randrange(6)
    if form == 0:
        return f"{person}, the {rng.choice(ROLES)}, said on {rng.choice(WEEKDAYS)} that {rng.choice(CLAUSES)}."
    if form == 1:
        return f"{org[0].upper()}{org[1:]} {verb} the {rng.choice(ADJECTIVES)} {noun} in {rng.choice(PLACES)}."
    if form == 2:
        return f'"{rng.choice(CLAUSES).capitalize()}," {person} told reporters in {rng.choice(PLACES)}.'
    if form == 3:
        return (
            f"The {noun} was worth about {rng.randint(2, 950)} million dollars, according to {org}."
        )
    if form == 4:
        return f"Analysts in {rng.choice(PLACES)} noted that {rng.choice(CLAUSES)} and that the {noun} was {verb} by {org}."
    return f"On {rng.choice(WEEKDAYS)}, {rng.randint(3, 400)} people gathered near the {rng.choice(ADJECTIVES)} site, where {rng.choice(CLAUSES)}."


def _paragraphs(rng: random.Random, words_goal: int) -> tuple[str, ...]:
    """Paragraphs of two to five sentences until the article has about words_goal words."""
    paragraphs: list[str] = []
    words = 0
    while words < words_goal:
        text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(text)
        words += len(text.split())
    return tuple(paragraphs)


def _caption(rng: random.Random) -> str:
    return f"{_person(rng)} speaks at {rng.choice(EVENTS)} in {rng.choice(PLACES)}."


def _correction(rng: random.Random) -> str:
    return (
        f"An earlier version of this article misstated the value of the {rng.choice(NOUNS)}. "
        "It has been corrected."
    )


def _broken_index(rng: random.Random, paragraphs: tuple[str, ...]) -> int:
    """Which paragraph a blank line breaks mid-sentence, in about a third of the articles."""
    if rng.random() < 0.35 and len(paragraphs) > 2:
        return rng.randrange(1, len(paragraphs) - 1)
    return -1


def _url(rng: random.Random, host: str, date: datetime, title: str, index: int) -> str:
    """The original's URL; one in five has a stray space inside, as scrapers leave them."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    url = f"https://{host}/{date:%Y/%m/%d}/{slug}-a{10000 + index}"
    if rng.random() < 0.2:
        cut = rng.randrange(len(url) - len(slug) - 8, len(url) - 8)
        url = f"{url[:cut]} {url[cut:]}"
    return url


def _split_mid_sentence(paragraph: str) -> tuple[str, str]:
    """Split before a lower-case word in the middle, as a stray blank line would."""
    words = paragraph.split(" ")
    middle = len(words) // 2
    for cut in [*range(middle, len(words) - 1), *range(1, middle)]:
        if words[cut][:1].islower() and not words[cut - 1].endswith((".", '"', ":", ";")):
            return " ".join(words[:cut]), " ".join(words[cut:])
    return paragraph, ""


# --- formats ------------------------------------------------------------------------------


def seed_text(article: GeneratedArticle) -> str:
    """The article as a scraper saved it: the format `newsdigest.ingest.seeds.parse_seed` reads."""
    date = f"{article.date:%B} {article.date.day}, {article.date.year}"
    if article.date_has_time:
        date += f", {article.date:%H:%M}"
    blocks = ["", "", f"## {article.title}", date, ""]
    if article.caption:
        blocks.append(f"{article.caption} {article.credit}")
    for number, paragraph in enumerate(article.paragraphs):
        first, rest = (
            _split_mid_sentence(paragraph) if number == article.broken_at else (paragraph, "")
        )
        blocks.extend([first, rest] if rest else [first])
        if article.related and number == len(article.paragraphs) // 2:
            blocks.append(f"Related article: <u>{article.related}</u>")
    if article.correction:
        blocks.append(article.correction)
    blocks.extend(["## Original url:", "", article.url])
    return "\n\n".join(blocks) + "\n"


def _plain(text: str) -> str:
    return re.sub(r"</?u>", "", text)


def _body_markdown(article: GeneratedArticle) -> str:
    """The body as plain Markdown paragraphs, the way our ingest would clean it."""
    paragraphs = [_plain(p) for p in article.paragraphs]
    if article.related:
        paragraphs.append(f"*Related:* {article.related}")
    if article.correction:
        paragraphs.append(f"*Correction:* {article.correction}")
    return "\n\n".join(paragraphs) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hugo_markdown(article: GeneratedArticle) -> str:
    """The article as Markdown with YAML front matter (Hugo, and most generators)."""
    url = "".join(article.url.split())
    lines = [
        "---",
        f"title: {_yaml_string(article.title)}",
        f"date: {article.date.isoformat()}",
        f"slug: {_yaml_string(_slug(article.title))}",
        f"source_url: {_yaml_string(url)}",
        f"summary: {_yaml_string(_summary(article))}",
        "tags: [" + ", ".join(_yaml_string(t) for t in article.tags) + "]",
    ]
    if article.caption:
        lines.append(f"image_caption: {_yaml_string(article.caption)}")
    lines.extend(["---", "", _body_markdown(article)])
    return "\n".join(lines)


def pelican_markdown(article: GeneratedArticle) -> str:
    """The article as Markdown with Pelican's 'Key: value' metadata header."""
    lines = [
        f"Title: {article.title}",
        f"Date: {article.date:%Y-%m-%d %H:%M}",
        f"Slug: {_slug(article.title)}",
        f"Tags: {', '.join(article.tags)}",
        f"Summary: {_summary(article)}",
        "",
        _body_markdown(article),
    ]
    return "\n".join(lines)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower().replace("'", "")).strip("-")[:80].strip("-")


def _summary(article: GeneratedArticle) -> str:
    return _plain(article.paragraphs[0]).split(". ")[0].rstrip(".") + "."


FORMATS = {
    "seed": (seed_text, ".txt"),
    "hugo": (hugo_markdown, ".md"),
    "pelican": (pelican_markdown, ".md"),
}


def write_corpus(articles: list[GeneratedArticle], folder: Path, fmt: str = "seed") -> list[Path]:
    """Write each article into folder in the given format; return the paths."""
    render, suffix = FORMATS[fmt]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = folder / f"{article.file_stem}{suffix}"
        path.write_text(render(article), encoding="utf-8")
        paths.append(path)
    return paths


def generate(count: int) -> list[GeneratedArticle]:
    """The corpus of count articles; the same count always gives the same articles."""
    return list(CorpusGenerator().corpus(count))


def main() -> None:
    """Write a corpus to a folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=sorted(FORMATS), default="seed")
    args = parser.parse_args()
    paths = write_corpus(generate(args.articles), args.out, args.format)
    print(f"wrote {len(paths)} {args.format} files to {args.out}")


if __name__ == "__main__":
    main()

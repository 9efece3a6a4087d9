"""The benchmark's corpus generator: deterministic, and every seed it makes parses cleanly."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest

from newsdigest.ingest.seeds import SeedSettings, parse_seed

CORPUS_PY = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    """bench/corpus.py, loaded by path: bench/ is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_same_count_gives_same_bytes(corpus: ModuleType, tmp_path: Path) -> None:
    first = corpus.write_corpus(corpus.generate(20), tmp_path / "a")
    second = corpus.write_corpus(corpus.generate(20), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_every_seed_parses_without_problems(corpus: ModuleType) -> None:
    settings = SeedSettings(ZoneInfo("Europe/Moscow"))
    for article in corpus.generate(20):
        text = corpus.seed_text(article)
        parsed, problems = parse_seed(
            Path(f"{article.file_stem}.txt"),
            text.encode(),
            settings,
            datetime(1970, 1, 1, tzinfo=UTC),
        )
        assert parsed is not None and problems == [], (article.file_stem, problems)
        assert parsed.title == article.title
        assert bool(parsed.image_caption) == bool(article.caption)
        assert len(parsed.body_markdown.split("\n\n")) == len(article.paragraphs)


def test_articles_have_400_to_1000_words_and_unique_titles(corpus: ModuleType) -> None:
    articles = corpus.generate(20)
    assert len({a.title for a in articles}) == len(articles)
    for article in articles:
        assert 400 <= len(" ".join(article.paragraphs).split()) <= 1100

"""The Markdown page ingest writes for a seed: its front matter in a fixed order, then the body.
Pure."""

from __future__ import annotations

from typing import Any

from newsdigest import frontmatter

from .seeds import SeedArticle


def page_text(article: SeedArticle, slug: str, seed_name: str) -> str:
    """The Markdown page for an article: front matter fields in a fixed order, then the body.

    No summary, topics or names: the build finds them in the page's current text."""
    meta: dict[str, Any] = {"title": article.title, "date": article.date, "slug": slug}
    optional = {
        "source": article.source,
        "source_url": article.source_url,
        "image_caption": article.image_caption,
        "image_credit": article.image_credit,
        "related": list(article.related),
        "correction": article.correction,
    }
    meta.update((key, value) for key, value in optional.items() if value)
    if article.date_guessed:  # said in the page, so that a person sees it and puts it right
        meta["date_guessed"] = "no date in the seed, so the date is the seed file time; correct it"
    meta["seed"] = seed_name
    return frontmatter.dump(meta, article.body_markdown)

"""The site model: every article and page placed at its URL, with days, archives, topics,
names, sources, stories and related articles decided once (`assemble`), before rendering."""

from .assemble import Site, assemble

__all__ = ("Site", "assemble")

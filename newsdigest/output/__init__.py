"""Putting the rendered site on disk, never half-written, and indexing it for search."""

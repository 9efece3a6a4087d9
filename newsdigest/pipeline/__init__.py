"""The build, in order: ingest, load, assemble, render, write; with the cache and the
snapshot that let an unchanged site, or a small edit, skip most of the work."""

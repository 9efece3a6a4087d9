"""Where the default theme's layouts are: a layout the site's own layouts/ lacks comes from
here, so a site made by an older version keeps building when a new version adds a page type.

A module of its own, light to import: the snapshot of a build with nothing to do watches these
files too, without loading Jinja2.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_LAYOUTS = Path(__file__).parent.parent / "skeleton" / "layouts"

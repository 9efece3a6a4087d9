"""The one error of the settings, shared by the modules that read them."""

from __future__ import annotations


class ConfigError(Exception):
    """A setting that cannot be used; the message names the file, the key and the fix."""

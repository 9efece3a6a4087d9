"""Checking a built site as hosts, browsers, crawlers and feed readers will see it."""

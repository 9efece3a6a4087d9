"""Names in news text: which runs of capitals are people, places and organisations. Pure.

A shared leaf: ingest, content and site may all use it; it imports only `text`.
"""

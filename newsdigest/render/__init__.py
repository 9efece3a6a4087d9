"""The site model into bytes: HTML pages (Jinja2), feeds (feedgen, JSON Feed), sitemap and
robots.txt, all in memory. Writes nothing."""

"""content/**/*.md into `Article` and `Page`: front matter checked, Markdown rendered."""

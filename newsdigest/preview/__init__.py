"""The live preview: an HTTP server with live reload, and a folder watcher. Knows nothing
about sites; the serve command hands it the folders and a rebuild callable."""

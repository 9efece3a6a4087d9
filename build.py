"""Build the digest in this folder: `python build.py --help`."""

from newsdigest.cli import main

raise SystemExit(main())

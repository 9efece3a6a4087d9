"""`python -m newsdigest` runs the command line."""

from newsdigest.cli import main

raise SystemExit(main())

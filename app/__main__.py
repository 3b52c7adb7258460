"""`python -m app` is the same as the `taoshelf` command."""

from app.cli import main

raise SystemExit(main())

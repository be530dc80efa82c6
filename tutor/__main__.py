"""`python -m tutor` runs the same command line as the `tutor` script."""

from tutor.cli import main

raise SystemExit(main())

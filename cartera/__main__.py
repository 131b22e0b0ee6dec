"""``python -m cartera`` works like the ``cartera`` command."""

from cartera.cli import main

raise SystemExit(main())

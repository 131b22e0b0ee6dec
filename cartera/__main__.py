"""``python -m cartera`` works like the ``cartera`` command."""

from cartera.comandos.cli import main

raise SystemExit(main())

"""``python -m muestra [RUTA] [--desordenado]`` rebuilds the demo workbook."""

from muestra import main

raise SystemExit(main())

"""`python -m bench NAME [options]` runs one benchmark; `all` runs every one.

Exits 1 when a figure is over its budget, so a regression is visible in scripts too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from bench import bundle, crm, fiscal, pins, pricing, reader, startup, store, sync, sync_year
from bench.report import Figure

BENCHMARKS: dict[str, Callable[[list[str]], list[Figure]]] = {
    "pricing": pricing.main,
    "pins": pins.main,
    "reader": reader.main,
    "startup": startup.main,
    "bundle": bundle.main,
    "store": store.main,
    "crm": crm.main,
    "sync-year": sync_year.main,
    "sync": sync.main,
    "fiscal": fiscal.main,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip() if __doc__ else "")
        print("benchmarks:", ", ".join(["all", *BENCHMARKS]))
        return 0 if argv else 2
    name, options = argv[0], argv[1:]
    if name != "all" and name not in BENCHMARKS:
        print(f"unknown benchmark {name!r}; choose from: all, {', '.join(BENCHMARKS)}")
        return 2
    selected = BENCHMARKS if name == "all" else {name: BENCHMARKS[name]}
    over = False
    for run in selected.values():
        for figure in run(options):
            print(figure.line(), flush=True)
            over = over or figure.over_budget
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

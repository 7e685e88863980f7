"""Start the CRM: `python -m crm [--host H] [--port P] [--database URL]`."""

from __future__ import annotations

import argparse
import logging
import sys

import uvicorn
from sqlalchemy.engine import make_url

from crm.app import create_app
from crm.database import default_database_url, make_engine

DEFAULT_PORT = 8765


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crm", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument(
        "--database",
        help="SQLAlchemy URL, e.g. sqlite:////srv/crm/crm.db "
        "(default: an SQLite file in the user's data folder)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    url = args.database or default_database_url()
    logging.getLogger("crm").info("database %s", make_url(url).render_as_string(hide_password=True))
    uvicorn.run(create_app(make_engine(url)), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

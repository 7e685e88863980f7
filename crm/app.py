"""The CRM's HTTP application.

`/healthz` says the process is alive; `/readyz` says it can serve, i.e. its database
answers, and gives the CRM's clock so a terminal can measure its own skew (sync-protocol
D11). Endpoints are plain `def`s: FastAPI runs them in its thread pool, so a slow database
never blocks the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from crm import __version__


def utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(engine: Engine, *, clock: Callable[[], datetime] = utc_now) -> FastAPI:
    app = FastAPI(title="POS CRM", version=__version__)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", response_model=None)
    def readyz() -> dict[str, str] | JSONResponse:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            # The driver's own message, without SQLAlchemy's SQL echo and help link.
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            return JSONResponse(
                status_code=503,
                content={"status": "unavailable", "detail": f"database: {reason}"},
            )
        return {
            "status": "ready",
            "version": __version__,
            "server_time": clock().isoformat(timespec="milliseconds"),
        }

    return app

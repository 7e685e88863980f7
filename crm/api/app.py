"""The CRM's HTTP application.

`/healthz` says the process is alive; `/readyz` says it can serve, i.e. its database
answers, and gives the CRM's clock so a terminal can measure its own skew (sync-protocol
D11). Everything else is under `/v1` and needs a bearer token. Endpoints are plain `def`s:
FastAPI runs them in its thread pool, so a slow database never blocks the event loop.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from crm import __version__
from crm.api import errors, server_timing, text_guard
from crm.api.routers import (
    accounts,
    audit,
    authorizations,
    customers,
    groups,
    history,
    ledger,
    rules,
    sync_feed,
    sync_push,
    terminals,
    transfer,
    vouchers,
)
from crm.services.container import CrmServices
from crm.web import install as install_pages

# `transfer` before `customers`: /v1/customers/export.csv must not be taken for a customer id.
ROUTERS = (
    accounts,
    transfer,
    customers,
    groups,
    rules,
    vouchers,
    ledger,
    history,
    terminals,
    sync_feed,
    sync_push,
    authorizations,
    audit,
)


def create_app(services: CrmServices) -> FastAPI:
    app = FastAPI(
        title="POS CRM",
        version=__version__,
        description="The loyalty programme of a chain of POS terminals: customers, cards, "
        "groups, discounts, cashback, credits, wallet, points and vouchers.",
    )
    app.state.services = services
    app.add_middleware(text_guard.RefuseNul)  # first: inside the request-id middleware
    errors.install(app)
    app.add_middleware(server_timing.ServerTiming)  # last: outermost, so it times the others

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], response_model=None)
    def readyz() -> dict[str, Any] | JSONResponse:
        readiness = services.health.readiness()
        if not readiness.ready:
            return JSONResponse(
                status_code=503, content={"status": "unavailable", "detail": readiness.reason}
            )
        return {
            "status": "ready",
            "version": __version__,
            "server_time": services.ctx.clock().isoformat(timespec="milliseconds"),
        }

    for module in ROUTERS:
        app.include_router(module.router, responses=errors.ERROR_RESPONSES)
    install_pages(app)  # the owner's pages (crm/web): the same services, as HTML
    return app

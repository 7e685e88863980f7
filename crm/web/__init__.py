"""The owner's CRM in a browser: server-rendered pages over the same services as the API.

`install(app)` adds the pages and their static files to the CRM's FastAPI app. Pages call
`crm.services` exactly as the JSON routers do (one use-case per request, the signed-in
admin as the actor), so every rule, query, permission and audit entry is the services' own.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from crm.web import (
    auth,
    cashback,
    credits,
    customers,
    discounts,
    groups,
    pages,
    profile,
    terminals,
    transfer,
    vouchers,
)

STATIC = Path(__file__).with_name("static")


def install(app: FastAPI) -> None:
    pages.install_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth.router)
    # Before customers: /customers/credits and /customers/export.csv are no customer's id.
    app.include_router(credits.router)
    app.include_router(transfer.router)
    app.include_router(customers.router)  # /customers/new before a customer's id
    app.include_router(profile.router)
    app.include_router(groups.router)
    app.include_router(discounts.router)
    app.include_router(cashback.router)
    app.include_router(vouchers.router)
    app.include_router(terminals.router)

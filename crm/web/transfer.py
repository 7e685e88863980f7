"""The customer list's export: the current filter as CSV (streamed, for Excel) or as a PDF
table (`TransferService`, as `GET /v1/customers/export.csv|.pdf` and the command line)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response, StreamingResponse

from crm.services.errors import Invalid
from crm.web.customers import ListQuery
from crm.web.pages import Page, PageError, refusals

router = APIRouter(include_in_schema=False)


@router.get("/customers/export.csv")
def export_csv(page: Page) -> Response:
    assert page.actor is not None
    query = ListQuery.of(page.request.query_params)
    with refusals():
        export = page.services.transfer.export_csv(page.actor, query.where())
    return StreamingResponse(
        iter(export),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="klienci.csv"'},
    )


@router.get("/customers/export.pdf")
def export_pdf(page: Page) -> Response:
    assert page.actor is not None
    query = ListQuery.of(page.request.query_params)
    try:
        with refusals():
            export = page.services.transfer.export_pdf(page.actor, query.where())
    except Invalid as refused:  # more customers than a PDF holds
        raise PageError(422, "Something went wrong", refused.problems[0].reason) from None
    return Response(
        export.content,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="klienci.pdf"'},
    )

"""The customer list's export — the current filter as CSV (streamed, for Excel) or as a PDF
table — and the CSV import with its dry run (`TransferService`, as the API's
`/v1/customers/export.csv|.pdf` and `/v1/customers/import`, and the command line).

The import page sends the chosen file as the request's raw body (`text/csv`, by its small
script), as the API takes it: no multipart parser, and the file is read at most one byte
past the import's limit. Its CSRF token travels in the `X-CSRF-Token` header.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from crm.services.csv_import import MAX_BYTES
from crm.services.errors import Invalid
from crm.web import reasons, session
from crm.web.list_query import ListQuery
from crm.web.pages import Page, PageContext, PageError, refusals, signed_in

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
        reason = reasons.translated(refused.problems[0].reason, page.language)
        raise PageError(422, "Something went wrong", reason) from None
    return Response(
        export.content,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="klienci.pdf"'},
    )


@router.get("/customers/import")
def import_page(page: Page) -> Response:
    if not page.may_write:
        raise PageError(403, "Not allowed", "You may only look: your role cannot change anything.")
    return page.render("import.html", limit_mb=MAX_BYTES // (1024 * 1024))


@router.post("/customers/import")
async def import_file(
    request: Request,
    page: Annotated[PageContext, Depends(signed_in)],
    dry_run: str = "1",
    name: str = "import.csv",
) -> Response:
    """The file's report as a page fragment: every bad row's line, column and reason; the
    rows are imported only when none is bad and this is not a dry run."""
    if not session.same(request.headers.get("x-csrf-token"), page.csrf):
        raise PageError(403, "Not allowed", "The form was out of date: please send it again.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            break
    data = b"".join(chunks)[: MAX_BYTES + 1]
    actor = page.actor
    assert actor is not None

    def work() -> Response:
        with refusals():
            report = page.services.transfer.import_csv(
                actor, data, file_name=name[:200], dry_run=dry_run == "1"
            )
        problems = [
            (
                problem.line,
                problem.column,
                page.t(reasons.translated(problem.reason, page.language)),
            )
            for problem in report.problems
        ]
        return page.render(
            "import_report.html", 200 if report.ok else 422, report=report, problems=problems
        )

    return await run_in_threadpool(work)

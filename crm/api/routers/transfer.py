"""/v1/customers/import (CSV in the request body) and /v1/customers/export.csv|.pdf.

The CSV is the raw body (`Content-Type: text/csv`), not a multipart form: one file, no
form parser needed, and `curl --data-binary @klienci.csv` sends it. The body is read at
most one byte past the size limit, so an oversized upload is refused without being held.
The import answers the same report for a dry run, a clean import (200) and a refused one
(422): {"ok", "rows", "imported", "problems": [{"line", "column", "reason"}]}.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from crm.api.deps import CurrentActor, Services
from crm.api.errors import ErrorBody
from crm.services.csv_import import MAX_BYTES
from crm.services.customer_filter import CustomerFilter
from crm.services.transfer import ImportReport

router = APIRouter(prefix="/v1", tags=["transfer"])

_CSV_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
    }
}


class ProblemOut(BaseModel):
    line: int  # 1 = the header row; 0 = the file as a whole
    column: str
    reason: str


class ImportOut(BaseModel):
    ok: bool
    dry_run: bool
    file_name: str
    rows: int
    imported: int
    bad_rows: int
    problems: list[ProblemOut]

    @classmethod
    def of(cls, report: ImportReport) -> ImportOut:
        return cls(
            ok=report.ok,
            dry_run=report.dry_run,
            file_name=report.file_name,
            rows=report.rows,
            imported=report.imported,
            bad_rows=report.bad_rows,
            problems=[
                ProblemOut(line=p.line, column=p.column, reason=p.reason) for p in report.problems
            ],
        )


class ExportQuery(BaseModel):
    """Which customers (the fields of `CustomerFilter`) and which columns."""

    columns: str | None = None  # "name,phone,credits"; unknown → 422 naming "columns"
    text: str | None = None
    group_id: str | None = None
    group: str | None = None  # a group reference, instead of group_id
    tag: str | None = None
    type: str | None = None
    active: bool | None = None
    has_card: bool | None = None

    def where(self) -> CustomerFilter:
        return CustomerFilter(
            text=self.text,
            group_id=self.group_id,
            tag=self.tag,
            type=self.type,
            active=self.active,
            has_card=self.has_card,
        )


async def _body(request: Request) -> bytes:
    """The request body, cut one byte past the limit (the service then refuses it)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            break
    return b"".join(chunks)[: MAX_BYTES + 1]


@router.post(
    "/customers/import",
    summary="Import customers from a CSV file (all rows or none)",
    description="The CSV is the raw body (Content-Type: text/csv), UTF-8 with or without a "
    "BOM, ',' or ';' separated, a header row naming the columns: name (required), type, nip, "
    "group (a group reference), email, phone, country, city, street, building, flat, tags "
    "(separated by '|'), verified, discount_limit_disabled, card_code, card_number, "
    'card_expires_on (YYYY-MM-DD), credits (złoty, "12,50"), points. At most 50 MB. '
    "Every problem is listed as (line, column, reason), the header being line 1; one bad row "
    "and nothing is imported (422). `dry_run=true` checks only.",
    response_model=ImportOut,
    openapi_extra=_CSV_BODY,
    # 422 is the import's report when rows are bad, or the API's usual error body when the
    # request itself is malformed (a bad `dry_run`, a NUL in a parameter).
    responses={
        422: {"model": ImportOut | ErrorBody, "description": "bad rows, or a bad request"},
        413: {"model": ImportOut},
    },
)
async def import_customers(
    request: Request,
    services: Services,
    actor: CurrentActor,
    dry_run: bool = False,
    file_name: Annotated[str, Query(max_length=200)] = "upload.csv",
) -> JSONResponse:
    data = await _body(request)
    report = await run_in_threadpool(
        services.transfer.import_csv, actor, data, file_name=file_name, dry_run=dry_run
    )
    status = 200 if report.ok else 413 if report.too_large else 422
    return JSONResponse(ImportOut.of(report).model_dump(), status_code=status)


@router.get(
    "/customers/export.csv",
    response_class=StreamingResponse,
    summary="The filtered customers as CSV, for Excel",
    description="UTF-8 with a BOM (so Excel shows Polish letters), ';' between fields (the "
    'list separator of Polish Excel), money as "12,50", yes/no as true/false, tags and '
    "cards separated by '|'. `columns` picks and orders them (default: every column the "
    "import reads, so the file imports back). Texts Excel would run as a formula start with "
    'a "\'", which the import removes. Streamed in name order.',
)
def export_csv(
    services: Services, actor: CurrentActor, query: Annotated[ExportQuery, Query()]
) -> StreamingResponse:
    export = services.transfer.export_csv(actor, query.where(), query.columns, group=query.group)
    return StreamingResponse(
        iter(export),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="klienci.csv"'},
    )


@router.get(
    "/customers/export.pdf",
    response_class=Response,
    summary="The filtered customers as a printable PDF table (at most 10,000)",
)
def export_pdf(
    services: Services, actor: CurrentActor, query: Annotated[ExportQuery, Query()]
) -> Response:
    export = services.transfer.export_pdf(actor, query.where(), query.columns, group=query.group)
    return Response(
        export.content,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="klienci.pdf"'},
    )

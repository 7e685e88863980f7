"""CSV import (with a dry run) and CSV / PDF export of customer lists, and the demo data.

An import is all or nothing: every row is checked (the API's rules, duplicates within the
file, clashes with stored phones and cards, group references) and one bad row means nothing
is imported; the report names every problem by line and column either way. A clean file
goes in as one transaction of bulk inserts with one audit entry.
Exports read in keyset batches (`csv_export`): a stream, so unlike other use-cases one
export is several short read transactions, not one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crm.services import audit, csv_export, csv_import, demo, pdf_export
from crm.services.actor import CLI, Actor
from crm.services.bulk_clashes import taken
from crm.services.context import Context, new_id
from crm.services.csv_export import CsvExport
from crm.services.csv_import import RowProblem
from crm.services.customer_bulk import NewCustomer, insert_customers
from crm.services.customer_filter import CustomerFilter, matching
from crm.services.errors import Conflict, Invalid
from crm.store.models import CustomerGroupRow, CustomerRow
from loyalty.customers import CustomerType

MAX_LISTED = 10_000  # problems listed in one report; the count says how many more
MAX_PDF_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class ImportReport:
    ok: bool
    dry_run: bool
    file_name: str
    rows: int  # data rows in the file
    imported: int
    bad_rows: int
    problems: tuple[RowProblem, ...]  # by line; at most MAX_LISTED, then one summary
    too_large: bool = False


@dataclass(frozen=True, slots=True)
class PdfExport:
    content: bytes
    rows: int


@dataclass(frozen=True, slots=True)
class _Groups:
    by_reference: dict[str, str]  # reference → id
    by_id: dict[str, str]  # id → reference


def _groups(session: Session) -> _Groups:
    pairs = session.execute(select(CustomerGroupRow.reference, CustomerGroupRow.id))
    by_reference = {reference: id_ for reference, id_ in pairs}
    return _Groups(by_reference, {id_: ref for ref, id_ in by_reference.items()})


def _listed(problems: list[RowProblem]) -> tuple[RowProblem, ...]:
    ordered = sorted(problems, key=lambda problem: problem.line)
    if len(ordered) <= MAX_LISTED:
        return tuple(ordered)
    more = len(ordered) - MAX_LISTED
    return (*ordered[:MAX_LISTED], RowProblem(0, "", f"… and {more} more problems"))


class TransferService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def import_csv(
        self, actor: Actor, data: bytes, *, file_name: str = "import.csv", dry_run: bool = False
    ) -> ImportReport:
        """Check every row of a customer CSV and, unless `dry_run` or a row is bad, import
        them all in one transaction."""
        actor.may_write()
        parsed = csv_import.parse(data)  # pure: outside the transaction
        phones = [row.fields.phone for row in parsed.rows if row.fields.phone]
        cards = [row.card for row in parsed.rows if row.card is not None]

        def work(session: Session) -> ImportReport:
            groups = _groups(session)
            found = taken(session, phones, cards)
            stored = csv_import.stored_problems(parsed, groups=groups.by_reference, taken=found)
            problems = parsed.problems + stored
            bad = {problem.line for problem in problems if problem.line > 1}
            report = ImportReport(
                ok=not problems,
                dry_run=dry_run,
                file_name=file_name,
                rows=parsed.count,
                imported=0,
                bad_rows=len(bad),
                problems=_listed(problems),
                too_large=len(data) > csv_import.MAX_BYTES,
            )
            if problems or dry_run:
                return report
            now = self.ctx.clock()
            new = (
                NewCustomer(
                    new_id(),
                    row.fields,
                    cards=(row.card,) if row.card else (),
                    credits=row.credits,
                    points=row.points,
                )
                for row in csv_import.resolved(parsed, groups.by_reference)
            )
            try:
                count = insert_customers(
                    session, new, actor=actor, at=now, description=f"import: {file_name}"
                )
            except IntegrityError as error:  # a phone or card taken since the check
                raise Conflict(
                    "file", "a phone or card of the file was just taken; run it again"
                ) from error
            audit.record(
                session,
                actor=actor,
                at=now,
                action="customer.imported",
                entity="import",
                entity_id=new_id(),
                after={"count": count, "file": file_name},
            )
            return ImportReport(True, False, file_name, parsed.count, count, 0, ())

        if dry_run or parsed.problems:
            return self.ctx.db.read(work)
        return self.ctx.db.write(work)

    def _resolve(self, where: CustomerFilter, group: str | None) -> tuple[CustomerFilter, _Groups]:
        """The filter with a group reference (`group`, as the CLI takes it) made an id."""
        if where.type is not None and where.type not in {t.value for t in CustomerType}:
            raise Invalid.one("type", "one of lead, client, registered")
        groups = self.ctx.db.read(_groups)
        if group is not None:
            group_id = groups.by_reference.get(group.strip())
            if group_id is None:
                raise Invalid.one("group", f"no group with the reference {group!r}")
            where = CustomerFilter(**{**where.as_document(), "group_id": group_id})
        return where, groups

    def export_csv(
        self,
        actor: Actor,
        where: CustomerFilter,
        columns: str | Sequence[str] | None = None,
        *,
        group: str | None = None,
    ) -> CsvExport:
        """The filter's customers as CSV chunks (checked now, read as they are sent)."""
        picked = csv_export.chosen(columns, csv_export.DEFAULT_COLUMNS)
        where, groups = self._resolve(where, group)
        return CsvExport(csv_export.records(self.ctx.db, where, picked, groups.by_id), picked)

    def export_pdf(
        self,
        actor: Actor,
        where: CustomerFilter,
        columns: str | Sequence[str] | None = None,
        *,
        group: str | None = None,
    ) -> PdfExport:
        """The filter's customers as a PDF table, at most MAX_PDF_ROWS of them."""
        picked = csv_export.chosen(columns, pdf_export.DEFAULT_COLUMNS)
        where, groups = self._resolve(where, group)
        count = self.ctx.db.read(
            lambda s: s.scalar(matching(select(func.count(CustomerRow.id)), where)) or 0
        )
        if count > MAX_PDF_ROWS:
            raise Invalid.one(
                "filter",
                f"{count} customers match; a PDF holds at most {MAX_PDF_ROWS}: "
                "narrow the filter or export CSV",
            )
        records = csv_export.records(self.ctx.db, where, picked, groups.by_id)
        rows = [pdf_export.shown(picked, csv_export.values(r, picked)) for r in records]
        table = pdf_export.customer_table(picked, rows, where, groups.by_id, self.ctx.clock())
        return PdfExport(pdf_export.render(table), len(rows))

    def install_demo(self, customers: int = 1000, seed: int = 1) -> bool:
        """Fill an EMPTY database with the terminal's demo programme and customers; False,
        and nothing changed, if it holds any customer or group already."""

        def work(session: Session) -> bool:
            if not demo.is_empty(session):
                return False
            demo.install(session, actor=CLI, at=self.ctx.clock(), customers=customers, seed=seed)
            return True

        return self.ctx.db.write(work)

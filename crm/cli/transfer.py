"""`import-csv FILE [--dry-run]`, `export-csv FILE …` and `export-pdf FILE …`.

    python -m crm import-csv klienci.csv --dry-run     check every row, change nothing
    python -m crm import-csv klienci.csv               import all rows, or none if one is bad
    python -m crm export-csv out.csv --group vip --columns name,phone,credits
    python -m crm export-pdf out.pdf --tag VIP

A file with bad rows prints every problem as "line N, column: reason" and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crm.cli.common import database_option, fail, open_services
from crm.services.actor import CLI
from crm.services.csv_import import MAX_BYTES
from crm.services.customer_filter import CustomerFilter
from crm.services.transfer import ImportReport


def add(commands: Any) -> None:
    importer = commands.add_parser(
        "import-csv", help="import customers from a CSV file (all rows or none)"
    )
    database_option(importer)
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument(
        "--dry-run", action="store_true", help="check every row and report; change nothing"
    )
    importer.set_defaults(run=run_import)
    for name, run, what in (
        ("export-csv", run_export_csv, "CSV (UTF-8 with BOM, ';' separated, for Excel)"),
        ("export-pdf", run_export_pdf, "PDF table (landscape A4)"),
    ):
        exporter = commands.add_parser(name, help=f"export a filtered customer list as a {what}")
        database_option(exporter)
        exporter.add_argument("file", type=Path, metavar="FILE")
        exporter.add_argument("--group", metavar="REF", help="a group's reference, e.g. vip")
        exporter.add_argument("--tag", metavar="T")
        exporter.add_argument("--text", metavar="Q", help="name, e-mail or phone words")
        exporter.add_argument("--type", choices=("lead", "client", "registered"))
        exporter.add_argument("--columns", metavar="a,b,c", help="the columns, in order")
        exporter.set_defaults(run=run)


def print_report(report: ImportReport) -> None:
    for problem in report.problems:
        where = f"line {problem.line}" if problem.line else "file"
        column = f", {problem.column}" if problem.column else ""
        print(f"{report.file_name}: {where}{column}: {problem.reason}", file=sys.stderr)
    if not report.ok:
        print(
            f"{report.file_name}: {report.bad_rows} of {report.rows} rows have problems; "
            "nothing was imported",
            file=sys.stderr,
        )
    elif report.dry_run:
        print(f"{report.file_name}: all {report.rows} rows are good (dry run: nothing imported)")
    else:
        print(f"{report.file_name}: imported {report.imported} customers")


def run_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        return fail(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        return fail(f"{path}: larger than {MAX_BYTES // 2**20} MB; split it into smaller files")
    services = open_services(args)
    try:
        report = services.transfer.import_csv(
            CLI, path.read_bytes(), file_name=path.name, dry_run=args.dry_run
        )
    finally:
        services.close()
    print_report(report)
    return 0 if report.ok else 2


def _where(args: argparse.Namespace) -> CustomerFilter:
    return CustomerFilter(text=args.text, tag=args.tag, type=args.type)


def run_export_csv(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        export = services.transfer.export_csv(CLI, _where(args), args.columns, group=args.group)
        target: Path = args.file
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as out:
                for chunk in export:
                    out.write(chunk)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)  # a half-written export never takes the name
    finally:
        services.close()
    print(f"{target}: {export.rows} customers")
    return 0


def run_export_pdf(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        export = services.transfer.export_pdf(CLI, _where(args), args.columns, group=args.group)
    finally:
        services.close()
    args.file.write_bytes(export.content)
    print(f"{args.file}: {export.rows} customers")
    return 0

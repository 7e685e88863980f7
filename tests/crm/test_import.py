"""CSV import over real HTTP and the command line: every bad row named, all or nothing."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.csv_import import COLUMNS, MAX_BYTES
from crm.store.models import (
    AuditRow,
    BalanceRow,
    CardRow,
    CustomerRow,
    CustomerTagRow,
    CustomerWordRow,
    LedgerEntryRow,
)

LUCJA = {
    "name": "Łucja Żółkiewska",
    "type": "registered",
    "nip": "PL 123-456-32-18",
    "group": "vip",
    "email": "Lucja@Example.PL",
    "phone": "601 234 567",
    "city": "Łódź",
    "street": "Piotrkowska; róg Zielonej",
    "building": "12",
    "flat": "3",
    "tags": "VIP|stały",
    "verified": "tak",
    "card_code": "0006547886",
    "card_number": "100000000001",
    "card_expires_on": "2027-12-31",
    "credits": "12,50",
    "points": "120",
}
JAN = {"name": "Jan Kowalski", "group": "staly-klient", "phone": "+48 602 000 001"}


def csv_bytes(
    rows: list[dict[str, str]], *, columns: tuple[str, ...] = COLUMNS, delimiter: str = ";"
) -> bytes:
    """A customer CSV as Excel saves it: UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def post_csv(client: httpx.Client, data: bytes, *, dry_run: bool) -> httpx.Response:
    return client.post(
        "/v1/customers/import",
        params={"dry_run": str(dry_run).lower(), "file_name": "klienci.csv"},
        content=data,
        headers={"Content-Type": "text/csv"},
    )


def count(services: CrmServices, model: type, *where: object) -> int:
    query = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
    return int(services.ctx.db.read(lambda s: s.scalar(query)) or 0)


def problems_of(answer: httpx.Response) -> set[tuple[int, str]]:
    return {(p["line"], p["column"]) for p in answer.json()["problems"]}


def test_a_dry_run_names_every_bad_row_and_changes_nothing(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=0)  # the demo's groups, no customers
    stored = {"name": "Ewa Stara", "phone": "603 000 003", "card_code": "0000001000"}
    assert post_csv(owner, csv_bytes([stored]), dry_run=False).status_code == 200
    rows = [
        LUCJA,  # line 2: good
        {"name": "Zła Nip", "nip": "1234563219"},  # 3
        {"name": "Krótki Telefon", "phone": "12"},  # 4
        {"name": "Ten Sam Telefon", "phone": "+48601234567"},  # 5: Łucja's, other form
        {"name": "Ta Sama Karta", "card_code": "0063E9AE"},  # 6: Łucja's card in hex
        {"name": "Obca Grupa", "group": "nie-ma-takiej"},  # 7
        {"name": "Złe Kwoty", "credits": "dużo", "points": "-3"},  # 8
        {"name": "", "city": "Bez Nazwy"},  # 9
        {"name": "Zajęty Telefon", "phone": "+48 603-000-003"},  # 10: Ewa's
        {"name": "Zajęta Karta", "card_code": "000,01000"},  # 11: Ewa's card, W26 form
        {"name": "Złe Pola", "verified": "może", "card_expires_on": "31.12.2027"},  # 12
        {"name": "Zły Mail", "email": "nie-mail"},  # 13
        {"name": "Zły Typ", "type": "vip"},  # 14
        {"name": "Drugi Numer", "card_number": "100000000001", "card_code": "77"},  # 15
    ]
    answer = post_csv(owner, csv_bytes(rows), dry_run=True)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert (body["ok"], body["rows"], body["imported"], body["bad_rows"]) == (False, 14, 0, 13)
    assert problems_of(answer) == {
        (3, "nip"),
        (4, "phone"),
        (5, "phone"),
        (6, "card_code"),
        (7, "group"),
        (8, "credits"),
        (8, "points"),
        (9, "name"),
        (10, "phone"),
        (11, "card_code"),
        (12, "verified"),
        (12, "card_expires_on"),
        (13, "email"),
        (14, "type"),
        (15, "card_number"),
    }
    reasons = {(p["line"], p["column"]): p["reason"] for p in body["problems"]}
    assert "line 2" in reasons[(5, "phone")]
    assert "line 2" in reasons[(6, "card_code")]
    assert "Ewa Stara" in reasons[(10, "phone")]
    assert "Ewa Stara" in reasons[(11, "card_code")]
    assert count(services, CustomerRow) == 1


def test_a_clean_dry_run_is_200_and_imports_nothing(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=0)
    answer = post_csv(owner, csv_bytes([LUCJA, JAN]), dry_run=True)
    assert answer.status_code == 200, answer.text
    assert answer.json() | {"problems": None} == {
        "ok": True,
        "dry_run": True,
        "file_name": "klienci.csv",
        "rows": 2,
        "imported": 0,
        "bad_rows": 0,
        "problems": None,
    }
    assert count(services, CustomerRow) == 0


def test_the_header_is_checked_column_by_column(owner: httpx.Client) -> None:
    data = csv_bytes([{"name": "x"}], columns=("nazwisko", "phone", "wallet", "phone"))
    answer = post_csv(owner, data, dry_run=True)
    assert answer.status_code == 422
    assert problems_of(answer) == {(1, "nazwisko"), (1, "wallet"), (1, "phone"), (1, "name")}
    reasons = {p["column"]: p["reason"] for p in answer.json()["problems"]}
    assert "unknown column" in reasons["nazwisko"]
    assert "cannot be imported" in reasons["wallet"]


def test_one_bad_row_imports_nothing(owner: httpx.Client, services: CrmServices) -> None:
    services.transfer.install_demo(customers=0)
    rows = [LUCJA, JAN, {"name": "Zła Nip", "nip": "123"}]
    answer = post_csv(owner, csv_bytes(rows, delimiter=","), dry_run=False)
    assert answer.status_code == 422
    assert answer.json()["imported"] == 0
    assert problems_of(answer) == {(4, "nip")}
    assert count(services, CustomerRow) == 0
    assert count(services, CardRow) == 0
    assert count(services, AuditRow, AuditRow.action == "customer.imported") == 0


def test_a_clean_import_stores_everything_with_balances_as_entries(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=0)
    answer = post_csv(owner, csv_bytes([LUCJA, JAN], delimiter=","), dry_run=False)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["ok"], answer.json()["imported"]) == (True, 2)

    def stored(session):  # type: ignore[no-untyped-def]
        lucja = session.scalar(select(CustomerRow).where(CustomerRow.phone == "+48601234567"))
        card = session.scalar(select(CardRow).where(CardRow.customer_id == lucja.id))
        tags = set(session.scalars(select(CustomerTagRow.tag)))
        words = set(session.scalars(select(CustomerWordRow.word)))
        return lucja, card, tags, words

    lucja, card, tags, words = services.ctx.db.read(stored)
    assert (lucja.name, lucja.type, lucja.nip, lucja.group_id) == (
        "Łucja Żółkiewska",
        "registered",
        "1234563218",
        "g-vip",
    )
    assert (lucja.email, lucja.city, lucja.street, lucja.verified) == (
        "lucja@example.pl",
        "Łódź",
        "Piotrkowska; róg Zielonej",
        True,
    )
    assert (card.code, card.number, card.key32, str(card.expires_on)) == (
        "0006547886",
        "100000000001",
        6547886,
        "2027-12-31",
    )
    assert tags == {"VIP", "stały"}
    assert {"lucja", "zolkiewska", "601234567", "kowalski"} <= words
    for account, amount in (("credits", 1250), ("points", 120), ("wallet", 0)):
        balance = balance_and_entries(services, lucja.id, account)
        assert balance == (amount, amount), account
    entries = count(services, LedgerEntryRow, LedgerEntryRow.kind == "import")
    assert entries == 2  # Jan's zero balances have no entries
    audit = services.ctx.db.read(
        lambda s: s.scalars(select(AuditRow).where(AuditRow.action == "customer.imported")).all()
    )
    assert [(a.actor, a.after) for a in audit] == [("olga", {"count": 2, "file": "klienci.csv"})]


def balance_and_entries(services: CrmServices, customer_id: str, account: str) -> tuple[int, int]:
    """(the balance, Σ its ledger entries)."""

    def read(session: Session) -> tuple[int, int]:
        balance = session.scalar(
            select(BalanceRow.amount).where(
                BalanceRow.customer_id == customer_id, BalanceRow.account == account
            )
        )
        total = session.scalar(
            select(func.coalesce(func.sum(LedgerEntryRow.amount), 0)).where(
                LedgerEntryRow.customer_id == customer_id, LedgerEntryRow.account == account
            )
        )
        return int(balance or 0), int(total or 0)

    return services.ctx.db.read(read)


def test_lines_are_counted_as_the_file_has_them(owner: httpx.Client) -> None:
    text = (
        "name;street;phone\r\n"
        'Anna Nowak;"ul. Długa\r\nklatka B";601 000 111\r\n'  # lines 2-3
        "\r\n"  # line 4: blank, skipped
        "Piotr Zły;Krótka;12\r\n"  # line 5
    )
    answer = post_csv(owner, text.encode("utf-8"), dry_run=True)
    assert answer.status_code == 422
    assert answer.json()["rows"] == 2
    # The quoted street spans lines 2-3: it is named at the line it starts on (a line
    # break in a field is refused, as every control character is).
    assert problems_of(answer) == {(2, "street"), (5, "phone")}


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(owner: httpx.Client) -> None:
    data = "name\r\nAnna\r\nŁucja\r\n".encode("cp1250")
    answer = post_csv(owner, data, dry_run=True)
    assert answer.status_code == 422
    assert problems_of(answer) == {(3, "")}
    assert "UTF-8" in answer.json()["problems"][0]["reason"]


def test_a_file_over_the_limit_is_refused(owner: httpx.Client, services: CrmServices) -> None:
    report = services.transfer.import_csv(CLI, b"name\n" + b"x" * MAX_BYTES, dry_run=True)
    assert (report.ok, report.too_large) == (False, True)
    assert "larger than 50 MB" in report.problems[0].reason
    answer = post_csv(owner, b"name\n" + b"x" * MAX_BYTES, dry_run=True)
    assert answer.status_code == 413
    assert "larger than 50 MB" in answer.json()["problems"][0]["reason"]


def test_a_read_only_user_may_not_import(reader: httpx.Client, services: CrmServices) -> None:
    for dry_run in (True, False):
        answer = post_csv(reader, csv_bytes([JAN]), dry_run=dry_run)
        assert answer.status_code == 403
    assert count(services, CustomerRow) == 0


def crm_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crm", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_the_command_line_checks_and_imports(
    crm_url: str, services: CrmServices, tmp_path: Path
) -> None:
    services.transfer.install_demo(customers=0)
    bad, good = tmp_path / "zle.csv", tmp_path / "dobre.csv"
    bad.write_bytes(csv_bytes([LUCJA, {"name": "Zła Nip", "nip": "123"}]))
    good.write_bytes(csv_bytes([LUCJA, JAN]))

    checked = crm_command("import-csv", str(bad), "--dry-run", "--database", crm_url)
    assert checked.returncode == 2, checked.stderr
    assert "zle.csv: line 3, nip:" in checked.stderr
    assert "1 of 2 rows have problems; nothing was imported" in checked.stderr

    checked = crm_command("import-csv", str(good), "--dry-run", "--database", crm_url)
    assert checked.returncode == 0, checked.stderr
    assert "all 2 rows are good (dry run: nothing imported)" in checked.stdout
    assert count(services, CustomerRow) == 0

    done = crm_command("import-csv", str(good), "--database", crm_url)
    assert done.returncode == 0, done.stderr
    assert "dobre.csv: imported 2 customers" in done.stdout
    assert count(services, CustomerRow) == 2

    missing = crm_command("import-csv", str(tmp_path / "nie.csv"), "--database", crm_url)
    assert missing.returncode == 2
    assert "no such file" in missing.stderr

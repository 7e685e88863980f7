"""CSV and PDF export of filtered customer lists over real HTTP, and the round trip."""

from __future__ import annotations

import io
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from crm.services.container import CrmServices
from crm.services.transfer import MAX_PDF_ROWS
from crm.store.models import CustomerRow
from loyalty.demo.people import DEMO_GROUPS, demo_customers
from tests.crm.conftest import make_admin, signed_in
from tests.crm.test_import import JAN, LUCJA, crm_command, csv_bytes, post_csv
from tests.live_crm import LiveApi
from tests.postgres import PostgresCluster

_numbers = itertools.count()
FORMULA = {"name": "=SUMA(A1:A2) Firma", "phone": "604 000 004", "tags": "-minus"}


def export(client: httpx.Client, path: str = "/v1/customers/export.csv", **params: str) -> bytes:
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    return answer.content


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").splitlines()


@pytest.fixture
def other(
    crm_url: str, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[CrmServices]:
    """A second fresh CRM database on the same engine as `crm_url`."""
    if crm_url.startswith("sqlite"):
        target = tmp_path / "other.db"
        shutil.copy(sqlite_template, target)
        url = f"sqlite:///{target}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        name = f"crm_other_{os.getpid()}_{next(_numbers)}"
        cluster.execute(f"CREATE DATABASE {name} TEMPLATE crm_template")
        request.addfinalizer(
            lambda: cluster.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        )
        url = cluster.url(name)
    built = CrmServices.at(url)
    yield built
    built.close()


def test_an_exported_csv_imports_back_as_the_same_customers(
    owner: httpx.Client, services: CrmServices, other: CrmServices
) -> None:
    services.transfer.install_demo(customers=60)  # cards with expiry, NIPs, groups, balances
    assert post_csv(owner, csv_bytes([LUCJA, JAN, FORMULA]), dry_run=False).status_code == 200
    first = export(owner)
    assert len(lines(first)) == 1 + 63

    other.transfer.install_demo(customers=0)  # the same groups, no customers
    make_admin(other, "oskar")
    api = LiveApi(other).start()
    try:
        client = signed_in(api, "oskar")
        answer = post_csv(client, first, dry_run=False)
        assert answer.status_code == 200, answer.text
        assert answer.json()["imported"] == 63
        again = export(client)
        client.close()
    finally:
        api.stop()
    # The same rows; customers of the same name may come in another order (new ids).
    assert lines(again)[0] == lines(first)[0]
    assert sorted(lines(again)) == sorted(lines(first))


def test_the_file_is_what_polish_excel_opens(owner: httpx.Client, services: CrmServices) -> None:
    services.transfer.install_demo(customers=0)
    post_csv(owner, csv_bytes([LUCJA, FORMULA]), dry_run=False)
    answer = owner.get("/v1/customers/export.csv", params={"columns": "name,phone,credits,tags"})
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.content.startswith("\ufeff".encode())
    assert lines(answer.content) == [
        "name;phone;credits;tags",
        "'=SUMA(A1:A2) Firma;+48604000004;0,00;'-minus",
        "Łucja Żółkiewska;+48601234567;12,50;VIP|stały",
    ]


def test_the_export_is_filtered_by_group_tag_and_text(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=80)
    post_csv(owner, csv_bytes([LUCJA]), dry_run=False)
    regular = DEMO_GROUPS[0]  # Łucja is in "vip"
    expected = [d.id for d in demo_customers(80) if d.group_index == 0]
    by_reference = lines(export(owner, columns="id", group=regular.reference))
    by_id = lines(export(owner, columns="id", group_id=regular.id))
    assert by_reference == by_id
    assert sorted(by_reference[1:]) == sorted(expected)
    assert len(expected) > 3
    assert lines(export(owner, columns="name,group", tag="VIP")) == [
        "name;group",
        "Łucja Żółkiewska;vip",
    ]
    assert lines(export(owner, columns="name", text="łucja żół")) == ["name", "Łucja Żółkiewska"]


def test_a_long_list_streams_in_batches_without_gaps(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=2_300)  # more than two keyset batches
    ids = [line.split(";")[0] for line in lines(export(owner, columns="id,name"))[1:]]
    assert len(set(ids)) == 2_300
    in_order = select(CustomerRow.id).order_by(CustomerRow.sort_name, CustomerRow.id)
    assert ids == services.ctx.db.read(lambda s: list(s.scalars(in_order)))


def test_unknown_columns_and_groups_are_named(owner: httpx.Client) -> None:
    for path in ("/v1/customers/export.csv", "/v1/customers/export.pdf"):
        answer = owner.get(path, params={"columns": "name,pesel"})
        assert answer.status_code == 422
        assert [p["field"] for p in answer.json()["problems"]] == ["columns"]
        assert "pesel" in answer.json()["problems"][0]["reason"]
        answer = owner.get(path, params={"group": "nie-ma"})
        assert answer.status_code == 422
        assert [p["field"] for p in answer.json()["problems"]] == ["group"]


def test_the_pdf_lists_the_customers_on_numbered_pages(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=100)
    post_csv(owner, csv_bytes([LUCJA]), dry_run=False)
    answer = owner.get("/v1/customers/export.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Nazwa" in text and "Telefon" in text  # the header on every page
        assert f"Strona {number} z {len(pages)}" in text
    assert "Filtr: wszyscy klienci" in pages[0]
    assert "Liczba klientów: 101" in pages[0]
    assert any("Łucja Żółkiewska" in text for text in pages)

    vip = owner.get("/v1/customers/export.pdf", params={"group": "vip", "columns": "name,nip"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(vip.content)).pages)
    assert "Filtr: grupa vip" in text
    assert "1234563218" in text


def test_a_pdf_of_too_many_customers_suggests_csv(
    owner: httpx.Client, services: CrmServices
) -> None:
    services.transfer.install_demo(customers=MAX_PDF_ROWS + 1)
    answer = owner.get("/v1/customers/export.pdf")
    assert answer.status_code == 422
    assert "export CSV" in answer.json()["problems"][0]["reason"]
    fewer = owner.get("/v1/customers/export.pdf", params={"type": "lead", "columns": "name"})
    assert fewer.status_code == 200


def test_a_read_only_user_may_export(reader: httpx.Client, services: CrmServices) -> None:
    services.transfer.install_demo(customers=5)
    assert len(lines(export(reader, columns="id"))) == 6
    assert export(reader, "/v1/customers/export.pdf").startswith(b"%PDF")


def test_the_command_line_exports(crm_url: str, services: CrmServices, tmp_path: Path) -> None:
    services.transfer.install_demo(customers=40)
    vip = sum(1 for d in demo_customers(40) if d.group_index == 1)
    target = tmp_path / "vip.csv"
    done = crm_command(
        "export-csv",
        str(target),
        "--group",
        "vip",
        "--columns",
        "name,phone",
        "--database",
        crm_url,
    )
    assert done.returncode == 0, done.stderr
    assert f"{target}: {vip} customers" in done.stdout
    assert lines(target.read_bytes())[0] == "name;phone"
    assert len(lines(target.read_bytes())) == 1 + vip

    pdf = tmp_path / "wszyscy.pdf"
    done = crm_command("export-pdf", str(pdf), "--database", crm_url)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(pdf).pages) >= 1

    bad = crm_command("export-csv", str(target), "--columns", "pesel", "--database", crm_url)
    assert bad.returncode == 2
    assert "columns: unknown column pesel" in bad.stderr

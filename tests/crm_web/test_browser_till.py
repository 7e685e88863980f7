"""The owner's browser and a real till, end to end: the owner enrols the till on the
terminals page, the manager at the till types the code into its Menu, the owner gives a
customer a card and tops up their group's credits in the browser, and after its next sync
the till — the real application, offscreen — knows the card and shows the credits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from sqlalchemy import text

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.services.customer_filter import CustomerFilter
from hardware.events import CardRead
from pos_terminal.app import Terminal
from pos_terminal.config import TerminalConfig
from pos_terminal.domain.staff import Role
from pos_terminal.ui.sync_dialog import SyncDialog
from tests.crm_web import browser
from tests.crm_web.browser import visible
from tests.crm_web.conftest import chromium_or_skip
from tests.crm_web.test_browser import says
from tests.live_crm import LiveApi
from tests.ui.running_terminal import open_the_shift

CARD = "0004242421"  # a 10-digit reader's form
MANAGER_PIN = "999999"


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[WebDriver]:
    chromium_or_skip()
    with browser.chromium(tmp_path / "profile") as started:
        yield started


@pytest.fixture
def till(qtbot: QtBot, tmp_path: Path, site: LiveApi) -> Iterator[Terminal]:
    """The terminal application as a till runs it, pointed at the CRM, not enrolled yet."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    config = TerminalConfig(
        data_dir=tmp_path / "till",
        crm_url=site.url,
        staff=(("Marek Kierownik", Role.MANAGER, MANAGER_PIN),),
        demo=False,
    )
    terminal = Terminal(app, config)
    qtbot.addWidget(terminal.window)
    terminal.start()
    yield terminal
    terminal.shutdown()


def _a_student_with_a_phone(services: CrmServices) -> tuple[str, str, str]:
    student = next(g for g in services.groups.list(CLI).items if g.reference == "student")
    members = services.customers.list(CLI, CustomerFilter(group_id=student.id), limit=200).items
    found = next(m for m in members if m.phone and m.phone.startswith("+48"))
    return found.id, found.phone or "", student.id


def _enrol_on_the_till(qtbot: QtBot, till: Terminal, code: str) -> None:
    open_the_shift(qtbot, till, MANAGER_PIN)
    till.menu._chosen("sync")  # the Menu's "CRM sync (manager)"
    qtbot.waitUntil(lambda: isinstance(till.window.dialog, SyncDialog), timeout=10_000)
    dialog = till.window.dialog
    assert isinstance(dialog, SyncDialog)
    dialog.code.setText(code)
    dialog.findChild(QPushButton, "enrol").click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Enrolled"), timeout=30_000)
    qtbot.waitUntil(lambda: till.window.crm_label.text() == "CRM: synced", timeout=30_000)
    dialog.reject()


def _in_the_tills_cache(till: Terminal, customer_id: str) -> tuple[int, int]:
    """The customer's cards and credits as the till's own SQLite file holds them."""
    assert till.store is not None
    with till.store.unit_of_work(read_only=True) as tx:
        cards = tx.session.scalar(
            text("SELECT count(*) FROM card WHERE customer_id = :id"), {"id": customer_id}
        )
        credits = tx.session.scalar(
            text("SELECT credits_minor FROM balance_snapshot WHERE customer_id = :id"),
            {"id": customer_id},
        )
    return int(cards or 0), int(credits or 0)


def _the_tills_strip(till: Terminal) -> tuple[str, str]:
    name = till.window.findChild(QLabel, "customer")
    balances = till.window.findChild(QLabel, "customer-balances")
    assert name is not None and balances is not None
    return name.text(), balances.text()


def test_what_the_owner_does_in_the_browser_reaches_the_till_at_its_next_sync(
    qtbot: QtBot, driver: WebDriver, site: LiveApi, services: CrmServices, till: Terminal
) -> None:
    customer_id, phone, student = _a_student_with_a_phone(services)
    credits = services.customers.get(CLI, customer_id).credits

    # The owner enrols the till: a one-time code on the terminals page.
    browser.sign_in(driver, site.url, "olga")
    driver.find_element(By.CSS_SELECTOR, 'nav a[href="/terminals"]').click()
    driver.find_element(By.CSS_SELECTOR, "#enrol summary").click()
    driver.find_element(By.ID, "f-shop").send_keys("Bistro Rynek")
    driver.find_element(By.ID, "make-code").click()
    code = visible(driver, "#code").text
    _enrol_on_the_till(qtbot, till, code)
    driver.get(f"{site.url}/terminals")
    assert "Bistro Rynek" in visible(driver, "#terminals tbody tr").text

    # A card for the customer, found by a fragment of their phone.
    driver.get(f"{site.url}/customers")
    visible(driver, "#q").send_keys(phone[5:11])
    row = f'tr[data-customer="{customer_id}"]'
    visible(driver, f"{row} td.name a").click()
    visible(driver, "#card-code").send_keys(CARD)
    driver.find_element(By.ID, "add-card-button").click()
    says(driver, "#notice", "Karta została dodana.")

    # 25,00 zł of credits for the customer's whole group.
    driver.get(f"{site.url}/customers?group={student}")
    driver.find_element(By.CSS_SELECTOR, "#bulk-credits summary").click()
    driver.find_element(By.ID, "op-amount").send_keys("25,00")
    driver.find_element(By.ID, "op-description").send_keys("Premia grupowa")
    driver.find_element(By.ID, "credits-confirm").click()
    driver.find_element(By.ID, "credits-apply").click()
    says(driver, "#notice", "Zapisano.")
    assert services.customers.get(CLI, customer_id).credits == credits + 2500

    # The till's next sync brings both; a tap of the card shows the customer and credits.
    assert till.service is not None and till.presenter is not None
    cards = len(services.customers.get(CLI, customer_id).cards)
    assert _in_the_tills_cache(till, customer_id) == (cards - 1, credits)
    till.sync_now()
    qtbot.waitUntil(
        lambda: _in_the_tills_cache(till, customer_id) == (cards, credits + 2500), timeout=30_000
    )
    till.window.on_card_read(CardRead("test", CARD, CARD.encode(), datetime.now()), till.presenter)
    name = services.customers.get(CLI, customer_id).name
    qtbot.waitUntil(lambda: _the_tills_strip(till)[0].startswith(name), timeout=10_000)
    zloty, grosze = divmod(credits + 2500, 100)
    shown = f"credits {zloty:,}".replace(",", "\u00a0") + f",{grosze:02d}\u00a0zł"
    assert shown in _the_tills_strip(till)[1]

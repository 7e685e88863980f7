"""Signing in, opening the shift, and the manager-only menu — through the real widgets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from loyalty import formatting
from loyalty.business_day import business_date
from loyalty.money import Money
from pos_terminal.config import TerminalConfig
from pos_terminal.db.repositories.staff import hash_pin
from pos_terminal.db.store import Store
from pos_terminal.domain.receipt import ReceiptHeader
from pos_terminal.domain.staff import Role, WrongPinError
from pos_terminal.services.receipts import ReceiptSettings, reprint_document
from pos_terminal.services.terminal import TerminalService
from pos_terminal.settings_file import apply_settings, load_settings
from pos_terminal.ui.discounts_dialog import DiscountsDialog
from pos_terminal.ui.login_view import OpenShiftDialog
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.manager_dialogs import (
    BillsDialog,
    ManagerPinDialog,
    MenuDialog,
    ReportDialog,
    SettingsDialog,
)
from pos_terminal.ui.new_pin_dialog import NewPinDialog
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.session import SessionFlow
from pos_terminal.ui.shift_menu import ShiftMenu
from pos_terminal.ui.sync_dialog import SyncDialog
from pos_terminal.ui.tasks import TaskRunner
from sync.wire.envelope import OpResult
from tests.db.conftest import JAN, MANAGER_10, PIWO, SCHABOWY, ZUREK, seed

CASHIER_PIN, SECOND_CASHIER_PIN, MANAGER_PIN = "1111", "2222", "999999"


@dataclass
class Session:
    runner: TaskRunner
    window: MainWindow
    flow: SessionFlow
    service: TerminalService

    def settle(self, qtbot: QtBot) -> None:
        qtbot.waitUntil(lambda: not self.runner.busy, timeout=5000)


@pytest.fixture
def session(qtbot: QtBot, store: Store) -> Iterator[Session]:
    seed(store)
    with store.unit_of_work() as tx:
        tx.staff.add("Anna Kasjerka", Role.CASHIER, CASHIER_PIN)
        tx.staff.add("Marek Kierownik", Role.MANAGER, MANAGER_PIN)
    runner = TaskRunner()
    service = TerminalService(store)
    window = MainWindow(terminal="Kasa test", cashier="—")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()

    def enter_sale(actor: object) -> None:
        if window.sale is None:
            # as the app wires it: the bill is closed by whoever is signed in now
            presenter = SalePresenter(
                service, runner, day_starts_at=time(4), cashier=lambda: flow.actor
            )
            view = window.install_sale(presenter, service, runner, demo_tap=None)
            ShiftMenu(flow, view, data_dir=store.path.parent)
            presenter.start()
        else:
            window.show_page(window.sale)

    flow = SessionFlow(
        window, service, runner, terminal="Kasa test", day_starts_at=time(4), enter_sale=enter_sale
    )
    flow.start()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # the PIN lengths, for the pad
    yield Session(runner, window, flow, service)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    runner.shutdown()


def sign_in(qtbot: QtBot, session: Session, pin: str) -> None:
    for digit in pin:
        button = session.flow.login.findChild(QPushButton, f"key-{digit}")
        assert button is not None
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    if session.flow.login.pin.text():  # the pad did not sign in by itself: a wrong PIN
        QTest.mouseClick(session.flow.login.sign_in, Qt.MouseButton.LeftButton)
        session.settle(qtbot)


def open_shift(qtbot: QtBot, session: Session) -> None:
    dialog = session.window.dialog
    assert isinstance(dialog, OpenShiftDialog)
    dialog.amount.setText("200,00")
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert session.window.sale is not None
    assert session.window.pages.currentWidget() is session.window.sale


def sell(qtbot: QtBot, session: Session, *products: str) -> None:
    sale = session.window.sale
    assert sale is not None
    presenter = sale.presenter
    for product_id in products:
        presenter.add_product(next(p for p in sale.products if p.id == product_id))
    session.settle(qtbot)
    QTest.mouseClick(sale.pay, Qt.MouseButton.LeftButton)
    payment = session.window.dialog
    assert isinstance(payment, PaymentDialog)
    QTest.mouseClick(payment.exact, Qt.MouseButton.LeftButton)
    QTest.mouseClick(payment.finish, Qt.MouseButton.LeftButton)
    session.settle(qtbot)


def menu(qtbot: QtBot, session: Session, key: str) -> None:
    sale = session.window.sale
    assert sale is not None
    button = sale.findChild(QPushButton, "menu")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = session.window.dialog
    assert isinstance(dialog, MenuDialog)
    choice = dialog.findChild(QPushButton, f"menu-{key}")
    assert choice is not None
    QTest.mouseClick(choice, Qt.MouseButton.LeftButton)
    session.settle(qtbot)


def manager_pin(qtbot: QtBot, session: Session, pin: str) -> None:
    dialog = session.window.dialog
    assert isinstance(dialog, ManagerPinDialog)
    dialog.pin.setText(pin)
    ok = dialog.findChild(QPushButton, "manager-ok")
    assert ok is not None
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    session.settle(qtbot)


def test_a_wrong_pin_is_refused_then_the_cashier_signs_in_and_opens_the_shift(
    qtbot: QtBot, session: Session
) -> None:
    sign_in(qtbot, session, "1234")
    assert "Wrong PIN" in session.flow.login.error.text()
    assert session.window.sale is None
    sign_in(qtbot, session, CASHIER_PIN)
    assert session.flow.actor is not None and session.flow.actor.name == "Anna Kasjerka"
    assert "Anna Kasjerka" in session.window.terminal_label.text()
    open_shift(qtbot, session)
    shift = session.service.current_shift()
    assert shift is not None and shift.cash_float.minor == 20000


def test_the_x_report_needs_a_manager_pin_and_shows_the_shift(
    qtbot: QtBot, session: Session
) -> None:
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)
    sell(qtbot, session, ZUREK.id, SCHABOWY.id)  # 60,00 zł in cash
    menu(qtbot, session, "x-report")
    manager_pin(qtbot, session, CASHIER_PIN)  # a cashier's PIN is not enough
    sale = session.window.sale
    assert sale is not None and "is not a manager" in sale.notice.text.text()
    menu(qtbot, session, "x-report")
    manager_pin(qtbot, session, MANAGER_PIN)
    report = session.window.dialog
    assert isinstance(report, ReportDialog)
    texts = [label.text() for label in report.findChildren(type(report.message))]
    assert any("60,00" in text for text in texts)  # net sales and cash
    assert any("260,00" in text for text in texts)  # float + cash: expected in the drawer


def test_a_manager_voids_a_bill_from_the_list(qtbot: QtBot, session: Session) -> None:
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    sell(qtbot, session, ZUREK.id)
    menu(qtbot, session, "bills")
    bills = session.window.dialog
    assert isinstance(bills, BillsDialog) and bills.list.count() == 1
    bills.list.setCurrentRow(0)
    bills.reason.setText("pomyłka kasjera")
    void = bills.findChild(QPushButton, "void")
    assert void is not None
    QTest.mouseClick(void, Qt.MouseButton.LeftButton)  # a manager is signed in: no PIN asked
    session.settle(qtbot)
    sale = session.window.sale
    assert sale is not None and "voided" in sale.notice.text.text()
    report = session.service.shift_report()
    assert (report.bills_count, report.voided_count) == (0, 1)


def test_the_discounts_panel_explains_and_gives_a_manual_discount(
    qtbot: QtBot, session: Session
) -> None:
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)
    sale = session.window.sale
    assert sale is not None
    sale.presenter.add_product(next(p for p in sale.products if p.id == SCHABOWY.id))
    session.settle(qtbot)
    QTest.mouseClick(sale.buttons["discounts"], Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    panel = session.window.dialog
    assert isinstance(panel, DiscountsDialog)
    choice = panel.findChild(QPushButton, f"manual-{MANAGER_10.id}")
    assert choice is not None
    QTest.mouseClick(choice, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    priced = sale.presenter.last_priced
    assert priced is not None and priced.manual_discount.minor == 420  # 10 % of 42,00


def test_a_manager_lifts_the_daily_limit_for_one_bill(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    with store.unit_of_work() as tx:  # Jan has used all of today's 20,00 zł already
        tx.balances.set_limit_used(JAN.id, business_date(datetime.now()), used=2000, as_of_seq=1)
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)
    sale = session.window.sale
    assert sale is not None
    sale.presenter.add_product(next(p for p in sale.products if p.id == SCHABOWY.id))
    sale.presenter.attach_customer(JAN.id)
    session.settle(qtbot)
    priced = sale.presenter.last_priced
    assert priced is not None and priced.group_discount.is_zero
    QTest.mouseClick(sale.buttons["discounts"], Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    panel = session.window.dialog
    assert isinstance(panel, DiscountsDialog)
    lift = panel.findChild(QPushButton, "lift-limit")
    assert lift is not None
    QTest.mouseClick(lift, Qt.MouseButton.LeftButton)
    manager_pin(qtbot, session, MANAGER_PIN)
    session.settle(qtbot)
    lifted = sale.presenter.last_priced
    assert lifted is not None and lifted.group_discount.minor == 210  # 5 % of 42,00
    entries = session.service.audit_recent()
    assert any(
        e.action == "limit.overridden" and e.actor_name == "Marek Kierownik" for e in entries
    )


def test_settings_and_naming_a_bill(qtbot: QtBot, session: Session, store: Store) -> None:
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    sale = session.window.sale
    assert sale is not None
    rename = sale.findChild(QPushButton, "rename-bill")
    assert rename is not None
    QTest.mouseClick(rename, Qt.MouseButton.LeftButton)
    dialog = session.window.dialog
    assert dialog is not None
    field = dialog.findChild(QLineEdit, "bill-name")
    save = dialog.findChild(QPushButton, "save-name")
    assert field is not None and save is not None
    field.setText("Stolik 4")
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    tab = sale.findChild(QPushButton, "bill-tab-0")
    assert tab is not None and tab.text() == "Stolik 4"
    menu(qtbot, session, "settings")  # a manager is signed in: no PIN asked
    settings = session.window.dialog
    assert settings is not None
    english = settings.findChild(QPushButton, "language-en")
    assert english is not None
    QTest.mouseClick(english, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert load_settings(store.path.parent) == {"language": "en"}
    assert any(e.action == "setting.changed" for e in session.service.audit_recent())


def test_a_manager_sees_the_ops_the_crm_refused_and_may_send_one_again(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)
    sell(qtbot, session, ZUREK.id)
    with store.unit_of_work() as tx:  # what the sync engine stores for a refused op
        envelope = tx.sync_queue.pending(10)[-1]
        tx.sync_queue.record(
            [OpResult(envelope.op_id, "rejected", reason="card 4410 is someone else's")],
            now=datetime(2026, 11, 29, 12),
        )
    menu(qtbot, session, "sync")
    manager_pin(qtbot, session, MANAGER_PIN)  # a cashier is signed in
    dialog = session.window.dialog
    assert isinstance(dialog, SyncDialog)
    rows = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert len(rows) == 1 and "card 4410 is someone else's" in rows[0] and "Bill" in rows[0]
    dialog.list.setCurrentRow(0)
    again = dialog.findChild(QPushButton, "send-again")
    assert again is not None
    QTest.mouseClick(again, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert dialog.list.item(0).text() == "None."
    with store.unit_of_work(read_only=True) as tx:
        assert tx.sync_queue.counts().pending >= 1 and tx.sync_queue.counts().rejected == 0
    actions = [entry.action for entry in session.service.audit_recent(5)]
    assert "op.sent_again" in actions


def test_the_bill_names_the_cashier_signed_in_not_who_opened_the_shift(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    with store.unit_of_work() as tx:
        tx.staff.add("Basia Nowak", Role.CASHIER, SECOND_CASHIER_PIN)
    sign_in(qtbot, session, CASHIER_PIN)
    open_shift(qtbot, session)  # Anna opens the shift
    sell(qtbot, session, ZUREK.id)
    menu(qtbot, session, "sign-out")
    sign_in(qtbot, session, SECOND_CASHIER_PIN)  # Basia takes over the till
    sell(qtbot, session, SCHABOWY.id)
    with store.unit_of_work(read_only=True) as tx:
        run = tx.session.execute
        bills = run(text("SELECT id, cashier, cashier_id FROM bill ORDER BY local_no")).all()
        staff: dict[str, str] = dict(run(text("SELECT name, id FROM staff")).all())
        closes = "SELECT payload FROM outbox WHERE kind = 'bill.closed' ORDER BY terminal_seq"
        ops = run(text(closes)).scalars()
        sold_by = [json.loads(payload)["cashier"]["name"] for payload in ops]
    assert [(name, who) for _, name, who in bills] == [
        ("Anna Kasjerka", staff["Anna Kasjerka"]),
        ("Basia Nowak", staff["Basia Nowak"]),
    ]
    assert sold_by == ["Anna Kasjerka", "Basia Nowak"]
    settings = ReceiptSettings(ReceiptHeader("Bar"), "KASA-1", "—")
    receipt = reprint_document(store, bills[1][0], settings)
    assert "Kasjer: Basia Nowak" in receipt.footer
    report = session.service.shift_report()
    assert [(s.cashier, s.bills, s.net_sales.minor) for s in report.by_cashier] == [
        ("Anna Kasjerka", 1, ZUREK.price.minor),
        ("Basia Nowak", 1, SCHABOWY.price.minor),
    ]


def test_a_manager_with_a_four_digit_pin_chooses_a_longer_one_at_sign_in(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    with store.unit_of_work() as tx:  # as a till of an earlier version stored it
        old = tx.staff.add("Ola Kierownik", Role.MANAGER, "432198")
        salt = bytes(16)
        tx.session.execute(  # (with no length: a PIN from before migration 0010)
            text(
                "UPDATE staff SET pin_hash = :hash, pin_salt = :salt, pin_length = NULL"
                " WHERE id = :id"
            ),
            {"hash": hash_pin("4321", salt, None), "salt": salt.hex(), "id": old.id},
        )
    session.flow.start()  # the pad as the upgraded till starts: one PIN's length unknown
    session.settle(qtbot)
    assert not session.service.pin_lengths().complete
    sign_in(qtbot, session, "4321")
    dialog = session.window.dialog
    assert isinstance(dialog, NewPinDialog)
    assert session.flow.actor is None  # not signed in until the PIN is changed
    dialog.first.setText("5566")  # too short for a manager
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    dialog.second.setText("5566")
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    again = session.window.dialog
    assert isinstance(again, NewPinDialog) and "at least 6 digits" in again.error.text()
    again.first.setText("556677")
    QTest.mouseClick(again.ok, Qt.MouseButton.LeftButton)
    again.second.setText("556677")
    QTest.mouseClick(again.ok, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert session.flow.actor is not None and session.flow.actor.name == "Ola Kierownik"
    assert isinstance(session.window.dialog, OpenShiftDialog)
    actions = [e.action for e in session.service.audit_recent(5)]
    assert "staff.pin_changed" in actions
    with pytest.raises(WrongPinError):
        session.service.login("4321")
    assert session.service.login("556677").name == "Ola Kierownik"
    assert session.service.pin_lengths().complete  # learnt at sign-in, then changed


def test_a_tender_above_its_limit_is_refused_until_a_manager_raises_it(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    """Issue 11: any amount a cashier typed was taken, up to an overflow of the database."""
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    sale = session.window.sale
    assert sale is not None
    sale.presenter.add_product(next(p for p in sale.products if p.id == PIWO.id))
    session.settle(qtbot)
    QTest.mouseClick(sale.pay, Qt.MouseButton.LeftButton)
    payment = session.window.dialog
    assert isinstance(payment, PaymentDialog)
    payment.amount.setText("25 000,00")  # a 250 zł note typed with two zeros too many
    cash = payment.findChild(QPushButton, "tender-cash")
    assert cash is not None
    QTest.mouseClick(cash, Qt.MouseButton.LeftButton)
    limit = formatting.money(Money(2_000_000))
    assert f"above the limit of {limit}" in payment.error.text()
    assert not payment.finish.isEnabled()
    payment.reject()
    session.settle(qtbot)

    menu(qtbot, session, "settings")  # the manager raises it: at once, and kept
    settings = session.window.dialog
    assert isinstance(settings, SettingsDialog)
    settings.tender_limit.setText("30 000")
    save = settings.findChild(QPushButton, "save-limits")
    assert save is not None
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert load_settings(store.path.parent) == {
        "tender_limit_minor": 3_000_000,
        "float_limit_minor": 1_000_000,
    }
    assert session.service.amount_limits.tender == Money(3_000_000)
    changed = [e.target for e in session.service.audit_recent() if e.action == "setting.changed"]
    assert set(changed) == {"tender_limit_minor", "float_limit_minor"}
    QTest.mouseClick(sale.pay, Qt.MouseButton.LeftButton)
    payment = session.window.dialog
    assert isinstance(payment, PaymentDialog)
    payment.amount.setText("25 000,00")
    QTest.mouseClick(payment.findChild(QPushButton, "tender-cash"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert payment.error.text() == "" and payment.finish.isEnabled()


def test_after_sign_out_the_status_strip_names_nobody(qtbot: QtBot, session: Session) -> None:
    """Issue 12: the status strip kept the last cashier's name after signing out."""
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    assert "Marek Kierownik" in session.window.terminal_label.text()
    menu(qtbot, session, "sign-out")
    assert "Marek" not in session.window.terminal_label.text()
    assert "nobody signed in" in session.window.terminal_label.text()


def test_a_wrong_pin_is_shown_big_and_the_field_is_empty(qtbot: QtBot, session: Session) -> None:
    sign_in(qtbot, session, "5555")
    login = session.flow.login
    assert login.pin.text() == ""
    assert login.error.text() and login.error.property("role") == "alert"


def test_the_float_starts_empty_in_zloty_with_quick_amounts(qtbot: QtBot, session: Session) -> None:
    """Issue 12: the float field started with "0" to delete first."""
    sign_in(qtbot, session, CASHIER_PIN)
    dialog = session.window.dialog
    assert isinstance(dialog, OpenShiftDialog)
    assert dialog.amount.text() == ""
    assert dialog.findChild(QLabel, "float-unit").text() == "zł"  # type: ignore[union-attr]
    quick = dialog.findChild(QPushButton, "float-20000")
    assert quick is not None and {
        b.objectName()
        for b in dialog.findChildren(QPushButton)
        if b.objectName().startswith("float-")
    } == {"float-10000", "float-20000", "float-50000"}
    QTest.mouseClick(quick, Qt.MouseButton.LeftButton)
    assert dialog.amount.text() == "200,00"
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert session.service.shift_report().cash_float == Money(20000)


def test_a_duplicate_says_what_it_printed_not_a_path(qtbot: QtBot, session: Session) -> None:
    """Issue 12: the bill list showed "Printed: —" (or a file's path) after a reprint."""
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    sell(qtbot, session, ZUREK.id)
    menu(qtbot, session, "bills")
    bills = session.window.dialog
    assert isinstance(bills, BillsDialog)
    bills.list.setCurrentRow(0)
    reprint = bills.findChild(QPushButton, "reprint")
    assert reprint is not None
    QTest.mouseClick(reprint, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert bills.message.text() == "No printer is set up: receipt 1 was not printed."


def test_the_bill_list_fills_the_dialog_until_the_void_reason_is_tapped(
    qtbot: QtBot, session: Session
) -> None:
    """Issue 12: the keyboard took half of "Today's bills" before anyone meant to type."""
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    sell(qtbot, session, ZUREK.id)
    menu(qtbot, session, "bills")
    bills = session.window.dialog
    assert isinstance(bills, BillsDialog)
    assert not bills.keyboard.isVisible()
    QTest.mouseClick(bills.reason, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(bills.keyboard.isVisible, timeout=2000)


def test_a_manager_turns_on_the_card_beep_and_the_next_card_read_beeps(
    qtbot: QtBot, session: Session, store: Store
) -> None:
    """Issue 12: a card read flashes the customer strip, and beeps when the setting says so."""
    sign_in(qtbot, session, MANAGER_PIN)
    open_shift(qtbot, session)
    sale = session.window.sale
    assert sale is not None and sale.card_beep is False  # off by default: many readers beep
    beeps: list[None] = []
    sale.beep = lambda: beeps.append(None)  # Qt's bell, which no test machine can hear
    presenter = sale.presenter
    presenter.identify_card("0006547886")  # Jan's card
    session.settle(qtbot)
    assert presenter.bill.customer_id == JAN.id and beeps == []
    menu(qtbot, session, "settings")
    settings = session.window.dialog
    assert isinstance(settings, SettingsDialog) and not settings.beep.isChecked()
    QTest.mouseClick(settings.beep, Qt.MouseButton.LeftButton)
    session.settle(qtbot)
    assert load_settings(store.path.parent) == {"card_beep": True}
    presenter.attach_customer(None)
    session.settle(qtbot)
    presenter.identify_card("0006547886")
    session.settle(qtbot)
    assert presenter.bill.customer_id == JAN.id and beeps == [None]
    config = apply_settings(TerminalConfig(data_dir=store.path.parent))
    assert config.card_beep is True  # and at the next start


def _press(qtbot: QtBot, session: Session, digits: str) -> None:
    for digit in digits:
        button = session.flow.login.findChild(QPushButton, f"key-{digit}")
        assert button is not None
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        session.settle(qtbot)


def _sign_ins(session: Session) -> list[tuple[str, object]]:
    return [
        (e.action, e.details.get("partial"))
        for e in reversed(session.service.audit_recent())
        if e.action.startswith("login")
    ]


def test_the_pad_signs_in_as_soon_as_the_pins_length_is_reached(
    qtbot: QtBot, session: Session
) -> None:
    """Issue 12: no extra tap. PINs of 4 (cashier) and 6 digits (manager) are on this till."""
    _press(qtbot, session, CASHIER_PIN)  # 4 digits: a quiet try, and it is Anna's
    assert isinstance(session.window.dialog, OpenShiftDialog)
    assert session.flow.actor is not None and session.flow.actor.name == "Anna Kasjerka"
    session.window.dialog.reject()  # back to the pad
    session.settle(qtbot)
    _press(qtbot, session, MANAGER_PIN)  # a miss at 4 digits says nothing; 6 signs in
    assert session.flow.actor is not None and session.flow.actor.name == "Marek Kierownik"
    assert _sign_ins(session) == [("login", None), ("login.failed", True), ("login", None)]


def test_a_wrong_pin_is_said_once_it_cannot_be_anyones(qtbot: QtBot, session: Session) -> None:
    login = session.flow.login
    _press(qtbot, session, "1234")  # no 4-digit PIN is this, but a 6-digit one may begin so
    assert login.pin.text() == "1234" and login.error.text() == ""
    _press(qtbot, session, "56")  # 6 digits, the longest: checked, wrong, said, cleared
    assert login.pin.text() == "" and login.error.text() == "Wrong PIN"
    _press(qtbot, session, "5555")
    QTest.mouseClick(login.sign_in, Qt.MouseButton.LeftButton)  # "it is all of my PIN"
    session.settle(qtbot)
    assert login.pin.text() == "" and login.error.text() == "Wrong PIN"
    # Three wrong guesses, three counted: the Sign in after a missed try is not a fourth.
    assert [action for action, _ in _sign_ins(session)] == ["login.failed"] * 3

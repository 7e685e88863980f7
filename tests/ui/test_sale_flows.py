"""The cashier's flows, clicking real widgets over a real store."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from hardware.events import CardRead
from loyalty import formatting
from loyalty.customers import CustomerGroup
from loyalty.money import Money
from pos_terminal.db.store import Store
from pos_terminal.domain.staff import Role
from pos_terminal.ui.customer_dialog import CardNumberDialog
from pos_terminal.ui.payment_dialog import PaymentDialog
from pos_terminal.ui.quick_add_dialog import QuickAddDialog
from tests.db.conftest import JAN, PIWO, SCHABOWY, ZOLC, ZUREK, seed

from .conftest import Till, open_till


def click(qtbot: QtBot, till: Till, name: str) -> None:
    button = till.window.findChild(QPushButton, name)
    assert button is not None, name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    till.settle(qtbot)


def tap(qtbot: QtBot, till: Till, code: str) -> None:
    till.window.on_card_read(CardRead("test", code, code.encode(), datetime.now()), till.presenter)
    till.settle(qtbot)


def label_text(till: Till, name: str) -> str:
    label = till.window.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def edit_line(qtbot: QtBot, till: Till, line_id: str, action: str) -> None:
    """Tap a bill line, then one of its editor's buttons: minus, plus or remove."""
    click(qtbot, till, f"line-{line_id}")
    click(qtbot, till, f"{action}-{line_id}")


def pay_exact(qtbot: QtBot, till: Till) -> None:
    """Pay the open bill with exactly what is due, through the payment dialog."""
    click(qtbot, till, "pay")
    dialog = till.window.dialog
    assert isinstance(dialog, PaymentDialog)
    QTest.mouseClick(dialog.exact, Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
    till.settle(qtbot)


def add_products(qtbot: QtBot, till: Till, *ids: str) -> None:
    for product_id in ids:
        for category in ("zupy", "dania", "alkohole"):
            click(qtbot, till, f"category-{category}")
            if till.window.findChild(QPushButton, f"product-{product_id}") is not None:
                click(qtbot, till, f"product-{product_id}")
                break


def test_a_card_tap_attaches_the_customer_and_the_discounts_appear(
    qtbot: QtBot, till: Till
) -> None:
    add_products(qtbot, till, ZUREK.id, SCHABOWY.id)
    tap(qtbot, till, "0063E9AE")  # Jan's card, read by a reader in hex mode
    assert till.presenter.bill.customer_id == JAN.id
    assert "Jan Kowalski" in label_text(till, "customer")
    group = till.window.findChild(QLabel, "adjustment-group")
    assert group is not None and "Stały klient" in group.text()
    priced = till.presenter.last_priced
    assert priced is not None and priced.group_discount == Money(90 + 210)
    assert priced.credits_used == Money(5000)  # Jan's 50,00 zł of credits, applied at once
    assert till.view.pay.text() == f"Pay {formatting.money(Money(700))}"  # 60,00 − 3,00 − 50,00


def test_blocked_card_is_explained_and_not_attached(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, ZUREK.id)
    tap(qtbot, till, "0008844356")
    assert till.presenter.bill.customer_id is None
    assert "blocked" in label_text(till, "notice")


def test_search_by_phone_fragment_then_pick(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, PIWO.id)
    click(qtbot, till, "customer")
    dialog = till.window.dialog
    assert dialog is not None
    query = dialog.findChild(QLineEdit, "query")
    results = dialog.findChild(QListWidget, "results")
    assert query is not None and results is not None
    QTest.keyClicks(query, "999 888")  # a fragment of Łucja's phone, typed as people do
    qtbot.waitUntil(lambda: results.count() == 1, timeout=3000)
    item = results.item(0)
    assert item is not None and "Łucja Żółć" in item.text()
    rect = results.visualItemRect(item)
    QTest.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    till.settle(qtbot)
    assert till.presenter.bill.customer_id == ZOLC.id


def test_replacing_a_customer_asks_first(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, ZUREK.id)
    tap(qtbot, till, "0006547886")
    assert till.presenter.bill.customer_id == JAN.id
    till.presenter.identify_customer(ZOLC.id)
    till.settle(qtbot)
    assert "Replace Jan Kowalski with Łucja Żółć" in label_text(till, "notice")
    assert till.presenter.bill.customer_id == JAN.id  # nothing changes before the answer
    click(qtbot, till, "notice-yes")
    assert till.presenter.bill.customer_id == ZOLC.id


def test_credits_removed_and_restored(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, SCHABOWY.id)
    tap(qtbot, till, "0006547886")
    with_credits = till.presenter.last_priced
    assert with_credits is not None and not with_credits.credits_used.is_zero
    click(qtbot, till, "credits")
    removed = till.presenter.last_priced
    assert removed is not None and removed.credits_used.is_zero
    assert removed.total == with_credits.total + with_credits.credits_used
    click(qtbot, till, "credits")
    restored = till.presenter.last_priced
    assert restored is not None and restored.credits_used == with_credits.credits_used


def test_split_payment_with_change_closes_the_bill(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, ZUREK.id, PIWO.id)  # 18,00 + 14,00 = 32,00
    closed: list[object] = []
    till.presenter.closed.connect(closed.append)
    click(qtbot, till, "pay")
    dialog = till.window.dialog
    assert isinstance(dialog, PaymentDialog)

    def press(name: str) -> None:
        button = dialog.findChild(QPushButton, name)
        assert button is not None, name
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    press("key-2")
    press("key-0")
    press("tender-card")  # 20,00 by card
    assert not dialog.finish.isEnabled()  # 12,00 still to pay
    press("cash-5000")  # the rest from a 50 zł note
    assert "Change: 38,00" in dialog.tenders_label.text()
    QTest.mouseClick(dialog.finish, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    assert len(closed) == 1
    assert "Receipt 1: 32,00" in till.view.change_due.total.text()
    assert till.presenter.bill.lines == ()  # a fresh bill is ready
    # The change is the loudest thing on the screen now (issue 12), over the whole of it.
    sheet = till.view.change_due
    assert sheet.isVisible() and sheet.geometry() == till.view.rect()
    assert sheet.change.text() == f"Change {formatting.money(Money(3800))}"
    assert "32,00" in sheet.total.text() and "card 20,00" in sheet.tenders.text()
    QTest.mouseClick(sheet, Qt.MouseButton.LeftButton)  # a tap gives the screen back
    assert not sheet.isVisible()


def test_the_daily_limit_holds_over_two_bills(qtbot: QtBot, till: Till) -> None:
    for _ in range(8):
        add_products(qtbot, till, SCHABOWY.id)  # 8 × 42,00: 5 % would be 16,80
    tap(qtbot, till, "0006547886")
    till.presenter.set_credits_removed(True)
    till.settle(qtbot)
    pay_exact(qtbot, till)
    for _ in range(8):
        add_products(qtbot, till, SCHABOWY.id)
    tap(qtbot, till, "0006547886")
    priced = till.presenter.last_priced
    assert priced is not None and priced.group_discount == Money(2000 - 1680)
    assert "Daily limit: 20,00" in (till.window.findChild(QLabel, "adjustment-group").text())  # type: ignore[union-attr]


def test_open_bills_come_back_after_a_restart(qtbot: QtBot, store: Store) -> None:
    seed(store)
    first = open_till(qtbot, store)
    add_products(qtbot, first, ZUREK.id, ZUREK.id, PIWO.id)
    click(qtbot, first, "new-bill")
    add_products(qtbot, first, SCHABOWY.id)
    first.runner.shutdown()
    first.window.close()

    again = open_till(qtbot, store)
    bills = again.presenter.open_bills
    assert [[(line.product.id, line.quantity) for line in b.bill.lines] for b in bills] == [
        [(ZUREK.id, 2), (PIWO.id, 1)],
        [(SCHABOWY.id, 1)],
    ]
    again.runner.shutdown()


def test_the_receipt_is_printed_after_closing_with_the_right_totals(
    qtbot: QtBot, till: Till
) -> None:
    add_products(qtbot, till, ZUREK.id, SCHABOWY.id)
    tap(qtbot, till, "0006547886")  # Jan: 5 % group discount, 50,00 zł credits
    printed: list[str] = []
    till.presenter.printed.connect(lambda closed, printout: printed.append(printout.where))
    pay_exact(qtbot, till)
    qtbot.waitUntil(lambda: bool(printed), timeout=5000)
    text = PdfReader(printed[0]).pages[0].extract_text()
    assert "Żurek" in text and "Schabowy" in text
    assert "DO ZAPŁATY" in text and "7,00" in text  # 60,00 − 3,00 group − 50,00 credits
    assert "Klient: Jan Kowalski" in text and "Wydruk niefiskalny" in text
    # What was printed, never where the file went (that is for the log).
    shown = label_text(till, "change-receipt")
    assert shown == "Receipt printed." and str(printed[0]) not in shown


def test_unknown_card_quick_add_then_the_next_tap_finds_the_new_customer(
    qtbot: QtBot, till: Till
) -> None:
    add_products(qtbot, till, ZUREK.id)
    tap(qtbot, till, "0001234567")
    assert "No card 0001234567 is known" in label_text(till, "notice")
    click(qtbot, till, "notice-yes")  # "New customer"
    dialog = till.window.dialog
    assert isinstance(dialog, QuickAddDialog)
    assert dialog.inputs["card"].text() == "0001234567"  # the tapped card comes along
    dialog.inputs["phone"].setText("12")
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    assert dialog.isVisible()  # refused: every bad field is marked
    assert dialog.errors["name"].isVisibleTo(dialog) and dialog.errors["phone"].isVisibleTo(dialog)
    dialog.inputs["name"].setText("Zenon Gęślak")
    dialog.inputs["phone"].setText("512 345 678")
    QTest.mouseClick(dialog.findChild(QPushButton, "group-g-staly"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert "Zenon Gęślak" in label_text(till, "customer")
    new_id = till.presenter.bill.customer_id
    assert new_id is not None and new_id.startswith("local-")
    # The next bill: the same card, tapped again, finds the new customer at once.
    click(qtbot, till, "new-bill")
    tap(qtbot, till, "0012D687")  # the same card read by a reader in hex mode
    assert till.presenter.bill.customer_id == new_id


def test_the_payment_dialog_refuses_with_a_reason(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, ZUREK.id)  # 18,00
    click(qtbot, till, "pay")
    dialog = till.window.dialog
    assert isinstance(dialog, PaymentDialog)
    dialog.amount.setText("50")
    QTest.mouseClick(dialog.card, Qt.MouseButton.LeftButton)
    assert "change comes from cash" in dialog.error.text() and dialog.tenders() == ()
    dialog.amount.setText("12,5a")
    QTest.mouseClick(dialog.cash, Qt.MouseButton.LeftButton)
    assert "like 12,50" in dialog.error.text()
    QTest.mouseClick(dialog.wallet_button, Qt.MouseButton.LeftButton)  # no customer: disabled
    assert dialog.tenders() == ()
    dialog.amount.setText("50")
    QTest.mouseClick(dialog.cash, Qt.MouseButton.LeftButton)
    assert dialog.finish.isEnabled() and "Change: 32,00" in dialog.tenders_label.text()


def _reductions(store: Store) -> list[tuple[str | None, Mapping[str, object]]]:
    with store.unit_of_work(read_only=True) as tx:
        return [(e.target, e.details) for e in tx.audit.recent() if e.action == "bill.line_reduced"]


def test_taking_things_off_a_bill_the_customer_has_seen_is_audited(
    qtbot: QtBot, till: Till, store: Store
) -> None:
    """Issue 11: lines removed or lowered after a card tap or the subtotal are in the audit
    log (with what they were worth); before that, a cashier corrects freely."""
    add_products(qtbot, till, ZUREK.id, PIWO.id, PIWO.id)
    lines = {line.product.id: line.id for line in till.presenter.bill.lines}
    edit_line(qtbot, till, lines[PIWO.id], "minus")  # 2 → 1 before anyone saw it
    assert _reductions(store) == []

    tap(qtbot, till, "0063E9AE")  # Jan's card: the customer now sees the bill
    add_products(qtbot, till, PIWO.id)  # 1 → 2
    edit_line(qtbot, till, lines[PIWO.id], "minus")  # 2 → 1
    edit_line(qtbot, till, lines[ZUREK.id], "remove")
    bill = till.presenter.bill.id
    assert _reductions(store)[::-1] == [
        (bill, {"line": lines[PIWO.id], "product": PIWO.id, "name": "Piwo",
                "quantity_before": 2, "quantity_after": 1, "amount_minor": 1400}),
        (bill, {"line": lines[ZUREK.id], "product": ZUREK.id, "name": "Żurek",
                "quantity_before": 1, "quantity_after": 0, "amount_minor": 1800}),
    ]  # fmt: skip

    # Taking the customer off again does not make the bill unseen.
    click(qtbot, till, "remove-customer")
    edit_line(qtbot, till, lines[PIWO.id], "remove")
    assert len(_reductions(store)) == 3


def test_the_subtotal_on_the_payment_screen_counts_as_seen(
    qtbot: QtBot, till: Till, store: Store
) -> None:
    add_products(qtbot, till, SCHABOWY.id, PIWO.id)
    lines = {line.product.id: line.id for line in till.presenter.bill.lines}
    click(qtbot, till, "pay")
    dialog = till.window.dialog
    assert isinstance(dialog, PaymentDialog)
    dialog.reject()
    till.settle(qtbot)
    edit_line(qtbot, till, lines[SCHABOWY.id], "remove")
    [(bill, details)] = _reductions(store)
    assert bill == till.presenter.bill.id and details["amount_minor"] == 4200


def test_a_staff_group_in_quick_add_takes_a_managers_pin(
    qtbot: QtBot, till: Till, store: Store
) -> None:
    """Issue 11: a cashier could create a customer straight into a 30 % staff group."""
    with store.unit_of_work() as tx:
        tx.rules.add_group(CustomerGroup("g-personel", "Personel", "personel"))
        tx.staff.add("Marek Kierownik", Role.MANAGER, "999999")
    tap(qtbot, till, "0001234567")
    click(qtbot, till, "notice-yes")  # "New customer"
    dialog = till.window.dialog
    assert isinstance(dialog, QuickAddDialog)
    staff = dialog.findChild(QPushButton, "group-g-personel")
    assert staff is not None and staff.text() == "Personel\n(manager)"
    assert not dialog.manager_pin.isVisibleTo(dialog)
    dialog.inputs["name"].setText("Kuzyn Kasjera")
    QTest.mouseClick(staff, Qt.MouseButton.LeftButton)
    assert dialog.manager_pin.isVisibleTo(dialog)
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    assert dialog.isVisible()
    assert "manager's PIN is needed to put a customer in Personel" in (
        dialog.errors["manager_pin"].text()
    )
    dialog.manager_pin.setText("999999")
    QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert "Kuzyn Kasjera" in label_text(till, "customer")
    with store.unit_of_work(read_only=True) as tx:
        [entry] = [e for e in tx.audit.recent() if e.action == "customer.group_by_manager"]
    assert (entry.actor_name, entry.details["group"]) == ("Marek Kierownik", "g-personel")


def test_the_voucher_dialog_explains_an_empty_code(qtbot: QtBot, till: Till) -> None:
    """Issue 12: adding an empty voucher code raised an error instead of saying what to do."""
    add_products(qtbot, till, ZUREK.id)
    failures: list[str] = []
    till.presenter.failed.connect(failures.append)
    click(qtbot, till, "voucher")
    dialog = till.window.dialog
    assert dialog is not None
    add = dialog.findChild(QPushButton, "add-voucher")
    hint = dialog.findChild(QLabel, "voucher-hint")
    assert add is not None and hint is not None
    assert not add.isEnabled() and "code" in hint.text()
    code = dialog.findChild(QLineEdit, "voucher-code")
    assert code is not None
    code.setText("  ")
    assert not add.isEnabled()
    code.setText("witaj10")
    assert add.isEnabled()
    assert failures == []


def test_the_credits_button_says_why_it_cannot_be_used(qtbot: QtBot, till: Till) -> None:
    """Issue 12: the button was greyed out with no reason, and the discounts panel offered
    "Remove credits" on a bill with none."""
    add_products(qtbot, till, ZUREK.id)
    button = till.window.findChild(QPushButton, "credits")
    assert button is not None
    assert not button.isEnabled() and button.text() == "Credits"
    till.presenter.attach_customer(ZOLC.id)  # Łucja has no credits
    till.settle(qtbot)
    assert not button.isEnabled() and button.text() == "No credits"
    click(qtbot, till, "discounts")
    panel = till.window.dialog
    assert panel is not None and panel.findChild(QPushButton, "toggle-credits") is None
    panel.reject()
    till.settle(qtbot)
    tap(qtbot, till, "0063E9AE")  # Jan, 50,00 zł of credits
    click(qtbot, till, "notice-yes")  # replace Łucja
    assert button.isEnabled() and button.text() == "Remove credits"


def _card_number(qtbot: QtBot, till: Till, typed: str) -> CardNumberDialog:
    click(qtbot, till, "card-number")
    dialog = till.window.dialog
    assert isinstance(dialog, CardNumberDialog)
    dialog.number.setText(typed)
    ok = dialog.findChild(QPushButton, "card-number-ok")
    assert ok is not None
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    till.settle(qtbot)
    return dialog


def test_a_typed_card_number_is_checked_then_found_in_any_reader_form(
    qtbot: QtBot, till: Till
) -> None:
    """Issue 12: manual entry looked up whatever was typed, only as the printed number."""
    add_products(qtbot, till, ZUREK.id)
    dialog = _card_number(qtbot, till, "12-ab!")
    assert dialog.isVisible() and "digits" in dialog.error.text()  # refused before a look-up
    dialog.number.setText("12")
    QTest.mouseClick(dialog.findChild(QPushButton, "card-number-ok"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert dialog.isVisible() and "4 to 20" in dialog.error.text()
    dialog.number.setText("1001")  # the number printed on Jan's card
    QTest.mouseClick(dialog.findChild(QPushButton, "card-number-ok"), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    till.settle(qtbot)
    assert till.presenter.bill.customer_id == JAN.id
    click(qtbot, till, "new-bill")
    _card_number(qtbot, till, "0006547886")  # the code a decimal reader shows for it
    assert till.presenter.bill.customer_id == JAN.id


def test_an_unknown_typed_number_is_said_to_be_unknown_before_anything_is_offered(
    qtbot: QtBot, till: Till
) -> None:
    add_products(qtbot, till, ZUREK.id)
    _card_number(qtbot, till, "99999999")
    notice = label_text(till, "notice")
    assert notice.startswith("No card 99999999 is known on this terminal.")
    assert "Give it to a customer?" in notice


def test_a_card_read_goes_to_the_dialog_that_asked_for_a_card(qtbot: QtBot, till: Till) -> None:
    """Issue 12: a tap closed whatever dialog was open, the new customer's form included."""
    add_products(qtbot, till, ZUREK.id)
    tap(qtbot, till, "0001234567")
    click(qtbot, till, "notice-yes")  # "New customer", the card in its field
    form = till.window.dialog
    assert isinstance(form, QuickAddDialog)
    form.inputs["card"].clear()
    tap(qtbot, till, "0007654321")  # the card the customer meant after all
    assert form.isVisible() and form.inputs["card"].text() == "0007654321"
    assert till.presenter.bill.customer_id is None
    form.reject()
    till.settle(qtbot)
    click(qtbot, till, "card-number")
    number = till.window.dialog
    assert isinstance(number, CardNumberDialog)
    tap(qtbot, till, "0063E9AE")  # Jan's card, tapped instead of typed
    qtbot.waitUntil(lambda: till.presenter.bill.customer_id == JAN.id, timeout=3000)
    assert not number.isVisible()
    click(qtbot, till, "voucher")  # a dialog that did not ask for a card: the tap is the bill's
    voucher = till.window.dialog
    assert voucher is not None
    tap(qtbot, till, "0008844356")  # Łucja's blocked card: explained on the bill
    assert not voucher.isVisible() and "blocked" in label_text(till, "notice")


def test_a_tap_that_finds_the_customer_flashes_the_strip(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, ZUREK.id)
    tap(qtbot, till, "0063E9AE")
    strip = till.view.customer
    assert strip.property("flash") is True
    qtbot.waitUntil(lambda: strip.property("flash") is False, timeout=2000)


def test_the_next_product_puts_the_change_away(qtbot: QtBot, till: Till) -> None:
    add_products(qtbot, till, PIWO.id)
    pay_exact(qtbot, till)
    sheet = till.view.change_due
    assert sheet.isVisible() and sheet.change.text() == f"Change {formatting.money(Money(0))}"
    add_products(qtbot, till, ZUREK.id)
    assert not sheet.isVisible() and [line.product.id for line in till.presenter.bill.lines] == [
        ZUREK.id
    ]

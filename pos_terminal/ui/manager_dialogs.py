"""The menu and what is behind it: the day's bills (reprint, void), X and Z reports, and
the manager's PIN when a cashier asks for a manager-only action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.errors import DomainError
from loyalty.money import Money
from pos_terminal.domain.amount_limits import DEFAULT_LIMITS, AmountLimits
from pos_terminal.domain.shift_report import ReportKind, ShiftReport
from pos_terminal.services.terminal import BillSummary
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.keypad import Keyboard, Keypad
from pos_terminal.ui.layouts import answer_row


class MenuDialog(QDialog):
    chosen = Signal(str)  # "bills" | "x-report" | "z-report" | "staff" | "settings" | "sync" …

    def __init__(self, parent: QWidget | None = None, *, kiosk: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Menu"))
        layout = QVBoxLayout(self)
        entries = [
            ("bills", self.tr("Today's bills (reprint, void)")),
            ("x-report", self.tr("X report")),
            ("z-report", self.tr("Close the shift (Z report)")),
            ("staff", self.tr("Staff (manager)")),
            ("settings", self.tr("Settings (manager)")),
            ("sync", self.tr("CRM sync (manager)")),
            ("drawer", self.tr("Open the cash drawer (manager)")),
            ("sign-out", self.tr("Sign out")),
        ]
        if kiosk:  # the one way out of the kiosk
            entries.append(("leave-kiosk", self.tr("Close the terminal (manager)")))
        for key, text in entries:
            button = QPushButton(text)
            button.setObjectName(f"menu-{key}")
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            layout.addWidget(button)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)

    def _choose(self, key: str) -> None:
        self.accept()
        self.chosen.emit(key)


class ManagerPinDialog(QDialog):
    """A manager confirms with their PIN; the caller checks it through the services."""

    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("A manager's PIN is needed to {action}.").format(action=action))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.pin = QLineEdit()
        self.pin.setObjectName("manager-pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.pin)
        layout.addWidget(Keypad(self.pin))
        row, _ = answer_row(
            (self.tr("Cancel"), self.reject), (self.tr("OK"), self.accept), ok_name="manager-ok"
        )
        layout.addLayout(row)
        layout.addStretch(1)  # spare height below, not between the question and its keypad


class BillsDialog(QDialog):
    reprint_requested = Signal(str)  # bill id
    void_requested = Signal(str, str)  # bill id, reason

    def __init__(self, bills: list[BillSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Today's bills"))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("bills")
        for bill in bills:
            who = f" · {bill.customer_name}" if bill.customer_name else ""
            state = "" if bill.status == "closed" else "  " + self.tr("(voided)")
            item = QListWidgetItem(
                f"#{bill.local_no}  {bill.closed_at:%H:%M}  "
                f"{formatting.money(bill.total)}{who}{state}"
            )
            item.setData(Qt.ItemDataRole.UserRole, (bill.bill_id, bill.status))
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.reason = QLineEdit()
        self.reason.setObjectName("void-reason")
        self.reason.setPlaceholderText(self.tr("Reason for a void"))
        layout.addWidget(self.reason)
        # Shown once the reason is tapped: until then the list has the room.
        self.keyboard = Keyboard(self.reason)
        self.keyboard.hide()
        self.reason.installEventFilter(self)
        layout.addWidget(self.keyboard)
        row = QHBoxLayout()
        reprint = QPushButton(self.tr("Reprint"))
        reprint.setObjectName("reprint")
        reprint.clicked.connect(self._reprint)
        void = QPushButton(self.tr("Void (manager)"))
        void.setObjectName("void")
        void.setProperty("role", "danger")
        void.clicked.connect(self._void)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (reprint, void, close):
            row.addWidget(button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setProperty("role", "warning")
        layout.addWidget(self.message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.reason and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.MouseButtonPress,
        ):
            self.keyboard.show()
        return super().eventFilter(watched, event)

    def _selected(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        bill_id, status = item.data(Qt.ItemDataRole.UserRole)
        return str(bill_id), str(status)

    def _reprint(self) -> None:
        if (selected := self._selected()) is not None:
            self.reprint_requested.emit(selected[0])

    def _void(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        if selected[1] != "closed":
            self.message.setText(self.tr("This bill is already voided."))
            return
        if not self.reason.text().strip():
            self.message.setText(self.tr("Give a reason for the void."))
            return
        self.void_requested.emit(selected[0], self.reason.text().strip())


class ReportDialog(QDialog):
    print_requested = Signal()

    def __init__(self, report: ShiftReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        z = report.kind is ReportKind.Z
        self.setWindowTitle(self.tr("Z report") if z else self.tr("X report"))
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        m = formatting.money
        names = {
            "group": self.tr("group"),
            "manual": self.tr("manual"),
            "voucher": self.tr("voucher"),
        }
        rows = [
            (self.tr("Shift of"), f"{report.business_date:%d.%m.%Y}, {report.opened_by}"),
            (self.tr("Cash float"), m(report.cash_float)),
            (self.tr("Bills"), str(report.bills_count)),
            (self.tr("Voided"), f"{report.voided_count} ({m(report.voided_total)})"),
            (self.tr("Gross"), m(report.gross)),
            *[
                (
                    self.tr("Discounts: {source}").format(source=names.get(d.source, d.source)),
                    formatting.discount(d.amount),
                )
                for d in report.discounts
            ],
            (self.tr("Credits used"), formatting.discount(report.credits_used)),
            (self.tr("Net sales"), m(report.net_sales)),
            *[
                (
                    self.tr("Sold by {cashier} ({bills})").format(
                        cashier=sold.cashier or self.tr("unknown"), bills=sold.bills
                    ),
                    m(sold.net_sales),
                )
                for sold in report.by_cashier
            ],
            (self.tr("Cash"), m(report.cash)),
            (self.tr("Card"), m(report.card)),
            (self.tr("Wallet"), m(report.wallet)),
            (self.tr("Change given"), m(report.change)),
            (self.tr("Expected cash in drawer"), m(report.expected_cash)),
            (self.tr("Points issued"), str(report.points_issued)),
            (self.tr("Credits issued"), m(report.credits_issued)),
        ]
        for row, (label, value) in enumerate(rows):
            grid.addWidget(QLabel(label), row, 0)
            value_label = QLabel(value)
            value_label.setObjectName(f"report-{row}")
            value_label.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value_label, row, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        print_button = QPushButton(self.tr("Print"))
        print_button.setObjectName("print-report")
        print_button.clicked.connect(self.print_requested.emit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(print_button)
        buttons.addWidget(close)
        self._buttons = buttons
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def add_action(self, label: str, name: str, action: Callable[[], None]) -> QPushButton:
        """One more button before Close (the fiscal daily report, after a Z report)."""
        button = QPushButton(label)
        button.setObjectName(name)
        button.clicked.connect(action)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button


class SettingsDialog(QDialog):
    language_chosen = Signal(str)
    limits_chosen = Signal(object)  # AmountLimits
    beep_chosen = Signal(bool)
    printer_requested = Signal()  # Settings → Printer (ui/printer_dialog.py)
    reader_requested = Signal()  # Settings → Card reader (ui/reader_setup.py)

    def __init__(
        self,
        current: str,
        limits: AmountLimits = DEFAULT_LIMITS,
        parent: QWidget | None = None,
        *,
        beep: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Language of the terminal (after a restart):")))
        languages = QHBoxLayout()
        for code, name in (("pl", "Polski"), ("en", "English")):
            button = QPushButton(name)
            button.setObjectName(f"language-{code}")
            button.setCheckable(True)
            button.setChecked(code == current)
            button.clicked.connect(lambda _=False, c=code: self._choose(c))
            languages.addWidget(button)
        layout.addLayout(languages)
        # The flash of the customer strip always; a beep too where the cashier looks away.
        self.beep = QPushButton(self.tr("Beep when a card is read"))
        self.beep.setObjectName("card-beep")
        self.beep.setCheckable(True)
        self.beep.setChecked(beep)
        self.beep.toggled.connect(self.beep_chosen.emit)
        layout.addLayout(self._card_row())
        layout.addWidget(QLabel(self.tr("The largest amount a cashier may type (zł):")))
        limits_row = QHBoxLayout()  # fields beside their keypad: the dialog fits 768 px
        form = QVBoxLayout()
        self.tender_limit = QLineEdit(limits.tender.format())
        self.tender_limit.setObjectName("tender-limit")
        self.float_limit = QLineEdit(limits.cash_float.format())
        self.float_limit.setObjectName("float-limit")
        for label, field in (
            (self.tr("One tender"), self.tender_limit),
            (self.tr("The cash float"), self.float_limit),
        ):
            form.addWidget(QLabel(label))
            form.addWidget(field)
        self.limits_error = QLabel()
        self.limits_error.setProperty("role", "warning")
        self.limits_error.setWordWrap(True)
        form.addWidget(self.limits_error)
        save = QPushButton(self.tr("Save the limits"))
        save.setObjectName("save-limits")
        save.clicked.connect(self._save_limits)
        form.addWidget(save)
        form.addStretch(1)
        keypad = Keypad(self.tender_limit, comma=True)  # types into the field last tapped
        for field in (self.tender_limit, self.float_limit):
            field.cursorPositionChanged.connect(lambda *_, f=field: keypad.type_into(f))
        limits_row.addLayout(form, 1)
        limits_row.addWidget(keypad, 1)
        layout.addLayout(limits_row)
        layout.addStretch(1)
        layout.addLayout(self._bottom_row())

    def _card_row(self) -> QHBoxLayout:
        """The beep beside Card reader…: side by side, the dialog keeps its height."""
        self.card_reader = QPushButton(self.tr("Card reader…"))
        self.card_reader.setObjectName("card-reader")
        self.card_reader.clicked.connect(self.reader_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.beep)
        row.addWidget(self.card_reader)
        return row

    def _bottom_row(self) -> QHBoxLayout:
        """Printer… beside Close: the dialog keeps its height."""
        self.printer = QPushButton(self.tr("Printer…"))
        self.printer.setObjectName("printer-settings")
        self.printer.clicked.connect(self.printer_requested.emit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.printer)
        bottom.addWidget(close)
        return bottom

    def _choose(self, code: str) -> None:
        self.accept()
        self.language_chosen.emit(code)

    def _save_limits(self) -> None:
        try:
            tender = Money.parse(self.tender_limit.text())
            cash_float = Money.parse(self.float_limit.text())
        except DomainError as error:
            self.limits_error.setText(user_message(error))
            return
        if tender.minor <= 0 or cash_float.minor <= 0:
            self.limits_error.setText(self.tr("A limit must be above zero"))
            return
        self.accept()
        self.limits_chosen.emit(AmountLimits(tender, cash_float))

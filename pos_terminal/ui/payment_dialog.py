"""Taking payment: cash with quick amounts and a keypad, card, wallet, split, change due."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loyalty import formatting
from loyalty.errors import DomainError
from loyalty.money import Money
from loyalty.tenders import Settlement, Tender, TenderKind, settle
from pos_terminal.domain.amount_limits import DEFAULT_LIMITS, AmountAboveLimitError, AmountLimits
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.keypad import Keypad

QUICK_CASH = (2000, 5000, 10000, 20000)  # grosze


class PaymentDialog(QDialog):
    def __init__(
        self,
        due: Money,
        *,
        wallet: Money,
        limits: AmountLimits = DEFAULT_LIMITS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self._due, self._wallet, self._limits = due, wallet, limits
        self._tenders: list[Tender] = []
        layout = QVBoxLayout(self)
        self.due_label = QLabel()
        self.due_label.setProperty("role", "total")
        layout.addWidget(self.due_label)
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        layout.addWidget(self.amount)
        body = QHBoxLayout()
        body.addWidget(Keypad(self.amount, comma=True), 2)
        body.addLayout(self._tender_buttons(wallet), 1)
        layout.addLayout(body)
        self.tenders_label = QLabel()
        self.tenders_label.setObjectName("tenders")
        self.error = QLabel()
        self.error.setProperty("role", "warning")
        layout.addWidget(self.tenders_label)
        layout.addWidget(self.error)
        actions = QHBoxLayout()
        clear = QPushButton(self.tr("Clear payments"))
        clear.clicked.connect(self._clear)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.finish = QPushButton(self.tr("Finish"))
        self.finish.setObjectName("finish")
        self.finish.setProperty("role", "primary")
        self.finish.clicked.connect(self.accept)
        for button in (clear, cancel, self.finish):
            actions.addWidget(button)
        layout.addLayout(actions)
        self._refresh()

    def _tender_buttons(self, wallet: Money) -> QVBoxLayout:
        side = QVBoxLayout()
        quick = QGridLayout()
        self.exact = QPushButton(self.tr("Exact"))
        self.exact.setObjectName("exact")
        self.exact.clicked.connect(lambda: self._add(TenderKind.CASH, self._remaining()))
        quick.addWidget(self.exact, 0, 0)
        for index, minor in enumerate(QUICK_CASH, start=1):
            button = QPushButton(formatting.money(Money(minor)))
            button.setObjectName(f"cash-{minor}")
            button.clicked.connect(lambda _=False, m=minor: self._add(TenderKind.CASH, Money(m)))
            quick.addWidget(button, index // 2, index % 2)
        side.addLayout(quick)
        self.cash = QPushButton(self.tr("Cash"))
        self.card = QPushButton(self.tr("Card"))
        self.wallet_button = QPushButton(
            self.tr("Wallet ({amount})").format(amount=formatting.money(wallet))
        )
        self.wallet_button.setEnabled(wallet.minor > 0)
        for button, kind in (
            (self.cash, TenderKind.CASH),
            (self.card, TenderKind.CARD),
            (self.wallet_button, TenderKind.WALLET),
        ):
            button.setObjectName(f"tender-{kind}")
            button.clicked.connect(lambda _=False, k=kind: self._add_entered(k))
            side.addWidget(button)
        return side

    def tenders(self) -> tuple[Tender, ...]:
        return tuple(self._tenders)

    def _settlement(self) -> Settlement:
        return settle(self._due, self._tenders, wallet_available=self._wallet)

    def _remaining(self) -> Money:
        return self._settlement().remaining

    def _add_entered(self, kind: TenderKind) -> None:
        text = self.amount.text().strip()
        try:
            amount = Money.parse(text) if text else self._remaining()
        except DomainError:
            self.error.setText(self.tr("Type an amount like 12,50"))
            return
        self._add(kind, amount)

    def _refusal(self, kind: TenderKind, amount: Money) -> str | None:
        """Why this tender cannot be taken, in the cashier's language (None: it can)."""
        if amount.minor <= 0:
            return self.tr("The amount must be above zero")
        try:
            self._limits.check_tender(amount)
        except AmountAboveLimitError as error:
            return user_message(error)
        others = [t for t in self._tenders if t.kind is not TenderKind.CASH]
        non_cash = sum((t.amount for t in others), Money.zero(amount.currency))
        if kind is not TenderKind.CASH and non_cash + amount > self._due:
            return self.tr("Card and wallet cannot pay more than is due; change comes from cash")
        wallet = sum(
            (t.amount for t in self._tenders if t.kind is TenderKind.WALLET),
            Money.zero(amount.currency),
        )
        if kind is TenderKind.WALLET and wallet + amount > self._wallet:
            return self.tr("The wallet holds only {amount}").format(
                amount=formatting.money(self._wallet)
            )
        return None

    def _add(self, kind: TenderKind, amount: Money) -> None:
        refusal = self._refusal(kind, amount)
        if refusal is not None:
            self.error.setText(refusal)
            return
        try:
            tender = Tender(kind, amount)
            settle(self._due, [*self._tenders, tender], wallet_available=self._wallet)
        except DomainError as error:  # the rules' own check, should the two ever differ
            self.error.setText(user_message(error))
            return
        self._tenders.append(tender)
        self.amount.clear()
        self.error.clear()
        self._refresh()

    def _clear(self) -> None:
        self._tenders.clear()
        self._refresh()

    def _refresh(self) -> None:
        settlement = self._settlement()
        self.due_label.setText(
            self.tr("To pay: {amount}").format(amount=formatting.money(self._due))
        )
        names = {TenderKind.CASH: self.tr("cash"), TenderKind.CARD: self.tr("card"),
                 TenderKind.WALLET: self.tr("wallet")}  # fmt: skip
        paid = ", ".join(f"{names[t.kind]} {formatting.money(t.amount)}" for t in self._tenders)
        lines = [self.tr("Paid: {list}").format(list=paid or "—")]
        if not settlement.remaining.is_zero:
            lines.append(
                self.tr("Remaining: {amount}").format(amount=formatting.money(settlement.remaining))
            )
        if not settlement.change.is_zero:
            lines.append(
                self.tr("Change: {amount}").format(amount=formatting.money(settlement.change))
            )
        self.tenders_label.setText("   ".join(lines))
        self.finish.setEnabled(settlement.settled)

"""The Menu's "CRM sync" page for a manager: how the link stands, the ops the CRM refused,
each with its reason, and enrolling the terminal with a CRM. A refused op is never sent
again by itself; the manager may send one again once the cause is dealt with (at the CRM,
usually)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.services.terminal import RejectedOp
from pos_terminal.ui.keypad import Keyboard
from sync.link_state import CrmLink, LinkState

# What each op is, for the list (the kinds of sync.wire.ops); marked for lupdate here,
# translated where shown.
_KINDS = {
    "bill.closed": QT_TRANSLATE_NOOP("SyncDialog", "Bill"),
    "bill.voided": QT_TRANSLATE_NOOP("SyncDialog", "Void"),
    "shift.opened": QT_TRANSLATE_NOOP("SyncDialog", "Shift opened"),
    "shift.closed": QT_TRANSLATE_NOOP("SyncDialog", "Shift closed"),
    "customer.proposed": QT_TRANSLATE_NOOP("SyncDialog", "New customer"),
    "customer.created": QT_TRANSLATE_NOOP("SyncDialog", "New customer"),
    "card.assigned": QT_TRANSLATE_NOOP("SyncDialog", "Card given"),
}


class SyncDialog(QDialog):
    sync_requested = Signal()
    send_again_requested = Signal(int)  # terminal_seq
    enrol_requested = Signal(str, str)  # the CRM's address, the one-time code

    def __init__(
        self,
        link: CrmLink,
        rejected: list[RejectedOp],
        parent: QWidget | None = None,
        *,
        crm_url: str = "http://127.0.0.1:8765",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CRM sync"))
        layout = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setObjectName("sync-state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        layout.addWidget(QLabel(self.tr("Refused by the CRM (never sent again by themselves):")))
        self.list = QListWidget()
        self.list.setObjectName("rejected-ops")
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        again = QPushButton(self.tr("Send again"))
        again.setObjectName("send-again")
        again.clicked.connect(self._send_again)
        now = QPushButton(self.tr("Sync now"))
        now.setObjectName("sync-now")
        now.clicked.connect(self.sync_requested.emit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (again, now, close):
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Enrol with a CRM (a code from its owner):")))
        fields = QHBoxLayout()
        self.url = QLineEdit(crm_url)
        self.url.setObjectName("crm-url")
        self.code = QLineEdit()
        self.code.setObjectName("enrol-code")
        self.code.setPlaceholderText(self.tr("Enrolment code"))
        enrol = QPushButton(self.tr("Enrol"))
        enrol.setObjectName("enrol")
        enrol.clicked.connect(lambda: self.enrol_requested.emit(self.url.text(), self.code.text()))
        fields.addWidget(self.url, 2)
        fields.addWidget(self.code, 1)
        fields.addWidget(enrol)
        layout.addLayout(fields)
        layout.addWidget(Keyboard(self.code))
        self.message = QLabel()
        self.message.setObjectName("sync-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.show_link(link)
        self.show_rejected(rejected)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def show_link(self, link: CrmLink) -> None:
        lines = {
            LinkState.NOT_CONFIGURED: self.tr("No CRM is configured for this terminal."),
            LinkState.CHECKING: self.tr("Connecting to the CRM…"),
            LinkState.ONLINE: self.tr("Synced with the CRM.")
            if link.enrolled
            else self.tr("The CRM answers, but this terminal is not enrolled."),
            LinkState.SYNCING: self.tr("Syncing with the CRM…"),
            LinkState.OFFLINE: self.tr("The CRM cannot be reached: {reason}").format(
                reason=link.detail
            ),
            LinkState.BLOCKED: self.tr("The CRM refuses this terminal: enrol it again."),
        }
        text = lines[link.state]
        if link.pending:
            text += "\n" + self.tr("{count} ops waiting to be sent.").format(count=link.pending)
        self.state.setText(text)

    def show_rejected(self, rejected: list[RejectedOp]) -> None:
        self.list.clear()
        for op in rejected:
            kind = self.tr(str(_KINDS.get(op.kind, op.kind)))
            item = QListWidgetItem(
                f"#{op.terminal_seq}  {op.created_at:%d.%m %H:%M}  {kind}: {op.reason}"
            )
            item.setData(Qt.ItemDataRole.UserRole, op.terminal_seq)
            self.list.addItem(item)
        if not rejected:
            self.list.addItem(QListWidgetItem(self.tr("None.")))

    def _send_again(self) -> None:
        item = self.list.currentItem()
        seq = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(seq, int):
            self.send_again_requested.emit(seq)

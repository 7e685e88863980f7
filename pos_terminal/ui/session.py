"""Who is at the till: sign in with a PIN, open the shift if none is open, sell, sign out.
A manager whose PIN is shorter than managers' PINs are now is asked for a new one first.

The sale screen's Menu, and manager-only actions, are in shift_menu.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QObject

from loyalty.business_day import business_date
from pos_terminal.domain.staff import StaffMember, pin_too_short
from pos_terminal.services.terminal import TerminalService
from pos_terminal.ui.i18n import user_message
from pos_terminal.ui.login_view import LoginView, OpenShiftDialog
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.new_pin_dialog import NewPinDialog
from pos_terminal.ui.tasks import TaskRunner


class SessionFlow(QObject):
    def __init__(
        self,
        window: MainWindow,
        service: TerminalService,
        runner: TaskRunner,
        *,
        terminal: str,
        day_starts_at: time,
        enter_sale: Callable[[StaffMember], None],
    ) -> None:
        super().__init__(window)
        self.window, self.service, self.runner = window, service, runner
        self.terminal, self.day_starts_at = terminal, day_starts_at
        self.actor: StaffMember | None = None
        self._enter_sale = enter_sale
        self.login = LoginView(terminal)
        self.login.login_requested.connect(self._sign_in)
        self.login.try_requested.connect(self._try)

    def start(self) -> None:
        self.actor = None
        self.window.set_cashier(self.terminal, None)
        self.window.show_page(self.login)
        self.runner.run_db(self.service.pin_lengths, self.login.set_lengths)

    def shift_closed(self) -> None:
        """After the Z report the next person signs in and opens a new shift."""
        self.start()

    def _sign_in(self, pin: str) -> None:
        self.runner.run_db(
            lambda: self.service.login(pin),
            lambda actor: self._signed_in(actor, pin),
            lambda error: self.login.show_error(user_message(error)),
        )

    def _try(self, digits: str) -> None:
        def tried(actor: StaffMember | None) -> None:
            if actor is None:
                self.login.missed(digits)
            elif self.login.pin.text().startswith(digits):
                self.login.pin.clear()
                self._signed_in(actor, digits)

        self.runner.run_db(
            lambda: self.service.try_pin(digits),
            tried,
            lambda error: self.login.show_error(user_message(error)),
        )

    def _signed_in(self, actor: StaffMember, pin: str) -> None:
        if pin_too_short(actor, pin):
            self._ask_new_pin(actor, pin)
            return
        self._welcome(actor)

    def _ask_new_pin(self, actor: StaffMember, old_pin: str) -> None:
        """A manager with a PIN shorter than managers' are now chooses a new one first;
        declining signs them out."""
        dialog = NewPinDialog(actor.name, self.window)

        def save() -> None:
            new_pin = dialog.pin()
            self.runner.run_db(
                lambda: self.service.change_own_pin(actor, old_pin, new_pin, now=datetime.now()),
                lambda _: self._welcome(actor),
                lambda error: self._new_pin_refused(actor, old_pin, user_message(error)),
            )

        dialog.accepted.connect(save)
        dialog.rejected.connect(self.start)
        self.window.open_dialog(dialog)

    def _new_pin_refused(self, actor: StaffMember, old_pin: str, message: str) -> None:
        self._ask_new_pin(actor, old_pin)
        dialog = self.window.dialog
        if isinstance(dialog, NewPinDialog):
            dialog.show_error(message)

    def _welcome(self, actor: StaffMember) -> None:
        self.actor = actor
        self.window.set_cashier(self.terminal, actor.name)
        self.runner.run_db(self.service.current_shift, self._shift_known)

    def _shift_known(self, shift: object) -> None:
        actor = self.actor
        assert actor is not None
        if shift is not None:
            self._enter_sale(actor)
            return
        dialog = OpenShiftDialog(actor.name, self.window)

        def open_shift() -> None:
            now = datetime.now()
            amount = dialog.float_amount().minor
            day = business_date(now, self.day_starts_at)
            self.runner.run_db(
                lambda: self.service.open_shift(actor, amount, now=now, business_date=day),
                lambda _: self._enter_sale(actor),
                lambda error: self.login.show_error(user_message(error)),
            )

        dialog.accepted.connect(open_shift)
        dialog.rejected.connect(self.start)
        self.window.open_dialog(dialog)

"""The composition root: settings → store → services → readers → window.

    python -m pos_terminal [--data-dir DIR] [--reader SPEC ...] [--crm URL [--enrol CODE]]
                           [--no-demo] [--selftest]   (all of it: `pos_terminal.launch`)

The store is opened (and, on first run, filled with demo data) on the database thread while
the window shows "Starting…"; nothing on the GUI thread touches SQL. A terminal enrolled
with a CRM (`--enrol` once, with the code the CRM's owner made) takes its first snapshot
there too, with its progress on the start-up screen, then syncs on a thread of its own.
"""

from __future__ import annotations

import functools
import logging
import os
import random
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from hardware.base import Reader
from hardware.fake import FakeReader
from hardware.printers.queue import PrintQueue
from hardware.printers.spec import Transport, parse_printer_spec
from hardware.search import ReaderSearch
from loyalty.errors import DomainError
from pos_terminal import __version__, restore_backup, verify_audit
from pos_terminal.config import TerminalConfig
from pos_terminal.db.store import Store
from pos_terminal.domain.receipt import ReceiptHeader
from pos_terminal.domain.staff import StaffMember
from pos_terminal.fiscal_printer import build as build_fiscal
from pos_terminal.launch import parse_args, read_pin
from pos_terminal.printing import from_config as till_printer
from pos_terminal.readers import CardReaders
from pos_terminal.screen_preflight import screen_problem
from pos_terminal.services.receipts import ReceiptSettings
from pos_terminal.services.startup import prepare_store
from pos_terminal.services.terminal import TerminalService
from pos_terminal.threads import favour_the_cashier
from pos_terminal.ui import theme
from pos_terminal.ui.bridges import LinkBridge, ReaderBridge
from pos_terminal.ui.card_key_filter import CardKeyFilter
from pos_terminal.ui.fiscal_flow import FiscalBridge, FiscalFlow
from pos_terminal.ui.i18n import install_translation, user_message
from pos_terminal.ui.kiosk import present
from pos_terminal.ui.main_window import MainWindow
from pos_terminal.ui.printer_dialog import PrinterBridge, PrinterFlow
from pos_terminal.ui.reader_setup import ReaderSetup
from pos_terminal.ui.receipt_progress import ReceiptProgress
from pos_terminal.ui.sale_presenter import SalePresenter
from pos_terminal.ui.selftest import SelfTest
from pos_terminal.ui.session import SessionFlow
from pos_terminal.ui.shift_menu import ShiftMenu
from pos_terminal.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from hardware.fiscal.station import FiscalStation
    from pos_terminal.crm_connection import CrmConnection
    from pos_terminal.services.fiscal import FiscalLink
    from sync.link import LinkMonitor

log = logging.getLogger("pos_terminal")
OPS_REFRESH_MS = 5000
TIDY_MS = 20_000


class Terminal(QObject):
    """Everything the running terminal holds, so it can be shut down in order."""

    ready = Signal()  # the first screen (sign-in) is drawn
    damaged = Signal(object)  # the integrity check's StoreDamagedError, from its own thread

    def __init__(
        self, app: QApplication, config: TerminalConfig, *, card_readers: CardReaders | None = None
    ) -> None:
        super().__init__()
        self.app, self.config = app, config
        self.runner = TaskRunner()
        self.window = MainWindow(terminal=config.terminal_name, cashier=config.cashier)
        self.bridge = ReaderBridge()
        self.readers: list[Reader] = []  # the demo's; the card readers are in `card_readers`
        # The readers set, or the search for one (tests give it fake devices).
        self.card_readers = card_readers or CardReaders(
            config.readers, search=lambda: ReaderSearch(ignore=self.printer_ports)
        )
        self.store: Store | None = None
        self.presenter: SalePresenter | None = None
        self.key_filter: CardKeyFilter | None = None  # the keyboard reader's, app-wide
        self.demo_reader: FakeReader | None = None
        self.demo_codes: list[str] = []
        self.service: TerminalService | None = None
        self.session: SessionFlow | None = None
        self.link_bridge = LinkBridge()
        self.link_bridge.changed.connect(self.window.show_crm_link)
        # The receipt printer: a queue on its own thread (docs/printers.md), PDF without one.
        self.printer_bridge = PrinterBridge()
        self.printer_bridge.status_changed.connect(self.window.show_printer_status)
        self.printer_bridge.job_done.connect(self.window.print_jobs.take)
        self.print_queue = PrintQueue(self.printer_bridge.on_status, self.printer_bridge.on_job)
        self.printer = till_printer(config, self.print_queue)
        self.link_monitor: LinkMonitor | None = None  # a CRM named, this terminal not enrolled
        self.crm: CrmConnection | None = None  # enrolled: sync runs on its own thread
        # The fiscal printer, when one is set: its own thread (docs/fiscal.md).
        self.fiscal_bridge = FiscalBridge()
        self.fiscal_bridge.state_changed.connect(self.window.show_fiscal_state)
        self.fiscal_station: FiscalStation | None = None
        self.fiscal: FiscalLink | None = None
        self.fiscal_problem: str | None = None  # the start-up's settling failed: said on sale
        self.ops_timer = QTimer(self)
        self.tidy_timer = QTimer(self)
        self.damaged.connect(self._stop_selling)

    def start(self) -> None:
        config = self.config
        self.print_queue.start()

        def open_store() -> tuple[Store, list[str], CrmConnection | None]:
            store = prepare_store(
                config.database,
                now=datetime.now(),
                demo_customers=config.demo_customers if config.demo else None,
                crm_owns_loyalty=config.enrol_code is not None,
            )
            crm = self._connect(store)
            for name, role, pin in config.staff:
                try:
                    TerminalService(store).add_staff(name, role, pin, now=datetime.now())
                except DomainError as error:  # e.g. added on an earlier start already
                    log.warning("staff member %s not added: %s", name, error)
            codes = (
                TerminalService(store).demo_card_codes(on=datetime.now().date())
                if config.demo
                else []
            )
            return store, codes, crm

        self.runner.run_db(open_store, self._ready, self._failed)

    def _connect(self, store: Store) -> CrmConnection | None:
        """On the database thread: enrol if asked, and a first sync (see crm_connection)."""
        if self.config.crm_url is None and self.config.enrol_code is None:
            from pos_terminal.crm_connection import enrolled_identity  # noqa: PLC0415

            if enrolled_identity(store) is None:
                return None  # a terminal on its own: httpx is never even imported
        # Imported here: httpx costs a tenth of a second at start-up.
        from pos_terminal.crm_connection import CrmSetup, connect  # noqa: PLC0415

        config = self.config
        setup = CrmSetup(config.crm_url, config.enrol_code, config.terminal_name, config.data_dir)
        return connect(store, setup, self.link_bridge.report)

    def _failed(self, error: BaseException) -> None:
        log.error("the terminal could not start", exc_info=error)
        self.window.show_progress(self.window.tr("The terminal could not start:\n{error}").format(
            error=user_message(error)))  # fmt: skip

    def _ready(self, result: tuple[Store, list[str], CrmConnection | None]) -> None:
        self.store, self.demo_codes, self.crm = result
        config = self.config
        service = TerminalService(
            self.store,
            printer=self.printer,
            till=self.printer,
            receipts=ReceiptSettings(
                header=ReceiptHeader(config.shop_name, config.shop_address, config.shop_nip),
                terminal=config.terminal_name,
                cashier=config.cashier,
                language=config.language,
            ),
            authorizer=self.crm.authorizer if self.crm is not None else None,
            limits=config.amount_limits,
        )
        self.service = service
        try:
            built = build_fiscal(
                config, self.store, self.fiscal_bridge.on_state,
                authorizer=lambda: self.crm.authorizer if self.crm is not None else None,
            )  # fmt: skip
        except ValueError as error:
            self._failed(error)
            return
        if built is None:
            self._open_session()
            return
        self.fiscal_station, self.fiscal = station, link = built
        station.start()
        self.window.show_fiscal_state(None)
        self.window.show_progress(self.window.tr("Checking the fiscal printer…"))

        def unsettled(error: BaseException) -> None:
            # The bills stay open; the next Pay settles them first (services/fiscal.py).
            log.error("fiscal intentions not settled at start-up", exc_info=error)
            self.fiscal_problem = user_message(error)
            self._open_session()

        # Before the first sale: every intention a crash left is settled by the printer.
        self.runner.follow(
            station.submit(link.service.settle_pending), lambda _: self._open_session(), unsettled
        )

    def _open_session(self) -> None:
        service, config = self.service, self.config
        assert service is not None
        self.session = SessionFlow(
            self.window,
            service,
            self.runner,
            terminal=config.terminal_name,
            day_starts_at=config.day_starts_at,
            enter_sale=self._enter_sale,
        )
        self.session.start()
        QTimer.singleShot(0, self.ready.emit)  # the sign-in screen is up
        # Seconds on a big store: beside the screen, on a thread and connection of its own.
        threading.Thread(target=self._check_integrity, name="integrity check", daemon=True).start()
        self._start_link()
        # What waits for the CRM, counted off the GUI thread every few seconds.
        self.ops_timer.timeout.connect(
            lambda: self.runner.run_db(service.pending_ops, self.window.show_pending_ops)
        )
        self.ops_timer.start(OPS_REFRESH_MS)
        # The WAL is folded back when the database thread has nothing else to do.
        self.tidy_timer.timeout.connect(
            lambda: (
                None if self.runner.busy else self.runner.run_db(service.tidy_up, lambda _: None)
            )
        )
        self.tidy_timer.start(TIDY_MS)

    def _check_integrity(self) -> None:
        assert self.store is not None
        found = self.store.check_integrity()  # from now on no bill closes on a damaged file
        if found is not None:
            self.damaged.emit(found)

    def _stop_selling(self, error: BaseException) -> None:
        log.error("the store failed its integrity check", exc_info=error)
        self.window.show_progress(user_message(error))

    def _start_link(self) -> None:
        if self.crm is not None:
            self.crm.engine.start()
        elif self.config.crm_url is not None:  # named but not enrolled: show if it answers
            from sync.link import LinkMonitor  # noqa: PLC0415

            self.link_monitor = LinkMonitor(
                self.config.crm_url, self.link_bridge.report, app_version=__version__
            )
            self.link_monitor.start()

    def _enter_sale(self, actor: StaffMember) -> None:
        """After sign-in (and the shift opened): the sale screen, built on first use."""
        if self.window.sale is not None:
            self.window.show_page(self.window.sale)
            return
        service, session = self.service, self.session
        assert service is not None and session is not None, "signed in before the store opened?"
        presenter = SalePresenter(
            service,
            self.runner,
            day_starts_at=self.config.day_starts_at,
            cashier=lambda: session.actor,
            fiscal=self.fiscal,
        )
        self.presenter = presenter
        demo_tap = None
        if self.config.demo:
            self.demo_reader = FakeReader("demo")
            self.readers.append(self.demo_reader)
            demo_tap = self.tap_demo_card
        view = self.window.install_sale(presenter, service, self.runner, demo_tap=demo_tap)
        view.card_beep = self.config.card_beep
        self.menu = ShiftMenu(
            session,
            view,
            data_dir=self.config.data_dir,
            sync_now=self.sync_now,
            enrol=self.enrol,
            crm_url=self.config.crm_url,
        )
        self.reader_setup = ReaderSetup(
            self.window,
            view,
            self.card_readers,
            service=service,
            runner=self.runner,
            data_dir=self.config.data_dir,
            as_manager=self.menu.as_manager,
        )
        self.menu.settings.card_reader = self.reader_setup.open
        if self.fiscal is not None:
            flow = FiscalFlow(
                view, presenter, self.runner, self.fiscal,
                language=self.config.language, as_manager=self.menu.as_manager,
            )  # fmt: skip
            self.menu.after_z = flow.offer_after_z
            if self.fiscal_problem is not None:
                view.notice.say(self.fiscal_problem, stays=True)
        self.printer_flow = PrinterFlow(
            self.printer, service, self.config.data_dir,
            run=lambda work, done: self.runner.run_db(
                work, done, lambda error: view.notice.say(user_message(error), stays=True)
            ),
            open_dialog=self.window.open_dialog, status_changed=self.printer_bridge.status_changed,
        )  # fmt: skip
        self.menu.settings.printer = lambda manager: self.printer_flow.open(manager, self.window)
        ReceiptProgress(view, presenter, self.window.print_jobs)
        self.bridge.card_read.connect(lambda read: self.window.on_card_read(read, presenter))
        self.bridge.card_read.connect(self.reader_setup.on_read)
        self.bridge.status_changed.connect(self.reader_setup.on_status)  # and the strip
        self.bridge.found.connect(self.reader_setup.on_found)
        for reader in self.readers:
            self.bridge.attach(reader)
        self.card_readers.start(
            self.bridge.attach, self.bridge.report_found, self.bridge.report_status
        )
        if self.config.keyboard_reader:
            self.key_filter = CardKeyFilter(self.app)
            self.key_filter.card_read.connect(
                lambda read: self.window.on_card_read(read, presenter)
            )
            self.key_filter.card_read.connect(self.reader_setup.on_read)
            self.app.installEventFilter(self.key_filter)
        presenter.start()

    def enrol(self, url: str, code: str) -> Callable[[], None]:
        """On the database thread, from the Menu: enrol and sync first; what to run then on
        the GUI thread to switch the running terminal over to the new connection."""
        from pos_terminal.crm_connection import CrmSetup, enrol_now  # noqa: PLC0415

        assert self.store is not None and self.service is not None
        setup = CrmSetup(url, code, self.config.terminal_name, self.config.data_dir)
        connection = enrol_now(self.store, setup, self.link_bridge.report)
        service = self.service

        def switch() -> None:
            if self.link_monitor is not None:
                self.link_monitor.stop()
                self.link_monitor = None
            if self.crm is not None:
                self.crm.stop()
            self.crm = connection
            service.use_online(connection.authorizer)
            connection.engine.start()

        return switch

    def printer_ports(self) -> set[str]:
        """The receipt printer's serial port, which the search for a card reader leaves
        alone (asked on the search's thread: the printer's settings are replaced whole)."""
        setting = self.printer.settings.setting
        if not setting or not setting.startswith(f"{Transport.SERIAL}:"):
            return set()
        path = parse_printer_spec(setting).target
        return {path, os.path.realpath(path)}

    def sync_now(self) -> None:
        if self.crm is not None:
            self.crm.engine.sync_now()

    def tap_demo_card(self) -> None:
        if self.demo_reader is not None and self.demo_codes:
            self.demo_reader.tap(random.choice(self.demo_codes))

    def shutdown(self) -> None:
        if self.key_filter is not None:
            # It sits on the whole application: left there, it would take the keys of
            # whatever window comes next (another terminal in the same process, a test's).
            self.app.removeEventFilter(self.key_filter)
            self.key_filter = None
        self.ops_timer.stop()  # it would ask the database thread, which is about to end
        self.tidy_timer.stop()
        for reader in self.readers:
            reader.stop()
        self.card_readers.stop()
        self.print_queue.stop()  # what it still holds is reprinted from the Menu
        if self.fiscal_station is not None:
            self.fiscal_station.stop()
        if self.link_monitor is not None:
            self.link_monitor.stop()
        if self.crm is not None:
            self.crm.stop()
        store = self.store
        if store is not None:
            self.runner.run_db(store.close)
        self.runner.shutdown()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per sync request is noise
    favour_the_cashier()
    config, selftest, exit_when_ready, restoring, verifying = parse_args(
        sys.argv[1:] if argv is None else argv
    )
    if verifying is not None:  # a command of its own: no window, nothing written
        return verify_audit.verify(config.database, verifying or None, print)
    if restoring is not None:  # a command of its own: no window
        if not restoring:
            return restore_backup.listing(config.database, print)
        pin = functools.partial(read_pin, "a manager", "manager")
        return restore_backup.restore(config.database, restoring, pin, print)
    if selftest:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if QApplication.instance() is None and (problem := screen_problem()) is not None:
        print(problem, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    theme.apply(app)
    install_translation(app, config.language)
    terminal = Terminal(app, config)
    terminal.window.kiosk = config.kiosk
    present(terminal.window, windowed=config.windowed, kiosk=config.kiosk)
    terminal.start()
    if selftest:
        check = SelfTest(terminal)
        QTimer.singleShot(0, check.run)
    if exit_when_ready:  # for the start-up benchmark: quit once the sale screen is drawn
        terminal.ready.connect(lambda: (print("ready", flush=True), app.quit()))
    code = app.exec()
    terminal.shutdown()
    if selftest:
        return check.exit_code
    return code

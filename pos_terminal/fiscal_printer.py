"""The till's fiscal printer, built by the app alone from settings.json: the Posnet driver
on its transport, the thread that owns it (`hardware/fiscal/station.py`) and the use-cases
the screens call through it (`services/fiscal.py`). See docs/fiscal.md.

A fiscal printer that is set but written wrongly stops the start-up with the reason: a till
that should register its sales must not quietly sell without.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hardware.fiscal.port import DeviceState, FiscalDevice
from hardware.fiscal.posnet import PosnetDevice
from hardware.fiscal.station import FiscalStation
from hardware.fiscal.transport import open_transport, parse_spec
from pos_terminal.config import TerminalConfig
from pos_terminal.db.store import Store
from pos_terminal.domain.fiscal_receipt import FiscalPolicy, ReductionForm
from pos_terminal.services.fiscal import FiscalLink, FiscalService
from sync.wire.holds import Authorizer

# Per command; the close and the daily report print before answering (the driver waits
# longer for those). A silent printer costs this long before the cashier is told.
TIMEOUT_S = 3.0
PRINT_TIMEOUT_S = 15.0
POLL_S = 10.0  # the strip's state, asked while nothing else is


def fiscal_policy(config: TerminalConfig) -> FiscalPolicy:
    return FiscalPolicy(
        credits=ReductionForm(config.fiscal_credits),
        vouchers=ReductionForm(config.fiscal_vouchers),
        wallet=ReductionForm(config.fiscal_wallet),
    )


def build(
    config: TerminalConfig,
    store: Store,
    on_state: Callable[[DeviceState], None],
    *,
    authorizer: Callable[[], Authorizer | None] = lambda: None,
    timeout: float = TIMEOUT_S,
    print_timeout: float = PRINT_TIMEOUT_S,
    poll: float = POLL_S,
) -> tuple[FiscalStation, FiscalLink] | None:
    """The station (not started) and the screens' link; None without a fiscal printer.
    A bad setting raises ValueError with its reason."""
    if not config.fiscal_printer:
        return None
    spec = parse_spec(config.fiscal_printer)
    encoding = config.fiscal_encoding

    def open_device() -> FiscalDevice:
        return PosnetDevice(
            open_transport(spec), encoding=encoding, timeout=timeout, print_timeout=print_timeout
        )

    station = FiscalStation(open_device, on_state, poll=poll)
    service = FiscalService(
        store, policy=fiscal_policy(config), authorizer=authorizer, clock=datetime.now
    )
    return station, FiscalLink(service, station.submit, printout=config.fiscal_printout)

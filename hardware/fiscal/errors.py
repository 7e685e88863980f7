"""Typed failures of a fiscal device, each with a stable reason key.

The reason key ("paper_out", "rate_inactive", …) is what the terminal stores, logs and
translates; `messages` holds the English and Polish texts. A device error number that has
no key of its own becomes "device_error" with the number kept, so nothing is lost.
"""

from __future__ import annotations

from hardware.fiscal.messages import message_for

# Posnet error numbers (specification POT-I-DEV-37, the last chapter) → reason keys.
REASONS: dict[int, str] = {
    41: "busy",  # the transaction belongs to another interface
    382: "nothing_to_report",
    383: "report_missing",
    1950: "totals_full",
    1980: "discount_invalid",
    1981: "discount_invalid",
    1982: "discount_invalid",
    1983: "discount_invalid",
    1984: "discount_invalid",
    1985: "discount_too_large",  # a line's value after its discount is zero or less
    1992: "empty_receipt",
    2000: "rate_inactive",
    2004: "rate_inactive",
    2005: "no_transaction",
    2006: "bad_price",
    2007: "bad_quantity",
    2008: "total_mismatch",
    2010: "totals_full",
    2031: "bad_nip",
    2034: "not_fiscal",
    2036: "read_only",
    2038: "transaction_open",
    2041: "zero_receipt",
    2054: "payments_short",
    2056: "empty_text",
    2057: "text_too_long",
    2060: "bad_state",
    2096: "bad_nip",
    2102: "rate_inactive",
    2103: "rate_inactive",
    2104: "bad_name",
    2106: "name_locked",
}
# ERR frames: the device did not take the request (these numbers are a separate list).
FRAME_REASONS: dict[int, str] = {5: "frame_crc", 11: "busy", 14: "busy", 13: "token_unknown"}


class FiscalError(Exception):
    """A fiscal operation that did not complete. `reason` is stable; `code` is the device's
    error number when it gave one; `command` the command it refused."""

    reason = "device_error"

    def __init__(
        self, reason: str | None = None, *, code: int | None = None, command: str | None = None
    ) -> None:
        if reason is not None:
            self.reason = reason
        self.code, self.command = code, command
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        """The cashier's text in "en" or "pl"."""
        return message_for(self.reason, language, code=self.code)


class DeviceRefused(FiscalError):  # noqa: N818 - a state of the device, as the cashier reads it
    """The device answered with an error number: it did not do what was asked."""

    @classmethod
    def from_code(cls, code: int, command: str, *, frame: bool = False) -> DeviceRefused:
        table = FRAME_REASONS if frame else REASONS
        reason = table.get(code, "frame_rejected" if frame else "device_error")
        return cls(reason, code=code, command=command)


class DeviceUnreachable(FiscalError):  # noqa: N818 - a state of the device, as the cashier reads it
    """No answer (cable, power, network) or the port cannot be opened."""

    reason = "offline"


class PaperOut(FiscalError):  # noqa: N818 - a state of the device, as the cashier reads it
    reason = "paper_out"


class CoverOpen(FiscalError):  # noqa: N818 - a state of the device, as the cashier reads it
    reason = "cover_open"


class OutcomeUnknown(FiscalError):  # noqa: N818 - a state of the device, as the cashier reads it
    """The close was sent and its result could not be confirmed: the receipt may or may not
    be registered. Never send it again; reconcile (the receipt counter decides)."""

    reason = "outcome_unknown"


class ProtocolError(FiscalError):
    """The device answered something this driver cannot read."""

    reason = "protocol"

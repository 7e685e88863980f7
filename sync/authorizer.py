"""Online holds and lookups for the till, asked within a budget of 1.5 s (sync-protocol §4.7).

Used on the terminal's database thread when a bill spends credits or wallet, with an
HTTP client of its own (the sync engine's belongs to the sync thread). Any failure to get
an answer in time is "offline": the caller then applies the offline allowances.
"""

from __future__ import annotations

import logging
from datetime import date

import httpx

from loyalty.money import Money
from sync.client import CrmClient, CrmRefusedError, CrmUnavailableError, SyncBlockedError
from sync.wire.holds import (
    HoldGranted,
    HoldRefusedError,
    HoldRequest,
    LookedUp,
    VoucherRefusedError,
)

log = logging.getLogger(__name__)
BUDGET = httpx.Timeout(1.5, connect=1.0)


class CrmAuthorizer:
    def __init__(
        self, url: str, *, token: str | None, app_version: str, budget: httpx.Timeout = BUDGET
    ) -> None:
        self._client = CrmClient(url, app_version=app_version, token=token, timeout=budget)

    def close(self) -> None:
        self._client.close()

    def authorize(self, request: HoldRequest) -> HoldGranted | None:
        body = {
            "op_id": request.op_id,
            "customer_id": request.customer_id,
            "bill_id": request.bill_id,
            "credits_minor": request.credits.minor,
            "wallet_minor": request.wallet.minor,
            "vouchers": list(request.vouchers),
        }
        try:
            answer = self._client.call("POST", "/v1/authorizations", json=body)
        except (CrmUnavailableError, SyncBlockedError) as error:
            log.info("no hold (%s): offline rules apply", error)
            return None
        except CrmRefusedError as error:
            if error.status == 409 and error.body.get("error") == "voucher_unavailable":
                [problem, *_] = error.body.get("problems") or [{"reason": ": refused"}]
                code, _, reason = str(problem.get("reason")).partition(": ")
                raise VoucherRefusedError(code, reason) from None
            if error.status == 409 and error.body.get("error") == "insufficient":
                available = {p["field"]: p["reason"] for p in error.body.get("problems", [])}
                raise HoldRefusedError(
                    _amount(available.get("credits"), request.credits.currency),
                    _amount(available.get("wallet"), request.credits.currency),
                ) from None
            log.warning("hold refused: %s; offline rules apply", error)
            return None
        return HoldGranted(str(answer["authorization_id"]))

    def release_asked(self, request: HoldRequest) -> None:
        body = {"op_id": request.op_id, "bill_id": request.bill_id}
        try:
            self._client.call("POST", "/v1/authorizations/void-asked", json=body)
        except Exception as error:  # it expires by itself
            log.info("hold asked as %s not released: %s", request.op_id, error)

    def lookup(self, *, card: str, business_date: date) -> LookedUp | None:
        params = {"card": card, "business_date": business_date.isoformat()}
        try:
            body = self._client.call("GET", "/v1/sync/lookup", params=params)
        except (CrmUnavailableError, SyncBlockedError, CrmRefusedError) as error:
            log.info("card %s not looked up: %s", card, error)  # 404: the CRM has no such card
            return None
        try:
            return LookedUp(
                str(body["customer_id"]), tuple(body["reference"]), tuple(body["balances"])
            )
        except (KeyError, TypeError):
            log.warning("the CRM's lookup answer is not one: %r", body)
            return None

    def release(self, authorization_id: str) -> None:
        try:
            self._client.call("POST", f"/v1/authorizations/{authorization_id}/void")
        except Exception as error:  # it expires by itself
            log.info("hold %s not released: %s", authorization_id, error)


def _amount(reason: object, currency: str) -> Money:
    """ "available 4000" → 40,00 zł."""
    try:
        return Money(int(str(reason).rsplit(" ", 1)[-1]), currency)
    except ValueError:
        return Money(0, currency)

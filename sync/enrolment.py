"""Enrolling a terminal with the CRM, and keeping its token out of the database.

The one-time code (made by the CRM's owner) is exchanged for a `pos_` token once. The token
is a secret: it lives in a file readable by this user only, beside the database but never
in it, so a copy or backup of the database carries no credential (sync-protocol §7).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sync.client import CrmClient
from sync.wire.money import WireError


@dataclass(frozen=True, slots=True)
class Enrolment:
    terminal_id: str
    shop_id: str
    token: str


def enrol(client: CrmClient, code: str, device_name: str) -> Enrolment:
    """Exchange `code` for this terminal's identity; CrmRefusedError says why not."""
    body = client.call(
        "POST",
        "/v1/terminals/enrol",
        json={"code": code.strip(), "device_name": device_name},
        authorised=False,
    )
    try:
        done = Enrolment(str(body["terminal_id"]), str(body["shop_id"]), str(body["token"]))
    except (KeyError, TypeError) as error:
        raise WireError(f"enrol: not a CRM answer: {error}") from None
    if not done.token.startswith("pos_"):
        raise WireError("enrol: the CRM's answer holds no terminal token")
    return done


class TokenFile:
    """The token in a file of mode 0600, replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> str | None:
        try:
            text = self.path.read_text().strip()
        except FileNotFoundError:
            return None
        return text or None

    def write(self, token: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.path.with_suffix(".new")
        handle = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w") as file:
            file.write(token + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(fresh, self.path)

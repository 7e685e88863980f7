"""Whether the CRM can serve: its database answers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from crm.services.context import Context


@dataclass(frozen=True, slots=True)
class Readiness:
    ready: bool
    reason: str = ""


class HealthService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def readiness(self) -> Readiness:
        try:
            with self.ctx.db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            # The driver's own message, without SQLAlchemy's SQL echo and help link.
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            return Readiness(False, f"database: {reason}")
        return Readiness(True)

"""Shops, one-time enrolment codes, and terminals that exchanged one for a token.

Only an owner makes shops and codes or revokes a terminal (DESIGN §3: terminal enrolment
is the owner's); every role may list them. Enrolment itself needs no account: the code is
the credential (see `crm.services.enrolment`). A revoked terminal's token is refused at
once; the terminal keeps selling offline and shows that it must be enrolled again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.services import audit, enrolment
from crm.services.actor import Actor, Role
from crm.services.context import Context, new_id
from crm.services.enrolment import EnrolCode, Enrolment, Shop, shop_of
from crm.services.errors import Conflict, Invalid, NotFound, ServiceError, Unauthorized
from crm.services.keyset import Page, after, check_limit, page_of
from crm.services.passwords import new_token, token_digest
from crm.store.models import ShopRow, TerminalRow
from loyalty.text_fields import NO_CONTROL_CHARACTERS, has_control_characters

__all__ = ["EnrolCode", "Enrolment", "Shop", "Terminal", "TerminalIdentity", "TerminalService"]

DEFAULT_VALID_MINUTES = 15
LONGEST_VALID = timedelta(days=7)  # a code posted to a shop that opens next week
NAME_MAX = 200  # shop.name and terminal.name


@dataclass(frozen=True, slots=True)
class Terminal:
    id: str
    shop_id: str
    name: str
    status: str  # active | revoked
    enrolled_at: datetime
    last_seen_at: datetime | None
    app_version: str | None
    hwm_seq: int = 0  # every op up to this one has been processed
    clock_offset_ms: int | None = None  # the CRM's clock minus the till's, as the till measured
    queued_ops: int | None = None  # not yet sent, as the till said at its last hello


@dataclass(frozen=True, slots=True)
class TerminalIdentity:
    """Who a sync request comes from: every op it pushes must name this terminal."""

    terminal_id: str
    shop_id: str
    status: str


def _terminal(row: TerminalRow) -> Terminal:
    return Terminal(
        row.id,
        row.shop_id,
        row.name,
        row.status,
        row.enrolled_at,
        row.last_seen_at,
        row.app_version,
        row.hwm_seq,
        row.clock_offset_ms,
        row.queued_ops,
    )


def _name(field: str, text: str) -> str:
    name = text.strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise Invalid.one(field, f"1 to {NAME_MAX} characters")
    if has_control_characters(name):
        raise Invalid.one(field, NO_CONTROL_CHARACTERS)
    return name


def _utc(text: str) -> datetime:
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise ValueError("a cursor's time has its zone")
    return when


def _validity(minutes: int) -> timedelta:
    longest = int(LONGEST_VALID.total_seconds()) // 60
    if not 1 <= minutes <= longest:
        raise Invalid.one("valid_minutes", f"1 to {longest}")
    return timedelta(minutes=minutes)


class TerminalService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def create_shop(self, actor: Actor, name: str) -> Shop:
        actor.require(Role.OWNER)
        name = _name("name", name)

        def work(session: Session) -> Shop:
            if session.scalar(select(ShopRow.id).where(ShopRow.name == name)):
                raise Conflict("name", f"a shop named {name!r} exists")
            return shop_of(self._add_shop(session, actor, name))

        return self.ctx.db.write(work)

    def list_shops(self, actor: Actor, cursor: str | None = None, limit: int = 100) -> Page[Shop]:
        check_limit(limit)
        query = (
            select(ShopRow)
            .where(*after(cursor, ShopRow.name, ShopRow.id))
            .order_by(ShopRow.name, ShopRow.id)
            .limit(limit + 1)
        )
        rows = self.ctx.db.read(lambda s: [shop_of(row) for row in s.scalars(query)])
        return page_of(rows, limit, lambda shop: (shop.name, shop.id))

    def _add_shop(self, session: Session, actor: Actor, name: str) -> ShopRow:
        row = ShopRow(id=new_id(), name=name, created_at=self.ctx.clock())
        session.add(row)
        session.flush()  # no ORM relationship orders it before the code that refers to it
        audit.record(
            session,
            actor=actor,
            at=row.created_at,
            action="shop.created",
            entity="shop",
            entity_id=row.id,
            after={"name": name},
        )
        return row

    def create_code(
        self, actor: Actor, shop_id: str, valid_minutes: int = DEFAULT_VALID_MINUTES
    ) -> EnrolCode:
        """A one-time code for a till of the shop; shown once, kept only as its hash."""
        actor.require(Role.OWNER)
        valid = _validity(valid_minutes)

        def work(session: Session) -> EnrolCode:
            shop = session.get(ShopRow, shop_id)
            if shop is None:
                raise NotFound("shop", shop_id)
            return enrolment.add_code(session, actor, shop, self.ctx.clock(), valid)

        return self.ctx.db.write(work)

    def create_code_for_shop_named(
        self, actor: Actor, name: str, valid_minutes: int = DEFAULT_VALID_MINUTES
    ) -> EnrolCode:
        """For the command line: the shop is made on the first use of its name."""
        actor.require(Role.OWNER)
        name = _name("store", name)
        valid = _validity(valid_minutes)

        def work(session: Session) -> EnrolCode:
            shop = session.scalar(select(ShopRow).where(ShopRow.name == name))
            created = shop is None
            if shop is None:
                shop = self._add_shop(session, actor, name)
            code = enrolment.add_code(session, actor, shop, self.ctx.clock(), valid)
            return EnrolCode(code.code, code.shop, code.expires_at, shop_created=created)

        return self.ctx.db.write(work)

    def enrol(self, code: str, device_name: str, source: str = "") -> Enrolment:
        """Exchange a code for a `pos_` token, once; `source` (the client's address) goes
        into the audit entry of every attempt, refused or not.
        """
        name = _name("device_name", device_name)
        token = new_token("pos_")

        def work(session: Session) -> Enrolment | ServiceError:
            now = self.ctx.clock()
            return enrolment.enrol(
                session, now, code=code, name=name, token=token, source=source[:100]
            )

        done = self.ctx.db.write(work)
        if isinstance(done, ServiceError):
            raise done
        return done

    def authenticate(self, token: str) -> TerminalIdentity:
        """The terminal a `pos_` token stands for; Unauthorized if unknown or revoked."""
        if not token.startswith("pos_"):
            raise Unauthorized("not a terminal token")

        def work(session: Session) -> TerminalIdentity:
            row = session.scalar(
                select(TerminalRow).where(TerminalRow.token_sha256 == token_digest(token))
            )
            if row is None:
                raise Unauthorized("unknown terminal token")
            if row.status != "active":
                raise Unauthorized("this terminal was revoked; enrol it again")
            return TerminalIdentity(row.id, row.shop_id, row.status)

        return self.ctx.db.read(work)

    def list_terminals(
        self, actor: Actor, shop_id: str | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[Terminal]:
        check_limit(limit)
        where = after(cursor, TerminalRow.enrolled_at, TerminalRow.id, _utc)
        if shop_id is not None:
            where.append(TerminalRow.shop_id == shop_id)
        query = (
            select(TerminalRow)
            .where(*where)
            .order_by(TerminalRow.enrolled_at, TerminalRow.id)
            .limit(limit + 1)
        )
        rows = self.ctx.db.read(lambda s: [_terminal(row) for row in s.scalars(query)])
        return page_of(rows, limit, lambda t: (t.enrolled_at.isoformat(), t.id))

    def revoke(self, actor: Actor, terminal_id: str) -> Terminal:
        """Its token stops working at once; revoking it again changes nothing more."""
        actor.require(Role.OWNER)

        def work(session: Session) -> Terminal:
            row = session.get(TerminalRow, terminal_id, with_for_update=True)
            if row is None:
                raise NotFound("terminal", terminal_id)
            if row.status != "revoked":
                audit.record(
                    session,
                    actor=actor,
                    at=self.ctx.clock(),
                    action="terminal.revoked",
                    entity="terminal",
                    entity_id=row.id,
                    before={"status": row.status},
                    after={"status": "revoked"},
                )
                row.status = "revoked"
            return _terminal(row)

        return self.ctx.db.write(work)

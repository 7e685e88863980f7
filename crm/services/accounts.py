"""Admin accounts: create, log in (an expiring token), log out, and who a token belongs to.

Wrong passwords are limited per account: after `FREE_FAILURES` in a row the account waits
30 s, then twice as long after each further failure (capped at an hour), and every failure
and lock is audited. The lock is in the database, so every worker and replica enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crm.services import audit
from crm.services.actor import Actor, Role
from crm.services.context import Context, new_id
from crm.services.errors import Conflict, Invalid, Problems, TooManyAttempts, Unauthorized
from crm.services.passwords import (
    MIN_LENGTH,
    hash_password,
    new_token,
    token_digest,
    verify_password,
)
from crm.store.models import AdminSessionRow, AdminUserRow

SESSION_LIFETIME = timedelta(hours=12)
FREE_FAILURES = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(hours=1)
_DUMMY_HASH = hash_password("not a password of anyone's")


@dataclass(frozen=True, slots=True)
class AdminUser:
    id: str
    username: str
    role: Role
    active: bool


@dataclass(frozen=True, slots=True)
class Login:
    token: str
    expires_at: datetime
    user: AdminUser


def _user(row: AdminUserRow) -> AdminUser:
    return AdminUser(row.id, row.username, Role(row.role), row.active)


def lock_after(failures: int) -> timedelta:
    """How long an account waits after `failures` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES, 10)
    return min(FIRST_LOCK * (1 << doublings), LONGEST_LOCK)


class AccountService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def create(self, actor: Actor, username: str, password: str, role: str) -> AdminUser:
        actor.require(Role.OWNER)
        problems = Problems()
        name = username.strip()
        if not 1 <= len(name) <= 100 or any(ch.isspace() for ch in name):
            problems.add("username", "1 to 100 characters, no spaces")
        if len(password) < MIN_LENGTH:
            problems.add("password", f"at least {MIN_LENGTH} characters")
        if role not in Role.__members__.values():
            problems.add("role", "one of owner, manager, read_only")
        problems.raise_if_any()
        hashed = hash_password(password)  # outside the transaction: it takes ~50 ms

        def work(session: Session) -> AdminUser:
            if session.scalar(select(AdminUserRow.id).where(AdminUserRow.username == name)):
                raise Conflict("username", f"{name!r} already exists")
            now = self.ctx.clock()
            row = AdminUserRow(
                id=new_id(),
                username=name,
                password_hash=hashed,
                role=role,
                active=True,
                failed_logins=0,
                created_at=now,
            )
            session.add(row)
            audit.record(
                session,
                actor=actor,
                at=now,
                action="admin.created",
                entity="admin_user",
                entity_id=row.id,
                after={"username": name, "role": role},
            )
            return _user(row)

        return self.ctx.db.write(work)

    def login(self, username: str, password: str) -> Login:
        def find(session: Session) -> AdminUserRow | None:
            return session.scalar(select(AdminUserRow).where(AdminUserRow.username == username))

        row = self.ctx.db.read(find)
        now = self.ctx.clock()
        if row is not None and row.locked_until is not None and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            raise TooManyAttempts(f"too many wrong passwords; try again in {wait} s", wait)
        # Hash even for an unknown name, so timing does not tell which names exist.
        good = verify_password(password, row.password_hash if row else _DUMMY_HASH)
        if row is None or not good or not row.active:
            self.ctx.db.write(lambda s: self._failed(s, username))
            raise Unauthorized("wrong username or password")
        token = new_token("adm_")

        def succeed(session: Session) -> Login:
            user = session.get_one(AdminUserRow, row.id, with_for_update=True)
            user.failed_logins = 0
            user.locked_until = None
            expires = now + SESSION_LIFETIME
            session.add(
                AdminSessionRow(
                    token_sha256=token_digest(token),
                    user_id=user.id,
                    created_at=now,
                    expires_at=expires,
                )
            )
            # Expired sessions are swept as people log in: no job needed.
            session.execute(delete(AdminSessionRow).where(AdminSessionRow.expires_at < now))
            return Login(token, expires, _user(user))

        return self.ctx.db.write(succeed)

    def _failed(self, session: Session, username: str) -> None:
        now = self.ctx.clock()
        user = session.scalar(
            select(AdminUserRow).where(AdminUserRow.username == username).with_for_update()
        )
        after: dict[str, object] = {"username": username}
        if user is not None:
            user.failed_logins += 1
            lock = lock_after(user.failed_logins)
            if lock:
                user.locked_until = now + lock
                after["locked_for_s"] = int(lock.total_seconds())
            after["failures_in_a_row"] = user.failed_logins
        audit.record(
            session,
            actor=Actor(username or "?", Role.READ_ONLY),
            at=now,
            action="admin.login_failed",
            entity="admin_user",
            entity_id=user.id if user else username,
            after=after,
        )

    def authenticate(self, token: str) -> Actor:
        """The actor a bearer token stands for; Unauthorized if unknown or expired."""

        def work(session: Session) -> Actor:
            found = session.execute(
                select(AdminUserRow, AdminSessionRow.expires_at)
                .join(AdminSessionRow, AdminSessionRow.user_id == AdminUserRow.id)
                .where(AdminSessionRow.token_sha256 == token_digest(token))
            ).first()
            if found is None:
                raise Unauthorized("unknown or expired token")
            user, expires_at = found
            if expires_at <= self.ctx.clock() or not user.active:
                raise Unauthorized("unknown or expired token")
            return Actor(user.username, Role(user.role), user.id)

        return self.ctx.db.read(work)

    def logout(self, token: str) -> None:
        self.ctx.db.write(
            lambda s: s.execute(
                delete(AdminSessionRow).where(AdminSessionRow.token_sha256 == token_digest(token))
            )
        )

    def list(self, actor: Actor) -> list[AdminUser]:
        actor.require(Role.OWNER)
        rows = self.ctx.db.read(
            lambda s: list(s.scalars(select(AdminUserRow).order_by(AdminUserRow.username)))
        )
        return [_user(row) for row in rows]

    def deactivate(self, actor: Actor, user_id: str) -> AdminUser:
        actor.require(Role.OWNER)
        if user_id == actor.user_id:
            raise Invalid.one("user_id", "you cannot deactivate yourself")

        def work(session: Session) -> AdminUser:
            row = session.get(AdminUserRow, user_id, with_for_update=True)
            if row is None:
                raise Invalid.one("user_id", "no such admin user")
            row.active = False
            session.execute(delete(AdminSessionRow).where(AdminSessionRow.user_id == user_id))
            audit.record(
                session,
                actor=actor,
                at=self.ctx.clock(),
                action="admin.deactivated",
                entity="admin_user",
                entity_id=user_id,
                before={"active": True},
                after={"active": False},
            )
            return _user(row)

        return self.ctx.db.write(work)

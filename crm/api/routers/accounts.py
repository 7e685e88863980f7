"""/v1/auth (log in and out) and /v1/admin-users (the owner manages accounts)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from crm.api.deps import CurrentActor, Services, bearer
from crm.services.accounts import AdminUser

router = APIRouter(prefix="/v1", tags=["accounts"])


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class AdminUserOut(BaseModel):
    id: str
    username: str
    role: str
    active: bool

    @classmethod
    def of(cls, user: AdminUser) -> AdminUserOut:
        return cls(id=user.id, username=user.username, role=user.role, active=user.active)


class LoginOut(BaseModel):
    token: str
    expires_at: datetime
    user: AdminUserOut


class NewAdminUser(BaseModel):
    username: str = Field(max_length=100)
    password: str = Field(max_length=1000)
    role: str = Field(max_length=20)


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginRequest, services: Services) -> LoginOut:
    done = services.accounts.login(body.username, body.password)
    return LoginOut(token=done.token, expires_at=done.expires_at, user=AdminUserOut.of(done.user))


@router.post("/auth/logout", status_code=204)
def logout(
    services: Services,
    _actor: CurrentActor,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    if credentials is not None:
        services.accounts.logout(credentials.credentials)


@router.get("/auth/me", response_model=AdminUserOut)
def me(actor: CurrentActor) -> AdminUserOut:
    return AdminUserOut(id=actor.user_id or "", username=actor.name, role=actor.role, active=True)


@router.get("/admin-users", response_model=list[AdminUserOut])
def list_users(services: Services, actor: CurrentActor) -> list[AdminUserOut]:
    return [AdminUserOut.of(user) for user in services.accounts.list(actor)]


@router.post("/admin-users", response_model=AdminUserOut, status_code=201)
def create_user(body: NewAdminUser, services: Services, actor: CurrentActor) -> AdminUserOut:
    return AdminUserOut.of(services.accounts.create(actor, body.username, body.password, body.role))


@router.post("/admin-users/{user_id}/deactivate", response_model=AdminUserOut)
def deactivate_user(user_id: str, services: Services, actor: CurrentActor) -> AdminUserOut:
    return AdminUserOut.of(services.accounts.deactivate(actor, user_id))

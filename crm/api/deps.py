"""What an endpoint receives: the services, and the actor or terminal its bearer token
stands for."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from crm.services.actor import Actor
from crm.services.container import CrmServices
from crm.services.errors import Unauthorized
from crm.services.terminals import TerminalIdentity

bearer = HTTPBearer(auto_error=False, description="a token from POST /v1/auth/login")


def services(request: Request) -> CrmServices:
    found: CrmServices = request.app.state.services
    return found


def actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("sign in first: Authorization: Bearer <token>")
    return services(request).accounts.authenticate(credentials.credentials)


Services = Annotated[CrmServices, Depends(services)]
CurrentActor = Annotated[Actor, Depends(actor)]


def terminal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> TerminalIdentity:
    """The enrolled terminal a `pos_` bearer token stands for (sync endpoints only)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("enrol the terminal first: Authorization: Bearer pos_…")
    return services(request).terminals.authenticate(credentials.credentials)


CurrentTerminal = Annotated[TerminalIdentity, Depends(terminal)]

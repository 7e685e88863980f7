"""Who is signed in to the pages, and the CSRF token every form carries.

- The session is the CRM's own admin session (`AccountService.login`): the cookie holds the
  random token, the database only its SHA-256, and it ends when the service says so
  (12 hours after signing in, at sign-out, or when the owner deactivates the account).
  The cookie is HttpOnly (no script reads it), SameSite=Lax (no other site's form or
  script sends it), Secure when the page is served over https (directly or behind a proxy
  whose X-Forwarded-Proto uvicorn trusts), and lives no longer than the session.
- Every POST carries a CSRF token: an HMAC of the session token, so it is per session,
  needs no storage (any worker can check it) and cannot be made without the HttpOnly
  cookie. The sign-in form, before any session, uses a random double-submit cookie.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "crm_session"
SIGN_IN_COOKIE = "crm_signin"
LANGUAGE_COOKIE = "crm_lang"
CSRF_FIELD = "csrf"
_PURPOSE = b"crm web form"


def csrf_token(session_token: str) -> str:
    digest = hmac.new(session_token.encode(), _PURPOSE, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def same(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest((given or "").encode(), expected.encode())


def new_sign_in_token() -> str:
    return secrets.token_urlsafe(32)


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )


def start(
    request: Request, response: Response, token: str, expires_at: datetime, now: datetime
) -> None:
    seconds = max(int((expires_at - now).total_seconds()), 0)
    set_cookie(request, response, SESSION_COOKIE, token, seconds)
    response.delete_cookie(SIGN_IN_COOKIE, path="/")


def end(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def local_path(target: str | None, default: str = "/customers") -> str:
    """`target` if it is a path of this site (so ?next= cannot send anyone elsewhere)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target

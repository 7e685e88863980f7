"""Signing in and out, and the language switch.

GET /signin shows the form, POST /signin signs in with an admin account (the same
`AccountService.login` as `POST /v1/auth/login`: its wrong-password waits and audit
entries apply), POST /signout ends the session, GET /lang/{pl|en} sets the language.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import Response

from crm.services.errors import TooManyAttempts, Unauthorized
from crm.web import i18n, session
from crm.web.pages import Anonymous, PageContext, Posted, anonymous, form_of, redirect, refusals

router = APIRouter(include_in_schema=False)
YEAR_S = 365 * 24 * 3600


@router.get("/")
def home() -> Response:
    return redirect("/customers")


@router.get("/signin")
def sign_in_form(
    page: Anonymous, next: str | None = None, expired: str | None = None, bye: str | None = None
) -> Response:
    notice = ""
    if expired:
        notice = "Your session has expired: sign in again."
    elif bye:
        notice = "You have signed out."
    return _form(page, session.local_path(next), notice=notice)


@router.post("/signin")
def sign_in(
    page: Annotated[PageContext, Depends(anonymous)],
    form: Annotated[dict[str, str], Depends(form_of)],
) -> Response:
    target = session.local_path(form.get("next"))
    username = form.get("username", "").strip()[:100]
    if not session.same(
        form.get(session.CSRF_FIELD), page.request.cookies.get(session.SIGN_IN_COOKIE, "")
    ):
        return _form(
            page,
            target,
            username,
            error="The form was out of date: please send it again.",
            status=403,
        )
    try:
        with refusals():
            done = page.services.accounts.login(username, form.get("password", "")[:1000])
    except Unauthorized:
        return _form(page, target, username, error="Wrong username or password.", status=401)
    except TooManyAttempts as error:
        return _form(
            page,
            target,
            username,
            error=page.t(
                "Too many wrong passwords: try again in {seconds} s.", seconds=error.retry_after_s
            ),
            status=429,
        )
    response = redirect(target)
    session.start(page.request, response, done.token, done.expires_at, page.services.ctx.clock())
    return response


@router.post("/signout")
def sign_out(page: Posted) -> Response:
    page.services.accounts.logout(page.token)
    response = redirect("/signin?bye=1")
    session.end(response)
    return response


@router.get("/lang/{language}")
def choose_language(page: Anonymous, language: str, next: str | None = None) -> Response:
    response = redirect(session.local_path(next))
    if language in i18n.LANGUAGES:
        session.set_cookie(page.request, response, session.LANGUAGE_COOKIE, language, YEAR_S)
    return response


def _form(
    page: PageContext,
    target: str,
    username: str = "",
    *,
    notice: str = "",
    error: str = "",
    status: int = 200,
) -> Response:
    token = session.new_sign_in_token()
    response = page.render(
        "signin.html",
        status,
        sign_in_token=token,
        target=target,
        username=username,
        notice=page.t(notice) if notice else "",
        error=page.t(error) if error else "",
    )
    session.set_cookie(page.request, response, session.SIGN_IN_COOKIE, token, 3600)
    return response

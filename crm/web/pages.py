"""What every page handler shares: the signed-in admin, the language, rendering, forms.

`Page` is a handler's dependency: it signs the request in from the session cookie (or
sends the browser to the sign-in page, saying why), and `Posted` reads a form and refuses
it unless it carries the session's CSRF token. Handlers are plain `def`s, run in FastAPI's
thread pool like the API's, each calling the services once per use-case.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote

from fastapi import Depends, FastAPI
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from crm.services.actor import Actor, Role
from crm.services.container import CrmServices
from crm.services.errors import Forbidden, NotFound, Unauthorized, Unavailable
from crm.web import i18n, labels, reasons, session, views

TEMPLATES = Path(__file__).with_name("templates")
FORM_LIMIT = 64 * 1024
FIELDS_LIMIT = 200

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters.update(
    money=views.money,
    phone=views.phone,
    number=views.count,
    when=pass_context(lambda context, moment: views.when(moment, context["lang"])),
    day=pass_context(lambda context, value: views.day(value, context["lang"])),
    signed_money=views.signed_money,
    signed_number=views.signed_count,
    percent_bp=views.percent_bp,
    percent=views.percent,
    changes=views.changes,
    reason=reasons.translated,  # {{ text|reason(lang) }}: a service's reason
)
_environment.globals.update(
    flag_labels=labels.FLAGS,
    adjustment_labels=labels.ADJUSTMENTS,
    cap_labels=labels.CAPS,
    op_labels=labels.OP_KINDS,
)

# What a page's own scripts and styles may do: nothing from elsewhere, no inline script.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class NotSignedInError(Exception):
    def __init__(self, target: str, expired: bool) -> None:
        super().__init__(target)
        self.target = target
        self.expired = expired


class PageError(Exception):
    """A page that cannot be shown: 403, 404 or 503, rendered in the reader's language."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message


@dataclass(slots=True)
class PageContext:
    request: Request
    services: CrmServices
    language: str
    actor: Actor | None = None
    token: str = ""
    form: dict[str, str] = field(default_factory=dict)

    @property
    def t(self) -> i18n.Translate:
        return i18n.translator(self.language)

    @property
    def may_write(self) -> bool:
        return self.actor is not None and self.actor.role != Role.READ_ONLY

    @property
    def csrf(self) -> str:
        return session.csrf_token(self.token) if self.token else ""

    def render(self, template: str, status: int = 200, /, **values: Any) -> HTMLResponse:
        """The page `template` with `values` (positional-only: a page may pass its own
        `status` or `template` value)."""
        html = _environment.get_template(template).render(
            t=self.t,
            lang=self.language,
            actor=self.actor,
            may_write=self.may_write,
            csrf=self.csrf,
            csrf_field=session.CSRF_FIELD,
            here=self.request.url.path
            + (f"?{self.request.url.query}" if self.request.url.query else ""),
            **values,
        )
        return HTMLResponse(html, status, headers=SECURITY_HEADERS)


def language_of(request: Request) -> str:
    return i18n.pick(
        request.cookies.get(session.LANGUAGE_COOKIE), request.headers.get("accept-language")
    )


def services_of(request: Request) -> CrmServices:
    found: CrmServices = request.app.state.services
    return found


def anonymous(request: Request) -> PageContext:
    return PageContext(request, services_of(request), language_of(request))


def signed_in(request: Request) -> PageContext:
    page = anonymous(request)
    token = request.cookies.get(session.SESSION_COOKIE)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method != "GET":
        target = "/customers"
    if not token:
        raise NotSignedInError(target, expired=False)
    try:
        page.actor = page.services.accounts.authenticate(token)
    except Unauthorized:
        raise NotSignedInError(target, expired=True) from None
    page.token = token
    return page


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's fields (application/x-www-form-urlencoded, at most 64 KiB)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        raise PageError(
            415, "Something went wrong", "The form was out of date: please send it again."
        )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_LIMIT:
            raise PageError(
                413, "Something went wrong", "The form was out of date: please send it again."
            )
    try:
        pairs = parse_qsl(
            body.decode(), keep_blank_values=True, strict_parsing=False, max_num_fields=FIELDS_LIMIT
        )
    except (UnicodeDecodeError, ValueError):
        raise PageError(
            400, "Something went wrong", "The form was out of date: please send it again."
        ) from None
    return {name: value for name, value in pairs}


def posted(
    page: Annotated[PageContext, Depends(signed_in)],
    form: Annotated[dict[str, str], Depends(form_of)],
) -> PageContext:
    """A signed-in POST whose form carries this session's CSRF token."""
    if not session.same(form.get(session.CSRF_FIELD), page.csrf):
        raise PageError(403, "Not allowed", "The form was out of date: please send it again.")
    page.form = form
    return page


Page = Annotated[PageContext, Depends(signed_in)]
Posted = Annotated[PageContext, Depends(posted)]
Anonymous = Annotated[PageContext, Depends(anonymous)]


@contextmanager
def refusals() -> Iterator[None]:
    """The services' refusals that end a page: not allowed, not found, no database."""
    try:
        yield
    except Forbidden:
        raise PageError(
            403, "Not allowed", "You may only look: your role cannot change anything."
        ) from None
    except NotFound:
        raise PageError(
            404, "Not found", "This customer does not exist (or was deleted)."
        ) from None
    except Unavailable:
        raise PageError(
            503,
            "Something went wrong",
            "The database is unavailable; nothing was changed. Try again in a moment.",
        ) from None


def redirect(target: str) -> RedirectResponse:
    return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedInError)
    async def sign_in_first(request: Request, error: NotSignedInError) -> Response:
        query = f"next={quote(error.target, safe='')}"
        if error.expired:
            query += "&expired=1"
        response = redirect(f"/signin?{query}")
        session.end(response)
        return response

    @app.exception_handler(PageError)
    async def page_error(request: Request, error: PageError) -> Response:
        page = anonymous(request)
        token = request.cookies.get(session.SESSION_COOKIE)
        if token:  # the header's sign-out button needs the session's token
            page.token = token
        return page.render(
            "error.html", error.status, title=page.t(error.title), message=page.t(error.message)
        )

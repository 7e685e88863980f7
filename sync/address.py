"""The CRM's address as a terminal is given it, checked before anything connects.

Kept apart from the HTTP client so that reading the settings does not import httpx: the
terminal starts faster when no CRM is configured.
"""

from __future__ import annotations

from urllib.parse import urlsplit


class CrmUrlError(ValueError):
    """A CRM address the terminal cannot use (the message says why)."""


def parse_crm_url(text: str) -> str:
    """`http(s)://host[:port][/path]` without a trailing slash, or CrmUrlError."""
    url = text.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        if parts.port == 0:  # reading .port raises ValueError for a port out of range
            raise ValueError("port 0")
    except ValueError as error:
        raise CrmUrlError(f"{text!r} is not a CRM address: {error}") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CrmUrlError(f"{text!r} is not a CRM address (write e.g. http://crm.local:8765)")
    if parts.query or parts.fragment:
        raise CrmUrlError(f"{text!r}: a CRM address has no ?query or #fragment")
    return url

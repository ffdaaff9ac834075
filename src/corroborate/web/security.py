"""Authentication and response hardening for the web app.

Write endpoints need ``Authorization: Bearer <token>`` with the configured
token (``CORROBORATE_TOKEN``); with no token configured they are refused, never
open.  Read endpoints are open unless ``Settings.private``; then they need the
token too, as a bearer header or as the cookie the login form sets (browsers
cannot add headers to plain links).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..config import Settings
from ..errors import CorroborateError, error

COOKIE = "corroborate_token"

#: nothing from elsewhere: scripts, styles and images come from /static only
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class AuthError(CorroborateError):
    """E062 with the HTTP status it maps to (401 missing/wrong, 403 writes disabled)."""

    status: int = 401


def _auth(code_status: int, message: str) -> AuthError:
    base = error("E062", message)
    exc = AuthError(base.code, base.message)
    exc.status = code_status
    return exc


def bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def check_write(settings: Settings, authorization: str | None,
                form_token: str | None = None) -> None:
    """Raise `AuthError` unless the request carries the configured token."""
    if not settings.token:
        raise _auth(403, "writes are disabled: no token is configured on the server "
                    "(set CORROBORATE_TOKEN)")
    given = bearer(authorization) or form_token
    if given is None:
        raise _auth(401, "this endpoint needs 'Authorization: Bearer <token>'")
    if not _matches(given, settings.token):
        raise _auth(401, "wrong token")


def check_read(settings: Settings, authorization: str | None, cookie: str | None) -> None:
    """Reads are open unless the server is private; then the token is needed."""
    if not settings.private:
        return
    if not settings.token:
        raise _auth(403, "this server is private and has no token configured "
                    "(set CORROBORATE_TOKEN)")
    given = bearer(authorization) or cookie
    if given is None:
        raise _auth(401, "this server is private: send 'Authorization: Bearer <token>' "
                    "or log in at /login")
    if not _matches(given, settings.token):
        raise _auth(401, "wrong token")


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class SecurityHeaders:
    """Pure ASGI middleware adding CSP and friends to every HTTP response (cheaper
    than a BaseHTTPMiddleware, which wraps every response in a stream)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in HEADERS if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)

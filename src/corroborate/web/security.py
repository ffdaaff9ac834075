"""Authentication and response hardening for the web app.

Write endpoints need ``Authorization: Bearer <token>`` with the configured
token (``CORROBORATE_TOKEN``) or a reviewer's named token (``CORROBORATE_TOKENS``,
``name:token`` pairs: the review log records the name); with no token configured
they are refused, never open.  Read endpoints are open unless ``Settings.private``; then they need the
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


#: the name the review log records for the holder of the unnamed CORROBORATE_TOKEN
UNNAMED = "token"


def writes_enabled(settings: Settings) -> bool:
    return bool(settings.token or settings.tokens)


def token_holder(settings: Settings, given: str | None) -> str | None:
    """The reviewer a token belongs to (`UNNAMED` for CORROBORATE_TOKEN), or None."""
    if given is None:
        return None
    found = None
    # every token compared (no early exit), so timing says nothing about which matched
    for name, token in settings.tokens.items():
        if _matches(given, token):
            found = name
    if found is None and settings.token and _matches(given, settings.token):
        found = UNNAMED
    return found


def check_write(settings: Settings, authorization: str | None,
                form_token: str | None = None) -> str:
    """The name of the token's holder; `AuthError` unless the request carries a
    configured token."""
    if not writes_enabled(settings):
        raise _auth(403, "writes are disabled: no token is configured on the server "
                    "(set CORROBORATE_TOKEN or CORROBORATE_TOKENS)")
    given = bearer(authorization) or form_token
    if given is None:
        raise _auth(401, "this endpoint needs 'Authorization: Bearer <token>'")
    name = token_holder(settings, given)
    if name is None:
        raise _auth(401, "wrong token")
    return name


def check_read(settings: Settings, authorization: str | None, cookie: str | None) -> None:
    """Reads are open unless the server is private; then the token is needed."""
    if not settings.private:
        return
    if not writes_enabled(settings):
        raise _auth(403, "this server is private and has no token configured "
                    "(set CORROBORATE_TOKEN)")
    given = bearer(authorization) or cookie
    if given is None:
        raise _auth(401, "this server is private: send 'Authorization: Bearer <token>' "
                    "or log in at /login")
    if token_holder(settings, given) is None:
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

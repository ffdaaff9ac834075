"""Upload bodies checked as they stream: the token before the files, the size as it grows.

Starlette's form parser spools a whole multipart body to temporary files before
the view sees a field, so a client without a token could fill the server's temp
space.  `guarded_request` reads only the first part (where the ingest form puts
the token), checks it, then hands the parser a body that fails with E060 the
moment it grows past the limit.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import Settings
from ..errors import CorroborateError, error
from .security import COOKIE, check_write, writes_enabled

#: multipart boundaries and part headers on top of the files' own bytes
MULTIPART_ALLOWANCE = 64 * 1024
#: the token part must end within this many bytes of the body's start
FIRST_PART_MAX = 16 * 1024

_BOUNDARY = re.compile(r'boundary="?([^";,]+)"?', re.I)
_NAME = re.compile(rb'content-disposition:[^\r\n]*\bname="([^"]*)"', re.I)


class Overflow:
    """Set when the body outgrew the limit; the E060 to answer with."""

    error: CorroborateError | None = None


async def guarded_request(request: Any, settings: Settings, limit: int) -> tuple[Any, Overflow]:
    """A copy of ``request`` whose body is checked; raises `AuthError` or E060.

    The token comes from the ``Authorization`` header, the login cookie, or the
    first part of a multipart body, and is checked before any file part is read.
    A body that outgrows the limit while the form parser reads it stops the
    parser (which then closes its spooled files) and is recorded in the
    returned `Overflow`, so the view can answer E060.
    """
    from starlette.formparsers import MultiPartException
    from starlette.requests import Request

    overflow = Overflow()
    parsing = False

    max_body = limit + MULTIPART_ALLOWANCE
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_body:
        raise error("E060", f"{int(declared):,} bytes is over the limit of {limit:,} bytes")
    receive = request.receive
    seen = 0
    pending: list[bytes] = []

    async def next_chunk() -> tuple[bytes, bool]:
        nonlocal seen
        message = await receive()
        if message["type"] != "http.request":
            return b"", False
        body = message.get("body", b"")
        seen += len(body)
        if seen > max_body:
            overflow.error = error("E060", f"the upload is over the limit of {limit:,} bytes")
            if parsing:
                # the only exception on which starlette's parser closes its temp files
                raise MultiPartException(overflow.error.message)
            raise overflow.error
        return body, bool(message.get("more_body", False))

    header = request.headers.get("authorization")
    cookie = request.cookies.get(COOKIE)
    more = True
    if header or cookie or not writes_enabled(settings):
        check_write(settings, header, cookie)
    else:
        match = _BOUNDARY.search(request.headers.get("content-type", ""))
        if match is not None:
            delimiter = b"\r\n--" + match[1].encode("latin-1")
            head = b""
            # the first part ends at the second delimiter: read until it is in hand
            while more and head.count(delimiter) < 1 and len(head) < FIRST_PART_MAX:
                chunk, more = await next_chunk()
                head += chunk
            pending.append(head)
            check_write(settings, None, _first_part_token(head, delimiter))
        # a url-encoded form carries no files: the size limit alone bounds it, and
        # the view checks the token field once it is parsed

    parsing = True

    async def replay() -> dict[str, Any]:
        nonlocal more
        if pending:
            return {"type": "http.request", "body": pending.pop(0), "more_body": more}
        if not more:
            return {"type": "http.request", "body": b"", "more_body": False}
        chunk, more = await next_chunk()
        return {"type": "http.request", "body": chunk, "more_body": more}

    return Request(request.scope, receive=replay), overflow


def _first_part_token(head: bytes, delimiter: bytes) -> str | None:
    """The value of the body's first part when that part is the ``token`` field."""
    start = head.find(delimiter[2:])  # the body opens with "--boundary", no CRLF
    if start != 0:
        return None
    end = head.find(delimiter, len(delimiter) - 2)
    if end < 0:
        return None
    part = head[len(delimiter) - 2:end]
    headers, sep, value = part.partition(b"\r\n\r\n")
    name = _NAME.search(headers)
    if not sep or name is None or name[1] != b"token":
        return None
    return value.decode("utf-8", "replace") or None

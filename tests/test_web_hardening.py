"""Web edge cases from the issue-13 attack run: upload streaming, NUL bytes, deep JSON, outlets."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from web_fixtures import TOKEN

CHUNK = b"x" * 65536


class Counted:
    """A request body streamed in 64 KiB chunks (chunked encoding), counting what was sent."""

    def __init__(self, head: bytes, chunks: int) -> None:
        self.head, self.chunks, self.sent = head, chunks, 0

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        for _ in range(self.chunks):
            self.sent += 1
            yield CHUNK


def _multipart(first_name: str, first_value: str) -> bytes:
    return (b"--B\r\nContent-Disposition: form-data; name=\"" + first_name.encode() +
            b"\"\r\n\r\n" + first_value.encode() + b"\r\n--B\r\nContent-Disposition: form-data; "
            b"name=\"files\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n")


def _post_streamed(web: Any, body: Counted) -> tuple[int, bytes]:
    """Drive the ASGI app directly: TestClient reads a whole body before the app runs."""
    chunks = iter(body)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        chunk = next(chunks, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/ingest", "raw_path": b"/ingest",
             "query_string": b"", "root_path": "", "server": ("testserver", 80),
             "client": ("127.0.0.1", 1234),
             "headers": [(b"host", b"testserver"), (b"transfer-encoding", b"chunked"),
                         (b"content-type", b"multipart/form-data; boundary=B")]}
    asyncio.run(web(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], b"".join(m.get("body", b"") for m in sent
                                     if m["type"] == "http.response.body")


def _web(demo_db: Path, **settings: Any) -> Any:
    from corroborate.app import Corroborate
    from corroborate.config import Settings
    from corroborate.web import create_app

    return create_app(Corroborate(Settings(db=str(demo_db), token=TOKEN, **settings)))


def test_web_ingest_checks_the_token_before_reading_the_body(demo_db: Path) -> None:
    web = _web(demo_db)
    for head in (_multipart("title", "no token"), _multipart("token", "wrong")):
        body = Counted(head, chunks=4800)  # 300 MiB if read
        status, _ = _post_streamed(web, body)
        assert status == 401
        assert body.sent <= 1


def test_web_ingest_enforces_the_size_limit_while_streaming(demo_db: Path) -> None:
    web = _web(demo_db, max_upload_bytes=1024 * 1024)
    body = Counted(_multipart("token", TOKEN), chunks=4800)
    status, page = _post_streamed(web, body)
    assert status == 413
    assert b"E060" in page
    # the limit, its multipart allowance and one chunk of slack: never the whole body
    assert body.sent * len(CHUNK) <= 1024 * 1024 + 64 * 1024 + 2 * len(CHUNK)

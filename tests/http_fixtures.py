"""A tiny local web site for URL-list tests: pages, a feed, redirects, errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

PAGE = """<!doctype html><html><head><title>Car bomb kills 9 in Azaz</title>
<meta property="og:site_name" content="Local Wire"></head><body><nav>Home | World</nav>
<article><h1>Car bomb kills 9 in Azaz</h1>
<p>A car bomb killed nine people at a checkpoint in the town of Azaz on Monday, a local
council said, and at least 20 others were wounded.</p>
<p>No group has said it carried out the attack, the council added.</p></article></body></html>
"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Wire</title>
<item><title>Shelling kills 4 in Idlib</title><link>http://example.org/4</link>
<description>Shelling killed four civilians in Idlib city on Tuesday, rescuers said.
</description></item></channel></rss>"""
PLAIN = "Rockets hit Aleppo\n\nRockets killed three people in Aleppo on Sunday, medics said.\n"
BIG = b"x" * 5000


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
        "/a.html": (200, "text/html; charset=utf-8", PAGE.encode(), {}),
        "/feed": (200, "application/rss+xml", FEED.encode(), {}),
        "/plain.txt": (200, "text/plain; charset=utf-8", PLAIN.encode(), {}),
        "/moved": (301, "text/plain", b"", {"Location": "/a.html"}),
        "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
        "/big": (200, "text/html", BIG, {}),
    }

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/trickle":
            self._trickle()
            return
        status, ctype, body, extra = self.routes.get(
            self.path, (404, "text/plain", b"not here", {}))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        """A slow-loris page: 2 bytes every 0.1 s, 80 bytes in all."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "80")
        self.end_headers()
        try:
            for _ in range(40):
                self.wfile.write(b"ab")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client gave up: what the test wants

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

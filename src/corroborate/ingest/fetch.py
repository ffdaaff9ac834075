"""URL lists: a file of http(s) URLs, one a line, whose pages are fetched and read.

A newsroom collects links as it goes; saving them to a file (``.urls``, or a
``.txt`` whose every line is a URL) and ingesting that file reads each page
through the HTML or feed reader, exactly as if it had been saved by hand.

Fetching on behalf of whoever uploads a file is a server-side request forgery
risk, so by default only public addresses are fetched: a URL whose host resolves
to a private, loopback, link-local or otherwise non-global address is refused
(E009), on every redirect hop.  ``[fetch] allow_private = true`` in the config
lifts that for an intranet.  The check resolves the name before the request,
so a name that re-resolves between the check and the connection (DNS
rebinding) is not covered; run the server where it cannot reach what it must
not.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import error

if TYPE_CHECKING:
    from ..config import Settings

URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchPolicy:
    """What a URL list may fetch."""

    allow_private: bool = False
    timeout: float = 15.0
    max_urls: int = 500
    max_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        f = settings.fetch
        return cls(allow_private=f.allow_private, timeout=f.timeout_s, max_urls=f.max_urls,
                   max_bytes=f.max_bytes)


@dataclass
class Page:
    url: str  # after redirects
    content: bytes
    content_type: str


def url_lines(text: str, *, strict: bool = True) -> list[tuple[int, str]] | None:
    """The (line number, URL) pairs of a URL list, blank and ``#`` lines skipped.

    ``strict``: None unless every such line is one http(s) URL (how a ``.txt`` file is
    recognised as a list rather than an article that happens to hold links)."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if strict and (not lines or not all(URL_LINE.match(u) for _, u in lines)):
        return None
    return lines


def check_url(url: str, policy: FetchPolicy) -> None:
    """E009 unless ``url`` is http(s) with a host that may be fetched under ``policy``."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise error("E009", f"{url}: only http and https URLs with a host are fetched",
                    field="url")
    if policy.allow_private:
        return
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:
        raise error("E008", f"{url}: cannot resolve {host} ({exc})", field="url") from None
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        mapped = getattr(addr, "ipv4_mapped", None)
        if not (mapped or addr).is_global:
            raise error("E009", f"{url}: {host} is a private or local address ({addr}); "
                        "set [fetch] allow_private = true to fetch it", field="url")


def fetch(url: str, policy: FetchPolicy) -> Page:
    """GET ``url``, following redirects (each hop checked), at most ``policy.max_bytes``."""
    import httpx  # only URL lists need it

    from .. import __version__

    headers = {"User-Agent": f"corroborate/{__version__}",
               "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                         "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8"}
    # the timeout bounds the whole fetch (every hop, every read): httpx's own timeout
    # is per read, so a page trickling a byte at a time could hold a fetch for ever
    deadline = time.monotonic() + policy.timeout

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise error("E008", f"{url}: not fetched within {policy.timeout:g} s", field="url")
        return left

    with httpx.Client(follow_redirects=False, timeout=policy.timeout, headers=headers) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, policy)
            try:
                with client.stream("GET", current, timeout=remaining()) as r:
                    if r.is_redirect and "location" in r.headers:
                        current = urljoin(current, r.headers["location"])
                        continue
                    if r.status_code >= 400:
                        raise error("E008", f"{url}: HTTP {r.status_code}", field="url")
                    declared = r.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > policy.max_bytes:
                        raise _too_large(url, policy)
                    body = bytearray()
                    for chunk in r.iter_bytes():
                        body.extend(chunk)
                        if len(body) > policy.max_bytes:
                            raise _too_large(url, policy)
                        remaining()
                    return Page(url=str(r.url), content=bytes(body),
                                content_type=r.headers.get("content-type", ""))
            except httpx.HTTPError as exc:
                raise error("E008", f"{url}: {type(exc).__name__}: {exc}", field="url") from None
        raise error("E008", f"{url}: more than {MAX_REDIRECTS} redirects", field="url")


def _too_large(url: str, policy: FetchPolicy) -> Exception:
    return error("E008", f"{url}: larger than {policy.max_bytes:,} bytes", field="url")


def page_format(page: Page) -> str | None:
    """"html", "feed" or "text" from the content type (None: sniff the bytes)."""
    ctype = page.content_type.split(";", 1)[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if ctype == "text/plain":
        return "text"
    return None

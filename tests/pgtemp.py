"""Test support: a throwaway local PostgreSQL server, for tests and benchmarks.

It uses the server binaries of Debian's ``postgresql`` package, keeps its data in
a temporary folder and listens on a unix socket there only (no TCP port), so
several can run side by side.  It is not for production use.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_bindir() -> Path | None:
    """The newest installed PostgreSQL server's ``bin`` folder, or None."""
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(initdbs[-1]).parent if initdbs else None


@contextmanager
def temporary_server(options: str = "") -> Iterator[str]:
    """Start a server (initdb + pg_ctl), yield its URL, stop it and remove its data.

    ``options`` are extra ``postgres`` command-line settings, e.g.
    ``"-c max_connections=50"``.  Raises FileNotFoundError when no server is installed.
    """
    bindir = server_bindir()
    if bindir is None:
        raise FileNotFoundError("no PostgreSQL server binaries under /usr/lib/postgresql")
    tmp = Path(tempfile.mkdtemp(prefix="corroborate-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        shutil.chown(tmp, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data = tmp / "data"
    # the port only names the socket file inside tmp: any number works
    port = 20000 + os.getpid() % 20000
    try:
        subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U",
                        "postgres", "--no-sync", "-E", "UTF8", "--no-locale"],
                       check=True, capture_output=True)
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l",
                        str(tmp / "log"), "-o",
                        f"-k {tmp} -c listen_addresses='' -p {port} -c fsync=off {options}",
                        "start"], check=True, capture_output=True)
        yield f"postgresql://postgres@/postgres?host={tmp}&port={port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def postgres_url(options: str = "") -> Iterator[str]:
    """``CORROBORATE_TEST_PG_URL`` when it is set (CI's server), else a `temporary_server`.

    Raises FileNotFoundError when neither is available."""
    url = os.environ.get("CORROBORATE_TEST_PG_URL")
    if url:
        yield url
        return
    with temporary_server(options) as local:
        yield local

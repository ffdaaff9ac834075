"""Input checks every route shares, made once at the edge of the app.

No store can look up a NUL character (PostgreSQL refuses it outright, SQLite
only by luck), so a path or query parameter holding one is answered here, the
same on every backend: 404 for a path (no id contains one), E108 (422) for a
parameter.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from ..errors import error
from ..ingest.records import storable


async def reject_nul(request: Request) -> None:
    """A FastAPI dependency of the whole app: see the module docstring."""
    from starlette.exceptions import HTTPException

    if "\x00" in request.scope.get("path", ""):
        raise HTTPException(404, "no such page: the path holds a NUL character")
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            raise error("E108", f"query parameter {name.replace(chr(0), '')!r} holds a NUL "
                        "character", field=name.replace("\x00", ""))


def check_storable(value: Any, where: str) -> None:
    """E108 naming the first field of ``value`` (a JSON document) that no store can hold."""
    if isinstance(value, dict):
        for k, v in value.items():
            check_storable(k, where)
            check_storable(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_storable(v, f"{where}[{i}]")
    elif isinstance(value, str) and storable(value)[1]:
        raise error("E108", f"{where} holds a NUL character or a lone surrogate escape",
                    field=where)

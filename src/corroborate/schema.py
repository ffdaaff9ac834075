"""JSON Schemas of the documents corroborate writes, and validation against them.

The canonical files live in ``docs/schema/`` (``<name>.schema.json``) where
users read them; identical copies ship inside the package under
``corroborate/data/schema/`` so an installed corroborate can validate without a
source checkout (a test keeps the two identical).

JSON Schema cannot compare two fields, so `validate` adds the one relational
rule the formats need: every evidence object has ``end > start``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import error

SUFFIX = ".schema.json"
#: the source checkout's docs/schema, used only when the package copy is missing
_DOCS_DIR = Path(__file__).resolve().parents[2] / "docs" / "schema"


def package_dir() -> Path:
    """Where the bundled schema copies live."""
    return Path(str(resources.files("corroborate"))) / "data" / "schema"


def schema_names() -> list[str]:
    """Names of the schemas available (``extraction``, ``incidents``...)."""
    names = {p.name[: -len(SUFFIX)] for d in (package_dir(), _DOCS_DIR) if d.is_dir()
             for p in d.glob("*" + SUFFIX)}
    return sorted(names)


def schema_path(name: str) -> Path:
    for d in (package_dir(), _DOCS_DIR):
        p = d / (name + SUFFIX)
        if p.is_file():
            return p
    raise error("E071", f"no schema named {name!r}; have {schema_names()}")


@cache
def _load(name: str) -> str:
    return schema_path(name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """The schema as a fresh dict (callers may mutate it)."""
    data: dict[str, Any] = json.loads(_load(name))
    return data


def schema_version(name: str) -> str:
    return str(load_schema(name)["version"])


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _span_problems(node: Any, path: str) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        start, end = node.get("start"), node.get("end")
        if (isinstance(start, int) and isinstance(end, int) and "text" in node
                and end <= start):
            found.append(f"{path or '/'}: end ({end}) must be greater than start ({start})")
        for k, v in node.items():
            found.extend(_span_problems(v, f"{path}/{k}"))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found.extend(_span_problems(v, f"{path}/{i}"))
    return found


def problems(instance: Any, name: str) -> list[str]:
    """Every way ``instance`` breaks schema ``name``, as ``/json/pointer: message`` lines."""
    found = []
    errors = sorted(_validator(name).iter_errors(instance),
                    key=lambda e: [str(p) for p in e.absolute_path])
    for err in errors:
        pointer = "/" + "/".join(str(p) for p in err.absolute_path)
        found.append(f"{pointer}: {err.message}")
    found.extend(_span_problems(instance, ""))
    return found


def is_valid(instance: Any, name: str) -> bool:
    return not problems(instance, name)


def validate(instance: Any, name: str) -> None:
    """Raise E070 (listing the first problems) unless ``instance`` matches schema ``name``."""
    found = problems(instance, name)
    if found:
        doc_id = instance.get("id") if isinstance(instance, dict) else None
        more = f"; and {len(found) - 5} more" if len(found) > 5 else ""
        label = f"{name} document" + (f" {doc_id!r}" if doc_id else "")
        raise error("E070", f"{label} is invalid: {'; '.join(found[:5])}{more}",
                    field=name, problems=found)

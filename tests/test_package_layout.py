"""Layering: lower stages never import entry points or later stages; test support stays out."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "corroborate"
PYPROJECT = PKG.parents[1] / "pyproject.toml"


def _imports(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved)."""
    module = ".".join(path.relative_to(PKG.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("store", ("corroborate.ingest", "corroborate.cli", "corroborate.web")),
    ("credibility", ("corroborate.cli", "corroborate.web")),
    ("extract", ("corroborate.cli", "corroborate.web", "corroborate.store")),
])
def test_package_layout_lower_layers_do_not_import_upper(layer: str,
                                                          forbidden: tuple[str, ...]) -> None:
    bad = sorted(f"{p.relative_to(PKG)} imports {name}"
                 for p in (PKG / layer).rglob("*.py") for name in _imports(p)
                 if name.startswith(forbidden))
    assert bad == []


def test_package_layout_test_support_is_not_shipped() -> None:
    assert not (PKG / "store" / "pgtemp.py").exists()


def test_package_layout_runtime_dependencies_are_imported() -> None:
    deps = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    names = {d.split("==")[0].split("[")[0].split(";")[0].strip().lower() for d in deps}
    # distributions whose import name differs, or that are pinned for a documented reason
    indirect = {"charset-normalizer", "pyahocorasick", "py3langid", "scikit-learn",
                "python-multipart", "psycopg-pool", "psycopg", "httptools", "uvloop",
                "click", "anyio", "starlette", "uvicorn"}
    source = "\n".join(p.read_text(encoding="utf-8") for p in PKG.rglob("*.py"))
    unused = sorted(n for n in names - indirect
                    if f"import {n.replace('-', '_')}" not in source
                    and f"from {n.replace('-', '_')}" not in source)
    assert unused == []

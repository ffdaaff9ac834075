"""Shared fixtures.  Stage-specific fixtures live beside their tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Timing varies with machine load (CI shares two cores): property tests check
# behaviour, never speed, so no per-example deadline.
settings.register_profile("corroborate", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("corroborate")

REPO = Path(__file__).resolve().parents[1]

#: fixture modules of single stages (kept beside their tests, loaded here so that
#: test modules need not import fixtures by name)
pytest_plugins = ["web_fixtures", "http_fixtures", "pg_fixtures", "browser_fixtures"]


def _shared() -> Path:
    return Path(os.environ.get("CORROBORATE_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared data beside the repo (seeds, FA-KES, ECB+).

    CI has it; a missing folder is a broken checkout, so fail rather than skip.
    """
    path = _shared()
    if not (path / "seeds").is_dir():
        pytest.fail(f"shared data not found at {path}; set CORROBORATE_SHARED")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def fakes_csv(shared_dir: Path) -> Path:
    return shared_dir / "data" / "fa-kes" / "FA-KES-Dataset.csv"


@pytest.fixture(scope="session")
def crowd_dev_csv(shared_dir: Path) -> Path:
    return shared_dir / "data" / "fa-kes" / "crowd_dev.csv"


@pytest.fixture(scope="session")
def ecbplus_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "ecbplus"

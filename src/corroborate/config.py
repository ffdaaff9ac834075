"""Settings, validated with pydantic at the edge.

Values come from (lowest to highest priority) defaults, a TOML file given with
``--config`` or ``CORROBORATE_CONFIG``, environment variables ``CORROBORATE_*``,
and explicit keyword arguments (CLI options).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field


class LinkSettings(BaseModel):
    date_window_days: int = 10
    threshold: float = 0.5


class Settings(BaseModel):
    db: str = "corroborate.db"
    #: extra gazetteer TSV/CSV files (documented in docs/extending.md)
    gazetteers: list[Path] = Field(default_factory=list)
    #: extra actor alias files
    actor_aliases: list[Path] = Field(default_factory=list)
    link: LinkSettings = Field(default_factory=LinkSettings)
    #: bearer token for write endpoints of the HTTP API
    token: str | None = None
    #: close read endpoints too (they need the token)
    private: bool = False
    max_upload_bytes: int = 10 * 1024 * 1024

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: Any) -> Settings:
        data: dict[str, Any] = {}
        path = config_file or os.environ.get("CORROBORATE_CONFIG")
        if path:
            with open(path, "rb") as fh:
                data.update(tomllib.load(fh))
        env = {
            "db": os.environ.get("CORROBORATE_DB"),
            "token": os.environ.get("CORROBORATE_TOKEN"),
            "private": os.environ.get("CORROBORATE_PRIVATE"),
        }
        data.update({k: v for k, v in env.items() if v is not None})
        data.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(data)

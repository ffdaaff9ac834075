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

from .errors import error


class LinkSettings(BaseModel):
    """Incident linking (`corroborate.link`); docs/linking.md explains each value."""

    date_window_days: int = 10
    #: pair-probability threshold for merging (None: the one learned with the pair model,
    #: tuned on the dev tune halves' B³; docs/linking.md)
    threshold: float | None = None
    #: the mean pair score two clusters need to merge (average linkage); None: `threshold`
    linkage_threshold: float | None = None
    #: two groups of two reports or more merge only when the mean score between them is at
    #: least this share of the lower of their own mean scores within (None: no such test;
    #: picked on the dev tune halves, docs/linking.md)
    cohesion_ratio: float | None = 0.5
    #: two day-precision event dates further apart than this never merge (a hard
    #: constraint, so looser than the scoring window: extracted dates are noisy)
    conflict_days: int = 30
    #: how many days after the event a report may be published (used when the
    #: event date is missing and the published date stands in for it)
    published_window_days: int = 30
    #: two places closer than this (haversine) count as the same place
    near_km: float = 50.0
    #: two point places (towns, villages) further apart than this never hold one incident
    far_km: float = 25.0
    #: text-similarity block: nearest neighbours kept per item, and their minimum cosine
    text_k: int = 5
    text_min_sim: float = 0.1
    #: largest block compared all-against-all (bigger ones are split by date)
    block_cap: int = 500
    #: most neighbours an item gets in the place x date block
    max_block_neighbours: int = 10
    #: characters of title + text used for text similarity (the lead carries the event)
    text_chars: int = 1500
    #: components of the above-threshold graph up to this size get all their
    #: pairs scored before clustering (bigger ones: unscored pairs count as non-matches)
    prefetch_size: int = 60
    #: largest cluster the linker will build
    max_cluster_size: int = 1000
    #: the learned pair model (JSON; None: the one shipped in the package,
    #: corroborate/data/link/pair_model.json); a missing or malformed file is error E250
    pair_model: Path | None = None
    #: logistic pair-model weights by feature name, over the pair model's (None: its weights)
    weights: dict[str, float] | None = None
    intercept: float | None = None


class FetchSettings(BaseModel):
    """How URL lists are fetched (``[fetch]`` in the config file)."""

    #: fetch hosts that resolve to private, loopback or link-local addresses (an
    #: intranet); off by default, so an uploaded list cannot probe the server's network
    allow_private: bool = False
    timeout_s: float = Field(default=15.0, gt=0)
    #: URLs read from one list
    max_urls: int = Field(default=500, ge=1)
    #: largest page fetched
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1)


class Settings(BaseModel):
    db: str = "corroborate.db"
    #: extra gazetteer TSV/CSV files (documented in docs/extending.md)
    gazetteers: list[Path] = Field(default_factory=list)
    #: extra actor alias files
    actor_aliases: list[Path] = Field(default_factory=list)
    #: the credibility classifier `analyze` and `credibility predict` use (None: the model
    #: shipped in the package); a missing or unreadable file is error E052, never a skip
    credibility_model: Path | None = None
    #: rescore the headline killed/injured figures with the learned model (extract/scorer.py)
    figure_scorer: bool = True
    #: the figures model file (None: the one shipped in the package); a missing or unreadable
    #: file is error E230, a file of another format or version E231, never a skip
    figure_model: Path | None = None
    link: LinkSettings = Field(default_factory=LinkSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    #: bearer token for write endpoints of the HTTP API
    token: str | None = None
    #: named reviewers' tokens, name -> token (CORROBORATE_TOKENS="alice:T1,bob:T2" or
    #: CORROBORATE_TOKENS_FILE, one name:token a line); the review log records the name
    tokens: dict[str, str] = Field(default_factory=dict)
    #: close read endpoints too (they need the token)
    private: bool = False
    max_upload_bytes: int = 10 * 1024 * 1024
    #: memory for rendered incident-list pages, per server process (0 turns it off)
    page_cache_mb: int = Field(default=64, ge=0)

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: Any) -> Settings:
        data: dict[str, Any] = {}
        path = config_file or os.environ.get("CORROBORATE_CONFIG")
        if path:
            with open(path, "rb") as fh:
                data.update(tomllib.load(fh))
            # user files named in the config are relative to the config file, so a
            # project folder with its gazetteer works from any working directory
            base = Path(path).resolve().parent
            for key in ("gazetteers", "actor_aliases"):
                if isinstance(data.get(key), list):
                    data[key] = [base / p for p in data[key]]
            for key in ("credibility_model", "figure_model"):
                if isinstance(data.get(key), str):
                    data[key] = base / data[key]
        env = {
            "db": os.environ.get("CORROBORATE_DB"),
            "token": os.environ.get("CORROBORATE_TOKEN"),
            "private": os.environ.get("CORROBORATE_PRIVATE"),
            "page_cache_mb": os.environ.get("CORROBORATE_PAGE_CACHE_MB"),
        }
        data.update({k: v for k, v in env.items() if v is not None})
        named = dict(data.get("tokens") or {})
        if os.environ.get("CORROBORATE_TOKENS_FILE"):
            tokens_file = Path(os.environ["CORROBORATE_TOKENS_FILE"])
            try:
                text = tokens_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise error("E143", f"cannot read the tokens file: {exc.strerror}",
                            file=tokens_file) from None
            named.update(parse_tokens(text, str(tokens_file)))
        if os.environ.get("CORROBORATE_TOKENS"):
            named.update(parse_tokens(os.environ["CORROBORATE_TOKENS"], "CORROBORATE_TOKENS"))
        if named:
            data["tokens"] = named
        data.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(data)


def parse_tokens(text: str, source: str) -> dict[str, str]:
    """Named tokens from ``name:token`` entries, separated by commas or lines (``#``
    starts a comment line); E143 naming the entry that is not one."""
    out: dict[str, str] = {}
    entries = [e for line in text.splitlines() if not line.lstrip().startswith("#")
               for e in line.split(",")]
    for n, entry in enumerate(entries, start=1):
        if not entry.strip():
            continue
        name, sep, token = entry.strip().partition(":")
        if not sep or not name.strip() or not token.strip():
            raise error("E143", f"entry {n} is not name:token", file=source, row=n)
        if name.strip() in out:
            raise error("E143", f"reviewer {name.strip()!r} is named twice", file=source, row=n)
        if token.strip() in out.values():
            raise error("E143", f"entry {n} reuses another reviewer's token", file=source, row=n)
        out[name.strip()] = token.strip()
    return out

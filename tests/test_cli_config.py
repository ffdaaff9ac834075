"""`--config`: a TOML file adds user gazetteers without touching code."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.config import Settings

PLACES = ("name\taliases\tadmin1\tcountry\tlat\tlon\tkind\n"
          "Zarqun Crossing\tZarkun Crossing\tAl-Hasakah\tSY\t36.6\t41.1\tlandmark\n")
REPORT = ("---\ntitle: Shelling at Zarkun Crossing\noutlet: Test Wire\npublished: 2020-03-02\n---\n"
          "Shelling killed four people at Zarkun Crossing on Sunday, activists said.\n")


def _project(tmp_path: Path) -> tuple[Path, Path]:
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "places.tsv").write_text(PLACES, encoding="utf-8")
    cfg = proj / "corroborate.toml"
    cfg.write_text('gazetteers = ["places.tsv"]\n', encoding="utf-8")
    report = tmp_path / "zarkun.md"
    report.write_text(REPORT, encoding="utf-8")
    return cfg, report


def test_cli_config_paths_resolve_against_config_file(tmp_path: Path) -> None:
    cfg, _ = _project(tmp_path)
    settings = Settings.load(cfg)
    assert settings.gazetteers == [cfg.parent / "places.tsv"]


def test_cli_config_user_gazetteer_used_by_extract(tmp_path: Path, monkeypatch) -> None:
    cfg, report = _project(tmp_path)
    monkeypatch.delenv("CORROBORATE_CONFIG", raising=False)
    runner = CliRunner()
    without = runner.invoke(app, ["extract", str(report), "--format", "jsonl", "--quiet"])
    assert without.exit_code == 0, without.output
    place = json.loads(without.stdout.splitlines()[0])["incidents"][0]["place"]
    assert place is None or place["name"] != "Zarqun Crossing"

    try:
        result = runner.invoke(app, ["--config", str(cfg), "extract", str(report), "--format",
                                     "jsonl", "--quiet"])
    finally:
        # the root callback exports the path for Settings.load; keep other tests clean
        os.environ.pop("CORROBORATE_CONFIG", None)
    assert result.exit_code == 0, result.output
    incident = json.loads(result.stdout.splitlines()[0])["incidents"][0]
    assert incident["place"]["name"] == "Zarqun Crossing"
    assert incident["place"]["text"] == "Zarkun Crossing"
    assert incident["date"] == "2020-03-01"  # "on Sunday" in a Monday piece


def test_cli_config_missing_file_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--config", str(tmp_path / "nope.toml"), "incidents"])
    assert result.exit_code != 0


def test_cli_config_library_app_loads_the_documented_config(tmp_path: Path, monkeypatch) -> None:
    from corroborate.app import Corroborate

    cfg = tmp_path / "corroborate.toml"
    cfg.write_text('db = "from-config.db"\n', encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_CONFIG", str(cfg))
    monkeypatch.delenv("CORROBORATE_DB", raising=False)
    # no settings: the file CORROBORATE_CONFIG names, as the CLI reads it
    assert Corroborate(create=False).settings.db == "from-config.db"
    assert Corroborate(create=False, db="override.db").settings.db == "override.db"
    monkeypatch.setenv("CORROBORATE_DB", "from-env.db")
    assert Corroborate(create=False).settings.db == "from-env.db"
    # the caller's settings are used as given, and overrides beside them are refused
    # rather than dropped
    assert Corroborate(Settings(db="mine.db")).settings.db == "mine.db"
    with pytest.raises(TypeError, match="not both"):
        Corroborate(Settings(db="mine.db"), db="other.db")


def test_cli_config_library_extract_without_pipeline_reads_the_config(
        tmp_path: Path, monkeypatch) -> None:
    from corroborate import extract as ex
    from corroborate.ingest import read_inputs

    cfg, report = _project(tmp_path)
    (article,) = read_inputs([report]).articles
    monkeypatch.delenv("CORROBORATE_CONFIG", raising=False)
    ex._shared_default.cache_clear()
    try:
        place = ex.extract(article).incidents[0].place
        assert place is None or place.name != "Zarqun Crossing"
        ex._shared_default.cache_clear()
        monkeypatch.setenv("CORROBORATE_CONFIG", str(cfg))
        place = ex.extract(article).incidents[0].place
        assert place is not None and place.name == "Zarqun Crossing"
    finally:
        # later tests get the pipeline of their own environment
        ex._shared_default.cache_clear()

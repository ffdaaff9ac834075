"""CLI exit codes and usage errors found by the issue-13 new-user run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app as cli_app

runner = CliRunner()


def test_cli_analyze_missing_path_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = runner.invoke(cli_app, ["analyze", str(tmp_path / "nonexistent"), "--db", str(db),
                                     "-q"])
    assert "E001" in result.output
    assert result.exit_code == 1


@pytest.mark.parametrize("value", ["-1", "0"])
def test_cli_max_bytes_must_be_positive(tmp_path: Path, value: str) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Shelling killed 3 people in Idlib on Monday.", encoding="utf-8")
    result = runner.invoke(cli_app, ["ingest", str(text), "--db", str(tmp_path / "x.db"),
                                     "--max-bytes", value])
    assert result.exit_code == 2
    assert "--max-bytes" in result.output
    assert not (tmp_path / "x.db").exists()

"""CLI exit codes and usage errors found by the issue-13 new-user run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app as cli_app
from corroborate.errors import CorroborateError

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


# --- --db typos and unreachable servers (items 10, 11) -------------------------------


@pytest.mark.parametrize("command", [["incidents"], ["articles"], ["show", "a-1"],
                                     ["incident", "inc-1"]])
@pytest.mark.parametrize("db", ["nonexist.db", "no-such-dir/x.db"])
def test_cli_reading_commands_do_not_create_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     command: list[str], db: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli_app, [*command, "--db", db])
    assert isinstance(result.exception, CorroborateError)
    assert result.exception.code == "E105" and db in str(result.exception)
    assert list(tmp_path.iterdir()) == []


def test_cli_writing_command_never_creates_folders(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Shelling killed 3 people in Idlib on Monday.")
    result = runner.invoke(cli_app, ["ingest", "a.txt", "--db", "postgresql//x", "-q"])
    assert isinstance(result.exception, CorroborateError)
    assert result.exception.code == "E105" and "does not exist" in str(result.exception)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_cli_writing_command_creates_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Shelling killed 3 people in Idlib on Monday.")
    assert runner.invoke(cli_app, ["ingest", "a.txt", "--db", "new.db", "-q"]).exit_code == 0
    assert runner.invoke(cli_app, ["articles", "--db", "new.db"]).exit_code == 0


@pytest.mark.parametrize("db", ["sqlite:/fakes.db", "sqlite:fakes.db", "sqlite:////",
                                "mysql://x/y"])
def test_cli_malformed_db_url_is_e040(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      db: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Shelling killed 3 people in Idlib on Monday.")
    result = runner.invoke(cli_app, ["ingest", "a.txt", "--db", db, "-q"])
    assert isinstance(result.exception, CorroborateError)
    assert result.exception.code == "E040"
    assert not Path("/fakes.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("url", ["postgresql://analyst:s3cret-pw@127.0.0.1:1/corroborate",
                                 "postgresql://analyst:s3cret-pw@no-such-host.invalid/db"])
def test_cli_unreachable_postgres_is_one_coded_line(url: str) -> None:
    # the real entry point, in a process of its own: what a user's terminal shows
    proc = subprocess.run([sys.executable, "-c", "from corroborate.cli import main; main()",
                           "incidents", "--db", url], capture_output=True, text=True,
                          timeout=100)
    assert proc.returncode == 2
    output = proc.stdout + proc.stderr
    assert "E106" in output
    assert "s3cret-pw" not in output
    assert "analyst:***@" in output
    assert "Traceback" not in output


# --- dates: reject or parse, never guess (item 13) ------------------------------------


@pytest.mark.parametrize(("command", "value"), [(["incidents", "--since"], "17/09/2016"),
                                                (["articles", "--since"], "yesterday"),
                                                (["incidents", "--until"], "2016-99-99"),
                                                (["articles", "--until"], "2016-02-30"),
                                                (["export", "--format", "csv", "--since"],
                                                 "Sept 2016")])
def test_cli_unreadable_filter_date_is_e107(tmp_path: Path, command: list[str],
                                            value: str) -> None:
    from corroborate.store import open_store

    db = str(tmp_path / "x.db")
    open_store(db).close()
    result = runner.invoke(cli_app, [*command, value, "--db", db])
    assert isinstance(result.exception, CorroborateError), result.output
    assert result.exception.code == "E107"
    assert value in str(result.exception) and "YYYY-MM-DD" in str(result.exception)


def test_cli_ingest_impossible_time_is_not_truncated(tmp_path: Path) -> None:
    from corroborate.ingest import read_inputs

    path = tmp_path / "d.csv"
    path.write_text("text,date\nShelling killed 3 in Idlib.,2016-09-17T25:99:00\n"
                    "Shelling killed 4 in Hama.,2016-09-18T10:30:00\n", encoding="utf-8")
    batch = read_inputs([path])
    assert [a.published for a in batch.articles] == [None, "2016-09-18"]
    assert [(r.code, r.row) for r in batch.rejects] == [("E015", 0)]

"""Every `corroborate` command shown in README.md and docs/*.md runs.

The ```sh / ```bash blocks are parsed; each command line (continuations joined,
comments and environment prefixes handled) runs in order, in-process, in a
workspace laid out as after `make demo`: ``demo-output/demo.db`` holds the
analysed sample corpus and ``../shared`` is the shared data.  The input files
the examples name as placeholders (``reports/``, ``feed.xml``, ``fakes.csv``,
``vdc_export.csv``...) are made there from the bundled sample corpus and the
shared data.  README.md starts with no other store, as a new user does; each
docs page starts with ``corroborate.db`` as a copy of the demo store too, since
their examples continue from an analysed store.

Commands that need a server or the network cannot run here; they are listed in
`EXCEPTIONS` with the reason, and the test fails when an exception no longer
matches any documented command (so the list cannot go stale).
"""

from __future__ import annotations

import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from web_fixtures import REPO, SAMPLE_REPORTS

pytestmark = pytest.mark.slow

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

#: documented commands that are not run, each with why (matched as a regex on the line)
EXCEPTIONS: dict[str, str] = {
    r"^corroborate serve\b": "starts a server and waits for requests "
                             "(tests/test_web_browser.py starts it for real)",
    r"--db postgresql://": "needs a PostgreSQL server (the store tests start one)",
    r"--scheduler tcp://": "needs a running dask scheduler on the network",
    r"^corroborate evaluate (extraction|linking|credibility)$": (
        "evaluates over whole shared corpora for minutes; tests/test_evaluate_*.py and "
        "tests/test_credibility_*.py run the same code"),
    r"^corroborate evaluate train-figures$": (
        "reads both tune halves for minutes and rewrites the shipped model; "
        "tests/test_extract_scorer.py trains on hand-built candidates"),
}

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example feed</title>
<item><title>Shelling kills 5 in Douma</title><pubDate>Mon, 06 Feb 2017 10:00:00 GMT</pubDate>
<description>Government shelling killed 5 civilians in Douma on Monday, medics said.</description>
</item></channel></rss>
"""
STORY = "An airstrike killed 12 people in Idlib on Tuesday, a monitoring group said.\n"


def documented_commands(path: Path) -> list[str]:
    """The `corroborate ...` lines of a page's shell blocks, in order."""
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"^```(?:sh|bash|shell|console)\n(.*?)^```", text, re.S | re.M):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if re.search(r"(^|[|;&]\s*|^\S+=\S+\s+)corroborate\s", line):
                out.append(line)
    return out


def split_command(line: str) -> tuple[dict[str, str], list[str], str | None]:
    """(environment, argv after `corroborate`, stdin file) of one documented line."""
    words = shlex.split(line, comments=True)
    env: dict[str, str] = {}
    stdin = None
    if "|" in words and words.index("|") < words.index("corroborate"):
        head = words[:words.index("|")]
        assert head[0] == "cat", line  # `cat FILE | corroborate ...`
        stdin = head[1]
        words = words[words.index("|") + 1:]
    while "=" in words[0] and words[0] != "corroborate":
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    assert words[0] == "corroborate", line
    args = words[1:]
    if "|" in args:  # `... --output - | head`: the pipe only trims what is shown
        args = args[:args.index("|")]
    return env, args, stdin


def exception_for(line: str) -> str | None:
    # matched on the command itself: no comment, no `VAR=value` prefix
    command = re.sub(r"^(\S+=\S*\s+)+", "", re.sub(r"\s+#.*$", "", line).strip())
    for pattern, why in EXCEPTIONS.items():
        if re.search(pattern, command):
            return why
    return None


@pytest.fixture
def workspace(tmp_path: Path, shared_dir: Path, demo_db_template: Path) -> Path:
    ws = tmp_path / "work"
    ws.mkdir()
    (tmp_path / "shared").symlink_to(shared_dir)  # `../shared` from the workspace
    (ws / "demo-output").mkdir()
    shutil.copy(demo_db_template, ws / "demo-output" / "demo.db")
    shutil.copytree(SAMPLE_REPORTS, ws / "reports")
    (ws / "seeds").symlink_to(shared_dir / "seeds")
    (ws / "feed.xml").write_text(FEED, encoding="utf-8")
    (ws / "story.txt").write_text(STORY, encoding="utf-8")
    shutil.copy(REPO / "src" / "corroborate" / "data" / "reference" / "sample_incidents.csv",
                ws / "vdc_export.csv")
    # a few FA-KES rows stand for the user's CSV files (read at run time, never copied
    # into the repository)
    with (shared_dir / "data" / "fa-kes" / "FA-KES-Dataset.csv").open(
            encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh))[:25]
    for name in ("fakes.csv", "data.csv", "big.csv"):
        with (ws / name).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    return ws


def test_docs_commands_are_found() -> None:
    readme = documented_commands(REPO / "README.md")
    assert any(c.startswith("corroborate incident ") for c in readme)
    assert sum(len(documented_commands(p)) for p in DOCS) > 40
    # every exception still names a documented command
    lines = [c for p in DOCS for c in documented_commands(p)]
    for pattern in EXCEPTIONS:
        assert any(exception_for(c) == EXCEPTIONS[pattern] for c in lines), pattern


def test_docs_exceptions_see_through_env_prefixes() -> None:
    assert exception_for("CORROBORATE_TOKEN=x corroborate serve --db d.db  # web") is not None
    assert exception_for("corroborate incidents --db d.db") is None


def test_docs_split_command_handles_pipes_env_and_comments() -> None:
    assert split_command('corroborate incidents --place "Deir ez-Zor"   # filtered') == \
        ({}, ["incidents", "--place", "Deir ez-Zor"], None)
    assert split_command("CORROBORATE_TOKEN=x corroborate serve --db d.db") == \
        ({"CORROBORATE_TOKEN": "x"}, ["serve", "--db", "d.db"], None)
    assert split_command("cat story.txt | corroborate extract -") == \
        ({}, ["extract", "-"], "story.txt")
    assert split_command("corroborate export --format ucdp --output - | head")[1] == \
        ["export", "--format", "ucdp", "--output", "-"]


@pytest.mark.parametrize("page", [p for p in DOCS if documented_commands(p)],
                         ids=lambda p: p.name)
def test_docs_commands_run_against_the_demo_store(page: Path, workspace: Path,
                                                  demo_db_template: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    commands = documented_commands(page)
    if page.name != "README.md":
        shutil.copy(demo_db_template, workspace / "corroborate.db")
    for var in ("CORROBORATE_DB", "CORROBORATE_TOKEN", "CORROBORATE_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    failures = []
    for line in commands:
        if exception_for(line):
            continue
        env, args, stdin = split_command(line)
        # a real process per command, as a reader runs it (the dask engine starts worker
        # processes of its own, which an in-process runner's captured streams upset)
        done = subprocess.run(
            [sys.executable, "-c", "from corroborate.cli import main; main()", *args],
            cwd=workspace, env={**os.environ, **env}, capture_output=True, text=True,
            input=(workspace / stdin).read_text(encoding="utf-8") if stdin else "",
            timeout=600, check=False)
        if done.returncode != 0:
            failures.append(f"{line}\n  -> exit {done.returncode}: {done.stderr[-600:]}")
    assert not failures, "\n".join(failures)

"""The crowd evaluation: scoring rules on tiny hand-made files, the CLI, and the dev set."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.errors import CorroborateError
from corroborate.evaluate.extraction import (
    baseline_killed,
    evaluate_crowd,
    killed_split,
    read_fakes,
    write_misses,
)
from corroborate.models import Incident, empty_toll

FAKES_HEADER = ["unit_id", "article_title", "article_content", "source", "date", "location",
                "labels"]
CROWD_HEADER = ["row", "unit_id", "source", "date", "location", "actor", "cause_of_death",
                "nb_civilians", "nb_noncivilians", "nb_children", "nb_women", "label"]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    fakes = _write(tmp_path / "fakes.csv", FAKES_HEADER, [
        [1, "Shelling kills 5 civilians", "Shelling killed 5 civilians and 2 soldiers on Monday.",
         "x", "4/7/2017", "NOT-A-PLACE", "1"],
        [1, "Market reopens", "The market reopened on Monday after repairs.", "x", "4/7/2017",
         "aleppo", "1"],
        [3, "Raid kills 9", "A raid killed 9 fighters.", "x", "bad date", "idlib", "0"],
    ])
    crowd = _write(tmp_path / "crowd.csv", CROWD_HEADER, [
        [0, 1, "x", "4/7/17", "aleppo", "unknown", "shelling", 5, 2, 0, 0, 1],
        [1, 1, "x", "4/7/17", "aleppo", "unknown", "unknown", 0, 0, 0, 0, 1],
        [2, 3, "x", "4/7/17", "idlib", "unknown", "unknown", 9, 0, 0, 0, 0],
    ])
    return fakes, crowd


def test_evaluate_extraction_joint_match_and_misses(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    fakes, crowd = tiny
    res = evaluate_crowd(fakes, crowd)
    assert res["n_rows"] == 3
    # rows 0 and 1 match; row 2 is 9 fighters (noncivilian) where the crowd says civilians
    assert res["fields"]["killed"]["correct"] == 2
    assert res["joint_killed_match"] == pytest.approx(2 / 3)
    miss = [m for m in res["misses"] if m["field"] == "killed"]
    assert miss == [{"row": 2, "field": "killed", "expected": "9/0", "got": "0/9",
                     "evidence": "kills 9 | killed 9 fighters"}]
    # the baseline reads "first number before killed" as civilians: rows 1 and 2 only
    assert res["baseline_joint_killed_match"] == pytest.approx(2 / 3)
    out = tmp_path / "misses.csv"
    write_misses(res["misses"], out)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {"row", "field", "expected", "got", "evidence"} == set(rows[0])
    assert len(rows) == len(res["misses"])


def test_evaluate_extraction_never_reads_location_or_labels(tiny: tuple[Path, Path]) -> None:
    fakes, _crowd = tiny
    arts = read_fakes(fakes)
    assert [a.id for a in arts] == ["fakes-0", "fakes-1", "fakes-2"]
    assert arts[0].published == "2017-04-07" and arts[2].published is None
    for a in arts:
        blob = json.dumps(a.to_dict())
        assert "NOT-A-PLACE" not in blob


def test_evaluate_extraction_killed_split_rules() -> None:
    assert killed_split(None) == (0, 0)
    inc = Incident()
    assert killed_split(inc) == (0, 0)
    inc.toll = empty_toll()
    inc.toll["killed"].update(total=22, civilian=6, noncivilian=None)
    assert killed_split(inc) == (22, 0)
    inc.toll["killed"].update(total=9, civilian=4, noncivilian=5)
    assert killed_split(inc) == (4, 5)


def test_evaluate_extraction_baseline_regex() -> None:
    assert baseline_killed("In 2016, 12 people were killed") == (12, 0)
    assert baseline_killed("nobody died") == (0, 0)


def test_evaluate_extraction_bad_files(tmp_path: Path) -> None:
    with pytest.raises(CorroborateError) as e:
        evaluate_crowd(tmp_path / "missing.csv", tmp_path / "missing2.csv")
    assert e.value.code == "E001"
    bad = _write(tmp_path / "bad.csv", ["a", "b"], [[1, 2]])
    with pytest.raises(CorroborateError) as e:
        read_fakes(bad)
    assert e.value.code == "E010"


def test_evaluate_extraction_cli_json_and_misses(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    from corroborate.cli import app

    fakes, crowd = tiny
    misses = tmp_path / "m.csv"
    res = CliRunner().invoke(app, ["evaluate", "extraction", "--data", str(fakes), "--crowd",
                                   str(crowd), "--json", "--misses", str(misses)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout[res.stdout.index("{"):])
    assert data["n_rows"] == 3 and "misses" not in data
    assert misses.exists()


#: measured joint killed match on crowd_dev.csv (see docs/evaluation.md), minus a margin
#: for rule changes elsewhere in the pipeline; a regression guard, not a target
JOINT_KILLED_FLOOR = 0.84


@pytest.mark.slow
def test_evaluate_extraction_dev_set_regression_guard(fakes_csv: Path, crowd_dev_csv: Path) -> None:
    res = evaluate_crowd(fakes_csv, crowd_dev_csv)
    assert res["n_rows"] == 483
    assert res["joint_killed_match"] >= JOINT_KILLED_FLOOR
    assert res["joint_killed_match"] > res["baseline_joint_killed_match"] + 0.3

"""The crowd evaluation: scoring rules on tiny hand-made files, the CLI, and the dev set."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.evaluate.extraction import (
    baseline_killed,
    evaluate_crowd,
    evaluate_gva,
    gva_count,
    gva_state,
    killed_split,
    miss_category,
    read_fakes,
    write_misses,
)
from corroborate.evaluate.splits import half_of
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
    res = evaluate_crowd(fakes, crowd, Settings())
    assert res["n_rows"] == 3
    # rows 0 and 1 match; row 2 is 9 fighters (noncivilian) where the crowd says civilians
    assert res["fields"]["killed"]["correct"] == 2
    assert res["joint_killed_match"] == pytest.approx(2 / 3)
    miss = [m for m in res["misses"] if m["field"] == "killed"]
    assert miss == [{"row": 2, "field": "killed", "category": "split", "expected": "9/0",
                     "got": "0/9", "evidence": "kills 9 | killed 9 fighters"}]
    # the baseline reads "first number before killed" as civilians: rows 1 and 2 only
    assert res["baseline_joint_killed_match"] == pytest.approx(2 / 3)
    out = tmp_path / "misses.csv"
    write_misses(res["misses"], out)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {"row", "field", "category", "expected", "got", "evidence"} == set(rows[0])
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
        evaluate_crowd(tmp_path / "missing.csv", tmp_path / "missing2.csv", Settings())
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
    res = evaluate_crowd(fakes_csv, crowd_dev_csv, Settings())
    assert res["n_rows"] == 483
    assert res["joint_killed_match"] >= JOINT_KILLED_FLOOR
    assert res["joint_killed_match"] > res["baseline_joint_killed_match"] + 0.3


def test_evaluate_extraction_half_keeps_whole_units(tiny: tuple[Path, Path]) -> None:
    fakes, crowd = tiny
    halves = {h: evaluate_crowd(fakes, crowd, Settings(), half=h) for h in ("tune", "test")}
    assert halves["tune"]["n_rows"] + halves["test"]["n_rows"] == 3
    # rows 0 and 1 share unit_id 1, so they fall in the same half
    assert halves[half_of("1")]["n_rows"] >= 2
    assert halves["tune"]["half"] == "tune"


def test_evaluate_extraction_miss_categories() -> None:
    assert miss_category(2, 0) == "missed"
    assert miss_category(0, 1) == "spurious"
    assert miss_category(3, 1) == "under"
    assert miss_category(1, 3) == "over"
    assert miss_category("5/0", "0/5") == "split"
    assert miss_category("5/0", "6/0") == "over"
    assert miss_category("aleppo", "idlib") == "other"


def _gva(folder: Path) -> Path:
    docs = [
        {"doc_id": "a", "incident_id": "1", "title": "Two men shot dead", "dct": "2017-03-02",
         "content": "DAYTON, Ohio — Two men were shot dead and 3 people were wounded on Main "
                    "Street."},
        {"doc_id": "b", "incident_id": "2", "title": "Store reopens", "dct": "2017-03-02",
         "content": "The store reopened on Monday."},
        {"doc_id": "c", "incident_id": "3", "title": "Shooting", "dct": "2017-03-02",
         "content": "Police in Springfield, Ill., are investigating a shooting on Elm Street."},
    ]
    incs = [
        {"incident_id": "1", "date": "March 1, 2017", "state": "Ohio", "city_or_county": "Dayton",
         "num_killed": 2, "num_injured": 3},
        {"incident_id": "2", "date": "March 1, 2017", "state": "Ohio", "city_or_county": "Dayton",
         "num_killed": 0, "num_injured": 0},
        {"incident_id": "3", "date": "March 1, 2017", "state": "Ohio", "city_or_county": "Dayton",
         "num_killed": 1, "num_injured": 0},
    ]
    (folder / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    (folder / "incidents.jsonl").write_text("".join(json.dumps(i) + "\n" for i in incs),
                                            encoding="utf-8")
    return folder


def test_evaluate_extraction_gva_scores_killed_injured_and_baseline(tmp_path: Path) -> None:
    res = evaluate_gva(_gva(tmp_path), Settings())
    assert res["corpus"] == "gva" and res["n_rows"] == 3
    assert res["fields"]["killed"]["correct"] == 2  # doc c has no count of the death
    assert res["fields"]["injured"]["correct"] == 3
    assert res["baseline_killed_match"] == pytest.approx(1 / 3)
    assert res["baseline_injured_match"] == pytest.approx(2 / 3)
    assert res["fields"]["state"]["correct"] == 1  # doc b names no place, doc c another state
    assert [(m["row"], m["field"], m["category"]) for m in res["misses"]] == [
        ("b", "state", "missed"), ("c", "killed", "missed"), ("c", "state", "other")]


def test_evaluate_extraction_gva_unknown_incident(tmp_path: Path) -> None:
    folder = _gva(tmp_path)
    with (folder / "docs.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "z", "incident_id": "99", "content": "x"}) + "\n")
    with pytest.raises(CorroborateError) as e:
        evaluate_gva(folder, Settings())
    assert e.value.code == "E013"


def test_evaluate_extraction_gva_state_is_the_headline_places_division() -> None:
    from corroborate.models import Place, Span

    assert gva_state(None) == "" and gva_state(Incident()) == ""
    inc = Incident(place=Place(name="Dayton", span=Span(0, 6, "Dayton"), admin1="Ohio",
                               country="US", kind="city"))
    assert gva_state(inc) == "Ohio"


def test_evaluate_extraction_gva_count_takes_parts() -> None:
    assert gva_count(None, "killed") == 0
    inc = Incident()
    inc.toll["injured"].update(total=None, civilian=2, noncivilian=1)
    assert gva_count(inc, "injured") == 3
    inc.toll["killed"].update(total=4, civilian=1)
    assert gva_count(inc, "killed") == 4


def test_evaluate_extraction_cli_gva_folder_and_half(tmp_path: Path) -> None:
    from corroborate.cli import app

    folder = _gva(tmp_path)
    misses = tmp_path / "m.csv"
    res = CliRunner().invoke(app, ["evaluate", "extraction", "--data", str(folder), "--half",
                                   "all", "--json", "--misses", str(misses)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout[res.stdout.index("{"):])
    assert data["corpus"] == "gva" and data["miss_categories"] == {
        "killed:missed": 1, "state:missed": 1, "state:other": 1}
    bad = CliRunner().invoke(app, ["evaluate", "extraction", "--data", str(folder), "--half", "x"])
    assert bad.exit_code != 0 and "--half" in bad.output


#: measured GVA dev killed / injured matches on the tune half (docs/evaluation.md: 0.791 and
#: 0.684), minus a margin; a regression guard, not a target
GVA_TUNE_FLOORS = {"killed": 0.77, "injured": 0.66}


@pytest.mark.slow
def test_evaluate_extraction_gva_tune_regression_guard(shared_dir: Path) -> None:
    res = evaluate_gva(shared_dir / "data" / "gva-dev", Settings(), half="tune")
    assert res["n_rows"] == 1459
    for field, floor in GVA_TUNE_FLOORS.items():
        assert res["fields"][field]["accuracy"] >= floor
    assert res["killed_match"] > res["baseline_killed_match"] + 0.3

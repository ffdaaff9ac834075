"""The bundled sample corpus and the FA-KES linking dev gold are well formed.

Only stdlib parsing here: the ingest stage is written separately, and these files are its
input, so they must not be checked with the code they are meant to test.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

CORPUS = Path(str(files("corroborate") / "data" / "sample_corpus"))
REPORTS = CORPUS / "reports"
FAKES_GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "fakes_link_gold.csv"
REQUIRED_KEYS = ("title", "outlet", "published", "paraphrase_of", "note")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2})\.md$")
SMALL_NUMBERS = dict(
    enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        )
    )
)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    lines = text.splitlines()
    assert lines and lines[0] == "---", "file must open with a front-matter block"
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line == "---":
            return meta, "\n".join(lines[i + 1 :])
        key, sep, value = line.partition(":")
        assert sep, f"front-matter line without 'key: value': {line!r}"
        meta[key.strip()] = value.strip()
    raise AssertionError("front matter is not closed by '---'")


def _reports() -> list[Path]:
    return sorted(p for p in REPORTS.glob("*.md"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def gold() -> list[dict[str, str]]:
    return _read_csv(CORPUS / "gold.csv")


@pytest.fixture(scope="module")
def claims() -> list[dict[str, str]]:
    return _read_csv(CORPUS / "gold_claims.csv")


def test_corpus_sample_size_and_companion_files() -> None:
    assert 20 <= len(_reports()) <= 28
    for name in ("README.md", "gold.csv", "gold_claims.csv"):
        assert (CORPUS / name).is_file(), name


@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.name)
def test_corpus_sample_front_matter(path: Path) -> None:
    meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
    for key in REQUIRED_KEYS:
        assert meta.get(key), f"{path.name}: missing or empty {key!r}"
    published = dt.date.fromisoformat(meta["published"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    m = NAME_RE.match(path.name)
    assert m, f"{path.name}: name must be <topic>-<outlet>-<YYYY-MM-DD>.md, lowercase"
    assert m.group(1) == published.isoformat(), "date in the file name differs from published"
    assert meta["note"].startswith("Paraphrase written by the Corroborate authors")
    assert f"as reported by {meta['outlet']}" in meta["note"], "note must name the outlet"
    assert "not the original text" in meta["note"]
    assert 120 <= len(body.split()) <= 300, f"{path.name}: body has {len(body.split())} words"


def test_corpus_sample_gold_covers_every_file_once(gold: list[dict[str, str]]) -> None:
    assert list(gold[0]) == ["file", "incident", "note"]
    names = {p.name for p in _reports()}
    assert {r["file"] for r in gold} == names
    counts: dict[str, int] = defaultdict(int)
    for r in gold:
        counts[r["file"]] += 1
        assert re.fullmatch(r"none|[a-z0-9-]+-\d{4}-\d{2}-\d{2}", r["incident"]), r
    multi = [f for f, n in counts.items() if n > 1]
    # Only a round-up may report several incidents, and each of its rows says so.
    for f in multi:
        assert all("roundup" in r["note"] for r in gold if r["file"] == f), f
    assert multi, "the corpus needs one round-up reporting several incidents"


def test_corpus_sample_incidents_have_three_reports(gold: list[dict[str, str]]) -> None:
    files_by_incident: dict[str, set[str]] = defaultdict(set)
    main: set[str] = set()
    for r in gold:
        files_by_incident[r["incident"]].add(r["file"])
        if r["incident"] != "none" and "distractor" not in r["note"]:
            main.add(r["incident"])
    assert len(main) >= 4
    for key in main:
        assert len(files_by_incident[key]) >= 3, key
    distractor_files = {r["file"] for r in gold if "distractor" in r["note"]}
    assert 4 <= len(distractor_files) <= 6


def test_corpus_sample_claims_match_gold_and_text(
    gold: list[dict[str, str]], claims: list[dict[str, str]]
) -> None:
    assert list(claims[0]) == [
        "file",
        "incident",
        "killed_min",
        "killed_max",
        "injured_min",
        "injured_max",
        "victims",
        "perpetrator",
        "cause",
    ]
    gold_pairs = {(r["file"], r["incident"]) for r in gold if r["incident"] != "none"}
    assert {(r["file"], r["incident"]) for r in claims} == gold_pairs
    for r in claims:
        text = (REPORTS / r["file"]).read_text(encoding="utf-8").lower()
        assert r["victims"] in {"civilian", "noncivilian", "unspecified"}
        for outcome in ("killed", "injured"):
            lo, hi = r[f"{outcome}_min"], r[f"{outcome}_max"]
            assert bool(lo) == bool(hi), r
            if not lo:
                continue
            assert int(lo) <= int(hi), r
            for n in {int(lo), int(hi)}:
                # The figure must be written in the report, as digits or a small number word.
                pattern = rf"\b{n}\b" + (rf"|\b{SMALL_NUMBERS[n]}\b" if n in SMALL_NUMBERS else "")
                assert re.search(pattern, text), f"{r['file']}: {outcome} figure {n} not in text"


def test_corpus_sample_reprint_pair_is_near_identical(gold: list[dict[str, str]]) -> None:
    reprints = sorted(r["file"] for r in gold if "wire reprint" in r["note"])
    assert len(reprints) == 2
    a, b = (_split_front_matter((REPORTS / f).read_text(encoding="utf-8"))[1] for f in reprints)
    assert difflib.SequenceMatcher(None, a, b).ratio() > 0.8


def test_corpus_sample_relay_names_its_source(gold: list[dict[str, str]]) -> None:
    relays = [r["file"] for r in gold if r["note"].startswith("relay of")]
    assert relays
    for f in relays:
        text = (REPORTS / f).read_text(encoding="utf-8")
        assert re.search(r"\b(?:Sputnik|RT) reports\b|\b[Aa]ccording to (?:Sputnik|RT)\b", text)


def test_corpus_sample_fakes_gold_uses_dev_rows_only(crowd_dev_csv: Path) -> None:
    dev_rows = {int(r["row"]) for r in _read_csv(crowd_dev_csv)}
    gold_rows = _read_csv(FAKES_GOLD)
    assert list(gold_rows[0]) == ["row", "incident", "note"]
    rows = [int(r["row"]) for r in gold_rows]
    assert len(rows) == len(set(rows)), "a row is labelled twice"
    assert set(rows) <= dev_rows, f"held-out rows in the gold: {sorted(set(rows) - dev_rows)}"


def test_corpus_sample_fakes_gold_shape() -> None:
    by_incident: dict[str, list[int]] = defaultdict(list)
    for r in _read_csv(FAKES_GOLD):
        by_incident[r["incident"]].append(int(r["row"]))
        assert r["note"].strip() and len(r["note"]) <= 120, r
    incidents = {k: v for k, v in by_incident.items() if not k.startswith("other-")}
    others = {k: v for k, v in by_incident.items() if k.startswith("other-")}
    assert 6 <= len(incidents) <= 10
    assert all(len(v) >= 2 for v in incidents.values())
    assert len(others) >= 25
    for key, rows in others.items():
        assert rows == [int(key.removeprefix("other-"))], key

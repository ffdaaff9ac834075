"""`benchmarks/bench_scale.py` at a smoke-test size: the corpus it generates from the dev
data and one whole-pipeline run (local engine, then an incremental batch).  No timings
are asserted; only that the run happened and was measured."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_scale", REPO / "benchmarks" / "bench_scale.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_scale"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    mod = _bench()
    if not mod.FAKES.is_file() or not mod.GVA_DOCS.is_file():
        pytest.skip("dev data not found: set CORROBORATE_SHARED")
    return mod


def test_bench_scale_generator_moves_events_and_repeats_them(bench: ModuleType, tmp_path: Path) -> None:
    gen = bench.Generator(seed=3)
    n = bench.write_corpus(gen.reports(250), tmp_path / "c")
    assert n == 250
    rows = [json.loads(line) for f in sorted((tmp_path / "c").glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 250 and len({r["id"] for r in rows}) == 250
    events = {r["id"].split("-r")[0] for r in rows}
    # several reports per event on average, and events spread over many days
    assert 60 < len(events) < 220
    assert len({r["published"] for r in rows}) > 50
    assert {"title", "text", "published", "outlet", "url"} <= set(rows[0])
    # the same seed gives the same corpus
    again = bench.Generator(seed=3)
    assert [r["text"] for r in again.reports(20)] == [r["text"] for r in rows[:20]]


def test_bench_scale_figure_and_year_moves(bench: ModuleType) -> None:
    gen = bench.Generator(seed=1)
    tpl = bench.Template("t", "In 2016, 12 people died; 3 were hurt.", gen.templates[0].day,
                         ("Nowhere",), "fakes")
    gen.templates = [tpl]
    rep = gen._report(0, 1, (0, ("Elsewhere",), 365 * 2, 2.0))
    assert "2018" in rep["text"]
    assert ("24 people" in rep["text"]) or ("31 people" in rep["text"])  # odd report: x1.3


@pytest.mark.slow
def test_bench_scale_runs_the_whole_pipeline_at_300_reports(bench: ModuleType, tmp_path: Path) -> None:
    rows = bench.bench([300], ["local"], 40, tmp_path, quiet=True)
    (row,) = rows
    assert row["n"] == 300 and row["engine"] == "local"
    assert row["read"] == 300 and row["extracted"] == row["added"] > 250
    assert 0 < row["incidents"] < row["items"]
    assert row["wall_s"] > 0 and row["cpu_s"] > 0 and row["peak_rss_mb"]["main"] > 50
    inc = row["incremental"]
    assert inc["read"] == 40 and inc["extracted"] == inc["added"]
    assert inc["articles"] == row["articles"] + inc["added"]
    assert list(tmp_path.iterdir()) == []  # the temporary corpus and stores are gone
    bench.print_table(rows)

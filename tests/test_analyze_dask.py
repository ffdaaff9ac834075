"""`analyze --engine dask`: every stage on Dask, the same incidents JSON as the local engine."""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.analyze import sample_corpus_files
from corroborate.cli import app as cli
from corroborate.dask_engine import DaskRunner, bundle, split_even
from corroborate.errors import CorroborateError, error

runner = CliRunner()


def analyze_json(tmp: Path, name: str, inputs: list[str], *extra: str) -> bytes:
    out = tmp / f"{name}.json"
    res = runner.invoke(cli, ["analyze", *inputs, "--db", str(tmp / f"{name}.db"),
                              "--json", str(out), "--quiet", *extra])
    assert res.exit_code == 0, res.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A dask.distributed cluster of two one-thread workers inside this process
    (processes=False: no worker processes to spawn and reap on a loaded CI machine)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as c:
        yield c.scheduler_address


def test_analyze_dask_demo_corpus_gives_the_local_json(tmp_path: Path, cluster: str) -> None:
    files = [str(p) for p in sample_corpus_files()]
    local = analyze_json(tmp_path, "local", files)
    assert analyze_json(tmp_path, "dask", files, "--engine", "dask", "--scheduler", cluster) == local
    # dask's own schedulers, and one task at a time, give it too
    assert analyze_json(tmp_path, "threads", files, "--engine", "dask", "--scheduler", "threads",
                        "--partitions", "1") == local


def test_analyze_dask_again_without_paths_gives_the_local_json(tmp_path: Path,
                                                               cluster: str) -> None:
    # the stored articles analysed again: extraction is skipped, linking runs again
    files = [str(p) for p in sample_corpus_files()]
    first = analyze_json(tmp_path, "local", files)
    res = runner.invoke(cli, ["analyze", "--db", str(tmp_path / "local.db"), "--json",
                              str(tmp_path / "again.json"), "--quiet", "--engine", "dask",
                              "--scheduler", cluster])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "again.json").read_bytes() == first


@pytest.mark.slow
def test_analyze_dask_fakes_gives_the_local_json(tmp_path: Path, fakes_csv: Path,
                                                 cluster: str) -> None:
    local = analyze_json(tmp_path, "local", [str(fakes_csv)])
    dask = analyze_json(tmp_path, "dask", [str(fakes_csv)], "--engine", "dask",
                        "--scheduler", cluster, "--partitions", "4")
    assert dask == local
    assert local.count(b'"reports"') > 100


def test_analyze_dask_keeps_rejects_and_exit_code(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Shelling\npublished: 2016-09-18\n---\n"
                    "Shelling killed three people in Aleppo on Saturday.\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("title,outlet\nno text here,x\n", encoding="utf-8")
    res = runner.invoke(cli, ["analyze", str(good), str(bad), "--db", str(tmp_path / "s.db"),
                              "--engine", "dask", "--scheduler", "synchronous", "--quiet"])
    assert res.exit_code == 1
    assert "E010" in res.output


def test_analyze_dask_cli_refuses_scheduler_without_dask_engine(tmp_path: Path) -> None:
    res = runner.invoke(cli, ["analyze", str(sample_corpus_files()[0]), "--db",
                              str(tmp_path / "s.db"), "--scheduler", "threads"])
    assert res.exit_code == 2
    # the usage error box may wrap the message: compare words
    assert "go with --engine dask" in " ".join(res.output.replace("│", " ").split())


def test_analyze_dask_cli_refuses_unknown_engine_and_zero_partitions(tmp_path: Path) -> None:
    f = str(sample_corpus_files()[0])
    res = runner.invoke(cli, ["analyze", f, "--db", str(tmp_path / "s.db"), "--engine", "spark"])
    assert res.exit_code == 2
    res = runner.invoke(cli, ["analyze", f, "--db", str(tmp_path / "s.db"), "--engine", "dask",
                              "--partitions", "0"])
    assert res.exit_code == 2


def test_analyze_dask_unknown_scheduler_name_is_e201(tmp_path: Path) -> None:
    res = runner.invoke(cli, ["analyze", str(sample_corpus_files()[0]), "--db",
                              str(tmp_path / "s.db"), "--engine", "dask", "--scheduler", "fast"])
    assert isinstance(res.exception, CorroborateError) and res.exception.code == "E201"


def test_analyze_dask_unreachable_scheduler_is_e200_without_traceback(tmp_path: Path) -> None:
    # a port nobody listens on: bind one, note it, close it
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    # the real entry point, as a user runs it: one coded line, no traceback
    proc = subprocess.run([sys.executable, "-c", "from corroborate.cli import main; main()",
                           "analyze", str(sample_corpus_files()[0]), "--db",
                           str(tmp_path / "s.db"), "--engine", "dask", "--scheduler", address,
                           "--quiet"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    said = " ".join((proc.stdout + proc.stderr).split())
    assert "E200" in said and address in said
    assert "Traceback" not in said


def test_analyze_dask_runner_refuses_bad_arguments() -> None:
    with pytest.raises(CorroborateError) as exc:
        DaskRunner("quick")
    assert exc.value.code == "E201"
    with pytest.raises(CorroborateError) as exc:
        DaskRunner("threads", partitions=0)
    assert exc.value.code == "E202"


def test_analyze_dask_runner_map_keeps_task_order() -> None:
    with DaskRunner("threads", partitions=2) as r:
        assert list(r.map(pow, range(10), exp=2)) == [k * k for k in range(10)]


def test_analyze_dask_split_and_bundle_cover_everything_once() -> None:
    assert split_even(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split_even([], 3) == []
    assert split_even([1, 2], 5) == [[1], [2]]
    groups = [[0] * n for n in (5, 1, 4, 2, 3)]
    bundles = bundle(groups, 2)
    assert sorted(g for b in bundles for g in b) == list(range(5))
    assert sorted(sum(len(groups[g]) for g in b) for b in bundles) == [7, 8]


def test_analyze_dask_errors_cross_process_boundaries() -> None:
    # a worker's rejects come back to the driver pickled
    e = error("E012", "row has no text", file="x.csv", row=17, field="text")
    back = pickle.loads(pickle.dumps(e))
    assert back.to_dict() == e.to_dict()


def test_analyze_dask_library_call_returns_the_local_incidents(tmp_path: Path) -> None:
    # the library function, keeping the incidents in memory (what the web app runs)
    from corroborate.analyze import analyze
    from corroborate.app import Corroborate
    from corroborate.config import Settings

    files = sample_corpus_files()
    got = []
    for name, kw in (("l", {}), ("d", {"engine": "dask", "scheduler": "synchronous"})):
        settings = Settings.load().model_copy(update={"db": str(tmp_path / f"{name}.db")})
        with Corroborate(settings) as app:
            got.append(analyze(app, files, **kw).incidents)  # type: ignore[arg-type]
    assert got[0] == got[1] and got[0]


@pytest.mark.postgres
def test_analyze_dask_postgres_workers_write_their_extractions(pg_url: str, tmp_path: Path,
                                                               cluster: str) -> None:
    # with PostgreSQL each extraction task writes its own results from its worker;
    # the incidents JSON is still the local engine's, on a store of the same kind
    import uuid

    import psycopg

    from pg_fixtures import _with_schema

    files = [str(p) for p in sample_corpus_files()]
    schemas = ["t_" + uuid.uuid4().hex[:12] for _ in range(2)]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f"CREATE SCHEMA {schema}")
    try:
        got = []
        for schema, extra in zip(schemas, ([], ["--engine", "dask", "--scheduler", cluster]),
                                 strict=True):
            out = tmp_path / f"{schema}.json"
            res = runner.invoke(cli, ["analyze", *files, "--db", _with_schema(pg_url, schema),
                                      "--json", str(out), "--quiet", *extra])
            assert res.exit_code == 0, res.output
            got.append(out.read_bytes())
        assert got[0] == got[1]
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_analyze_dask_without_dask_installed_is_e072(monkeypatch: pytest.MonkeyPatch) -> None:
    # an import of dask.bag that fails, as on an install without the distributed extra
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(CorroborateError) as exc:
        DaskRunner("threads")
    assert exc.value.code == "E072" and "corroborate[distributed]" in str(exc.value)


STORIES = ["Coalition jets struck army positions near the airport, killing dozens of soldiers",
           "A car bomb exploded in the crowded vegetable market, killing eleven shoppers",
           "Heavy rain flooded the camp and washed away tents of displaced families"]


@pytest.mark.parametrize("parts", [1, 3, 7])
def test_analyze_dask_link_gives_the_local_clusters_and_reasons(parts: int) -> None:
    # many small partitions bundled into few tasks: the clusters of linking all items at
    # once, and each incident's merge reasons in the same order
    import random

    from corroborate.config import Settings
    from corroborate.dask_engine import link_dask
    from corroborate.link import Linker, LinkItem

    rng = random.Random(parts)
    items = [LinkItem(article_id=f"a{k}", incident_index=0,
                      date=f"2016-09-{10 + rng.randrange(12):02d}", date_precision="day",
                      published=f"2016-09-{12 + rng.randrange(12):02d}",
                      admin1=rng.choice(["Aleppo", "Idlib", None]),
                      country=rng.choice(["SY", None]),
                      cause=rng.choice(["airstrike", "car bomb", None]),
                      text=rng.choice(STORIES) + rng.choice(["", " on Saturday", ", medics said"]))
             for k in range(60)]
    s = Settings()
    linker = Linker(s)
    whole = linker.link(items, explain=True)
    with DaskRunner("synchronous", partitions=parts) as r:
        clusters, reasons = link_dask(r, items, s)
    assert clusters == whole

    def by_cluster(why: list[dict]) -> dict[int, list[dict]]:
        where = {items[i].key: n for n, c in enumerate(whole) for i in c}
        out: dict[int, list[dict]] = {}
        for w in why:
            a = w["reports"][0]
            out.setdefault(where[(a["article_id"], a["incident_index"])], []).append(w)
        return out

    assert by_cluster(reasons) == by_cluster(linker.reasons)
    assert len(whole) < len(items)  # some reports were linked: the reasons are not empty


def test_analyze_dask_incremental_equals_a_full_local_reanalysis(tmp_path: Path) -> None:
    # the second half added with --incremental on dask: the changed partitions, each
    # linked alone on a task, give the store and JSON of analysing everything again
    import json

    from corroborate.analyze import analyze, write_outputs
    from corroborate.app import Corroborate
    from corroborate.config import Settings

    files = sample_corpus_files()
    got = []
    for name, kw in (("full", {}), ("incr", {"incremental": True, "engine": "dask",
                                             "scheduler": "synchronous", "partitions": 3})):
        with Corroborate(Settings.load(db=str(tmp_path / f"{name}.db"))) as app:
            analyze(app, files[::2], keep_incidents=False)
            result = analyze(app, files[1::2], keep_incidents=False, **kw)  # type: ignore[arg-type]
            assert (result.relinked is not None) == (name == "incr")
            write_outputs(app, result, json_path=tmp_path / f"{name}.json")
            verdicts = sorted(json.dumps(v, sort_keys=True) for v in app.store.iter_verdicts())
        got.append(((tmp_path / f"{name}.json").read_bytes(), verdicts))
    assert got[0] == got[1] and got[0][1]

"""One store test suite, run against SQLite and PostgreSQL.

The PostgreSQL parameter uses ``CORROBORATE_TEST_PG_URL`` when set; otherwise
it starts a throwaway server from the local PostgreSQL binaries.  Under
``CI=true`` a missing server fails the run instead of skipping.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.errors import CorroborateError
from corroborate.models import Article, Provenance
from corroborate.store import IncidentQuery, Store, open_store
from corroborate.store.base import SCHEMA_VERSION


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()


# --- helpers -------------------------------------------------------------------------


def art(aid: str, text: str, *, source: str = "in.csv", row: int | None = 0,
        **kw: object) -> Article:
    meta = kw.pop("metadata", {})
    return Article(id=aid, text=text, provenance=[Provenance(source, row, meta)], **kw)  # type: ignore[arg-type]


def incident(iid: str, members: list[str], **kw: object) -> dict:
    d: dict = {"id": iid, "label": iid, "reports": [{"article_id": m, "incident_index": 0}
                                                    for m in members]}
    d.update(kw)
    return d


# --- schema --------------------------------------------------------------------------


def test_store_migrates_on_open_and_reopens(store_url: str) -> None:
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION
        s.add_articles([art("a", "Shelling in the old town.")])
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.count_articles() == 1


def test_store_rejects_newer_schema(store_url: str) -> None:
    with open_store(store_url) as s:
        s.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",  # type: ignore[attr-defined]
                  (str(SCHEMA_VERSION + 1),))
    with pytest.raises(CorroborateError) as exc:
        open_store(store_url)
    assert exc.value.code == "E041"


# --- articles ----------------------------------------------------------------------


def test_store_article_roundtrip(store: Store) -> None:
    a = art("r1", "Rockets hit the square; three were killed.", title="Rockets hit square",
            outlet="Example Gazette", url="https://x.example/1", published="2021-08-09",
            language="en", source="a.md", row=None, metadata={"note": "ü", "n": 3})
    result = store.add_articles([a])
    assert result.added == ["r1"] and result.duplicates == []
    got = store.get_article("r1")
    assert got is not None
    assert got.to_dict() == a.to_dict()
    assert got.provenance[0].row is None
    assert store.get_article("missing") is None


def test_store_dedupes_on_content_and_merges_provenance(store: Store) -> None:
    store.add_articles([art("x-0", "Same text here.", row=0, metadata={"labels": "1"})])
    r = store.add_articles([art("x-7", "same   TEXT here.", row=7, metadata={"labels": "0"})])
    assert r.added == [] and r.duplicates == ["x-0"]
    got = store.get_article("x-0")
    assert got is not None
    assert [(p.row, p.metadata["labels"]) for p in got.provenance] == [(0, "1"), (7, "0")]
    assert store.get_article("x-7") is None
    # the same occurrence again adds nothing
    store.add_articles([art("x-7", "Same text here.", row=7, metadata={"labels": "0"})])
    got = store.get_article("x-0")
    assert got is not None and len(got.provenance) == 2


def test_store_suffixes_a_taken_id_with_the_hash(store: Store) -> None:
    store.add_articles([art("dup", "First text.")])
    b = art("dup", "A different text.", row=1)
    r = store.add_articles([b])
    assert r.added == [f"dup-{b.content_hash[:6]}"]
    got = store.get_article(r.added[0])
    assert got is not None and got.text == "A different text."


def test_store_add_is_atomic_and_rerun_completes(store: Store) -> None:
    good = [art(f"g{i}", f"Report number {i} about shelling.", row=i) for i in range(5)]

    def stream_failing_midway() -> Iterator[Article]:
        yield from good[:3]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.add_articles(stream_failing_midway())
    assert store.count_articles() == 0
    store.add_articles(good)
    store.add_articles(good)
    assert store.count_articles() == 5
    assert all(len(a.provenance) == 1 for a in store.iter_articles())


def test_store_list_filters_search_and_pages(store: Store) -> None:
    store.add_articles([
        art("a", "An airstrike hit the hospital in the north.", outlet="Wire One",
            published="2019-01-10", title="Hospital struck", row=0),
        art("b", "Shelling killed two farmers near the river.", outlet="wire one",
            published="2019-03-01", row=1),
        art("c", "Talks resumed in the capital.", outlet="Daily Two", published=None, row=2),
        art("d", "Airstrikes were reported on several villages.", outlet="Daily Two",
            published="2018-12-31", row=3),
    ])
    ids = lambda arts: [a.id for a in arts]  # noqa: E731
    assert ids(store.list_articles()) == ["b", "a", "d", "c"]  # newest first, undated last
    assert ids(store.list_articles(outlet="WIRE ONE")) == ["b", "a"]
    assert store.count_articles(outlet="daily two") == 2
    assert ids(store.list_articles(q="hospital")) == ["a"]
    assert ids(store.list_articles(q="struck")) == ["a"]  # title is searched too
    assert set(ids(store.list_articles(q="airstrike"))) == {"a", "d"}  # stemmed
    assert ids(store.list_articles(q="airstrike north")) == ["a"]  # every word
    assert ids(store.list_articles(q='"north" OR NEAR(*')) == []  # syntax is not interpreted
    assert ids(store.list_articles(date_from="2019-01-01", date_to="2019-02-01")) == ["a"]
    assert ids(store.list_articles(limit=2, offset=1)) == ["a", "d"]
    assert store.count_articles(q="talks", date_from="2000-01-01") == 0


def test_store_iter_articles_is_stable_and_pages(store: Store) -> None:
    articles = [art(f"n{i:04d}", f"Item {i} text.", row=i) for i in range(1203)]
    store.add_articles(articles)
    assert [a.id for a in store.iter_articles()] == [a.id for a in articles]
    assert [a.id for a in store.iter_articles(["n0005", "n0002", "zzz"])] == ["n0002", "n0005"]


def test_store_accepts_a_5mb_article(store: Store) -> None:
    words = [f"w{i}" for i in range(50_000)]
    text = ((" ".join(words) + " ") * 16)[:5_000_000] + "end"
    assert len(text.encode()) > 5_000_000
    store.add_articles([art("big", text)])
    got = store.get_article("big")
    assert got is not None and got.text == text
    assert [a.id for a in store.list_articles(q="w123")] == ["big"]


# --- extractions, incidents, verdicts ----------------------------------------------


def test_store_extractions_upsert(store: Store) -> None:
    store.put_extractions([{"id": "a", "incidents": []}, {"id": "b", "incidents": [{"x": 1}]}])
    store.put_extractions([{"id": "a", "incidents": [{"date": "2016-09-17"}]}])
    assert store.get_extraction("a") == {"id": "a", "incidents": [{"date": "2016-09-17"}]}
    assert store.get_extraction("zzz") is None
    assert [e["id"] for e in store.iter_extractions()] == ["a", "b"]


@pytest.fixture
def linked(store: Store) -> Store:
    store.add_articles([
        art("a1", "Coalition jets bombed army positions near the airport.", row=0),
        art("a2", "The ministry said the strike on the airport was deliberate.", row=1),
        art("a3", "A car bomb exploded at the market.", row=2),
    ])
    store.replace_incidents([
        incident("inc-1", ["a1", "a2"], date="2016-09-17", actors=["US-led coalition"],
                 place={"name": "Deir ez-Zor", "admin1": "Deir ez-Zor", "country": "SY"},
                 cause="airstrike", grade={"label": "contested", "rule": "r"},
                 contradictions=[{"field": "killed"}],
                 consensus={"killed": {"conservative": 62}}),
        incident("inc-2", ["a3"], date="2017-01-02", actors=["Islamic State"],
                 place={"name": "Azaz", "admin1": "Aleppo", "country": "SY"},
                 cause="car_bomb", grade={"label": "single_source", "rule": "r"},
                 contradictions=[], consensus={"killed": {"conservative": 5}}),
        incident("inc-3", ["a3"], date=None, actors=[], place=None, cause=None,
                 grade={"label": "weak", "rule": "r"}, contradictions=[], consensus={}),
    ])
    return store


def test_store_incident_filters(linked: Store) -> None:
    def ids(**kw: object) -> list[str]:
        rows, total = linked.list_incidents(IncidentQuery(**kw))  # type: ignore[arg-type]
        assert total >= len(rows)
        return [r["id"] for r in rows]

    assert ids() == ["inc-1", "inc-2", "inc-3"]
    assert ids(sort="-date") == ["inc-2", "inc-1", "inc-3"]
    assert ids(sort="-killed") == ["inc-1", "inc-2", "inc-3"]
    assert ids(sort="killed") == ["inc-2", "inc-1", "inc-3"]
    assert ids(sort="-reports")[0] == "inc-1"
    assert ids(q="airport deliberate") == ["inc-1"]
    assert ids(q="market") == ["inc-2", "inc-3"]
    assert ids(place="aleppo") == ["inc-2"]
    assert ids(place="DEIR") == ["inc-1"]
    assert ids(place="100%") == []
    assert ids(actor="coalition") == ["inc-1"]
    assert ids(cause="car_bomb") == ["inc-2"]
    assert ids(grade="contested") == ["inc-1"]
    assert ids(has_contradictions=True) == ["inc-1"]
    assert ids(has_contradictions=False) == ["inc-2", "inc-3"]
    assert ids(date_from="2017-01-01") == ["inc-2"]
    assert ids(date_to="2016-12-31") == ["inc-1"]
    rows, total = linked.list_incidents(IncidentQuery(limit=1, offset=1))
    assert [r["id"] for r in rows] == ["inc-2"] and total == 3
    with pytest.raises(ValueError):
        linked.list_incidents(IncidentQuery(sort="bogus"))


def test_store_incidents_replace_and_lookup(linked: Store) -> None:
    inc = linked.get_incident("inc-1")
    assert inc is not None and inc["consensus"]["killed"]["conservative"] == 62
    assert [i["id"] for i in linked.incidents_for_article("a3")] == ["inc-2", "inc-3"]
    linked.replace_incidents([incident("inc-9", ["a1"], date="2016-09-18")])
    assert linked.get_incident("inc-1") is None
    assert linked.incidents_for_article("a3") == []
    assert [i["id"] for i in linked.incidents_for_article("a1")] == ["inc-9"]
    rows, total = linked.list_incidents(IncidentQuery(q="market"))
    assert (rows, total) == ([], 0)


def test_store_replace_incidents_is_atomic(linked: Store) -> None:
    with pytest.raises(KeyError):
        linked.replace_incidents([incident("inc-new", ["a1"]), {"label": "no id"}])
    assert linked.get_incident("inc-1") is not None and linked.get_incident("inc-new") is None


def test_store_replace_incidents_in_batches_writes_all_and_stays_atomic(
        linked: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(type(linked), "INSERT_BATCH", 2)
    many = [incident(f"inc-b{k}", [f"a{k % 3 + 1}"], date=f"2017-01-{k + 1:02d}") for k in range(7)]
    linked.replace_incidents(many)
    rows, total = linked.list_incidents(IncidentQuery(sort="date", limit=50))
    assert total == 7 and [r["id"] for r in rows] == [f"inc-b{k}" for k in range(7)]
    assert {i["id"] for i in linked.incidents_for_article("a1")} == {"inc-b0", "inc-b3", "inc-b6"}
    # a bad incident in a later batch undoes the batches already written
    with pytest.raises(KeyError):
        linked.replace_incidents([*many[:5], {"label": "no id"}])
    assert linked.list_incidents(IncidentQuery(limit=50))[1] == 7


def test_store_iter_incidents_reads_in_the_order_given(linked: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    many = [incident(f"inc-c{k}", [f"a{k % 3 + 1}"]) for k in range(6)]
    linked.replace_incidents(iter(many))  # an iterator is written as it comes
    # batches of two, so the order given is kept across batches
    monkeypatch.setattr(type(linked), "_in_lists", staticmethod(_pairs))
    order = ["inc-c4", "nope", "inc-c0", "inc-c5", "inc-c2"]
    assert [i["id"] for i in linked.iter_incidents(order)] == ["inc-c4", "inc-c0", "inc-c5",
                                                               "inc-c2"]
    assert linked.iter_incidents(["inc-c1"]).__next__() == many[1]
    assert list(linked.iter_incidents([])) == []


def _pairs(values: list[str], size: int = 2) -> Iterator[tuple[list[str], str]]:
    for k in range(0, len(values), 2):
        part = list(values[k:k + 2])
        yield part, ", ".join("?" for _ in part)


def test_store_verdicts_upsert(store: Store) -> None:
    store.put_verdicts("reference", [{"article_id": "a", "label": "fake", "score": 0.1,
                                      "reasons": ["r"], "details": {}}])
    store.put_verdicts("consensus", [{"article_id": "a", "label": "consistent", "score": None,
                                      "reasons": [], "details": {}}])
    store.put_verdicts("reference", [{"article_id": "a", "label": "credible", "score": 0.9,
                                      "reasons": [], "details": {}}])
    got = store.get_verdicts("a")
    assert [(v["kind"], v["label"]) for v in got] == [("consensus", "consistent"),
                                                      ("reference", "credible")]
    assert [v["label"] for v in store.iter_verdicts("reference")] == ["credible"]
    assert len(list(store.iter_verdicts())) == 2
    assert store.get_verdicts("b") == []
    store.put_verdicts("reference", [{"article_id": "c", "label": "fake", "score": 0.2,
                                      "reasons": [], "details": {}}])
    many = store.verdicts_for(["c", "b", "a", "c"])
    assert list(many) == ["a", "c"] and many["a"] == got
    assert [v["label"] for v in many["c"]] == ["fake"]
    assert store.verdicts_for([]) == {}
    # verdicts are part of what incident pages show, so writing them moves the generation
    before = store.incidents_generation()
    store.put_verdicts("consensus", [])
    assert store.incidents_generation() == before + 1


def test_store_list_incidents_with_10000(store: Store) -> None:
    store.add_articles([art(f"a{i}", f"Report {i} of shelling in district {i % 50}.", row=i)
                        for i in range(200)])
    causes = ["airstrike", "shelling", "car_bomb", None]
    incidents = [
        incident(f"inc-{i:05d}", [f"a{i % 200}"], date=f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}",
                 actors=[f"Group {i % 30}"], place={"name": f"Town {i % 300}", "admin1": "Idlib"},
                 cause=causes[i % 4], grade={"label": "fair"}, contradictions=[],
                 consensus={"killed": {"conservative": i % 97}})
        for i in range(10_000)
    ]
    store.replace_incidents(incidents)
    for query in (IncidentQuery(), IncidentQuery(sort="-killed"), IncidentQuery(place="town 7"),
                  IncidentQuery(cause="shelling", sort="-date", offset=200),
                  IncidentQuery(q="district 7"), IncidentQuery(actor="group 3")):
        rows, total = store.list_incidents(query)
        assert rows and total >= len(rows)
    rows, total = store.list_incidents(IncidentQuery())
    assert total == 10_000
    rows, _ = store.list_incidents(IncidentQuery(sort="-killed"))
    assert rows[0]["consensus"]["killed"]["conservative"] == 96
    _, total = store.list_incidents(IncidentQuery(cause="car_bomb"))
    assert total == 2500


def test_store_is_safe_across_threads(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(n: int) -> int:
        store.add_articles([art(f"t{n}-{i}", f"Thread {n} report {i}.", source=f"s{n}", row=i)
                            for i in range(20)])
        return store.count_articles()

    with ThreadPoolExecutor(max_workers=4) as pool:
        counts = list(pool.map(work, range(8)))
    assert max(counts) == 160 and store.count_articles() == 160


# --- schema version 2: narrow index table, documents apart ---------------------------


def test_store_migrates_a_version_1_store_with_incidents(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import corroborate.store.sql as sql

    monkeypatch.setattr(sql, "SCHEMA_VERSION", 1)
    doc = incident("inc-old", ["a1"], date="2016-09-17", label="old one",
                   place={"name": "Deir ez-Zor", "admin1": "Deir ez-Zor"},
                   grade={"label": "weak", "rule": "r"}, contradictions=[{"field": "killed"}],
                   consensus={"killed": {"conservative": 62, "median": 70}})
    with open_store(store_url) as s:
        assert s.schema_version() == 1
        s.add_articles([art("a1", "Jets struck the airport hill.")])
        s.execute(  # type: ignore[attr-defined]
            "INSERT INTO incidents (id, data, date, place_name, admin1, grade, "
            "has_contradictions, n_reports, killed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("inc-old", json.dumps(doc), "2016-09-17", "Deir ez-Zor", "Deir ez-Zor", "weak",
             1, 1, 62.0))
    monkeypatch.setattr(sql, "SCHEMA_VERSION", SCHEMA_VERSION)
    with open_store(store_url) as s:
        assert s.schema_version() == SCHEMA_VERSION == 8
        assert s.get_incident("inc-old") == doc
        assert s.get_job("none") is None  # version 3's table is there
        assert list(s.iter_review()) == []  # and version 4's log
        assert s.resolve_incident_id("inc-old") == "inc-old"  # and version 5's id history
        rows, total = s.list_incident_summaries(IncidentQuery(place="deir", sort="-killed"))
        assert total == 1 and rows[0]["label"] == "old one" and rows[0]["killed"] == 62
        assert rows[0]["contradictions"] == 1
        assert rows[0]["disputed"] == ["killed"]  # version 6 refreshed the summary
        rows, _ = s.list_incident_summaries(IncidentQuery(sort="-contradictions"))
        assert [r["id"] for r in rows] == ["inc-old"]
        assert [f["consensus"]["killed"]["median"] for f in s.iter_incident_facts()] == [70]
        full, _ = s.list_incidents(IncidentQuery())
        assert full == [doc]
        # version 7 filled date_last, which --since reads
        assert s.list_incidents(IncidentQuery(date_from="2016-09-17"))[1] == 1


def test_store_migrates_version_7_reference_labels(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 8 renames the stored reference label ``no_match`` to ``disagrees`` and
    leaves every other label and kind alone."""
    import corroborate.store.sql as sql

    monkeypatch.setattr(sql, "SCHEMA_VERSION", 7)
    with open_store(store_url) as s:
        s.add_articles([art("a1", "Jets struck the hill."), art("a2", "A shell hit a market.")])
        s.put_verdicts("reference", [
            {"article_id": "a1", "kind": "reference", "label": "no_match", "score": 0.0},
            {"article_id": "a2", "kind": "reference", "label": "match", "score": 1.0}])
        # a label of another kind that happens to share the old name is not a reference label
        s.put_verdicts("consensus", [
            {"article_id": "a1", "kind": "consensus", "label": "no_match", "score": 0.5}])
    monkeypatch.setattr(sql, "SCHEMA_VERSION", SCHEMA_VERSION)
    with open_store(store_url) as s:
        assert s.schema_version() == 8
        got = {(v["article_id"], v["kind"]): v["label"] for v in s.iter_verdicts()}
    assert got == {("a1", "reference"): "disagrees", ("a2", "reference"): "match",
                   ("a1", "consensus"): "no_match"}


def test_store_summaries_match_the_documents(linked: Store) -> None:
    from corroborate.store.summary import incident_summary

    for sort in ("date", "-date", "reports", "-reports", "killed", "-killed"):
        full, total = linked.list_incidents(IncidentQuery(sort=sort))
        rows, total2 = linked.list_incident_summaries(IncidentQuery(sort=sort))
        assert total == total2 == 3
        assert rows == [incident_summary(d) for d in full]
    rows, total = linked.list_incident_summaries(IncidentQuery(limit=2))
    assert [r["id"] for r in rows] == ["inc-1", "inc-2"] and total == 3
    rows, total = linked.list_incident_summaries(IncidentQuery(offset=5))
    assert rows == [] and total == 3


def test_store_counts_a_short_page_without_error(linked: Store) -> None:
    # the short-page shortcut must agree with a real count at every offset and limit
    for limit in (1, 2, 3, 4):
        for offset in range(5):
            rows, total = linked.list_incidents(IncidentQuery(limit=limit, offset=offset))
            assert total == 3 and len(rows) == max(0, min(limit, 3 - offset))
    rows, total = linked.list_incidents(IncidentQuery(limit=0))
    assert rows == [] and total == 3


def test_store_outlet_facts_and_generation(linked: Store) -> None:
    gen = linked.incidents_generation()
    assert gen >= 1
    facts = sorted(linked.iter_incident_facts(), key=lambda f: f["id"])
    assert [len(f["reports"]) for f in facts] == [2, 1, 1]
    linked.replace_incidents([incident("inc-9", ["a1"])])
    assert linked.incidents_generation() == gen + 1
    assert [f["id"] for f in linked.iter_incident_facts()] == ["inc-9"]


def test_store_sqlite_pages_walk_an_index(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as s:
        for sort in ("date", "-date", "reports", "-reports", "killed", "-killed"):
            from corroborate.store.sql import _SORTS

            plan = s.execute(  # type: ignore[attr-defined]
                f"EXPLAIN QUERY PLAN SELECT id FROM incidents ORDER BY {_SORTS[sort]} "
                "LIMIT 50 OFFSET 5000")
            text = " ".join(str(r[-1]) for r in plan)
            assert "TEMP B-TREE" not in text, (sort, text)


def test_store_sqlite_readers_use_their_own_connections(tmp_path: Path) -> None:
    import threading

    with open_store(str(tmp_path / "s.db")) as s:
        s.replace_incidents([incident(f"inc-{i}", [f"a{i}"], date=f"2016-01-{i + 1:02d}")
                             for i in range(20)])
        barrier = threading.Barrier(4)
        conns: list[int] = []
        totals: list[int] = []

        def read() -> None:
            barrier.wait()
            totals.append(s.list_incident_summaries(IncidentQuery(limit=5))[1])
            conns.append(id(s._conn))  # type: ignore[attr-defined]

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert totals == [20] * 4 and len(set(conns)) == 4


def test_store_count_cache_sees_other_writers(store_url: str) -> None:
    many = [incident(f"inc-{i:03d}", [f"a{i}"], cause="shelling") for i in range(120)]
    with open_store(store_url) as reader, open_store(store_url) as writer:
        writer.replace_incidents(many)
        query = IncidentQuery(cause="shelling", limit=10)
        assert reader.list_incident_summaries(query)[1] == 120
        assert reader.list_incident_summaries(query)[1] == 120  # now from the cache
        writer.replace_incidents(many[:60])
        assert reader.list_incident_summaries(query)[1] == 60
        assert reader.list_incidents(IncidentQuery(cause="shelling", limit=10))[1] == 60


def test_store_jobs_keep_the_newest_finished(store: Store) -> None:
    for i in range(5):
        store.put_job({"id": f"j{i}", "state": "done", "created": float(i),
                       "finished_at": float(i) + 0.5})
    store.put_job({"id": "running", "state": "running", "created": 0.0, "finished_at": None})
    assert store.prune_jobs(2) == 3
    assert [store.get_job(f"j{i}") is not None for i in range(5)] == [False] * 3 + [True] * 2
    assert store.get_job("running") == {"id": "running", "state": "running", "created": 0.0,
                                        "finished_at": None}
    store.put_job({"id": "running", "state": "done", "created": 0.0, "finished_at": 9.0})
    assert store.get_job("running")["state"] == "done"  # type: ignore[index]
    assert store.prune_jobs(10) == 0


# --- review log --------------------------------------------------------------------------


def _entry(who: str) -> dict[str, object]:
    return {"at": "2026-12-01T00:00:00Z", "who": who, "action": "set", "changes": []}


def test_store_review_log_appends_and_refuses_stale_heads(store: Store) -> None:
    first = store.append_review(_entry("alice"), {"k1": 0, "k2": 0})
    assert store.review_heads(["k1", "k2", "k3"]) == {"k1": first["seq"], "k2": first["seq"]}
    second = store.append_review(_entry("bob"), {"k1": first["seq"]})
    assert second["seq"] > first["seq"]
    for stale in ({"k1": first["seq"]}, {"k3": 0, "k2": 0}):
        with pytest.raises(CorroborateError) as exc:
            store.append_review(_entry("carol"), stale)
        assert exc.value.code == "E137"
    # a refused append leaves nothing behind, not even the heads it could move
    assert [e["who"] for e in store.iter_review()] == ["alice", "bob"]
    assert store.review_heads(["k3"]) == {}
    assert store.get_review(second["seq"])["who"] == "bob"
    assert [e["who"] for e in store.iter_review(after=first["seq"])] == ["bob"]


def test_store_update_incidents_replaces_only_those_named(store: Store) -> None:
    store.add_articles([art("a1", "One."), art("a2", "Two.", row=1), art("a3", "Three.", row=2)])
    store.replace_incidents([incident("inc-1", ["a1"]), incident("inc-2", ["a2"])])
    generation = store.incidents_generation()
    store.update_incidents([incident("inc-3", ["a2", "a3"])], remove=["inc-2"])
    assert store.get_incident("inc-2") is None and store.get_incident("inc-1") is not None
    assert [i["id"] for i in store.incidents_for_article("a3")] == ["inc-3"]
    assert store.incidents_generation() > generation


def test_store_review_two_writers_from_one_version_one_wins(store_url: str) -> None:
    """Two reviewers who read version 0 of one value and write at the same moment: the
    store lets exactly one append (the other gets E137), on both backends."""
    import threading

    with open_store(store_url) as s:
        s.append_review(_entry("setup"), {"other": 0})
    barrier = threading.Barrier(2)
    results: list[str] = []

    def write(who: str) -> None:
        with open_store(store_url) as s:
            barrier.wait()
            try:
                s.append_review(_entry(who), {"value": 0})
                results.append("ok")
            except CorroborateError as exc:
                results.append(exc.code)

    threads = [threading.Thread(target=write, args=(n,)) for n in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["E137", "ok"]
    with open_store(store_url) as s:
        assert len(list(s.iter_review())) == 2


# --- schema version 6: sorting by spread of figures and by contradictions ----------------


def test_store_sorts_by_spread_and_contradictions(store_url: str) -> None:
    def inc(iid: str, lo: int | None, hi: int | None, n_contra: int) -> dict:
        return incident(iid, [f"{iid}-a"], date="2016-09-17",
                        consensus={"killed": {"conservative": lo, "min": lo, "max": hi}},
                        contradictions=[{"field": "killed"}] * n_contra)

    with open_store(store_url) as s:
        s.add_articles([art(f"{i}-a", f"Report {i} of shelling.") for i in "wxyz"])
        s.replace_incidents([inc("w", 62, 90, 2), inc("x", 10, 10, 0), inc("y", None, None, 1),
                             inc("z", 24, 126, 3)])

        def ids(sort: str) -> list[str]:
            rows, total = s.list_incident_summaries(IncidentQuery(sort=sort))
            assert total == 4
            return [r["id"] for r in rows]

        # spread: highest minus lowest killed figure; no figure sorts last either way
        assert ids("-spread") == ["z", "w", "x", "y"]
        assert ids("spread") == ["x", "w", "z", "y"]
        assert ids("-contradictions") == ["z", "w", "y", "x"]
        assert ids("contradictions") == ["x", "y", "w", "z"]
        full, _ = s.list_incidents(IncidentQuery(sort="-spread", limit=2))
        assert [d["id"] for d in full] == ["z", "w"]
        rows, _ = s.list_incident_summaries(IncidentQuery(sort="-spread"))
        assert [r["spread"] for r in rows] == [102, 28, 0, None]


# --- incident id history ---------------------------------------------------------


def test_store_incident_id_history_on_every_backend(store_url: str) -> None:
    from corroborate.link.ids import stabilise_ids
    from corroborate.store import IdChange

    with open_store(store_url) as s:
        s.add_articles([art(a, f"Report {a} of a shelling.") for a in "abc"])
        first = [incident("inc-aaaaaaaaaa", ["a"]), incident("inc-bbbbbbbbbb", ["b"])]
        stabilise_ids(s, first)
        s.replace_incidents(first)
        # the two incidents are now linked as one, with a new report: the older id survives
        merged = [incident("inc-cccccccccc", ["a", "b", "c"])]
        changes = stabilise_ids(s, merged)
        s.replace_incidents(merged)
        assert merged[0]["id"] == "inc-aaaaaaaaaa"
        assert [(c.old, c.new) for c in changes] == [("inc-bbbbbbbbbb", "inc-aaaaaaaaaa")]
        assert s.resolve_incident_id("inc-bbbbbbbbbb") == "inc-aaaaaaaaaa"
        assert s.incident_id_ages(["inc-aaaaaaaaaa", "inc-bbbbbbbbbb", "inc-none"]).keys() == {
            "inc-aaaaaaaaaa", "inc-bbbbbbbbbb"}
        assert s.incident_members() == {"inc-aaaaaaaaaa": [("a", 0), ("b", 0), ("c", 0)]}
        s.record_incident_ids([], [IdChange("inc-dddddddddd", "inc-bbbbbbbbbb", "test")])
        assert s.resolve_incident_id("inc-dddddddddd") == "inc-aaaaaaaaaa"
        assert [h["id"] for h in s.incident_id_history("inc-aaaaaaaaaa")] == [
            "inc-bbbbbbbbbb", "inc-dddddddddd"]


def _dated_incidents() -> list[dict]:
    return [
        incident("inc-year", ["a0"], date="2016-01-01", date_precision="year"),
        incident("inc-month", ["a0"], date="2016-03-01", date_precision="month"),
        incident("inc-mar", ["a0"], date="2016-03-17", date_precision="day"),
        incident("inc-jan1", ["a0"], date="2016-01-01", date_precision="day"),
        incident("inc-dec", ["a0"], date="2016-12-31", date_precision="day"),
        incident("inc-2015", ["a0"], date="2015-06-01", date_precision="day"),
        incident("inc-2017", ["a0"], date="2017-02-01", date_precision="day"),
        incident("inc-none", ["a0"]),
    ]


def test_store_imprecise_dates_sort_after_the_days_of_their_period(store: Store) -> None:
    # a year date is stored as 1 January: it must not lead a newest-first list of
    # that year, nor an oldest-first one
    store.add_articles([art("a0", "Shelling report.")])
    store.replace_incidents(_dated_incidents())
    newest = [r["id"] for r in store.list_incidents(IncidentQuery(sort="-date"))[0]]
    assert newest == ["inc-2017", "inc-dec", "inc-mar", "inc-month", "inc-jan1", "inc-year",
                      "inc-2015", "inc-none"]
    oldest = [r["id"] for r in store.list_incidents(IncidentQuery(sort="date"))[0]]
    assert oldest == ["inc-2015", "inc-jan1", "inc-mar", "inc-month", "inc-dec", "inc-year",
                      "inc-2017", "inc-none"]
    first_page = [r["id"] for r in store.list_incidents(IncidentQuery(sort="-date", limit=3))[0]]
    assert "inc-year" not in first_page


def test_store_date_filters_match_the_dates_interval(store: Store) -> None:
    store.add_articles([art("a0", "Shelling report.")])
    store.replace_incidents(_dated_incidents())

    def ids(**kw: str) -> set[str]:
        return {r["id"] for r in store.list_incidents(IncidentQuery(**kw))[0]}  # type: ignore[arg-type]

    # "2016" may be after June, "March 2016" may not
    assert ids(date_from="2016-06-01") == {"inc-year", "inc-dec", "inc-2017"}
    assert ids(date_from="2016-03-20", date_to="2016-03-31") == {"inc-year", "inc-month"}
    assert ids(date_to="2015-12-31") == {"inc-2015"}


# --- what analyze streams ------------------------------------------------------------


def test_store_article_ids_lists_all_or_the_unextracted_in_article_order(store: Store) -> None:
    store.add_articles([art("b", "second text", row=1), art("a", "first text", row=2),
                        art("c", "third text", row=3)])
    assert store.article_ids() == ["b", "a", "c"]
    assert store.article_ids() == [a.id for a in store.iter_articles()]
    store.put_extractions([{"id": "a", "incidents": []}])
    assert store.article_ids(unextracted=True) == ["b", "c"]
    store.put_extractions([{"id": "b", "incidents": []}, {"id": "c", "incidents": []}])
    assert store.article_ids(unextracted=True) == []


def test_store_iter_extractions_by_ids_reads_only_those(store: Store) -> None:
    store.put_extractions([{"id": f"x{k:04d}", "incidents": [], "n": k} for k in range(1200)])
    wanted = ["x1100", "x0003", "x0700", "x0003", "missing"]
    got = list(store.iter_extractions(wanted))
    assert [e["id"] for e in got] == ["x0003", "x0700", "x1100"]
    assert [e["n"] for e in got] == [3, 700, 1100]
    assert list(store.iter_extractions([])) == []
    assert len(list(store.iter_extractions())) == 1200

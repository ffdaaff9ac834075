"""`analyze` streams the store (a chunk of articles, clusters, verdicts at a time) and
gives exactly what linking and judging everything held in memory gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate import analyze as pipeline
from corroborate.analyze import (
    analyze,
    link_and_compare,
    sample_corpus_files,
    store_verdicts,
    stored_link_items,
    write_document,
    write_outputs,
)
from corroborate.app import Corroborate
from corroborate.compare import incidents_document
from corroborate.config import Settings
from corroborate.link import items_from_extractions
from corroborate.review.state import ReviewState


def _verdicts(app: Corroborate) -> str:
    rows = sorted(app.store.iter_verdicts(), key=lambda v: (v["article_id"], v["kind"]))
    return json.dumps(rows, sort_keys=True)


@pytest.fixture
def streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # batches far smaller than the corpus, so every chunk boundary is crossed many times
    monkeypatch.setattr(pipeline, "CHUNK", 7)
    monkeypatch.setattr(pipeline, "COMPARE_BATCH", 5)
    with Corroborate(Settings.load(db=str(tmp_path / "s.db"))) as app:
        # the chunk keyword's default is bound at definition: pass a small one through
        real = pipeline.store_verdicts_stored
        monkeypatch.setattr(pipeline, "store_verdicts_stored",
                            lambda store, incidents, *, settings, **kw: real(
                                store, incidents, settings=settings, chunk=11, **kw))
        result = analyze(app, sample_corpus_files())
        yield app, result


def test_analyze_streamed_demo_equals_linking_everything_in_memory(streamed) -> None:
    app, result = streamed
    assert result.extracted == result.articles > 20
    articles = {a.id: a for a in app.store.iter_articles()}
    extractions = {e["id"]: e for e in app.store.iter_extractions()}
    whole = link_and_compare(app, extractions, articles)
    assert len(whole) > pipeline.COMPARE_BATCH
    streamed_doc = json.dumps(incidents_document(result.incidents), ensure_ascii=False, indent=2)
    assert streamed_doc == json.dumps(incidents_document(whole), ensure_ascii=False, indent=2)


def test_analyze_streamed_verdicts_equal_judging_everything_at_once(streamed) -> None:
    app, result = streamed
    chunked = _verdicts(app)
    assert result.verdicts["classifier"] == result.articles
    articles = {a.id: a for a in app.store.iter_articles()}
    extractions = {e["id"]: e for e in app.store.iter_extractions()}
    # the in-memory judge overwrites every verdict the streamed run stored
    store_verdicts(app.store, result.incidents, articles, extractions, settings=app.settings)
    assert _verdicts(app) == chunked


def test_analyze_stored_link_items_keep_only_the_lead_the_linker_reads(streamed) -> None:
    app, _result = streamed
    cut = 200  # the demo's reports are short; the default lead would hold them whole
    articles = {a.id: a for a in app.store.iter_articles()}
    full = items_from_extractions(list(app.store.iter_extractions()), articles)
    lean = stored_link_items(app.store, ReviewState(), cut, page=4)
    assert [it.key for it in lean] == [it.key for it in full]
    assert any(len(it.text) > cut for it in full)
    for a, b in zip(lean, full, strict=True):
        assert a.text == b.text[:cut]
        assert (a.date, a.place_name, a.killed_min, a.actors) == (b.date, b.place_name,
                                                                   b.killed_min, b.actors)


def _stored(app: Corroborate) -> list[dict]:
    ids = sorted(app.store.incident_members())
    return list(app.store.iter_incidents(ids))


def test_analyze_without_keeping_incidents_stores_and_writes_the_same(
        streamed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, kept = streamed
    monkeypatch.setattr(pipeline, "PREVIEW", 3)
    with Corroborate(Settings.load(db=str(tmp_path / "lean.db"))) as lean_app:
        lean = analyze(lean_app, sample_corpus_files(), keep_incidents=False)
        assert lean.incidents == []
        assert lean.incident_ids == [i["id"] for i in kept.incidents]
        assert lean.to_dict()["incidents"] == len(kept.incidents)
        assert {k: v for k, v in lean.to_dict().items() if k != "seconds"} == {
            k: v for k, v in kept.to_dict().items() if k != "seconds"}
        multi = [i["id"] for i in kept.incidents if len(i["reports"]) > 1][:3]
        assert len(multi) == 3 and [i["id"] for i in lean.preview] == multi
        assert _stored(lean_app) == _stored(app)
        assert _verdicts(lean_app) == _verdicts(app)
        write_outputs(lean_app, lean, json_path=tmp_path / "lean.json")
    write_outputs(app, kept, json_path=tmp_path / "kept.json")
    assert (tmp_path / "lean.json").read_bytes() == (tmp_path / "kept.json").read_bytes()


@pytest.mark.parametrize("incidents", [
    [], [{}], [{"id": "a", "reports": [], "note": "line\nbreak ✓"}],
    [{"id": "a", "x": [1, {"y": None}]}, {"id": "b", "z": {}}, {"id": "c", "w": []}],
])
def test_analyze_write_document_matches_dumping_it_whole(incidents: list[dict],
                                                          tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    write_document(path, iter(incidents))
    expected = json.dumps(incidents_document(incidents), ensure_ascii=False, indent=2) + "\n"
    assert path.read_text(encoding="utf-8") == expected


# --- incremental: adding reports links again only the partitions they change --------


def _two_runs(tmp_path: Path, name: str, first: list[Path], second: list[Path], *,
              incremental: bool) -> tuple[list[dict], str, bytes, list[str]]:
    with Corroborate(Settings.load(db=str(tmp_path / f"{name}.db"))) as app:
        analyze(app, first, keep_incidents=False)
        result = analyze(app, second, keep_incidents=False, incremental=incremental)
        write_outputs(app, result, json_path=tmp_path / f"{name}.json")
        history = sorted(f"{i}>{app.store.resolve_incident_id(i)}"
                         for i in app.store.incident_id_ages(result.incident_ids))
        return _stored(app), _verdicts(app), (tmp_path / f"{name}.json").read_bytes(), history


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """(changed partitions, all partitions) of each incremental relink."""
    seen: list[tuple[int, int]] = []
    real = pipeline._changed_partitions

    def spy(items, parts, members, settings, **kw):  # type: ignore[no-untyped-def]
        changed = real(items, parts, members, settings, **kw)
        seen.append((len(changed) if changed is not None else -1, len(parts)))
        return changed

    monkeypatch.setattr(pipeline, "_changed_partitions", spy)
    return seen


def test_analyze_incremental_demo_equals_a_full_reanalysis(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    files = sample_corpus_files()
    first, second = files[::2], files[1::2]
    full = _two_runs(tmp_path, "full", first, second, incremental=False)
    seen = _spy(monkeypatch)
    import corroborate.credibility as credibility

    again: list[str] = []  # the articles the second (incremental) run's classifier predicts
    real = credibility.predict_articles

    def predict(articles, *args, **kw):  # type: ignore[no-untyped-def]
        if seen:  # the second run has looked for changed partitions
            again.extend(a.id for a in articles)
        return real(articles, *args, **kw)

    monkeypatch.setattr(credibility, "predict_articles", predict)
    incr = _two_runs(tmp_path, "incr", first, second, incremental=True)
    assert len(seen) == 1 and seen[0][0] >= 1  # the incremental path ran
    # only the new, relinked and neighbouring articles are predicted again, and every
    # verdict is a full run's (below)
    classified = [v for v in json.loads(full[1]) if v["kind"] == "classifier"]
    assert 0 < len(again) < len(classified)
    assert incr[0] == full[0] and len(full[0]) > 5
    assert incr[1] == full[1]
    assert incr[2] == full[2]
    assert incr[3] == full[3]


def test_analyze_incremental_falls_back_to_full_when_a_linked_report_is_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sample_corpus_files()
    seen = _spy(monkeypatch)
    with Corroborate(Settings.load(db=str(tmp_path / "gone.db"))) as app:
        analyze(app, files[:6], keep_incidents=False)
        # a stored incident names a report the store no longer links
        some = next(iter(app.store.incident_members()))
        app.store.update_incidents([{"id": "inc-ghost", "label": "ghost", "date": None,
                                     "reports": [{"article_id": "ghost", "incident_index": 0}]}],
                                   remove=[some])
        result = analyze(app, files[6:], keep_incidents=False, incremental=True)
        assert seen == [(-1, seen[0][1])]
        assert "inc-ghost" not in result.incident_ids
        assert app.store.get_incident("inc-ghost") is None


def test_analyze_incremental_needs_the_store_only_mode(tmp_path: Path) -> None:
    with Corroborate(Settings.load(db=str(tmp_path / "x.db"))) as app, \
            pytest.raises(ValueError, match="keep_incidents=False"):
        analyze(app, [], incremental=True)


@pytest.mark.slow
def test_analyze_incremental_fakes_in_two_batches_equals_a_full_reanalysis(
        tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    source = shared_dir / "data" / "fa-kes" / "FA-KES-Dataset.csv"
    csv.field_size_limit(1 << 30)
    with source.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    halves = []
    for k, part in enumerate((body[: len(body) // 2], body[len(body) // 2:])):
        path = tmp_path / f"fakes-{k}.csv"  # written at run time, never into the repository
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([head, *part])
        halves.append(path)
    full = _two_runs(tmp_path, "full", [halves[0]], [halves[1]], incremental=False)
    seen = _spy(monkeypatch)
    incr = _two_runs(tmp_path, "incr", [halves[0]], [halves[1]], incremental=True)
    assert len(seen) == 1 and 1 <= seen[0][0] <= seen[0][1]
    assert incr[0] == full[0] and len(full[0]) > 300
    assert incr[1] == full[1]
    assert incr[2] == full[2]
    assert incr[3] == full[3]

"""Review edits: each kind is logged, shown at once, and survives re-analysis with a
new report (extract → review values → link → review placements → compare)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate import compare, review, schema
from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.link.ids import incident_redirect
from review_corpus import LATE, REPORTS


@pytest.fixture
def app(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Corroborate(Settings.load(db=str(tmp_path / "r.db"))) as corr:
        analyze(corr, [folder])
        corr.late = tmp_path / "late.md"  # type: ignore[attr-defined]
        corr.late.write_text(LATE, encoding="utf-8")  # type: ignore[attr-defined]
        yield corr


def _incident_of(app: Corroborate, article_id: str) -> dict:
    (inc,) = app.store.incidents_for_article(article_id)
    return inc


def _reanalyse(app: Corroborate) -> None:
    result = analyze(app, [app.late])  # type: ignore[attr-defined]
    assert result.added == ["late"]


def _report(inc: dict, article_id: str) -> dict:
    return next(r for r in inc["reports"] if r["article_id"] == article_id)


def test_review_set_value_is_used_at_once_and_after_reanalysis(app: Corroborate) -> None:
    store = app.store
    text = store.get_article("alpha").full_text
    start = text.index("killing 12")
    entry = review.set_value(store, "alpha", "killed", "14", who="alice", reason="recount",
                             span=(start, start + len("killing 12")), base_version=0)
    assert entry["old"] == 12 and entry["new"] == 14 and entry["who"] == "alice"
    assert _report(_incident_of(app, "alpha"), "alpha")["toll"]["killed"]["total"] == 14
    _reanalyse(app)
    inc = _incident_of(app, "alpha")
    assert {r["article_id"] for r in inc["reports"]} == {"alpha", "beta", "late"}
    assert _report(inc, "alpha")["toll"]["killed"]["total"] == 14
    # consensus is recomputed from the corrected figure, not the extractor's 12
    assert inc["consensus"]["killed"]["conservative"] == 14
    assert store.get_extraction("alpha")["incidents"][0]["toll"]["killed"]["total"] == 12
    assert review.current_value(store, "alpha", 0, "killed")["value"] == 14


def test_review_clear_value_survives_reanalysis(app: Corroborate) -> None:
    store = app.store
    assert review.current_value(store, "delta", 0, "perpetrator")["value"]
    review.set_value(store, "delta", "perpetrator", None, who="bob", reason="only activists' claim")
    _reanalyse(app)
    inc = _incident_of(app, "delta")
    assert inc["perpetrators"] == [] and _report(inc, "delta")["perpetrators"] == []


def test_review_move_survives_reanalysis(app: Corroborate) -> None:
    store = app.store
    manbij, idlib = _incident_of(app, "alpha"), _incident_of(app, "delta")
    review.move(store, "beta", idlib["id"], who="alice", reason="test move")
    assert {r["article_id"] for r in store.get_incident(idlib["id"])["reports"]} == {"delta", "beta"}
    _reanalyse(app)
    assert _incident_of(app, "beta")["id"] == idlib["id"]
    assert _incident_of(app, "alpha")["id"] == manbij["id"]
    assert "beta" not in {r["article_id"] for r in _incident_of(app, "alpha")["reports"]}


def test_review_split_larger_part_keeps_id_and_survives_reanalysis(app: Corroborate) -> None:
    store = app.store
    manbij = _incident_of(app, "alpha")
    entry = review.split(store, manbij["id"], [("beta", 0)], who="alice", reason="two blasts")
    (new_id,) = set(entry["new"]) - {manbij["id"]}
    assert _incident_of(app, "beta")["id"] == new_id
    _reanalyse(app)
    alpha, beta = _incident_of(app, "alpha"), _incident_of(app, "beta")
    assert alpha["id"] == manbij["id"] and beta["id"] == new_id
    # the late report joins one side of the split (the linker put it with both)
    sides = [{r["article_id"] for r in inc["reports"]} for inc in (alpha, beta)]
    assert sides in ([{"alpha", "late"}, {"beta"}], [{"alpha"}, {"beta", "late"}])


def test_review_merge_older_id_survives_and_redirects(app: Corroborate) -> None:
    store = app.store
    manbij, idlib = _incident_of(app, "alpha"), _incident_of(app, "delta")
    entry = review.merge(store, idlib["id"], manbij["id"], who="bob", reason="one event")
    ages = store.incident_id_ages([manbij["id"], idlib["id"]])
    # the older id (first given out in an earlier analysis; ties: the smaller) survives
    assert entry["new"] == min((manbij["id"], idlib["id"]), key=lambda i: (ages[i], i))
    assert entry["new"] == manbij["id"]
    assert store.get_incident(idlib["id"]) is None
    assert incident_redirect(store, idlib["id"]) == manbij["id"]
    _reanalyse(app)
    inc = _incident_of(app, "delta")
    assert inc["id"] == manbij["id"]
    assert {r["article_id"] for r in inc["reports"]} == {"alpha", "beta", "delta", "late"}
    assert review.resolve_incident(store, idlib["id"])[1] == manbij["id"]
    # undone, the merged-away id names its incident again and redirects no more
    review.undo(store, entry["seq"], who="bob", reason="two events after all")
    assert incident_redirect(store, idlib["id"]) is None
    assert [r["article_id"] for r in store.get_incident(idlib["id"])["reports"]] == ["delta"]


def test_review_status_survives_reanalysis_and_new_report_joins(app: Corroborate) -> None:
    store = app.store
    manbij = _incident_of(app, "alpha")
    review.set_status(store, manbij["id"], "verified", who="alice", reason="checked")
    assert store.get_incident(manbij["id"])["review"]["status"] == "verified"
    _reanalyse(app)
    inc = _incident_of(app, "late")
    assert inc["id"] == manbij["id"] and inc["review"]["status"] == "verified"
    schema.validate({"version": compare.VERSION, "incidents": [inc]}, "incidents")


def test_review_undo_is_a_new_entry_and_restores(app: Corroborate) -> None:
    store = app.store
    manbij = _incident_of(app, "alpha")
    split = review.split(store, manbij["id"], [("beta", 0)], who="alice", reason="two blasts")
    undone = review.undo(store, split["seq"], who="bob", reason="same blast after all")
    assert undone["undoes"] == split["seq"] and undone["seq"] > split["seq"]
    assert {r["article_id"] for r in _incident_of(app, "beta")["reports"]} == {"alpha", "beta"}
    assert [e["action"] for e in review.log(store)] == ["split", "undo"]
    with pytest.raises(CorroborateError) as exc:
        review.undo(store, split["seq"], who="bob", reason="twice")
    assert exc.value.code == "E142"
    edit = review.set_value(store, "alpha", "date", "2017-03-09", who="a", reason="r")
    review.undo(store, edit["seq"], who="a", reason="wrong")
    _reanalyse(app)
    assert _report(_incident_of(app, "alpha"), "alpha")["date"] == "2017-03-10"


def test_review_stale_edit_conflicts_with_current_value(app: Corroborate) -> None:
    store = app.store
    review.set_value(store, "alpha", "killed", "13", who="alice", reason="r", base_version=0)
    with pytest.raises(CorroborateError) as exc:
        review.set_value(store, "alpha", "killed", "15", who="bob", reason="r", base_version=0)
    assert exc.value.code == "E137" and exc.value.context["current"] == 13
    inc = _incident_of(app, "alpha")
    version = review.incident_version(store, inc)
    review.set_status(store, inc["id"], "in_review", who="a", reason="r", base_version=version)
    with pytest.raises(CorroborateError) as exc:
        review.set_status(store, inc["id"], "verified", who="b", reason="r", base_version=version)
    assert exc.value.code == "E137"


def test_review_store_append_refuses_moved_head(app: Corroborate) -> None:
    # the store's own check, for two writers that both read version 0 before either wrote
    store = app.store
    entry = {"at": "2026-01-01T00:00:00Z", "who": "a", "action": "set", "changes": []}
    store.append_review(entry, {"k": 0})
    with pytest.raises(CorroborateError) as exc:
        store.append_review(entry, {"k": 0})
    assert exc.value.code == "E137"
    assert len(list(store.iter_review())) == 1


def test_review_rejects_bad_input(app: Corroborate) -> None:
    store = app.store
    cases = [
        (lambda: review.set_value(store, "alpha", "kiled", "1", who="a", reason="r"), "E135"),
        (lambda: review.set_value(store, "alpha", "killed", "-1", who="a", reason="r"), "E136"),
        (lambda: review.set_value(store, "alpha", "date", "March", who="a", reason="r"), "E136"),
        (lambda: review.set_value(store, "alpha", "cause", "storm", who="a", reason="r"), "E136"),
        (lambda: review.set_value(store, "alpha", "killed", "1", who="a", reason=" "), "E144"),
        (lambda: review.set_value(store, "alpha", "killed", "1", index=5, who="a", reason="r"),
         "E138"),
        (lambda: review.set_value(store, "nope", "killed", "1", who="a", reason="r"), "E043"),
        (lambda: review.set_value(store, "alpha", "killed", "1", who="a", reason="r",
                                  span=(0, 10**6)), "E020"),
        (lambda: review.set_status(store, _incident_of(app, "alpha")["id"], "done", who="a",
                                   reason="r"), "E141"),
        (lambda: review.split(store, _incident_of(app, "delta")["id"], [("delta", 0)], who="a",
                              reason="r"), "E139"),
        (lambda: review.merge(store, _incident_of(app, "alpha")["id"],
                              _incident_of(app, "beta")["id"], who="a", reason="r"), "E140"),
        # past 64 bits no store can hold the number: no such entry, not a driver overflow
        (lambda: review.undo(store, 2**63, who="a", reason="r"), "E142"),
    ]
    for call, code in cases:
        with pytest.raises(CorroborateError) as exc:
            call()
        assert exc.value.code == code
    assert list(store.iter_review()) == []


def test_review_log_filters_by_incident_and_validates(app: Corroborate) -> None:
    store = app.store
    manbij, idlib = _incident_of(app, "alpha"), _incident_of(app, "delta")
    review.set_value(store, "delta", "cause", "drone strike", who="a", reason="video")
    review.set_status(store, manbij["id"], "disputed", who="b", reason="tolls differ")
    assert [e["action"] for e in review.log(store, incident_id=idlib["id"])] == ["set"]
    assert [e["action"] for e in review.log(store, incident_id=manbij["id"])] == ["status"]
    for e in review.log(store):
        schema.validate(e, "review")


def test_review_attribution_keeps_relays_and_survives_reanalysis(app: Corroborate) -> None:
    store = app.store
    text = store.get_article("delta").full_text
    start = text.index("rescue workers said")
    assert review.current_value(store, "delta", 0, "attribution")["machine"] == [
        "rescue workers", "Opposition activists"]
    # the activists blame, they report nothing: only the rescue workers are a source
    review.set_value(store, "delta", "attribution", "rescue workers", who="a",
                     reason="the activists only blame", span=(start, start + 19))
    _reanalyse(app)
    (row,) = _incident_of(app, "delta")["reports"]
    assert [a["speaker"] for a in row["attributions"]] == ["rescue workers"]
    assert row["attributions"][0]["reviewed"] and row["attributions"][0]["start"] == start
    schema.validate({"version": compare.VERSION, "incidents": [_incident_of(app, "delta")]},
                    "incidents")
    # without a span the reviewed claim has null offsets, which the schema allows
    review.set_value(store, "alpha", "attribution", "local officials", who="a", reason="r")
    review.set_value(store, "alpha", "framing", "deliberate", who="a", reason="r")
    schema.validate({"version": compare.VERSION, "incidents": [_incident_of(app, "alpha")]},
                    "incidents")

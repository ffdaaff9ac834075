"""B³ and the linking evaluation on ECB+ and the FA-KES dev gold."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.evaluate.linking import (
    b_cubed,
    detokenize,
    evaluate_linking,
    fit_pair_model,
    load_gold,
    read_ecbplus_doc,
)

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "benchmarks" / "data" / "fakes_link_gold.csv"


def test_evaluate_linking_b_cubed_perfect() -> None:
    gold = {1: "A", 2: "A", 3: "B"}
    b = b_cubed([[1, 2], [3]], gold)
    assert (b.precision, b.recall, b.f1, b.n) == (1.0, 1.0, 1.0, 3)


def test_evaluate_linking_b_cubed_known_answer() -> None:
    # gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}
    # P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15; R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    gold = {1: "A", 2: "A", 3: "A", 4: "B", 5: "B"}
    b = b_cubed([[1, 2], [3, 4, 5]], gold)
    assert b.precision == pytest.approx(11 / 15)
    assert b.recall == pytest.approx(11 / 15)
    assert b.f1 == pytest.approx(11 / 15)


def test_evaluate_linking_b_cubed_one_cluster_and_singletons() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    lump = b_cubed([["a", "b", "c", "d"]], gold)
    assert (lump.precision, lump.recall) == (0.5, 1.0)
    assert lump.f1 == pytest.approx(2 / 3)
    # items missing from the prediction are singletons; items not in gold are ignored
    single = b_cubed([["zz"]], gold)
    assert (single.precision, single.recall) == (1.0, 0.5)


def test_evaluate_linking_b_cubed_empty_gold() -> None:
    assert b_cubed([[1, 2]], {}).f1 == 0.0


@settings(deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=20), st.lists(st.integers(0, 4),
                                                                       min_size=1, max_size=20))
def test_evaluate_linking_b_cubed_bounds(gold_labels: list[int], pred_labels: list[int]) -> None:
    n = min(len(gold_labels), len(pred_labels))
    gold = {i: gold_labels[i] for i in range(n)}
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(pred_labels[i], []).append(i)
    b = b_cubed(clusters.values(), gold)
    assert 0 < b.precision <= 1 and 0 < b.recall <= 1
    assert min(b.precision, b.recall) - 1e-9 <= b.f1 <= max(b.precision, b.recall) + 1e-9
    # the gold clustering itself scores 1
    by_gold: dict[int, list[int]] = {}
    for i, g in gold.items():
        by_gold.setdefault(g, []).append(i)
    assert b_cubed(by_gold.values(), gold).f1 == 1.0


def test_evaluate_linking_detokenize() -> None:
    toks = ["Police", "said", "(", "on", "Monday", ")", "it", "was", "n't", "John", "'s", "car",
            ",", "then", "left", "."]
    assert detokenize(toks) == "Police said (on Monday) it wasn't John's car, then left."


def _xml(tokens: list[tuple[int, str]]) -> str:
    body = "".join(f'<token t_id="{k}" sentence="{s}" number="{k}">{t}</token>\n'
                   for k, (s, t) in enumerate(tokens, 1))
    return f'<Document doc_name="x" doc_id="1">\n{body}</Document>\n'


def test_evaluate_linking_ecbplus_url_sentence_dropped(tmp_path: Path) -> None:
    toks = [(0, "http"), (0, ":"), (0, "/"), (0, "/"), (0, "www.example.com"),
            (1, "Quake"), (1, "hits"), (1, "town"), (2, "Ten"), (2, "dead"), (2, ".")]
    plus = tmp_path / "1_1ecbplus.xml"
    plus.write_text(_xml(toks), encoding="utf-8")
    assert read_ecbplus_doc(plus) == "Quake hits town\nTen dead."
    old = tmp_path / "1_1ecb.xml"
    old.write_text(_xml([(0, "Quake"), (0, "hits"), (1, "Ten"), (1, "dead")]), encoding="utf-8")
    assert read_ecbplus_doc(old) == "Quake hits\nTen dead"


def test_evaluate_linking_load_gold(tmp_path: Path) -> None:
    good = tmp_path / "gold.csv"
    good.write_text("row,incident,note\n3,a,x\n7,a,y\n9,other-9,z\n", encoding="utf-8")
    assert load_gold(good) == {3: "a", 7: "a", 9: "other-9"}
    bad = tmp_path / "bad.csv"
    bad.write_text("row,incident\nthree,a\n", encoding="utf-8")
    with pytest.raises(CorroborateError) as exc:
        load_gold(bad)
    assert exc.value.code == "E051"


def test_evaluate_linking_fit_respects_signs() -> None:
    import numpy as np

    from corroborate.link import FEATURES

    rng = np.random.default_rng(0)
    n = 400
    y = rng.random(n) < 0.5
    X = np.zeros((n, len(FEATURES)))
    X[:, FEATURES.index("text_cos")] = np.where(y, 0.6, 0.1) + rng.normal(0, 0.05, n)
    # a conflict feature that (spuriously) goes with matches must not get a positive weight
    X[:, FEATURES.index("cause_conflict")] = y & (rng.random(n) < 0.5)
    w, _ = fit_pair_model(X, y)
    assert w["text_cos"] > 0
    assert w["cause_conflict"] <= 0
    assert w["same_place"] == 0  # never varies: no evidence, weight 0


def _tiny_ecb(root: Path) -> Path:
    """Two topics, each with two events told twice (made-up sentences)."""
    docs = {
        ("1", "1_1ecb.xml", "1_1"): "Storm floods the harbour of Portsmith on Monday",
        ("1", "1_2ecb.xml", "1_1"): "Harbour of Portsmith flooded by Monday storm",
        ("1", "1_3ecbplus.xml", "1_2"): "Wildfire burns forest near Lakeview ranch",
        ("1", "1_4ecbplus.xml", "1_2"): "Lakeview ranch forest burns in wildfire",
        ("2", "2_1ecb.xml", "2_1"): "Acme Corp buys Zenith Mills for two billion",
        ("2", "2_2ecb.xml", "2_1"): "Zenith Mills sold to Acme Corp in two billion deal",
        ("2", "2_3ecbplus.xml", "2_2"): "Orbitex launches Vega satellite from Kourou",
        ("2", "2_4ecbplus.xml", "2_2"): "Vega satellite of Orbitex lifts off at Kourou",
    }
    rows = ["doc,topic,subtopic,kind,n_tokens,n_sents,n_cross_doc_coref,url,first_sentence"]
    for (topic, name, sub), text in docs.items():
        (root / "ECB+" / topic).mkdir(parents=True, exist_ok=True)
        toks = [(1, t) for t in text.split()]
        (root / "ECB+" / topic / name).write_text(_xml(toks), encoding="utf-8")
        rows.append(f"{name},{topic},{sub},x,0,0,0,,")
    (root / "ecbplus_doc_index.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_evaluate_linking_tiny_ecbplus_report(tmp_path: Path) -> None:
    report = evaluate_linking(ecbplus=_tiny_ecb(tmp_path), settings=Settings(),
                              use_extraction=False)
    e = report["ecbplus"]
    assert e["documents"] == 8
    assert set(e["per_topic"]) == {"1", "2"}
    assert e["within_topic_micro"]["f1"] == 1.0
    assert e["across_topics"]["n"] == 8


def test_evaluate_linking_cli_json(tmp_path: Path) -> None:
    import json

    from corroborate.cli import app

    result = CliRunner().invoke(app, ["evaluate", "linking", "--ecbplus",
                                      str(_tiny_ecb(tmp_path)), "--no-extract", "--half", "all",
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ecbplus"]["within_topic_macro"]["n"] == 2
    assert report["baseline"]["method"] == "tfidf_average_linkage"


def _tiny_gva(tmp_path: Path) -> Path:
    import json

    root = tmp_path / "gva"
    root.mkdir()
    incidents = [("1", "January 3, 2014", "Ohio", "Dayton"), ("2", "January 20, 2014", "Ohio", "Akron"),
                 ("3", "March 2, 2014", "Iowa", "Ames")]
    (root / "incidents.jsonl").write_text("\n".join(json.dumps(
        {"incident_id": i, "date": d, "state": st, "city_or_county": c, "num_killed": 1,
         "num_injured": 0}) for i, d, st, c in incidents) + "\n", encoding="utf-8")
    docs = [("a", "1", "Man shot dead outside a Dayton bar on Friday night"),
            ("b", "1", "Police name the man shot dead outside a Dayton bar"),
            ("c", "2", "Teen wounded in Akron drive-by shooting, police say"),
            ("d", "3", "Ames hunter hurt when his rifle went off")]
    (root / "docs.jsonl").write_text("\n".join(json.dumps(
        {"doc_id": k, "incident_id": i, "title": t, "dct": "2014-01-21", "content": t})
        for k, i, t in docs) + "\n", encoding="utf-8")
    return root


def test_evaluate_linking_gva_hard_blocks(tmp_path: Path) -> None:
    from corroborate.evaluate.linking import DevData

    data = DevData.load(gva_dir=_tiny_gva(tmp_path), settings=Settings(), use_extraction=False)
    # Ohio, January 2014 holds two incidents: one hard block; Iowa's lone incident is none
    blocks = data.gva_blocks()
    assert [sorted(data.gva_docs[k].doc_id for k in b) for b in blocks] == [["a", "b", "c"]]
    report = evaluate_linking(gva_dir=tmp_path / "gva", settings=Settings(), use_extraction=False,
                              baseline=True)
    assert report["gva"]["blocks"] == 1 and report["gva"]["n"] == 3
    assert report["baseline"]["gva"]["n"] == 3
    # each half keeps whole incidents
    tune_ids = {d.incident_id for d in data.half("tune").gva_docs}
    test_ids = {d.incident_id for d in data.half("test").gva_docs}
    assert not tune_ids & test_ids and tune_ids | test_ids == {"1", "2", "3"}


@pytest.mark.slow
def test_evaluate_linking_full_dev_sets(ecbplus_dir: Path, fakes_csv: Path) -> None:
    report = evaluate_linking(ecbplus=ecbplus_dir, fakes=fakes_csv, gold=GOLD, settings=Settings.load())
    e = report["ecbplus"]
    assert e["documents"] == 982
    assert len(e["per_topic"]) == 43
    # floors a little under the figures in docs/linking.md, so a regression fails
    # 0.899 / 0.888 measured with the ages feature (0.891 / 0.880 before it)
    assert e["within_topic_micro"]["f1"] >= 0.88
    assert e["across_topics"]["f1"] >= 0.87
    # 0.906 measured (0.896 before the ages feature).  ECB+ pages carry no published date,
    # and a date that cannot be checked against one does not veto a pair (docs/linking.md)
    assert e["across_topics"]["precision"] >= 0.89
    assert report["fakes"]["f1"] >= 0.82
    # 0.873 measured (0.901 before this session's claim rules): a date that cannot contradict
    # and a manner of killing that fits its weapon let more FA-KES reports join (recall
    # 0.904 -> 0.937, F1 0.903 -> 0.904); the precision this costs is reported on issue 11
    assert report["fakes"]["precision"] >= 0.86
    assert report["fakes"]["n"] == 94


def test_evaluate_linking_cli_fit_prints_config_table(tmp_path: Path) -> None:
    import tomllib

    from corroborate.cli import app

    result = CliRunner().invoke(app, ["evaluate", "linking", "--ecbplus",
                                      str(_tiny_ecb(tmp_path)), "--no-extract", "--fit"])
    assert result.exit_code == 0, result.output
    table = tomllib.loads(result.stdout)["link"]
    assert 0 < table["threshold"] < 1
    assert table["weights"]["text_cos"] >= 0


def test_evaluate_linking_settings_are_required() -> None:
    import inspect

    from corroborate.evaluate.linking import DevData, evaluate_dev, items_for_articles, tune_linking
    from corroborate.link import Linker

    # a default here would silently replace the caller's [link] weights and threshold
    for fn in (Linker, evaluate_dev, tune_linking, evaluate_linking, DevData.load,
               items_for_articles):
        param = inspect.signature(fn).parameters["settings"]
        assert param.default is inspect.Parameter.empty, fn.__qualname__


def test_evaluate_linking_extraction_uses_callers_settings(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate import extract
    from corroborate.evaluate.linking import DevData

    seen: list[object] = []
    real = extract.default_pipeline

    def spy(settings: Settings | None = None) -> extract.Pipeline:
        seen.append(settings)
        return real(settings)

    monkeypatch.setattr(extract, "default_pipeline", spy)
    mine = Settings()
    mine.link.threshold = 0.77
    data = DevData.load(gva_dir=_tiny_gva(tmp_path), settings=mine)
    assert seen and all(s is mine for s in seen)
    assert data.extraction and len(data.gva_items) == 4

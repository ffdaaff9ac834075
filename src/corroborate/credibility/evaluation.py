"""Measuring the credibility classifier on FA-KES, with realigned labels.

The released FA-KES ``labels`` column is detached from its rows (see
docs/credibility.md): the labels of the dataset authors' own feature files,
``label_realigned`` in ``labels_realigned_dev.csv``, are the ones measured here.

One command (`corroborate evaluate credibility`) reproduces every figure:

* **stratified**: 5-fold CV, folds stratified by label, duplicated texts kept in one fold;
* **by outlet**: each outlet held out in turn (leave-one-outlet-out);
* **within camp**: 5-fold CV inside each outlet camp (government, opposition, other:
  `data/outlets/camps.tsv`), so the outlet's camp cannot carry the prediction;
* **halves**: the dev rows split by ``unit_id`` with `corroborate.evaluate.splits`;
  trained on the tune half, scored on the untouched test half (and the reverse
  figure is never used for choices);

each for the models and two baselines: ``outlet`` (the majority label of the
row's outlet in the training rows; the training majority for an outlet never
seen) and ``text`` (TF-IDF + logistic regression).

The articles are extracted, linked and compared once, with the caller's
settings, exactly as ``analyze`` does; their claim verdicts (other origins) and
reference verdicts (UCDP GED) become the context features.  Labels are never
used for any of it.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import error
from .classifier import KINDS, CredibilityModel, Sample
from .features import context_features, outlet_camp
from .training import LabelledRow, ProgressFn, cv_splits, labelled_samples

if TYPE_CHECKING:
    from ..config import Settings

BASELINES = ("outlet",)
SCHEMES = ("stratified", "by_outlet", "within_camp")


@dataclass
class Corpus:
    """Labelled FA-KES dev rows, extracted, linked, compared and checked once."""

    rows: list[LabelledRow]
    samples: list[Sample]
    y: list[int]
    context: dict[str, dict[str, float]]
    unit_ids: list[str]

    @property
    def outlets(self) -> list[str]:
        return [s.outlet or "" for s in self.samples]


def read_realigned(path: str | Path) -> dict[int, tuple[str, int | None]]:
    """row -> (unit_id, label_realigned); the label is None where the file leaves it empty."""
    p = Path(path)
    if not p.is_file():
        raise error("E001", f"realigned labels {p} not found", file=p)
    out: dict[int, tuple[str, int | None]] = {}
    with p.open(encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        need = {"row", "unit_id", "label_realigned"}
        if not need <= set(reader.fieldnames or []):
            raise error("E053", f"needs columns {sorted(need)}", file=p)
        for i, r in enumerate(reader):
            raw = (r["label_realigned"] or "").strip()
            if raw not in ("", "0", "1"):
                raise error("E053", f"label_realigned {raw!r} is not 0, 1 or empty", file=p, row=i,
                            field="label_realigned")
            out[int(r["row"])] = (r["unit_id"].strip(), int(raw) if raw else None)
    return out


def corpus_context(rows: Sequence[LabelledRow], samples: Sequence[Sample], *, settings: Settings,
                   reference: str | Path | None = None) -> dict[str, dict[str, float]]:
    """Context features of labelled articles: linked and compared once with ``settings``,
    exactly as ``analyze`` does, and checked against ``reference`` when given."""
    from ..analyze import link_and_compare
    from ..app import Corroborate
    from . import populations
    from .claims import claim_verdicts
    from .matching import verify_extractions
    from .reference import read_reference

    extractions = {s.article_id: dict(s.extraction) for s in samples}
    articles = {r.article.id: r.article for r in rows}
    incidents = link_and_compare(Corroborate(settings), extractions, articles)
    refs: list[dict[str, Any]] = []
    if reference is not None:
        refs = verify_extractions(extractions.values(), read_reference(reference),
                                  populations=populations(settings))
    claims = claim_verdicts(incidents, refs or None)
    return context_features(claims, refs, outlet_camp)


def load_corpus(data: str | Path, realigned: str | Path, *, settings: Settings,
                reference: str | Path | None = None, progress: ProgressFn | None = None) -> Corpus:
    """The dev rows with a realigned label, with their context features."""
    labels = read_realigned(realigned)
    rows, samples = labelled_samples(data, None, settings=settings, progress=progress,
                                     rows=sorted(r for r, (_, lab) in labels.items()
                                                 if lab is not None))
    for r in rows:
        r.label = labels[r.row][1]  # type: ignore[assignment]
    context = corpus_context(rows, samples, settings=settings, reference=reference)
    return Corpus(rows, samples, [r.label for r in rows], context,
                  [labels[r.row][0] for r in rows])


def select_half(corpus: Corpus, half: str) -> Corpus:
    """The rows of one by-``unit_id`` half (`corroborate.evaluate.splits`), or all of them."""
    from ..evaluate.splits import select

    if half == "all":
        return corpus
    try:
        keep = select(range(len(corpus.y)), lambda i: corpus.unit_ids[i], half)  # type: ignore[arg-type]
    except ValueError as exc:
        raise error("E053", f"--half {half!r}: expected all, tune or test") from exc
    return Corpus([corpus.rows[i] for i in keep], [corpus.samples[i] for i in keep],
                  [corpus.y[i] for i in keep], corpus.context, [corpus.unit_ids[i] for i in keep])


def _outlet_baseline(outlets_tr: Sequence[str], y_tr: Sequence[int], outlets_te: Sequence[str]
                     ) -> list[float]:
    """P(credible) = the credible share of the row's outlet in the training rows."""
    overall = sum(y_tr) / max(len(y_tr), 1)
    by: dict[str, list[int]] = {}
    for o, lab in zip(outlets_tr, y_tr, strict=True):
        by.setdefault(o, []).append(lab)
    return [sum(by[o]) / len(by[o]) if o in by else overall for o in outlets_te]


def _fit_predict(kind: str, corpus: Corpus, tr: Sequence[int], te: Sequence[int],
                 params: Mapping[str, Any]) -> list[float]:
    y = corpus.y
    if kind == "outlet":
        o = corpus.outlets
        return _outlet_baseline([o[i] for i in tr], [y[i] for i in tr], [o[i] for i in te])
    m = CredibilityModel(kind, **dict(params))  # type: ignore[arg-type]
    m.fit([corpus.samples[i] for i in tr], [y[i] for i in tr], corpus=corpus.samples,
          context=corpus.context)
    return [float(p) for p in m.predict_proba([corpus.samples[i] for i in te],
                                              corpus=corpus.samples, context=corpus.context)]


def _acc(y: Sequence[int], p: Sequence[float]) -> float:
    return round(sum((pi >= 0.5) == bool(yi) for yi, pi in zip(y, p, strict=True)) / max(len(y), 1), 4)


def _scheme_splits(corpus: Corpus, scheme: str, idx: Sequence[int], folds: int, seed: int
                   ) -> list[tuple[list[int], list[int]]]:
    import numpy as np
    from sklearn.model_selection import LeaveOneGroupOut

    sub = [corpus.samples[i] for i in idx]
    ys = np.asarray([corpus.y[i] for i in idx])
    if scheme == "by_outlet":
        groups = [corpus.outlets[i] for i in idx]
        pairs = LeaveOneGroupOut().split(np.zeros(len(idx)), ys, groups)
    else:
        pairs = cv_splits(sub, ys, "stratified", folds=folds, seed=seed)  # type: ignore[assignment]
    return [([idx[j] for j in tr], [idx[j] for j in te]) for tr, te in pairs]


def evaluate(corpus: Corpus, *, kinds: Sequence[str] = ("outlet", "text", "claims", "logreg"),
             folds: int = 5, seed: int = 0, params: Mapping[str, Any] | None = None
             ) -> dict[str, Any]:
    """Out-of-fold accuracy of every kind under every scheme, plus the halves and per outlet."""
    from ..evaluate.splits import half_of

    bad = [k for k in kinds if k not in KINDS and k not in BASELINES]
    if bad:
        raise error("E052", f"unknown model kind(s) {bad}; choose from "
                    f"{', '.join((*BASELINES, *KINDS))}")
    params = params or {}
    n = len(corpus.y)
    everyone = list(range(n))
    camps = [outlet_camp(o) or "other" for o in corpus.outlets]
    result: dict[str, Any] = {
        "n": n, "credible": sum(corpus.y), "fake": n - sum(corpus.y),
        "majority_rate": round(max(sum(corpus.y), n - sum(corpus.y)) / max(n, 1), 4),
        "schemes": {}, "per_camp": {}, "per_outlet": {}, "halves": {},
    }
    oof_all: dict[str, dict[str, list[float]]] = {}
    # a camp too small for `folds` folds of both labels cannot be measured inside itself
    measurable = {c for c in set(camps)
                  if min(sum(corpus.y[i] for i in everyone if camps[i] == c),
                         sum(1 - corpus.y[i] for i in everyone if camps[i] == c)) >= folds}
    for scheme in SCHEMES:
        groups = ([[i for i in everyone if camps[i] == c] for c in sorted(measurable)]
                  if scheme == "within_camp" else [everyone])
        scored = sorted(i for g in groups for i in g)
        splits = [s for g in groups for s in _scheme_splits(corpus, scheme, g, folds, seed)]
        res: dict[str, Any] = {}
        for kind in kinds:
            oof = [0.5] * n
            for tr, te in splits:
                for i, p in zip(te, _fit_predict(kind, corpus, tr, te, params), strict=True):
                    oof[i] = p
            res[kind] = {"accuracy": _acc([corpus.y[i] for i in scored], [oof[i] for i in scored]),
                         "rows": len(scored)}
            oof_all.setdefault(scheme, {})[kind] = oof
        result["schemes"][scheme] = res
    for camp in sorted(measurable):
        idx = [i for i in everyone if camps[i] == camp]
        ys = [corpus.y[i] for i in idx]
        result["per_camp"][camp] = {
            "n": len(idx), "majority_rate": round(max(sum(ys), len(ys) - sum(ys)) / len(ys), 4),
            **{k: _acc(ys, [oof_all["within_camp"][k][i] for i in idx]) for k in kinds}}
    for outlet, cnt in sorted(Counter(corpus.outlets).items()):
        idx = [i for i in everyone if corpus.outlets[i] == outlet]
        ys = [corpus.y[i] for i in idx]
        result["per_outlet"][outlet] = {
            "n": cnt, "majority_rate": round(max(sum(ys), cnt - sum(ys)) / cnt, 4),
            **{k: _acc(ys, [oof_all["stratified"][k][i] for i in idx]) for k in kinds}}
    halves = {h: [i for i in everyone if half_of(corpus.unit_ids[i]) == h] for h in ("tune", "test")}
    for kind in kinds if halves["tune"] and halves["test"] else ():
        pred = _fit_predict(kind, corpus, halves["tune"], halves["test"], params)
        result["halves"][kind] = {"test": _acc([corpus.y[i] for i in halves["test"]], pred)}
    result["halves"]["sizes"] = {h: len(v) for h, v in halves.items()}
    result["context_vs_label"] = context_vs_label(corpus)
    return result


def context_vs_label(corpus: Corpus) -> dict[str, dict[str, int]]:
    """How the reference verdict and the other origins' judgement of the killed figure split
    across the labels (credible / fake counts per bucket): the signal the context carries."""
    out: dict[str, dict[str, int]] = {}
    for s, y in zip(corpus.samples, corpus.y, strict=True):
        f = corpus.context.get(s.article_id) or {}
        ref = next((k for k in ("ref_match", "ref_partial", "ref_no_match") if f.get(k)),
                   "ref_no_reference")
        killed = ("killed_agreed" if f.get("cs_killed_agree") else
                  "killed_disagreed" if f.get("cs_killed_disagree") else "killed_unchecked")
        for bucket in (ref, killed):
            row = out.setdefault(bucket, {"credible": 0, "fake": 0})
            row["credible" if y else "fake"] += 1
    return out


def within_outlet_table(result: Mapping[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """Per outlet: the model's stratified out-of-fold accuracy against the outlet's majority
    rate, and whether it beats it (what the web page says beside a prediction)."""
    return {o: {"outlet": o, "n": r["n"], "accuracy": r[kind], "majority_rate": r["majority_rate"],
                "better_than_chance": r[kind] > r["majority_rate"]}
            for o, r in result["per_outlet"].items()}


def train_shipped(corpus: Corpus, out: str | Path, *, kind: str = "text", folds: int = 5,
                  data_name: str = "FA-KES-Dataset.csv",
                  params: Mapping[str, Any] | None = None) -> tuple[Path, dict[str, Any]]:
    """Train ``kind`` on every row of ``corpus`` (the dev rows only) and save it with its
    measured skill: stratified and by-outlet accuracy beside the outlet-only baseline, and
    per outlet whether it beats the outlet's own majority (shown beside each prediction)."""
    from .training import data_fingerprint

    res = evaluate(corpus, kinds=("outlet", kind), folds=folds, params=params)
    model = CredibilityModel(kind, **dict(params or {}))  # type: ignore[arg-type]
    model.fit(corpus.samples, corpus.y, rows=[r.row for r in corpus.rows], corpus=corpus.samples,
              context=corpus.context)
    strat, by_outlet = res["schemes"]["stratified"], res["schemes"]["by_outlet"]
    info = {"name": f"{kind} on {data_name} dev rows, realigned labels", "kind": kind,
            "data": data_name, "labels": "label_realigned",
            "data_fingerprint": data_fingerprint(corpus.rows), "n_train": len(corpus.y),
            "credible": sum(corpus.y), "fake": len(corpus.y) - sum(corpus.y),
            "cv_accuracy": strat[kind]["accuracy"], "cv_outlet_baseline": strat["outlet"]["accuracy"],
            "by_outlet_accuracy": by_outlet[kind]["accuracy"],
            "by_outlet_baseline": by_outlet["outlet"]["accuracy"],
            "majority_rate": res["majority_rate"],
            "within_outlet": within_outlet_table(res, kind)}
    return model.save(out, **info), info

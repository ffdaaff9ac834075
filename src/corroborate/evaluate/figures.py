"""Training and cross-validating the headline-figure scorer (`corroborate.extract.scorer`).

Only the ``tune`` halves are read (`corroborate.evaluate.splits`): GVA articles
(killed and injured, against their incident's counts) and FA-KES crowd rows
(killed: civilians + noncivilians; the crowd gives no injured).  The scorer
decides an outcome only where the rules' headline incident has no figure for it
(`scorer.apply`), so it learns from those articles alone: their candidates
(`scorer.candidates`) compete within the article (a conditional logit, one per
outcome), and the candidates whose figure equals the reference are the right
answers.

`cross_validate` splits the tune half by incident into ``folds`` groups,
trains on the others and, on each held-out group, compares the accuracy of
the headline figure with and without the scorer (all articles: where the rules
have a figure, both keep it).  An outcome's model is
switched on (``use`` in the model file) only when it beats the rules there on
both corpora together without losing on either; the test halves are never read.
Training is deterministic: fixed folds (by a hash of the incident key), a
deterministic solver and rounded coefficients.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..doc import Doc
from ..extract.scorer import (
    OUTCOMES,
    FigureModel,
    candidates,
    features,
    rule_value,
)
from ..models import Article, Outcome
from .splits import Half, select

#: the regularisation of the shipped model (inverse L2 strength, as scikit-learn's ``C``)
C = 0.1
FOLDS = 5


@dataclass
class Group:
    """One article's candidates for one outcome."""

    corpus: str
    key: str  # the incident (or crowd unit): folds never split one
    outcome: Outcome
    gold: int
    rule: int
    values: list[int]
    X: np.ndarray


@dataclass
class Dataset:
    groups: list[Group] = field(default_factory=list)

    def of(self, outcome: str) -> list[Group]:
        return [g for g in self.groups if g.outcome == outcome]


def _rules_pipeline(settings: Settings) -> Any:
    from ..extract import default_pipeline

    return default_pipeline(settings, figures=False)


def _add(ds: Dataset, doc: Doc, corpus: str, key: str, gold: dict[Outcome, int]) -> None:
    head = (doc.get("incidents") or [None])[0]
    for outcome, g in gold.items():
        cands = candidates(doc, outcome)
        ds.groups.append(Group(corpus, key, outcome, g, rule_value(head, outcome),
                               [c.value for c in cands], features(doc, cands)))


def collect(shared: Path, settings: Settings, half: Half = "tune",
            progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None) -> Dataset:
    """Candidates, features and labels of one half of both dev corpora (rules only)."""
    from .extraction import read_crowd, read_fakes
    from .gva import read_docs, read_incidents

    pipe = _rules_pipeline(settings)
    ds = Dataset()
    gva = shared / "data" / "gva-dev"
    incidents = read_incidents(gva)
    docs = select(read_docs(gva), lambda d: d.incident_id, half)
    fakes_dir = shared / "data" / "fa-kes"
    articles = read_fakes(fakes_dir / "FA-KES-Dataset.csv")
    crowd = select(read_crowd(fakes_dir / "crowd_dev.csv"), lambda r: r.unit_id, half)
    work: list[tuple[str, str, Article, dict[Outcome, int]]] = []
    for d in docs:
        inc = incidents[d.incident_id]
        work.append(("gva", d.incident_id, d.article, {"killed": inc.killed,
                                                        "injured": inc.injured}))
    for r in crowd:
        work.append(("fakes", r.unit_id, articles[r.row],
                     {"killed": r.civilians + r.noncivilians}))
    items: Iterable[Any] = work if progress is None else progress(work, len(work))
    for corpus, key, article, gold in items:
        _add(ds, pipe(Doc(article)), corpus, key, gold)
    return ds


def fold_of(key: str, folds: int = FOLDS) -> int:
    return hashlib.sha256(f"figures-cv\x00{key}".encode()).digest()[0] % folds


def fit(groups: list[Group], c: float = C) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """(coef, intercept, mean, scale) of a conditional logit: within each article the
    candidates compete (a softmax over their scores) and the likelihood is that of the
    candidates whose figure is the reference; ``c`` is the inverse L2 strength.  Articles
    whose reference is among no candidate teach nothing and are left out."""
    from scipy.optimize import minimize

    usable = [g for g in groups if g.gold in g.values]
    X = np.vstack([g.X for g in groups])
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    if not usable:
        return np.zeros(X.shape[1]), 0.0, mean, scale
    Z = (np.vstack([g.X for g in usable]) - mean) / scale
    pos = np.concatenate([np.asarray([v == g.gold for v in g.values]) for g in usable])
    sizes = np.asarray([len(g.values) for g in usable])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    owner = np.repeat(np.arange(len(usable)), sizes)
    lam = 1.0 / (c * len(usable))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = Z @ w
        top = np.maximum.reduceat(s, offsets)
        e = np.exp(s - top[owner])
        all_sum = np.add.reduceat(e, offsets)
        pos_sum = np.add.reduceat(np.where(pos, e, 0.0), offsets)
        nll = float(np.sum(np.log(all_sum) - np.log(pos_sum))) / len(usable)
        p = e / all_sum[owner]
        q = np.where(pos, e, 0.0) / pos_sum[owner]
        grad = Z.T @ (p - q) / len(usable)
        return nll + 0.5 * lam * float(w @ w), grad + lam * w

    res = minimize(loss, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B",
                   options={"maxiter": 500})
    # a constant added to every candidate of an article changes no choice: no intercept
    return res.x, 0.0, mean, scale


def pick(g: Group, coef: np.ndarray, intercept: float, mean: np.ndarray,
         scale: np.ndarray) -> int:
    s = ((g.X - mean) / scale) @ coef + intercept
    return g.values[int(np.argmax(s))]


def cross_validate(ds: Dataset, folds: int = FOLDS, c: float = C) -> dict[str, Any]:
    """Held-out accuracy of the model's pick and of the rules, per outcome and corpus."""
    out: dict[str, Any] = {}
    for outcome in OUTCOMES:
        groups = ds.of(outcome)
        hits: dict[str, dict[str, int]] = {}
        for k in range(folds):
            train = [g for g in groups if fold_of(g.key, folds) != k]
            held = [g for g in groups if fold_of(g.key, folds) == k]
            if not held or not train:
                continue
            params = fit([g for g in train if g.rule == 0], c)
            for g in held:
                h = hits.setdefault(g.corpus, {"n": 0, "rules": 0, "model": 0})
                h["n"] += 1
                h["rules"] += g.rule == g.gold
                h["model"] += (pick(g, *params) if g.rule == 0 else g.rule) == g.gold
        out[outcome] = {corpus: {"n": h["n"], "rules": round(h["rules"] / h["n"], 4),
                                 "model": round(h["model"] / h["n"], 4)}
                        for corpus, h in sorted(hits.items())}
    return out


def beats_rules(cv: dict[str, Any]) -> dict[str, bool]:
    """Per outcome: the model wins held-out on all corpora together and loses on none."""
    use = {}
    for outcome, per in cv.items():
        n = sum(p["n"] for p in per.values())
        model = sum(p["model"] * p["n"] for p in per.values())
        rules = sum(p["rules"] * p["n"] for p in per.values())
        use[outcome] = bool(n) and model > rules and all(
            p["model"] >= p["rules"] for p in per.values())
    return use


def train(ds: Dataset, folds: int = FOLDS, c: float = C) -> FigureModel:
    """The model of every tune-half candidate, with its cross-validation and switches."""
    cv = cross_validate(ds, folds, c)
    coef: dict[str, np.ndarray] = {}
    mean: dict[str, np.ndarray] = {}
    scale: dict[str, np.ndarray] = {}
    intercept: dict[str, float] = {}
    for outcome in OUTCOMES:
        w, b, m, s = fit([g for g in ds.of(outcome) if g.rule == 0], c)
        coef[outcome] = np.round(w, 8)
        intercept[outcome] = round(b, 8)
        mean[outcome] = np.round(m, 8)
        scale[outcome] = np.round(s, 8)
    meta = {
        "use": beats_rules(cv),
        "trained_on": {"half": "tune", "articles": {o: len(ds.of(o)) for o in OUTCOMES},
                       "without_rule_figure": {o: sum(g.rule == 0 for g in ds.of(o))
                                               for o in OUTCOMES},
                       "corpora": sorted({g.corpus for g in ds.groups})},
        "regularisation_C": c,
        "cross_validation": {"folds": folds, "by": "incident", "accuracy": cv},
    }
    return FigureModel(coef, intercept, mean, scale, meta)


__all__ = ["C", "FOLDS", "Dataset", "Group", "beats_rules", "collect", "cross_validate", "fit",
           "fold_of", "pick", "train"]

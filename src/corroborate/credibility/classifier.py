"""A trained credible/fake classifier over text and automatically extracted claims.

`CredibilityModel` combines TF-IDF text features with the claim, style and
cross-article consistency features of `corroborate.credibility.features`
(all computed from extraction output; FA-KES's crowd columns and metadata are
never read).  Kinds:

=========  =================================================================
``text``     TF-IDF + logistic regression: the text-only baseline
``claims``   logistic regression on the claim features alone
``logreg``   logistic regression on TF-IDF and claim features together
``hgb``      HistGradientBoosting on the claim features plus the out-of-fold
             probability of the text model (stacking, so trees see the text)
=========  =================================================================

Every prediction carries its reasons: for logistic regression the per-feature
contributions ``coef × value``; for gradient boosting an occlusion estimate
(the change in probability when a feature is set to its training median).

Labels follow FA-KES: 1 = credible, 0 = fake.  Reading labelled files, training and
cross-validation are in `corroborate.credibility.training`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import error
from ..models import Article
from .features import FEATURE_NAMES, ClaimSummary, CorpusIndex, describe, feature_matrix

if TYPE_CHECKING:
    import numpy as np

    from ..config import Settings

log = logging.getLogger(__name__)

ModelKind = Literal["text", "claims", "logreg", "hgb"]
KINDS: tuple[ModelKind, ...] = ("text", "claims", "logreg", "hgb")
FORMAT = "corroborate.credibility-model"
FORMAT_VERSION = 1
LABELS = {1: "credible", 0: "fake"}

@dataclass
class Sample:
    """One article as the classifier sees it."""

    article_id: str
    text: str  # Article.full_text
    published: str | None
    content_hash: str
    extraction: Mapping[str, Any]
    outlet: str | None = None

    @classmethod
    def from_article(cls, article: Article, extraction: Mapping[str, Any]) -> Sample:
        return cls(article.id, article.full_text, article.published, article.content_hash,
                   extraction, article.outlet)

    def summary(self) -> ClaimSummary:
        return ClaimSummary.from_extraction(self.extraction, self.content_hash)


# -- input ---------------------------------------------------------------------------

def extract_articles(articles: Sequence[Article], *, settings: Settings,
                     progress: Callable[[Iterator[Any]], Iterator[Any]] | None = None
                     ) -> list[dict[str, Any]]:
    """Extraction dicts for ``articles`` (each distinct text extracted once), with the
    caller's settings (its gazetteers and actor aliases)."""
    from ..extract import default_pipeline, extract_many

    unique: dict[str, Article] = {}
    for a in articles:
        unique.setdefault(a.content_hash, a)
    it: Iterator[Any] = extract_many(list(unique.values()), default_pipeline(settings))
    if progress is not None:
        it = progress(it)
    by_hash = {}
    for art, ex in zip(unique.values(), it, strict=True):
        by_hash[art.content_hash] = ex.to_dict() if hasattr(ex, "to_dict") else dict(ex)
    out = []
    for a in articles:
        d = dict(by_hash[a.content_hash])
        d.update({"id": a.id, "outlet": a.outlet, "published": a.published, "title": a.title})
        out.append(d)
    return out


# -- the model -----------------------------------------------------------------------

@dataclass
class Contribution:
    feature: str
    value: float
    contribution: float  # toward "credible" (log-odds for logreg, probability for hgb)

    def reason(self) -> str:
        toward = "credible" if self.contribution > 0 else "fake"
        shown = (f"word '{self.feature[5:]}'" if self.feature.startswith("word:")
                 else describe(self.feature, self.value))
        return f"{shown} ({self.contribution:+.2f} toward {toward})"

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": round(self.value, 4),
                "contribution": round(self.contribution, 4)}


@dataclass
class Prediction:
    article_id: str
    label: int
    probability: float  # P(credible)
    contributions: list[Contribution]

    @property
    def reasons(self) -> list[str]:
        return [c.reason() for c in self.contributions]

    def verdict(self, model_name: str) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "kind": "classifier", "label": LABELS[self.label],
            "score": round(self.probability, 4), "reasons": self.reasons,
            "details": {"probability_credible": round(self.probability, 4), "model": model_name,
                        "contributions": [c.to_dict() for c in self.contributions]},
        }


class CredibilityModel:
    """Fit / predict / explain; `save` and `load` with a version check (E052)."""

    def __init__(self, kind: ModelKind = "logreg", *, C: float = 3.0, max_features: int = 8000,
                 claim_weight: float = 1.0, seed: int = 0) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        self.kind: ModelKind = kind
        self.C = C
        self.max_features = max_features
        self.claim_weight = claim_weight
        self.seed = seed
        self.vectorizer: Any = None
        self.text_clf: Any = None
        self.clf: Any = None
        self.mean: np.ndarray | None = None
        self.scale: np.ndarray | None = None
        self.medians: np.ndarray | None = None
        self.background: list[ClaimSummary] = []
        self.train_ids: list[str] = []
        self.train_rows: list[int] = []
        self.info: dict[str, Any] = {}

    # features ------------------------------------------------------------------
    def _index(self, samples: Sequence[Sample], corpus: Sequence[Sample] | None) -> CorpusIndex:
        """Cross-article context: the training claims plus the batch (or an explicit corpus)."""
        if corpus is not None:
            return CorpusIndex(s.summary() for s in corpus)
        return self.batch_index([s.summary() for s in samples])

    def batch_index(self, summaries: Sequence[ClaimSummary]) -> CorpusIndex:
        """The index `predict` builds for a batch with these claim summaries: the training
        claims (less the batch's own articles) plus the batch's.  Built once from a whole
        store's summaries, it lets `predict` run on that store a chunk at a time."""
        seen = {s.article_id for s in summaries}
        idx = CorpusIndex(b for b in self.background if b.article_id not in seen)
        idx.extend(summaries)
        return idx

    def _features(self, samples: Sequence[Sample], corpus: Sequence[Sample] | None,
                  context: Mapping[str, Mapping[str, float]] | None,
                  index: CorpusIndex | None = None) -> np.ndarray:
        """Claim, consistency and context features.  The context (other origins, reference)
        comes from the caller's pipeline run (`features.context_features`); the model never
        links articles itself."""
        import numpy as np

        if index is None:
            index = self._index(samples, corpus)
        return np.asarray(feature_matrix([(s.extraction, s.text, s.published, s.content_hash)
                                          for s in samples], index, context), dtype=float)

    def _scaled(self, claims: np.ndarray) -> np.ndarray:
        assert self.mean is not None and self.scale is not None
        return (claims - self.mean) / self.scale * self.claim_weight

    def _design(self, samples: Sequence[Sample], claims: np.ndarray) -> Any:
        import numpy as np
        from scipy import sparse

        if self.kind == "text":
            return self.vectorizer.transform([s.text for s in samples])
        if self.kind == "claims":
            return self._scaled(claims)
        if self.kind == "logreg":
            return sparse.hstack([self.vectorizer.transform([s.text for s in samples]),
                                  sparse.csr_matrix(self._scaled(claims))]).tocsr()
        text_p = self.text_clf.predict_proba(self.vectorizer.transform([s.text for s in samples]))[:, 1]
        return np.column_stack([claims, text_p])

    @property
    def feature_names(self) -> list[str]:
        words = ([f"word:{w}" for w in self.vectorizer.get_feature_names_out()]
                 if self.vectorizer is not None else [])
        if self.kind == "text":
            return words
        if self.kind == "claims":
            return list(FEATURE_NAMES)
        if self.kind == "logreg":
            return words + list(FEATURE_NAMES)
        return list(FEATURE_NAMES) + ["text_model_probability"]

    # fit / predict ------------------------------------------------------------------
    def fit(self, samples: Sequence[Sample], y: Sequence[int], *, corpus: Sequence[Sample] | None = None,
            rows: Sequence[int] | None = None,
            context: Mapping[str, Mapping[str, float]] | None = None) -> CredibilityModel:
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        yv = np.asarray(y, dtype=int)
        claims = self._features(samples, corpus, context)
        self.mean = claims.mean(axis=0)
        sd = claims.std(axis=0)
        self.scale = np.where(sd > 1e-9, sd, 1.0)
        self.medians = np.median(claims, axis=0)
        if self.kind != "claims":
            from sklearn.feature_extraction.text import TfidfVectorizer

            small = len(samples) < 20  # a tiny training set keeps every term it has
            self.vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=1 if small else 2,
                                              max_df=1.0 if small else 0.9,
                                              ngram_range=(1, 2), max_features=self.max_features,
                                              strip_accents="unicode", dtype=np.float32)
            self.vectorizer.fit([s.text for s in samples])
            self.vectorizer.stop_words_ = None  # only for introspection; keeps the file small
        if self.kind == "hgb":
            from sklearn.ensemble import HistGradientBoostingClassifier
            from sklearn.model_selection import StratifiedKFold, cross_val_predict

            xt = self.vectorizer.transform([s.text for s in samples])
            self.text_clf = LogisticRegression(C=self.C * 10, solver="liblinear")
            cv = StratifiedKFold(5, shuffle=True, random_state=self.seed)
            oof = cross_val_predict(self.text_clf, xt, yv, cv=cv, method="predict_proba")[:, 1]
            self.text_clf.fit(xt, yv)
            self.clf = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.05,
                                                      max_leaf_nodes=15, l2_regularization=1.0,
                                                      random_state=self.seed)
            self.clf.fit(np.column_stack([claims, oof]), yv)
            self.medians = np.append(self.medians, float(np.median(oof)))
        else:
            c = self.C * (10 if self.kind == "text" else 1)
            self.clf = LogisticRegression(C=c, solver="liblinear")
            self.clf.fit(self._design(samples, claims), yv)
        self.background = [s.summary() for s in samples]
        self.train_ids = [s.article_id for s in samples]
        self.train_rows = list(rows) if rows is not None else []
        return self

    def predict_proba(self, samples: Sequence[Sample], *, corpus: Sequence[Sample] | None = None,
                      context: Mapping[str, Mapping[str, float]] | None = None) -> np.ndarray:
        claims = self._features(samples, corpus, context)
        return self.clf.predict_proba(self._design(samples, claims))[:, 1]  # type: ignore[no-any-return]

    def predict(self, samples: Sequence[Sample], *, corpus: Sequence[Sample] | None = None,
                context: Mapping[str, Mapping[str, float]] | None = None,
                top: int = 5, index: CorpusIndex | None = None) -> list[Prediction]:
        """Labels, P(credible) and the ``top`` contributions behind each prediction.
        ``index`` (`batch_index`) replaces the one built from ``samples`` and ``corpus``."""
        import numpy as np

        if not samples:
            return []
        claims = self._features(samples, corpus, context, index)
        x = self._design(samples, claims)
        proba = self.clf.predict_proba(x)[:, 1]
        names = self.feature_names
        out = []
        if self.kind == "hgb":
            contribs = self._occlusion(np.asarray(x), proba)
        for i, s in enumerate(samples):
            if self.kind == "hgb":
                row = contribs[i]
                values = np.asarray(x)[i]
            else:
                xi = x[i]
                dense = xi.toarray().ravel() if hasattr(xi, "toarray") else np.asarray(xi).ravel()
                row = dense * self.clf.coef_[0]
                # report claim features by their raw values, not the scaled ones
                values = dense.copy()
                if self.kind in ("claims", "logreg"):
                    values[-len(FEATURE_NAMES):] = claims[i]
            order = np.argsort(-np.abs(row))
            picked = [Contribution(names[j], float(values[j]), float(row[j]))
                      for j in order[:top] if row[j] != 0]
            p = float(proba[i])
            out.append(Prediction(s.article_id, int(p >= 0.5), p, picked))
        return out

    def _occlusion(self, x: np.ndarray, proba: np.ndarray) -> np.ndarray:
        """Change in P(credible) when each feature is set to its training median."""
        import numpy as np

        assert self.medians is not None
        n, k = x.shape
        probe = np.repeat(x, k, axis=0)
        cols = np.tile(np.arange(k), n)
        probe[np.arange(n * k), cols] = self.medians[cols]
        p = self.clf.predict_proba(probe)[:, 1].reshape(n, k)
        return proba[:, None] - p  # type: ignore[no-any-return]

    # persistence -------------------------------------------------------------------
    def save(self, path: str | Path, **info: Any) -> Path:
        import joblib
        import sklearn

        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        self.info = {**self.info, **info}
        state = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "sklearn_version": sklearn.__version__,
            "kind": self.kind, "params": {"C": self.C, "max_features": self.max_features,
                                          "claim_weight": self.claim_weight, "seed": self.seed},
            "feature_names": list(FEATURE_NAMES), "vectorizer": self.vectorizer,
            "text_clf": self.text_clf, "clf": self.clf, "mean": self.mean, "scale": self.scale,
            "medians": self.medians, "background": [b.to_list() for b in self.background],
            "train_ids": self.train_ids, "train_rows": self.train_rows,
            "created": datetime.now(UTC).isoformat(timespec="seconds"), "info": self.info,
        }
        joblib.dump(state, p, compress=3)
        return p

    @classmethod
    def load(cls, path: str | Path) -> CredibilityModel:
        """Load a model saved by `save`; E052 when missing, malformed or from another sklearn."""
        import sklearn

        p = Path(path)
        if not p.is_file():
            raise error("E052", f"model file {p} not found; train one with "
                        "`corroborate credibility train`", file=p)
        try:
            import joblib

            state = joblib.load(p)
        except Exception as exc:  # a truncated or foreign file fails in many ways
            raise error("E052", f"model file {p} could not be read: {exc}", file=p) from exc
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise error("E052", f"{p} is not a corroborate credibility model", file=p)
        if state.get("format_version") != FORMAT_VERSION:
            raise error("E052", f"model format {state.get('format_version')} is not supported "
                        f"(this version reads {FORMAT_VERSION}); retrain it", file=p)
        if state.get("sklearn_version") != sklearn.__version__:
            raise error("E052", f"model was trained with scikit-learn {state.get('sklearn_version')}, "
                        f"this is {sklearn.__version__}; retrain it (scripts/train_default_model.py "
                        "or `corroborate credibility train`)", file=p)
        if state.get("feature_names") != list(FEATURE_NAMES):
            raise error("E052", "model was trained on a different feature set; retrain it", file=p)
        m = cls(state["kind"], **state["params"])
        for k in ("vectorizer", "text_clf", "clf", "mean", "scale", "medians", "train_ids",
                  "train_rows", "info"):
            setattr(m, k, state[k])
        m.background = [ClaimSummary.from_list(b) for b in state["background"]]
        m.info.setdefault("created", state.get("created"))
        return m


def default_model_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("corroborate"))) / "data" / "models" / "credibility.joblib"


def settings_model_path(settings: Settings) -> Path:
    """The model ``settings`` name, else the one shipped in the package."""
    return settings.credibility_model or default_model_path()

"""Linking quality: B³ on ECB+ (within and across topics) and on the FA-KES dev gold.

B³ (Bagga & Baldwin 1998) scores a clustering item by item: for item *i* with
predicted cluster C(i) and gold cluster G(i), precision is |C(i) ∩ G(i)| / |C(i)|
and recall |C(i) ∩ G(i)| / |G(i)|; both are averaged over items and F1 is their
harmonic mean.

ECB+ documents are rebuilt from their XML tokens.  The ECB+ sentence 0 of the
newer ('ecbplus') documents is the URL the text was found at; it is dropped,
because only that half of the corpus has it and it would give the gold split
away.  Within a topic the gold is its two sub-topics (two similar but distinct
events, e.g. two celebrities entering rehab); across topics it is all 86.

Items come from `corroborate.extract.extract` (the headline incident of each
article) when the extraction pipeline is installed, and fall back to
text-and-published-date items otherwise; the report says which.
"""

from __future__ import annotations

import csv
import logging
import re
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..errors import CorroborateError, error
from ..link import FEATURES, Linker, LinkItem, items_from_extractions
from ..models import Article

log = logging.getLogger(__name__)


# --- B³ ------------------------------------------------------------------------

@dataclass
class BCubed:
    precision: float
    recall: float
    f1: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def b_cubed(predicted: Iterable[Iterable[Any]], gold: Mapping[Any, Hashable]) -> BCubed:
    """B³ of ``predicted`` clusters (of item keys) against ``gold`` (item key -> gold label).

    Only items in ``gold`` count; a gold item missing from ``predicted`` is a
    singleton.  Returns zeros for an empty gold.
    """
    pred_of: dict[Hashable, int] = {}
    for c, cluster in enumerate(predicted):
        for x in cluster:
            if x in gold:
                pred_of[x] = c
    nxt = -1
    for x in gold:
        if x not in pred_of:
            pred_of[x] = nxt
            nxt -= 1
    pred_members: dict[int, list[Hashable]] = defaultdict(list)
    gold_size: dict[Hashable, int] = defaultdict(int)
    for x, c in pred_of.items():
        pred_members[c].append(x)
    for g in gold.values():
        gold_size[g] += 1
    if not gold:
        return BCubed(0.0, 0.0, 0.0, 0)
    p_sum = r_sum = 0.0
    for members in pred_members.values():
        counts: dict[Hashable, int] = defaultdict(int)
        for x in members:
            counts[gold[x]] += 1
        for x in members:
            overlap = counts[gold[x]]
            p_sum += overlap / len(members)
            r_sum += overlap / gold_size[gold[x]]
    p, r = p_sum / len(gold), r_sum / len(gold)
    return BCubed(p, r, _f1(p, r), len(gold))


# --- building items ----------------------------------------------------------------

def _extract_fn() -> Callable[[Article], Any] | None:
    """`corroborate.extract.extract` with one pipeline, when the extraction stage is installed."""
    try:
        from .. import extract as ex
    except ImportError:  # pragma: no cover - the package always exists
        return None
    fn = getattr(ex, "extract", None)
    make = getattr(ex, "default_pipeline", None)
    if not callable(fn) or not callable(make):
        return None
    pipeline = make()
    return lambda art: fn(art, pipeline)


def items_for_articles(articles: Sequence[Article], *, use_extraction: bool = True) -> list[LinkItem]:
    """One item per article: its headline incident, or a text-only item without one."""
    fn = _extract_fn() if use_extraction else None
    items: list[LinkItem] = []
    for art in articles:
        item: LinkItem | None = None
        if fn is not None:
            try:
                found = items_from_extractions([fn(art).to_dict()], {art.id: art})
            except CorroborateError as exc:
                log.warning("extraction failed for %s: %s", art.id, exc)
                found = []
            item = found[0] if found else None
        if item is None:
            item = LinkItem(article_id=art.id, incident_index=0, outlet=art.outlet,
                            published=art.published, title=art.title, text=art.full_text)
        items.append(item)
    return items


# --- ECB+ --------------------------------------------------------------------------

@dataclass
class EcbDoc:
    doc: str
    topic: str
    subtopic: str
    article: Article


_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(tokens: Sequence[str]) -> str:
    """Readable text from ECB+ tokens (spacing around punctuation undone)."""
    s = " ".join(tokens)
    s = _NO_SPACE_BEFORE.sub(r"\1", s)
    return _NO_SPACE_AFTER.sub(r"\1", s)


def read_ecbplus_doc(path: Path, *, drop_url: bool = True) -> str:
    """The text of one ECB+ XML document: one sentence per line, URL sentence dropped."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.parse(path).getroot().iter("token"):
        sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
    lines = []
    for k in sorted(sentences):
        line = detokenize(sentences[k])
        if drop_url and k == 0 and path.name.endswith("ecbplus.xml") and (
                line.startswith("http") or "www" in line):
            continue
        lines.append(line)
    return "\n".join(lines)


def load_ecbplus(ecbplus_dir: str | Path) -> list[EcbDoc]:
    """All ECB+ documents listed in ``ecbplus_doc_index.csv``, as articles."""
    root = Path(ecbplus_dir)
    index = root / "ecbplus_doc_index.csv"
    if not index.is_file():
        raise error("E001", f"ECB+ index not found: {index}", file=index)
    docs: list[EcbDoc] = []
    with open(index, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            path = root / "ECB+" / row["topic"] / row["doc"]
            if not path.is_file():
                raise error("E001", f"ECB+ document not found: {path}", file=path)
            text = read_ecbplus_doc(path)
            art = Article(id="ecb-" + row["doc"].removesuffix(".xml").replace("_", "-"), text=text)
            docs.append(EcbDoc(row["doc"], row["topic"], row["subtopic"], art))
    return docs


@dataclass
class EcbResult:
    within_micro: BCubed
    within_macro: BCubed
    across: BCubed
    per_topic: dict[str, BCubed] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "within_topic_micro": self.within_micro.to_dict(),
            "within_topic_macro": self.within_macro.to_dict(),
            "across_topics": self.across.to_dict(),
            "per_topic": {t: b.to_dict() for t, b in self.per_topic.items()},
        }


def _link_keys(linker: Linker, items: list[LinkItem]) -> list[list[tuple[str, int]]]:
    return [[items[i].key for i in c] for c in linker.link(items)]


def evaluate_ecbplus_items(docs: Sequence[EcbDoc], items: Sequence[LinkItem],
                           linker: Linker) -> EcbResult:
    """B³ within each topic (micro and macro) and across all topics at once."""
    gold = {it.key: d.subtopic for d, it in zip(docs, items, strict=True)}
    by_topic: dict[str, list[int]] = defaultdict(list)
    for k, d in enumerate(docs):
        by_topic[d.topic].append(k)
    pooled: list[list[tuple[str, int]]] = []
    per_topic: dict[str, BCubed] = {}
    for topic in sorted(by_topic, key=lambda t: (len(t), t)):
        t_items = [items[k] for k in by_topic[topic]]
        clusters = _link_keys(linker, t_items)
        pooled.extend(clusters)
        per_topic[topic] = b_cubed(clusters, {it.key: gold[it.key] for it in t_items})
    micro = b_cubed(pooled, gold)
    p = statistics.fmean(b.precision for b in per_topic.values())
    r = statistics.fmean(b.recall for b in per_topic.values())
    f = statistics.fmean(b.f1 for b in per_topic.values())
    macro = BCubed(p, r, f, len(per_topic))
    across = b_cubed(_link_keys(linker, list(items)), gold)
    return EcbResult(micro, macro, across, per_topic)


# --- FA-KES dev gold ----------------------------------------------------------------

def load_gold(path: str | Path) -> dict[int, str]:
    """``row,incident,note`` -> {row: incident}."""
    p = Path(path)
    if not p.is_file():
        raise error("E001", f"gold file not found: {p}", file=p)
    gold: dict[int, str] = {}
    with open(p, newline="", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            try:
                gold[int(row["row"])] = row["incident"].strip()
            except (KeyError, ValueError, AttributeError):
                raise error("E051", "expected columns row,incident", file=p, row=n) from None
    return gold


def _fakes_date(raw: str) -> str | None:
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", raw or "")
    if not m:
        return None
    mo, d, y = int(m[1]), int(m[2]), int(m[3])
    y = y + 2000 if y < 100 else y
    try:
        from datetime import date

        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def load_fakes_rows(csv_path: str | Path, rows: Iterable[int]) -> dict[int, Article]:
    """The FA-KES articles at the given 0-based rows (title, text, source, date only)."""
    wanted = set(rows)
    p = Path(csv_path)
    if not p.is_file():
        raise error("E001", f"FA-KES file not found: {p}", file=p)
    csv.field_size_limit(1 << 30)
    out: dict[int, Article] = {}
    with open(p, newline="", encoding="utf-8", errors="replace") as fh:
        for k, row in enumerate(csv.DictReader(fh)):
            if k in wanted:
                out[k] = Article(id=f"fa-kes-dataset-{k}", text=row.get("article_content") or "",
                                 title=row.get("article_title") or "",
                                 outlet=row.get("source") or None,
                                 published=_fakes_date(row.get("date") or ""))
    missing = wanted - set(out)
    if missing:
        raise error("E051", f"gold rows not in the dataset: {sorted(missing)[:5]}", file=p)
    return out


def fakes_items(csv_path: str | Path, gold_path: str | Path, *, use_extraction: bool = True
                ) -> tuple[list[LinkItem], dict[tuple[str, int], str]]:
    gold_rows = load_gold(gold_path)
    arts = load_fakes_rows(csv_path, gold_rows)
    rows = sorted(gold_rows)
    items = items_for_articles([arts[r] for r in rows], use_extraction=use_extraction)
    gold = {it.key: gold_rows[r] for r, it in zip(rows, items, strict=True)}
    return items, gold


# --- fitting the pair model -------------------------------------------------------

def pair_training_data(sets: Iterable[tuple[Sequence[LinkItem], Mapping[tuple[str, int], str]]],
                       linker: Linker) -> tuple[np.ndarray, np.ndarray]:
    """Features and same-incident labels of the candidate pairs blocking yields."""
    Xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for items, gold in sets:
        items = list(items)
        pairs = linker.pairs(items)
        if not pairs:
            continue
        Xs.append(linker.features(items, pairs))
        ys.append(np.array([gold[items[a].key] == gold[items[b].key] for a, b in pairs]))
        linker._prep = None
    if not Xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool)
    return np.vstack(Xs), np.concatenate(ys)


def fit_pair_model(X: np.ndarray, y: np.ndarray, groups: np.ndarray | None = None, *,
                   C: float = 1.0) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression on pair features; returns (weights, intercept).

    Samples are weighted so that every group (dev corpus) and, within it, both
    classes carry equal weight: the share of true matches among candidate pairs
    differs wildly between corpora (ECB+ topics are small and mostly one event;
    FA-KES is one long war), and unweighted, a feature that one corpus happens
    to have would soak up that base rate instead of its own evidence.  The
    threshold, tuned afterwards on B³, sets the operating point.

    Columns that never vary in the training data (a signal the dev data lacks)
    keep weight 0 rather than an arbitrary value.
    """
    groups = np.zeros(len(y), dtype=int) if groups is None else np.asarray(groups)
    weight = np.zeros(len(y))
    cells = [(g, c) for g in np.unique(groups) for c in (False, True)]
    present = [(g, c) for g, c in cells if np.any((groups == g) & (y == c))]
    for g, c in present:
        mask = (groups == g) & (y == c)
        weight[mask] = len(y) / (len(present) * mask.sum())
    from scipy.optimize import minimize

    # agreement features may only raise the score, conflicts only lower it (as
    # agreement/disagreement levels in Fellegi-Sunter): with a few hundred dev
    # pairs a free fit flips signs on features that merely correlate with how
    # the dev negatives were picked, which would not carry over to new corpora
    sign = np.array([-1.0 if f.endswith(("_far", "_conflict")) else 1.0 for f in FEATURES])
    varying = X.std(axis=0) > 0
    bounds = [(None, None)] + [
        ((0.0, None) if sg > 0 else (None, 0.0)) if v else (0.0, 0.0)
        for sg, v in zip(sign, varying, strict=True)]
    yy = y.astype(float)
    wsum = weight.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + X @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -np.sum(weight * (yy * np.log(p + eps) + (1 - yy) * np.log(1 - p + eps))) / wsum
        g = weight * (p - yy) / wsum
        reg = 0.5 / (C * wsum) * np.sum(theta[1:] ** 2)
        grad = np.concatenate([[g.sum()], X.T @ g + theta[1:] / (C * wsum)])
        return float(ll + reg), grad

    res = minimize(loss, np.zeros(X.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    theta = res.x
    return {f: round(float(v), 3) for f, v in zip(FEATURES, theta[1:], strict=True)}, round(
        float(theta[0]), 3)


# --- one report -------------------------------------------------------------------

@dataclass
class DevData:
    """Items and gold of the dev sets, built once (extraction is the slow part)."""

    ecb_docs: list[EcbDoc] = field(default_factory=list)
    ecb_items: list[LinkItem] = field(default_factory=list)
    fakes_items: list[LinkItem] = field(default_factory=list)
    fakes_gold: dict[tuple[str, int], str] = field(default_factory=dict)
    extraction: bool = False

    @classmethod
    def load(cls, *, ecbplus: str | Path | None = None, fakes: str | Path | None = None,
             gold: str | Path | None = None, use_extraction: bool = True) -> DevData:
        data = cls(extraction=use_extraction and _extract_fn() is not None)
        if ecbplus is not None:
            data.ecb_docs = load_ecbplus(ecbplus)
            data.ecb_items = items_for_articles([d.article for d in data.ecb_docs],
                                                use_extraction=use_extraction)
        if fakes is not None and gold is not None:
            data.fakes_items, data.fakes_gold = fakes_items(fakes, gold,
                                                            use_extraction=use_extraction)
        return data

    def training_groups(self) -> list[list[tuple[list[LinkItem], dict[tuple[str, int], str]]]]:
        """Per corpus, the linking problems to draw pairs from: the ECB+ topics one by one
        (the hard, within-topic negatives), and the FA-KES gold."""
        groups = []
        by_topic: dict[str, list[int]] = defaultdict(list)
        for k, d in enumerate(self.ecb_docs):
            by_topic[d.topic].append(k)
        if by_topic:
            groups.append([([self.ecb_items[k] for k in ks],
                            {self.ecb_items[k].key: self.ecb_docs[k].subtopic for k in ks})
                           for ks in by_topic.values()])
        if self.fakes_items:
            groups.append([(self.fakes_items, self.fakes_gold)])
        return groups


def evaluate_dev(data: DevData, settings: Settings | None = None) -> dict[str, Any]:
    settings = settings or Settings()
    linker = Linker(settings)
    report: dict[str, Any] = {"extraction": data.extraction,
                              "threshold": settings.link.threshold}
    if data.ecb_docs:
        report["ecbplus"] = evaluate_ecbplus_items(data.ecb_docs, data.ecb_items, linker).to_dict()
        report["ecbplus"]["documents"] = len(data.ecb_docs)
    if data.fakes_items:
        clusters = _link_keys(linker, data.fakes_items)
        report["fakes"] = b_cubed(clusters, data.fakes_gold).to_dict()
        report["fakes"]["gold_clusters"] = len(set(data.fakes_gold.values()))
        report["fakes"]["predicted_clusters"] = len(clusters)
    return report


def _objective(report: dict[str, Any]) -> float:
    """Mean F1 of ECB+ within-topic (micro), ECB+ across topics and FA-KES, where present."""
    parts = []
    if "ecbplus" in report:
        parts += [report["ecbplus"]["within_topic_micro"]["f1"],
                  report["ecbplus"]["across_topics"]["f1"]]
    if "fakes" in report:
        parts.append(report["fakes"]["f1"])
    return statistics.fmean(parts) if parts else 0.0


def tune_linking(data: DevData, settings: Settings | None = None,
                 thresholds: Sequence[float] = tuple(np.round(np.arange(0.05, 0.851, 0.05), 2)),
                 ) -> dict[str, Any]:
    """Fit the pair model on the dev candidate pairs, then pick the threshold by B³ F1.

    Returns the weights, intercept and threshold (paste them into the ``[link]``
    table of a config file) and the figures at every threshold tried.
    """
    settings = settings or Settings()
    Xs, ys, gs = [], [], []
    for g, sets in enumerate(data.training_groups()):
        X, y = pair_training_data(sets, Linker(settings))
        Xs.append(X)
        ys.append(y)
        gs.append(np.full(len(y), g))
    X, y = np.vstack(Xs), np.concatenate(ys)
    weights, intercept = fit_pair_model(X, y, np.concatenate(gs))
    grid: list[dict[str, Any]] = []
    for thr in thresholds:
        s = settings.model_copy(deep=True)
        s.link.weights, s.link.intercept, s.link.threshold = weights, intercept, float(thr)
        rep = evaluate_dev(data, s)
        grid.append({"threshold": float(thr), "objective": round(_objective(rep), 4),
                     "report": rep})
    best = max(grid, key=lambda g: float(g["objective"]))
    return {"weights": weights, "intercept": intercept, "threshold": best["threshold"],
            "pairs": int(len(y)), "positive_pairs": int(y.sum()), "grid": grid}


def evaluate_linking(*, ecbplus: str | Path | None = None, fakes: str | Path | None = None,
                     gold: str | Path | None = None, settings: Settings | None = None,
                     use_extraction: bool = True) -> dict[str, Any]:
    """B³ figures for the datasets given, as one JSON-able report."""
    data = DevData.load(ecbplus=ecbplus, fakes=fakes, gold=gold, use_extraction=use_extraction)
    return evaluate_dev(data, settings)

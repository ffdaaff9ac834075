"""Training and evaluating the credibility classifier: labelled files (FA-KES
`labels` or any `label` column) to samples, cross-validation and `train_model`.

The model itself and prediction are in `corroborate.credibility.classifier`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import error
from ..models import Article, Provenance
from ..unionfind import find
from .classifier import KINDS, CredibilityModel, ModelKind, Sample, extract_articles
from .reference import parse_date

if TYPE_CHECKING:
    from ..config import Settings

_TEXT_COLUMNS = ("text", "article_content", "content", "body", "article", "article_text")
_TITLE_COLUMNS = ("title", "article_title", "headline")
_OUTLET_COLUMNS = ("outlet", "source", "publisher", "site")
_DATE_COLUMNS = ("published", "date", "publication_date", "pubdate")
_LABEL_COLUMNS = ("labels", "label", "credible", "y")


@dataclass
class LabelledRow:
    row: int  # 0-based data row of the labelled file
    article: Article
    label: int


# -- data --------------------------------------------------------------------------

def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "data"


def _pick(header: Sequence[str], names: Sequence[str]) -> str | None:
    low = {h.strip().lower(): h for h in header}
    return next((low[n] for n in names if n in low), None)


def read_labelled(path: str | Path, *, rows: Iterable[int] | None = None,
                  label_column: str | None = None) -> list[LabelledRow]:
    """Labelled articles from a CSV (FA-KES's ``labels`` or a ``label`` column).

    Ids follow the contract: an ``id`` column wins, else ``<file-stem-slug>-<row>``.
    ``rows`` keeps only those 0-based data rows (e.g. the dev rows of crowd_dev.csv).
    """
    p = Path(path)
    if not p.is_file():
        raise error("E001", f"labelled data {p} not found", file=p)
    text = p.read_text(encoding="utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    tcol = _pick(header, _TEXT_COLUMNS)
    if tcol is None:
        raise error("E010", f"no text column (tried {', '.join(_TEXT_COLUMNS)})", file=p)
    lcol = label_column if label_column in header else _pick(header, _LABEL_COLUMNS)
    if lcol is None:
        raise error("E053", f"no label column (tried {', '.join(_LABEL_COLUMNS)})", file=p)
    title_c, outlet_c = _pick(header, _TITLE_COLUMNS), _pick(header, _OUTLET_COLUMNS)
    date_c, id_c = _pick(header, _DATE_COLUMNS), _pick(header, ("id",))
    keep = set(rows) if rows is not None else None
    stem = _slug(p.stem)
    out = []
    for i, rec in enumerate(reader):
        if keep is not None and i not in keep:
            continue
        raw = (rec.get(lcol) or "").strip().lower()
        if raw in ("1", "1.0", "true", "credible", "real"):
            label = 1
        elif raw in ("0", "0.0", "false", "fake"):
            label = 0
        else:
            raise error("E053", f"label {raw!r} is not 1/0 (credible/fake)", file=p, row=i, field=lcol)
        body = rec.get(tcol) or ""
        if not body.strip():
            raise error("E012", file=p, row=i, field=tcol)
        published = None
        if date_c and rec.get(date_c):
            try:
                published = parse_date(rec[date_c])
            except ValueError:
                published = None  # an unparseable publication date only loses the delay feature
        art = Article(
            id=(rec.get(id_c) or "").strip() if id_c and (rec.get(id_c) or "").strip() else f"{stem}-{i}",
            text=body, title=(rec.get(title_c) or "") if title_c else "",
            outlet=(rec.get(outlet_c) or None) if outlet_c else None, published=published,
            provenance=[Provenance(str(p), i, {"label": label})],
        )
        out.append(LabelledRow(i, art, label))
    return out


def read_dev_rows(path: str | Path) -> list[int]:
    """The 0-based FA-KES rows listed in a crowd_dev-style file (its ``row`` column)."""
    p = Path(path)
    if not p.is_file():
        raise error("E001", f"dev file {p} not found", file=p)
    with p.open(encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if "row" not in (reader.fieldnames or []):
            raise error("E011", "dev file has no 'row' column", file=p)
        return sorted({int(r["row"]) for r in reader})


# -- evaluation ---------------------------------------------------------------------

def _groups(keys_a: Sequence[str], keys_b: Sequence[str]) -> list[int]:
    """Union of two groupings: items sharing either key end up in one group."""
    parent = list(range(len(keys_a)))
    for keys in (keys_a, keys_b):
        first: dict[str, int] = {}
        for i, k in enumerate(keys):
            if k in first:
                parent[find(parent, i)] = find(parent, first[k])
            else:
                first[k] = i
    return [find(parent, i) for i in range(len(keys_a))]


def _metrics(y: Any, p: Any) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred = [int(v >= 0.5) for v in p]
    return {"accuracy": round(float(accuracy_score(y, pred)), 4),
            "f1": round(float(f1_score(y, pred)), 4),
            "auc": round(float(roc_auc_score(y, p)), 4)}


def cv_splits(samples: Sequence[Sample], y: Any, scheme: str, *, folds: int = 5,
              seed: int = 0) -> list[tuple[Any, Any]]:
    """Train/test index pairs; texts (and, ``by_outlet``, outlets) never straddle folds."""
    import numpy as np
    from sklearn.model_selection import GroupKFold, StratifiedGroupKFold

    hashes = [s.content_hash for s in samples]
    if scheme == "stratified":
        cv: Any = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
        groups = _groups(hashes, hashes)
    elif scheme == "by_outlet":
        cv = GroupKFold(folds)
        groups = _groups([s.outlet or "" for s in samples], hashes)
    else:
        raise ValueError(f"unknown CV scheme {scheme!r}")
    return list(cv.split(np.zeros(len(samples)), np.asarray(y), groups))


def cross_validate(samples: Sequence[Sample], y: Sequence[int], *, kinds: Sequence[ModelKind] = KINDS,
                   folds: int = 5, seed: int = 0, by_outlet: bool = True,
                   params: Mapping[str, Any] | None = None,
                   context: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Any]:
    """Out-of-fold accuracy, F1 and AUC of each model kind, measured in one run.

    ``stratified``: StratifiedGroupKFold, grouped by text so duplicated texts
    (same text, different labels in FA-KES) never straddle folds.
    ``by_outlet``: GroupKFold on the outlet (united with the text groups).
    Cross-article features see the whole corpus (never its labels), as predict does.
    """
    import numpy as np

    yv = np.asarray(y, dtype=int)
    schemes = ["stratified", "by_outlet"] if by_outlet else ["stratified"]
    result: dict[str, Any] = {"n": len(samples), "credible": int(yv.sum()),
                              "fake": int(len(yv) - yv.sum()), "folds": folds, "schemes": {}}
    for scheme in schemes:
        res: dict[str, Any] = {}
        splits = cv_splits(samples, yv, scheme, folds=folds, seed=seed)
        for kind in kinds:
            oof = np.zeros(len(yv))
            fold_acc = []
            for tr, te in splits:
                m = CredibilityModel(kind, seed=seed, **dict(params or {}))
                m.fit([samples[i] for i in tr], yv[tr], corpus=samples, context=context)
                p = m.predict_proba([samples[i] for i in te], corpus=samples, context=context)
                oof[te] = p
                fold_acc.append(float(np.mean((p >= 0.5) == yv[te])))
            res[kind] = {**_metrics(yv, oof),
                         "fold_accuracy_mean": round(float(np.mean(fold_acc)), 4),
                         "fold_accuracy_std": round(float(np.std(fold_acc)), 4)}
        result["schemes"][scheme] = res
    return result


def data_fingerprint(rows: Sequence[LabelledRow]) -> str:
    h = hashlib.sha256()
    for r in rows:
        h.update(f"{r.row}:{r.label}:{r.article.content_hash}\n".encode())
    return h.hexdigest()[:16]


# -- end-to-end: labelled file -> trained model / evaluation ---------------------------

#: ``progress(iterable, total, label)`` wraps an iterable, e.g. with the CLI's bar
ProgressFn = Callable[[Iterator[Any], int | None, str], Iterator[Any]]


def _progress(progress: ProgressFn | None, total: int,
              label: str) -> Callable[[Iterator[Any]], Iterator[Any]] | None:
    # the caller (an entry point) owns the display; the library only reports
    if progress is None:
        return None

    def wrap(it: Iterator[Any]) -> Iterator[Any]:
        return progress(it, total, label)

    return wrap


def labelled_samples(data: str | Path, dev: str | Path | None = None, *, settings: Settings,
                     progress: ProgressFn | None = None, rows: Sequence[int] | None = None
                     ) -> tuple[list[LabelledRow], list[Sample]]:
    """Read a labelled CSV (only the dev rows when ``dev`` is given, or only ``rows``) and
    extract every article with the caller's settings."""
    keep = read_dev_rows(dev) if dev is not None else rows
    labelled = read_labelled(data, rows=keep)
    articles = [r.article for r in labelled]
    n_unique = len({a.content_hash for a in articles})
    exs = extract_articles(articles, settings=settings,
                           progress=_progress(progress, n_unique, "extracting"))
    return labelled, [Sample.from_article(a, e) for a, e in zip(articles, exs, strict=True)]


def train_model(data: str | Path, out: str | Path, *, settings: Settings,
                dev: str | Path | None = None, kind: str = "logreg",
                progress: ProgressFn | None = None, reference: str | Path | None = None,
                **params: Any) -> tuple[Path, dict[str, Any]]:
    """Train on a labelled file (its ``dev`` rows only, when given) and save the model.

    The articles are linked and compared once with ``settings`` (as ``analyze``
    does) for the context features, and checked against ``reference`` when given.
    """
    from .evaluation import corpus_context

    if kind not in KINDS:
        raise error("E052", f"unknown model kind {kind!r}; choose one of {', '.join(KINDS)}")
    rows, samples = labelled_samples(data, dev, settings=settings, progress=progress)
    y = [r.label for r in rows]
    context = corpus_context(rows, samples, settings=settings, reference=reference)
    model = CredibilityModel(kind, **params)  # type: ignore[arg-type]
    model.fit(samples, y, rows=[r.row for r in rows], context=context)
    # Ship the model's own measured skill with it, so every verdict can say how
    # much weight it deserves.
    cv = cross_validate(samples, y, kinds=[kind], by_outlet=False,  # type: ignore[list-item]
                        params=params, context=context)["schemes"]["stratified"][kind]
    info = {"name": f"{kind} on {Path(data).name}" + (f" ({Path(dev).name} rows)" if dev else ""),
            "kind": kind, "data": Path(data).name, "dev": Path(dev).name if dev else None,
            "data_fingerprint": data_fingerprint(rows), "n_train": len(rows),
            "credible": sum(y), "fake": len(y) - sum(y),
            "cv_accuracy": cv["accuracy"], "cv_auc": cv["auc"],
            "majority_rate": round(max(sum(y), len(y) - sum(y)) / max(len(y), 1), 4)}
    path = model.save(out, **info)
    return path, info

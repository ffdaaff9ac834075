"""Text vectors for linking: hashed TF-IDF of the lead, with a fixed IDF table.

The IDF comes from a table shipped in the package (``data/link/idf.npz``, built
by ``scripts/build_link_idf.py`` from the tune halves of GVA and FA-KES), not
from the batch being linked: two articles linked alone get the same text score
as inside a batch of a hundred thousand.  Words are hashed (2**20 columns), so
the table is indexed by hash column and holds no words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import error

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGITS = re.compile(r"\d+")


def years(text: str) -> list[str]:
    """The years (19xx, 20xx) ``text`` mentions, as `YEAR` finds them: a run of exactly
    four digits opening on 19 or 20.  Found as digit runs: a pattern that opens on a
    look-behind is tried at every character, and this runs once per lead."""
    return [m for m in _DIGITS.findall(text) if len(m) == 4 and m[:2] in ("19", "20")]
WORD = r"(?u)\b[^\W\d_][\w'-]+\b"
#: capitalised words: names of people, places, groups (and sentence-initial words,
#: which the stop list and IDF mostly neutralise)
NAME = r"\b[A-Z][\w'-]*[a-zA-Z]\b"
#: `WORD` and `NAME` as `counts` scans for them: the same matches, but a pattern that
#: opens on a character class is searched about twice as fast as one opening on
#: ``\b``; the look-behind after the first character is that ``\b`` (the character
#: before it is no word character)
_SCANS = {WORD: re.compile(r"[^\W\d_](?<!\w.)[\w'-]+\b"),
          NAME: re.compile(r"[A-Z](?<!\w.)[\w'-]*[a-zA-Z]\b")}
N_FEATURES = 2**20
#: documents tokenised between two conversions to arrays (bounds the tokens held)
COUNT_CHUNK = 2048


def idf_path() -> Path:
    return Path(str(resources.files("corroborate"))) / "data" / "link" / "idf.npz"


@lru_cache(maxsize=1)
def vectorizers() -> tuple[Any, Any]:
    """The (words, names) hashing vectorizers: raw counts, no IDF, no norm."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

    name_re = re.compile(NAME)
    # only stop words the name pattern reproduces, so sklearn's consistency check holds
    cap_stop = sorted(w for w in (x.capitalize() for x in ENGLISH_STOP_WORDS)
                      if name_re.fullmatch(w))
    words = HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None,
                              stop_words="english", token_pattern=WORD, dtype=np.float32)
    names = HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None,
                              lowercase=False, stop_words=cap_stop, token_pattern=NAME,
                              dtype=np.float32)
    return words, names


def counts(leads: list[str]) -> tuple[csr_matrix, csr_matrix]:
    """Raw term counts of the leads: (words, names), N_FEATURES hashed columns each."""
    words, names = vectorizers()
    return hashed_counts(words, leads), hashed_counts(names, leads)


def hashed_counts(vec: Any, docs: list[str]) -> csr_matrix:
    """``vec.transform(docs)`` for one of the `vectorizers` (raw counts), the same
    matrix computed faster: identical documents (the incidents of one article share
    its headline) are tokenised once, and each distinct token is hashed once and then
    looked up, where the vectorizer hashes every occurrence and filters stop words
    token by token.  The columns are the vectorizer's (signed 32-bit MurmurHash3 of
    the token's UTF-8, seed 0, its absolute value modulo the width)."""
    from scipy.sparse import csr_matrix
    from sklearn.utils import murmurhash3_32

    scan = _SCANS[vec.token_pattern]
    lower = bool(vec.lowercase)
    width = int(vec.n_features)
    column: dict[str, int] = dict.fromkeys(vec.get_stop_words() or (), -1)
    unique: dict[str, int] = {}
    rows = np.fromiter((unique.setdefault(d, len(unique)) for d in docs), dtype=np.int64,
                       count=len(docs))
    distinct = list(unique)
    del unique
    cols: list[np.ndarray] = []
    sizes: list[np.ndarray] = []
    for s in range(0, len(distinct), COUNT_CHUNK):
        tokens: list[str] = []
        size: list[int] = []
        for doc in distinct[s:s + COUNT_CHUNK]:
            found = scan.findall(doc.lower() if lower else doc)
            tokens.extend(found)
            size.append(len(found))
        for t in set(tokens).difference(column):
            column[t] = abs(murmurhash3_32(t, seed=0)) % width
        c = np.fromiter(map(column.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        doc_of = np.repeat(np.arange(len(size)), size)
        kept = c >= 0  # stop words are -1
        cols.append(c[kept].astype(np.int32))
        sizes.append(np.bincount(doc_of[kept], minlength=len(size)))
    indices = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int32)
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(sizes))]) if sizes else np.zeros(1)
    out = csr_matrix((np.ones(len(indices), dtype=vec.dtype), indices, indptr.astype(np.int64)),
                     shape=(len(distinct), width))
    out.sum_duplicates()  # also sorts each row's columns, as the vectorizer does
    if len(distinct) < len(docs):
        out = out[rows]
    return out


@lru_cache(maxsize=1)
def idf_tables(path: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Dense IDF per hash column for words and for names (unseen columns: the IDF of a
    word met in one document of the reference corpus)."""
    p = Path(path) if path else idf_path()
    try:
        with np.load(p) as z:
            out = []
            for kind in ("words", "names"):
                table = np.full(N_FEATURES, float(z[f"{kind}_default"]), dtype=np.float32)
                table[z[f"{kind}_cols"]] = z[f"{kind}_idf"]
                out.append(table)
    except (OSError, KeyError, ValueError) as exc:
        raise error("E180", f"cannot read the linking IDF table: {exc}", file=p) from None
    return out[0], out[1]


def _weigh(c: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Sublinear tf x fixed idf, rows L2-normalised, in place (no copy of the counts:
    at 100k items the counts are the biggest array the linker holds)."""
    from sklearn.preprocessing import normalize

    c = c.astype(np.float32, copy=False)
    np.log(c.data, out=c.data)
    c.data += 1.0
    c.data *= idf[c.indices]
    out: csr_matrix = normalize(c, norm="l2", copy=False)
    return out


def text_vectors(leads: list[str]) -> tuple[csr_matrix, csr_matrix]:
    """L2-normalised TF-IDF rows of all words and of capitalised names (fixed IDF)."""
    X, N, _ = text_vectors_idf(leads)
    return X, N


def text_vectors_idf(leads: list[str]) -> tuple[csr_matrix, csr_matrix, np.ndarray]:
    """`text_vectors`, and the fixed IDF of each of the names matrix's columns (how rare
    each name is in the reference corpus)."""
    from scipy.sparse import csr_matrix

    if not leads:
        empty = csr_matrix((0, 1), dtype=np.float32)
        return empty, empty, np.zeros(1, dtype=np.float32)
    out = []
    col_idf = np.zeros(1, dtype=np.float32)
    # one vectorizer at a time, each count matrix dropped as soon as it is narrowed:
    # at 100k items these are the biggest arrays the linker holds
    for vec, idf in zip(vectorizers(), idf_tables(), strict=True):
        c, used = _used_columns(_weigh(hashed_counts(vec, leads), idf))
        col_idf = idf[used] if len(used) else np.zeros(1, dtype=np.float32)
        out.append(c)
    return out[0], out[1], col_idf


def _used_columns(c: csr_matrix) -> tuple[csr_matrix, np.ndarray]:
    """``c`` without its empty hash columns (later products and transposes scale with
    the width), and the columns kept: what ``c[:, used]`` gives (one empty column when
    none is used), the same data in the same order, each column renumbered by its rank
    among the used ones.  Built from the arrays: scipy's column indexing allocates
    arrays as wide as the 2**20 hash columns, which cost more than all the rest of a
    batch of a few items, and linking runs thousands of such batches."""
    from scipy.sparse import csr_matrix

    used, rank = np.unique(c.indices, return_inverse=True)
    if not len(used):
        return csr_matrix((c.shape[0], 1), dtype=c.dtype), used
    return csr_matrix((c.data, rank.astype(c.indices.dtype), c.indptr),
                      shape=(c.shape[0], len(used))), used


def title_vectors(titles: list[str]) -> csr_matrix:
    """L2-normalised TF-IDF rows of the headlines' words (fixed IDF; an empty title is an
    empty row)."""
    from scipy.sparse import csr_matrix

    if not titles:
        return csr_matrix((0, 1), dtype=np.float32)
    return _used_columns(_weigh(hashed_counts(vectorizers()[0], titles), idf_tables()[0]))[0]


def rarest_name_idf() -> float:
    """The IDF of a name met in at most one document of the reference corpus: the rarest
    a name can be."""
    return float(idf_tables()[1].max())


def build_idf(leads: list[str]) -> dict[str, np.ndarray]:
    """The IDF table of a reference corpus (smoothed, as sklearn: ln((1+N)/(1+df)) + 1).

    Only columns seen in two documents or more are stored; the others get the IDF
    of a word seen once (``*_default``).
    """
    n = len(leads)
    tables: dict[str, np.ndarray] = {}
    for kind, c in zip(("words", "names"), counts(leads), strict=True):
        c = c.tocsc()
        df = np.diff(c.indptr)  # documents per column (counts are > 0 where stored)
        cols = np.flatnonzero(df >= 2).astype(np.int32)
        idf = (np.log((1 + n) / (1 + df[cols])) + 1).astype(np.float32)
        tables[f"{kind}_cols"] = cols
        tables[f"{kind}_idf"] = idf
        tables[f"{kind}_default"] = np.array(np.log((1 + n) / 2) + 1, dtype=np.float32)
    tables["documents"] = np.array(n)
    return tables

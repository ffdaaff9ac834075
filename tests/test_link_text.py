"""Text similarity with the fixed IDF table: a pair scores the same alone as in any batch."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborate.config import Settings
from corroborate.link import Linker, LinkItem
from corroborate.link.text import (
    YEAR,
    build_idf,
    hashed_counts,
    idf_tables,
    text_vectors,
    vectorizers,
    years,
)

A = "A car bomb exploded near a bakery in Hasakeh on Tuesday, killing sixteen people"
B = "Sixteen people were killed when a car bomb went off by a Hasakeh bakery"


def test_link_text_pair_score_does_not_depend_on_the_batch() -> None:
    others = [f"Officials in city {k} opened a new school and a bakery on Tuesday" for k in range(200)]
    X_alone, N_alone = text_vectors([A, B])
    X_batch, N_batch = text_vectors([A, B, *others])
    for alone, batch in ((X_alone, X_batch), (N_alone, N_batch)):
        assert float((alone[0] @ alone[1].T).toarray()[0, 0]) == pytest.approx(
            float((batch[0] @ batch[1].T).toarray()[0, 0]), abs=1e-6)
    items = [LinkItem("a", 0, text=A), LinkItem("b", 0, text=B)]
    crowd = items + [LinkItem(f"o{k}", 0, text=t) for k, t in enumerate(others)]
    assert Linker(Settings()).score(items, [(0, 1)]) == pytest.approx(Linker(Settings()).score(crowd, [(0, 1)]))


def test_link_text_rare_words_weigh_more_than_common_ones() -> None:
    words, _ = idf_tables()
    X, _ = text_vectors(["killed people said", "Hasakeh bakery"])
    assert X.shape[0] == 2
    common = sorted(X[0].data)
    rare = sorted(X[1].data)
    assert words.min() > 0 and np.isfinite(words).all()
    # "said"/"people" are in nearly every report: a rare place name outweighs them
    assert max(rare) > max(common) * 0.5


def test_link_text_build_idf_counts_documents_not_occurrences() -> None:
    t = build_idf(["bakery bakery bakery", "bakery market", "market", "school"])
    assert int(t["documents"]) == 4
    # "bakery" and "market" are in two documents each: stored; "school" in one: default
    assert len(t["words_cols"]) == 2
    assert np.allclose(t["words_idf"], np.log(5 / 3) + 1)
    assert float(t["words_default"]) == pytest.approx(np.log(5 / 2) + 1)


def test_link_text_missing_table_is_a_catalogue_error(tmp_path) -> None:
    from corroborate.errors import CorroborateError

    with pytest.raises(CorroborateError) as exc:
        idf_tables.__wrapped__(str(tmp_path / "none.npz"))
    assert exc.value.code == "E180"


@given(st.text(alphabet="0129 a-١٩", max_size=40))
def test_link_text_years_are_the_year_pattern(text: str) -> None:
    # found as digit runs for speed: the same years as the pattern's look-arounds find
    assert years(text) == YEAR.findall(text)


@pytest.mark.parametrize("text, found", [
    ("In 2016 and in 1999", ["2016", "1999"]),
    ("Resolution 22540 and 201 and 2101", []),     # five digits, three, not 19xx/20xx
    ("the 2016-17 season", ["2016"]),
])
def test_link_text_years(text: str, found: list[str]) -> None:
    assert years(text) == found


@given(st.lists(st.text(alphabet="aZb Ié_-'’9\nİǅx.Ñ", max_size=30), max_size=8))
def test_link_text_counts_are_the_vectorizers_counts(docs: list[str]) -> None:
    # the fast counts must give the vectorizers' matrix bit for bit (same tokens, same
    # hash columns, stop words dropped), duplicates included
    docs = docs + docs[:2]
    if not docs:
        return
    for vec in vectorizers():
        want, got = vec.transform(docs).tocsr(), hashed_counts(vec, docs)
        assert got.shape == want.shape
        assert np.array_equal(got.indptr, want.indptr)
        assert np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data) and got.dtype == want.dtype


def test_link_text_counts_read_stop_words_and_names() -> None:
    words, names = vectorizers()
    lead = "The Army said the army shelled Aleppo's al-Bab; O'Neil and x2 were there"
    assert (hashed_counts(words, [lead]) != words.transform([lead])).nnz == 0
    assert (hashed_counts(names, [lead]) != names.transform([lead])).nnz == 0
    # "army" twice (lower-cased), stop words ("the", "and", "were", "there") not at all
    got = hashed_counts(words, [lead])
    assert got.sum() == len(["said", "army", "army", "shelled", "aleppo's", "al-bab",
                             "o'neil", "x2"])


@given(st.lists(st.sampled_from([A, B, "", "the of and", "Aleppo Aleppo shelling", "Idlib"]),
                max_size=6))
def test_link_text_vectors_drop_the_empty_columns_as_column_indexing_does(docs: list[str]) -> None:
    # the narrowed matrices are those scipy's column indexing gives, bit for bit
    from corroborate.link.text import _weigh, text_vectors_idf

    if not docs:
        return
    got = text_vectors_idf(docs)[:2]
    for vec, idf, mine in zip(vectorizers(), idf_tables(), got, strict=True):
        c = _weigh(hashed_counts(vec, docs), idf)
        used = np.unique(c.indices)
        want = (c[:, used] if len(used) else c[:, :1]).tocsr()
        assert mine.shape == want.shape and mine.dtype == want.dtype
        for part in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(mine, part), getattr(want, part))

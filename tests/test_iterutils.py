"""`iterutils.chunks`: order kept, sizes bounded, nothing read ahead."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from corroborate.iterutils import chunks


@given(st.lists(st.integers()), st.integers(1, 7))
def test_iterutils_chunks_keep_order_and_size(items: list[int], size: int) -> None:
    got = list(chunks(items, size))
    assert [x for c in got for x in c] == items
    assert all(len(c) == size for c in got[:-1])
    assert not got or 1 <= len(got[-1]) <= size


def test_iterutils_chunks_read_no_further_than_the_chunk_they_fill() -> None:
    read: list[int] = []

    def source() -> Iterator[int]:
        for i in range(10):
            read.append(i)
            yield i

    it = chunks(source(), 4)
    assert next(it) == [0, 1, 2, 3] and read == [0, 1, 2, 3]

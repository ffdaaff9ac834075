"""The shared disjoint-set `find`: roots, path halving, and dict tables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corroborate.unionfind import find


def test_unionfind_find_follows_a_chain_and_halves_it() -> None:
    parent = [0, 0, 1, 2, 3]  # 4 -> 3 -> 2 -> 1 -> 0
    assert find(parent, 4) == 0
    # every node visited now points two steps up (or to the root)
    assert parent[4] == 2 and parent[2] == 0
    assert find(parent, 3) == 0 and find(parent, 0) == 0


def test_unionfind_find_in_a_dict_makes_an_unseen_item_its_own_root() -> None:
    parent: dict[int, int] = {}
    assert find(parent, 7) == 7 and parent == {7: 7}
    parent[7] = find(parent, 3)  # a union points a root at another root already seen
    assert find(parent, 7) == 3 and parent == {7: 3, 3: 3}


@given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=40))
def test_unionfind_find_gives_the_connected_components(edges: list[tuple[int, int]]) -> None:
    parent = list(range(20))
    for a, b in edges:
        ra, rb = find(parent, a), find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    # reference: flood fill over the undirected edges
    adj: dict[int, set[int]] = {i: set() for i in range(20)}
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    for start in range(20):
        seen, todo = {start}, [start]
        while todo:
            for y in adj[todo.pop()] - seen:
                seen.add(y)
                todo.append(y)
        assert {x for x in range(20) if find(parent, x) == find(parent, start)} == seen
        # the smallest index is the root, as partitions and origins rely on
        assert find(parent, start) == min(seen)


def test_unionfind_find_in_any_mapping_and_any_sequence() -> None:
    # the fast paths test the exact types first; other mappings and sequences still work
    from collections import OrderedDict, UserDict, UserList

    for table in (UserDict(), OrderedDict()):
        assert find(table, 5) == 5 and dict(table) == {5: 5}
    seq = UserList([0, 0, 1])
    assert find(seq, 2) == 0

from corroborate.evaluate.splits import half_of, select, split


def test_splits_half_depends_on_key_not_order():
    keys = [f"inc-{i}" for i in range(200)]
    a = split(keys, key=str)
    b = split(list(reversed(keys)), key=str)
    assert sorted(a["tune"]) == sorted(b["tune"])
    assert sorted(a["test"]) == sorted(b["test"])


def test_splits_roughly_even_and_disjoint():
    keys = [str(i) for i in range(1000)]
    halves = split(keys, key=str)
    assert not set(halves["tune"]) & set(halves["test"])
    assert 400 < len(halves["tune"]) < 600


def test_splits_reports_of_one_incident_stay_together():
    reports = [("a", 1), ("b", 2), ("a", 3), ("b", 4)]
    tune = select(reports, key=lambda r: r[0], which="tune")
    assert {r[0] for r in tune} in ({"a"}, {"b"}, {"a", "b"}, set())
    assert len([r for r in tune if r[0] == "a"]) in (0, 2)


def test_splits_seed_changes_assignment():
    keys = [str(i) for i in range(64)]
    assert [half_of(k) for k in keys] != [half_of(k, seed="other") for k in keys]

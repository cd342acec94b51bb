"""kg.extract.table_memo: what rules derive from a table is made once per table, and again when it must be."""

from __future__ import annotations

from kg.extract.table_memo import TableMemo


def _counting():
    made: list[object] = []

    def make(table):
        made.append(table)
        return sorted(table)

    return made, make


def test_made_once_per_table_object() -> None:
    made, make = _counting()
    memo = TableMemo(make)
    a, b = {"乙": 1, "甲": 2}, {"乙": 1, "甲": 2}  # equal but distinct tables: each derived on its own
    assert memo.get(a) == ["乙", "甲"] and memo.get(a) == ["乙", "甲"]
    assert memo.get(b) == ["乙", "甲"]
    assert made == [a, b]


def test_sized_table_extended_in_place_is_derived_again() -> None:
    made, make = _counting()
    memo, table = TableMemo(make, sized=True), {"甲": 1}
    assert memo.get(table) == ["甲"]
    table["乙"] = 2
    assert memo.get(table) == ["乙", "甲"]
    assert len(made) == 2
    plain = TableMemo(make)  # without sized, a table is taken as never changing
    assert plain.get(table) == ["乙", "甲"]
    table["丙"] = 3
    assert plain.get(table) == ["乙", "甲"]


def test_remembers_at_most_limit_tables() -> None:
    made, make = _counting()
    memo = TableMemo(make, limit=2)
    tables = [frozenset({str(i)}) for i in range(3)]
    for t in tables:
        memo.get(t)
    memo.get(tables[2])  # still remembered after the clear that made room for it
    assert len(made) == 3
    memo.get(tables[0])  # forgotten: derived again
    assert len(made) == 4

"""Property tests: any sequence of valid operations keeps the tree valid; undo restores the
previous tree; replaying the log reproduces the tree."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings, strategies as st

from app.editor import tree as T

TYPES = ["heading", "hero", "section", "columns"]


@st.composite
def op_sequences(draw):
    """A list of abstract actions; each is made concrete against the tree at that point."""
    return draw(st.lists(st.tuples(
        st.sampled_from(["insert", "insert_inside", "delete", "move", "set_prop", "duplicate",
                         "columns"]),
        st.integers(0, 1000), st.integers(0, 1000), st.sampled_from(TYPES),
        st.text(max_size=30)), min_size=1, max_size=25))


def concrete(tree, action):
    kind, a, b, type_name, text = action
    ids = list(T.locate(tree))
    if kind == "insert" or not ids:
        return {"kind": "insert", "node": T.make_node(type_name), "parent": T.ROOT_ID,
                "slot": T.ROOT_SLOT, "index": a}
    target = ids[a % len(ids)]
    loc = T.find(tree, target)
    if kind == "insert_inside":
        containers = [i for i in ids if T.find(tree, i).node["type"] in {"section", "columns"}]
        if not containers:
            return None
        parent = T.find(tree, containers[a % len(containers)]).node
        slot = sorted(parent["slots"])[b % len(parent["slots"])]
        return {"kind": "insert", "node": T.make_node("heading"), "parent": parent["id"],
                "slot": slot, "index": b}
    if kind == "delete":
        return {"kind": "delete", "block": target}
    if kind == "duplicate":
        return {"kind": "duplicate", "node": T.fresh_ids(loc.node), "parent": loc.parent["id"],
                "slot": loc.slot, "index": loc.index + 1}
    if kind == "move":
        return {"kind": "move", "block": target, "parent": T.ROOT_ID, "slot": T.ROOT_SLOT,
                "index": b}
    if kind == "columns":
        if loc.node["type"] != "columns":
            return None
        return {"kind": "set_prop", "block": target, "prop": "count", "value": 2 + b % 3}
    prop = {"heading": "text", "hero": "title", "section": "anchor", "columns": "gap"}
    value = {"heading": text, "hero": text, "section": "", "columns": "large"}
    return {"kind": "set_prop", "block": target, "prop": prop[loc.node["type"]],
            "value": value[loc.node["type"]]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op_sequences())
def test_valid_ops_keep_the_tree_valid_undo_restores_and_replay_reproduces(actions):
    tree = T.empty_tree()
    log = []
    for action in actions:
        op = concrete(tree, action)
        if op is None:
            continue
        before = copy.deepcopy(tree)
        try:
            after, inverse = T.apply(tree, op)
        except T.TreeError as exc:
            assert exc.code in {"no_change", "into_itself"}, exc
            assert tree == before  # a refused op changes nothing
            continue
        T.validate_tree(after)
        undone, _ = T.apply(after, inverse)
        assert undone == before
        log.append(op)
        tree = after
    replayed = T.empty_tree()
    for op in log:
        replayed, _ = T.apply(replayed, op)
    assert replayed == tree


def test_moving_a_block_into_itself_is_refused():
    tree = T.empty_tree()
    section = T.make_node("section")
    tree, _ = T.apply(tree, {"kind": "insert", "node": section, "parent": "root",
                             "slot": "children", "index": 0})
    try:
        T.apply(tree, {"kind": "move", "block": section["id"], "parent": section["id"],
                       "slot": "children", "index": 0})
    except T.TreeError as exc:
        assert exc.code == "into_itself"
    else:
        raise AssertionError("moved into itself")


def test_unknown_type_and_invalid_props_are_refused():
    for bad in ({"id": "x", "type": "marquee", "props": {}, "slots": {}},
                {"id": "x", "type": "heading", "props": {"level": "h1"}, "slots": {}},
                {"id": "x", "type": "heading", "props": {"nope": 1}, "slots": {}}):
        tree = T.empty_tree()
        try:
            T.apply(tree, {"kind": "insert", "node": bad, "parent": "root", "slot": "children",
                           "index": 0})
        except T.TreeError as exc:
            assert exc.code in {"unknown_type", "invalid_props"}
        else:
            raise AssertionError(bad)


def test_fewer_columns_keep_every_child_and_undo_restores_them():
    tree = T.empty_tree()
    cols = T.make_node("columns", {"count": 3})
    tree, _ = T.apply(tree, {"kind": "insert", "node": cols, "parent": "root", "slot": "children",
                             "index": 0})
    for slot in ("col1", "col2", "col3"):
        tree, _ = T.apply(tree, {"kind": "insert", "node": T.make_node("heading"),
                                 "parent": cols["id"], "slot": slot, "index": 0})
    before = copy.deepcopy(tree)
    after, inverse = T.apply(tree, {"kind": "set_prop", "block": cols["id"], "prop": "count",
                                    "value": 2})
    node = T.find(after, cols["id"]).node
    assert list(node["slots"]) == ["col1", "col2"] and len(node["slots"]["col2"]) == 2
    assert T.apply(after, inverse)[0] == before

"""The component tree and the pure operations on it.

A page is ``{"id": "root", "type": "page", "props": {}, "slots": {"children": [...]}}``; every
node is ``{"id", "type", "props", "slots"}``. Operations here are pure: they take a tree and a
*concrete* op (every id and snapshot spelled out, so replaying the log reproduces the tree
exactly) and return the new tree plus the concrete inverse op (what undo applies).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

import components
from components import SampleContext, UnknownComponent

ROOT_ID = "root"
ROOT_SLOT = "children"
MAX_DEPTH = 6
MAX_BLOCKS = 400

Node = dict[str, Any]


class TreeError(Exception):
    """An operation cannot apply. ``code`` is stable (for messages and HTTP status)."""

    def __init__(self, code: str, detail: str = "", errors: dict[str, str] | None = None):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.errors = errors or {}


class InvalidProps(TreeError):
    def __init__(self, exc: ValidationError, type_name: str):
        super().__init__("invalid_props", type_name)
        self.validation_error = exc


def clone(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars) — several times faster than
    copy.deepcopy, which matters: every op copies the page's tree."""
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value


def new_id() -> str:
    """A stable, URL- and CSS-safe block id (generated once, never regenerated)."""
    return "b" + secrets.token_hex(5)


def empty_tree() -> Node:
    return {"id": ROOT_ID, "type": "page", "props": {}, "slots": {ROOT_SLOT: []}}


def make_node(type_name: str, props: dict[str, Any] | None = None,
              samples: SampleContext | None = None) -> Node:
    """A new block of ``type_name`` with validated props: ``props``, else its sample content
    for ``samples`` (the site's trade, language and existing link targets; generic Korean
    content without one)."""
    try:
        component = components.get(type_name)
    except UnknownComponent:
        raise TreeError("unknown_type", type_name) from None
    if props is None:
        clean = component.default_props(samples)
    else:
        try:
            clean = component.validate_props(props)
        except ValidationError as exc:
            raise InvalidProps(exc, type_name) from None
    return {"id": new_id(), "type": type_name, "props": clean,
            "slots": {name: [] for name in component.slot_names(clean)}}


def fresh_ids(node: Node) -> Node:
    """A deep copy of ``node`` with new ids throughout (duplicate, paste)."""
    copied = clone(node)

    def walk(n: Node) -> None:
        n["id"] = new_id()
        for children in n.get("slots", {}).values():
            for child in children:
                walk(child)

    walk(copied)
    return copied


@dataclass
class Location:
    node: Node
    parent: Node
    slot: str
    index: int
    depth: int


def locate(tree: Node) -> dict[str, Location]:
    """Every block id → where it is."""
    found: dict[str, Location] = {}

    def walk(parent: Node, depth: int) -> None:
        for slot, children in parent.get("slots", {}).items():
            for i, child in enumerate(children):
                found[child["id"]] = Location(child, parent, slot, i, depth)
                walk(child, depth + 1)

    walk(tree, 1)
    return found


def find(tree: Node, block_id: str) -> Location:
    loc = locate(tree).get(block_id)
    if loc is None:
        raise TreeError("missing_block", block_id)
    return loc


def _container(tree: Node, parent_id: str, slot: str) -> list[Node]:
    parent = tree if parent_id == ROOT_ID else find(tree, parent_id).node
    if parent_id == ROOT_ID:
        if slot != ROOT_SLOT:
            raise TreeError("bad_slot", slot)
    else:
        component = components.get(parent["type"])
        if slot not in component.slot_names(parent["props"]):
            raise TreeError("bad_slot", slot)
    return parent["slots"].setdefault(slot, [])


def _subtree_ids(node: Node) -> set[str]:
    ids = {node["id"]}
    for children in node.get("slots", {}).values():
        for child in children:
            ids |= _subtree_ids(child)
    return ids


def _depth(node: Node) -> int:
    return 1 + max((_depth(c) for cs in node.get("slots", {}).values() for c in cs), default=0)


def validate_node(node: Node, depth: int = 1) -> None:
    """Checks one node and its children against the registry (raises TreeError)."""
    if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not node["id"]:
        raise TreeError("bad_node")
    try:
        component = components.get(node.get("type", ""))
    except UnknownComponent:
        raise TreeError("unknown_type", str(node.get("type"))) from None
    try:
        clean = component.validate_props(node.get("props") or {})
    except ValidationError as exc:
        raise InvalidProps(exc, component.type) from None
    node["props"] = clean
    slots = node.get("slots") or {}
    allowed = set(component.slot_names(clean))
    if set(slots) - allowed:
        raise TreeError("bad_slot", ",".join(sorted(set(slots) - allowed)))
    node["slots"] = {name: slots.get(name, []) for name in component.slot_names(clean)}
    if depth > MAX_DEPTH:
        raise TreeError("too_deep")
    for children in node["slots"].values():
        for child in children:
            if component.allowed_children is not None and \
                    child.get("type") not in component.allowed_children:
                raise TreeError("not_allowed_here", child.get("type", ""))
            validate_node(child, depth + 1)


def validate_tree(tree: Node) -> None:
    """The whole tree is valid: known types, valid props, unique ids, bounded size/depth."""
    if tree.get("id") != ROOT_ID or tree.get("type") != "page":
        raise TreeError("bad_root")
    if set(tree.get("slots", {})) != {ROOT_SLOT}:
        raise TreeError("bad_root")
    seen: set[str] = set()
    singletons: set[str] = set()
    for child in tree["slots"][ROOT_SLOT]:
        validate_node(child)
    for loc in locate(tree).values():
        if loc.node["id"] in seen:
            raise TreeError("duplicate_id", loc.node["id"])
        seen.add(loc.node["id"])
        if components.get(loc.node["type"]).singleton:
            if loc.node["type"] in singletons:
                raise TreeError("only_one", loc.node["type"])
            singletons.add(loc.node["type"])
    if len(seen) > MAX_BLOCKS:
        raise TreeError("too_many_blocks")


# --- operations --------------------------------------------------------------------------
# Each takes (tree, op) and returns (new_tree, inverse_op). ``op`` is concrete.

def _insert_at(tree: Node, node: Node, parent_id: str, slot: str, index: int) -> int:
    existing = locate(tree)
    if _subtree_ids(node) & set(existing):
        raise TreeError("duplicate_id", node["id"])
    children = _container(tree, parent_id, slot)
    index = max(0, min(int(index), len(children)))
    children.insert(index, node)
    return index


def op_insert(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    """insert/paste/restore/duplicate: put a node (snapshot with ids) at parent/slot/index."""
    tree = clone(tree)
    node = clone(op["node"])
    validate_node(node)
    _insert_at(tree, node, op["parent"], op["slot"], op["index"])
    return tree, {"kind": "delete", "block": node["id"]}


def op_delete(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    tree = clone(tree)
    loc = find(tree, op["block"])
    loc.parent["slots"][loc.slot].pop(loc.index)
    return tree, {"kind": "restore", "node": loc.node, "parent": loc.parent["id"],
                  "slot": loc.slot, "index": loc.index}


def op_move(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    """Moves a block to parent/slot/index (the index as it is once the block is taken out)."""
    tree = clone(tree)
    loc = find(tree, op["block"])
    if op["parent"] in _subtree_ids(loc.node):
        raise TreeError("into_itself")
    loc.parent["slots"][loc.slot].pop(loc.index)
    index = _insert_at(tree, loc.node, op["parent"], op["slot"], op["index"])
    if (loc.parent["id"], loc.slot, loc.index) == (op["parent"], op["slot"], index):
        raise TreeError("no_change")
    return tree, {"kind": "move", "block": op["block"], "parent": loc.parent["id"],
                  "slot": loc.slot, "index": loc.index}


def op_set_prop(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    tree = clone(tree)
    loc = find(tree, op["block"])
    component = components.get(loc.node["type"])
    prop = op["prop"]
    if prop not in component.props.model_fields:
        raise TreeError("unknown_prop", prop)
    before = clone(loc.node)
    raw = dict(loc.node["props"])
    raw[prop] = op["value"]
    # Props the change brings along (components.Follow): applied and undone with it.
    also = op.get("also") or {}
    for name in also:
        if name not in component.props.model_fields or name == prop:
            raise TreeError("unknown_prop", name)
    raw.update(also)
    try:
        clean = component.validate_props(raw)
    except ValidationError as exc:
        raise InvalidProps(exc, component.type) from None
    if clean == loc.node["props"]:
        raise TreeError("no_change")
    loc.node["props"] = clean
    names = component.slot_names(clean)
    if names != list(loc.node.get("slots", {})):
        # e.g. fewer columns: children of removed slots move into the last remaining one.
        old = loc.node.get("slots", {})
        new_slots = {name: list(old.get(name, [])) for name in names}
        for name, children in old.items():
            if name not in new_slots and names:
                new_slots[names[-1]].extend(children)
        loc.node["slots"] = new_slots
        return tree, {"kind": "replace", "block": op["block"], "node": before}
    inverse = {"kind": "set_prop", "block": op["block"], "prop": prop,
               "value": before["props"].get(prop)}
    if also:
        inverse["also"] = {name: before["props"].get(name) for name in also}
    return tree, inverse


def op_replace(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    """Puts a whole node snapshot back in place of the block with the same id (undo)."""
    tree = clone(tree)
    loc = find(tree, op["block"])
    node = clone(op["node"])
    validate_node(node)
    loc.parent["slots"][loc.slot][loc.index] = node
    return tree, {"kind": "replace", "block": op["block"], "node": loc.node}


def op_replace_tree(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    """Replaces the whole tree (restoring a revision)."""
    new = clone(op["tree"])
    validate_tree(new)
    return new, {"kind": "replace_tree", "tree": clone(tree)}


APPLY = {
    "insert": op_insert,
    "paste": op_insert,
    "duplicate": op_insert,
    "restore": op_insert,
    "delete": op_delete,
    "move": op_move,
    "set_prop": op_set_prop,
    "replace": op_replace,
    "replace_tree": op_replace_tree,
}


def apply(tree: Node, op: dict[str, Any]) -> tuple[Node, dict[str, Any]]:
    """Applies a concrete op; returns (new tree, concrete inverse op)."""
    try:
        handler = APPLY[op["kind"]]
    except KeyError:
        raise TreeError("unknown_op", str(op.get("kind"))) from None
    try:
        return handler(tree, op)
    except (KeyError, TypeError, ValueError) as exc:  # a malformed op, e.g. a missing field
        raise TreeError("bad_op", str(exc)) from None


def block_count(tree: Node) -> int:
    return len(locate(tree))

"""An editor tab's canvas as a small DOM, kept up to date the way htmx does it: each
out-of-band swap of an op response or stream event (outerHTML, afterend, afterbegin into a
block's slot, delete, innerHTML of the canvas) is applied to the tree, at any depth. Used by
the randomized test with nested blocks (sections and columns), where the flat PageView of
view.py is not enough."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import tinyhtml5

# A container's slot, as the editor addresses it: its own id (``s-<block>-<slot>``).
SLOT_RE = re.compile(r"^#s-([A-Za-z0-9]+)-([A-Za-z0-9_-]+)$")


def parse(html: str) -> list[ET.Element]:
    """The top-level elements of an HTML fragment."""
    root = tinyhtml5.parse(f"<body>{html}</body>", namespace_html_elements=False)
    return list(root.find("body"))


def _canon(el: ET.Element):
    """An element as nested tuples, whitespace-insensitive and without swap instructions."""
    attrs = tuple(sorted((k, v) for k, v in el.attrib.items() if k != "hx-swap-oob"))
    text = " ".join((el.text or "").split())
    children = tuple((_canon(c), " ".join((c.tail or "").split())) for c in el)
    return el.tag, attrs, text, children


class DomView:
    def __init__(self, canvas_inner: str):
        self.root = ET.Element("div", {"id": "canvas-root"})
        self.reset(canvas_inner)

    def reset(self, inner: str) -> None:
        self.root.clear()
        self.root.set("id", "canvas-root")
        self.root.extend(parse(inner))

    # -- lookups ---------------------------------------------------------------------------
    def _by_id(self, element_id: str) -> ET.Element | None:
        if element_id == "canvas-root":
            return self.root
        return next((e for e in self.root.iter() if e.get("id") == element_id), None)

    def _parent_of(self, target: ET.Element) -> ET.Element:
        return next(p for p in self.root.iter() if any(c is target for c in p))

    def _select(self, selector: str) -> ET.Element:
        # Only single-element selectors (ids): htmx would swap into *every* element a wider
        # selector matches, which is how nested slots of one name once got two copies.
        assert selector.startswith("#") and " " not in selector, selector
        found = self._by_id(selector[1:])
        assert found is not None, f"swap target {selector} missing"
        return found

    @property
    def blocks(self) -> list[ET.Element]:
        """Every block frame on the canvas, at any depth, in document order."""
        return [e for e in self.root.iter()
                if e.get("id", "").startswith("b-") and "ed-block" in e.get("class", "")]

    # -- swaps -----------------------------------------------------------------------------
    def apply(self, fragments: str) -> None:
        for el in parse(fragments):
            swap = el.get("hx-swap-oob")
            if swap is None:
                continue
            if el.get("id") == "canvas-root" and swap == "innerHTML":
                self.root.clear()
                self.root.set("id", "canvas-root")
                self.root.extend(list(el))
            elif swap == "delete":
                target = self._by_id(el.get("id", ""))
                if target is not None and el.get("id", "").startswith("b-"):
                    self._parent_of(target).remove(target)
            elif swap in ("outerHTML", "true"):
                if not el.get("id", "").startswith("b-"):
                    continue  # toolbar, save state and other editor chrome
                target = self._by_id(el.get("id"))
                if target is None:
                    continue
                parent = self._parent_of(target)
                index = list(parent).index(target)
                del el.attrib["hx-swap-oob"]
                el.tail = target.tail
                parent.remove(target)
                parent.insert(index, el)
            elif swap.startswith("afterend:#b-"):
                target = self._select(swap.removeprefix("afterend:"))
                parent = self._parent_of(target)
                index = list(parent).index(target) + 1
                for offset, child in enumerate(list(el)):
                    parent.insert(index + offset, child)
            elif swap.startswith("afterbegin:"):
                assert swap == "afterbegin:#canvas-root" or SLOT_RE.match(swap[11:]), swap
                target = self._select(swap.removeprefix("afterbegin:"))
                for offset, child in enumerate(list(el)):
                    target.insert(offset, child)

    def snapshot(self):
        return tuple(_canon(c) for c in self.root)

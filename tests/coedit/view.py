"""What an editor tab shows of a page's top-level blocks, kept up to date the way live.js does:
by applying the out-of-band fragments of op responses and stream events, in seq order."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Splitter(HTMLParser):
    """Top-level elements of an HTML string as (tag, attrs, outer html, inner html)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = [0]
        for m in re.finditer("\n", text):
            self.lines.append(m.end())
        self.depth = 0
        self.found: list[tuple[str, dict, str, str]] = []
        self._start = 0
        self._inner = 0
        self._tag = ""
        self._attrs: dict = {}

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self._start = self._offset()
            self._tag, self._attrs = tag, dict(attrs)
            self._inner = self._start + len(self.get_starttag_text())
            if tag in VOID:
                end = self._inner
                self.found.append((tag, self._attrs, self.text[self._start:end], ""))
                return
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            start = self._offset()
            end = start + len(self.get_starttag_text())
            self.found.append((tag, dict(attrs), self.text[start:end], ""))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            end_tag_start = self._offset()
            end = self.text.index(">", end_tag_start) + 1
            self.found.append((self._tag, self._attrs, self.text[self._start:end],
                               self.text[self._inner:end_tag_start]))


def top_level(text: str) -> list[tuple[str, dict, str, str]]:
    parser = _Splitter(text)
    parser.feed(text)
    parser.close()
    return parser.found


def _block(outer: str) -> tuple[str, str]:
    """(block id, normalised html) of a block frame."""
    outer = outer.replace(' hx-swap-oob="outerHTML"', "", 1)
    match = re.search(r'id="b-([A-Za-z0-9]+)"', outer)
    return match.group(1), outer


class PageView:
    """Top-level blocks in order, with each block's rendered html."""

    def __init__(self, canvas_inner: str = ""):
        self.order: list[str] = []
        self.html: dict[str, str] = {}
        self.reset(canvas_inner)

    def reset(self, inner: str) -> None:
        self.order, self.html = [], {}
        for _tag, _attrs, outer, _inner in top_level(inner):
            block_id, html = _block(outer)
            self.order.append(block_id)
            self.html[block_id] = html

    def apply(self, fragments: str) -> None:
        for _tag, attrs, outer, inner in top_level(fragments):
            oob = attrs.get("hx-swap-oob")
            if oob is None:
                continue
            if attrs.get("id") == "canvas-root" and oob == "innerHTML":
                self.reset(inner)
            elif oob.startswith("afterend:#b-") or oob == "afterbegin:#canvas-root":
                children = top_level(inner)
                assert len(children) == 1, inner[:200]
                block_id, html = _block(children[0][2])
                if oob == "afterbegin:#canvas-root":
                    index = 0
                else:
                    anchor = oob.removeprefix("afterend:#b-")
                    assert anchor in self.order, f"anchor {anchor} missing"
                    index = self.order.index(anchor) + 1
                self.order.insert(index, block_id)
                self.html[block_id] = html
            elif oob == "delete" and attrs.get("id", "").startswith("b-"):
                block_id = attrs["id"][2:]
                if block_id in self.order:
                    self.order.remove(block_id)
                    self.html.pop(block_id, None)
            elif oob == "outerHTML" and attrs.get("id", "").startswith("b-"):
                block_id, html = _block(outer)
                if block_id in self.html:
                    self.html[block_id] = html

    def snapshot(self) -> list[tuple[str, str]]:
        return [(b, self.html[b]) for b in self.order]


def canvas_inner(page_html: str) -> str:
    """The inner html of #canvas-root in a full editor page or the canvas fragment."""
    for _tag, attrs, _outer, inner in _walk(page_html):
        if attrs.get("id") == "canvas-root":
            return inner
    raise AssertionError("no #canvas-root")


def _walk(text: str):
    for item in top_level(text):
        yield item
        if item[3]:
            yield from _walk(item[3])

"""Translated messages for refused edits (tree errors and invalid props)."""

from __future__ import annotations

from flask_babel import gettext as _
from pydantic import ValidationError


def tree_error_message(code: str) -> str:
    messages = {
        "missing_block": _("This block no longer exists: it was deleted (perhaps in another "
                           "window). The page has been refreshed."),
        "deleted_block": _("Someone deleted this block while you were editing it. Your change "
                           "was not applied; you can bring the block back."),
        "unknown_type": _("This kind of block does not exist."),
        "invalid_props": _("Some settings of this block are not valid. Nothing was saved."),
        "into_itself": _("A block cannot be moved inside itself."),
        "no_change": _("Nothing to change."),
        "only_one": _("This block can be used only once per page."),
        "too_many_blocks": _("This page has too many blocks. Split it into several pages."),
        "too_deep": _("Blocks cannot be nested that deep."),
        "clipboard_empty": _("Copy a block first, then paste it."),
        "not_a_container": _("Blocks cannot be placed inside this block."),
        "not_allowed_here": _("This block cannot be placed here."),
        "bad_slot": _("This block cannot be placed here."),
        "unknown_prop": _("This setting does not exist."),
    }
    return messages.get(code, _("This change could not be applied. Reload the page and try "
                                "again."))


def prop_errors(exc: ValidationError, prefix: str = "value") -> dict[str, str]:
    """{dotted field name: message} for a set_prop refusal (first error per field)."""
    found: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(part) for part in err["loc"]]
        name = ".".join([prefix, *loc[1:]]) if loc else prefix
        if name in found:
            continue
        found[name] = _error_text(err)
    return found


def _error_text(err: dict) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        return _("Use at most %(n)d characters.", n=ctx.get("max_length", 0))
    if kind == "too_long":
        return _("Use at most %(n)d items.", n=ctx.get("max_length", 0))
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Use a number of at least %(n)s.", n=ctx.get("ge", ctx.get("gt", 0)))
    if kind in {"less_than_equal", "less_than"}:
        return _("Use a number of at most %(n)s.", n=ctx.get("le", ctx.get("lt", 0)))
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number, like 4500.")
    if kind in {"literal_error", "enum"}:
        return _("Choose one of the options.")
    if kind == "string_pattern_mismatch":
        return _("Use only lower-case letters, digits and hyphens.")
    if kind == "value_error":
        code = str(ctx.get("error", ""))
        if code == "link":
            return _("Enter a web address (https://…), a phone number (tel:…), an email "
                     "(mailto:…) or choose a page.")
        if code == "alt_required":
            return _("Describe the picture in a few words for people who cannot see it.")
        if code:
            return code
    return _("This value is not valid.")

"""The validation report: gscan-style entries with stable codes, levels and a score.

Every code is declared once in ``RULES`` with its level, whether it is fatal (the site would
break or the archive is hostile) and the help shown to the designer. Messages say what is wrong
in this package (plain English, with file names and numbers); help says what to do and is
translated when shown (``scripts/i18n`` extracts the ``_e``/``_w``/``_r`` strings).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["error", "warning", "recommendation"]
WEIGHTS: dict[str, int] = {"error": 10, "warning": 3, "recommendation": 1}


@dataclass(frozen=True)
class Rule:
    level: Level
    fatal: bool
    help: str


def _e(help: str, fatal: bool = False) -> Rule:
    return Rule("error", fatal, help)


def _w(help: str) -> Rule:
    return Rule("warning", False, help)


def _r(help: str) -> Rule:
    return Rule("recommendation", False, help)


RULES: dict[str, Rule] = {
    # Archive ---------------------------------------------------------------------------------
    "WW-ZIP-NOT-ZIP": _e("Upload the theme as a .zip file.", fatal=True),
    "WW-ZIP-EMPTY": _e("The zip holds no files. Create the zip again from your theme folder with "
                       "a standard zip tool.", fatal=True),
    "WW-ZIP-TOO-LARGE": _e("Keep the zip under 50 MB: compress images and remove unused files.",
                           fatal=True),
    "WW-ZIP-CORRUPT": _e("The zip could not be read. Create the zip again from your theme folder "
                         "with a standard zip tool.", fatal=True),
    "WW-ZIP-TOO-MANY-ENTRIES": _e("A theme may hold at most 2,000 files and folders.", fatal=True),
    "WW-ZIP-UNCOMPRESSED-TOO-LARGE": _e("Unpacked, a theme may be at most 100 MB.", fatal=True),
    "WW-ZIP-RATIO": _e("A file that compresses more than 100:1 is refused (it looks like a zip "
                       "bomb). Remove it or replace it with real content.", fatal=True),
    "WW-ZIP-ENCRYPTED": _e("Remove the password from the zip.", fatal=True),
    "WW-ZIP-COMPRESSION": _e("Use ordinary (deflate) compression. Create the zip again from your "
                             "theme folder with a standard zip tool.", fatal=True),
    "WW-ZIP-SLIP": _e("Paths may not contain '..'. Create the zip again from your theme folder "
                      "with a standard zip tool.", fatal=True),
    "WW-ZIP-ABSOLUTE": _e("Paths must be relative to the theme folder. Create the zip again from "
                          "your theme folder with a standard zip tool.", fatal=True),
    "WW-ZIP-BACKSLASH": _e("Use '/' between folders, not '\\'. Create the zip again from your "
                           "theme folder with a standard zip tool.", fatal=True),
    "WW-ZIP-DRIVE": _e("Paths may not start with a drive letter. Create the zip again from your "
                       "theme folder with a standard zip tool.", fatal=True),
    "WW-ZIP-NUL": _e("A file name contains a NUL character. Create the zip again from your theme "
                     "folder with a standard zip tool.", fatal=True),
    "WW-ZIP-PATH": _e("Paths may not contain empty parts, '.', or control characters.",
                      fatal=True),
    "WW-ZIP-DEPTH": _e("Keep files at most 8 folders deep.", fatal=True),
    "WW-ZIP-SYMLINK": _e("Replace the link with the real file.", fatal=True),
    "WW-ZIP-SPECIAL-FILE": _e("Only ordinary files and folders are allowed.", fatal=True),
    "WW-ZIP-DUPLICATE": _e("Each path may appear once. Create the zip again from your theme "
                           "folder with a standard zip tool.", fatal=True),
    "WW-ZIP-CASE-COLLISION": _e("Two paths differ only by upper/lower case (or a file has the "
                                "name of a folder). Rename one of them.", fatal=True),
    "WW-ZIP-JUNK": _r("System files (__MACOSX, .DS_Store, Thumbs.db) were ignored; you can leave "
                      "them out of the zip."),
    "WW-FOLDER-MISSING": _e("Point the validator at a theme folder.", fatal=True),
    # Files -----------------------------------------------------------------------------------
    "WW-FILE-NAME": _e("Use only letters a-z, digits, '.', '_' and '-' in file and folder names."),
    "WW-FILE-EXTENSION": _e("Allowed: .json .html .css .woff2 .png .jpg .jpeg .webp .avif .gif "
                            ".svg .txt .md. Convert fonts to .woff2."),
    "WW-FILE-JAVASCRIPT": _e("Themes cannot contain JavaScript. Remove the file; interactive "
                             "parts come from WindWalker's blocks."),
    "WW-FILE-MAGIC": _e("Save the file again in the format its extension says, or fix the "
                        "extension."),
    "WW-FILE-ENCODING": _e("Save text files (HTML, CSS, JSON, SVG, TXT, MD) as UTF-8."),
    "WW-FILE-TOO-LARGE": _e("Make the file smaller (see the size limits for its type)."),
    "WW-FILE-LOCATION": _e("Templates go in layout.html, components/<block>.html or partials/; "
                           "never in assets/."),
    "WW-FILE-UNUSED": _w("WindWalker never reads or publishes this file. Move it (images, "
                         "fonts and CSS belong in assets/) or remove it."),
    "WW-JSON-INVALID": _e("Fix the JSON syntax."),
    "WW-IMAGE-PIXELS": _e("Resize the image to at most 25 megapixels (e.g. 6000x4000)."),
    "WW-ASSETS-TOO-LARGE": _e("Keep everything under assets/ below 20 MB."),
    "WW-SVG-INVALID": _e("Export the SVG again from your editor."),
    "WW-SVG-UNSAFE": _e("Remove scripts, event handlers (on...), <foreignObject>, DOCTYPE/"
                        "entities and links to other files or sites from the SVG, or use a "
                        "PNG/WebP instead."),
    # CSS -------------------------------------------------------------------------------------
    "WW-CSS-TOO-LARGE": _e("Keep each CSS file under 100 KB: remove unused rules."),
    "WW-CSS-IMPORT": _e("Remove @import: put all rules in the theme's CSS files."),
    "WW-CSS-REMOTE-URL": _e("url() may only point to files inside the theme (e.g. "
                            "url(fonts/body.woff2)). Add the file to assets/."),
    "WW-CSS-URL-OUTSIDE": _e("url() must stay inside the theme: use a path relative to the CSS "
                             "file, without leading '/' or '..' that leaves the package."),
    "WW-CSS-DATA-URL": _e("data: URLs are allowed only for small images (PNG, JPEG, GIF, WebP, "
                          "AVIF up to 8 KB). Put larger files in assets/."),
    "WW-CSS-URL-TYPE": _e("url() may point to images and fonts only."),
    "WW-CSS-URL-MISSING": _w("Add the referenced file to the theme or fix the path."),
    "WW-CSS-EXPRESSION": _e("Remove expression(), behavior, -moz-binding and javascript: from "
                            "the CSS."),
    "WW-CSS-HTML": _e("CSS may not contain '</' or '<!--' (it is inlined in the page)."),
    # Theme -----------------------------------------------------------------------------------
    "WW-THEME-LAYOUT-MISSING": _e("Add layout.html at the top of the theme.", fatal=True),
    "WW-THEME-BASE-CSS-MISSING": _e("Add assets/base.css (every page includes it).", fatal=True),
    "WW-THEME-PREVIEW-MISSING": _r("Add preview.png (about 1200x900) for the theme gallery."),
    # Manifest --------------------------------------------------------------------------------
    "WW-MANIFEST-MISSING": _e("Add theme.json at the top of the theme.", fatal=True),
    "WW-MANIFEST-JSON": _e("Fix the JSON syntax of theme.json.", fatal=True),
    "WW-MANIFEST-DUPLICATE-KEY": _e("Each key may appear once in a JSON object."),
    "WW-MANIFEST-SCHEMA": _e("Fix the value so it matches the theme.json format."),
    "WW-MANIFEST-MISSING-FIELD": _e("Add the field to theme.json."),
    "WW-MANIFEST-UNKNOWN-FIELD": _e("Remove the field or check its spelling."),
    "WW-MANIFEST-SEMVER": _e("Use a semantic version such as 1.0.0 or 2.1.0-beta.1."),
    "WW-MANIFEST-SLUG": _e("Use lower-case letters, digits and '-' or '_' (e.g. warm-cafe)."),
    "WW-MANIFEST-LANGUAGES": _r('Give the name and description in every language owners '
                                 'use: {"ko": "…", "en": "…", "ja": "…"}. Owners see them in '
                                 'their own language (Korean when yours is missing).'),
    "WW-MANIFEST-SLUG-FOLDER": _w("Name the theme folder like the slug in theme.json."),
    "WW-TOKEN-NAME": _e("Token names are lower-case kebab-case (e.g. primary-contrast)."),
    "WW-TOKEN-COLOR": _e("Use a CSS colour: #rrggbb, #rgb, rgb(), hsl() or a colour name."),
    "WW-TOKEN-FONT": _e("Use a font list such as \"Pretendard\", system-ui, sans-serif."),
    "WW-TOKEN-LENGTH": _e("Use a CSS length such as 16px, 1.5rem or 72ch."),
    "WW-TOKEN-MISSING": _w("WindWalker's blocks use this design token; add it to theme.json."),
    "WW-SETTINGS-COUNT": _e("A theme may have at most 40 settings."),
    "WW-SETTING-KEY": _e("Setting keys are snake_case (e.g. header_style)."),
    "WW-SETTING-DUPLICATE-KEY": _e("Give each setting its own key."),
    "WW-SETTING-TYPE": _e("Use one of: text, color, select, toggle, number, image, font."),
    "WW-SETTING-LABEL": _e("Give every setting a label in ko, en and ja."),
    "WW-SETTING-DEFAULT": _e("Give the setting a default value of its type."),
    "WW-SETTING-SELECT-OPTIONS": _e("A select needs at least 2 options with distinct values, "
                                    "and its default must be one of them."),
    "WW-STARTER-UNKNOWN-BLOCK": _e("Use one of WindWalker's block types in the starter pages."),
    "WW-STARTER-PROPS": _e("Fix the block's properties in the starter pages."),
    "WW-STARTER-SLOT": _e("Put child blocks only in the slots the block has."),
    "WW-STARTER-NESTING": _e("Nest starter blocks at most 8 deep."),
    "WW-STARTER-PATH": _e("Give each starter page its own path."),
    # Templates -------------------------------------------------------------------------------
    "WW-TPL-SYNTAX": _e("Fix the template syntax at this line.", fatal=True),
    "WW-TPL-COMPILE": _e("Fix the template so it compiles.", fatal=True),
    "WW-TPL-TOO-COMPLEX": _e("Simplify the template: it is nested too deeply to compile.",
                             fatal=True),
    "WW-TPL-UNKNOWN-NAME": _e("Use only the variables WindWalker passes to this template (see "
                              "the theme guide)."),
    "WW-TPL-PRIVATE-NAME": _e("Names and attributes starting with '_' are not available to "
                              "themes."),
    "WW-TPL-FILTER": _e("Use only the filters listed in the theme guide."),
    "WW-TPL-TEST": _e("Use only Jinja's built-in tests (defined, none, string, ...)."),
    "WW-TPL-SAFE": _e("Remove |safe: WindWalker passes HTML that is safe to show already marked, "
                      "everything else must stay escaped."),
    "WW-TPL-ATTR": _e("Remove |attr: write obj.name instead."),
    "WW-TPL-FORMAT": _e("String formatting (|format, .format(), .format_map(), %) is not "
                        "allowed: join text with ~ instead."),
    "WW-TPL-CALL": _e("Themes may call only macros, the helpers WindWalker passes, loop.cycle() "
                      "and a few string/dict methods (get, items, lower, split, ...)."),
    "WW-TPL-AUTOESCAPE": _e("Remove {% autoescape false %}: output is always escaped."),
    "WW-TPL-REFERENCE": _e("include/import/extends may name only templates of this theme, with "
                           "a fixed name such as \"partials/header.html\"."),
    "WW-TPL-RECURSIVE-LAYOUT": _e("Templates include or extend each other in a circle; break "
                                  "the cycle.", fatal=True),
    "WW-TPL-RECURSION": _e("Recursive macros and recursive loops are not allowed."),
    "WW-TPL-NESTING": _e("Nest tags at most 10 deep: move parts into macros or partials."),
    "WW-TPL-SCRIPT": _e("Remove scripts, on... event attributes and javascript: links; the only "
                        "script is <script type=\"application/ld+json\">{{ jsonld }}</script>."),
    "WW-TPL-EMBED": _e("Remove <iframe>, <object>, <embed>, <applet> and <base>: use WindWalker's "
                       "blocks (e.g. video, map) instead."),
    "WW-TPL-REMOTE-RESOURCE": _e("Pages load pictures, styles and icons only from the site "
                                 "itself: use WindWalker's picture settings or assets/ (the "
                                 "allowlist removes the link)."),
    "WW-TPL-HTMX": _e("Remove hx-*, data-hx-*, sse-* and ws-* attributes: a theme's pages never "
                      "send requests, and the editor draws blocks inside its own page."),
    "WW-TPL-EDITOR-ATTRIBUTE": _e("Remove the attribute: in the editor a block's view is part "
                                  "of the editor's page, so only data-inline, data-slot and "
                                  "data-placeholder are kept (see the theme guide)."),
    "WW-TPL-META": _e("Keep to <meta charset>, name= (description, viewport, theme-color, "
                      "robots, twitter:…) and property=\"og:…\"; http-equiv and verification "
                      "tags are removed."),
    "WW-TPL-FORM-ACTION": _e("Forms post only to WindWalker's form endpoint: write "
                             "<form method=\"post\" action=\"{{ form_action }}\"> and no "
                             "formaction or form= attributes."),
    "WW-TPL-STYLE": _e("A <style> may hold only {{ css }}; put the theme's rules in "
                       "assets/base.css. style attributes may not load files from other sites."),
    "WW-TPL-SVG-REFERENCE": _e("SVG references (href, fill, stroke, clip-path) may point only "
                               "inside the same page (#id)."),
    "WW-TPL-URL": _e("Links may use http:, https:, mailto:, tel: and sms: (or a path on the "
                     "site)."),
    "WW-TPL-ELEMENT": _w("The element is removed (its text stays): use the elements listed in the "
                         "theme guide."),
    "WW-TPL-ATTRIBUTE": _w("The attribute is removed: use the attributes listed in the theme "
                           "guide."),
    "WW-TPL-ID": _e("Use ids of your own, e.g. ww-{{ block.id }}-title: in a block's view, ids "
                    "the WindWalker editor uses for its own page (panel, drawer, b-…) are "
                    "removed."),
    "WW-TPL-CHANGED": _w("The sanitiser reads this markup differently from how it is written "
                         "(for example a tag inside <title>, or text directly inside <table>): "
                         "write it as plain, well-nested HTML."),
    "WW-TPL-UNKNOWN-COMPONENT": _e("Name component overrides after an existing block type, e.g. "
                                   "components/hero.html."),
    "WW-TPL-PLATFORM-NAME": _e("Rename the template: this name belongs to WindWalker."),
    "WW-TPL-UNUSED": _r("No template includes or imports this partial; remove it if unused."),
    "WW-TPL-RENDER": _e("The template failed when rendered with sample data; fix the line shown.",
                        fatal=True),
    "WW-TPL-RENDER-TIMEOUT": _e("The template took too long to render (over 2 seconds): look for "
                                "large or nested loops.", fatal=True),
    "WW-TPL-RENDER-OUTPUT": _e("The template produced too much output (over 2 MB): look for "
                               "large or nested loops.", fatal=True),
    "WW-TPL-NO-CONTENT": _e("layout.html must output {{ content }} (the page's blocks)."),
    # Store (rules of the theme store rather than the package) ------------------------------
    "WW-STORE-SLUG-TAKEN": _e("Choose another slug in theme.json: this one belongs to a built-in "
                              "theme or another designer's theme."),
    "WW-STORE-VERSION-EXISTS": _e("Raise the version in theme.json (e.g. 1.0.1): this number "
                                  "was already submitted."),
    "WW-STORE-INTERNAL": _e("Something went wrong on our side while checking the theme. Upload "
                            "it again; if it happens again, contact support."),
    "WW-STORE-VERSION-OLDER": _e("A new version needs a higher number than the approved one; "
                                 "raise the version in theme.json."),
    "WW-TPL-NO-CSS": _w("Output {{ css }} (or link {{ css_link }}) in the <head>, or pages "
                        "appear unstyled."),
}


@dataclass(frozen=True)
class Entry:
    """One finding, as shown to the designer."""

    code: str
    level: Level
    fatal: bool
    file: str | None
    line: int | None
    message: str
    help: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """Everything the validator found, in the order found."""

    entries: list[Entry] = field(default_factory=list)

    def add(self, code: str, message: str, file: str | None = None,
            line: int | None = None) -> Entry:
        rule = RULES[code]  # an unknown code is a programming error
        entry = Entry(code, rule.level, rule.fatal, file, line, message, rule.help)
        if entry not in self.entries:  # the same finding twice helps nobody
            self.entries.append(entry)
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def ok(self) -> bool:
        """True when nothing blocks submission (warnings and recommendations may remain)."""
        return not any(e.level == "error" for e in self.entries)

    @property
    def fatal(self) -> bool:
        return any(e.fatal for e in self.entries)

    @property
    def errors(self) -> list[Entry]:
        return [e for e in self.entries if e.level == "error"]

    @property
    def codes(self) -> set[str]:
        return {e.code for e in self.entries}

    @property
    def penalty(self) -> int:
        """gscan's weighting: errors 10, warnings 3, recommendations 1."""
        return sum(WEIGHTS[e.level] for e in self.entries)

    @property
    def score(self) -> int:
        """100 for a clean theme, minus the penalty, never below 0."""
        return max(0, 100 - self.penalty)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "fatal": self.fatal, "score": self.score,
                "entries": [e.to_dict() for e in self.entries]}

"""Reading a theme package — an uploaded zip or a folder — into memory, safely.

Nothing is ever extracted to disk. Each member is inflated in chunks and the bytes actually
produced are counted against the caps (total, per type, compression ratio), because the sizes a
zip declares can lie. Hostile paths (zip slip, absolute, drive letters, backslashes, NUL,
symlinks, duplicates, case collisions) are refused before any content is read.
"""

from __future__ import annotations

import io
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from app.theme_packages import limits
from app.theme_packages.report import Report

JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
JUNK_FOLDERS = {"__MACOSX"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Package:
    """The package's regular files by relative path (top-level folder stripped)."""

    files: dict[str, bytes] = field(default_factory=dict)
    oversized: dict[str, int] = field(default_factory=dict)  # path → bytes seen before stopping
    folder_name: str | None = None  # the folder's (or the zip's top folder's) own name


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""


def file_limit(path: str) -> int:
    """How many bytes of this file are worth reading (its type's size limit)."""
    return limits.FILE_LIMITS.get(extension(path), 0)


def _is_junk(parts: list[str]) -> bool:
    return parts[0] in JUNK_FOLDERS or parts[-1] in JUNK_NAMES or parts[-1].startswith("._")


def _check_path(name: str, report: Report, max_depth: int) -> list[str] | None:
    """The parts of a safe relative path, or None (and a fatal entry) for a hostile one."""
    shown = name.replace("\x00", "\\0")
    if "\x00" in name:
        report.add("WW-ZIP-NUL", f"'{shown}' contains a NUL character.", shown)
        return None
    if "\\" in name:
        report.add("WW-ZIP-BACKSLASH", f"'{shown}' uses backslashes.", shown)
        return None
    if name.startswith("/"):
        report.add("WW-ZIP-ABSOLUTE", f"'{shown}' is an absolute path.", shown)
        return None
    if _DRIVE.match(name):
        report.add("WW-ZIP-DRIVE", f"'{shown}' starts with a drive letter.", shown)
        return None
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        report.add("WW-ZIP-SLIP", f"'{shown}' points outside the theme folder.", shown)
        return None
    if any(p in ("", ".") for p in parts) or _CONTROL.search(name):
        report.add("WW-ZIP-PATH", f"'{shown}' is not a clean relative path.", shown)
        return None
    if len(parts) - 1 > max_depth:
        report.add("WW-ZIP-DEPTH", f"'{shown}' is {len(parts) - 1} folders deep.", shown)
        return None
    return parts


class _Collisions:
    """Refuses names that are equal once case and Unicode normalisation are ignored."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.exact: set[str] = set()
        self.folded: dict[str, str] = {}
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self.prefixes: dict[str, str] = {}  # folded folder path → its first spelling

    @staticmethod
    def fold(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    def accept(self, name: str, is_dir: bool) -> bool:
        clean = name.rstrip("/")
        if clean in self.exact:
            self.report.add("WW-ZIP-DUPLICATE", f"'{clean}' appears more than once.", clean)
            return False
        key = self.fold(clean)
        parts = clean.split("/")
        for i in range(1, len(parts) + (1 if is_dir else 0)):
            prefix = "/".join(parts[:i])
            seen = self.prefixes.setdefault(self.fold(prefix), prefix)
            if seen != prefix:
                self.report.add("WW-ZIP-CASE-COLLISION",
                                f"Folder '{prefix}' collides with '{seen}'.", clean)
                return False
        if key in self.folded:
            self.report.add("WW-ZIP-CASE-COLLISION",
                            f"'{clean}' collides with '{self.folded[key]}'.", clean)
            return False
        self.exact.add(clean)
        self.folded[key] = clean
        (self.folders if is_dir else self.files).add(key)
        return True

    def check_file_folder_conflicts(self) -> set[str]:
        """Files whose name is also used as a folder ('a' and 'a/b'): refused."""
        parents = {key.rsplit("/", 1)[0] for key in self.files | self.folders if "/" in key}
        ancestors = set()
        for parent in parents:
            parts = parent.split("/")
            ancestors.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
        bad = self.files & ancestors
        for key in sorted(bad):
            name = self.folded[key]
            self.report.add("WW-ZIP-CASE-COLLISION", f"'{name}' is both a file and a folder.",
                            name)
        return {self.folded[key] for key in bad}


def _strip_top_folder(names: list[str]) -> str:
    """The single top-level folder every file sits in (to strip), or ''."""
    if not names or "theme.json" in names:
        return ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return tops.pop() + "/"
    return ""


def read_zip(data: bytes, report: Report) -> Package | None:
    """The package inside ``data``, or None when the archive itself is refused."""
    if len(data) > limits.MAX_ARCHIVE_BYTES:
        report.add("WW-ZIP-TOO-LARGE", f"The zip is {len(data) / limits.MB:.1f} MB.")
        return None
    if data[:4] == b"PK\x05\x06":
        report.add("WW-ZIP-EMPTY", "The zip is empty.")
        return None
    if data[:4] != b"PK\x03\x04":
        report.add("WW-ZIP-NOT-ZIP", "The file is not a zip archive.")
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    # zipfile raises NotImplementedError for compression methods or features it cannot read:
    # for us that is simply an archive we refuse.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, NotImplementedError,
            EOFError) as exc:
        report.add("WW-ZIP-CORRUPT", f"The zip could not be opened ({exc}).")
        return None
    if len(infos) > limits.MAX_ENTRIES:
        report.add("WW-ZIP-TOO-MANY-ENTRIES", f"The zip holds {len(infos)} entries.")
        return None
    with archive:
        return _read_members(archive, infos, report)


def _read_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
                  report: Report) -> Package | None:
    collisions = _Collisions(report)
    accepted: list[zipfile.ZipInfo] = []
    junk = False
    for info in infos:
        name = info.orig_filename  # keeps a NUL that .filename silently cuts off
        parts = _check_path(name, report, limits.MAX_DEPTH + 1)  # + the optional top folder
        if parts is None:
            continue
        if _is_junk(parts):
            junk = True
            continue
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            report.add("WW-ZIP-SYMLINK", f"'{name}' is a symbolic link.", name)
            continue
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            report.add("WW-ZIP-SPECIAL-FILE", f"'{name}' is not a regular file.", name)
            continue
        if info.flag_bits & 0x1:
            report.add("WW-ZIP-ENCRYPTED", f"'{name}' is encrypted.", name)
            continue
        is_dir = name.endswith("/") or kind == stat.S_IFDIR
        if not collisions.accept(name, is_dir):
            continue
        if is_dir:
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            report.add("WW-ZIP-COMPRESSION",
                       f"'{name}' uses compression method {info.compress_type}.", name)
            continue
        accepted.append(info)
    conflicts = collisions.check_file_folder_conflicts()
    accepted = [i for i in accepted if i.filename not in conflicts]
    if junk:
        report.add("WW-ZIP-JUNK", "The zip contains system files; they were ignored.")
    prefix = _strip_top_folder([i.filename for i in accepted])
    package = Package(folder_name=prefix.rstrip("/") or None)
    total = 0
    for info in accepted:
        path = info.filename[len(prefix):]
        if path.count("/") > limits.MAX_DEPTH:
            report.add("WW-ZIP-DEPTH", f"'{path}' is {path.count('/')} folders deep.", path)
            continue
        limit = file_limit(path)
        if limit == 0:  # not an allowed type: refused by name, never inflated
            package.files[path] = b""
            continue
        declared_ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.RATIO_FLOOR and declared_ratio > limits.MAX_RATIO:
            report.add("WW-ZIP-RATIO", f"'{path}' declares a {declared_ratio:.0f}:1 compression "
                       "ratio.", path)
            continue
        content, total, stop = _inflate(archive, info, path, limit, total, package, report)
        if stop:
            return None
        if content is not None:
            package.files[path] = content
    return package


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, limit: int, total: int,
             package: Package, report: Report) -> tuple[bytes | None, int, bool]:
    """(content or None, new total, stop everything) — counting the bytes really inflated."""
    chunks: list[bytes] = []
    got = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(limits.READ_CHUNK):
                got += len(chunk)
                total += len(chunk)
                if total > limits.MAX_UNCOMPRESSED_BYTES:
                    report.add("WW-ZIP-UNCOMPRESSED-TOO-LARGE",
                               f"Unpacking stopped at '{path}': over "
                               f"{limits.MAX_UNCOMPRESSED_BYTES // limits.MB} MB.", path)
                    return None, total, True
                if got > limits.RATIO_FLOOR and got > max(info.compress_size, 1) * limits.MAX_RATIO:
                    report.add("WW-ZIP-RATIO", f"'{path}' inflates to more than "
                               f"{limits.MAX_RATIO} times its compressed size.", path)
                    return None, total, False
                if got > limit:
                    package.oversized[path] = got
                    return b"", total, False
                chunks.append(chunk)
    # NotImplementedError: an entry packed with a method zipfile cannot inflate.
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        report.add("WW-ZIP-CORRUPT", f"'{path}' could not be unpacked ({exc}).", path)
        return None, total, False
    return b"".join(chunks), total, False


def read_folder(folder: Path, report: Report) -> Package | None:
    """The package in ``folder`` (a bundled theme, or an upload unpacked by the platform)."""
    root = Path(folder)
    if not root.is_dir() or root.is_symlink():
        report.add("WW-FOLDER-MISSING", f"'{folder}' is not a folder.")
        return None
    package = Package(folder_name=root.name)
    collisions = _Collisions(report)
    found: list[str] = []
    entries = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        for name in sorted(dirnames) + sorted(filenames):
            entries += 1
            if entries > limits.MAX_ENTRIES:
                report.add("WW-ZIP-TOO-MANY-ENTRIES",
                           f"The folder holds more than {limits.MAX_ENTRIES} entries.")
                return None
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            parts = _check_path(rel, report, limits.MAX_DEPTH)
            st = os.lstat(os.path.join(dirpath, name))
            if parts is None or _is_junk(parts):
                if name in dirnames:
                    dirnames.remove(name)
                continue
            if stat.S_ISLNK(st.st_mode):
                report.add("WW-ZIP-SYMLINK", f"'{rel}' is a symbolic link.", rel)
                continue
            if stat.S_ISDIR(st.st_mode):
                collisions.accept(rel + "/", True)
                continue
            if not stat.S_ISREG(st.st_mode):
                report.add("WW-ZIP-SPECIAL-FILE", f"'{rel}' is not a regular file.", rel)
                continue
            if collisions.accept(rel, False):
                found.append(rel)
    conflicts = collisions.check_file_folder_conflicts()
    total = 0
    for rel in sorted(set(found) - conflicts):
        limit = file_limit(rel)
        if limit == 0:
            package.files[rel] = b""
            continue
        try:
            fd = os.open(root / rel, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:  # replaced by a link or removed since the walk
            report.add("WW-ZIP-SYMLINK", f"'{rel}' could not be opened safely ({exc}).", rel)
            continue
        with os.fdopen(fd, "rb") as fh:
            content = fh.read(limit + 1)
        total += len(content)
        if total > limits.MAX_UNCOMPRESSED_BYTES:
            report.add("WW-ZIP-UNCOMPRESSED-TOO-LARGE",
                       f"The folder holds over {limits.MAX_UNCOMPRESSED_BYTES // limits.MB} MB.")
            return None
        if len(content) > limit:
            package.oversized[rel] = len(content)
            content = b""
        package.files[rel] = content
    return package

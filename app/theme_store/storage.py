"""Where uploaded theme packages live: ``<ASSET_DIR>/themes/uploads/<id>.zip`` as uploaded,
``<ASSET_DIR>/themes/packages/<id>/`` unpacked once valid (never changed afterwards)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from flask import current_app

from app.theme_packages.archive import Package


def store_root() -> Path:
    return Path(current_app.config["ASSET_DIR"]) / "themes"


def upload_path(version_id: int) -> Path:
    return store_root() / "uploads" / f"{version_id}.zip"


def package_folder(relative: str) -> Path:
    return store_root() / relative


def save_upload(version_id: int, data: bytes) -> None:
    path = upload_path(version_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def unpack(version_id: int, package: Package) -> str:
    """Writes a validated package's files; returns the folder relative to the store. Paths
    come from the validator, which refused anything but plain relative names."""
    relative = f"packages/{version_id}"
    root = package_folder(relative)
    root.mkdir(parents=True, exist_ok=True)
    base = root.resolve()
    for name, data in package.files.items():
        target = (root / name).resolve()
        if base not in target.parents:  # belt and braces: the validator refused such names
            raise ValueError(f"unsafe path {name!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return relative


def export_zip(folder: str | Path) -> bytes:
    """A theme folder as a package zip (files sorted, fixed timestamps: the same folder always
    gives the same bytes)."""
    folder = Path(folder)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}",
                                   date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()

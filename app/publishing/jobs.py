"""The publish job: build → upload → processing → live, recorded stage by stage.

It takes a deployment id, is safe to run again (a finished deployment is left alone; an
interrupted one is redone — uploads are content-addressed, so nothing is sent twice), and never
touches the live version unless the new one is completely live.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.db import db, utcnow
from app.jobs import enqueue, job
from app.models import Deployment, Site
from app.publishing.base import PublishError
from app.publishing.compiler import PageCache, compile_site
from app.publishing.operations import (
    IN_FLIGHT,
    get_target,
    make_live,
    production_base_url,
    publisher_for,
)
from app.publishing.snapshot import read_asset, snapshot_site

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=15)
_caches: dict[int, PageCache] = {}  # per site: rendered pages by content hash (per process)


def _stage(deployment: Deployment, state: str, **counts: Any) -> None:
    deployment.state = state
    deployment.stages = {**deployment.stages, state: utcnow().isoformat()}
    for key, value in counts.items():
        setattr(deployment, key, value)
    db.session.commit()  # progress is visible to the UI while the job runs


@job
def run_publish(deployment_id: int) -> str:
    """Publishes one deployment; returns its final state."""
    deployment = db.session.get(Deployment, deployment_id)
    if deployment is None:
        return "missing"
    if deployment.done:
        return deployment.state  # a retried job never deploys twice
    site = db.session.get(Site, deployment.site_id)
    target = get_target(site)
    started = time.perf_counter()
    try:
        _stage(deployment, "building")
        snap = snapshot_site(site, base_url=production_base_url(site, target))
        output = compile_site(snap, read_asset, _caches.setdefault(site.id, PageCache()))
        previous = db.session.scalar(select(Deployment).where(
            Deployment.site_id == site.id, Deployment.is_live.is_(True)))
        old = previous.manifest if previous else {}
        touched = sorted(path for path, digest in output.hashes.items()
                         if path.endswith(".html") and old.get(path) != digest)
        deployment.manifest = output.hashes
        deployment.pages_touched = touched
        _stage(deployment, "uploading", files_total=len(output.files))

        def progress(stage: str, detail: dict[str, Any]) -> None:
            if stage == "processing" and deployment.state != "processing":
                _stage(deployment, "processing")
            elif "files_uploaded" in detail:
                deployment.files_uploaded = detail["files_uploaded"]
                deployment.bytes_uploaded = detail.get("bytes_uploaded", 0)
                db.session.commit()

        publisher = publisher_for(site, target)
        try:
            result = publisher.deploy(output, production=deployment.production,
                                      message=deployment.message or f"WindWalker #{deployment.id}",
                                      progress=progress)
        finally:
            close = getattr(publisher, "close", None)
            if close:
                close()
    except PublishError as exc:
        db.session.rollback()
        deployment = db.session.get(Deployment, deployment_id)
        deployment.error = f"{exc.code}: {exc.message}"[:2000]
        deployment.finished_at = utcnow()
        _stage(deployment, "failed")
        log.warning("publish %s failed: %s", deployment_id, exc)
        return "failed"
    except Exception as exc:  # a bug or an outage: record it, never leave "uploading"
        db.session.rollback()
        deployment = db.session.get(Deployment, deployment_id)
        deployment.error = f"internal: {type(exc).__name__}"
        deployment.finished_at = utcnow()
        _stage(deployment, "failed")
        log.exception("publish %s crashed", deployment_id)
        return "failed"
    deployment.provider_id = result.provider_id
    deployment.url = result.url
    deployment.files_uploaded = result.files_uploaded
    deployment.bytes_uploaded = result.bytes_uploaded
    deployment.finished_at = utcnow()
    deployment.stages = {**deployment.stages,
                         "elapsed_ms": round((time.perf_counter() - started) * 1000)}
    if deployment.production:
        if target.provider == "cloudflare_pages" and result.url:
            # Cloudflare may give the project another subdomain than its name: remember the
            # real production address for canonical URLs. (Vercel answers with the
            # deployment's own URL, so its project address stays <project>.vercel.app.)
            target.settings = {**target.settings, "site_url": result.url}
        make_live(site, deployment)
        _stage(deployment, "live")
    else:
        _stage(deployment, "ready")
    return deployment.state


def recover_stale() -> int:
    """Re-runs deployments left in flight by a killed worker (older than STALE_AFTER)."""
    cutoff = utcnow() - STALE_AFTER
    stale = db.session.scalars(select(Deployment).where(Deployment.state.in_(IN_FLIGHT),
                                                        Deployment.updated_at < cutoff)).all()
    for deployment in stale:
        enqueue(run_publish, deployment.id)
    return len(stale)


"""Telling the owner's and the agent's open editors that a support session changed, or that a
chat line arrived. Sent to every page of the site: the two may be on different pages."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from app.coedit import live
from app.db import db
from app.models import ChatMessage, Page, SupportSession, User


def site_pages(site_id: int) -> list[int]:
    return list(db.session.scalars(select(Page.id).where(Page.site_id == site_id,
                                                         Page.deleted_at.is_(None))))


def _people(session: SupportSession) -> list[int]:
    return [uid for uid in (session.owner_id, session.agent_id) if uid]


def support_changed(session: SupportSession) -> None:
    live.publish_to(site_pages(session.site_id), "support", _people(session), session.id)


def chat_posted(session: SupportSession, message: ChatMessage, author: User) -> None:
    html = render_template("support/_chat_line.html", message=message, author=author, oob=True)
    live.publish_to(site_pages(session.site_id), "chat", _people(session), session.id, html)


def design_changed(site) -> None:
    """The site's other open editors (owner, members, a support agent — on any of its pages)
    see a design change at once; the tab that made it (if any) already has it."""
    from app.coedit.live import client_id

    live.publish_design(site_pages(site.id), client_id(),
                        render_template("design/_live.html", site=site))

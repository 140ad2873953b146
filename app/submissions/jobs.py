"""Background jobs of form submissions. They take ids and commit themselves."""

from __future__ import annotations

from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from app.db import db
from app.jobs import job
from app.mail import send_mail
from app.models import FormSubmission, Site
from app.submissions.operations import kind_label, local_time, owners_of


@job
def notify_owners(submission_id: int) -> list[str]:
    """Mails a new submission to the site's owners, each in their language and time zone.
    Returns the recipients (none when the submission or the site is gone)."""
    submission = db.session.get(FormSubmission, submission_id)
    if submission is None:
        return []
    site = db.session.get(Site, submission.site_id)
    if site is None or site.deleted_at is not None:
        return []
    sent: list[str] = []
    # Links are built from PUBLIC_URL, never from a request's Host header.
    base_url = current_app.config["PUBLIC_URL"]
    for owner in owners_of(site.id):
        with current_app.test_request_context(base_url=base_url), force_locale(owner.locale):
            link = url_for("inbox.detail", site_id=site.id, submission_id=submission.id,
                           _external=True)
            if submission.kind == "reservation":
                subject = _("New booking request on %(site)s", site=site.name)
            else:
                subject = _("New message on %(site)s", site=site.name)
            body = render_template(
                "inbox/mail/new_submission.txt",
                site=site,
                submission=submission,
                kind=kind_label(submission.kind),
                received=local_time(submission.created_at, owner.timezone),
                fields=[(label, str(value)) for label, value in submission.fields or []],
                link=link,
            )
            send_mail(to=owner.email, subject=subject, body=body)
        sent.append(owner.email)
    return sent

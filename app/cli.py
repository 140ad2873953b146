"""Operator commands: ``flask db``, ``flask demo``, ``flask users``, ``flask sites``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from app.db import db
from app.domain import Refused

ROOT = Path(__file__).resolve().parent.parent

DEMO_EMAIL = "demo@windwalker.kr"
DEMO_PASSWORD = "windwalker-demo"  # noqa: S105 - the published demo login, development only
DEMO_STAFF = (("designer@windwalker.kr", "데모 디자이너", "designer"),
              ("admin@windwalker.kr", "데모 관리자", "admin"),
              ("support@windwalker.kr", "데모 상담원", "support"))


def alembic_config():
    from alembic.config import Config

    cfg = Config(str(ROOT / "migrations" / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    cfg.attributes["database_url"] = current_app.config["DATABASE_URL"]
    return cfg


@click.group("db", cls=AppGroup)
def db_cli():
    """Database schema (Alembic migrations)."""


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str):
    """Migrate the database up to REVISION (default: head)."""
    from alembic import command

    command.upgrade(alembic_config(), revision)


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str):
    """Migrate the database down to REVISION (e.g. base)."""
    from alembic import command

    command.downgrade(alembic_config(), revision)


@click.command("demo")
@with_appcontext
def demo():
    """Create the demo account and its demo site (slug: demo). Safe to run again."""
    from app.accounts.operations import find_user_by_email, sign_up
    from app.models import Site
    from app.sites.operations import create_site, update_profile

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("The demo account is not created in production.")
    user = find_user_by_email(DEMO_EMAIL)
    if user is None:
        user = sign_up(DEMO_EMAIL, DEMO_PASSWORD, display_name="데모 사장님")
    site = db.session.scalar(select(Site).where(Site.slug == "demo"))
    if site is None:
        site = create_site(user, "바람길 카페", slug="demo")
        update_profile(
            site,
            {
                "business_name": "바람길 카페",
                "business_type": "cafe",
                "representative": "김바람",
                "business_number": "220-81-62517",
                "address": "서울특별시 마포구 와우산로 94",
                "phone": "02-336-1234",
                "email": "hello@windwalker.kr",
                "opening_hours": {
                    d: {"open": "10:00", "close": "21:00"}
                    for d in ("mon", "tue", "wed", "thu", "fri")
                }
                | {"sat": {"open": "11:00", "close": "22:00"}, "sun": {"closed": True}},
                "hours_note": "명절 당일 휴무",
                "instagram": "windwalker.cafe",
                "kakao_channel_url": "https://pf.kakao.com/_windwalker",
            },
        )
        from app.sites.starter import fill_site

        fill_site(site)
        home = next(p for p in site.pages if p.is_home)
        home.seo_description = "망원동 골목의 작은 카페. 매일 아침 직접 굽는 빵과 핸드드립 커피."
        db.session.commit()
        # Published once, so the demo's public address works right away.
        from app.publishing.jobs import run_publish
        from app.publishing.operations import start_publish

        deployment = start_publish(site, user, production=True, message="demo")
        db.session.commit()
        run_publish(deployment.id)
    db.session.commit()
    # More demo people: a theme designer, an admin who reviews, a support agent.
    from app.accounts.operations import grant_role

    for email, name, role in DEMO_STAFF:
        staff = find_user_by_email(email) or sign_up(email, DEMO_PASSWORD, display_name=name)
        if role not in staff.roles:
            grant_role(staff, role)
    db.session.commit()
    from app.publishing.snapshot import site_base_url

    site = db.session.scalar(select(Site).where(Site.slug == "demo"))
    click.echo(f"Demo ready: {DEMO_EMAIL} / {DEMO_PASSWORD} (site: {site.slug}, published at "
               f"{site_base_url(site)}/)")


@click.group("users", cls=AppGroup)
def users_cli():
    """User and role administration."""


def _user_or_fail(email: str):
    from app.accounts.operations import find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with the email {email}.")
    return user


@users_cli.command("list")
def users_list():
    """List users with their roles."""
    from app.models import User

    for user in db.session.scalars(select(User).order_by(User.id)):
        click.echo(f"{user.id}\t{user.email}\t{','.join(sorted(user.roles))}")


@users_cli.command("grant")
@click.argument("email")
@click.argument("role", type=click.Choice(["designer", "support", "admin"]))
def users_grant(email: str, role: str):
    """Give EMAIL the ROLE (designer, support or admin)."""
    from app.accounts.operations import grant_role

    user = _user_or_fail(email)
    changed = grant_role(user, role)
    db.session.commit()
    click.echo(f"{email} is now {role}." if changed else f"{email} already was {role}.")


@users_cli.command("revoke")
@click.argument("email")
@click.argument("role", type=click.Choice(["designer", "support", "admin"]))
def users_revoke(email: str, role: str):
    """Take ROLE away from EMAIL."""
    from app.accounts.operations import revoke_role

    user = _user_or_fail(email)
    changed = revoke_role(user, role)
    db.session.commit()
    click.echo(f"{email} is no longer {role}." if changed else f"{email} was not {role}.")


@users_cli.command("make-admin")
@click.argument("email")
@click.pass_context
def users_make_admin(ctx: click.Context, email: str):
    """Make EMAIL an administrator."""
    ctx.invoke(users_grant, email=email, role="admin")


@users_cli.command("set-password")
@click.argument("email")
@click.password_option()
def users_set_password(email: str, password: str):
    """Set a new password for EMAIL (ends all of that user's sessions)."""
    from app.accounts.operations import set_password

    user = _user_or_fail(email)
    try:
        set_password(user, password)
    except Refused as exc:
        raise click.ClickException(exc.message) from None
    db.session.commit()
    click.echo(f"Password changed for {email}; all sessions ended.")


@click.group("sites", cls=AppGroup)
def sites_cli():
    """Site maintenance."""


@sites_cli.command("purge")
def sites_purge():
    """Remove sites deleted more than 30 days ago (run daily)."""
    from app.sites.operations import purge_deleted_sites

    n = purge_deleted_sites()
    db.session.commit()
    click.echo(f"Purged {n} site(s).")


def _site_or_fail(slug: str):
    from app.models import Site

    site = db.session.scalar(select(Site).where(Site.slug == slug, Site.deleted_at.is_(None)))
    if site is None:
        raise click.ClickException(f"No site with the address {slug}.")
    return site


@sites_cli.command("export")
@click.argument("slug")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def sites_export(slug: str, folder: Path):
    """Write the compiled site SLUG into FOLDER (backup or self-hosting)."""
    from app.publishing.compiler import compile_site, write_folder
    from app.publishing.operations import get_target, production_base_url
    from app.publishing.snapshot import read_asset, snapshot_site

    site = _site_or_fail(slug)
    output = compile_site(snapshot_site(site, production_base_url(site, get_target(site))),
                          read_asset)
    write_folder(output, folder)
    size = sum(len(data) for data in output.files.values())
    click.echo(f"Wrote {len(output.files)} files ({size / 1024:.0f} KiB) to {folder}")


@sites_cli.command("publish")
@click.argument("slug")
@click.option("--preview", is_flag=True, help="a preview deployment (the live site stays)")
def sites_publish(slug: str, preview: bool):
    """Publish SLUG with its publishing settings and print the result."""
    from app.publishing.jobs import run_publish
    from app.publishing.operations import start_publish

    site = _site_or_fail(slug)
    deployment = start_publish(site, None, production=not preview, message="CLI")
    db.session.commit()
    state = run_publish(deployment.id)  # in this process: the job commits and closes its session
    from app.models import Deployment

    deployment = db.session.get(Deployment, deployment.id)
    click.echo(f"Deployment #{deployment.id}: {state} {deployment.url}".rstrip())
    click.echo(f"  files uploaded {deployment.files_uploaded}/{deployment.files_total}, "
               f"{deployment.bytes_uploaded} bytes")
    if state == "failed":
        raise click.ClickException(deployment.error or "failed")


@sites_cli.command("recover")
def sites_recover():
    """Re-run publishes a killed worker left unfinished (run every few minutes)."""
    from app.publishing.jobs import recover_stale

    click.echo(f"Re-queued {recover_stale()} deployment(s).")


@click.group("billing", cls=AppGroup)
def billing_cli():
    """Subscriptions and invoices."""


@billing_cli.command("run")
@click.option("--date", "day", help="the billing day, YYYY-MM-DD (default: today in Seoul)")
@click.option("--queue", is_flag=True, help="enqueue the run as a job instead of running here")
def billing_run(day: str | None, queue: bool):
    """The monthly billing run: renewals, trial ends, overdue accounts. Safe to repeat
    (run it daily from cron; running it twice creates nothing twice)."""
    from datetime import date

    from app.billing.jobs import run_billing, run_billing_job
    from app.jobs import enqueue, wait_for_jobs

    if day:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise click.ClickException(f"Not a date: {day} (use YYYY-MM-DD).") from None
    if queue:
        enqueue(run_billing_job, day)
        click.echo("Billing run queued.")
        return
    report = run_billing(day)
    wait_for_jobs(timeout=300)  # in-process PDF renders (with RQ the workers do them)
    click.echo(f"Billing run{' for ' + day if day else ''}: {len(report.invoices)} invoice(s), "
               f"{report.renewed} renewal(s), {report.trials_ended} trial(s) ended, "
               f"{report.past_due} past due, {report.canceled} canceled.")


@billing_cli.command("import-statement")
@click.argument("csv_file", type=click.File(encoding="utf-8-sig"))
def billing_import_statement(csv_file):
    """Match bank statement lines (CSV: date, amount, memo) to open invoices."""
    from app.billing.invoices import import_statement

    results = import_statement(csv_file.read())
    db.session.commit()
    for r in results:
        click.echo(f"line {r.line}: {r.outcome} {r.number}".rstrip())
    click.echo(f"{sum(r.outcome == 'matched' for r in results)} payment(s) matched.")


def init_app(app: Flask) -> None:
    for command in (db_cli, demo, users_cli, sites_cli, billing_cli):
        app.cli.add_command(command)

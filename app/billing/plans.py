"""The plans on sale: monthly prices in KRW (VAT included) and what each plan allows.

Plans live in code, not in a table: prices and limits change with a release (and a notice to
customers), and every invoice line copies the price it charged, so history never depends on
this table. ``None`` as a limit means unlimited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l, pgettext

MB = 1024 * 1024
GB = 1024 * MB

# Every limit a plan sets. Features that do not exist yet (custom domains, AI credits,
# developer workspaces) call app.billing.limits.require(..., used=...) when they arrive.
LIMITS = (
    "sites",
    "pages_per_site",
    "storage_bytes",
    "custom_domains",
    "ai_credits",
    "dev_workspaces",
    "publish_providers",
)
LIMIT_LABELS = {
    "sites": _l("Sites"),
    "pages_per_site": _l("Pages per site"),
    "storage_bytes": _l("Picture storage"),
    "custom_domains": _l("Custom domains"),
    "ai_credits": _l("AI credits a month"),
    "dev_workspaces": _l("Developer workspaces"),
    "publish_providers": _l("Where you can publish"),
}
TRIAL_DAYS = 14
TRIAL_PLAN = "pro"  # a new account tries everything Pro has, then falls back to Free
PAYMENT_DUE_DAYS = 7  # bank transfer: the invoice is due a week after issue
PAST_DUE_GRACE_DAYS = 14  # then the subscription is canceled (content is kept, limits apply)


def plan_name(code: str) -> str:
    """The plan's name in the current language ("Business" alone means something else in the
    catalogs, hence the context)."""
    return {
        "free": pgettext("plan", "Free"),
        "starter": pgettext("plan", "Starter"),
        "pro": pgettext("plan", "Pro"),
        "business": pgettext("plan", "Business"),
    }[code]


@dataclass(frozen=True)
class Plan:
    code: str
    price_krw: int  # a month, VAT included
    sites: int
    pages_per_site: int
    storage_bytes: int
    custom_domains: int
    ai_credits: int
    dev_workspaces: int
    publish_providers: tuple[str, ...] = field(default=("local",))

    @property
    def name(self) -> str:
        return plan_name(self.code)

    @property
    def is_free(self) -> bool:
        return self.price_krw == 0

    def limit(self, name: str):
        if name not in LIMITS:
            raise KeyError(f"unknown limit {name!r}; known: {', '.join(LIMITS)}")
        return getattr(self, name)


PLANS: dict[str, Plan] = {
    plan.code: plan
    for plan in (
        Plan("free", 0, sites=1, pages_per_site=10, storage_bytes=100 * MB,
             custom_domains=0, ai_credits=30, dev_workspaces=0,
             publish_providers=("local",)),
        Plan("starter", 9_900, sites=3, pages_per_site=30,
             storage_bytes=1 * GB, custom_domains=1, ai_credits=300, dev_workspaces=0,
             publish_providers=("local", "cloudflare_pages")),
        Plan("pro", 29_000, sites=10, pages_per_site=50, storage_bytes=10 * GB,
             custom_domains=5, ai_credits=1_500, dev_workspaces=1,
             publish_providers=("local", "cloudflare_pages", "vercel")),
        Plan("business", 99_000, sites=50, pages_per_site=50,
             storage_bytes=50 * GB, custom_domains=30, ai_credits=6_000, dev_workspaces=5,
             publish_providers=("local", "cloudflare_pages", "vercel")),
    )
}
ORDER = tuple(PLANS)


def storage_text(size: int) -> str:
    """100 MB, 1 GB, 10 GB: how a storage size is shown to people."""
    if size >= GB:
        return f"{size / GB:,.{0 if size % GB == 0 else 1}f} GB"
    return f"{size / MB:,.{0 if size % MB == 0 else 1}f} MB"


def get_plan(code: str) -> Plan:
    """The plan with ``code``; KeyError for an unknown one."""
    return PLANS[code]


def rank(code: str) -> int:
    return ORDER.index(code)

"""All models, importable from one place (Alembic reads ``Base.metadata`` through this)."""

from app.models.asset import Asset, Clipboard
from app.models.billing import CreditNote, DocumentCounter, Invoice, InvoiceLine, Subscription
from app.models.page import Page, PageOp, PageRevision
from app.models.publishing import Deployment, FormSubmission, PublishTarget
from app.models.site import Site, SiteMember
from app.models.support import ChatMessage, SupportEvent, SupportSession
from app.models.theme import Theme, ThemeVersion
from app.models.user import ROLES, User, UserRole, UserSession

__all__ = [
    "ROLES",
    "Asset",
    "ChatMessage",
    "Clipboard",
    "CreditNote",
    "DocumentCounter",
    "Invoice",
    "InvoiceLine",
    "Subscription",
    "Deployment",
    "FormSubmission",
    "PublishTarget",
    "Page",
    "PageOp",
    "PageRevision",
    "Site",
    "SiteMember",
    "SupportEvent",
    "SupportSession",
    "Theme",
    "ThemeVersion",
    "User",
    "UserRole",
    "UserSession",
]

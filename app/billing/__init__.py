"""Billing: plans and their limits, subscriptions, invoices (receipts), credit notes, PDFs.

See docs/billing.md. Operations flush and never commit; views, jobs and the CLI commit.
"""

"""What operations raise when a request cannot be carried out."""

from __future__ import annotations


class Refused(Exception):
    """A user-correctable refusal: ``field`` (or None for the whole form) and a translated
    message saying what was wrong and what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

"""Support sessions: consent, time box, chat and audit for an agent editing beside an owner."""

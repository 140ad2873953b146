"""The theme store: designers upload theme packages, the validator job checks them, admins
review them, owners pick approved ones. See ``docs/themes.md``."""

"""What visitors send through the contact and reservation forms of published sites."""

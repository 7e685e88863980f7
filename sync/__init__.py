"""Terminal-side sync with the CRM, and the wire format both sides share."""

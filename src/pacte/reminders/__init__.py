"""E-mail reminders: a weekly digest of what is due, and alerts N days before a deadline."""

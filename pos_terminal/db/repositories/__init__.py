"""Repositories: each wraps one session and returns frozen domain values."""

"""Offline-first point-of-sale terminal with loyalty."""

__version__ = "0.1.0"

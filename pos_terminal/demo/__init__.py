"""Deterministic demo and benchmark data: Polish customers and a restaurant menu."""

"""Benchmarks: `python -m bench NAME [options]`, one printed line per figure."""

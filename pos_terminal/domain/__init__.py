"""The terminal's business rules: pure Python, standard library only, no I/O and no clock.

Everything here is a frozen value or a deterministic function of its inputs, so the same
rules run in the terminal, in tests and in benchmarks, and give the same answer.
"""

"""Deterministic demo and benchmark data, the same for the terminal and the CRM.

Polish customers (`people`), a restaurant menu (`menu`), and the loyalty programme that goes
with them (`programme`): groups and their discounts, manual discounts, cashback rules and
vouchers. Built from `loyalty` values only, so both programs load exactly the same data.
"""

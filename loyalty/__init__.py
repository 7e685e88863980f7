"""The loyalty programme's rules, shared by the terminal and the CRM.

Money and its one rounding, customers and their cards and groups (NIP, phone, e-mail, the
group reference slug, card-code equivalence across reader formats), discounts, vouchers,
cashback rules and tenders. Pure Python: the standard library only, no I/O and no clock, so
both programs validate the same input the same way and give the same answer.
"""

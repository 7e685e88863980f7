"""The CRM's HTTP API: FastAPI routers over `crm.services`, with no business logic here.

Routers translate JSON to a use-case call and its result back to JSON; errors become 4xx
answers that name the field and the reason (`errors.py`); who is calling comes from the
bearer token (`deps.py`).
"""

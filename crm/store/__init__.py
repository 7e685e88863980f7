"""The CRM's storage: its engine, its SQLAlchemy models and its own Alembic chain.

Only `crm.services` uses it; the routers never see a session or a row.
"""

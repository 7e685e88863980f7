"""The central CRM service that a chain of terminals syncs with.

So far it answers whether it can serve (`/healthz`, `/readyz`), which is what a terminal's
status strip shows as online or offline. It never imports `pos_terminal`.
"""

__version__ = "0.1.0"

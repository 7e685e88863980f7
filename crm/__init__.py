"""The central CRM service that a chain of terminals syncs with.

It arrives with its own issue; the package exists now so the architecture contract that it
never imports `pos_terminal` holds from the first line written here.
"""

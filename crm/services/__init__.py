"""The CRM's use-cases: each public method is one transaction (`Database.write`/`read`).

Routers and the command line call these and nothing below them. Every rule a terminal also
applies comes from `loyalty`, so the CRM refuses exactly what a terminal would refuse.
"""

"""`python -m crm …`: see `crm.cli`."""

from crm.cli import main

raise SystemExit(main())

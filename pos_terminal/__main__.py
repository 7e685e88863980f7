"""`python -m pos_terminal`: start the terminal."""

import sys

from pos_terminal.app import main

sys.exit(main())

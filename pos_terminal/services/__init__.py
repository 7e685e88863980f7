"""Use-cases of the terminal over the local store. No Qt, no HTTP: callers run them off the
GUI thread, each inside one unit of work, and get frozen domain values back."""

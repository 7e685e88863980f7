"""One router per area; each holds its request and answer schemas and calls one service."""

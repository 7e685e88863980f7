"""A Posnet Online printer for the tests, written from the specification (POT-I-DEV-37):
a pure model (`model.PosnetModel`) behind a TCP port and a pty (`servers`), with faults
(`faults.Faults`). It shares no code with the driver under test except the Mazovia codec."""

"""Thermal receipt printers (ESC/POS) and the cash drawer behind them.

`spec` reads the printer setting (`usb:/dev/usb/lp0`, `tcp:192.168.1.50:9100`,
`serial:/dev/ttyUSB0?baud=19200`), `connection` opens one with python-escpos and asks it
how it is, `queue` prints on a thread of its own with retries, `probe` lists what is
plugged in, `status` holds the plain values the screen may show. Nothing here imports Qt or
the rest of the project: a job is bytes, rendered by the terminal (`pos_terminal.printing`).
See docs/printers.md.
"""

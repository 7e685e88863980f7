"""Fiscal printers (Polish law): the `FiscalDevice` port and a Posnet Online driver.

Pure Python, no Qt. The port (`port`) is what the terminal calls; `posnet` drives a Posnet
Online device over a transport (`transport`: TCP, serial or USB-CDC) with the frame codec
(`frame`, `charmap`). Failures are `errors.FiscalError` with a stable reason key and a
message in English or Polish (`messages`). See ../shared/reference/fiscal-notes.md.
"""

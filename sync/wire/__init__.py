"""What the terminal and the CRM say to each other; both import this package and nothing
of each other (`ops` the op classes, `legacy` their first versions, `envelope` an op in
flight and its answer, `codec` the JSON forms, `money` amounts)."""

from sync.wire.money import WireError, decode_amount, encode_amount, loads

__all__ = ["WireError", "decode_amount", "encode_amount", "loads"]

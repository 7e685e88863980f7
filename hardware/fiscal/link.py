"""One Posnet command and its answer, with tokens: the layer that makes a lost reply safe.

Every command carries a token (@NNNN). The answer is the reply that carries the same
token; anything else on the line (a late reply to an earlier command, noise) is dropped.
When no answer comes in time, or it arrives damaged, a command that changes the device is
never simply sent again: the link asks `rpt @NNNN`, and the device replays the answer it
gave (it keeps the last 32). Only when the device says it never saw that token (ERR 13),
or refused the frame outright (an ERR frame: it did not run it), may the command be sent
again — and the caller says whether it may (the close of a receipt never is).

Tokens 9000–9999 are the link's own, for reads; a receipt's come from its token base and
stay in 0000–8999 (`receipt_token`), so a replay never finds a read's answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from hardware.fiscal.errors import DeviceRefused, DeviceUnreachable
from hardware.fiscal.frame import (
    ERR,
    FrameError,
    FrameReader,
    Reply,
    Value,
    decode_reply,
    encode_request,
)
from hardware.fiscal.transport import Transport

log = logging.getLogger(__name__)

RECEIPT_TOKENS = 9000
READ_TOKENS = range(9000, 10_000)
TOKEN_UNKNOWN = 13  # ERR 13: no command with that token (rpt)


def receipt_token(base: int, index: int) -> int:
    return (base + index) % RECEIPT_TOKENS


class PosnetLink:
    def __init__(self, transport: Transport, *, encoding: str = "cp1250") -> None:
        self.transport, self.encoding = transport, encoding
        self._reader = FrameReader()
        self._next_read = 0

    def read_token(self) -> int:
        self._next_read = (self._next_read + 1) % len(READ_TOKENS)
        return READ_TOKENS[self._next_read]

    def query(self, command: str, *, timeout: float, tries: int = 2) -> Reply:
        """A read: changes nothing, so a lost answer is simply asked for again."""
        for attempt in range(tries):
            token = self.read_token()
            self._send(command, (), token)
            reply = self._await(command, token, timeout)
            if reply is not None and not (reply.frame_error and attempt + 1 < tries):
                return self._checked(reply, command)
        raise DeviceUnreachable(command=command)

    def execute(
        self,
        command: str,
        fields: Sequence[tuple[str, Value]],
        *,
        token: int,
        timeout: float,
        may_resend: bool = True,
    ) -> Reply:
        """A command that changes the device: its answer, replayed by `rpt` if lost.

        Raises DeviceRefused for an error answer, DeviceUnreachable when neither the answer
        nor its replay came; with `may_resend` false, an ERR 13 from rpt (never seen) is
        raised as DeviceRefused("token_unknown") instead of sending again."""
        for attempt in range(2):
            self._send(command, fields, token)
            reply = self._await(command, token, timeout)
            if reply is None:
                log.info("%s @%04d: no answer, asking for a replay", command, token)
                reply = self._replay(command, token, timeout)
            # An ERR frame means the device did not run the command (bad CRC, or, from rpt,
            # a token it never saw): sending it again cannot register anything twice.
            if reply.frame_error and may_resend and attempt == 0:
                log.info("%s @%04d: not taken (ERR %s), sending again", command, token, reply.error)
                continue
            return self._checked(reply, command)
        raise AssertionError("unreachable: the second attempt always returns")

    def _replay(self, command: str, token: int, timeout: float) -> Reply:
        """The device's answer to `token` as `rpt` gives it: the original reply, or ERR 13."""
        for _attempt in range(2):
            self._send("rpt", (), token)
            reply = self._await(command, token, timeout)
            if reply is not None and (not reply.frame_error or reply.error == TOKEN_UNKNOWN):
                return reply
        raise DeviceUnreachable(command=command)

    def _checked(self, reply: Reply, command: str) -> Reply:
        if reply.error is not None:
            raise DeviceRefused.from_code(reply.error, command, frame=reply.frame_error)
        return reply

    def _send(self, command: str, fields: Sequence[tuple[str, Value]], token: int) -> None:
        self.transport.write(encode_request(command, fields, token=token, encoding=self.encoding))

    def _await(self, command: str, token: int, timeout: float) -> Reply | None:
        """The reply for `token` (or a token-less ERR, which answers the last frame), or None
        when nothing readable came in time."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            for frame in self._reader.feed(self.transport.read(left)):
                try:
                    reply = decode_reply(frame, encoding=self.encoding)
                except FrameError as error:
                    log.warning("%s @%04d: unreadable reply (%s)", command, token, error)
                    return None  # damaged: the caller asks for a replay
                if reply.token == token or (reply.token is None and reply.command == ERR):
                    return reply
                log.info("dropped a reply to %s @%s", reply.command, reply.token)
        return None

    def close(self) -> None:
        self.transport.close()

"""The serial frame parsers: pure byte-in, frames-out, never raising."""

from __future__ import annotations

from functools import reduce
from itertools import pairwise
from operator import xor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.framers import Frame, LineFramer, Rdm6300Framer, framer_for, rdm6300_frame
from loyalty.card_codes import normalise_code, rdm6300_payload_to_decimal

# The verified example (hardware-notes §1.1/§2.1): payload 100086F444, checksum 0x26.
EXAMPLE = bytes.fromhex("02 31 30 30 30 38 36 46 34 34 34 32 36 03")
EXAMPLE_CODE = "0008844356"
OTHER = rdm6300_frame("010063E9AE")  # checksum 0x25, printed 0006547886
OTHER_CODE = "0006547886"


def codes(frames: list[Frame]) -> list[str]:
    return [frame.code for frame in frames]


def verifies(raw: bytes) -> bool:
    """Independent check of an RDM6300 frame, as the arduino12 library does it."""
    if len(raw) != 14 or raw[0] != 0x02 or raw[-1] != 0x03:
        return False
    data = bytes.fromhex(raw[1:13].decode("ascii"))
    return reduce(xor, data) == 0


# --- RDM6300 ----------------------------------------------------------------------------


def test_the_verified_example_frame_gives_the_number_printed_on_the_card() -> None:
    assert rdm6300_frame("100086F444") == EXAMPLE
    assert Rdm6300Framer().feed(EXAMPLE) == [Frame(EXAMPLE_CODE, EXAMPLE)]
    assert Rdm6300Framer().feed(OTHER) == [Frame(OTHER_CODE, OTHER)]


def test_a_frame_fed_byte_by_byte_is_found_once_complete() -> None:
    framer = Rdm6300Framer()
    found = [framer.feed(EXAMPLE[i : i + 1]) for i in range(len(EXAMPLE))]
    assert found[:-1] == [[]] * (len(EXAMPLE) - 1)
    assert codes(found[-1]) == [EXAMPLE_CODE]


def test_two_frames_in_one_feed() -> None:
    assert codes(Rdm6300Framer().feed(EXAMPLE + OTHER)) == [EXAMPLE_CODE, OTHER_CODE]


def test_lower_case_hex_is_accepted() -> None:
    frame = b"\x02" + EXAMPLE[1:13].lower() + b"\x03"
    assert codes(Rdm6300Framer().feed(frame)) == [EXAMPLE_CODE]


@pytest.mark.parametrize(
    "bad",
    [
        EXAMPLE[:11] + b"27" + EXAMPLE[13:],  # bad checksum
        EXAMPLE[:5] + b"G" + EXAMPLE[6:],  # not hex
        EXAMPLE[:5] + b" " + EXAMPLE[6:],  # bytes.fromhex would skip the space
        EXAMPLE[:12] + b"\x03",  # one character short
        EXAMPLE[:13] + b"6\x03",  # one character too many
        EXAMPLE[:13] + b"\x04",  # wrong end byte
    ],
)
def test_damaged_frames_are_rejected(bad: bytes) -> None:
    framer = Rdm6300Framer()
    assert framer.feed(bad) == []
    assert codes(framer.feed(EXAMPLE)) == [EXAMPLE_CODE]  # and the next good frame still counts


def test_garbage_before_and_between_frames_is_skipped() -> None:
    noise = b"\x00\xff\x03junk\x02\x02\x0212"  # includes false starts (STX not followed by a frame)
    stream = noise + EXAMPLE + noise + EXAMPLE[:7] + OTHER + noise
    assert codes(Rdm6300Framer().feed(stream)) == [EXAMPLE_CODE, OTHER_CODE]


def test_noise_never_grows_the_buffer() -> None:
    framer = Rdm6300Framer(buffer_cap=32)
    for _ in range(100):
        assert framer.feed(b"\x02" + b"A" * 300) == []
    assert codes(framer.feed(EXAMPLE)) == [EXAMPLE_CODE]


def test_reset_forgets_a_half_frame() -> None:
    framer = Rdm6300Framer()
    framer.feed(EXAMPLE[:8])
    framer.reset()
    assert framer.feed(EXAMPLE[8:]) == []


# --- Line --------------------------------------------------------------------------------


def test_lines_end_with_cr_lf_or_crlf() -> None:
    frames = LineFramer().feed(b"0006547886\r0008844356\n099,59822\r\n 0063e9ae \n")
    assert codes(frames) == ["0006547886", "0008844356", "099,59822", "0063E9AE"]
    assert [frame.raw for frame in frames][-1] == b" 0063e9ae "


def test_empty_and_refused_lines_are_ignored() -> None:
    framer = LineFramer()
    assert framer.feed(b"\r\n\n\r   \t\r\nHA&&\xc3\xa9\n\xff\xfe\n12,34,56\n") == []
    assert codes(framer.feed(b"\x020006547886\x03\r\n")) == ["0006547886"]  # STX/ETX framed


def test_a_line_split_across_feeds_is_reassembled() -> None:
    framer = LineFramer()
    assert framer.feed(b"0006") == []
    assert framer.feed(b"5478") == []
    assert codes(framer.feed(b"86\r")) == ["0006547886"]
    assert framer.feed(b"\n") == []  # the LF of a CRLF split off: an empty line


def test_over_long_lines_are_dropped_whole() -> None:
    framer = LineFramer(max_length=10)
    assert codes(framer.feed(b"0006547886\n")) == ["0006547886"]  # exactly the limit
    assert framer.feed(b"12345678901\n") == []
    # A long line arriving in pieces is dropped up to its end, never cut into a false code.
    assert framer.feed(b"123456") == []
    assert framer.feed(b"7890123456") == []
    assert framer.feed(b"789") == []
    assert codes(framer.feed(b"\n0008844356\n")) == ["0008844356"]


def test_line_framer_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="max_length"):
        LineFramer(max_length=0)


# --- factory -----------------------------------------------------------------------------


def test_framer_for_knows_the_configured_names() -> None:
    assert isinstance(framer_for("rdm6300"), Rdm6300Framer)
    assert isinstance(framer_for("line"), LineFramer)
    assert framer_for("rdm6300") is not framer_for("rdm6300")  # a fresh parser each time
    with pytest.raises(ValueError, match="unknown serial frame format 'wiegand'"):
        framer_for("wiegand")


def test_rdm6300_frame_refuses_bad_payloads() -> None:
    with pytest.raises(ValueError, match="10 hex"):
        rdm6300_frame("XYZ")


# --- properties --------------------------------------------------------------------------

payloads = st.integers(min_value=0, max_value=(1 << 40) - 1).map(lambda n: f"{n:010X}")
noise_without_stx = st.binary(max_size=40).map(lambda b: b.replace(b"\x02", b""))


def chop(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    bounds = [0, *points, len(data)]
    return [data[a:b] for a, b in pairwise(bounds)]


def feed_all(framer: Rdm6300Framer | LineFramer, chunks: list[bytes]) -> list[Frame]:
    return [frame for chunk in chunks for frame in framer.feed(chunk)]


@given(st.lists(st.binary(max_size=64), max_size=20))
def test_rdm6300_random_bytes_never_raise_and_every_frame_verifies(chunks: list[bytes]) -> None:
    stream = b"".join(chunks)
    for frame in feed_all(Rdm6300Framer(), chunks):
        assert verifies(frame.raw)
        assert frame.raw in stream
        assert frame.code == rdm6300_payload_to_decimal(frame.raw[1:11].decode())


@given(st.lists(st.binary(max_size=64), max_size=20))
def test_line_random_bytes_never_raise_and_codes_are_normalised(chunks: list[bytes]) -> None:
    for frame in feed_all(LineFramer(max_length=16), chunks):
        assert normalise_code(frame.code) == frame.code
        assert 0 < len(frame.raw) <= 16
        assert b"\r" not in frame.raw and b"\n" not in frame.raw


@given(payloads, st.lists(st.integers(min_value=0, max_value=200), max_size=20))
def test_valid_frames_chopped_anywhere_reassemble(payload: str, cuts: list[int]) -> None:
    frame = rdm6300_frame(payload)
    stream = frame * 3
    expected = [rdm6300_payload_to_decimal(payload)] * 3
    assert codes(feed_all(Rdm6300Framer(), chop(stream, cuts))) == expected
    line = payload.encode() + b"\r\n"
    assert codes(feed_all(LineFramer(), chop(line * 3, cuts))) == [payload] * 3


@given(st.lists(st.tuples(noise_without_stx, payloads), max_size=5), noise_without_stx)
def test_noise_without_stx_between_frames_changes_nothing(
    parts: list[tuple[bytes, str]], tail: bytes
) -> None:
    stream = b"".join(noise + rdm6300_frame(payload) for noise, payload in parts) + tail
    expected = [rdm6300_payload_to_decimal(payload) for _, payload in parts]
    assert codes(Rdm6300Framer().feed(stream)) == expected


@given(st.binary(max_size=80), payloads, st.binary(max_size=40), st.lists(st.integers(0, 200)))
def test_any_noise_before_a_frame_cannot_hide_it(
    noise: bytes, payload: str, after: bytes, cuts: list[int]
) -> None:
    # A false start in the noise spans the real STX, which is neither hex nor ETX, so it is
    # rejected and parsing resumes in time for the real frame (noise may hold frames itself).
    stream = noise + rdm6300_frame(payload) + after
    found = codes(feed_all(Rdm6300Framer(), chop(stream, cuts)))
    assert rdm6300_payload_to_decimal(payload) in found

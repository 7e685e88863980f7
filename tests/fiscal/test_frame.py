"""The Posnet frame codec against the specification's own examples and our own vectors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.fiscal import charmap
from hardware.fiscal.frame import (
    FrameError,
    FrameReader,
    amount,
    clean,
    crc,
    decode_reply,
    encode_request,
)
from tests.fiscal.emulator import wire


def test_the_specifications_crc_examples() -> None:
    assert crc(b"trinit\tbm0\t") == "4825"  # POT-I-DEV-37, "Przykład obliczania sumy"
    assert crc(b"123456789") == "31C3"  # the check value the specification gives


def test_the_specifications_trinit_frame() -> None:
    assert encode_request("trinit", [("bm", 0)]) == b"\x02trinit\tbm0\t#4825\x03"


@given(st.binary(max_size=300))
def test_crc_agrees_with_the_emulators_bitwise_crc(data: bytes) -> None:
    assert crc(data) == f"{wire.crc16(data):04X}"


def test_a_token_follows_the_command() -> None:
    frame = encode_request("rpt", token=8765)
    assert frame.startswith(b"\x02rpt\t@8765\t#")
    assert wire.parse_request(frame, "cp1250").token == "8765"


def test_polish_text_goes_in_cp1250_and_the_crc_covers_its_bytes() -> None:
    frame = encode_request("trline", [("na", "Żurek"), ("vt", 2), ("pr", amount(1800))])
    body = frame[1 : frame.rindex(b"#")]
    assert "Żurek".encode("cp1250") in body
    assert frame[-5:-1] == crc(body).encode()
    assert wire.parse_request(frame, "cp1250").fields["na"] == "Żurek"


def test_mazovia_has_the_polish_letters_where_the_code_page_puts_them() -> None:
    small = "Zażółć gęślą jaźń".encode("mazovia")
    assert small == bytes.fromhex("5A61A7A2928D2067919E6C86206A61A6A4")
    assert "ĄĆĘŁŃÓŚŹŻ".encode(charmap.NAME) == bytes.fromhex("8F95909CA5A398A0A1")
    assert bytes.fromhex("8F95909CA5A398A0A1").decode("mazovia") == "ĄĆĘŁŃÓŚŹŻ"
    assert "┌─┐".encode("mazovia") == bytes.fromhex("C9CDBB")  # the spec's table codes


def test_a_letter_a_code_page_lacks_loses_its_accent_not_the_receipt() -> None:
    with pytest.raises(UnicodeEncodeError):
        "Crème brûlée".encode("mazovia")
    assert charmap.encode_text("Crème brûlée €", "mazovia") == b"Creme brulee ?"
    frame = encode_request("trline", [("na", "Crème żółta")], encoding="mazovia")
    assert b"Creme \xa7\xa2\x92ta" in frame


def test_clean_takes_out_what_would_end_a_field_or_the_frame() -> None:
    assert clean("Stolik\t#5\x03  zupa\r\n", 80) == "Stolik 5 zupa"
    assert clean("a" * 100, 80) == "a" * 80


def test_a_field_that_would_break_the_frame_is_refused_not_sent() -> None:
    for bad in ("a\tb", "nr #5", "\x03"):
        with pytest.raises(ValueError):
            encode_request("trline", [("na", bad)])
    with pytest.raises(ValueError):
        amount(12.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        amount(-1)


def test_replies_ok_error_and_frame_error() -> None:
    ok = decode_reply(wire.build("scnt", [("bn", "7"), ("bt", "42")], "9001", "cp1250"))
    assert (ok.command, ok.token, ok.number("bn"), ok.error) == ("scnt", 9001, 7, None)
    refused = decode_reply(wire.error("trend", 2008, "0100", "cp1250"))
    assert (refused.command, refused.error, refused.frame_error) == ("trend", 2008, False)
    # The specification's rpt example: "ERR @8765 er13 cmrpt".
    lost = decode_reply(wire.build("ERR", [("er", "13"), ("cm", "rpt")], "8765", "ascii"))
    assert (lost.error, lost.frame_error, lost.get("cm")) == (13, True, "rpt")


def test_a_reply_with_a_bad_crc_is_refused() -> None:
    frame = bytearray(wire.build("scnt", [("bn", "7")], None, "cp1250"))
    frame[-2] ^= 1
    with pytest.raises(FrameError):
        decode_reply(bytes(frame))


def test_the_reader_cuts_frames_out_of_a_noisy_stream_in_any_chunks() -> None:
    one = wire.build("scnt", [("bn", "1")], "9001", "cp1250")
    two = wire.error("trline", 2000, "0002", "cp1250")
    stream = b"\x00noise" + one + b"\xff" + two
    reader = FrameReader()
    frames = []
    for i in range(len(stream)):
        frames += reader.feed(stream[i : i + 1])
    assert frames == [one, two]

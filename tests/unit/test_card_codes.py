"""Card codes: normalising what readers type, and matching one card across reader formats.

The figures come from hardware-notes §1.1 ("Verified on this machine").
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty.card_codes import (
    CardKeys,
    MatchStrength,
    enrolment_keys,
    lookup_keys,
    match_strength,
    matches,
    normalise_code,
    rdm6300_payload_to_decimal,
    w26,
)

u32 = st.integers(min_value=0, max_value=2**32 - 1)


def reversed_hex(value: int) -> str:
    return value.to_bytes(4, "little").hex().upper()


# --- the verified figures --------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "ten_digit", "w26_form"),
    [("100086F444", "0008844356", "134,62532"), ("010063E9AE", "0006547886", "099,59822")],
)
def test_rdm6300_payload_figures(payload: str, ten_digit: str, w26_form: str) -> None:
    assert rdm6300_payload_to_decimal(payload) == ten_digit
    assert rdm6300_payload_to_decimal(payload.lower()) == ten_digit
    assert w26(int(ten_digit)) == w26_form


def test_sintronic_eight_digit_figure() -> None:
    assert w26(13961168) == "213,02000"
    enrolled = enrolment_keys("0013961168")
    assert matches(enrolled, lookup_keys("21302000"))
    assert matches(enrolled, lookup_keys("213 02000"))
    assert matches(enrolled, lookup_keys("213,02000"))


def test_mifare_uid_little_endian_figure() -> None:
    assert 3220338716 in lookup_keys("1c78f2bf").key32
    enrolled = enrolment_keys("3220338716")
    for read in ("1c78f2bf", "1C:78:F2:BF", "BFF2781C"):
        assert match_strength(enrolled, lookup_keys(read)) is MatchStrength.KEY32


# --- normalising -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0006547886\r\n", "0006547886"),
        ("\t0006547886\t", "0006547886"),
        (";0006547886?", "0006547886"),
        ("\x07 ;0006547886?\n", "0006547886"),
        ("\x0200-63-e9-ae\x03", "0063E9AE"),
        ("04:a2:2b:9c:11:44:80", "04A22B9C114480"),
        ("099, 59822", "099,59822"),
        ("99,59822", "099,59822"),
        ("213 02000", "21302000"),
        ("\u00a00001234567", "0001234567"),
    ],
)
def test_normalise_code(typed: str, code: str) -> None:
    assert normalise_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "is empty once separators are removed"),
        (" \r\n", "is empty once separators are removed"),
        (";-:?", "is empty once separators are removed"),
        ("12#34", r"characters other than 0-9, A-Z and ',': '#'"),
        ("12?", r"characters other than 0-9, A-Z and ',': '\?'"),
        ("١٢٣", "characters other than 0-9, A-Z"),
        ("ąbc", "characters other than 0-9, A-Z and ',': 'ą'"),
        ("0004372425,0042,44873", "a comma is allowed only in the W26 form FFF,CCCCC"),
        ("1234,56789", "a comma is allowed only in the W26 form FFF,CCCCC"),
    ],
)
def test_bad_codes_are_refused_clearly(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_code(typed)
    with pytest.raises(ValueError, match=message):
        lookup_keys(typed)
    with pytest.raises(ValueError, match=message):
        enrolment_keys(typed)


def test_a_long_burst_is_shortened_in_the_message() -> None:
    with pytest.raises(ValueError, match="…'") as caught:
        normalise_code("#" * 500)
    assert len(str(caught.value)) < 120


def test_helpers_refuse_bad_input() -> None:
    with pytest.raises(ValueError, match="must be 10 hex characters"):
        rdm6300_payload_to_decimal("0063E9AE")
    with pytest.raises(ValueError, match="must be 10 hex characters"):
        rdm6300_payload_to_decimal("01GG63E9AE")
    for bad in (-1, 2**32):
        with pytest.raises(ValueError, match="does not fit in 32 bits"):
            w26(bad)
    with pytest.raises(ValueError, match="key24 values must fit in 24 bits"):
        CardKeys("X", key24=frozenset({2**24}))


def test_card_keys_are_frozen() -> None:
    keys = lookup_keys("0006547886")
    with pytest.raises(dataclasses.FrozenInstanceError):
        keys.code = "other"  # type: ignore[misc]


# --- interpretations -------------------------------------------------------------------


def test_lookup_of_each_form() -> None:
    assert lookup_keys("0006547886") == CardKeys(
        "0006547886",
        frozenset({6547886, 0x06547886}),  # a digits-only RDM6300 payload reads the same
        frozenset({6547886, 0x547886}),
    )
    assert lookup_keys("099,59822").key32 == frozenset()
    assert lookup_keys("099,59822").key24 == {0x63E9AE}
    eight = lookup_keys("09959822")
    assert 0x63E9AE in eight.key24
    assert {0x09959822, 0x22989509, 9959822} <= eight.key32
    assert lookup_keys("0063e9ae").key32 == {0x0063E9AE, 0xAEE96300}
    assert lookup_keys("010063E9AE").key32 == {0x0063E9AE}
    assert lookup_keys("0004301515182").key32 == {0x0063E9AE}


@pytest.mark.parametrize("code", ["04A22B9C114480", "HELLO", "123", "9999999999999", "999,99999"])
def test_unknown_forms_have_no_keys(code: str) -> None:
    keys = lookup_keys(code)
    assert (keys.key32, keys.key24) == (frozenset(), frozenset())
    assert matches(enrolment_keys(code), keys)  # still matched by code
    assert not matches(enrolment_keys(code), lookup_keys("0006547886"))


def test_eight_digits_outside_w26_range_enrol_as_hex() -> None:
    assert enrolment_keys("99912345") == CardKeys(
        "99912345", frozenset({0x99912345}), frozenset({0x912345})
    )


@pytest.mark.parametrize(
    ("typed", "key32", "key24"),
    [
        ("0006547886", {0x0063E9AE}, {0x63E9AE}),
        ("0063E9AE", {0x0063E9AE}, {0x63E9AE}),
        ("AEE96300", {0xAEE96300}, {0xE96300}),
        ("010063E9AE", {0x0063E9AE}, {0x63E9AE}),
        ("0004301515182", {0x0063E9AE}, {0x63E9AE}),
        ("099,59822", set(), {0x63E9AE}),
        ("09959822", set(), {0x63E9AE}),
        ("04:A2:2B:9C:11:44:80", set(), set()),
    ],
)
def test_enrolment_is_one_interpretation(typed: str, key32: set[int], key24: set[int]) -> None:
    keys = enrolment_keys(typed)
    assert keys.key32 == key32
    assert keys.key24 == key24


# --- cross-form matches ----------------------------------------------------------------

SAME_CARD_READS = [
    ("0006547886", MatchStrength.CODE),
    ("0063E9AE", MatchStrength.KEY32),
    ("AEE96300", MatchStrength.KEY32),
    ("010063E9AE", MatchStrength.KEY32),
    ("FF0063E9AE", MatchStrength.KEY32),
    ("0004301515182", MatchStrength.KEY32),
    ("099,59822", MatchStrength.KEY24),
    ("09959822", MatchStrength.KEY24),
    ("6547886", MatchStrength.KEY32),  # the 10-digit form with its leading zeros dropped
]


@pytest.mark.parametrize(("read", "strength"), SAME_CARD_READS)
def test_ten_digit_enrolment_matches_every_form(read: str, strength: MatchStrength) -> None:
    assert match_strength(enrolment_keys("0006547886"), lookup_keys(read)) is strength


@pytest.mark.parametrize("enrolled_as", ["0063E9AE", "010063E9AE", "0004301515182"])
@pytest.mark.parametrize(("read", "_strength"), SAME_CARD_READS)
def test_other_32_bit_enrolments_match_every_form(
    enrolled_as: str, read: str, _strength: MatchStrength
) -> None:
    assert matches(enrolment_keys(enrolled_as), lookup_keys(read))


@pytest.mark.parametrize("enrolled_as", ["099,59822", "09959822"])
@pytest.mark.parametrize(("read", "_strength"), SAME_CARD_READS)
def test_w26_enrolment_matches_every_form(
    enrolled_as: str, read: str, _strength: MatchStrength
) -> None:
    assert matches(enrolment_keys(enrolled_as), lookup_keys(read))


def test_reversed_hex_enrolment_matches_hex_reads_only() -> None:
    enrolled = enrolment_keys("AEE96300")
    assert matches(enrolled, lookup_keys("AEE96300"))
    assert matches(enrolled, lookup_keys("0063E9AE"))
    assert not matches(enrolled, lookup_keys("0006547886"))
    assert not matches(enrolled, lookup_keys("010063E9AE"))


# --- non-matches -----------------------------------------------------------------------

OTHER_CARD_READS = [
    *("0008844356", "0086F444", "44F48600", "100086F444", "134,62532", "13462532"),
    "8844356",
]


@pytest.mark.parametrize(
    ("enrolled_as", "read"),
    [("0123456789", "123456789"), ("0006547886", "6547886"), ("0000654788", "654788")],
)
def test_a_decimal_read_whose_leading_zeros_the_reader_dropped_finds_the_card(
    enrolled_as: str, read: str
) -> None:
    """Some 10-digit readers do not pad: 9, 7 or 6 digits are the same number."""
    assert match_strength(enrolment_keys(enrolled_as), lookup_keys(read)) is MatchStrength.KEY32


@pytest.mark.parametrize("enrolled_as", ["0006547886", "0063E9AE", "010063E9AE", "099,59822"])
@pytest.mark.parametrize("read", OTHER_CARD_READS)
def test_different_cards_do_not_match(enrolled_as: str, read: str) -> None:
    assert not matches(enrolment_keys(enrolled_as), lookup_keys(read))


def test_w26_enrolment_against_32_bit_cards() -> None:
    enrolled = enrolment_keys("099,59822")
    # Different low 24 bits: no match, in any form.
    assert not matches(enrolled, lookup_keys("0016777216"))  # 0x01000000
    assert not matches(enrolled, lookup_keys("0163E9AF"))
    # Same low 24 bits, other top byte: W26 cannot tell these apart, so only a weak match.
    assert match_strength(enrolled, lookup_keys(f"{0x2A63E9AE:010d}")) is MatchStrength.KEY24
    # A full 32-bit enrolment of that other card wins over the W26 one.
    other = enrolment_keys(f"{0x2A63E9AE:010d}")
    assert match_strength(other, lookup_keys("2A63E9AE")) is MatchStrength.KEY32


# --- properties ------------------------------------------------------------------------


@given(value=u32, version=st.integers(min_value=0, max_value=255))
def test_ten_digit_enrolment_matches_all_forms_of_the_same_number(value: int, version: int) -> None:
    enrolled = enrolment_keys(f"{value:010d}")
    assert enrolled.key32 == {value}
    for read in (
        f"{value:08X}",
        f"{value:08x}",
        reversed_hex(value),
        f"{version:02X}{value:08X}",
        w26(value),
        w26(value).replace(",", ""),
        f"{(version << 32) | value:013d}",
    ):
        assert matches(enrolled, lookup_keys(read)), read


@given(value=u32, version=st.integers(min_value=0, max_value=255))
def test_rdm6300_helper_gives_the_ten_digit_form(value: int, version: int) -> None:
    assert rdm6300_payload_to_decimal(f"{version:02x}{value:08x}") == f"{value:010d}"


@given(
    typed=st.one_of(
        u32.map(lambda v: f"{v:010d}"),
        u32.map(lambda v: f"{v:08X}"),
        u32.map(reversed_hex),
        u32.map(w26),
        u32.map(lambda v: w26(v).replace(",", "")),
        st.integers(min_value=0, max_value=2**40 - 1).map(lambda v: f"{v:010X}"),
        st.integers(min_value=0, max_value=2**40 - 1).map(lambda v: f"{v:013d}"),
        st.binary(min_size=1, max_size=10).map(lambda b: b.hex(":")),
    )
)
def test_enrolment_is_among_the_lookup_interpretations(typed: str) -> None:
    enrolled, read = enrolment_keys(typed), lookup_keys(typed)
    assert enrolled.code == read.code == normalise_code(typed)
    assert enrolled.key32 <= read.key32
    assert enrolled.key24 <= read.key24
    assert match_strength(enrolled, read) is MatchStrength.CODE


@given(text=st.text())
def test_arbitrary_text_only_ever_raises_value_error(text: str) -> None:
    try:
        code = normalise_code(text)
    except ValueError:
        return
    assert code and all(c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ," for c in code)
    assert normalise_code(code) == code  # idempotent
    assert lookup_keys(text).code == enrolment_keys(text).code == code


@given(text=st.text(alphabet="0123456789abcdefABCDEF,:-; ?\t\r\n\x02\x03", max_size=24))
def test_reader_like_text_normalises_idempotently(text: str) -> None:
    try:
        code = normalise_code(text)
    except ValueError:
        return
    assert normalise_code(code) == code
    lookup_keys(code)
    enrolment_keys(code)


def test_eight_all_digit_characters_that_fit_w26_are_enrolled_as_w26() -> None:
    """Issue 11: `00123456` is taken for Wiegand-26 — decided and documented (module
    docstring): a W26 reader's every code has that shape, a HEX reader's 1 in 250."""
    w26 = (1 << 16) | 23456  # facility 001, card 23456
    assert enrolment_keys("00123456") == CardKeys("00123456", frozenset(), frozenset({w26}))
    # The W26 card: its other W26 form, and the 10-digit form of its 24-bit number, match.
    assert (
        match_strength(enrolment_keys("00123456"), lookup_keys("001,23456")) is MatchStrength.KEY24
    )
    assert matches(enrolment_keys("00123456"), lookup_keys(f"{w26:010d}"))
    # Had a HEX reader typed it (the card 0x00123456), other readers' forms of that card do
    # not find the W26 enrolment: the documented limit...
    assert not matches(enrolment_keys("00123456"), lookup_keys(f"{0x00123456:010d}"))
    # ...and the way round it: enrolled from the decimal printed on the card, every form
    # matches, the HEX reader's all-digit read included.
    printed = enrolment_keys(f"{0x00123456:010d}")
    assert match_strength(printed, lookup_keys("00123456")) is MatchStrength.KEY32
    assert match_strength(printed, lookup_keys("018,13398")) is MatchStrength.KEY24  # its W26
    assert match_strength(printed, lookup_keys("56341200")) is MatchStrength.KEY32  # LSB first

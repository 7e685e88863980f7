"""WedgeDecoder on synthetic key events: no device, no evdev needed (except the code check)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware import keymaps as k
from hardware.wedge import HEX_AND_COMMA, WedgeConfig, WedgeDecoder, decode_all, events_for

CARD = "0006547886"
FAST = 0.004  # the fastest reader measured: 4 ms per character
SLOW_READER = 0.016  # Sycreader: 16 ms per character

Event = tuple[int, int, float]


def press(code: int, t: float) -> list[Event]:
    return [(code, k.KEY_PRESS, t), (code, k.KEY_RELEASE, t + 0.001)]


def test_the_key_codes_are_those_of_the_kernel() -> None:
    ecodes = pytest.importorskip("evdev.ecodes")
    names = [n for n in dir(k) if n.startswith(("KEY_", "EV_"))]
    names = [n for n in names if n not in {"KEY_PRESS", "KEY_RELEASE", "KEY_AUTOREPEAT"}]
    assert len(names) > 80
    assert {n: getattr(k, n) for n in names} == {n: getattr(ecodes, n) for n in names}


def test_keymap_is_us_positions_and_keypad_digits_ignore_numlock() -> None:
    assert (k.KEY_1, k.KEY_0, k.KEY_A, k.KEY_ENTER, k.KEY_KPENTER) == (2, 11, 30, 28, 96)
    assert k.character(k.KEY_Q, shifted=False) == "q"  # "a" on AZERTY: positions, not layout
    assert k.character(k.KEY_Z, shifted=True) == "Z"
    assert k.character(k.KEY_2, shifted=True) == "@"
    assert k.character(k.KEY_SEMICOLON, shifted=False) == ";"
    assert k.character(k.KEY_SLASH, shifted=True) == "?"
    for digit, code in enumerate(k.KEYPAD_DIGIT_KEYS):
        assert k.character(code, shifted=False) == k.character(code, shifted=True) == str(digit)
    assert k.character(k.KEY_NUMLOCK, shifted=False) is None
    assert k.character(k.KEY_ENTER, shifted=False) is None


def test_a_fast_burst_ending_in_enter_is_one_frame() -> None:
    assert decode_all(events_for(CARD, start=100.0, gap=FAST)) == [CARD]
    assert decode_all(events_for(CARD, start=100.0, gap=SLOW_READER)) == [CARD]


def test_keypad_digits_and_keypad_enter() -> None:
    events = events_for(CARD, start=0.0, gap=FAST, keypad=True, terminator=k.KEY_KPENTER)
    assert {code for code, _, _ in events} <= {*k.KEYPAD_DIGIT_KEYS, k.KEY_KPENTER}
    assert decode_all(events) == [CARD]


def test_numlock_presses_change_nothing() -> None:
    events = press(k.KEY_NUMLOCK, 0.0) + events_for(CARD, start=0.01, gap=FAST, keypad=True)
    assert decode_all(events) == [CARD]


def test_tab_terminates() -> None:
    assert decode_all(events_for("213,02000", start=0.0, gap=FAST, terminator=k.KEY_TAB)) == [
        "213,02000"
    ]


def test_only_configured_terminators_end_a_frame() -> None:
    enter_only = WedgeConfig(terminators=frozenset({k.KEY_ENTER}))
    assert decode_all(events_for(CARD, start=0, gap=FAST, terminator=k.KEY_TAB), enter_only) == []


def test_shift_gives_capital_hex() -> None:
    events = [
        (k.KEY_LEFTSHIFT, k.KEY_PRESS, 0.000),
        (k.KEY_A, k.KEY_PRESS, 0.001),
        (k.KEY_A, k.KEY_RELEASE, 0.002),
        (k.KEY_LEFTSHIFT, k.KEY_RELEASE, 0.003),
        *press(k.KEY_B, 0.005),
        (k.KEY_RIGHTSHIFT, k.KEY_PRESS, 0.009),
        *press(k.KEY_C, 0.010),
        (k.KEY_RIGHTSHIFT, k.KEY_RELEASE, 0.012),
        *press(k.KEY_1, 0.015),
        *press(k.KEY_ENTER, 0.020),
    ]
    assert decode_all(events) == ["AbC1"]
    assert decode_all(events_for("0042B7C9", start=0, gap=FAST)) == ["0042B7C9"]


def test_shift_held_on_one_key_released_on_the_other_still_counts_as_held() -> None:
    decoder = WedgeDecoder()
    decoder.feed(k.KEY_LEFTSHIFT, k.KEY_PRESS, 0.0)
    decoder.feed(k.KEY_RIGHTSHIFT, k.KEY_PRESS, 0.001)
    decoder.feed(k.KEY_RIGHTSHIFT, k.KEY_RELEASE, 0.002)
    for i, code in enumerate((k.KEY_A, k.KEY_B, k.KEY_C, k.KEY_D)):
        decoder.feed(code, k.KEY_PRESS, 0.003 + i / 1000)
    assert decoder.feed(k.KEY_ENTER, k.KEY_PRESS, 0.01) == "ABCD"


def test_a_suffix_ends_the_frame_and_a_prefix_is_removed() -> None:
    suffixed = WedgeConfig(suffix="?", allowed=frozenset(string.digits))
    assert decode_all(events_for(CARD + "?", start=0, gap=FAST, terminator=None), suffixed) == [
        CARD
    ]
    # The Enter a reader may still send after the suffix makes no second frame.
    assert decode_all(events_for(CARD + "?", start=0, gap=FAST), suffixed) == [CARD]
    framed = WedgeConfig(prefix=";", suffix="?", allowed=frozenset(string.digits))
    assert decode_all(events_for(";" + CARD + "?", start=0, gap=FAST), framed) == [CARD]
    assert decode_all(events_for(CARD + "?", start=0, gap=FAST), framed) == []


def test_slow_typing_drops_what_came_before_the_gap() -> None:
    head = events_for("1234", start=0.0, gap=FAST, terminator=None)
    tail = events_for(CARD, start=0.0 + 4 * FAST + 0.25, gap=FAST)
    assert decode_all(head + tail) == [CARD]
    # A human at 180 ms per key stays under 0.2 s, a 250 ms typist never makes a frame.
    assert decode_all(events_for(CARD, start=0.0, gap=0.25)) == []


def test_the_gap_limit_is_configurable() -> None:
    events = events_for(CARD, start=0.0, gap=0.05)
    assert decode_all(events) == [CARD]
    assert decode_all(events, WedgeConfig(max_gap=0.03)) == []


def test_an_enter_after_a_long_pause_ends_nothing() -> None:
    events = events_for(CARD, start=0.0, gap=FAST, terminator=None)
    assert decode_all([*events, *press(k.KEY_ENTER, 5.0)]) == []


@pytest.mark.parametrize(
    ("text", "config"),
    [
        ("123", WedgeConfig()),  # under min_length 4
        ("1" * 65, WedgeConfig()),  # over max_length 64
        ("12345678", WedgeConfig(max_length=7)),
        ("0006-547886", WedgeConfig()),  # "-" is not whitelisted
        ("00065G7886", WedgeConfig()),
        ("ABCDEF", WedgeConfig(allowed=frozenset(string.digits))),
        ("", WedgeConfig()),
    ],
)
def test_refused_frames(text: str, config: WedgeConfig) -> None:
    assert decode_all(events_for(text, start=0.0, gap=FAST), config) == []


def test_the_bounds_are_inclusive() -> None:
    assert decode_all(events_for("1234", start=0, gap=FAST)) == ["1234"]
    assert decode_all(events_for("1" * 64, start=0, gap=FAST)) == ["1" * 64]


def test_an_overlong_burst_is_discarded_whole_and_the_next_frame_is_clean() -> None:
    events = events_for("9" * 200 + CARD, start=0.0, gap=FAST)
    events += events_for(CARD, start=events[-1][2] + 0.01, gap=FAST)
    assert decode_all(events) == [CARD]  # not the tail of the long burst


def test_autorepeat_and_releases_type_nothing() -> None:
    decoder = WedgeDecoder()
    t = 0.0
    for char in CARD:
        code = k.US_CHAR_KEYS[char][0]
        assert decoder.feed(code, k.KEY_PRESS, t) is None
        assert decoder.feed(code, k.KEY_AUTOREPEAT, t + 0.001) is None
        assert decoder.feed(code, k.KEY_AUTOREPEAT, t + 0.002) is None
        assert decoder.feed(code, k.KEY_RELEASE, t + 0.003) is None
        t += FAST
    assert decoder.feed(k.KEY_ENTER, k.KEY_AUTOREPEAT, t) is None
    assert decoder.feed(k.KEY_ENTER, k.KEY_RELEASE, t) is None
    assert decoder.feed(k.KEY_ENTER, k.KEY_PRESS, t) == CARD


def test_modifiers_and_function_keys_are_ignored() -> None:
    events = [
        *press(k.KEY_LEFTCTRL, 0.0),
        *press(183, 0.001),  # KEY_F13, a prefix some scanners send
        *events_for(CARD, start=0.002, gap=FAST),
    ]
    assert decode_all(events) == [CARD]


def test_reset_forgets_the_frame_and_held_shift() -> None:
    decoder = WedgeDecoder()
    decoder.feed(k.KEY_LEFTSHIFT, k.KEY_PRESS, 0.0)
    for i, code in enumerate((k.KEY_A, k.KEY_B)):
        decoder.feed(code, k.KEY_PRESS, 0.001 * i)
    decoder.reset()
    frames = [decoder.feed(c, v, t) for c, v, t in events_for("abcd", start=0.01, gap=FAST)]
    assert [frame for frame in frames if frame is not None] == ["abcd"]


def test_bad_configs_are_refused() -> None:
    with pytest.raises(ValueError, match="min_length"):
        WedgeConfig(min_length=0)
    with pytest.raises(ValueError, match="max_length"):
        WedgeConfig(min_length=5, max_length=4)
    with pytest.raises(ValueError, match="max_gap"):
        WedgeConfig(max_gap=float("nan"))
    with pytest.raises(ValueError, match="terminator"):
        WedgeConfig(terminators=frozenset())
    with pytest.raises(ValueError, match="cannot be typed"):
        WedgeConfig(suffix="\x03")


def test_events_for_refuses_untypeable_text() -> None:
    with pytest.raises(ValueError, match="cannot be typed"):
        events_for("ł", start=0, gap=FAST)


# --- properties ----------------------------------------------------------------------------

CODES = st.integers(min_value=-5, max_value=300)
VALUES = st.sampled_from([0, 1, 2, 1, 1, -1, 7])
TERMINATORS = {k.KEY_ENTER, k.KEY_KPENTER, k.KEY_TAB}


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-(2**40), max_value=2**40),
            st.integers(min_value=-(2**31), max_value=2**31),
            st.floats(allow_nan=True, allow_infinity=True),
        ),
        max_size=200,
    )
)
def test_any_event_sequence_never_raises(events: list[Event]) -> None:
    decoder = WedgeDecoder(WedgeConfig(suffix="?", min_length=1))
    for code, value, t in events:
        frame = decoder.feed(code, value, t)
        assert frame is None or isinstance(frame, str)


@st.composite
def noise(draw: st.DrawFn, *, terminators: bool) -> list[Event]:
    """Random key events in time order, at human or machine speed."""
    codes = CODES if terminators else CODES.filter(lambda c: c not in TERMINATORS)
    steps = draw(
        st.lists(st.tuples(codes, VALUES, st.floats(min_value=0.0, max_value=0.5)), max_size=120)
    )
    events, t = [], 0.0
    for code, value, step in steps:
        t += step
        events.append((code, value, t))
    return events


@settings(max_examples=300)
@given(noise(terminators=False))
def test_noise_without_a_terminator_never_yields_a_frame(events: list[Event]) -> None:
    assert decode_all(events) == []


# Codes as readers type them (10-digit, W26, 8 hex, reversed hex), case as Shift gives it.
VALID_CODES = st.one_of(
    st.integers(0, 2**32 - 1).map(lambda n: f"{n:010d}"),
    st.tuples(st.integers(0, 255), st.integers(0, 65535)).map(lambda p: f"{p[0]:03d},{p[1]:05d}"),
    st.integers(0, 2**32 - 1).map(lambda n: f"{n:08X}"),
    st.text(alphabet=sorted(HEX_AND_COMMA), min_size=4, max_size=64),
)


def typed(text: str, start: float, gaps: list[float]) -> list[Event]:
    """`text` + Enter with the given press-to-press gaps (one per key after the first)."""
    events: list[Event] = []
    t = start
    for i, char in enumerate(text + "\n"):
        if i:
            t += gaps[i - 1]
        if char == "\n":
            events += [(k.KEY_ENTER, k.KEY_PRESS, t), (k.KEY_ENTER, k.KEY_RELEASE, t)]
            continue
        code, shifted = k.US_CHAR_KEYS[char]
        hold = gaps[i] / 2 if i < len(gaps) else 0.0
        if shifted:
            events.append((k.KEY_RIGHTSHIFT, k.KEY_PRESS, t))
        events += [(code, k.KEY_PRESS, t), (code, k.KEY_RELEASE, t + hold)]
        if shifted:
            events.append((k.KEY_RIGHTSHIFT, k.KEY_RELEASE, t + hold))
    return events


@settings(max_examples=300)
@given(data=st.data(), code=VALID_CODES, max_gap=st.sampled_from([0.05, 0.1, 0.2, 0.5]))
def test_a_valid_code_typed_in_a_burst_is_exactly_one_frame(
    data: st.DataObject, code: str, max_gap: float
) -> None:
    gaps = data.draw(
        st.lists(
            st.floats(min_value=0.0, max_value=max_gap * 0.99),
            min_size=len(code),
            max_size=len(code),
        )
    )
    assert decode_all(typed(code, 1000.0, gaps), WedgeConfig(max_gap=max_gap)) == [code]


@settings(max_examples=300)
@given(
    data=st.data(),
    code=VALID_CODES,
    before=noise(terminators=True),
    pause=st.floats(min_value=0.21, max_value=60.0),
)
def test_a_burst_after_noise_and_a_pause_is_exactly_that_code(
    data: st.DataObject, code: str, before: list[Event], pause: float
) -> None:
    gaps = data.draw(
        st.lists(st.floats(min_value=0.0, max_value=0.19), min_size=len(code), max_size=len(code))
    )
    # The noise may leave a Shift key held; a real device releases it before the next code.
    end = before[-1][2] if before else 0.0
    released = [(shift, k.KEY_RELEASE, end) for shift in sorted(k.SHIFT_KEYS)]
    decoder = WedgeDecoder()
    for code_, value, t in before + released:
        decoder.feed(code_, value, t)
    frames = [decoder.feed(c, v, t) for c, v, t in typed(code, end + pause, gaps)]
    assert [frame for frame in frames if frame is not None] == [code]

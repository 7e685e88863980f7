"""The timing rule that tells a reader's burst from a person typing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.burst import BurstDetector, KeyOutcome


def type_text(
    detector: BurstDetector[int], text: str, *, start: float, gap: float
) -> tuple[list[KeyOutcome[int]], float]:
    outcomes = []
    at = start
    for index, char in enumerate(text):
        outcomes.append(detector.on_key(char, at, index))
        at += gap
    return outcomes, at


def test_a_fast_burst_with_enter_is_a_card_and_nothing_leaks() -> None:
    detector: BurstDetector[int] = BurstDetector()
    outcomes, _ = type_text(detector, "0006547886\r", start=1000, gap=4)
    assert outcomes[-1].card == "0006547886"
    assert all(not o.pass_key and not o.replay for o in outcomes)
    assert not detector.holding


def test_slow_typing_is_handed_back_in_order() -> None:
    detector: BurstDetector[int] = BurstDetector()
    first = detector.on_key("1", 0, 0)
    assert first == KeyOutcome()  # held for a moment
    assert detector.deadline_ms == 30
    assert detector.on_timeout(31) == (0,)
    second = detector.on_key("2", 200, 1)
    assert second.replay == () and detector.on_timeout(231) == (1,)
    enter = detector.on_key("\r", 400, 2)
    assert enter == KeyOutcome(pass_key=True)


def test_keys_that_cannot_be_in_a_card_pass_at_once_after_what_was_held() -> None:
    detector: BurstDetector[int] = BurstDetector()
    detector.on_key("a", 0, 0)
    outcome = detector.on_key("x", 5, 1)
    assert outcome == KeyOutcome(replay=(0,), pass_key=True)
    assert detector.on_key("", 6, 2) == KeyOutcome(pass_key=True)


def test_too_short_a_burst_is_typing() -> None:
    detector: BurstDetector[int] = BurstDetector(min_length=4)
    outcomes, _ = type_text(detector, "12\r", start=0, gap=3)
    assert outcomes[-1] == KeyOutcome(replay=(0, 1), pass_key=True)


def test_a_pause_inside_a_burst_starts_over() -> None:
    detector: BurstDetector[int] = BurstDetector()
    type_text(detector, "99", start=0, gap=3)
    outcome = detector.on_key("1", 100, 7)  # 97 ms later: the 99 was a person
    assert outcome.replay == (0, 1)
    outcomes, _ = type_text(detector, "234\r", start=104, gap=3)
    assert outcomes[-1].card == "1234"


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.sampled_from(list("0123456789abcdefxyz\r\t ,")), st.floats(0, 200)),
        max_size=60,
    )
)
def test_nothing_is_ever_lost_or_duplicated(keys: list[tuple[str, float]]) -> None:
    """Every key is either part of exactly one card, or comes out exactly once."""
    detector: BurstDetector[int] = BurstDetector()
    out: list[int] = []
    carded: list[str] = []
    at = 0.0
    for index, (char, gap) in enumerate(keys):
        at += gap
        out += detector.on_timeout(at)
        outcome = detector.on_key(char, at, index)
        out += outcome.replay
        if outcome.pass_key:
            out.append(index)
        if outcome.card is not None:
            carded.append(outcome.card)
    out += detector.on_timeout(at + 1000)
    card_keys = sum(len(code) + 1 for code in carded)  # each card also ate its terminator
    assert len(out) + card_keys == len(keys)
    assert out == sorted(out) and len(set(out)) == len(out)
    assert all(len(code) >= 4 for code in carded)

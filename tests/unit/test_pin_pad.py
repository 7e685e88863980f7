"""The PIN pad's steps (issue 12): sign in at the PIN's length, quietly try shorter ones."""

from __future__ import annotations

from pos_terminal.domain.pin_pad import PadStep, PinLengths


def test_with_one_length_the_pad_signs_in_at_it_and_never_tries() -> None:
    lengths = PinLengths(frozenset({4}), complete=True)
    assert [lengths.step(n) for n in range(1, 7)] == [
        PadStep.TYPING, PadStep.TYPING, PadStep.TYPING, PadStep.SIGN_IN,
        PadStep.TYPING, PadStep.TYPING,
    ]  # fmt: skip


def test_with_mixed_lengths_a_shorter_one_is_tried_and_the_longest_signs_in() -> None:
    lengths = PinLengths(frozenset({4, 6}), complete=True)
    assert [lengths.step(n) for n in (3, 4, 5, 6, 7)] == [
        PadStep.TYPING, PadStep.TRY, PadStep.TYPING, PadStep.SIGN_IN, PadStep.TYPING,
    ]  # fmt: skip


def test_an_unknown_length_leaves_the_last_step_to_sign_in() -> None:
    lengths = PinLengths(frozenset({4, 6}), complete=False)
    assert lengths.step(6) is PadStep.TRY and lengths.step(4) is PadStep.TRY
    assert PinLengths().step(4) is PadStep.TYPING  # nothing known: the Sign in key

"""Linux key codes and the characters a US-layout keyboard types with them.

Pure data, no evdev: the values are those of linux/input-event-codes.h. A keyboard-wedge
reader sends HID usages, that is key *positions*; the kernel hands them to evdev as these
codes whatever layout the desktop uses (AZERTY, QWERTZ...). Reading the codes and mapping
them with a US table is therefore layout-independent by construction. Readers are
programmed for a US layout, as are nearly all of them out of the box.

Keypad digits map to digits whatever the NumLock LED says: with NumLock off the desktop
would turn them into arrows and Home/End, but a reader that sends keypad codes means digits.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# Event types (linux/input-event-codes.h).
EV_SYN: Final = 0
EV_KEY: Final = 1

# EV_SYN codes: a report ends; events were lost (the kernel's buffer overflowed).
SYN_REPORT: Final = 0
SYN_DROPPED: Final = 3

# Key event values.
KEY_RELEASE: Final = 0
KEY_PRESS: Final = 1
KEY_AUTOREPEAT: Final = 2

KEY_ESC: Final = 1
KEY_1: Final = 2
KEY_2: Final = 3
KEY_3: Final = 4
KEY_4: Final = 5
KEY_5: Final = 6
KEY_6: Final = 7
KEY_7: Final = 8
KEY_8: Final = 9
KEY_9: Final = 10
KEY_0: Final = 11
KEY_MINUS: Final = 12
KEY_EQUAL: Final = 13
KEY_BACKSPACE: Final = 14
KEY_TAB: Final = 15
KEY_Q: Final = 16
KEY_W: Final = 17
KEY_E: Final = 18
KEY_R: Final = 19
KEY_T: Final = 20
KEY_Y: Final = 21
KEY_U: Final = 22
KEY_I: Final = 23
KEY_O: Final = 24
KEY_P: Final = 25
KEY_LEFTBRACE: Final = 26
KEY_RIGHTBRACE: Final = 27
KEY_ENTER: Final = 28
KEY_LEFTCTRL: Final = 29
KEY_A: Final = 30
KEY_S: Final = 31
KEY_D: Final = 32
KEY_F: Final = 33
KEY_G: Final = 34
KEY_H: Final = 35
KEY_J: Final = 36
KEY_K: Final = 37
KEY_L: Final = 38
KEY_SEMICOLON: Final = 39
KEY_APOSTROPHE: Final = 40
KEY_GRAVE: Final = 41
KEY_LEFTSHIFT: Final = 42
KEY_BACKSLASH: Final = 43
KEY_Z: Final = 44
KEY_X: Final = 45
KEY_C: Final = 46
KEY_V: Final = 47
KEY_B: Final = 48
KEY_N: Final = 49
KEY_M: Final = 50
KEY_COMMA: Final = 51
KEY_DOT: Final = 52
KEY_SLASH: Final = 53
KEY_RIGHTSHIFT: Final = 54
KEY_KPASTERISK: Final = 55
KEY_LEFTALT: Final = 56
KEY_SPACE: Final = 57
KEY_CAPSLOCK: Final = 58
KEY_NUMLOCK: Final = 69
KEY_SCROLLLOCK: Final = 70
KEY_KP7: Final = 71
KEY_KP8: Final = 72
KEY_KP9: Final = 73
KEY_KPMINUS: Final = 74
KEY_KP4: Final = 75
KEY_KP5: Final = 76
KEY_KP6: Final = 77
KEY_KPPLUS: Final = 78
KEY_KP1: Final = 79
KEY_KP2: Final = 80
KEY_KP3: Final = 81
KEY_KP0: Final = 82
KEY_KPDOT: Final = 83
KEY_KPENTER: Final = 96
KEY_RIGHTCTRL: Final = 97
KEY_KPSLASH: Final = 98
KEY_RIGHTALT: Final = 100
KEY_KPEQUAL: Final = 117
KEY_KPCOMMA: Final = 121
KEY_LEFTMETA: Final = 125
KEY_RIGHTMETA: Final = 126

SHIFT_KEYS: Final = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})
# Keys that change no character here and are never part of a frame.
MODIFIER_KEYS: Final = frozenset(
    {
        KEY_LEFTSHIFT,
        KEY_RIGHTSHIFT,
        KEY_LEFTCTRL,
        KEY_RIGHTCTRL,
        KEY_LEFTALT,
        KEY_RIGHTALT,
        KEY_LEFTMETA,
        KEY_RIGHTMETA,
        KEY_CAPSLOCK,
        KEY_NUMLOCK,
        KEY_SCROLLLOCK,
    }
)

DIGIT_KEYS: Final = (KEY_0, KEY_1, KEY_2, KEY_3, KEY_4, KEY_5, KEY_6, KEY_7, KEY_8, KEY_9)
KEYPAD_DIGIT_KEYS: Final = (
    KEY_KP0,
    KEY_KP1,
    KEY_KP2,
    KEY_KP3,
    KEY_KP4,
    KEY_KP5,
    KEY_KP6,
    KEY_KP7,
    KEY_KP8,
    KEY_KP9,
)

_LETTERS: Final = {
    KEY_A: "a",
    KEY_B: "b",
    KEY_C: "c",
    KEY_D: "d",
    KEY_E: "e",
    KEY_F: "f",
    KEY_G: "g",
    KEY_H: "h",
    KEY_I: "i",
    KEY_J: "j",
    KEY_K: "k",
    KEY_L: "l",
    KEY_M: "m",
    KEY_N: "n",
    KEY_O: "o",
    KEY_P: "p",
    KEY_Q: "q",
    KEY_R: "r",
    KEY_S: "s",
    KEY_T: "t",
    KEY_U: "u",
    KEY_V: "v",
    KEY_W: "w",
    KEY_X: "x",
    KEY_Y: "y",
    KEY_Z: "z",
}

_MAIN: dict[int, tuple[str, str]] = {
    KEY_1: ("1", "!"),
    KEY_2: ("2", "@"),
    KEY_3: ("3", "#"),
    KEY_4: ("4", "$"),
    KEY_5: ("5", "%"),
    KEY_6: ("6", "^"),
    KEY_7: ("7", "&"),
    KEY_8: ("8", "*"),
    KEY_9: ("9", "("),
    KEY_0: ("0", ")"),
    KEY_MINUS: ("-", "_"),
    KEY_EQUAL: ("=", "+"),
    KEY_LEFTBRACE: ("[", "{"),
    KEY_RIGHTBRACE: ("]", "}"),
    KEY_SEMICOLON: (";", ":"),
    KEY_APOSTROPHE: ("'", '"'),
    KEY_GRAVE: ("`", "~"),
    KEY_BACKSLASH: ("\\", "|"),
    KEY_COMMA: (",", "<"),
    KEY_DOT: (".", ">"),
    KEY_SLASH: ("/", "?"),
    KEY_SPACE: (" ", " "),
    **{code: (char, char.upper()) for code, char in _LETTERS.items()},
}

# Shift does not change keypad keys (with NumLock on, Shift+KP7 would be Home on a desktop;
# a reader never sends that).
_KEYPAD: dict[int, tuple[str, str]] = {
    **{code: (str(digit), str(digit)) for digit, code in enumerate(KEYPAD_DIGIT_KEYS)},
    KEY_KPASTERISK: ("*", "*"),
    KEY_KPMINUS: ("-", "-"),
    KEY_KPPLUS: ("+", "+"),
    KEY_KPDOT: (".", "."),
    KEY_KPSLASH: ("/", "/"),
    KEY_KPEQUAL: ("=", "="),
    KEY_KPCOMMA: (",", ","),
}

# key code -> (character unshifted, character with Shift held), US positions.
US_KEYMAP: Final = MappingProxyType({**_MAIN, **_KEYPAD})


def _char_table() -> dict[str, tuple[int, bool]]:
    table: dict[str, tuple[int, bool]] = {}
    # Main block first, so "1" is typed with KEY_1 rather than KEY_KP1.
    for code, (plain, shifted) in (*_MAIN.items(), *_KEYPAD.items()):
        table.setdefault(plain, (code, False))
        table.setdefault(shifted, (code, True))
    return table


# character -> (key code, Shift needed): how a US-layout reader types a character.
US_CHAR_KEYS: Final = MappingProxyType(_char_table())


def character(code: int, shifted: bool) -> str | None:
    """The character of key `code` on a US layout, or None for keys that type none."""
    chars = US_KEYMAP.get(code)
    if chars is None:
        return None
    return chars[1] if shifted else chars[0]

from __future__ import annotations

from pathlib import Path

from pos_terminal.config import TerminalConfig
from pos_terminal.settings_file import apply_settings, save_setting, settings_path


def test_a_language_chosen_on_screen_applies_at_the_next_start(tmp_path: Path) -> None:
    config = TerminalConfig(data_dir=tmp_path)
    assert apply_settings(config).language == "pl"
    save_setting(tmp_path, "language", "en")
    assert apply_settings(config).language == "en"
    save_setting(tmp_path, "language", "xx")  # not a language the terminal has
    assert apply_settings(config).language == "pl"


def test_a_damaged_settings_file_does_not_stop_the_till(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert apply_settings(TerminalConfig(data_dir=tmp_path)).language == "pl"

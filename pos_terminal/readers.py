"""The terminal's card readers: the ones set, or — while none is — the search for one.

The app builds this (only the composition root may open a reader: docs/ARCHITECTURE.md);
the UI sees it as `ui.reader_setup.ReaderControl`. The settings come from `--reader` or
from settings.json's `card_reader`, which a manager saves by taking the reader the search
found (`ui/reader_setup.py`). A setting that cannot be read is logged and left out: a
damaged settings file must not stop the till, which then looks for a reader instead.

Each reader owns its thread, and so does the search (`hardware/search.py`); `use` stops the
search — its thread closes every device it watched before `stop` returns — and only then
starts the reader, which opens its device again on its own thread and grabs it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from hardware.base import OnStatus, Reader
from hardware.registry import build_reader, parse_reader_spec
from hardware.search import OnFound, ReaderSearch

log = logging.getLogger(__name__)

Build = Callable[[str], Reader]
Attach = Callable[[Reader], None]


def build_from_setting(setting: str) -> Reader:
    """The reader a one-line setting names (ValueError says what is wrong with it)."""
    return build_reader(parse_reader_spec(setting))


class CardReaders:
    """Started once the sale screen exists; `use` switches from the search to a reader."""

    def __init__(
        self,
        settings: Sequence[str] = (),
        *,
        build: Build = build_from_setting,
        search: Callable[[], ReaderSearch] = ReaderSearch,
    ) -> None:
        self._settings = tuple(settings)
        self._build, self._new_search = build, search
        self.readers: list[Reader] = []
        self._search: ReaderSearch | None = None
        self._attach: Attach | None = None

    @property
    def setting(self) -> str | None:
        """The setting of the reader in use (the first, if several were given)."""
        return self._settings[0] if self.readers else None

    @property
    def searching(self) -> bool:
        return self._search is not None

    def start(self, attach: Attach, on_found: OnFound, on_status: OnStatus) -> None:
        """Start the readers set (`attach` starts one, its callbacks bound), or the search."""
        self._attach = attach
        usable = []
        for setting in self._settings:
            try:
                reader = self._build(setting)
            except ValueError as error:
                log.warning("the reader setting %r is left out: %s", setting, error)
                continue
            usable.append(setting)
            self.readers.append(reader)
            attach(reader)
        self._settings = tuple(usable)
        if not self.readers:
            self._search = self._new_search()
            self._search.start(on_found, on_status)

    def use(self, setting: str) -> None:
        """Read cards from the reader `setting` names from now on, and from it alone."""
        assert self._attach is not None, "use() before start()"
        reader = self._build(setting)  # a bad setting raises here, before anything stops
        self.stop()
        self._settings = (setting,)
        self.readers = [reader]
        self._attach(reader)

    def stop(self) -> None:
        search, self._search = self._search, None
        if search is not None:
            search.stop()
        for reader in self.readers:
            reader.stop()
        self.readers = []

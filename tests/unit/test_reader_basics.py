"""The parts every reader shares: the repeat filter and the fake reader used in demo mode."""

from __future__ import annotations

import queue
import threading

from hardware.dedup import RepeatFilter
from hardware.events import CardRead, ReaderState, ReaderStatus
from hardware.fake import FakeReader


def test_a_card_resting_on_the_reader_is_reported_once() -> None:
    repeats = RepeatFilter(window=0.5)
    # The same frame every 50 ms for a second: one read.
    assert [repeats.admit("0006547886", t / 20) for t in range(20)].count(True) == 1
    # Taken away for longer than the window and tapped again: reported again.
    assert repeats.admit("0006547886", 0.95 + 0.6)
    # Another card is reported at once.
    assert repeats.admit("0008844356", 1.56)
    assert repeats.admit("0006547886", 1.57)


def test_the_fake_reader_behaves_like_a_real_one() -> None:
    reader = FakeReader()
    reads: queue.Queue[tuple[CardRead, str]] = queue.Queue()
    statuses: queue.Queue[ReaderStatus] = queue.Queue()
    reader.start(lambda read: reads.put((read, threading.current_thread().name)), statuses.put)
    assert statuses.get(timeout=2).state is ReaderState.CONNECTED
    reader.tap(" 0063e9ae\r\n")
    reader.tap("%%%")  # noise: dropped, like a real reader would
    reader.tap("0006547886")
    first, thread_name = reads.get(timeout=2)
    assert (first.code, first.raw, first.source) == ("0063E9AE", b" 0063e9ae\r\n", "fake:demo")
    assert thread_name == "fake:demo"  # the callback runs on the reader's own thread
    assert reads.get(timeout=2)[0].code == "0006547886"
    reader.stop()
    assert statuses.get(timeout=2).state is ReaderState.DISCONNECTED
    assert reads.empty()

"""A terminal process that syncs every stream and can be killed at any page (A4).

    python -m tests.sync.pull_worker FOLDER CRM_URL TOKEN SNAPSHOT_LIMIT

After writing each page, before its COMMIT, it prints `page` and waits a moment, so a
SIGKILL lands before or after the commit; `done` when every stream is caught up.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import httpx

from tests.sync import pull_world


def main(folder: str, url: str, token: str, limit: str) -> None:
    store = pull_world.terminal(Path(folder))
    client = httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {token}"})

    def after_page(_: int) -> None:
        print("page", flush=True)
        time.sleep(0.01)

    for stream in pull_world.STREAMS:
        for _ in range(3):
            try:
                with store.unit_of_work() as tx:
                    snapshotting = tx.pulled.stream_state(stream).cursor is None
                if snapshotting:
                    pull_world.snapshot(store, client, stream, int(limit), after_page)
                pull_world.pull(store, client, stream, after_page=after_page)
                break
            except pull_world.ResetRequiredError:
                with store.unit_of_work() as tx:
                    tx.pulled.reset(stream)
    print("done", flush=True)
    store.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

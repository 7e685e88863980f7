"""The real CRM served over HTTP on 127.0.0.1 by uvicorn in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from crm.api.app import create_app
from crm.services.container import CrmServices


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveApi:
    """The CRM's HTTP app over given services. `start()` returns once it accepts
    connections; `stop()` once it has closed them. It can be stopped and started again on
    the same port, as a CRM restarted by its admin."""

    def __init__(self, services: CrmServices, port: int | None = None) -> None:
        self.services = services
        self.port = port or free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveApi:
        config = uvicorn.Config(
            create_app(self.services), host="127.0.0.1", port=self.port, log_level="warning"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="live crm", daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the CRM did not start on port {self.port}")
            time.sleep(0.01)
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout=10)
        self._server = self._thread = None


class LiveCrm(LiveApi):
    """A CRM over its own database (not migrated: what the link monitor's tests need)."""

    def __init__(self, database_url: str, port: int | None = None) -> None:
        super().__init__(CrmServices.at(database_url), port)

    @classmethod
    def on_sqlite(cls, folder: Path) -> LiveCrm:
        return cls(f"sqlite:///{folder / 'crm.db'}")

    def start(self) -> LiveCrm:
        super().start()
        return self

    def close(self) -> None:
        self.stop()
        self.services.close()

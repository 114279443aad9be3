"""Running the app in a background thread: for the browser test and the screenshot script."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from comity.errors import ComityError
from comity.web.app import DEFAULT_HOST


@contextmanager
def running(app: FastAPI, host: str = DEFAULT_HOST, port: int = 0, timeout: float = 20.0) -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL. Port 0 takes a free port."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="comity-web", daemon=True)
    thread.start()
    try:
        _wait_until_started(server, thread, timeout)
        bound_port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout)


def _wait_until_started(server: uvicorn.Server, thread: threading.Thread, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ComityError(f"the web server did not start within {timeout:.0f} s")
        time.sleep(0.05)

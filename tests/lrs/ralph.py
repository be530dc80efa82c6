"""A real Ralph LRS on loopback, for the xAPI tests and benchmarks: its own ASGI app under uvicorn in a
subprocess we hold (so the PID is the server), its file-system backend in a temporary folder, and
Basic-auth users written with Ralph's own auth module. Measured behaviour: shared/reference/lrs-notes.md."""

from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# The server process: first the auth file, made with Ralph's own credential models and bcrypt as
# `ralph auth` makes it (each user may write and read statements); then Ralph's app, unchanged but for
# one class attribute. Ralph 5.1.0's fs LRS backend writes every batch of statements to the same file
# with its data backend's default operation, CREATE, which refuses a file that exists: every POST after
# the first answers 500 ("Statements bulk indexation failed"). APPEND is what the backend means to do;
# everything else (the API, validation, auth, duplicate checks, queries) stays Ralph's own code.
SERVER = """
import json, os, sys
import bcrypt
import uvicorn
from ralph.api.auth.basic import ServerUsersCredentials, UserCredentials
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

users = json.loads(os.environ.pop("TEST_RALPH_USERS"))
credentials = ServerUsersCredentials.model_validate([
    UserCredentials(username=name, hash=bcrypt.hashpw(password.encode(), bcrypt.gensalt(4)).decode("ascii"),
                    scopes=["statements/write", "statements/read"],
                    agent={"mbox": f"mailto:{name}@example.org", "name": name, "objectType": "Agent"})
    for name, password in users.items()])
with open(os.environ["RALPH_AUTH_FILE"], "w", encoding="utf-8") as handle:
    handle.write(credentials.model_dump_json(indent=2))

FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # the fs backend's CREATE bug, see ralph.py
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), reload=False, log_level="warning",
            access_log=False)
"""

READY_SECONDS = 60.0  # generous: the machine is shared; Ralph answers its heartbeat after about 1.2 s


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Ralph:
    """One Ralph server: start, stop (or kill), restart on the same port, and a few direct requests
    for tests to look at what it holds."""

    folder: Path
    users: dict[str, str] = field(default_factory=lambda: {"trainer": "s3cret-trainer"})
    page_size: int = 100
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def data_file(self) -> Path:
        return self.folder / "data" / "fs_lrs.jsonl"

    def environment(self) -> dict[str, str]:
        return {**os.environ,
                "RALPH_RUNSERVER_BACKEND": "fs",
                "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
                "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
                "RALPH_HISTORY_FILE": str(self.folder / "history.json"),  # else ~/.config/ralph/history.json
                "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(self.page_size),
                "TEST_RALPH_USERS": json.dumps(self.users),
                "HOME": str(self.folder)}

    def start(self) -> Ralph:
        (self.folder / "data").mkdir(parents=True, exist_ok=True)
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - the child holds it
        self.process = subprocess.Popen([sys.executable, "-c", SERVER, str(self.port)], env=self.environment(),
                                        stdout=log, stderr=subprocess.STDOUT, cwd=self.folder)
        log.close()
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at start:\n{self.log()}")
            if self._answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {READY_SECONDS:.0f} s:\n{self.log()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def clear(self) -> None:
        """Forget every statement (between tests sharing one server)."""
        if self.data_file.exists():
            self.data_file.unlink()

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def _answers(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            connection.request("GET", "/__heartbeat__")
            ok = connection.getresponse().status == 200
            connection.close()
            return ok
        except OSError:
            return False

    # -- looking at what it holds, as a test would --------------------------------------------

    def stored(self) -> list[dict]:
        """Every statement the LRS holds, read from its data file (what it would answer to GET)."""
        if not self.data_file.exists():
            return []
        with self.data_file.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def request(self, method: str, path: str, body: object = None, user: str = "trainer",
                password: str | None = None) -> tuple[int, object]:
        secret = self.users[user] if password is None else password
        token = base64.b64encode(f"{user}:{secret}".encode()).decode()
        headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3",
                   "Content-Type": "application/json"}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, None if body is None else json.dumps(body), headers)
            response = connection.getresponse()
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
        finally:
            connection.close()

"""HTTP to an xAPI 1.0.3 LRS with the standard library's http.client: POST a batch of statements, GET
pages of them. One kept-alive connection, Basic auth, a timeout on every request, certificates checked
for https. The standard library is enough for two requests, and adds no dependency the learner must
install; what each answer means for the outbox is sync.py's business."""

from __future__ import annotations

import base64
import http.client
import json
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import msgspec

from tutor import __version__
from tutor.lrs.settings import LrsSettings

XAPI_VERSION_HEADER = "1.0.3"
TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Answer:
    """What the LRS said: its status and body, or (status 0) that it could not be reached, and why."""

    status: int
    body: bytes = b""
    trouble: str = ""  # words, when status is 0

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def reason(self) -> str:
        """The LRS's reason for a refusal, in one line: its message, or the first problem it lists."""
        try:
            found = self.json()
        except ValueError:
            found = None
        if isinstance(found, dict):
            detail = found.get("detail", found.get("message", found.get("error")))
            if isinstance(detail, list) and detail and isinstance(detail[0], dict):
                first = detail[0]
                where = ".".join(str(part) for part in first.get("loc", [])[2:] if part != "body")
                return f"{where}: {first.get('msg', '')}".strip(": ")
            if detail is not None:
                return str(detail)
        text = self.body.decode("utf-8", "replace").strip()
        return " ".join(text.split())[:300] or http.client.responses.get(self.status, "")


class LrsClient:
    """Requests to one LRS. Not thread-safe: one per sending thread."""

    def __init__(self, settings: LrsSettings, timeout: float = TIMEOUT_SECONDS) -> None:
        self.settings = settings
        self.timeout = timeout
        parts = urlsplit(settings.url)
        self._secure = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port
        token = base64.b64encode(f"{settings.user}:{settings.password}".encode()).decode("ascii")
        self._headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": XAPI_VERSION_HEADER,
                         "User-Agent": f"tutor/{__version__}", "Accept": "application/json"}
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> LrsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def post_statements(self, bodies: Sequence[str]) -> Answer:
        """POST statements as kept: their JSON texts joined into one array, byte for byte."""
        return self.begin_post(bodies).answer()

    def begin_post(self, bodies: Sequence[str]) -> PendingPost:
        """Send the POST and return at once: the caller works while the LRS does, then asks for the
        answer (sync.py checks the next batch meanwhile)."""
        payload = ("[" + ",".join(bodies) + "]").encode("utf-8")
        return PendingPost(self, self._path(self.settings.statements_url), payload)

    def get_statements(self, query: dict[str, str]) -> Iterator[list[dict[str, Any]]]:
        """Pages of statements for `query` (xAPI's GET /statements parameters), following `more`. A page
        that cannot be had raises LrsError with the LRS's status and reason."""
        target = self.settings.statements_url + ("?" + urlencode(query) if query else "")
        seen: set[str] = set()
        while target and target not in seen:
            seen.add(target)
            answer = self._request("GET", self._path(target), None)
            if answer.status != 200:
                raise LrsError(answer)
            try:  # msgspec parses a page of a team's statements several times faster than the json module
                page = msgspec.json.decode(answer.body)
                statements = page["statements"]
            except (msgspec.DecodeError, KeyError, TypeError):
                raise LrsError(Answer(answer.status, b"", "the LRS answered something that is not a page of "
                                                         "statements")) from None
            if not statements:
                return
            yield statements
            more = page.get("more") or ""
            # `more` is a URL relative to the LRS's own root (the xAPI spec's "IRL"); Ralph's is a path.
            target = urljoin(self.settings.url, more) if more else ""

    def _path(self, url: str) -> str:
        parts = urlsplit(url)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self._secure:
                self._connection = http.client.HTTPSConnection(self._host, self._port, timeout=self.timeout,
                                                               context=ssl.create_default_context())
            else:
                self._connection = http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)
        return self._connection

    def _request(self, method: str, path: str, payload: bytes | None) -> Answer:
        sent = self._send(method, path, payload)
        return sent if sent is not None else self._receive(method, path, payload)

    def _send(self, method: str, path: str, payload: bytes | None) -> Answer | None:
        """Send a request; None when it went, else the trouble (as an Answer with status 0)."""
        headers = dict(self._headers)
        if payload is not None:
            headers["Content-Type"] = "application/json"
        try:
            self._connect().request(method, path, payload, headers)
            return None
        except (BrokenPipeError, ConnectionResetError):
            # A kept-alive connection the server closed meanwhile: one new connection, at once.
            self.close()
            try:
                self._connect().request(method, path, payload, headers)
                return None
            except (OSError, http.client.HTTPException) as exc:
                return self._trouble(exc)
        except (OSError, http.client.HTTPException) as exc:
            return self._trouble(exc)

    def _receive(self, method: str, path: str, payload: bytes | None, fresh: bool = False) -> Answer:
        connection = self._connect()
        try:
            response = connection.getresponse()
            body = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return Answer(response.status, body)
        except http.client.RemoteDisconnected as exc:
            self.close()
            if fresh:
                return self._trouble(exc)
            # The server closed a kept-alive connection without answering: send once more on a new one.
            # Safe for a POST too: an LRS keeps one statement per id.
            sent = self._send(method, path, payload)
            return sent if sent is not None else self._receive(method, path, payload, fresh=True)
        except (OSError, http.client.HTTPException) as exc:
            return self._trouble(exc)

    def _trouble(self, exc: BaseException) -> Answer:
        self.close()
        if isinstance(exc, TimeoutError):
            return Answer(0, trouble=f"the LRS did not answer within {self.timeout:.0f} s")
        if isinstance(exc, ssl.SSLError):
            return Answer(0, trouble=f"the secure connection failed ({exc.reason or exc})")
        if isinstance(exc, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)):
            return Answer(0, trouble=f"the LRS closed the connection ({type(exc).__name__})")
        if isinstance(exc, OSError):
            return Answer(0, trouble=f"the LRS could not be reached ({exc.strerror or exc})")
        return Answer(0, trouble=f"the LRS answered something that is not HTTP ({type(exc).__name__})")


class PendingPost:
    """A POST on its way: `answer()` waits for what the LRS says (once)."""

    def __init__(self, client: LrsClient, path: str, payload: bytes) -> None:
        self._client, self._path, self._payload = client, path, payload
        self._trouble = client._send("POST", path, payload)

    def answer(self) -> Answer:
        if self._trouble is not None:
            return self._trouble
        return self._client._receive("POST", self._path, self._payload)


class LrsError(Exception):
    """A request the LRS did not answer as hoped; `answer` holds what it said."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(describe(answer))
        self.answer = answer


def describe(answer: Answer) -> str:
    """An LRS's answer in words, for the learner."""
    if answer.status == 0:
        return answer.trouble
    if answer.status in (401, 403):
        return (f"the LRS refused the user name or password ({answer.status}): check them with tutor lrs, "
                "or ask whoever runs the LRS")
    if answer.status == 404:
        return "there is no xAPI endpoint at that address (404): check the address with tutor lrs"
    if answer.status >= 500:
        return f"the LRS had trouble ({answer.status}: {answer.reason()})"
    return f"the LRS answered {answer.status}: {answer.reason()}"

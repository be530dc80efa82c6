"""Where statements go: the LRS's xAPI endpoint, the user and the password, set by the learner
(`tutor lrs`) or by the environment ($TUTOR_LRS_URL, $TUTOR_LRS_USER, $TUTOR_LRS_PASSWORD override what
is stored). Kept in the user's config folder: the address and user in lrs.json, the password alone in
lrs-password, readable by its owner only (0600), never printed. A content pack has no say in any of it.
HTTPS is required, except to this machine (loopback)."""

from __future__ import annotations

import ipaddress
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from tutor.progress.location import ensure_private_dir

URL_ENV, USER_ENV, PASSWORD_ENV = "TUTOR_LRS_URL", "TUTOR_LRS_USER", "TUTOR_LRS_PASSWORD"
SETTINGS_FILE, PASSWORD_FILE = "lrs.json", "lrs-password"


class SettingsError(Exception):
    """The LRS settings cannot be used; the message says why and what to do, in words."""


@dataclass(frozen=True)
class LrsSettings:
    url: str  # the xAPI endpoint, ending in / (statements are at url + "statements")
    user: str
    password: str = field(repr=False)  # never shown, logged or printed
    origin: dict[str, str] = field(default_factory=dict)  # for each of url/user/password: "stored" or the variable

    @property
    def statements_url(self) -> str:
        return self.url + "statements"


def config_dir() -> Path:
    """The user's config folder for tutor (e.g. ~/.config/tutor; $XDG_CONFIG_HOME moves it on Linux)."""
    return Path(platformdirs.user_config_dir("tutor", appauthor=False))


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_problem(url: str) -> str | None:
    """Why statements may not be sent to `url`, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url!r} is not a web address (as in https://lrs.agency.org/xAPI/)"
    if parts.username or parts.password:
        return "put the user and password in their own settings, not in the address"
    if parts.query or parts.fragment:
        return "the xAPI endpoint has no ?query or #fragment"
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return (f"{parts.hostname} is reached over plain http, where anyone on the way can read your results and "
                "password: use its https:// address (plain http is only for an LRS on this machine)")
    return None


def normalise(url: str) -> str:
    url = url.strip()
    return url if url.endswith("/") else url + "/"


def load_settings(environ: Mapping[str, str] | None = None, folder: Path | None = None) -> LrsSettings | None:
    """The settings in force, or None when no LRS is set up. Raises SettingsError when they are set
    but cannot be used (an http:// address, a password file others can read, a missing password)."""
    environ = os.environ if environ is None else environ
    folder = config_dir() if folder is None else folder
    stored = _stored(folder)
    origin: dict[str, str] = {}
    values: dict[str, str | None] = {}
    for key, variable in (("url", URL_ENV), ("user", USER_ENV), ("password", PASSWORD_ENV)):
        from_env = environ.get(variable, "")
        if from_env:
            values[key], origin[key] = from_env, variable
        else:
            values[key], origin[key] = stored.get(key), "stored"
    if values["url"] is None and values["user"] is None:
        return None
    if not values["url"]:
        raise SettingsError(f"no LRS address is set: run tutor lrs URL --user NAME (or set {URL_ENV})")
    if not values["user"]:
        raise SettingsError(f"no LRS user is set: run tutor lrs URL --user NAME (or set {USER_ENV})")
    url = normalise(values["url"])
    problem = url_problem(url)
    if problem:
        raise SettingsError(problem)
    if values["password"] is None:
        raise SettingsError(f"no LRS password is stored: run tutor lrs {url} --user {values['user']} again "
                            f"(or set {PASSWORD_ENV})")
    return LrsSettings(url, values["user"], values["password"], origin)


def _stored(folder: Path) -> dict[str, str | None]:
    found: dict[str, str | None] = {"url": None, "user": None, "password": None}
    settings = folder / SETTINGS_FILE
    if settings.exists():
        try:
            data = json.loads(settings.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SettingsError(f"{settings} cannot be read ({exc}): run tutor lrs again to set it up") from None
        if isinstance(data, dict):
            found.update({key: data[key] for key in ("url", "user") if isinstance(data.get(key), str)})
    password = folder / PASSWORD_FILE
    if password.exists():
        mode = stat.S_IMODE(password.stat().st_mode)
        if mode & 0o077:
            raise SettingsError(f"{password} can be read by other users (mode {mode:o}): run chmod 600 on it, or "
                                "tutor lrs again, and change the password if others may have seen it")
        found["password"] = password.read_text(encoding="utf-8").rstrip("\n")
    return found


def save_settings(url: str, user: str, password: str | None, folder: Path | None = None) -> Path:
    """Store the address and user, and the password when given (else the stored one stays). Each file
    is written whole to a new file then moved into place, so a crash leaves the old one. Returns the folder."""
    folder = config_dir() if folder is None else folder
    url = normalise(url)
    problem = url_problem(url)
    if problem:
        raise SettingsError(problem)
    if not user or any(char in user for char in ":\r\n"):
        raise SettingsError("the user name must be given and cannot hold a colon or a line break")
    ensure_private_dir(folder)
    _write_private(folder / SETTINGS_FILE, json.dumps({"url": url, "user": user}, indent=2) + "\n")
    if password is not None:
        _write_private(folder / PASSWORD_FILE, password + "\n")
    return folder


def forget_settings(folder: Path | None = None) -> list[Path]:
    """Remove the stored address, user and password; returns the files removed."""
    folder = config_dir() if folder is None else folder
    removed = []
    for name in (PASSWORD_FILE, SETTINGS_FILE):
        path = folder / name
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def _write_private(path: Path, text: str) -> None:
    # mkstemp creates the file 0600 whatever the umask: the password is never readable by others, even briefly.
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

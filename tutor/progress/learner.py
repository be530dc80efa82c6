"""Who the learner is, for the statements sent to an organisation's Learning Record Store: a name and an
e-mail address, or an account on the organisation's site. Kept with the progress (the `learner`
setting); $TUTOR_LEARNER_NAME and $TUTOR_LEARNER_EMAIL override it for scripted set-ups. Without one,
no statement is kept for sending (docs/privacy.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from msgspec import Struct

SETTING = "learner"
NAME_ENV = "TUTOR_LEARNER_NAME"
EMAIL_ENV = "TUTOR_LEARNER_EMAIL"

# A practical address check: one @, a local part without spaces or angle brackets, a domain of dotted
# labels ending in a letter-only top-level label. LRSs check addresses too, and one they refuse sets
# every statement aside, so a doubtful address is refused here, where the learner can fix it.
_LOCAL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+\Z")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
# Names reserved for tests, documentation and local networks (RFC 2606, RFC 6761, RFC 6762), which the
# e-mail validators of LRSs such as Ralph refuse.
_RESERVED_ENDINGS = ("invalid", "test", "local", "localhost", "example")


class Learner(Struct, frozen=True):
    """The learner as the LRS will know them. Exactly one of `email` and `account_name` is set;
    `home_page` goes with `account_name` (the organisation's site, where that account lives)."""

    name: str
    email: str | None = None
    account_name: str | None = None
    home_page: str | None = None

    def actor(self) -> dict[str, Any]:
        """The xAPI Agent: its name and its one identifier (mbox, or account)."""
        if self.email is not None:
            return {"objectType": "Agent", "name": self.name, "mbox": f"mailto:{self.email}"}
        return {"objectType": "Agent", "name": self.name,
                "account": {"homePage": self.home_page, "name": self.account_name}}

    def describe(self) -> str:
        """"Ana Lima <ana@agency.org>" or "Ana Lima (account ana at https://lms.agency.org)"."""
        if self.email is not None:
            return f"{self.name} <{self.email}>"
        return f"{self.name} (account {self.account_name} at {self.home_page})"

    def to_setting(self) -> dict[str, str]:
        return {key: value for key, value in (("name", self.name), ("email", self.email),
                                              ("account_name", self.account_name), ("home_page", self.home_page))
                if value is not None}


def email_problem(email: str) -> str | None:
    """Why an e-mail address would be refused, in words, or None when it looks deliverable."""
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain:
        return f"{email!r} is not an e-mail address (it needs a name, an @ and a domain, as in ana@agency.org)"
    if len(email) > 254 or not _LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        return f"the part before the @ in {email!r} has characters an address cannot have"
    labels = domain.rstrip(".").split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
        return f"{domain!r} is not an internet domain (as in agency.org)"
    if labels[-1].lower() in _RESERVED_ENDINGS:
        return f"{domain!r} is reserved for tests and local networks; LRSs refuse addresses there"
    return None


def learner_problems(learner: Learner) -> list[str]:
    """Everything wrong with an identity, in words (empty when it can be sent)."""
    problems = []
    if not learner.name.strip():
        problems.append("the name is empty")
    elif len(learner.name) > 200 or any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in learner.name):
        problems.append("the name must be one line of at most 200 characters")
    if (learner.email is None) == (learner.account_name is None):
        problems.append("give either an e-mail address or an account name (with the site it belongs to), not both")
    if learner.email is not None:
        problem = email_problem(learner.email)
        if problem:
            problems.append(problem)
    if learner.account_name is not None:
        if not learner.account_name.strip():
            problems.append("the account name is empty")
        parts = urlsplit(learner.home_page or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append("an account needs the address of the site it belongs to, as in https://lms.agency.org")
    return problems


def learner_from_setting(value: object) -> Learner | None:
    """The stored identity (the `learner` setting), or None when there is none or it is unusable."""
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return None
    fields = {key: value.get(key) for key in ("email", "account_name", "home_page")}
    if not all(item is None or isinstance(item, str) for item in fields.values()):
        return None
    learner = Learner(value["name"], **fields)
    return None if learner_problems(learner) else learner


def with_environment(stored: Learner | None, environ: Mapping[str, str]) -> Learner | None:
    """The identity in force: $TUTOR_LEARNER_NAME and $TUTOR_LEARNER_EMAIL override the stored
    name and address (an address from the environment replaces a stored account). None when there
    is no usable identity."""
    name = environ.get(NAME_ENV, "").strip()
    email = environ.get(EMAIL_ENV, "").strip()
    if not name and not email:
        return stored
    if email:
        learner = Learner(name or (stored.name if stored else email.partition("@")[0]), email=email)
    elif stored is not None:
        learner = Learner(name, stored.email, stored.account_name, stored.home_page)
    else:
        return None  # a name alone identifies no one
    return None if learner_problems(learner) else learner


def actor_key(actor: Mapping[str, Any]) -> str | None:
    """The identifier an LRS knows an Agent by: "mailto:..." or "account:<home page>#<name>" (None
    when there is none)."""
    mbox = actor.get("mbox")
    if isinstance(mbox, str):
        local, _, domain = mbox.partition("@")
        return f"{local}@{domain.lower()}"  # LRSs compare the domain without case
    account = actor.get("account")
    if isinstance(account, Mapping):
        return f"account:{account.get('homePage')}#{account.get('name')}"
    return None

"""Setting up sending as a learner would: saying who they are, where results go, and what `tutor sync`
says before that. The password is kept in a file only its owner can read and never shown; plain http is
refused except to this machine; the environment overrides for scripted set-ups; a pack has no say."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.lrs.learners import PACK, outbox_ids, sending_as, tutor
from tests.lrs.ralph import Ralph

# One Ralph serves every LRS test: they run on one worker (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("lrs")


SECRET = "correct horse battery staple"


def config() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "tutor"


def test_the_password_is_kept_for_its_owner_only_and_never_shown(tmp_path: Path) -> None:
    data = tmp_path / "data"
    saved = tutor("lrs", "https://lrs.agency.org/xAPI", "--user", "ana", "--password-stdin", data=data,
                  given=SECRET + "\n")
    assert saved.returncode == 0, saved.stderr
    password = config() / "lrs-password"
    assert stat.S_IMODE(password.stat().st_mode) == 0o600 and stat.S_IMODE(config().stat().st_mode) == 0o700
    assert password.read_text() == SECRET + "\n"
    assert json.loads((config() / "lrs.json").read_text()) == {"url": "https://lrs.agency.org/xAPI/", "user": "ana"}
    shown = tutor("lrs", data=data)
    for said in (saved, shown):
        assert SECRET not in said.stdout + said.stderr
    assert "LRS: https://lrs.agency.org/xAPI/" in shown.stdout and "User: ana" in shown.stdout
    assert f"Password: stored in {password}, readable only by you" in shown.stdout
    password.chmod(0o644)
    refused = tutor("lrs", data=data)
    assert refused.returncode == 1 and "can be read by other users (mode 644): run chmod 600" in refused.stderr
    assert tutor("lrs", "--forget", data=data).returncode == 0 and not password.exists()
    assert "No LRS is set up: nothing is sent." in tutor("lrs", data=data).stdout


def test_plain_http_is_refused_except_to_this_machine(tmp_path: Path) -> None:
    refused = tutor("lrs", "http://lrs.agency.org/xAPI/", "--user", "ana", "--password-stdin", data=tmp_path,
                    given="pw\n")
    assert refused.returncode == 2 and "use its https:// address" in refused.stderr
    assert not (config() / "lrs.json").exists()
    from_env = tutor("sync", data=tmp_path, env={"TUTOR_LRS_URL": "http://lrs.agency.org/xAPI/",
                                                 "TUTOR_LRS_USER": "ana", "TUTOR_LRS_PASSWORD": "pw",
                                                 "TUTOR_LEARNER_NAME": "Ana", "TUTOR_LEARNER_EMAIL": "ana@agency.org"})
    assert from_env.returncode == 0 and "Nothing waits" in from_env.stdout  # nothing recorded: nothing to refuse
    for loopback in ("http://127.0.0.1:8100/xAPI/", "http://localhost:8100/xAPI/", "http://[::1]:8100/xAPI/"):
        assert tutor("lrs", loopback, "--user", "ana", "--password-stdin", data=tmp_path,
                     given="pw\n").returncode == 0, loopback


def test_the_environment_overrides_what_is_stored(tmp_path: Path) -> None:
    tutor("lrs", "https://lrs.agency.org/xAPI/", "--user", "ana", "--password-stdin", data=tmp_path, given="pw\n")
    shown = tutor("lrs", data=tmp_path, env={"TUTOR_LRS_URL": "https://other.agency.org/lrs/",
                                             "TUTOR_LRS_PASSWORD": SECRET})
    assert "LRS: https://other.agency.org/lrs/ (from $TUTOR_LRS_URL)" in shown.stdout
    assert "Password: from $TUTOR_LRS_PASSWORD" in shown.stdout and SECRET not in shown.stdout


def test_a_pack_cannot_choose_where_results_go(tmp_path: Path, lrs: Ralph) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "lrs.json").write_text(json.dumps({"url": lrs.url, "user": "ana"}))
    with (pack / "course.toml").open("a") as handle:
        handle.write(f'\n[lrs]\nurl = "{lrs.url}"\nuser = "ana"\npassword = "ana-s3cret"\n')
    data = tmp_path / "data"
    tutor("learner", "--name", "Ana", "--email", "ana@agency.org", data=data)
    tutor("--content", str(pack), "quiz", "stay", "--plain", data=data, given="2\n1 2\nt\n2\n1\n")
    result = tutor("--content", str(pack), "sync", data=data)
    assert result.returncode == 1 and "no LRS is set up" in result.stderr
    assert lrs.stored() == [] and not config().exists()


def test_the_learner_says_who_they_are_changes_it_and_can_withdraw(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert "No one: you have not said who you are" in tutor("learner", data=data).stdout
    refused = tutor("learner", "--name", "Ana", "--email", "ana@agency.invalid", data=data)
    assert refused.returncode == 2 and "reserved for tests and local networks" in refused.stderr
    assert tutor("learner", "--name", "Ana Lima", "--email", "ana@agency.org", data=data).returncode == 0
    assert tutor("learner", data=data).stdout.startswith("You are Ana Lima <ana@agency.org> (kept with your progress")
    assert tutor("learner", "--email", "ana.lima@agency.org", data=data).returncode == 0  # the name is kept
    assert "You are Ana Lima <ana.lima@agency.org>" in tutor("learner", data=data).stdout
    account = tutor("learner", "--account", "ana", "--home-page", "https://lms.agency.org", data=data)
    assert "You are Ana Lima (account ana at https://lms.agency.org)" in account.stdout
    tutor("quiz", "stay", "--plain", data=data, given="2\n1 2\nt\n2\n1\n")
    forgotten = tutor("learner", "--forget", data=data)
    assert "5 results not yet sent erased" in forgotten.stdout and outbox_ids(data) == []


def test_sync_says_what_is_missing_before_anything_can_be_sent(tmp_path: Path, lrs: Ralph) -> None:
    data = tmp_path / "data"
    tutor("quiz", "stay", "--plain", data=data, given="2\n1 2\nt\n2\n1\n")
    nobody = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert nobody.returncode == 0 and "you have not said who you are, so nothing is kept" in nobody.stdout
    said = tutor("sync", "--status", data=data).stdout
    assert "Not kept for sending: 5 records from before you said who you are" in said
    tutor("learner", "--name", "Ana", "--email", "ana@agency.org", data=data)
    assert "5 records from before are not kept for sending" in \
        tutor("learner", "--name", "Ana", "--email", "ana@agency.org", data=data).stdout
    tutor("quiz", "stay", "--plain", data=data, given="2\n1 2\nt\n2\n1\n")
    no_lrs = tutor("sync", data=data)
    assert no_lrs.returncode == 1 and "5 results wait, but no LRS is set up" in no_lrs.stderr
    dry = tutor("sync", "--dry-run", data=data)
    lines = [json.loads(line) for line in dry.stdout.splitlines()]
    assert len(lines) == 5 and all(s["actor"]["mbox"] == "mailto:ana@agency.org" for s in lines)
    assert "Would send 5 statements (nothing was sent)." in dry.stderr and lrs.stored() == []
    both = tutor("sync", "--include-earlier", data=data, env=sending_as(lrs, "ana"))
    assert both.returncode == 0 and "Kept 5 earlier records for sending." in both.stderr
    assert "Sent 10 results" in both.stdout and len(lrs.stored()) == 10
    assert "Kept 0 earlier records" in tutor("sync", "--include-earlier", data=data, env=sending_as(lrs, "ana")).stderr
    assert len(lrs.stored()) == 10


def test_the_learner_is_named_in_their_readiness_report(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tutor("readiness", "--plain", "--seed", "3", data=data, given="1\n" * 12)
    assert "Learner:" not in tutor("report", data=data).stdout
    tutor("learner", "--name", "Ana Lima", "--email", "ana@agency.org", data=data)
    assert "- Learner: Ana Lima \\<ana@agency.org\\>" in tutor("report", data=data).stdout  # escaped for Markdown
    assert json.loads(tutor("report", "--json", data=data).stdout)["learner"] == "Ana Lima <ana@agency.org>"
    assert "Ana Lima &lt;ana@agency.org&gt; · " in tutor("report", "--format", "html", data=data).stdout

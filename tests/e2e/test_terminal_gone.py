"""When the terminal goes away without a hang-up signal (the app run under nohup, or by a program
that closes its pseudo-terminal), the app quits instead of reading nothing at full speed for ever."""

from __future__ import annotations

import os
import sys
import time

import pytest

from tests.e2e.pty_terminal import PtyApp
from tests.e2e.test_tmux import PACK, TUTOR

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def test_the_app_quits_when_its_terminal_is_gone(tmp_path):
    env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path), "TEXTUAL_ANIMATIONS": "none"}
    app = PtyApp([str(TUTOR), "--content", str(PACK)], env)
    app.wait_for("Not legal advice")
    os.close(app.master)  # the terminal is gone; no SIGHUP (the app leads its own session)
    deadline = time.monotonic() + 10
    while app.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if app.proc.poll() is None:
        app.proc.kill()
        app.proc.wait()
        pytest.fail("the app went on running with no terminal")
    assert app.proc.returncode == 0

"""The real app in a pseudo-terminal, for tests that must see the raw bytes it writes (tmux would
clean them before we saw them): what it writes is kept as bytes and fed to a terminal emulator
(pyte), so a test can read the screen and check every byte."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time

import pyte

KEYS = {"Enter": b"\r", "Escape": b"\x1b", "Backspace": b"\x7f", "Right": b"\x1b[C", "Left": b"\x1b[D",
        "Down": b"\x1b[B", "Up": b"\x1b[A", "Tab": b"\t", "C-p": b"\x10", "C-q": b"\x11"}


class PtyApp:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)) -> None:
        width, height = size
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.written = bytearray()  # every byte the program wrote, from the start
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)

    def _read(self, wait: float) -> bool:
        if not select.select([self.master], [], [], wait)[0]:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program ended and the terminal closed
            return False
        self.written += chunk
        self.stream.feed(chunk)
        return bool(chunk)

    def shown(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.shown():
                self.settle()
                return self.shown()
            self._read(0.2)
        raise AssertionError(f"never saw {text!r}; the screen shows:\n{self.shown()}")

    def settle(self, quiet: float = 0.3, longest: float = 15.0) -> None:
        """Read until the program has written nothing for `quiet` seconds (a program that never
        stops drawing fails the test after `longest` seconds instead of hanging it)."""
        deadline = time.monotonic() + longest
        while self._read(quiet):
            if time.monotonic() > deadline:
                raise AssertionError(f"the program never stopped writing; the screen shows:\n{self.shown()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            os.write(self.master, KEYS.get(key, key.encode()))
            time.sleep(0.15 if key == "Escape" else 0.05)  # a lone Esc is told apart from a sequence by time

    def close(self) -> None:
        try:
            os.write(self.master, KEYS["C-q"])
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            self.settle(0.1)
            os.close(self.master)

"""What the interchange tests share: the IMS schemas (loaded once per run), the shipped course and the
example packs, a pack written on the fly, and the installed `tutor` command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tutor.content.loader import load_course, shipped_root
from tutor.interchange import course_quiz_ids, export_quizzes

REPO = Path(__file__).resolve().parents[2]
# CI lays the shared folder beside the project (../shared); a worktree elsewhere can point at it.
SHARED = Path(os.environ.get("TUTOR_SHARED") or REPO / ".." / "shared")
SCHEMAS = SHARED / "reference" / "schemas"
EXAMPLES = sorted(path for path in (REPO / "examples").iterdir() if (path / "course.toml").exists())
PACKS = [shipped_root(), *EXAMPLES, REPO / "tests" / "fixtures" / "pack"]


def pack_name(root: Path) -> str:
    return "shipped-course" if root == PACKS[0] else root.name


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def schemas_folder() -> Path:
    """The IMS XSDs; in CI their absence fails the test (a skipped validation would pass unseen)."""
    if not (SCHEMAS / "qti21" / "qtiv2p1" / "imsqti_v2p1.xsd").exists():
        message = f"the IMS schemas are not at {SCHEMAS.resolve()} (set TUTOR_SHARED to the shared folder)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return SCHEMAS.resolve()


class Validator:
    """The QTI 2.1 schema for items and tests, Content Packaging 1.2 (with the QTI metadata) for the
    manifest, read offline as the schemas' README says."""

    def __init__(self, folder: Path) -> None:
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        self.parser = parser
        self.qti = etree.XMLSchema(etree.parse(str(folder / "qti21/qtiv2p1/imsqti_v2p1.xsd"), parser))
        driver = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:import namespace="http://www.imsglobal.org/xsd/imscp_v1p1" schemaLocation="imscp12/imscp_v1p2.xsd"/>
          <xs:import namespace="http://www.imsglobal.org/xsd/imsqti_metadata_v2p1"
                     schemaLocation="qti21/qtiv2p1/imsqti_metadata_v2p1.xsd"/></xs:schema>"""
        self.manifest = etree.XMLSchema(etree.fromstring(driver.encode(), parser,
                                                         base_url=(folder / "driver.xsd").as_uri()))

    def errors(self, package: bytes) -> list[str]:
        """Every schema error of every file in the package, as "file:line: message"."""
        found = []
        with zipfile.ZipFile(__import__("io").BytesIO(package)) as archive:
            for name in archive.namelist():
                document = etree.fromstring(archive.read(name), self.parser).getroottree()
                schema = self.manifest if name == "imsmanifest.xml" else self.qti
                if not schema.validate(document):
                    found += [f"{name}:{error.line}: {error.message}" for error in schema.error_log]
        return found


@pytest.fixture(scope="session")
def validator() -> Validator:
    return Validator(schemas_folder())


@pytest.fixture(scope="session")
def shipped():
    course, _findings = load_course(shipped_root())
    return course


def export(root_or_course, fmt: str, quiz_ids=None):
    course = root_or_course if not isinstance(root_or_course, Path) else load_course(root_or_course)[0]
    return export_quizzes(course, quiz_ids or course_quiz_ids(course), fmt)


LESSON = """\
+++
id = "{lesson}"
title = "A lesson"
module = "basics"
order = 1
minutes = 5
summary = "A short lesson."

[[sources]]
id = "help"
title = "Help page, with a comma"
url = "https://example.com/help"
section = "Rules"
checked = 2026-11-01
+++

Intro.
"""


def write_pack(root: Path, quiz: str, lesson: str = "stay") -> Path:
    """A pack of one lesson and the quiz given as TOML (its header and questions)."""
    (root / "lessons").mkdir(parents=True)
    (root / "quizzes").mkdir()
    (root / "course.toml").write_text('id = "test-pack"\ntitle = "Test pack"\n\n[[modules]]\nid = "basics"\n'
                                      'title = "Basics / first steps"\n', encoding="utf-8")
    (root / "lessons" / f"01-{lesson}.md").write_text(LESSON.format(lesson=lesson), encoding="utf-8")
    (root / "quizzes" / f"{lesson}.toml").write_text(textwrap.dedent(quiz), encoding="utf-8")
    return root


def tutor(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it."""
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(REPO), "TUTOR_HOME": str(home)})

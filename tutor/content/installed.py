"""Installed packs: data in the user's data folder, next to progress (`<data>/packs/<course id>/`).

The loader does not care where a pack came from: an installed pack is a folder like any other, read
by the same code as `--content DIR` and the shipped course. What this module adds is how a pack gets
there without ever leaving a half-written one: it is unpacked (or copied) into a temporary folder
inside the packs folder, checked alone as `tutor check` would check it, and only then renamed into
place, in one step; a failed install leaves nothing behind. A pack with the id of an installed one is
an update of it (its learners keep their progress: it is kept per course id), unless its title says it
is another course, which is refused until the author says --replace.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from msgspec import Struct

from tutor.content.course_format import load_course_file
from tutor.content.findings import ERROR, Finding
from tutor.content.loader import check_pack, shipped_root

CHOSEN = ".chosen"  # the id of the pack last chosen at start, for commands that are not told which


class InstalledPack(Struct, frozen=True):
    id: str
    title: str
    root: Path
    language: str = "en"


class InstallResult(Struct, frozen=True):
    """What an install did: `pack` is the pack now in place (None when refused), `findings` what the
    check found (errors refuse it; warnings are said and do not), `replaced` the title it updated."""

    pack: InstalledPack | None
    findings: tuple[Finding, ...] = ()
    refused: str = ""  # why, in words, when it is not a content problem
    replaced: str | None = None
    lessons: int = 0
    quizzes: int = 0


def installed_packs(packs_dir: Path) -> list[InstalledPack]:
    """The packs installed in `packs_dir`, by title (an unreadable one is left out: `tutor pack list`
    says what is there)."""
    found: list[InstalledPack] = []
    if not packs_dir.is_dir():
        return found
    for entry in sorted(packs_dir.iterdir()):
        if entry.name.startswith(".") or not entry.is_dir() or entry.is_symlink():
            continue
        course, _report = load_course_file(entry / "course.toml", [], entry)
        if course is not None and course.id == entry.name:
            found.append(InstalledPack(course.id, course.title, entry, course.language))
    return sorted(found, key=lambda pack: pack.title.lower())


def find_installed(packs_dir: Path, pack_id: str) -> InstalledPack | None:
    return next((pack for pack in installed_packs(packs_dir) if pack.id == pack_id), None)


def install_pack(source: Path, packs_dir: Path, replace: bool = False) -> InstallResult:
    """Install the pack at `source` (a folder or a .zip) into `packs_dir`; nothing is written there
    until the whole pack is checked."""
    packs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=packs_dir))
    try:
        return _install(source, staging, packs_dir, replace)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone once renamed into place; else what is left


def _install(source: Path, staging: Path, packs_dir: Path, replace: bool) -> InstallResult:
    from tutor.content.pack_archive import copy_pack_folder, unpack_zip  # zipfile: only when installing

    root = staging / "pack"
    root.mkdir()
    problems = copy_pack_folder(source, root) if source.is_dir() else unpack_zip(source, root)
    if problems:
        return InstallResult(None, tuple(problems))
    if not (root / "course.toml").is_file():
        return InstallResult(None, refused="the pack has no course.toml: an installed pack needs one, with an id of "
                             "its own (`tutor new course` writes one)")
    course, findings = check_pack(root)  # judged alone, as `tutor check` judges it
    lessons = len(list((root / "lessons").glob("*.md")))
    quizzes = len(list((root / "quizzes").glob("*.toml")))
    if any(f.severity == ERROR for f in findings):
        return InstallResult(None, tuple(findings), lessons=lessons, quizzes=quizzes)
    shipped = shipped_root()
    if shipped is not None:
        ours, _report = load_course_file(shipped / "course.toml", [], shipped)
        if ours is not None and ours.id == course.id:
            return InstallResult(None, tuple(findings), refused=f'its course id "{course.id}" is the shipped '
                                 "course's: the two would share and reset each other's progress; give the pack an "
                                 "id of its own in course.toml")
    target = packs_dir / course.id
    existing = find_installed(packs_dir, course.id)
    if existing is not None and existing.title != course.title and not replace:
        return InstallResult(None, tuple(findings), refused=f'a pack with the id "{course.id}" is already installed: '
                             f'"{existing.title}", and this one is "{course.title}". One id shares learners\' '
                             "progress: if this is a new version of that course, run again with --replace; if it "
                             "is another course, give it an id of its own in course.toml")
    _move_into_place(root, target, packs_dir)
    pack = InstalledPack(course.id, course.title, target, course.language)
    return InstallResult(pack, tuple(findings), replaced=existing.title if existing else None, lessons=lessons,
                         quizzes=quizzes)


def _move_into_place(root: Path, target: Path, packs_dir: Path) -> None:
    """Rename the checked pack to its place; an older version is moved aside first and removed only
    once the new one is there, so that at every moment one whole version is installed."""
    aside = None
    if os.path.lexists(target):
        aside = Path(tempfile.mkdtemp(prefix=".replaced-", dir=packs_dir)) / "pack"
        os.rename(target, aside)
    os.rename(root, target)
    if aside is not None:
        shutil.rmtree(aside.parent, ignore_errors=True)


def remove_pack(packs_dir: Path, pack_id: str) -> InstalledPack | None:
    """Remove an installed pack (its learner's progress stays in the progress database); None when no
    pack has that id."""
    pack = find_installed(packs_dir, pack_id)
    if pack is None:
        return None
    aside = Path(tempfile.mkdtemp(prefix=".removing-", dir=packs_dir)) / "pack"
    os.rename(pack.root, aside)
    shutil.rmtree(aside.parent, ignore_errors=True)
    chosen = packs_dir / CHOSEN
    if chosen.is_file() and chosen.read_text(encoding="utf-8").strip() == pack_id:
        chosen.unlink()
    return pack


def chosen_pack(packs_dir: Path) -> str | None:
    """The id of the pack chosen last at start, if it is still installed."""
    try:
        chosen = (packs_dir / CHOSEN).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return chosen if (packs_dir / chosen).is_dir() else None


def remember_choice(packs_dir: Path, pack_id: str) -> None:
    """Remember the pack chosen at start, so that `tutor progress` and the others speak of it."""
    try:
        (packs_dir / CHOSEN).write_text(pack_id + "\n", encoding="utf-8")
    except OSError:
        pass  # only a convenience: the next start asks again

"""A pack as one file to send: which files make a pack, the zip `tutor pack build` writes, and the
reading of a zip from anyone, which is untrusted.

A zip from a stranger may try to write outside the folder it is unpacked into (`../`, an absolute
path, a drive letter), carry links or devices instead of files, or claim small sizes and inflate to
gigabytes (a zip bomb). Every member is judged before anything is written; sizes are bounded both as
declared and as actually decompressed; and only regular files are written, inside a folder the caller
made for them. Problems are values (findings naming the member), never exceptions.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from tutor.content.findings import ERROR, Finding
from tutor.content.model import Course

MAX_MEMBERS = 2000  # files in a pack: a course of a few hundred lessons fits many times over
MAX_MEMBER_BYTES = 20 * 1024 * 1024  # one file (a PDF a source names may be larger than a lesson)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # the whole pack, unpacked
_CHUNK = 64 * 1024
_ZIP_FOLDER_DATE = (2026, 1, 1, 0, 0, 0)  # every member's date in a built zip: the same pack, the same bytes


def _problem(where: str, message: str, hint: str) -> Finding:
    return Finding(Path(where), 1, 1, ERROR, message, hint)


# -- what makes a pack -------------------------------------------------------------------------

def pack_members(course: Course) -> list[Path]:
    """The files of a loaded pack that a learner's copy needs, relative to its folder: course.toml,
    changes.toml, the welcome file, every lesson, quiz and guide, and every document a source names."""
    root = course.root
    wanted: list[Path] = [root / "course.toml", root / "changes.toml"]
    if course.welcome is not None:
        wanted.append(course.welcome)
    wanted += sorted((root / "lessons").glob("*.md")) + sorted((root / "quizzes").glob("*.toml"))
    wanted += sorted((root / "guides").glob("*.toml"))
    wanted += [root / source.document for lesson in course.lessons.values() for source in lesson.sources
               if source.document]
    found: list[Path] = []
    for path in dict.fromkeys(wanted):
        if path.name.startswith(".") or not path.is_file() or path.is_symlink():
            continue
        found.append(path.relative_to(root))
    return found


def pack_zip(root: Path, members: list[Path]) -> bytes:
    """The zip of these files of the pack in `root`, every name under one folder named after the
    pack's folder (so that unzipping by hand makes a pack folder, not loose files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            info = zipfile.ZipInfo(f"{root.name}/{member.as_posix()}", date_time=_ZIP_FOLDER_DATE)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (root / member).read_bytes())
    return buffer.getvalue()


# -- reading a zip from anyone ------------------------------------------------------------------

def _member_problem(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """Why a member must not be unpacked, as (message, hint), or None."""
    name = info.filename
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if any(ord(char) < 32 or char == "\x7f" for char in name):
        return "a file name with control characters", "name files in plain characters"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "an absolute path: it would be written outside the pack's folder", "zip the pack's folder itself"
    if "\\" in name:
        return "a Windows path (\\): it is not read", "zip the pack with `tutor pack build`"
    if ".." in PurePosixPath(name).parts:
        return "a path that climbs out of the pack (..)", "zip the pack's folder itself"
    if kind == stat.S_IFLNK:
        return "a link, not a file", "copy the file into the pack instead of linking to it"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "a special file (a device, FIFO or socket), not a regular file", "zip only the pack's files"
    if info.flag_bits & 0x1:
        return "an encrypted file", "zip the pack without a password"
    if info.file_size > MAX_MEMBER_BYTES:
        return (f"{info.file_size / 1024 / 1024:.0f} MB unpacked, over the {MAX_MEMBER_BYTES // 1024 // 1024} MB "
                "limit for one file", "leave large files out of the pack")
    return None


def _top_folder(names: list[str]) -> str:
    """The one folder every member sits in ("my-pack/"), or "" when the pack is at the zip's top."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        top = tops.pop()
        if top not in ("lessons", "quizzes"):
            return top + "/"
    return ""


def unpack_zip(zip_path: Path, into: Path) -> list[Finding]:
    """Unpack the pack zipped at `zip_path` into the empty folder `into`. Nothing is written unless
    every member is acceptable; the findings say what is not (none: the pack's files are in `into`)."""
    where = zip_path.name
    try:
        if zip_path.stat().st_size > MAX_TOTAL_BYTES:
            return [_problem(where, f"the zip is over the {MAX_TOTAL_BYTES // 1024 // 1024} MB limit for a pack",
                             "a pack is text files: leave large files out")]
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        return [_problem(where, f"not a zip that can be read ({exc})", "build it with `tutor pack build DIR`")]
    with archive:
        infos = archive.infolist()
        problems = _judge_members(where, infos)
        if problems:
            return problems
        return _extract(where, archive, [info for info in infos if not info.is_dir()], into)


def _judge_members(where: str, infos: list[zipfile.ZipInfo]) -> list[Finding]:
    problems: list[Finding] = []
    if len(infos) > MAX_MEMBERS:
        return [_problem(where, f"the zip holds {len(infos)} files, over the limit of {MAX_MEMBERS} for a pack",
                         "a pack is its lessons, quizzes and course.toml")]
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        problems.append(_problem(where, f"the zip unpacks to {declared / 1024 / 1024:.0f} MB, over the "
                                 f"{MAX_TOTAL_BYTES // 1024 // 1024} MB limit for a pack",
                                 "a pack is text files: leave large files out"))
    seen: set[str] = set()
    for info in infos:
        found = _member_problem(info)
        if found is not None:
            message, hint = found
            problems.append(_problem(f"{where}: {info.filename!r}", message, hint))
        folded = info.filename.rstrip("/").lower()
        if folded in seen and not info.is_dir():
            problems.append(_problem(f"{where}: {info.filename!r}", "the same file twice in the zip",
                                     "zip each file once"))
        seen.add(folded)
    return problems


def _extract(where: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], into: Path) -> list[Finding]:
    """Write each member, counting what actually comes out: a member that inflates past what it
    declared, or past the limits, stops the unpacking (the caller removes `into`)."""
    top = _top_folder([info.filename for info in infos])
    total = 0
    for info in infos:
        relative = info.filename[len(top):]
        if not relative:
            continue
        target = into.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        try:
            with archive.open(info) as source, _new_file(target) as out:
                for chunk in iter(lambda: source.read(_CHUNK), b""):
                    written += len(chunk)
                    total += len(chunk)
                    if written > info.file_size or written > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                        return [_problem(f"{where}: {info.filename!r}", "unpacks to more than it declares or the "
                                         "limits allow (a zip bomb)", "build the pack with `tutor pack build DIR`")]
                    out.write(chunk)
        except zipfile.BadZipFile:
            # zipfile reads no more than a member declares, so one that would inflate further fails
            # its checksum here: a damaged zip, or a zip bomb that lies about its size.
            return [_problem(f"{where}: {info.filename!r}", "does not unpack to what it declares (a damaged zip, or "
                             "a zip bomb)", "build the pack with `tutor pack build DIR`")]
        except (OSError, EOFError, ValueError, NotImplementedError) as exc:
            return [_problem(f"{where}: {info.filename!r}", f"cannot be unpacked ({exc})",
                             "build the pack with `tutor pack build DIR`")]
    return []


def _new_file(path: Path) -> io.BufferedWriter:
    """A file that did not exist (O_EXCL: a member never writes through something already there)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    return os.fdopen(descriptor, "wb")


# -- copying a folder -------------------------------------------------------------------------

def copy_pack_folder(source: Path, into: Path) -> list[Finding]:
    """Copy a pack folder's files into the empty folder `into` (hidden files and folders, such as
    .git, are left out), with the limits a zip has; a link is refused, not followed."""
    problems: list[Finding] = []
    files: list[Path] = []
    for path in _walk(source, problems):
        files.append(path)
        if len(files) > MAX_MEMBERS:
            return [_problem(str(source), f"the folder holds over {MAX_MEMBERS} files", "install the pack's folder "
                             "itself (course.toml, lessons/, quizzes/)")]
    total = 0
    for path in files:
        size = path.stat().st_size
        total += size
        if size > MAX_MEMBER_BYTES:
            problems.append(_problem(str(path), f"{size / 1024 / 1024:.0f} MB, over the "
                                     f"{MAX_MEMBER_BYTES // 1024 // 1024} MB limit for one file",
                                     "leave large files out of the pack"))
    if total > MAX_TOTAL_BYTES:
        problems.append(_problem(str(source), f"the folder holds {total / 1024 / 1024:.0f} MB, over the "
                                 f"{MAX_TOTAL_BYTES // 1024 // 1024} MB limit for a pack",
                                 "a pack is text files: leave large files out"))
    if problems:
        return problems
    for path in files:
        target = into / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        with path.open("rb") as src, _new_file(target) as out:
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                out.write(chunk)
    return []


def _walk(folder: Path, problems: list[Finding]) -> Iterator[Path]:
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda item: item.name):
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                problems.append(_problem(str(path), "a link, not a file", "copy the file into the pack instead of "
                                         "linking to it"))
            elif entry.is_dir():
                yield from _walk(path, problems)
            elif entry.is_file():
                yield path
            else:
                problems.append(_problem(str(path), "a special file (a device, FIFO or socket), not a regular file",
                                         "leave it out of the pack"))

"""`tutor pack` (issue 26, items 2 and 3): a trainer builds the zip she sends, a colleague installs it in
one command and `tutor` opens it; with several installed, `--pack ID` or a choice says which. A zip is
untrusted: every hostile one is refused in words, and nothing is written until the whole pack is checked.
A pack with the id of an installed one updates it, or is refused when it is another course."""

from __future__ import annotations

import json
import os
import stat
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tutor.content.pack_archive import MAX_MEMBER_BYTES, MAX_MEMBERS

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "agency-client-communication"


def tutor(*args: str, home: Path, cwd: Path, given: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "TUTOR_HOME": str(home)}
    env.pop("TUTOR_CONTENT", None)
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=given, text=True, capture_output=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.fixture
def place(tmp_path):
    (tmp_path / "home").mkdir()
    return tmp_path


def packs_in(home: Path) -> list[str]:
    folder = home / "packs"
    return sorted(entry.name for entry in folder.iterdir()) if folder.is_dir() else []


def new_pack(place: Path, name: str = "agency") -> Path:
    made = tutor("new", "course", name, home=place / "home", cwd=place)
    assert made.returncode == 0, made.stderr
    return place / name


# -- the trainer's story -----------------------------------------------------------------------

def test_build_then_add_then_tutor_opens_the_pack_without_any_flag(place):
    home = place / "home"
    pack = new_pack(place)
    course_id = json.loads(tutor("lessons", "--json", "--content", str(pack), home=home, cwd=place).stdout)
    built = tutor("pack", "build", "agency", home=home, cwd=place)
    assert built.returncode == 0, built.stdout + built.stderr
    [zipped] = place.glob("*.zip")
    assert f"Wrote {zipped}" in built.stdout and f"`tutor pack add {zipped.name}`" in built.stdout
    with zipfile.ZipFile(zipped) as archive:
        assert sorted(archive.namelist()) == ["agency/course.toml", "agency/lessons/01-first-lesson.md",
                                              "agency/quizzes/first-lesson.toml"]

    colleague = place / "colleague"
    colleague.mkdir()
    (colleague / "home").mkdir()
    added = tutor("pack", "add", str(zipped), home=colleague / "home", cwd=colleague)
    assert added.returncode == 0, added.stdout + added.stderr
    assert 'Installed "Agency"' in added.stdout and "1 lesson and 1 quiz" in added.stdout
    lessons = tutor("lessons", home=colleague / "home", cwd=colleague)
    assert "Your first lesson" in lessons.stdout, lessons.stdout + lessons.stderr
    assert course_id  # the pack's lessons, not the shipped course's
    plain = tutor("--plain", home=colleague / "home", cwd=colleague, given="quit\n")
    assert plain.stdout.startswith("Agency\n"), plain.stdout
    listed = tutor("pack", "list", home=colleague / "home", cwd=colleague)
    assert listed.stdout.split("\n")[0].split("  ")[1] == "Agency"
    assert "(the shipped course: `tutor --pack freelance-tos`)" in listed.stdout
    assert "freelance-tos" in tutor("lessons", "--pack", "freelance-tos", "--json", home=colleague / "home",
                                    cwd=colleague).stdout or \
        "why-the-platform" in tutor("lessons", "--pack", "freelance-tos", home=colleague / "home", cwd=colleague).stdout


def test_a_folder_installs_too_and_remove_keeps_the_progress(place):
    home = place / "home"
    added = tutor("pack", "add", str(EXAMPLE), home=home, cwd=place)
    assert added.returncode == 0, added.stdout + added.stderr
    [installed] = packs_in(home)
    assert installed == "lantern-pine-client-communication"
    quiz = tutor("quiz", "where-we-talk", "--plain", "--again", home=home, cwd=place, given="1\n" * 12)
    assert "Score:" in quiz.stdout, quiz.stdout + quiz.stderr
    removed = tutor("pack", "remove", installed, home=home, cwd=place)
    assert removed.returncode == 0 and "Your progress in it is kept" in removed.stdout
    assert packs_in(home) == []
    tutor("pack", "add", str(EXAMPLE), home=home, cwd=place)
    progress = json.loads(tutor("progress", "--json", home=home, cwd=place).stdout)
    assert any(lesson["quiz_attempts"] for lesson in progress["lessons"])  # back as it was


def test_with_several_packs_pack_or_a_numbered_choice_says_which(place):
    home = place / "home"
    assert tutor("pack", "add", str(EXAMPLE), home=home, cwd=place).returncode == 0
    tutor("pack", "build", "agency", home=home, cwd=new_pack(place).parent)
    [zipped] = place.glob("*.zip")
    assert tutor("pack", "add", str(zipped), home=home, cwd=place).returncode == 0
    unsure = tutor("lessons", home=home, cwd=place)
    assert unsure.returncode == 2 and "several packs are installed" in unsure.stderr and "--pack ID" in unsure.stderr
    chosen = tutor("--plain", home=home, cwd=place, given="2\nquit\n")
    out = chosen.stdout
    assert "Which course?\n  1. Agency\n  2. Lantern & Pine" in out, out
    assert "3. Freelance marketplaces: the rules before your first job (the shipped" in out
    assert "Lantern & Pine: talking with clients (an example pack)\n" in out.split("Type a number:")[1]
    assert "Where we talk with clients" in tutor("lessons", home=home, cwd=place).stdout  # remembered
    assert "Your first lesson" in tutor("lessons", "--pack", zipped.stem, home=home, cwd=place).stdout
    unknown = tutor("lessons", "--pack", "nope", home=home, cwd=place)
    assert unknown.returncode == 2 and 'no pack "nope" is installed' in unknown.stderr


# -- 3. one id, two packs --------------------------------------------------------------------

def test_a_pack_with_an_installed_id_updates_it_or_is_refused_when_it_is_another_course(place):
    home = place / "home"
    pack = new_pack(place)
    assert tutor("pack", "add", str(pack), home=home, cwd=place).returncode == 0
    lesson = pack / "lessons" / "01-first-lesson.md"
    lesson.write_text(lesson.read_text().replace('title = "Your first lesson"', 'title = "Version two"'))
    again = tutor("pack", "add", str(pack), home=home, cwd=place)
    assert again.returncode == 0 and 'Updated "Agency"' in again.stdout and "your progress in it is kept" in again.stdout
    assert "Version two" in tutor("lessons", home=home, cwd=place).stdout
    course = pack / "course.toml"
    course.write_text(course.read_text().replace('title = "Agency"', 'title = "Someone else\'s course"'))
    refused = tutor("pack", "add", str(pack), home=home, cwd=place)
    assert refused.returncode == 1
    assert 'a pack with the id "' in refused.stderr and 'is already installed: "Agency"' in refused.stderr
    assert "run again with --replace" in refused.stderr and "Nothing was written." in refused.stderr
    assert "Agency" in tutor("pack", "list", home=home, cwd=place).stdout
    replaced = tutor("pack", "add", str(pack), "--replace", home=home, cwd=place)
    assert replaced.returncode == 0 and "Someone else's course" in tutor("pack", "list", home=home, cwd=place).stdout


def test_a_pack_with_the_shipped_course_s_id_is_refused(place):
    pack = new_pack(place)
    course = pack / "course.toml"
    text = course.read_text()
    start = text.index('id = "') + 6
    course.write_text(text[:start] + "freelance-tos" + text[text.index('"', start):])
    refused = tutor("pack", "add", str(pack), home=place / "home", cwd=place)
    assert refused.returncode == 1 and "shipped course" in refused.stdout + refused.stderr
    assert packs_in(place / "home") == []


# -- a zip is untrusted ------------------------------------------------------------------------

def _good_members(pack: Path) -> dict[str, bytes]:
    return {f"agency/{path.relative_to(pack).as_posix()}": path.read_bytes()
            for path in sorted(pack.rglob("*")) if path.is_file()}


def _zip(path: Path, members: dict[str, bytes], extra: list[zipfile.ZipInfo | tuple[zipfile.ZipInfo, bytes]] = ()):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for item in extra:
            info, data = item if isinstance(item, tuple) else (item, b"x")
            archive.writestr(info, data)
    return path


def _special(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


def _lying_bomb(path: Path, members: dict[str, bytes]) -> Path:
    """A zip whose last member says it unpacks to 100 bytes and unpacks to 5 MB of zeros."""
    _zip(path, {**members, "agency/lessons/bomb.md": b"\0" * (5 * 1024 * 1024)})
    data = bytearray(path.read_bytes())
    name = b"agency/lessons/bomb.md"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while True:
            found = data.find(signature, start)
            if found == -1:
                break
            name_at = found + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, found + size_at, 100)
            start = found + 4
    path.write_bytes(bytes(data))
    return path


HOSTILE = {
    "climbs out": (lambda m: {**m, "agency/../../evil.txt": b"x"}, "a path that climbs out of the pack"),
    "absolute": (lambda m: {**m, "/tmp/evil.txt": b"x"}, "an absolute path"),
    "drive": (lambda m: {**m, "C:/evil.txt": b"x"}, "an absolute path"),
    "backslash": (lambda m: {**m, "agency\\lessons\\x.md": b"x"}, "a Windows path"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_zip_that_writes_outside_its_folder_is_refused_and_nothing_is_written(place, case):
    make, message = HOSTILE[case]
    zipped = _zip(place / "hostile.zip", make(_good_members(new_pack(place))))
    refused = tutor("pack", "add", str(zipped), home=place / "home", cwd=place)
    assert refused.returncode == 1 and message in refused.stdout, refused.stdout + refused.stderr
    assert "Nothing was written." in refused.stderr and "Traceback" not in refused.stderr
    assert packs_in(place / "home") == []
    assert not (place / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()


@pytest.mark.parametrize("mode, message", [(stat.S_IFLNK | 0o777, "a link, not a file"),
                                           (stat.S_IFCHR | 0o644, "a special file"),
                                           (stat.S_IFIFO | 0o644, "a special file")])
def test_links_and_special_files_in_a_zip_are_refused(place, mode, message):
    zipped = _zip(place / "hostile.zip", _good_members(new_pack(place)), [_special("agency/lessons/x.md", mode)])
    refused = tutor("pack", "add", str(zipped), home=place / "home", cwd=place)
    assert refused.returncode == 1 and message in refused.stdout, refused.stdout + refused.stderr
    assert packs_in(place / "home") == []


def test_a_zip_bomb_is_refused_by_what_it_declares_and_by_what_it_really_unpacks_to(place):
    members = _good_members(new_pack(place))
    declared = _zip(place / "declared.zip", {**members, "agency/big.bin": b"\0" * (MAX_MEMBER_BYTES + 1)})
    refused = tutor("pack", "add", str(declared), home=place / "home", cwd=place)
    assert refused.returncode == 1 and "MB limit for one file" in refused.stdout, refused.stdout + refused.stderr
    lying = _lying_bomb(place / "lying.zip", members)
    refused = tutor("pack", "add", str(lying), home=place / "home", cwd=place)
    assert refused.returncode == 1 and "does not unpack to what it declares" in refused.stdout, refused.stdout
    assert packs_in(place / "home") == []


def test_too_many_files_an_encrypted_member_and_a_file_that_is_not_a_zip_are_refused(place):
    members = _good_members(new_pack(place))
    many = _zip(place / "many.zip", {**members, **{f"agency/extra/{n}.txt": b"" for n in range(MAX_MEMBERS)}})
    refused = tutor("pack", "add", str(many), home=place / "home", cwd=place)
    assert refused.returncode == 1 and f"over the limit of {MAX_MEMBERS}" in refused.stdout
    locked = _zip(place / "locked.zip", members, [(zipfile.ZipInfo("agency/secret.md"), b"x")])
    data = bytearray(locked.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.rfind(signature)
        struct.pack_into("<H", data, at + flags_at, struct.unpack_from("<H", data, at + flags_at)[0] | 1)
    locked.write_bytes(bytes(data))
    refused = tutor("pack", "add", str(locked), home=place / "home", cwd=place)
    assert refused.returncode == 1 and "an encrypted file" in refused.stdout, refused.stdout + refused.stderr
    fake = place / "fake.zip"
    fake.write_text("not a zip")
    refused = tutor("pack", "add", str(fake), home=place / "home", cwd=place)
    assert refused.returncode == 1 and "not a zip that can be read" in refused.stdout
    assert packs_in(place / "home") == []


def test_a_pack_with_an_error_is_refused_with_the_check_s_findings_and_leaves_nothing(place):
    pack = new_pack(place)
    lesson = pack / "lessons" / "01-first-lesson.md"
    lesson.write_text(lesson.read_text().replace('title = "Your first lesson"', 'title = ""'))
    zipped = _zip(place / "broken.zip", _good_members(pack))
    refused = tutor("pack", "add", str(zipped), home=place / "home", cwd=place)
    assert refused.returncode == 1
    assert 'lessons/01-first-lesson.md:' in refused.stdout and '"title" is blank' in refused.stdout, refused.stdout
    assert ".incoming" not in refused.stdout
    assert "errors in the pack" in refused.stderr and "Nothing was written." in refused.stderr
    assert packs_in(place / "home") == []  # not even the temporary folder


# -- the zip an author sends ------------------------------------------------------------------

def test_build_refuses_a_pack_with_an_error_and_never_writes_over_progress_or_other_files(place):
    home = place / "home"
    pack = new_pack(place)
    assert tutor("--plain", "--content", str(pack), home=home, cwd=place, given="quit\n").returncode == 0
    database = home / "progress.db"
    assert database.is_file()
    before = database.read_bytes()
    for target in (database, Path(str(database) + "-wal"), home / "somewhere.zip"):
        refused = tutor("pack", "build", str(pack), "--output", str(target), home=home, cwd=place)
        assert refused.returncode == 2 and "where your progress is kept" in refused.stderr, refused.stderr
    assert database.read_bytes() == before
    notes = place / "notes.txt"
    notes.write_text("my notes")
    refused = tutor("pack", "build", str(pack), "--output", str(notes), home=home, cwd=place)
    assert refused.returncode == 2 and "is not a zip: it is left as it is" in refused.stderr
    assert notes.read_text() == "my notes"
    first = tutor("pack", "build", str(pack), "--output", "send.zip", home=home, cwd=place)
    again = tutor("pack", "build", str(pack), "--output", "send.zip", home=home, cwd=place)
    assert first.returncode == again.returncode == 0  # a zip it wrote is rebuilt in place
    assert [p.name for p in place.iterdir() if p.name.startswith(".send.zip")] == []  # no temporary file left
    lesson = pack / "lessons" / "01-first-lesson.md"
    lesson.write_text(lesson.read_text().replace('id = "first-lesson"', 'id = "first lesson"'))
    broken = tutor("pack", "build", str(pack), "--output", "broken.zip", home=home, cwd=place)
    assert broken.returncode == 1 and "no zip written" in broken.stderr and not (place / "broken.zip").exists()

"""`tutor lms` as a trainer runs it (issue 29): export what she names, the report printed and kept
beside the file, the output written whole or not at all and never over the progress database; import
a bank and let `tutor check` say what is left to complete."""

from __future__ import annotations

import io
import re
import zipfile

from tests.interchange.conftest import REPO, tutor
from tutor.content.loader import load_course, shipped_root

PACK = REPO / "tests" / "fixtures" / "pack"


def test_export_writes_the_file_and_prints_the_report_and_keeps_it_beside_the_file(tmp_path):
    result = tutor("lms", "export", "--format", "moodle-xml", "-o", "course.xml", "--report", cwd=tmp_path,
                   home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    found = re.fullmatch(r"Exported (\d+) question\(s\) from 12 quiz\(zes\) to course\.xml \(Moodle XML\); "
                         r"(\d+) scenario\(s\) flattened into (\d+) question\(s\)\.", first)
    assert found, first
    course, _ = load_course(shipped_root())
    questions = [q for quiz_id in course.quiz_index for q in course.quiz(quiz_id).questions]
    scenarios = sum(q.kind == "scenario" for q in questions)
    exported, flattened, steps = (int(n) for n in found.groups())
    assert flattened == scenarios and exported == len(questions) - scenarios + steps and steps >= scenarios
    assert "interview-stays-on-platform/zoom-link-reply: scenario flattened" in result.stdout
    kept = (tmp_path / "course.xml.report.txt").read_text(encoding="utf-8")
    assert kept.splitlines()[0] == result.stdout.splitlines()[0]
    assert (tmp_path / "course.xml").read_bytes().startswith(b"<?xml")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_export_of_named_quizzes_from_another_pack(tmp_path):
    result = tutor("lms", "export", "--content", str(PACK), "--format", "qti21", "--quiz", "stay", "-o", "stay.zip",
                   cwd=tmp_path, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    names = zipfile.ZipFile(io.BytesIO((tmp_path / "stay.zip").read_bytes())).namelist()
    assert names[0] == "imsmanifest.xml" and "tests/stay.xml" in names
    unknown = tutor("lms", "export", "--content", str(PACK), "--format", "gift", "--quiz", "nope", "-o", "x.gift",
                    cwd=tmp_path, home=tmp_path / "home")
    assert unknown.returncode == 2 and "no quiz nope in this pack (its quizzes: stay)" in unknown.stderr
    assert not (tmp_path / "x.gift").exists()


def test_export_never_replaces_the_progress_database_or_the_packs_own_files(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    database = home / "progress.db"
    database.write_bytes(b"SQLite format 3\x00 the learner's progress")
    for target in (database, home / "progress.db-wal"):  # every output is guarded (tutor/progress/output.py)
        result = tutor("lms", "export", "--content", str(PACK), "--format", "gift", "-o", str(target), cwd=tmp_path,
                       home=home)
        assert result.returncode == 1 and "refusing to write" in result.stderr, result.stderr
    for target in (PACK / "quizzes" / "stay.toml", PACK / "course.toml"):
        result = tutor("lms", "export", "--content", str(PACK), "--format", "gift", "-o", str(target), cwd=tmp_path,
                       home=home)
        assert result.returncode == 2 and "never writes over it" in result.stderr, result.stderr
    assert database.read_bytes() == b"SQLite format 3\x00 the learner's progress"
    assert not (home / "progress.db-wal").exists()


def test_a_re_export_replaces_the_old_file_whole(tmp_path):
    target = tmp_path / "stay.gift"
    target.write_text("an older export\n", encoding="utf-8")
    target.chmod(0o640)
    result = tutor("lms", "export", "--content", str(PACK), "--format", "gift", "-o", str(target), cwd=tmp_path,
                   home=tmp_path / "home")
    assert result.returncode == 0
    written = target.read_text(encoding="utf-8")
    assert "an older export" not in written and "[id:stay/" in written
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    missing = tutor("lms", "export", "--content", str(PACK), "--format", "gift", "-o", "no/such/folder/x.gift",
                    cwd=tmp_path, home=tmp_path / "home")
    assert missing.returncode == 2 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr


def test_import_then_check_points_at_every_placeholder(tmp_path):
    bank = REPO / "tests" / "interchange" / "banks" / "trainer.gift"
    result = tutor("lms", "import", str(bank), "--into", "pack", cwd=tmp_path, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "Left out (the tutor has no such question):" in result.stdout
    assert 'line 22, "Own words": essay' in result.stdout
    assert "Next: `tutor check pack` lists what is left to complete." in result.stdout
    placeholders = [line.split(": ")[0].removeprefix("- ") for line in result.stdout.splitlines()
                    if line.startswith("- lessons/") or line.startswith("- quizzes/")]
    assert placeholders
    check = tutor("check", "pack", cwd=tmp_path, home=tmp_path / "home")
    assert check.returncode == 1
    reported = {":".join(line.split(":")[:2]) for line in check.stdout.splitlines() if ": error:" in line}
    assert {f"pack/{where}" for where in placeholders} <= reported


def test_import_of_a_bank_with_nothing_the_tutor_can_take_writes_nothing(tmp_path):
    bank = tmp_path / "essays.gift"
    bank.write_text("::E1::Explain.{}\n\n::E2::Explain more.{}\n", encoding="utf-8")
    result = tutor("lms", "import", str(bank), "--into", "pack", cwd=tmp_path, home=tmp_path / "home")
    assert result.returncode == 1 and "has no question the tutor can take" in result.stderr
    assert 'line 1, "E1": essay' in result.stdout and not (tmp_path / "pack").exists()


def test_lms_is_in_the_help_and_in_the_readme():
    result = tutor("--help", cwd=REPO, home=REPO / ".nothing")
    assert "lms" in result.stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`tutor lms export --format moodle-xml|gift|qti21" in readme.replace("\\|", "|")
    assert "`tutor lms import FILE --into PACK_DIR`" in readme
    assert (REPO / "docs" / "lms.md").exists()

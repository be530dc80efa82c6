"""`tutor guide` on the command line and in the plain mode, driven through pipes: the list and its
JSON, every shipped guide walked to its message line by line, a detail on its own prompt, going back,
saving the message to a file (never over the progress database), keeping it and finding it again, and
the quiz's bad ending that points to a guide."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content.loader import load_course, shipped_root
from tutor.progress import open_store

REPO = Path(__file__).resolve().parent.parent
SEED = "1\n1\n1\n1\n3\n1\n1\n1\n"  # Upwork, the client's Zoom link, the client asked, didn't know, accepted the offer


def tutor(*args: str, data: Path, given: str = "", cwd: Path = REPO) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(data), *args], input=given.encode(),
                          capture_output=True, cwd=cwd, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO), "TUTOR_CONTENT": ""})


def text(result: subprocess.CompletedProcess[bytes]) -> str:
    out = result.stdout.decode("utf-8")
    assert re.findall(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out) == [], "only printable text and newlines"
    assert "Traceback" not in result.stderr.decode() and "internal error" not in result.stderr.decode()
    return out


def message_of(out: str) -> str:
    return out.split("----- message -----\n", 1)[1].split("\n----- end of message -----", 1)[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_the_guides_are_listed_for_people_and_for_scripts(data):
    listed = text(tutor("guide", data=data))
    assert "talked-outside-before-contract   I talked with a client outside the platform before a contract" in listed
    rows = json.loads(text(tutor("guide", "--json", data=data)))
    assert {row["id"] for row in rows} == {"talked-outside-before-contract", "paid-outside-platform",
                                           "account-warning-hold-suspension"}
    assert all(row["title"] and row["summary"] for row in rows)
    unknown = tutor("guide", "nope", "--plain", data=data)
    assert unknown.returncode == 2 and "no guide 'nope'; the guides are:" in unknown.stderr.decode()


def test_the_seed_case_walked_line_by_line_prints_the_message_to_send(data):
    given = SEED + "14 March 2026\ndana_k\nLanding page for a bakery\nAmira\n\n"
    result = tutor("guide", "talked-outside-before-contract", "--plain", data=data, given=given)
    out = text(result)
    assert result.returncode == 0, out
    assert "not legal advice" in out
    assert "Question 2: Before any contract existed, what happened outside Upwork?" in out
    assert "  1 (a). A call on the client's own Zoom meeting, through a link the client sent" in out
    assert "When it happened (a date, or roughly) (for example: 12 March 2026): 14 March 2026" in out
    assert "How serious: Medium." in out and "What to do now:\n1. Stop using the outside channel today" in out
    assert "(checked 2026-12-01): https://support.upwork.com/hc/en-us/articles/360052511833)" in " ".join(out.split())
    message = message_of(out)
    assert message.startswith("Hello,\n\nI am writing about my conversation with the client dana_k about the job "
                              '"Landing page for a bakery".')  # one line, not wrapped: what is printed is copied
    assert "On 14 March 2026, before any contract existed, the client sent me a link to a meeting on their own " \
           "Zoom account, and I joined the call." in message
    assert message.endswith("Thank you,\nAmira")
    assert "- I think I already broke a rule. What now? (tutor read already-broke-a-rule)" in out
    with open_store(data) as store:
        assert store.kept_draft("freelance-tos", "talked-outside-before-contract") is None  # nothing kept unasked


@pytest.mark.parametrize("guide_id", ["talked-outside-before-contract", "paid-outside-platform",
                                      "account-warning-hold-suspension"])
def test_every_outcome_of_every_guide_can_be_reached_from_a_pipe(data, guide_id):
    """For each outcome, the first way to it (found in the core) typed as numbers at the prompts."""
    from tests.progress.test_guides import every_way

    guide = load_course(shipped_root())[0].guides[guide_id]
    first: dict[str, list[str]] = {}
    for way in every_way(guide):
        from tutor.progress.scoring import StepWalk

        walk = StepWalk(guide)
        numbers = []
        for option in way:
            assert walk.step is not None
            numbers.append(str([o.id for o in walk.step.options].index(option) + 1))
            walk.choose(option)
        assert walk.ending is not None and walk.ending.outcome is not None
        first.setdefault(walk.ending.outcome, numbers)
    for outcome_id, numbers in first.items():
        outcome = guide.outcome(outcome_id)
        assert outcome is not None
        given = "\n".join(numbers) + "\n" + "\n" * 8  # every detail left empty, then finish
        out = text(tutor("guide", guide_id, "--plain", data=data, given=given))
        assert outcome.title in " ".join(out.split()) and "----- end of message -----" in out, outcome_id


def test_back_goes_to_the_question_before_and_a_bad_answer_is_asked_again(data):
    given = "1\nback\n2\n9\nback\nback\n1\n" + "1\n1\n1\n3\n1\n1\n1\n" + "\n" * 5
    out = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, given=given))
    assert "You: Fiverr" in out and "There is no answer 9: type a number from 1 to 3." in out
    assert "How serious: Medium." in out and "Upwork: you talked" in out


def test_a_detail_too_long_is_asked_again_and_typed_escapes_never_reach_the_terminal(data):
    given = SEED + "x" * 41 + "\n\x1b[2J\x1b]52;c;ZXZpbA==\x07today\ndana\n\nAmira\n\n"
    out = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, given=given))
    assert "That is 41 characters; keep it to 40, or press Enter to leave it out." in out
    assert "On [2J]52;c;ZXZpbA==today, before any contract existed" in message_of(out)
    assert '"[the job title]"' in message_of(out)  # left out: the message shows what to fill in


def test_the_message_is_saved_to_a_file_and_an_existing_one_only_with_a_yes(data, tmp_path):
    given = SEED + "\n\n\n\n" + "save message.txt\n\n"
    out = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, given=given, cwd=tmp_path))
    saved = tmp_path / "message.txt"
    assert f"Saved to {saved}." in " ".join(out.split()) and saved.read_text(encoding="utf-8") == message_of(out) + "\n"
    saved.write_text("my notes", encoding="utf-8")
    out = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, cwd=tmp_path,
                     given=SEED + "\n\n\n\n" + "save message.txt\nno\n\n"))
    assert "message.txt already exists. Replace it? (yes or no):" in out and "Nothing was saved." in out
    assert saved.read_text(encoding="utf-8") == "my notes"


def test_the_progress_database_is_never_written_over(data, tmp_path):
    with open_store(data):
        pass
    database = data / "progress.db"
    before = database.read_bytes()
    out = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, cwd=tmp_path,
                     given=SEED + "\n\n\n\n" + f"save {database}\nsave {database}-wal\n\n"))
    assert out.count("Not saved:") == 2 and "is your progress database" in out
    assert database.read_bytes() == before


def test_a_kept_message_is_offered_next_time_and_reset_erases_it(data):
    given = SEED + "\n\n\nAmira\n" + "keep\n\n"
    out = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, given=given))
    assert "Kept." in out
    with open_store(data) as store:
        kept = store.kept_draft("freelance-tos", "talked-outside-before-contract")
        assert kept is not None and kept.message.endswith("Amira") and kept.details["name"] == "Amira"
    again = text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, given="show\nforget\n"))
    assert "You kept a message from this guide on" in again and "Thank you,\nAmira" in again
    assert "The kept message is erased." in again
    assert "Kept." in text(tutor("guide", "talked-outside-before-contract", "--plain", data=data, given=given))
    reset = tutor("reset", "--yes", data=data)
    assert reset.returncode == 0, reset.stderr.decode()
    with open_store(data) as store:
        assert store.kept_draft("freelance-tos", "talked-outside-before-contract") is None


def test_stopping_half_way_keeps_nothing_and_says_so(data):
    result = tutor("guide", "paid-outside-platform", "--plain", data=data, given="1\n")
    assert result.returncode == 1 and "nothing you answered or typed was kept" in text(result)


def test_the_menu_offers_the_guides(data):
    out = text(tutor("--plain", data=data, given="something\n3\n" + "1\n1\n1\n1\n" + "\n" * 6 + "quit\n"))
    assert "Something already went wrong? Guides for what to do now" in out
    assert "Something already went wrong? Choose what happened:" in out


def test_a_scenarios_bad_ending_points_to_the_guide_that_names_it(data, tmp_path):
    import shutil

    from tests.content.guide_text import GUIDE

    pack = tmp_path / "pack"
    shutil.copytree(REPO / "tests" / "fixtures" / "pack", pack)
    (pack / "guides").mkdir()
    (pack / "guides" / "went-wrong.toml").write_text(
        GUIDE.replace('"intro-quiz/story"', '"stay/whatsapp-story"').replace('"intro"', '"stay"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tutor", "--content", str(pack), "--data-dir", str(data), "quiz",
                             "stay", "--plain"], input=b"2\n1 2\nt\n1\n", capture_output=True, cwd=REPO, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    out = " ".join(text(result).split())
    assert "Bad ending." in out
    assert "Something like this already happened to you? `tutor guide went-wrong --plain` walks you through it: I " \
           "talked with a client outside the platform." in out
    assert out.count("tutor guide went-wrong") == 1  # only after the bad ending

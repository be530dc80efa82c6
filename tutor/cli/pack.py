"""`tutor pack`: install a pack a colleague sent (a folder or a zip), list and remove installed packs,
and build the zip an author sends. The packs are data in the user's data folder, next to progress
(tutor/content/installed.py); which one opens at start is `--pack ID`, or a choice when several are
installed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.cli.common import CommandError, Exit, packs_dir_for, plural, reports_errors, shipped_pack, show, show_json

if TYPE_CHECKING:
    from tutor.content.findings import Finding
    from tutor.content.installed import InstalledPack


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    pack = commands.add_parser("pack", help="install, list, remove or build content packs",
                               description="Packs a colleague sends, installed next to your progress: "
                               "`tutor pack add` one, then `tutor` opens it (or `tutor --pack ID`).")
    actions = pack.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="install a pack from its folder or its zip (checked first)",
                             description="Check the pack at PATH (a folder or a .zip from `tutor pack build`) and "
                             "install it. Nothing is installed if `tutor check` finds an error. A pack with the id of "
                             "an installed one updates it; its learners keep their progress.")
    command_options(add)
    add.add_argument("path", metavar="PATH", help="the pack's folder or .zip")
    add.add_argument("--replace", action="store_true",
                     help="install over an installed pack with the same id but another title")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="the installed packs, and the shipped course")
    command_options(listing)
    listing.add_argument("--json", action="store_true", help="as JSON, for scripts")
    listing.set_defaults(handler=run_list)

    remove = actions.add_parser("remove", help="uninstall a pack (your progress in it is kept)")
    command_options(remove)
    remove.add_argument("pack_id", metavar="ID", help="the pack's id (`tutor pack list` lists them)")
    remove.set_defaults(handler=run_remove)

    build = actions.add_parser("build", help="check a pack and write the zip to send",
                               description="Check the pack in DIR (as `tutor check --strict` would: errors refuse "
                               "it) and write its files to a zip that `tutor pack add` installs.")
    command_options(build)
    build.add_argument("folder", metavar="DIR", nargs="?", default=".", help="the pack's folder (default: here)")
    build.add_argument("--output", "-o", metavar="FILE", help="the zip to write (default: COURSE-ID.zip here)")
    build.set_defaults(handler=run_build)


def _print_findings(findings: list[Finding] | tuple[Finding, ...], base: Path | None = None) -> None:
    for finding in findings:
        print(finding.format(base))


@reports_errors("pack add")
def run_add(args: argparse.Namespace) -> int:
    from tutor.content.installed import install_pack
    from tutor.content.sanitize import clean_line
    from tutor.progress.location import ensure_private_dir

    source = Path(args.path).expanduser()
    if not source.exists():
        raise CommandError(f"{args.path}: no such folder or zip", Exit.USAGE)
    if source.is_file() and source.suffix.lower() != ".zip":
        raise CommandError(f"{args.path}: not a pack's folder or a .zip", Exit.USAGE)
    packs = packs_dir_for(args)
    ensure_private_dir(packs)
    result = install_pack(source.resolve(), packs, replace=args.replace)
    for finding in result.findings:
        print(_from_pack_top(finding).format())
    if result.pack is None:
        errors = sum(f.severity == "error" for f in result.findings)
        why = result.refused or (f"{plural(errors, 'error')} in the pack (listed above, as `tutor check` prints them)"
                                 if errors else "it could not be read")
        raise CommandError(f"{clean_line(args.path)} was not installed: {why}. Nothing was written.")
    pack = result.pack
    what = f"{plural(result.lessons, 'lesson')} and {plural(result.quizzes, 'quiz', 'quizzes')}"
    if result.replaced is not None:
        show(f'Updated "{pack.title}" (id {pack.id}, {what}); your progress in it is kept.')
    else:
        show(f'Installed "{pack.title}" (id {pack.id}, {what}).')
    show(f"Open it with `tutor --pack {pack.id}` (or just `tutor` when it is the only pack installed).")
    return Exit.OK


def _from_pack_top(finding: Finding) -> Finding:
    """A finding of a pack checked in its temporary folder, named from the pack's top (lessons/x.md)."""
    from msgspec import structs

    parts = finding.path.parts
    index = next((i for i, part in enumerate(parts) if part.startswith(".incoming-")), None)
    if index is None or len(parts) < index + 2:
        return finding
    return structs.replace(finding, path=Path(*parts[index + 2:]))


@reports_errors("pack list")
def run_list(args: argparse.Namespace) -> int:
    from tutor.content.installed import chosen_pack, installed_packs

    packs_dir = packs_dir_for(args)
    packs = installed_packs(packs_dir)
    shipped = shipped_pack()
    chosen = chosen_pack(packs_dir)
    if args.json:
        show_json({"installed": [{"id": p.id, "title": p.title, "language": p.language, "folder": str(p.root)}
                                 for p in packs],
                   "shipped": None if shipped is None else {"id": shipped.id, "title": shipped.title},
                   "opens": _opens(packs, chosen, shipped)})
        return Exit.OK
    if not packs:
        show("No packs installed: `tutor` opens the shipped course. Install one with `tutor pack add PATH|ZIP`.")
    for pack in packs:
        show(f"{pack.id}  {pack.title}  ({pack.language})")
    if shipped is not None:
        show(f"{shipped.id}  {shipped.title}  (the shipped course: `tutor --pack {shipped.id}`)")
    opens = _opens(packs, chosen, shipped)
    if len(packs) > 1:
        show("`tutor` asks which to open" + (f"; commands speak of {opens} (chosen last)" if opens else ""))
    return Exit.OK


def _opens(packs: list[InstalledPack], chosen: str | None, shipped: InstalledPack | None) -> str | None:
    if len(packs) == 1:
        return packs[0].id
    if packs:
        return chosen
    return shipped.id if shipped else None


@reports_errors("pack remove")
def run_remove(args: argparse.Namespace) -> int:
    from tutor.content.installed import remove_pack

    removed = remove_pack(packs_dir_for(args), args.pack_id)
    if removed is None:
        raise CommandError(f'no pack "{args.pack_id}" is installed; `tutor pack list` lists them', Exit.USAGE)
    show(f'Removed "{removed.title}" ({removed.id}). Your progress in it is kept: installing it again brings it '
         f"back, and `tutor reset --pack {removed.id}` would erase it (after `tutor pack add` again).")
    return Exit.OK


@reports_errors("pack build")
def run_build(args: argparse.Namespace) -> int:
    from tutor.content.loader import check_pack
    from tutor.content.pack_archive import pack_members, pack_zip
    from tutor.content.pack_root import is_pack

    folder = Path(args.folder).expanduser().resolve()
    if not folder.is_dir() or not is_pack(folder):
        raise CommandError(f"{args.folder}: not a pack's folder (one with course.toml, lessons/ and quizzes/)",
                           Exit.USAGE)
    if not (folder / "course.toml").is_file():
        raise CommandError(f"{args.folder} has no course.toml: a pack to send needs one, with an id of its own "
                           "(`tutor new course` writes one)")
    from tutor.cli.check import known_courses

    course, findings = check_pack(folder, known_courses=known_courses())
    _print_findings(findings, Path.cwd())
    errors = sum(f.severity == "error" for f in findings)
    if errors:
        raise CommandError(f"no zip written: {plural(errors, 'error')} in the pack (listed above); a pack with an "
                           "error would be refused by `tutor pack add`")
    members = pack_members(course)
    output = Path(args.output).expanduser() if args.output else Path.cwd() / f"{course.id}.zip"
    write_new_output(output, pack_zip(folder, members), args)
    show(f"Wrote {output} ({plural(len(members), 'file')}: course.toml, {plural(len(course.lessons), 'lesson')}, "
         f"{plural(len(course.quiz_index), 'quiz', 'quizzes')}). Send it; a colleague installs it with "
         f"`tutor pack add {output.name}`.")
    if findings:
        print(f"note: {plural(len(findings), 'warning')} above; the pack installs, but read them first.",
              file=sys.stderr)
    return Exit.OK


def write_new_output(path: Path, data: bytes, args: Any) -> None:
    """Write the zip the user named without ever destroying data: through the shared output path
    (tutor/progress/output.py: never the progress database or its side files and backups, written
    whole or not at all), and, on top of it, never into the progress folder (installed packs live
    there) and never over a file that is not a zip."""
    import zipfile

    from tutor.progress.location import resolve_data_dir
    from tutor.progress.output import OutputRefusedError, write_output

    target = path.resolve()
    data_dir = resolve_data_dir(getattr(args, "data_dir", None)).resolve()
    if target.is_relative_to(data_dir):
        raise CommandError(f"{path}: that is where your progress is kept; write the zip somewhere else", Exit.USAGE)
    if target.is_dir():
        raise CommandError(f"{path} is a folder; name the zip to write", Exit.USAGE)
    if target.exists() and not zipfile.is_zipfile(target):
        raise CommandError(f"{path} exists and is not a zip: it is left as it is; name another file", Exit.USAGE)
    if not target.parent.is_dir():
        raise CommandError(f"{target.parent}: no such folder", Exit.USAGE)
    try:
        write_output(target, data, data_dir=getattr(args, "data_dir", None))
    except OutputRefusedError as exc:
        raise CommandError(str(exc), Exit.USAGE) from None

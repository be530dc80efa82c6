"""`tutor learner`, `tutor lrs` and `tutor sync`: who the learner is, where their results go (their
organisation's Learning Record Store), and sending them. Nothing is sent unless the learner sets up both;
docs/teams.md walks an organisation through it, docs/privacy.md says what goes where."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit, open_store_for, plural, reports_errors, show

if TYPE_CHECKING:
    from tutor.lrs.settings import LrsSettings
    from tutor.lrs.sync import SyncReport
    from tutor.progress import ProgressStore
    from tutor.progress.outbox import OutboxStatus

SET_UP_LEARNER = 'tutor learner --name "Your Name" --email you@agency.org'
SET_UP_LRS = "tutor lrs https://lrs.agency.org/xAPI/ --user NAME"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    learner = commands.add_parser(
        "learner", help="say who you are, for your organisation's Learning Record Store (or show it)",
        description="Your name and e-mail address (or an account on your organisation's site), kept with your "
        "progress. Until you give them, nothing is kept for sending. TUTOR_LEARNER_NAME and TUTOR_LEARNER_EMAIL "
        "override them. Without options: show who you are.")
    command_options(learner)
    learner.add_argument("--name", help="your name as your trainer knows it")
    learner.add_argument("--email", metavar="ADDRESS", help="your e-mail address")
    learner.add_argument("--account", metavar="NAME", help="instead of an e-mail: your account name on --home-page")
    learner.add_argument("--home-page", metavar="URL", help="the site your --account belongs to")
    learner.add_argument("--forget", action="store_true",
                         help="forget who you are and erase the results not yet sent")
    learner.set_defaults(handler=run_learner)

    lrs = commands.add_parser(
        "lrs", help="set where your results go: your organisation's xAPI endpoint (or show it)",
        description="The xAPI endpoint of your organisation's Learning Record Store, your user name there and "
        "your password (asked for, or read from standard input with --password-stdin; kept only in a file "
        "that only you can read, never shown). https is required, except to this machine. TUTOR_LRS_URL, "
        "TUTOR_LRS_USER and TUTOR_LRS_PASSWORD override them. Without arguments: show them.")
    command_options(lrs)
    lrs.add_argument("url", nargs="?", help="the xAPI endpoint, as in https://lrs.agency.org/xAPI/")
    lrs.add_argument("--user", help="your user name at the LRS")
    lrs.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    lrs.add_argument("--forget", action="store_true", help="remove the stored address, user and password")
    lrs.set_defaults(handler=run_lrs)

    sync = commands.add_parser(
        "sync", help="send your results to your organisation's Learning Record Store",
        description="Send every result waiting to your organisation's LRS, in batches; a result the LRS "
        "refuses is set aside with its reason and the others still go. Exit status 0 when everything "
        "waiting was sent, 1 when some could not be.")
    command_options(sync)
    sync.add_argument("--status", action="store_true", help="say what is waiting and why, and send nothing")
    sync.add_argument("--dry-run", action="store_true",
                      help="print the statements that would be sent (JSON, one a line) and send nothing")
    sync.add_argument("--include-earlier", action="store_true",
                      help="also send what you did before you said who you are (asked once, kept after)")
    sync.add_argument("--retry-set-aside", action="store_true",
                      help="try the results the LRS refused again (after whoever runs it fixed the cause)")
    sync.add_argument("--batch-size", type=int, default=100, metavar="N",
                      help="statements per request (default 100)")
    sync.set_defaults(handler=run_sync)


# -- tutor learner -------------------------------------------------------------------------------


@reports_errors("learner")
def run_learner(args: argparse.Namespace) -> int:
    from tutor.progress.learner import Learner

    with open_store_for(args, "learner") as store:
        if args.forget:
            erased = store.forget_learner()
            print(f"Forgotten. Nothing more is kept for sending; {plural(erased, 'result')} not yet sent "
                  "erased. What your organisation's LRS already has stays there: ask them to erase it.")
            return Exit.OK
        if not any((args.name, args.email, args.account, args.home_page)):
            return _show_learner(store)
        stored = store.stored_learner()
        name = args.name or (stored.name if stored else None)
        if not name:
            raise CommandError("give your name too: " + SET_UP_LEARNER, Exit.USAGE)
        if args.email:
            learner = Learner(name, email=args.email.strip())
        elif args.account or args.home_page:
            learner = Learner(name, account_name=args.account or (stored.account_name if stored else None),
                              home_page=args.home_page or (stored.home_page if stored else None))
        elif stored is not None:
            learner = Learner(name, stored.email, stored.account_name, stored.home_page)
        else:
            raise CommandError("give your e-mail address (or --account and --home-page) too: " + SET_UP_LEARNER,
                               Exit.USAGE)
        try:
            readdressed = store.set_learner(learner)
        except ValueError as exc:
            raise CommandError(f"not saved: {exc}", Exit.USAGE) from None
        show(f"You are {learner.describe()}. From now on your answers, quizzes, readiness checks and lessons "
              "read are kept for sending to your organisation's LRS; they leave this machine only with "
              "tutor sync (or the app, once an LRS is set up). docs/privacy.md says what is sent.")
        if readdressed:
            print(f"{plural(readdressed, 'result')} waiting to be sent now carry this name and address.")
        _say_earlier(store)
    return Exit.OK


def _show_learner(store: ProgressStore) -> int:
    from tutor.progress.learner import EMAIL_ENV, NAME_ENV

    learner = store.learner()
    if learner is None:
        print("No one: you have not said who you are, so nothing is kept for sending.\n"
              f"Set it with: {SET_UP_LEARNER}")
        return Exit.OK
    import os

    overridden = [name for name in (NAME_ENV, EMAIL_ENV) if os.environ.get(name)]
    where = f" (from {', '.join(overridden)})" if overridden else f" (kept with your progress in {store.path.parent})"
    show(f"You are {learner.describe()}{where}.")
    return Exit.OK


def _say_earlier(store: ProgressStore) -> None:
    earlier = store.outbox_status().earlier
    if earlier:
        print(f"{plural(earlier, 'record')} from before are not kept for sending; "
              "tutor sync --include-earlier sends them too.")


# -- tutor lrs -----------------------------------------------------------------------------------


@reports_errors("lrs")
def run_lrs(args: argparse.Namespace) -> int:
    from tutor.lrs.settings import SettingsError, forget_settings, save_settings

    if args.forget:
        removed = forget_settings()
        print(f"Removed {', '.join(str(path) for path in removed)}." if removed else "Nothing was stored.")
        return Exit.OK
    if args.url is None:
        if args.user or args.password_stdin:
            raise CommandError("give the LRS's address too: " + SET_UP_LRS, Exit.USAGE)
        return _show_lrs()
    if not args.user:
        raise CommandError("give your user name at the LRS with --user: " + SET_UP_LRS, Exit.USAGE)
    password = _read_password(args.password_stdin)
    try:
        folder = save_settings(args.url, args.user, password)
    except SettingsError as exc:
        raise CommandError(f"not saved: {exc}", Exit.USAGE) from None
    print(f"Results will go to {args.url.strip()} as {args.user}. The password is kept in "
          f"{folder / 'lrs-password'}, readable only by you. Send with: tutor sync")
    return Exit.OK


def _read_password(from_stdin: bool) -> str | None:
    """From standard input, a prompt, or (None) not given: $TUTOR_LRS_PASSWORD will be used."""
    import getpass
    import os

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password at the LRS (not shown): ")
    elif os.environ.get("TUTOR_LRS_PASSWORD"):
        return None
    else:
        raise CommandError("no password: type it at the prompt, or pipe it with --password-stdin", Exit.USAGE)
    if not password:
        raise CommandError("the password is empty", Exit.USAGE)
    return password


def _show_lrs() -> int:
    settings = _settings()
    if settings is None:
        print(f"No LRS is set up: nothing is sent. Set one with: {SET_UP_LRS}")
        return Exit.OK
    _describe_lrs(settings)
    return Exit.OK


def _describe_lrs(settings: LrsSettings) -> None:
    from tutor.lrs.settings import PASSWORD_FILE, config_dir

    def origin(key: str) -> str:
        found = settings.origin.get(key, "stored")
        return f"from ${found}" if found != "stored" else f"stored in {config_dir()}"

    password_where = (f"from ${settings.origin['password']}" if settings.origin.get("password") != "stored"
                      else f"stored in {config_dir() / PASSWORD_FILE}, readable only by you")
    print(f"LRS: {settings.url} ({origin('url')})\nUser: {settings.user} ({origin('user')})\n"
          f"Password: {password_where}")


def _settings() -> LrsSettings | None:
    from tutor.lrs.settings import SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        raise CommandError(str(exc)) from None


# -- tutor sync ----------------------------------------------------------------------------------


@reports_errors("sync")
def run_sync(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1", Exit.USAGE)
    with open_store_for(args, "sync") as store:
        if args.include_earlier:
            if store.learner() is None:
                raise CommandError("say who you are first: " + SET_UP_LEARNER)
            print(f"Kept {plural(store.keep_earlier(), 'earlier record')} for sending.", file=sys.stderr)
        if args.retry_set_aside:
            print(f"{plural(store.put_back_set_aside(), 'result')} set aside will be tried again.", file=sys.stderr)
        if args.status:
            return _status(store)
        if args.dry_run:
            return _dry_run(store)
        status = store.outbox_status()
        if status.waiting == 0:
            print(_nothing_waiting(store, status))
            return Exit.OK
        settings = _settings()
        if settings is None:
            raise CommandError(f"{plural(status.waiting, 'result')} wait, but no LRS is set up: {SET_UP_LRS}")
        report = _send(store, settings, args.batch_size)
    show(_summary(report, settings))  # the LRS's reasons are its words: cleaned for the terminal
    return Exit.OK if report.complete and not report.set_aside else Exit.FAILED


def _send(store: ProgressStore, settings: LrsSettings, batch_size: int) -> SyncReport:
    from tutor.lrs.client import LrsClient
    from tutor.lrs.sync import send_waiting

    total = store.waiting_count()

    def progress(report: SyncReport) -> None:
        if total > batch_size:
            print(f"Sent {report.sent} of {total}...", file=sys.stderr, flush=True)

    with LrsClient(settings) as client:
        return send_waiting(store, client, batch_size=batch_size, progress=progress)


def _summary(report: SyncReport, settings: LrsSettings) -> str:
    lines = [f"Sent {plural(report.sent, 'result')} to {settings.url}."]
    if report.set_aside:
        lines.append(f"Set aside {plural(len(report.set_aside), 'result')} the LRS refused (the others went on):")
        lines += [f"  {source}: {why}" for source, why in report.set_aside[:10]]
        if len(report.set_aside) > 10:
            lines.append(f"  and {len(report.set_aside) - 10} more: tutor sync --status lists them.")
    if report.stopped:
        lines.append(f"Stopped: {report.stopped}. {plural(report.waiting, 'result')} wait, kept safely; "
                     "tutor sync sends them next time.")
    elif report.waiting:
        lines.append(f"{plural(report.waiting, 'result')} still wait: run tutor sync again.")
    return "\n".join(lines)


def _nothing_waiting(store: ProgressStore, status: OutboxStatus) -> str:
    if store.learner() is None:
        return f"Nothing to send: you have not said who you are, so nothing is kept for sending. {SET_UP_LEARNER}"
    return f"Nothing waits: {plural(status.sent, 'result')} sent so far."


def _status(store: ProgressStore) -> int:
    status = store.outbox_status()
    learner = store.learner()
    lines = [f"You are {learner.describe()}." if learner else
             f"You have not said who you are: nothing is kept for sending. {SET_UP_LEARNER}"]
    settings = _settings()
    lines.append(f"Results go to {settings.url} as {settings.user}." if settings else
                 f"No LRS is set up: nothing is sent. {SET_UP_LRS}")
    lines.append(f"Sent: {status.sent}" + (f", the last on {_when(status.last_sent)}." if status.last_sent else "."))
    if status.waiting:
        why = (f" The last try failed: {status.trouble}." if status.trouble else
               " They go with the next tutor sync." if status.tries == 0 else "")
        lines.append(f"Waiting: {plural(status.waiting, 'result')}, the oldest from {_when(status.oldest_waiting)}."
                     + why)
    else:
        lines.append("Waiting: none.")
    if status.set_aside:
        lines.append(f"Set aside: {plural(len(status.set_aside), 'result')} the LRS (or tutor's own check) refused; "
                     "they are kept, not sent. When the cause is fixed: tutor sync --retry-set-aside")
        lines += [f"  {item.course_id} {item.source} ({_when(item.at)}): {item.why}" for item in status.set_aside]
    if status.earlier:
        lines.append(f"Not kept for sending: {plural(status.earlier, 'record')} from before you said who you are; "
                     "tutor sync --include-earlier sends them too.")
    show("\n".join(lines))
    return Exit.OK


def _dry_run(store: ProgressStore) -> int:
    import json

    from tutor.content.sanitize import escape_c1_in_json
    from tutor.progress.xapi_rules import statement_problems

    sent = refused = 0
    after = 0
    while batch := store.waiting_statements(500, after):
        after = batch[-1].row
        for waiting in batch:
            problems = statement_problems(json.loads(waiting.body))
            if problems:
                refused += 1
                print(f"would be set aside, {waiting.source}: {'; '.join(problems)}", file=sys.stderr)
            else:
                sent += 1
                print(escape_c1_in_json(waiting.body))
    print(f"Would send {plural(sent, 'statement')}" + (f" and set {refused} aside" if refused else "") +
          " (nothing was sent).", file=sys.stderr)
    return Exit.OK


def _when(moment: object) -> str:
    from datetime import datetime

    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else "?"

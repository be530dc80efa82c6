"""Where each message a screen posts leads (tutor/app/messages.py): a lesson, a quiz (or the offer to
go on with one left part-way), the readiness check, the reviews, the rule changes, a link. Screens
never reach into each other: the App decides what to show and calls down."""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.screen import Screen

from tutor.app import messages
from tutor.app.app_base import AppBase


class Navigation(AppBase):
    def on_open_lesson(self, message: messages.OpenLesson) -> None:
        self.open_lesson(message.lesson_id, message.page, keep_trail=message.keep_trail, glance=message.glance)

    def open_lesson(self, lesson_id: str, page: int | None = None, keep_trail: bool = False,
                    glance: bool = False) -> None:
        """Show a lesson. Like a browser: from a link (keep_trail) it opens over the current screen,
        so Esc comes back; from the dashboard it opens over the dashboard. Going back to the lesson
        right below the current screen returns to it rather than opening it twice."""
        from tutor.app.screens.reader import ReaderScreen

        if lesson_id not in self.course.lessons:
            self.notify(f"There is no lesson called {lesson_id!r} in this course.", severity="warning", markup=False)
            return
        self.leave_welcome()
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, ReaderScreen) and below.lesson.id == lesson_id and page is None:
            self.pop_screen()
            return
        if not keep_trail:
            self.go_to_dashboard()
        self.push_screen(ReaderScreen(self.course.lessons[lesson_id], page, glance=glance))

    def on_take_quiz(self, message: messages.TakeQuiz) -> None:
        self.take_quiz(message.lesson_id, message.only)

    def take_quiz(self, lesson_id: str, only: list[str] | None = None) -> None:
        from tutor.app.screens.quiz import QuizScreen
        from tutor.progress.scoring import QuizRun

        quiz = self.course.quiz_for(lesson_id)
        if quiz is None or not quiz.questions:
            self.notify("This lesson has no quiz that can be shown (run `tutor check` for details).",
                        severity="warning", markup=False)
            return
        self.leave_welcome()
        if quiz.left_out:
            many = quiz.left_out != 1
            self.notify(f"{quiz.left_out} question{'s' * many} of this quiz {'have' if many else 'has'} problems "
                        f"and {'are' if many else 'is'} left out: {self.check_command()} lists them.",
                        severity="warning", timeout=10, markup=False)
        left = None
        with self.keep_going():
            left = self.store.open_attempt(self.course.id, quiz.id) if only is None else None
        resumable = QuizRun(quiz, plan=left.plan, answered=left.answers) if left is not None else None
        if left is None or resumable is None or resumable.finished or not resumable.results:
            self._show_quiz(QuizScreen(quiz, only, seed=self.seed))
            return
        from tutor.app.screens.dialogs import ChoiceScreen

        def chosen(choice: str | None) -> None:
            if choice == "restart":
                with self.keep_going():
                    self.store.abandon_attempt(left.id)
            if choice is not None:
                self._show_quiz(QuizScreen(quiz, resume=left if choice == "resume" else None, seed=self.seed))

        answered = len(resumable.results)
        self.push_screen(ChoiceScreen(
            f"You left this quiz part-way: {answered} of {resumable.total} questions answered. Go on at "
            f"question {resumable.index + 1}, or start again from the first?",
            [("resume", f"Go on at question {resumable.index + 1}", "g"), ("restart", "Start again", "s")]), chosen)

    def _show_quiz(self, screen: Screen[None]) -> None:
        from tutor.app.screens.results import ResultsScreen

        if isinstance(self.screen, ResultsScreen):  # retrying: the results make way for the quiz
            self.switch_screen(screen)
        else:  # the quiz opens over where the learner is, so leaving it returns there
            self.push_screen(screen)

    def on_quiz_finished(self, message: messages.QuizFinished) -> None:
        from tutor.app.screens.results import ResultsScreen

        self.switch_screen(ResultsScreen(message.quiz, message.run))

    # -- the readiness check and the reviews -------------------------------------------------

    def on_start_readiness(self, _message: messages.StartReadiness) -> None:
        self.start_readiness()

    def start_readiness(self) -> None:
        from tutor.app.screens.readiness import ReadinessScreen
        from tutor.progress import readiness_session as session

        self.leave_welcome()
        resumed = None
        with self.keep_going():
            resumed = session.left_check(self.course, self.store)
        if resumed is not None:
            from tutor.app.screens.dialogs import ChoiceScreen

            def chosen(choice: str | None) -> None:
                if choice == "resume":
                    self.push_screen(ReadinessScreen(resumed))
                elif choice == "restart":
                    with self.keep_going():
                        assert resumed.readiness_id is not None
                        self.store.abandon_readiness(resumed.readiness_id)
                        self.push_screen(ReadinessScreen(session.new_check(self.course, self.store, seed=self.seed)))

            assert resumed.started_at is not None
            self.push_screen(ChoiceScreen(
                f"You started a readiness check on {resumed.started_at.astimezone():%d %B at %H:%M} and answered "
                f"{resumed.answered} of {resumed.total} questions. Go on with it, or start a new one?",
                [("resume", "Go on", "g"), ("restart", "Start a new check", "s")]), chosen)
            return
        run = None
        with self.keep_going():
            run = session.new_check(self.course, self.store, seed=self.seed)
        if run is None:
            return
        if not run.total:
            self.notify("This course has no quiz questions to draw a readiness check from.", severity="warning")
            return
        self.push_screen(ReadinessScreen(run))

    def on_readiness_finished(self, message: messages.ReadinessFinished) -> None:
        from tutor.app.screens.readiness import ReadinessResultScreen

        self.switch_screen(ReadinessResultScreen(message.result, message.readiness_id))

    def on_start_reviews(self, _message: messages.StartReviews) -> None:
        from tutor.app.screens.review import ReviewScreen

        self.leave_welcome()
        with self.keep_going():
            self.push_screen(ReviewScreen(self.store.due_reviews(self.course.id)))

    def on_show_changes(self, message: messages.ShowChanges) -> None:
        from tutor.app.screens.changes import RuleChangesScreen

        self.leave_welcome()
        self.push_screen(RuleChangesScreen(message.change_id))

    def on_open_guide(self, message: messages.OpenGuide) -> None:
        self.open_guide(message.guide_id)

    def open_guide(self, guide_id: str | None) -> None:
        """Show a guide over where the learner is (Esc comes back), or, for None, the list to choose from."""
        from tutor.app.screens.guide import GuideScreen
        from tutor.app.screens.guides_list import GuidesScreen

        self.leave_welcome()
        if guide_id is None:
            guides = list(self.course.guide_index.values())
            if not guides:
                self.notify("This course has no guides.", severity="warning")
                return

            def chosen(picked: str | None) -> None:
                if picked is not None:
                    self.open_guide(picked)

            self.push_screen(GuidesScreen(guides), chosen)
            return
        guide = self.course.guide(guide_id)
        if guide is None:
            self.notify(f"There is no guide called {guide_id!r} that can be shown (run `tutor check` for details).",
                        severity="warning", markup=False)
            return
        self.push_screen(GuideScreen(guide))

    def on_go_to_dashboard(self, _message: messages.GoToDashboard) -> None:
        self.go_to_dashboard()

    def go_to_dashboard(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def on_follow_link(self, message: messages.FollowLink) -> None:
        self.follow_link(message.href)

    def follow_link(self, href: str) -> None:
        """A lesson link opens the lesson; a web link opens in the browser only after the learner
        confirms it, and only for http(s)."""
        if href.startswith("lesson:"):
            self.open_lesson(href[len("lesson:"):].split("#", 1)[0], keep_trail=True, glance=True)
            return
        if href.startswith("guide:"):  # from a guide's outcome to another guide
            self.open_guide(href[len("guide:"):])
            return
        if urlsplit(href).scheme not in ("http", "https"):
            self.notify("Only web (http/https) links can be opened.", severity="warning")
            return
        from tutor.app.screens.dialogs import OpenLinkScreen

        self.push_screen(OpenLinkScreen(href))

    def leave_welcome(self) -> None:
        """The welcome counts as seen however the learner leaves it (Start, the palette, a link)."""
        from tutor.app.screens.welcome import WelcomeScreen

        if isinstance(self.screen, WelcomeScreen):
            self.screen.leave()
        elif any(isinstance(screen, WelcomeScreen) for screen in self.screen_stack):
            with self.keep_going():
                self.store.set_setting(self.welcome_key, True)

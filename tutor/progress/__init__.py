"""The learner's progress, kept in one local SQLite database (see docs/progress.md).

Part of the core: nothing here imports Textual or Rich. The app and the CLI use it like this:

    from tutor.progress import open_store

    with open_store(data_dir) as store:        # data_dir None: $TUTOR_HOME, else the user data folder
        if store.notice:                        # a damaged database was moved aside: tell the learner
            show(store.notice)
        store.record_position(course.id, lesson.id, page)
        attempt = store.start_attempt(course.id, quiz.id)
        store.record_answer(course.id, quiz.id, q.id, chosen=["b"], correct=True, score=1.0,
                            seconds=12.5, content_hash=q.content_hash, attempt_id=attempt)
        store.finish_attempt(attempt, score=8, total=10)
        store.summary(course)

Every write is committed to disk before the call returns; one that cannot be (a full disk, a
read-only file, a lock held too long) raises StoreWriteError and changes nothing. Everything except settings is kept per
course id, so two content packs never mix.
"""

from tutor.progress.errors import (
    NewerSchemaError,
    ProgressStoreError,
    StoreReadError,
    StoreUnavailableError,
    StoreWriteError,
)
from tutor.progress.location import DB_FILENAME, resolve_data_dir
from tutor.progress.records import (
    EXPORT_COLUMNS,
    CourseSummary,
    ExportRow,
    LessonState,
    LessonStatus,
    ModuleSummary,
    OpenAttempt,
    OpenReadiness,
    Position,
    QuizScore,
    ReadinessAttempt,
    ReviewItem,
    SettingValue,
    StoredAnswer,
)
from tutor.progress.schema import SCHEMA_VERSION
from tutor.progress.store import ProgressStore, existing_store, memory_store, open_store

__all__ = [
    "DB_FILENAME",
    "EXPORT_COLUMNS",
    "SCHEMA_VERSION",
    "CourseSummary",
    "ExportRow",
    "LessonState",
    "LessonStatus",
    "ModuleSummary",
    "OpenAttempt",
    "OpenReadiness",
    "NewerSchemaError",
    "Position",
    "ProgressStore",
    "ProgressStoreError",
    "QuizScore",
    "ReadinessAttempt",
    "ReviewItem",
    "SettingValue",
    "StoreReadError",
    "StoredAnswer",
    "StoreUnavailableError",
    "StoreWriteError",
    "existing_store",
    "memory_store",
    "open_store",
    "resolve_data_dir",
]

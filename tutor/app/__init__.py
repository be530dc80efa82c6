"""The learner's Textual app. Imported only when the app starts, never by the core or `tutor check`."""

"""The learner's Textual app. Imported only when the app starts, never by the core or `tutor check`."""

import os

# Textual draws at most TEXTUAL_FPS frames a second (60 by default) and lays out a changed screen
# over two or three frames; after a frame that ran long its timer waits a whole extra period. At
# 120 a key's effect is on screen in well under 50 ms (bench/bench_keys.py, docs/performance.md);
# an idle app draws nothing either way. Read once, when Textual is first imported; the learner's
# own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")

"""Talking to an organisation's Learning Record Store (xAPI 1.0.3 over HTTP): an adapter at the edge.

The core keeps statements in its outbox (tutor/progress/store_outbox.py); this package sends them
(sync.py, with its own retry policy), reads a team's statements back (team_fetch.py), and keeps where
they go (settings.py: the endpoint, the user and a password file only its owner can read). The core never
imports it; it imports no face (import-linter contracts in pyproject.toml).
"""

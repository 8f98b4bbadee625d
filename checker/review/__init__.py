"""Reviewing flagged discrepancies: a SQLite verdict store, the review queue, and a Textual app.

Only ``app`` (and ``widgets``) import textual; ``store``, ``queue``, ``session``, ``excerpt`` and
``export`` do not, so `checker check` can read verdicts without paying for the terminal UI.
"""

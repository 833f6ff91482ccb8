"""Inline suggestions (ghost text) while the writer types."""

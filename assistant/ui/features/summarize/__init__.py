"""Summarize the selection or the whole document."""

"""Documents: the editor, a tab per file, find/replace, file commands."""

"""Writing statistics and goals: what the writer typed and accepted, per day and per document."""

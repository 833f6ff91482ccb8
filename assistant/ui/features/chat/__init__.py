"""A private chat beside the text, kept in a local database."""

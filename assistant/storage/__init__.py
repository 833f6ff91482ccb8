"""Persistence without Qt or torch: documents, recovery copies, snapshots, chat history.

Modules: ``atomic`` (crash-safe writes shared by all of them), ``documents``,
``recovery``, ``snapshots``, ``chat_history``.
"""

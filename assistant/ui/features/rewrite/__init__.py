"""Rewrite a selection and review the changes word by word."""

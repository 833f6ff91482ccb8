"""Icons and translations, installed as `assistant.resources` (see setup.py).

Read them with `assistant.paths.resource_path(...)`, which works from a checkout,
an installed wheel and the frozen app alike.
"""

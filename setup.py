"""Packaging that pyproject.toml cannot say: the top-level `resources/` folder is
installed as the `assistant.resources` package (icons and translations travel with the
code into the wheel, an editable install and the frozen app)."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["assistant", "assistant.*"]) + ["assistant.resources"],
    package_dir={"assistant.resources": "resources"},
    package_data={
        "assistant.resources": ["icons/*", "translations/*"],
        # The architectures `bench --shape` builds (configs only, a few KB each).
        "assistant.engine": ["shapes/*.json"],
        # The dev-set texts of `bench --quality` (and of the checks' tests).
        "assistant.bench": ["devset_texts/*.json"],
    },
)

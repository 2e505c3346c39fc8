"""Builds the optional C module of the ingest hot path (``replycli/index/_grampool.c``).

Everything else is in pyproject.toml. ``optional=True``: where no C compiler
is available the install still succeeds and replycli runs the same code in
Python (slower ingest, identical index).
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("replycli.index._grampool", ["replycli/index/_grampool.c"], optional=True)])

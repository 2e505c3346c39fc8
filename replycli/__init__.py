"""replycli: search and total the facts in Chinese government reply letters.

Library first: ``replycli.ingest.pipeline.ingest``, ``replycli.index.searching.search``,
``replycli.facts`` and ``replycli.profiles`` are what the CLI calls.
"""
__version__ = "0.1.0"

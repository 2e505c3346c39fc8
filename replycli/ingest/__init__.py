"""Ingest: discover files, read them, understand them, index them.

One module per stage (paperless-style): ``discover`` finds files,
``readers`` turn bytes into text, ``replycli.extract`` understands the text,
``pipeline`` runs the stages and records every error in one place.
"""

"""The search index: analysis, schema, storage, query parsing, highlighting."""

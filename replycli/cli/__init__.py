"""The command-line layer: argument parsing, output formats, rendering."""

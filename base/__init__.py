"""What every app shares and nothing in it needs Django: languages, content problems, YAML with
line numbers, Chinese text helpers, and the fonts the PDF and share images draw with.

The lowest layer: it imports nothing from the project (see the import contract in setup.cfg).
"""

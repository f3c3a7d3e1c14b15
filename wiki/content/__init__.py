"""Reading editors' files under content/: plain Python, no Django.

`schema` validates and parses, `markdown` renders, `text` counts and splits, `repository`
walks the content folder and runs the checks that span several files.
"""

"""Language data, one sub-package per language (as spaCy's ``lang/``).

Each language folder holds the words the pipeline reads, one module per
concept (number words, outcome verbs, victim nouns, ...).  Stages import these
lexicons; none restates them.  Adding a language means adding a folder.
"""

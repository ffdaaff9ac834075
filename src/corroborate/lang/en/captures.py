"""English verbs of taking, holding, moving or freeing people: a figure that is their object
counts people captured, displaced or released, not casualties ("kidnapped 900, executed 18")."""

from __future__ import annotations

#: each verb's stem and endings: "kidnap" + "ped" is "kidnapped"
_STEMS = (
    ("kidnap", ("", "s", "ped", "ping")), ("abduct", ("", "s", "ed", "ing")),
    ("arrest", ("", "s", "ed", "ing")), ("detain", ("", "s", "ed", "ing")),
    ("captur", ("e", "es", "ed", "ing")), ("displac", ("e", "es", "ed", "ing")),
    ("evacuat", ("e", "es", "ed", "ing")), ("rescu", ("e", "es", "ed", "ing")),
    ("free", ("", "s", "d", "ing")), ("releas", ("e", "es", "ed", "ing")),
    ("seiz", ("e", "es", "ed", "ing")), ("hold", ("", "s", "ing")), ("held", ("",)),
    ("recruit", ("", "s", "ed", "ing")), ("deport", ("", "s", "ed", "ing")),
    ("expel", ("", "s", "led", "ling")),
)
#: every form of those verbs
CAPTURE_VERBS = tuple(f"{stem}{end}" for stem, ends in _STEMS for end in ends)

"""Claim extraction: a pipeline of components over a `Doc`.

Annotation keys (``doc.annotations``), in pipeline order, with their owners:

=================  ==========================================  =================
key                value                                        component module
=================  ==========================================  =================
``sentences``      list[tuple[int, int]] sentence offsets        sentences.py
``dates``          list[DateClaim] (event-date candidates)       dates.py
``places``         list[Place]                                   places.py
``actors``         list[Actor] (role set from local syntax)      actors.py
``causes``         list[Cause]                                   cause.py
``casualties``     list[Casualty]                                casualties.py
``attributions``   list[Attribution]                             attribution.py
``framing``        list[Framing]                                 framing.py
``incidents``      list[Incident] (salience order)               incidents.py
=================  ==========================================  =================

All offsets index ``doc.text`` (== ``Article.full_text``); all spans are built
with `Doc.char_span`.
"""

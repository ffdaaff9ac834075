"""Invented reports shared by the review tests (CLI, API, web, re-analysis)."""

# invented reports: one bombing told twice, an unrelated air strike, and a late report
# of the bombing that arrives with the second analysis
REPORTS = {
    "alpha.md": """---
title: Car bomb kills 12 in Manbij market
outlet: Alpha News
published: 2017-03-10
---
A car bomb exploded in a crowded market in the northern Syrian town of Manbij on Friday,
killing 12 civilians and wounding 30 others, local officials said. Islamic State claimed
responsibility for the bombing in a statement.
""",
    "beta.md": """---
title: Manbij market bombing toll rises to 19
outlet: Beta Times
published: 2017-03-11
---
The death toll from Friday's car bomb attack on a market in Manbij rose to 19 people, a war
monitor said on Saturday. Dozens were injured when the vehicle exploded near the main square of
the town in Aleppo province.
""",
    "delta.md": """---
title: Air strike kills 7 in Idlib village
outlet: Delta Post
published: 2017-04-02
---
An air strike hit the village of Kafr Nabl in Idlib province on Sunday, killing seven people
including three children, rescue workers said. Opposition activists blamed Russian warplanes.
""",
}
LATE = """---
title: Manbij car bomb: 19 dead
outlet: Epsilon Wire
published: 2017-03-12
---
A car bomb in the market of Manbij on Friday killed 19 people, the Syrian Observatory for
Human Rights said. The attack in the Aleppo province town wounded dozens.
"""

"""English language data: one lexicon module per concept."""

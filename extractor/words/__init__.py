"""German word knowledge of the extractor: cue verbs and their particles, Konjunktiv forms, first
names, roles and titles, the words that never name a speaker, and how long a quotation must be.

Both stages read it — the parse stage (extractor.selection, extractor.sentences) to decide which
sentences to parse, the quote stage (extractor.quotes) to find quotes — so it lives below both, and
the screen and the finders cannot disagree about a word. Word classes other packages read too
(quotation marks, articles) are in foundation.german.
"""

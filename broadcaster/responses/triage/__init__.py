"""Reply triage: the classifier, its lexicon, and reply files from outside."""

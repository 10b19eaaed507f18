"""The bad-input corpus: one line of :mod:`.cases` per case, run by tests/test_bad_inputs_corpus.py."""

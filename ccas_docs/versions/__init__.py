"""Versions: the avenants and the consolidated convention in force at a date.

Takes the original model and the avenants; gives an ordinary model of the version in force."""

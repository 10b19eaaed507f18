"""Checks: the consistency and drift rules, each with a code, a location and a hint.

Takes a model (a version of the convention); gives a report of errors and warnings."""

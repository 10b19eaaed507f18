"""CLI: the ccas-docs command, one module per command. Parses arguments, calls a job, prints in French.

Takes argv; gives exit codes (0, 1 input error, 2 usage) and messages. The only stage that imports click."""

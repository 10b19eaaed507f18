"""Registry: the append-only registers of issued invoices (and of sealed versions).

Takes issued documents and their hashes; gives numbers, and entries that prove what was issued."""

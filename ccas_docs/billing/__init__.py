"""Billing: from the payroll and costs files to the ledger the invoice is printed from (Decimal only).

Takes a version of the model and the yearly data files; gives ledgers and schedules. Writes no document."""

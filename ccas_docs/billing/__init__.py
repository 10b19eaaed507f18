"""Billing: from the payroll and costs files to the ledger the invoice is printed from.

- :mod:`.payroll` reads ``data/charges-personnel/<année>.csv`` (or ``.xlsx``) and holds the tolerant
  table reader shared with :mod:`.costs` (``data/frais/<année>.csv``);
- :mod:`.ledger` computes, in :class:`~decimal.Decimal` only, one line per (fiche, service) and the
  reimbursements, each pointing back to the fiche parameter and the input row it came from;
- :mod:`.register` numbers invoices and credit notes and keeps ``data/registre-factures.csv``;
- :mod:`.schedule` lists the billing dates and amounts over the convention's duration.

Nothing here writes a document: composers and writers take a :class:`~.ledger.Ledger`.
"""

"""The certified payroll extract the bases come from: the sidecar YAML of a payroll file.

``data/charges-personnel/2024.csv`` (or ``.xlsx``, or the file given with ``--charges``) is
accompanied by ``2024.yaml`` beside it, which names and dates the extract of the payroll software
the amounts were copied from::

    extrait: Extrait certifié de la paie – charges de personnel par service, exercice 2024
    edite_le: 2025-01-20
    certifie_par: la directrice des ressources humaines   # facultatif

The invoice prints « extrait certifié de la paie …, édité le 20 janvier 2025 » rather than a file
path; an invoice is not issued while the sidecar is missing (a draft says « À COMPLÉTER »).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ccas_docs.common.diagnostics import Location, UserError
from ccas_docs.model.invoicing import PayrollExtractInfo
from ccas_docs.model.project import translate_errors
from ccas_docs.source.yamlsource import load_yaml


@dataclass(frozen=True)
class PayrollExtract:
    """The extract of the payroll software the payroll file copies."""

    name: str
    edited: dt.date
    certified_by: str
    location: Location  # where ``extrait`` is written


def extract_path(payroll: Path) -> Path:
    """The sidecar of ``payroll``: the same name with ``.yaml``."""
    return Path(payroll).with_suffix(".yaml")


def read_extract(payroll: Path, payroll_shown: str) -> PayrollExtract | None:
    """The extract named by the sidecar of ``payroll``, or None when there is none; raise
    :class:`UserError` when the sidecar is wrong."""
    path = extract_path(payroll)
    if not path.is_file():
        return None
    shown = str(Path(payroll_shown).with_suffix(".yaml"))
    source = load_yaml(path, shown)
    try:
        info = PayrollExtractInfo.model_validate(source.data if source.data is not None else {})
    except ValidationError as exc:
        raise UserError(translate_errors(exc, source, PayrollExtractInfo)) from None
    return PayrollExtract(info.extrait, info.edite_le, info.certifie_par, source.locate(("extrait",), value=True))

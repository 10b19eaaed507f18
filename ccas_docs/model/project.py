"""Load a convention project directory into the typed model, reporting every error at once.

A project is ``convention.yaml`` plus the files it names (``services.yaml``, ``annexes/*.yaml``,
``avenants/*.yaml``). Each is parsed with its source positions (:mod:`.yamlsource`) then
validated (:mod:`.model`); pydantic's errors are translated into located French diagnostics.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ccas_docs.common.diagnostics import Diagnostic, Location, Report, UserError, closest, error
from ccas_docs.model.invoicing import NUMBER_PATTERN_HINT
from ccas_docs.model.paths import CONVENTION_FILE, check_total_size, closest_file, project_path
from ccas_docs.model.types import Convention, Fiche, Organisation
from ccas_docs.source.yamlsource import PathKey, SourceFile, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded(Generic[M]):
    """A validated model object and the source file it came from."""

    model: M
    source: SourceFile


@dataclass
class Project:
    root: Path
    convention: Loaded[Convention]
    organisation: Loaded[Organisation]
    fiches: list[Loaded[Fiche]]
    avenant_sources: list[SourceFile] = field(default_factory=list)
    avenant_annexes: dict[str, SourceFile] = field(default_factory=dict)  # annex files avenants add

    @property
    def sources(self) -> list[SourceFile]:
        return [self.convention.source, self.organisation.source, *(f.source for f in self.fiches)]

    def fiche(self, fiche_id: str) -> Fiche:
        for loaded in self.fiches:
            if loaded.model.id == fiche_id:
                return loaded.model
        raise KeyError(fiche_id)

    def input_files(self) -> list[Path]:
        """Every file the model was read from (for incremental builds)."""
        extra = [*self.avenant_sources, *self.avenant_annexes.values()]
        return [self.root / s.path for s in self.sources] + [self.root / s.path for s in extra]


def load_project(root: Path | str) -> Project:
    """Read and validate the project in ``root``; raise :class:`UserError` listing every error."""
    root = Path(root)
    if not root.is_dir():
        raise UserError(error(Location(str(root)), "dossier du projet introuvable"))
    if not (root / CONVENTION_FILE).is_file():
        raise UserError(
            error(
                Location(str(root / CONVENTION_FILE)),
                "fichier convention.yaml introuvable : ce dossier n'est pas un projet de convention",
                hint="lancer la commande depuis le dossier qui contient convention.yaml, ou le donner en argument",
            )
        )
    report = Report()
    convention = _load(root, CONVENTION_FILE, Convention, report)
    if convention is None:
        report.raise_if_errors()
        raise AssertionError("unreachable")  # pragma: no cover
    conv = convention.model
    check_total_size(root, convention.source, [conv.organisation, *conv.annexes, *conv.avenants])
    org_path = project_path(root, conv.organisation, convention.source, ("organisation",), report)
    organisation = _load(root, org_path, Organisation, report) if org_path else None
    fiches: list[Loaded[Fiche]] = []
    listed: dict[str, int] = {}
    for i, name in enumerate(conv.annexes):
        path = project_path(root, name, convention.source, ("annexes", i), report)
        if path is None:
            continue
        if path in listed:  # one mistake, one message: at the list's line, not the fiche's id twice
            report.add(
                error(
                    convention.source.locate(("annexes", i), value=True),
                    f"l'annexe « {name} » figure deux fois dans la liste (déjà en position {listed[path] + 1})",
                    code="annexe-double",
                    hint="retirer l'une des deux lignes",
                )
            )
            continue
        listed[path] = i
        loaded = _load(root, path, Fiche, report, missing_at=convention.source.locate(("annexes", i)))
        if loaded is not None:
            fiches.append(loaded)
    avenants: list[SourceFile] = []
    for i, name in enumerate(conv.avenants):
        path = project_path(root, name, convention.source, ("avenants", i), report)
        if path is not None and _listed_file(root, path, convention.source.locate(("avenants", i)), "avenant", report):
            try:
                avenants.append(load_yaml(root / path, path))
            except UserError as exc:
                report.extend(exc.diagnostics)
    added = _avenant_annexes(root, avenants, report)
    report.raise_if_errors()
    assert organisation is not None
    return Project(root, convention, organisation, fiches, avenants, added)


def _avenant_annexes(root: Path, avenants: list[SourceFile], report: Report) -> dict[str, SourceFile]:
    """The annex files that avenants add (``ajouter_annexe: {fichier: …}``), read once, here."""
    added: dict[str, SourceFile] = {}
    for source in avenants:
        changes = source.data.get("modifications") if isinstance(source.data, dict) else None
        for i, change in enumerate(changes if isinstance(changes, list) else []):
            detail = change.get("ajouter_annexe") if isinstance(change, dict) else None
            name = detail.get("fichier") if isinstance(detail, dict) else None
            if not isinstance(name, str):
                continue
            key = ("modifications", i, "ajouter_annexe", "fichier")
            path = project_path(root, name, source, key, report)
            if path is None or path in added:
                continue
            if not (root / path).is_file():
                close = closest_file(root, path)
                report.add(
                    error(
                        source.locate(key, value=True),
                        f"fichier d'annexe « {name} » introuvable"
                        + (f" : vouliez-vous dire « {close} » ?" if close else ""),
                        code="fichier-manquant",
                    )
                )
                continue
            try:
                added[name] = load_yaml(root / path, path)
            except UserError as exc:
                report.extend(exc.diagnostics)
    return added


def _listed_file(root: Path, shown: str, at: Location, kind: str, report: Report) -> bool:
    """Whether a file that a list of convention.yaml names is there; if not, one error at the list's line."""
    path = root / shown
    if path.is_dir():
        inside = ", ".join(f"« {p.relative_to(root).as_posix()} »" for p in sorted(path.glob("*.yaml"))[:3])
        message, hint = f"« {shown} » est un dossier, pas un fichier d'{kind}", "donner le chemin d'un fichier YAML"
        hint += f", par exemple {inside}" if inside else ""
    elif not path.exists() and not path.is_symlink():
        close = closest_file(root, shown)
        message = f"fichier d'{kind} « {shown} » introuvable" + (f" : vouliez-vous dire « {close} » ?" if close else "")
        hint = "" if close else f"créer le fichier ou retirer la ligne de la liste « {kind}s »"
    else:
        return True
    report.add(error(at, message, code="fichier-manquant", hint=hint))
    return False


def _load(
    root: Path,
    shown: str,
    cls: type[M],
    report: Report,
    missing_at: Location | None = None,
) -> Loaded[M] | None:
    path = root / shown
    if missing_at is not None and not _listed_file(root, shown, missing_at, "annexe", report):
        return None
    try:
        source = load_yaml(path, shown)
    except UserError as exc:
        report.extend(exc.diagnostics)
        return None
    if not isinstance(source.data, dict):
        report.add(
            error(
                source.locate(()),
                f"le fichier doit contenir des clés « clé: valeur » ({_found(source.data)})",
                code="type",
            )
        )
        return None
    try:
        return Loaded(cls.model_validate(source.data), source)
    except ValidationError as exc:
        report.extend(translate_errors(exc, source, cls))
        return None


# --- pydantic errors → French diagnostics ---------------------------------------------------


def translate_errors(exc: ValidationError, source: SourceFile, cls: type[BaseModel]) -> list[Diagnostic]:
    errors = [(err, _data_key(source.data, err["loc"])) for err in exc.errors(include_url=False)]
    # a misspelt key (« tauxx ») is also reported by pydantic as the right key missing: one mistake,
    # one message, the one that says « vouliez-vous dire « taux » ? »
    misspelt = {
        (*key[:-1], close)
        for err, key in errors
        if err["type"] == "extra_forbidden"
        for close in _close_field(cls, source.data, key)
    }
    return [
        _diagnostic(err, key, source, cls) for err, key in errors if not (err["type"] == "missing" and key in misspelt)
    ]


def _close_field(cls: type[BaseModel], data: Any, key: PathKey) -> list[str]:
    if not key or not isinstance(key[-1], str):
        return []
    close = closest(key[-1], _fields_at(cls, data, key[:-1]))
    return [close] if close else []


def _data_key(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """Keep the parts of pydantic's ``loc`` that index the YAML data (drop union branch names)."""
    key: list[str | int] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and isinstance(part, str)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            key.append(part)
            node = node[part]
        elif isinstance(node, str) and part == "texte":
            continue  # a bullet written as a plain string
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_like_branch(part):
            key.append(part)  # a missing or unknown key: keep it for the message
            break
    return tuple(key)


def _looks_like_branch(part: str) -> bool:
    return "[" in part or part in {"date", "str", "int", "constrained-str"} or part.startswith("function-")


def _diagnostic(err: Any, key: PathKey, source: SourceFile, cls: type[BaseModel]) -> Diagnostic:
    kind: str = err["type"]
    value = err.get("input")
    name = str(key[-1]) if key and isinstance(key[-1], str) else ""
    if kind == "missing":
        parent = key[:-1]
        return error(
            source.locate(parent),
            f"clé « {name} » obligatoire manquante",
            code="cle-manquante",
            hint=f"ajouter « {name}: … » dans ce bloc",
        )
    if kind == "extra_forbidden":
        allowed = _fields_at(cls, source.data, key[:-1])
        close = _close_field(cls, source.data, key)
        hint = (
            f"vouliez-vous dire « {close[0]} » ?"
            if close
            else ("clés possibles : " + ", ".join(allowed) if allowed else "")
        )
        message = f"clé « {name} » inconnue"
        if close:
            message += f" : vouliez-vous dire « {close[0]} » ?"
        return error(source.locate(key), message, code="cle-inconnue", hint="" if close else hint)
    where = source.locate(key, value=True)
    shown = _show(value)
    messages = {
        "string_type": f"texte attendu ({_found(value)})",
        "list_type": f"liste attendue, chaque élément sur une ligne commençant par « - » ({_found(value)})",
        "model_type": f"bloc « clé: valeur » attendu ({_found(value)})",
        "model_attributes_type": f"bloc « clé: valeur » attendu ({_found(value)})",
        "dict_type": f"bloc « clé: valeur » attendu ({_found(value)})",
        "int_type": f"nombre entier attendu ({_found(value)})",
        "int_parsing": f"nombre entier attendu, « {shown} » trouvé",
        "int_from_float": f"nombre entier attendu, « {shown} » trouvé",
        "bool_type": "« true » ou « false » attendu",
        "bool_parsing": f"« true » ou « false » attendu, « {shown} » trouvé",
        "too_short": "liste vide : au moins un élément est attendu",
        "date_type": f"date attendue au format AAAA-MM-JJ, « {shown} » trouvé",
        "date_parsing": f"date attendue au format AAAA-MM-JJ, « {shown} » trouvé",
        "date_from_datetime_parsing": f"date attendue au format AAAA-MM-JJ, « {shown} » trouvé",
    }
    hint = ""
    if kind in messages:
        message = messages[kind]
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"valeur « {shown} » invalide : choisir parmi {expected}"
    elif kind == "string_pattern_mismatch":
        if name in {"date", "date_signature"}:
            message = f"date attendue au format AAAA-MM-JJ (ou « À COMPLÉTER »), « {shown} » trouvé"
        elif name == "code":
            message = f"code « {shown} » invalide : majuscules, chiffres et tirets (ex. « DRH »)"
        elif name == "imputation":
            message = f"compte « {shown} » invalide : un compte de la nomenclature M57, en chiffres (ex. « 70841 »)"
        elif name in {"chapitre", "fonction"}:
            message = f"{name} « {shown} » invalide : écrire le code M57 en chiffres (ex. « 70 », « 020 »)"
        elif name == "date_emission":
            message = f"« {shown} » invalide : écrire le mois et le jour, par exemple « 12-15 »"
        else:
            message = f"identifiant « {shown} » invalide : minuscules, chiffres et tirets (ex. « ressources-humaines »)"
    elif kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = next(iter(err.get("ctx", {}).values()), "")
        cmp = {
            "greater_than_equal": "au moins",
            "less_than_equal": "au plus",
            "greater_than": "plus que",
            "less_than": "moins que",
        }[kind]
        message = f"valeur « {shown} » hors bornes : {cmp} {bound}"
    else:
        message = err["msg"]  # our own PydanticCustomError messages are already French
        if kind == "taux":
            hint = 'le taux s\'écrit entre guillemets avec le signe %, par exemple taux: "5 %"'
        elif kind == "numero-facture":
            hint = NUMBER_PATTERN_HINT
    return error(
        where,
        message,
        code=kind.replace("_", "-")
        if kind in {"taux", "taux-hors-bornes", "bloc", "annee-reference", "modification", "numero-facture"}
        else "type",
        hint=hint,
    )


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _found(value: Any) -> str:
    """« liste trouvée », « texte trouvé »…: the participle agrees with what was found."""
    kind = _kind(value)
    return f"{kind} trouvée" if kind in {"liste", "valeur vide"} else f"{kind} trouvé"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "bloc « clé: valeur »"
    if isinstance(value, list):
        return "liste"
    if isinstance(value, bool):
        return "booléen"
    if isinstance(value, int | float):
        return "nombre"
    if isinstance(value, str):
        return "texte"
    if value is None:
        return "valeur vide"
    return type(value).__name__


def _fields_at(cls: type[BaseModel], data: Any, key: PathKey) -> list[str]:
    """Names of the fields allowed in the mapping at ``key`` (for « vouliez-vous dire »)."""
    current: Any = cls
    for part in key:
        if isinstance(part, int):
            current = _item_type(current)
        else:
            model = _as_model(current)
            if model is None or part not in model.model_fields:
                return []
            current = model.model_fields[part].annotation
    model = _as_model(current)
    return sorted(model.model_fields) if model else []


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(tp) for t in _unwrap(arg)]
    return [tp]


def _as_model(tp: Any) -> type[BaseModel] | None:
    for t in _unwrap(tp):
        if isinstance(t, type) and issubclass(t, BaseModel):
            return t
    return None


def _item_type(tp: Any) -> Any:
    for t in _unwrap(tp):
        if typing.get_origin(t) is list:
            return typing.get_args(t)[0]
    return None

"""The whole message, code, hint and file:line:col that ``check`` prints for a change that cannot apply
(versions/apply.py), and for a problem a change causes in a fiche (versions/consolidate.py: reported
at the change that touched that fiche). Found by mutation testing (``benchmarks/mutation.py versions``)."""

from __future__ import annotations

import pytest
from conftest import ProjectCopy, assert_single_error
from test_versions import without_avenants, write_avenant

REL = "avenants/001-essai.yaml"
FICHES = (
    "fiches de la version amendée : dga, finances, numerique, rh, administration-generale, technique, communication"
)
FAR_IDS = "les identifiants complets sont ceux de « ccas-docs check » (ex. « duree »)"
BULLET = "rh/prestation/liste-conseiller-elus-direction-ccas-au/conseiller-elus-direction-ccas-au-titre"
CONVENTION_FIELDS = (
    "champs possibles : titre, reference, lieu_signature, date_signature, duree_ans, tribunal, facturation"
)
ELEMENT = "un élément avec « id », « titre » et « contenu »"
DGA = "dga/prestation/"
EMPTIED = (
    f"  - supprimer: {{cible: {DGA}direction-generale-adjointe-pole-ressources-est}}\n"
    f"  - supprimer: {{cible: {DGA}ses-missions-portent-sur}}\n"
    f"  - supprimer: {{cible: {DGA}liste-co-ecriture-convention}}\n"
)
ANNEX = (
    "{id: x, titre: X, direction: drh, sections: [{id: p, titre: P, contenu: [{paragraphe: Un.}]}],"
    " facturation: {taux: 1 %, services: DRH, imputation: '70841'}}"
)


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    without_avenants(project)
    return project


CASES = {
    "cible-loin-de-tout": (
        "  - supprimer: {cible: zzzzqqqq}\n",
        "zzzzqqqq",
        "cible-inconnue",
        "« zzzzqqqq » n'existe pas dans la version amendée",
        FAR_IDS,
    ),
    "cible-proche": (
        "  - supprimer: {cible: resilliation}\n",
        "resilliation",
        "cible-inconnue",
        "« resilliation » n'existe pas dans la version amendée : vouliez-vous dire « resiliation » ?",
        "",
    ),
    "fiche-loin-de-tout": (
        '  - parametre: {fiche: zzzzqq, champ: taux, valeur: "2 %"}\n',
        "zzzzqq",
        "cible-inconnue",
        "fiche « zzzzqq » inconnue dans la version amendée",
        FICHES,
    ),
    "retirer-fiche-proche": (
        "  - retirer_annexe: {fiche: communicatio}\n",
        "communicatio",
        "cible-inconnue",
        "fiche « communicatio » inconnue dans la version amendée : vouliez-vous dire « communication » ?",
        FICHES,
    ),
    "ajouter-apres-inconnue": (
        f"  - ajouter_annexe: {{apres: rhh, fiche: {ANNEX}}}\n",
        "rhh",
        "cible-inconnue",
        "fiche « rhh » inconnue dans la version amendée : vouliez-vous dire « rh » ?",
        FICHES,
    ),
    "fichier-proche": (
        "  - ajouter_annexe: {fichier: annexes/rhh.yaml}\n",
        "annexes/rhh.yaml",
        "fichier-manquant",
        "fichier d'annexe « annexes/rhh.yaml » introuvable : vouliez-vous dire « annexes/rh.yaml » ?",
        "",
    ),
    "fichier-loin-de-tout": (
        "  - ajouter_annexe: {fichier: zzz/qqq.yaml}\n",
        "zzz/qqq.yaml",
        "fichier-manquant",
        "fichier d'annexe « zzz/qqq.yaml » introuvable",
        "",
    ),
    "puce-par-un-bloc": (
        f"  - remplacer: {{cible: {BULLET}, par: {{id: x}}}}\n",
        "{id: x}",
        "nature-element",
        "la cible est l'élément de liste : écrire à sa place un texte d'élément de liste",
        "",
    ),
    "section-par-un-paragraphe": (
        "  - remplacer: {cible: rh/prestation, par: {paragraphe: x}}\n",
        "{paragraphe",
        "nature-element",
        f"la cible est la section : écrire à sa place {ELEMENT}",
        "",
    ),
    "sous-annexe-par-une-liste": (
        "  - inserer: {apres: plateforme-applications, element: [x]}\n",
        "[x]",
        "nature-element",
        f"la cible est la sous-annexe : écrire à sa place {ELEMENT}",
        "",
    ),
    "champ-proche": (
        "  - convention: {champ: tribunall, valeur: x}\n",
        "tribunall",
        "champ-inconnu",
        "champ « tribunall » inconnu : vouliez-vous dire « tribunal » ?",
        "",
    ),
    "champ-de-partie-loin-de-tout": (
        "  - partie: {partie: ccas, champ: zzzzzz, valeur: x}\n",
        "zzzzzz",
        "champ-inconnu",
        "champ « zzzzzz » inconnu",
        "champs possibles : adresse, deliberation, designation, nom, representant, siret",
    ),
    "sous-champ-de-partie": (
        "  - partie: {partie: ccas, champ: siret.x, valeur: x}\n",
        "siret.x",
        "champ-inconnu",
        "« siret » n'a pas de sous-champ",
        "",
    ),
    "mots-absents-d-une-puce": (
        f"  - remplacer_mots: {{cible: {BULLET}, mots: xyz, par: abc}}\n",
        "xyz",
        "mots-introuvables",
        f"les mots « xyz » figurent 0 fois dans l'élément de liste « {BULLET} »",
        "recopier les mots exacts du texte en vigueur",
    ),
    "mots-espaces-rapproches": (
        "  - remplacer_mots: {cible: duree/presente-convention-est-conclue-pour-une, mots: 'six   mois', par: x}\n",
        "'six",
        "mots-introuvables",
        "les mots « six mois » figurent 0 fois dans l'alinéa « duree/presente-convention-est-conclue-pour-une »",
        "recopier les mots exacts du texte en vigueur",
    ),
    "vide-apres-un-parametre-d-une-autre-fiche": (
        '  - parametre: {fiche: rh, champ: taux, valeur: "4 %"}\n'
        "  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}\n" + EMPTIED,
        "supprimer",
        "type",
        "après l'avenant n\u00b0\u00a01 : liste vide : au moins un élément est attendu (annexes/dga.yaml:15:7)",
        "",
    ),
    "vide-apres-un-parametre-de-la-fiche": (
        "  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}\n"
        '  - parametre: {fiche: dga, champ: taux, valeur: "4 %"}\n' + EMPTIED,
        "parametre",
        "type",
        "après l'avenant n\u00b0\u00a01 : liste vide : au moins un élément est attendu (annexes/dga.yaml:15:7)",
        "",
    ),
    # the fields a « convention » change may set: not those it refuses (« parties », « date_effet »…)
    "champ-de-convention-loin-de-tout": (
        "  - convention: {champ: zzzzzz, valeur: 4}\n",
        "zzzzzz",
        "champ-inconnu",
        "champ « zzzzzz » inconnu",
        CONVENTION_FIELDS,
    ),
    "champ-de-convention-proche-d-un-champ-refuse": (
        "  - convention: {champ: date_efet, valeur: 2025-02-01}\n",
        "date_efet",
        "champ-inconnu",
        "champ « date_efet » inconnu",
        CONVENTION_FIELDS,
    ),
    # a text is not an element, even one that speaks of a « titre »
    "article-par-un-texte": (
        "  - remplacer: {cible: duree, par: Un nouveau titre}\n",
        "Un nouveau",
        "nature-element",
        f"la cible est l'article : écrire à sa place {ELEMENT}",
        "",
    ),
    "section-par-un-texte": (
        "  - remplacer: {cible: rh/prestation, par: Un nouveau titre}\n",
        "Un nouveau",
        "nature-element",
        f"la cible est la section : écrire à sa place {ELEMENT}",
        "",
    ),
    "sous-annexe-avant-un-texte": (
        "  - inserer: {avant: plateforme-applications, element: Un titre}\n",
        "Un titre",
        "nature-element",
        f"la cible est la sous-annexe : écrire à sa place {ELEMENT}",
        "",
    ),
    "completer-par-un-texte": (
        "  - completer: {cible: litiges, element: Un alinéa}\n",
        "Un alinéa",
        "nature-element",
        "la cible est l'alinéa : écrire à sa place un bloc (paragraphe:, liste:…)",
        "",
    ),
    "inserer-avant-inconnu": (
        "  - inserer: {avant: resilliation, element: {titre: X, contenu: [{paragraphe: Y.}]}}\n",
        "resilliation",
        "cible-inconnue",
        "« resilliation » n'existe pas dans la version amendée : vouliez-vous dire « resiliation » ?",
        "",
    ),
    "sous-champ-d-un-sous-champ": (
        "  - convention: {champ: facturation.delai_paiement_jours.jours, valeur: 4}\n",
        "facturation.",
        "champ-inconnu",
        "« facturation.delai_paiement_jours » n'a pas de sous-champ",
        "",
    ),
    "remplacer-cible-proche": (
        "  - remplacer: {cible: resilliation, par: {titre: R, contenu: [{paragraphe: X.}]}}\n",
        "resilliation",
        "cible-inconnue",
        "« resilliation » n'existe pas dans la version amendée : vouliez-vous dire « resiliation » ?",
        "",
    ),
    "remplacer-mots-cible-proche": (
        "  - remplacer_mots: {cible: resilliation, mots: a, par: b}\n",
        "resilliation",
        "cible-inconnue",
        "« resilliation » n'existe pas dans la version amendée : vouliez-vous dire « resiliation » ?",
        "",
    ),
    "completer-cible-proche": (
        "  - completer: {cible: resilliation, element: {paragraphe: X.}}\n",
        "resilliation",
        "cible-inconnue",
        "« resilliation » n'existe pas dans la version amendée : vouliez-vous dire « resiliation » ?",
        "",
    ),
    # an element replaced without id keeps the old one, located where the avenant writes the element
    "id-d-un-article-remplace": (
        "  - remplacer: {cible: revision, par: {titre: R, contenu: [{paragraphe: X.}]}}\n"
        "  - inserer: {apres: revision, element: {id: revision, titre: S, contenu: [{paragraphe: Y.}]}}\n",
        "revision, titre",
        "id-double",
        "identifiant « revision » déjà utilisé (avenants/001-essai.yaml:11:34)",
        "chaque identifiant doit être unique : en choisir un autre",
    ),
    "id-d-une-sous-annexe-remplacee": (
        "  - remplacer: {cible: plateforme-applications, par: {titre: R, contenu: [{paragraphe: X.}]}}\n"
        "  - inserer: {apres: plateforme-applications,"
        " element: {id: plateforme-applications, titre: S, contenu: [{paragraphe: Y.}]}}\n",
        "plateforme-applications, titre",
        "id-double",
        "identifiant « plateforme-applications » déjà utilisé (avenants/001-essai.yaml:11:49)",
        "chaque identifiant doit être unique : en choisir un autre",
    ),
    "cle-proche-dans-l-element": (
        "  - remplacer: {cible: revision, par: {titre: R, contenu: [{paragraphe: X.}], contenue: Y}}\n",
        "contenue",
        "cle-inconnue",
        "clé « contenue » inconnue : vouliez-vous dire « contenu » ?",
        "",
    ),
    "cle-loin-de-tout-dans-l-element": (
        "  - completer: {cible: litiges, element: {paragraphe: X., zzzzzz: 1}}\n",
        "zzzzzz",
        "cle-inconnue",
        "clé « zzzzzz » inconnue",
        "clés possibles : id, intertitre, liste, liste_annexes, liste_numerotee, niveau, paragraphe, processus,"
        " responsabilites, tableau_financier",
    ),
    # a problem in what the avenant wrote is reported where it wrote it, as it is
    "taux-invalide-dans-l-avenant": (
        "  - convention: {champ: tribunal, valeur: x}\n  - parametre: {fiche: rh, champ: taux, valeur: beaucoup}\n",
        "beaucoup",
        "taux",
        "taux « beaucoup » invalide : écrire un pourcentage comme « 5 % » ou « 5,5 % » (quatre décimales au plus)",
        'le taux s\'écrit entre guillemets avec le signe %, par exemple taux: "5 %"',
    ),
    "duree-invalide-dans-l-avenant": (
        '  - parametre: {fiche: rh, champ: taux, valeur: "2 %"}\n  - convention: {champ: duree_ans, valeur: trois}\n',
        "trois",
        "type",
        "nombre entier attendu, « trois » trouvé",
        "",
    ),
    # the ids pinned in the original are located where their element is written
    "id-d-un-alinea-deja-pris": (
        "  - inserer: {apres: rh/prestation/direction-ressources-humaines,"
        " element: {id: ville-prend-sa-charge-ensemble-missions, paragraphe: Un texte.}}\n",
        "element:",
        "id-double",
        "identifiant « ville-prend-sa-charge-ensemble-missions » déjà utilisé (annexes/rh.yaml:16:9)",
        "chaque identifiant doit être unique : en choisir un autre",
    ),
    "id-d-un-alinea-pris-plus-loin": (  # found by the insert's anchor, after a change of no fiche
        "  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}\n"
        "  - inserer: {avant: rh/prestation/ville-prend-sa-charge-ensemble-missions,"
        " element: {id: direction-ressources-humaines, paragraphe: Un texte.}}\n",
        "inserer",
        "id-double",
        "après l'avenant n\u00b0\u00a01 : identifiant « direction-ressources-humaines » déjà utilisé"
        " (avenants/001-essai.yaml:12:77) (annexes/rh.yaml:24:9)",
        "chaque identifiant doit être unique : en choisir un autre",
    ),
}


@pytest.mark.parametrize(("changes", "where", "code", "message", "hint"), CASES.values(), ids=CASES.keys())
def test_the_message_of_a_change(
    bare: ProjectCopy, changes: str, where: str, code: str, message: str, hint: str
) -> None:
    write_avenant(bare, 1, "2026-01-01", changes)
    err = assert_single_error(bare.check(), bare.at(REL, where), code)
    assert (err.message, err.hint) == (message, hint)


def test_every_change_that_cannot_apply_is_reported_at_once(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", "  - supprimer: {cible: zzzzqqqq}\n  - supprimer: {cible: resilliation}\n")
    run = bare.check()
    assert [(m.location, m.code) for m in run.errors] == [
        (bare.at(REL, "zzzzqqqq"), "cible-inconnue"),
        (bare.at(REL, "resilliation"), "cible-inconnue"),
    ]


def test_a_field_set_under_a_block_the_party_does_not_have(bare: ProjectCopy) -> None:
    """The block the change creates (« delegation ») is located at its « champ »: what it lacks is told there."""
    write_avenant(
        bare,
        1,
        "2026-01-01",
        "  - partie: {partie: ville, champ: representant.delegation.acte, valeur: arrêté du maire}\n",
    )
    run = bare.check()
    assert run.exit_code == 1
    missing = [m for m in run.errors if m.code == "cle-manquante" and m.location == bare.at(REL, "representant.")]
    assert [(m.message, m.hint) for m in missing] == [
        ("clé « numero » obligatoire manquante", "ajouter « numero: … » dans ce bloc")
    ]

"""The operating system's reasons for a failed read or write, in French.

The ``strerror`` of an ``OSError`` is the C library's English (« Permission denied », « Is a directory »): a
user never reads it. Every message about a file that cannot be opened, read or written takes its
reason from here, chosen by ``errno``.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "liens symboliques en boucle",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EBUSY: "fichier occupé par un autre programme",
    errno.ETXTBSY: "fichier occupé par un autre programme",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
    errno.ENXIO: "périphérique absent",
    errno.ENODEV: "périphérique absent",
    errno.EFBIG: "fichier trop volumineux pour le système de fichiers",
    errno.EINVAL: "opération impossible sur ce fichier",
    errno.EAGAIN: "ressource momentanément indisponible",
    errno.ENOMEM: "mémoire insuffisante",
}


def reason(exc: OSError) -> str:
    """Why ``exc`` happened, in French; never the C library's English text."""
    code = exc.errno
    if code in _REASONS:
        return _REASONS[code]
    name = errno.errorcode.get(code or 0)
    return f"erreur du système ({name})" if name else "erreur du système"


__all__ = ["reason"]

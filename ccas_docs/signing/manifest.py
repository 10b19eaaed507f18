"""The manifest of a sealed version: what was frozen, from what, by which tool.

``signatures/<version>/manifeste.json`` lists the sealed files with their SHA-256 and size, every
source (YAML, templates) with its SHA-256, the hash of all sources together (also written in the
PDF's XMP), the tool's and libraries' versions, the git commit of the sources when the tree was
clean, and the signature fields with their page and rectangle. It holds no date, so that sealing
the same sources twice gives the same manifest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccas_docs.common.diagnostics import fail
from ccas_docs.common.oserrors import reason

NAME = "manifeste.json"


def sources_digest(sources: dict[str, str]) -> str:
    """One SHA-256 over ``{relative path: sha256}``, independent of the order of discovery."""
    text = "".join(f"{path}={sha}\n" for path, sha in sorted(sources.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Manifest:
    version: str
    outil: str
    code: str  # SHA-256 of the tool's own code: a different code may lay out differently
    bibliotheques: dict[str, str]
    empreinte_sources: str
    sources: dict[str, str]
    fichiers: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> {sha256, octets}
    champs: list[dict[str, Any]] = field(default_factory=list)
    commit: str | None = None

    @property
    def pdf(self) -> str:
        return next(name for name in self.fichiers if name.endswith(".pdf"))

    def to_json(self) -> str:
        data = {
            "version": self.version,
            "outil": self.outil,
            "code": self.code,
            "bibliotheques": dict(sorted(self.bibliotheques.items())),
            "commit": self.commit,
            "empreinte_sources": self.empreinte_sources,
            "sources": dict(sorted(self.sources.items())),
            "fichiers": self.fichiers,
            "champs": self.champs,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def read(cls, path: Path, shown: str) -> Manifest:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(
                version=data["version"],
                outil=data["outil"],
                code=data.get("code", ""),
                bibliotheques=data.get("bibliotheques", {}),
                empreinte_sources=data["empreinte_sources"],
                sources=data["sources"],
                fichiers=data["fichiers"],
                champs=data.get("champs", []),
                commit=data.get("commit"),
            )
        except FileNotFoundError:
            raise fail(shown, "manifeste introuvable : pas une version scellée", code="manifeste") from None
        except OSError as exc:
            raise fail(shown, f"manifeste illisible : {reason(exc)}", code="manifeste") from None
        except KeyError as exc:
            raise fail(shown, f"manifeste incomplet : la clé « {exc.args[0]} » manque", code="manifeste") from None
        except (ValueError, TypeError):
            raise fail(
                shown, "manifeste illisible : ce n'est pas un JSON de manifeste valide", code="manifeste"
            ) from None

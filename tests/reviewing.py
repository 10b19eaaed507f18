"""Test helpers: review a built DOCX as Word does — tracked changes and comments — and round-trip it.

Paragraphs and words are looked for as a user writes them (``plain``: ' for ’, spaces for the no-break
ones), in the built DOCX's typographic text. The edits are written as Word writes them (ECMA-376
§17.13.5): a replaced word is a ``w:del`` run
then a ``w:ins`` run; an inserted paragraph has its runs in ``w:ins`` and its paragraph mark
marked inserted; a deleted paragraph has its runs in ``w:del`` and its mark marked deleted.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from ccas_docs.common.typography import plain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def text_of(p: etree._Element) -> str:
    """The text Word shows: ``w:t``, and ``w:noBreakHyphen`` as U+2011."""
    return "".join(t.text or "" if t.tag == q("t") else "\u2011" for t in p.iter(q("t"), q("noBreakHyphen")))


class Review:
    """A built DOCX opened for reviewing; :meth:`save` writes the reviewed file."""

    def __init__(self, path: Path, author: str = "Service juridique", date: str = "2026-01-15T10:00:00Z"):
        self.path, self.author, self.date = path, author, date
        with zipfile.ZipFile(path) as z:
            self.parts = {n: z.read(n) for n in z.namelist()}
        self.doc = etree.fromstring(self.parts["word/document.xml"])
        self.comments: list[etree._Element] = []
        self._id = 9000

    def next_id(self) -> str:
        self._id += 1
        return str(self._id)

    def paragraph(self, contains: str, nth: int = 1) -> etree._Element:
        found = [p for p in self.doc.iter(q("p")) if plain(contains) in plain(text_of(p))]
        assert len(found) >= nth, f"no paragraph contains {contains!r}"
        return found[nth - 1]

    def _mark(self, kind: str) -> etree._Element:
        m = etree.Element(q(kind))
        m.set(q("id"), self.next_id())
        m.set(q("author"), self.author)
        m.set(q("date"), self.date)
        return m

    def _split(self, p: etree._Element, words: str) -> etree._Element:
        """The run holding exactly ``words`` (the run that contained them is split in three)."""
        for r in p.iter(q("r")):
            t = r.find(q("t"))
            if t is None or plain(words) not in plain(t.text or ""):
                continue
            at = plain(t.text).index(plain(words))  # ``plain`` keeps every character's place
            before, found, after = t.text[:at], t.text[at : at + len(words)], t.text[at + len(words) :]
            pieces = []
            for k, text in enumerate((before, found, after)):
                piece = copy.deepcopy(r)
                if k < 2:  # the run's other parts (a w:noBreakHyphen, more text) stay after the words
                    for child in list(piece):
                        if child.tag != q("rPr") and child is not piece.find(q("t")):
                            piece.remove(child)
                piece.find(q("t")).text = text
                piece.find(q("t")).set(XML_SPACE, "preserve")
                pieces.append(piece)
            parent = r.getparent()
            index = parent.index(r)
            parent.remove(r)
            for piece in pieces:
                if piece.find(q("t")).text or len(piece) > 2:
                    parent.insert(index, piece)
                    index += 1
            return pieces[1]
        raise AssertionError(f"{words!r} not in one run of {text_of(p)!r}")

    def replace_words(self, contains: str, old: str, new: str) -> None:
        p = self.paragraph(contains)
        run = self._split(p, old)
        deleted = self._mark("del")
        inserted = self._mark("ins")
        run.addprevious(deleted)
        new_run = copy.deepcopy(run)
        new_run.find(q("t")).text = new
        deleted.append(run)
        t = run.find(q("t"))
        t.tag = q("delText")
        inserted.append(new_run)
        deleted.addnext(inserted)

    def insert_after(self, contains: str, text: str) -> None:
        p = self.paragraph(contains)
        new = etree.Element(q("p"))
        ppr = p.find(q("pPr"))
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(q("pPr"))
        rpr = ppr.find(q("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, q("rPr"))
        rpr.append(self._mark("ins"))
        new.append(ppr)
        inserted = self._mark("ins")
        r = etree.SubElement(inserted, q("r"))
        t = etree.SubElement(r, q("t"))
        t.text = text
        t.set(XML_SPACE, "preserve")
        new.append(inserted)
        p.addnext(new)

    def delete_paragraph(self, contains: str) -> None:
        p = self.paragraph(contains)
        ppr = p.find(q("pPr"))
        if ppr is None:
            ppr = etree.Element(q("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(q("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, q("rPr"))
        rpr.append(self._mark("del"))
        for r in list(p.findall(q("r"))):
            deleted = self._mark("del")
            r.addprevious(deleted)
            deleted.append(r)
            for t in r.iter(q("t")):
                t.tag = q("delText")

    def comment(self, contains: str, words: str, text: str, author: str = "Direction du CCAS") -> None:
        p = self.paragraph(contains)
        run = self._split(p, words)
        ident = str(len(self.comments))
        start = etree.Element(q("commentRangeStart"))
        start.set(q("id"), ident)
        end = etree.Element(q("commentRangeEnd"))
        end.set(q("id"), ident)
        run.addprevious(start)
        run.addnext(end)
        ref = etree.Element(q("r"))
        etree.SubElement(ref, q("commentReference")).set(q("id"), ident)
        end.addnext(ref)
        c = etree.Element(q("comment"))
        c.set(q("id"), ident)
        c.set(q("author"), author)
        c.set(q("date"), self.date)
        c.set(q("initials"), "".join(w[0] for w in author.split()[:2]))
        cp = etree.SubElement(c, q("p"))
        ct = etree.SubElement(etree.SubElement(cp, q("r")), q("t"))
        ct.text = text
        self.comments.append(c)

    def save(self, target: Path) -> Path:
        parts = dict(self.parts)
        parts["word/document.xml"] = etree.tostring(self.doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        if self.comments:
            root = etree.Element(q("comments"), nsmap={"w": W})
            root.extend(self.comments)
            parts["word/comments.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            rels = parts["word/_rels/document.xml.rels"].decode()
            rels = rels.replace(
                "</Relationships>",
                '<Relationship Id="rIdComments1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/comments" Target="comments.xml"/></Relationships>',
            )
            parts["word/_rels/document.xml.rels"] = rels.encode()
            kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
            override = f'<Override PartName="/word/comments.xml" ContentType="{kind}"/></Types>'
            types = parts["[Content_Types].xml"].decode().replace("</Types>", override)
            parts["[Content_Types].xml"] = types.encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
        target.write_bytes(buffer.getvalue())
        return target


def libreoffice_round_trip(source: Path, folder: Path) -> Path:
    """Open ``source`` in LibreOffice and save it again as DOCX (a private profile: no shared state)."""
    assert SOFFICE is not None
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profil-lo"
    out = folder / "sortie"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(folder)},
    )
    result = out / source.name
    assert result.is_file(), "LibreOffice n'a rien écrit"
    return result

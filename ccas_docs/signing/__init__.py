"""Seal, sign and verify: the versions of the convention that go to the signatories.

- :mod:`.fields`: the empty signature fields of a sealed PDF, added in a deterministic pikepdf pass
  at the places the layout reserved for them;
- :mod:`.xmp`: the version id and the sources' hash in the PDF's XMP metadata (Dublin Core);
- :mod:`.certificates`: PKCS#12 loading and the checks made before signing; trusted authorities;
- :mod:`.sign`: one PAdES signature with a visible stamp in an embedded TrueType font;
- :mod:`.verify`: each signature's status, and whether a file starts with a sealed file's bytes;
- :mod:`.manifest`: the manifest of a sealed version (files, sources, tool).

This stage knows PDF and certificates, never the YAML: the jobs give it bytes and names.
"""

"""The bibliography checker: scanning, data models and rules for ``.bib`` files.

* :mod:`~sourcebook.bib.scan` -- splits a file into entries with exact
  positions and blames each syntax error on the entry that holds it
  (:mod:`~sourcebook.bib.entrybody` reads each entry's body);
* :mod:`~sourcebook.bib.datamodel` -- the BibTeX and biblatex data models
  (entry types, fields, aliases) as data;
* :mod:`~sourcebook.bib.styleview` -- a biblatex entry mapped onto BibTeX for
  the reader's pybtex style;
* :mod:`~sourcebook.bib.latex` -- which TeX control words the reader decodes;
* :mod:`~sourcebook.bib.pybtexplugins` -- pybtex's plugins resolved once per
  process (every command path preloads them);
* :mod:`~sourcebook.check.bibmodel` -- data-model rules (types, fields, cross
  references, shapes, names, ``@string`` and ``@preamble`` text);
* :mod:`~sourcebook.check.bibfile` -- ``sourcebook check-bib FILE...``.

:func:`sourcebook.check.bibfile.check_bib_file` is the documented Python entry point.
"""

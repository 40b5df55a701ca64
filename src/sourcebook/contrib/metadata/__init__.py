"""A bibliography entry from a DOI, an ISBN or a web page's own metadata.

The steps are separate so that each can be tested, and re-run, offline:

* :mod:`.transport` fetches (Crossref through habanero, Open Library and
  Google Books through isbnlib, a page through urllib), or answers from
  recorded responses;
* :mod:`.record` keeps what was fetched as a small JSON record;
* :mod:`.crossref`, :mod:`.isbn` and :mod:`.webpage` turn a record into an
  :class:`~.entry.Entry` (plain text values, refused when unsafe);
* :mod:`.entry` writes an entry as canonical BibTeX through a writer it is
  given, and :mod:`.keys` makes its key.

None of them knows where the project keeps its files.
"""

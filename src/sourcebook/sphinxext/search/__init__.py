"""The ``shards`` search engine: a static index in small files, made incrementally.

``sourcebook_search = "shards"`` indexes the written HTML into ``_search/``
(the format: the manual's ``search.md``): ``meta.js``, term shards ``s/*.js``
of at most 32,000 bytes (listed by directories ``d/*.js`` once ``meta.js`` would pass
16,000 bytes) and a fragment ``f/DOC.js`` of at most 19,000 bytes per page, each a script
calling one function, so the search page loads them with ``<script src>``,
from a server or from disk alike.  A search downloads ``meta.js``, the shards
of its words and the fragments of the results it shows: a bounded amount
whatever the number of pages.  :mod:`.terms` is the tokeniser, :mod:`.extract`
a page's text, :mod:`.store` the persistent state, :mod:`.shards` the shard
files, :mod:`.build` an index run and :mod:`.hook` the Sphinx events.
"""

"""EDGE: `python -m generator serve` (server.py): build once, serve site/, and on every save rebuild what it affects.

The editor's loop. MkDocs' own LiveReloadServer (what `mkdocs serve` runs) serves site/, watches the
sources and reloads the open page after each rebuild; its reload script, and our notices, are added to
the HTML as it is served, never to the files in site/.

The server keeps the build in memory (every article checked, every page of docs/ rendered), so that a
save in `articles/<slug>/` costs little, in two steps:

1. that article is read and checked again, its own pages rendered and written to docs/, and MkDocs
   rebuilds only those pages (`mkdocs build --dirty` into the served site): the browser reloads;
2. meanwhile, in the background, the pages that list every article (home, glossary, timeline, feed,
   sitemap) are rendered again; the next step writes those that changed, MkDocs rebuilds them, and
   Pagefind re-indexes the locale. Until then the page says that lists and search may lag behind.

Each open page reloads once per save, when a rebuild changed it (reloads.py): an article's page after step 1, the
home page and other lists after step 2; MkDocs' reload poll is answered for the page that sends it (its Referer).

A change anywhere else (locales/, theme/, mkdocs.yml) rebuilds everything, as `make site` would; a
change in generator/ restarts the server, whose code it is. Bad data leaves docs/ and site/ as they
were: the problems are printed and shown over every served page until a save fixes them.
"""

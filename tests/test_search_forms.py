"""What an explainer indexes out of view for search (render/search.py): the data's words only, never an
inflection made up from a word's ending («पुतिनें», «समझौताएँ», «उनें», «श्रीहरिकोटे» were).
"""

from __future__ import annotations

import regex

from generator.build import make_site
from generator.config import load_project
from generator.gather import gather
from generator.render.search import plain, search_forms

from .conftest import ROOT

WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]+")


def test_the_index_only_words_are_the_datas_words_or_their_plain_spelling() -> None:
    project = load_project(ROOT)
    site = make_site(project)
    for article in gather(project, None).articles:
        for code in project.codes:
            view = site.localize(article, code)
            given = [view.title, view.summary, *view.other_titles]
            given += [p.text for s in view.sections for p in s.paragraphs] + [s.heading for s in view.sections if s.heading]
            given += [n.text for n in view.notes] + [c.text for c in view.claims]
            for term in view.terms:
                given += [term.term, *term.forms, term.transliteration or ""]
                given += [name for o in term.others for name in (o.term, *o.forms, o.transliteration or "")]
            words = {w for text in given for w in WORD.findall(str(text))}
            allowed = words | {plain(w) for w in words}
            made_up = [w for w in search_forms(view).split() if w not in allowed]
            assert not made_up, f"{article.slug} ({code}) indexes words the data does not give: {made_up[:10]}"
            assert not {"पुतिनें", "समझौताएँ", "उनें", "श्रीहरिकोटे", "विक्रमें"} & set(search_forms(view).split())

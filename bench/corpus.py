"""A deterministic synthetic corpus of bilingual explainers, in the project's real data format.

`python -m bench.corpus DEST --count N [--seed S]` writes N article folders into DEST (an `articles/`
folder): article.yaml, hi.yaml and en.yaml each, like articles/north-korea-russia-defence-treaty/.
Each explainer has about 800 words of body text per locale, 10–20 timeline events, 10–20 glossary
terms (every one of them occurs in the body text of both locales, so term linking is exercised),
5–12 sources, key facts and sometimes an editor's note. Words come from the fixed vocabularies below
and a seeded `random.Random` per article: article i is the same whatever N is, so the corpus of 100
is the first 100 of the corpus of 1000. No network, no clock.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

#: Words of body text per locale, about.
BODY_WORDS = 800
DEFAULT_SEED = 2024

# --- vocabularies -------------------------------------------------------------------------------------
# Glossary terms are built as adjective + noun, in the same order in both languages: 20 × 20 terms.
# (English, Hindi, transliteration)
ADJECTIVES: tuple[tuple[str, str, str], ...] = (
    ("military", "सैन्य", "sainya"),
    ("economic", "आर्थिक", "arthik"),
    ("political", "राजनीतिक", "rajnitik"),
    ("regional", "क्षेत्रीय", "kshetriya"),
    ("international", "अंतरराष्ट्रीय", "antarrashtriya"),
    ("national", "राष्ट्रीय", "rashtriya"),
    ("strategic", "रणनीतिक", "rannitik"),
    ("diplomatic", "राजनयिक", "rajnayik"),
    ("nuclear", "परमाणु", "parmanu"),
    ("federal", "संघीय", "sanghiya"),
    ("judicial", "न्यायिक", "nyayik"),
    ("electoral", "चुनावी", "chunavi"),
    ("maritime", "समुद्री", "samudri"),
    ("agricultural", "कृषि", "krishi"),
    ("financial", "वित्तीय", "vittiya"),
    ("constitutional", "संवैधानिक", "sanvaidhanik"),
    ("humanitarian", "मानवीय", "manviya"),
    ("digital", "डिजिटल", "dijital"),
    ("environmental", "पर्यावरणीय", "paryavarniya"),
    ("public", "सार्वजनिक", "sarvajanik"),
)
# (English, English plural, Hindi, Hindi oblique plural, transliteration)
NOUNS: tuple[tuple[str, str, str, str, str], ...] = (
    ("assistance", "assistance", "सहायता", "सहायताओं", "sahayata"),
    ("alliance", "alliances", "गठबंधन", "गठबंधनों", "gathbandhan"),
    ("agreement", "agreements", "समझौता", "समझौतों", "samjhauta"),
    ("policy", "policies", "नीति", "नीतियों", "niti"),
    ("reform", "reforms", "सुधार", "सुधारों", "sudhar"),
    ("crisis", "crises", "संकट", "संकटों", "sankat"),
    ("council", "councils", "परिषद", "परिषदों", "parishad"),
    ("commission", "commissions", "आयोग", "आयोगों", "ayog"),
    ("budget", "budgets", "बजट", "बजटों", "bajat"),
    ("tribunal", "tribunals", "अधिकरण", "अधिकरणों", "adhikaran"),
    ("mission", "missions", "मिशन", "मिशनों", "mishan"),
    ("treaty", "treaties", "संधि", "संधियों", "sandhi"),
    ("sanction", "sanctions", "प्रतिबंध", "प्रतिबंधों", "pratibandh"),
    ("ceasefire", "ceasefires", "युद्धविराम", "युद्धविरामों", "yuddhviram"),
    ("inquiry", "inquiries", "जाँच", "जाँचों", "janch"),
    ("census", "censuses", "जनगणना", "जनगणनाओं", "janganana"),
    ("subsidy", "subsidies", "सब्सिडी", "सब्सिडियों", "sabsidi"),
    ("mandate", "mandates", "जनादेश", "जनादेशों", "janadesh"),
    ("corridor", "corridors", "गलियारा", "गलियारों", "galiyara"),
    ("doctrine", "doctrines", "सिद्धांत", "सिद्धांतों", "siddhant"),
)

# Body text: content words and function words, drawn with replacement.
_HI_TEXT = """
    सरकार देश लोग नेता मंत्री संसद चुनाव अदालत फैसला बैठक रिपोर्ट बयान सवाल जवाब विरोध समर्थन प्रस्ताव कानून
    नियम अधिकारी विशेषज्ञ नागरिक किसान मजदूर व्यापार बाज़ार कीमत महंगाई रोज़गार शिक्षा स्वास्थ्य सुरक्षा सीमा सेना
    पुलिस राज्य ज़िला शहर गाँव इलाका इतिहास भविष्य साल महीने हफ़्ते दिन समय योजना परियोजना निवेश विकास पानी बिजली
    सड़क रेल बंदरगाह ऊर्जा तेल गैस कोयला जलवायु मौसम बारिश सूखा बाढ़ आपदा राहत मदद चर्चा बहस मुद्दा मामला घटना हमला
    संघर्ष शांति वार्ता दौरा यात्रा संबंध सहयोग प्रतिनिधि दल पार्टी विपक्ष प्रधानमंत्री राष्ट्रपति राजधानी जनता
    आँकड़े अनुमान खर्च आय कर्ज़ निर्यात आयात उत्पादन उद्योग कंपनी बैंक मुद्रा डॉलर रुपये करोड़ लाख प्रतिशत
    महत्वपूर्ण गंभीर संभावित आधिकारिक स्थानीय नया नई पुराना बड़ा बड़ी छोटा लंबा तेज़ धीमा कड़ा सीधा
    के का की में से पर को और लेकिन क्योंकि जबकि यदि तो भी ही नहीं अब तक बाद पहले साथ बीच लिए द्वारा अनुसार
    बारे कई सभी कुछ अधिक कम इस उस यह वह जो जिसने जिसमें उनके उनकी अपने अपनी दोनों
"""
HI_WORDS = tuple(_HI_TEXT.split())
HI_ENDINGS = (
    "कहा गया है",
    "बताया गया",
    "किया जा रहा है",
    "माना जाता है",
    "दिया गया था",
    "हो सकता है",
    "होना चाहिए",
    "रहा है",
    "की गई थी",
    "जारी रहेगा",
)
_EN_TEXT = """
    government country people leader minister parliament election court ruling meeting report statement question
    answer protest support proposal law rule official expert citizen farmer worker trade market price inflation
    employment education health security border army police state district city village area history future year
    month week day time plan project investment development water electricity road railway port energy oil gas coal
    climate weather rain drought flood disaster relief help discussion debate issue case event attack conflict
    peace talks visit journey relations cooperation delegate party opposition capital public figures estimate
    spending income debt exports imports production industry company bank currency dollars rupees million billion
    percent important serious possible official local new old large small long rapid slow strict direct
    the the the of of of in in to to and and but because while if then also only not now until after before with
    between for by according about several all some more less this that which who whose their its both
"""
EN_WORDS = tuple(_EN_TEXT.split())
EN_ENDINGS = (
    "was announced",
    "has been reported",
    "is under way",
    "is widely assumed",
    "had been agreed",
    "may follow",
    "should be expected",
    "has continued",
    "was confirmed",
    "will continue",
)
PUBLISHERS: tuple[tuple[str, str, str], ...] = (
    ("Reuters", "reuters.example.com", "en"),
    ("Associated Press", "apnews.example.com", "en"),
    ("BBC News", "bbc.example.co.uk", "en"),
    ("The Hindu", "thehindu.example.com", "en"),
    ("Indian Express", "indianexpress.example.com", "en"),
    ("Al Jazeera", "aljazeera.example.com", "en"),
    ("दैनिक भास्कर", "bhaskar.example.com", "hi"),
    ("अमर उजाला", "amarujala.example.com", "hi"),
    ("बीबीसी हिंदी", "bbc.example.com", "hi"),
    ("PIB", "pib.example.gov.in", "en"),
    ("UN News", "news.un.example.org", "en"),
    ("संयुक्त राष्ट्र समाचार", "news.un.example.org", "hi"),
)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when PyYAML has it: same output, faster


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- building one article -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    en: str
    en_plural: str
    hi: str
    hi_plural: str
    translit: str


def _terms(rng: random.Random, count: int) -> list[GlossaryTerm]:
    pairs = rng.sample([(a, n) for a in range(len(ADJECTIVES)) for n in range(len(NOUNS))], count)
    terms = []
    for a, n in pairs:
        adj, noun = ADJECTIVES[a], NOUNS[n]
        terms.append(
            GlossaryTerm(
                id=f"{adj[0]}-{noun[0]}",
                en=f"{adj[0]} {noun[0]}",
                en_plural=f"{adj[0]} {noun[1]}",
                hi=f"{adj[1]} {noun[2]}",
                hi_plural=f"{adj[1]} {noun[3]}",
                translit=f"{adj[2]} {noun[4]}",
            )
        )
    return terms


def _sentence(rng: random.Random, words: tuple[str, ...], endings: tuple[str, ...], length: int, hindi: bool) -> list[str]:
    """A sentence of `length` words: random words, then a verb phrase and the full stop."""
    ending = rng.choice(endings).split()
    body = [rng.choice(words) for _ in range(max(1, length - len(ending)))]
    out = body + ending
    if not hindi:
        out[0] = out[0][:1].upper() + out[0][1:]
    out[-1] += "।" if hindi else "."
    return out


def _paragraph_words(rng: random.Random, total: int, hindi: bool) -> list[list[str]]:
    words, endings = (HI_WORDS, HI_ENDINGS) if hindi else (EN_WORDS, EN_ENDINGS)
    sentences, left = [], total
    while left > 0:
        n = min(left, rng.randint(10, 22)) if left >= 6 else left + 4
        sentences.append(_sentence(rng, words, endings, n, hindi))
        left -= n
    return sentences


def _insert(rng: random.Random, sentences: list[list[str]], phrase: str) -> None:
    """Put a phrase between two words of a random sentence (never after the final verb phrase)."""
    sentence = rng.choice(sentences)
    at = rng.randint(0, max(0, len(sentence) - 5))
    if at == 0 and sentence and sentence[0][:1].isupper():
        sentence[0] = sentence[0][:1].lower() + sentence[0][1:]
        phrase = phrase[:1].upper() + phrase[1:]
    sentence.insert(at, phrase)


def _words(rng: random.Random, words: tuple[str, ...], low: int, high: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(d: date, precision: str) -> str:
    return d.isoformat() if precision == "day" else d.isoformat()[:7] if precision == "month" else str(d.year)


def _published(day: date, index: int, _draw: float) -> str:
    """A publication date-time in India's zone, at a desk's working hour derived from the index."""
    return f"{day.isoformat()}T{6 + index % 14:02d}:{index * 7 % 60:02d}:00+05:30"


def make_article(index: int, seed: int = DEFAULT_SEED) -> tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Return (slug, article.yaml, hi.yaml, en.yaml) of the index-th synthetic explainer."""
    rng = random.Random(seed * 1_000_003 + index)
    n_terms, n_events = rng.randint(10, 20), rng.randint(10, 20)
    terms = _terms(rng, n_terms)
    lead = terms[0]
    slug = f"{lead.id}-{rng.choice(NOUNS)[0]}-{index:04d}"
    original = "hi" if rng.random() < 0.7 else "en"
    published = date(2019, 1, 1) + timedelta(days=rng.randrange(7 * 365))

    # Sources
    sources = []
    for k in range(rng.randint(5, 12)):
        publisher, host, lang = rng.choice(PUBLISHERS)
        words = HI_WORDS if lang == "hi" else EN_WORDS
        src_date = published - timedelta(days=rng.randrange(0, 400))
        source: dict[str, Any] = {
            "id": f"source-{k + 1:02d}",
            "title": _capital(_words(rng, words, 6, 14)),
            "publisher": publisher,
            "url": f"https://{host}/{src_date.year}/{src_date.month:02d}/story-{rng.randrange(10**6):06d}",
        }
        if rng.random() < 0.8:
            source["date"] = src_date.isoformat()
        source["language"] = lang
        sources.append(source)
    source_ids = [s["id"] for s in sources]

    def refs(low: int = 1, high: int = 3) -> list[str]:
        return rng.sample(source_ids, min(len(source_ids), rng.randint(low, high)))

    # Sections and paragraphs: the same ids in both locales; ~800 words per locale.
    n_sections = rng.randint(4, 6)
    structure: list[tuple[str, list[tuple[str, int]]]] = []
    budget = rng.randint(BODY_WORDS - 80, BODY_WORDS)  # + the inserted glossary terms
    n_paragraphs = n_sections * 2 + rng.randint(0, n_sections)
    per_paragraph = budget // n_paragraphs
    counter = 0
    for s in range(n_sections):
        paragraphs = []
        count = 2 + (1 if s < n_paragraphs - n_sections * 2 else 0)
        for _ in range(count):
            counter += 1
            paragraphs.append((f"p{counter:02d}", per_paragraph + rng.randint(-8, 8)))
        structure.append(("lead" if s == 0 else f"section-{s}", paragraphs))

    hi_body = {pid: _paragraph_words(rng, n, True) for _, ps in structure for pid, n in ps}
    en_body = {pid: _paragraph_words(rng, n, False) for _, ps in structure for pid, n in ps}
    pids = list(hi_body)
    for term in terms:  # every term occurs in the body of both locales, sometimes in its plural form
        pid = rng.choice(pids)
        plural = rng.random() < 0.3
        _insert(rng, hi_body[pid], term.hi_plural if plural else term.hi)
        _insert(rng, en_body[pid], term.en_plural if plural else term.en)

    # Timeline, key facts, notes
    events = []
    for k in range(n_events):
        when = published + timedelta(days=rng.randint(-900, 60))
        precision = rng.choices(("day", "month", "year"), (8, 3, 1))[0]
        events.append({"id": f"event-{k + 1:02d}", "date": _date(when, precision), "sources": refs()})
    facts: list[dict[str, Any]] = []
    for k in range(rng.randint(3, 7)):
        fact: dict[str, Any] = {"id": f"fact-{k + 1:02d}"}
        if rng.random() < 0.5:
            fact["date"] = (published - timedelta(days=rng.randrange(1000))).isoformat()
        else:
            fact["number"] = rng.choice((rng.randint(2, 99), rng.randint(100, 99_999), rng.randint(100_000, 50_000_000)))
            if rng.random() < 0.4:
                fact["approximate"] = True
        fact["sources"] = refs()
        facts.append(fact)
    notes = []
    if rng.random() < 0.2:
        noted = published + timedelta(days=rng.randint(1, 90))
        notes.append(
            {
                "id": "note-01",
                "kind": rng.choice(("correction", "clarification")),
                "date": noted.isoformat(),  # a correction must be dated
                "paragraph": rng.choice(pids),
                "sources": refs(),
            }
        )

    article = {
        "slug": slug,
        "original": original,
        # A date-time with its zone (IST), as the model requires; the random draw that once chose the date's precision
        # is kept so that the rest of the corpus stays the same.
        "published": _published(published, index, rng.random()),
        "sources": sources,
        "timeline": events,
        "glossary": [{"id": t.id, "sources": refs(0, 2)} for t in terms],
        "key_facts": facts,
        "notes": notes,
    }
    if not notes:
        del article["notes"]

    def locale_file(hindi: bool) -> dict[str, Any]:
        words, body = (HI_WORDS, hi_body) if hindi else (EN_WORDS, en_body)
        stop = "।" if hindi else "."
        title_term = lead.hi if hindi else _capital(lead.en)
        sections = []
        for sid, paragraphs in structure:
            section: dict[str, Any] = {"id": sid}
            if sid != "lead":
                section["heading"] = _capital(_words(rng, words, 4, 9))
            section["paragraphs"] = [{"id": pid, "text": " ".join(w for s in body[pid] for w in s)} for pid, _ in paragraphs]
            sections.append(section)
        return {
            "title": f"{title_term}: {_words(rng, words, 6, 10)}",
            "summary": _capital(_words(rng, words, 25, 40)) + stop,
            "sections": sections,
            "timeline": {
                e["id"]: {"label": _capital(_words(rng, words, 4, 8)), "description": _capital(_words(rng, words, 15, 25)) + stop}
                for e in events
            },
            "glossary": {
                t.id: {
                    "term": t.hi if hindi else t.en,
                    "forms": [t.hi_plural if hindi else t.en_plural],
                    **({"transliteration": t.translit} if hindi else {}),
                    "definition": _capital(_words(rng, words, 18, 35)) + stop,
                }
                for t in terms
            },
            "key_facts": {f["id"]: {"label": _capital(_words(rng, words, 5, 12))} for f in facts},
            **({"notes": {n["id"]: {"text": _capital(_words(rng, words, 20, 40)) + stop} for n in notes}} if notes else {}),
        }

    return slug, article, locale_file(True), locale_file(False)


def _dump(data: dict[str, Any]) -> str:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return nfc(text)


def write_corpus(dest: Path, count: int, seed: int = DEFAULT_SEED) -> list[str]:
    """Write `count` article folders into dest (created if missing); return their slugs."""
    dest.mkdir(parents=True, exist_ok=True)
    slugs = []
    for i in range(count):
        slug, article, hi, en = make_article(i, seed)
        folder = dest / slug
        folder.mkdir(exist_ok=True)
        header = f"# Synthetic explainer {i} of the benchmark corpus (bench/corpus.py, seed {seed}).\n"
        (folder / "article.yaml").write_text(header + _dump(article), encoding="utf-8")
        (folder / "hi.yaml").write_text(header + _dump(hi), encoding="utf-8")
        (folder / "en.yaml").write_text(header + _dump(en), encoding="utf-8")
        slugs.append(slug)
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="the articles/ folder to fill")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    slugs = write_corpus(args.dest, args.count, args.seed)
    sys.stdout.write(f"{len(slugs)} synthetic explainer(s) written to {args.dest}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

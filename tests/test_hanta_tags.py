"""HanTa's tags and lemmas under the parser (extractor.hanta_tags): STTS spelt as the bundled models'
treebank spells it, UPOS by GSD's conventions, lemmas for the words the lemmatizer's dictionary lacks,
and the Konjunktiv of reported speech still found with HanTa's tags in the parse."""

from __future__ import annotations

import pytest

from extractor import hanta_tags
from extractor.quotes.konjunktiv import is_konjunktiv_i


def tags(sentence: str) -> dict[str, tuple[str, str, str]]:
    words = sentence.split()
    return dict(zip(words, hanta_tags.tag_sentence(words)))


def test_hantas_spellings_become_stts_as_gsd_writes_it():
    assert hanta_tags.stts("VV(FIN)") == "VVFIN"
    assert hanta_tags.stts("ADJ(A)") == "ADJA"
    assert hanta_tags.stts("VA(IMP)") == "VAIMP"
    assert hanta_tags.stts("PROAV") == "PAV"
    assert hanta_tags.stts("NNA") == "NN" and hanta_tags.stts("NNI") == "NN"
    assert hanta_tags.stts("$(") == "$("


def test_every_part_of_speech_hanta_can_give_has_a_upos():
    # HanTa's tag table also names morphemes (SUF_FIN, VV_IRR); each word class has an END_ state
    word_classes = {t[4:] for t in hanta_tags.tagger().tag2int if isinstance(t, str) and t.startswith("END_")}
    assert len(word_classes) > 50
    assert not {t for t in word_classes if hanta_tags.stts(t) not in hanta_tags.STTS_UPOS}


def test_a_news_sentence_is_tagged_as_a_reader_parses_it():
    t = tags("Die Kanzlerin Angela Merkel sagte an dem Montag in Berlin , sie seien bereit .")
    assert t["Die"][:2] == ("DET", "ART")
    assert t["Kanzlerin"][:2] == ("NOUN", "NN")
    assert t["Angela"][:2] == ("PROPN", "NE") and t["Merkel"][:2] == ("PROPN", "NE")
    assert t["sagte"][:2] == ("VERB", "VVFIN")
    assert t["seien"][:2] == ("AUX", "VAFIN")
    assert t["Montag"][0] == "NOUN"  # a weekday is no name for the quote rules
    assert t[","][:2] == ("PUNCT", "$,") and t["."][:2] == ("PUNCT", "$.")


def test_gsd_conventions_for_closed_class_words():
    t = tags("Das alles hat dpa gemeldet .")
    assert t["alles"][0] == "DET"
    assert t["dpa"][0] == "PROPN"


def test_lemmas_keep_a_names_spelling_and_reduce_inflection():
    assert hanta_tags.lemma("SPD", "NE") == "SPD"  # HanTa's own: „Spd“
    assert hanta_tags.lemma("Verteidigungsministerinnen", "NN") == "Verteidigungsministerin"
    assert hanta_tags.lemma("bekräftigten", "VV(FIN)") == "bekräftigen"
    assert hanta_tags.lemma("seien", "VA(FIN)") == "sein"


def test_forget_empties_the_remembered_analyses():
    hanta_tags.tag_sentence("Der Quatschwortverleiher spricht .".split())
    assert hanta_tags._MEMO
    hanta_tags.forget()
    assert not hanta_tags._MEMO
    assert hanta_tags.tag_sentence("Der Quatschwortverleiher spricht .".split())[1][0] == "NOUN"


@pytest.fixture(scope="module")
def parser(extractor):
    from dataclasses import replace

    from extractor.parsing import Parser

    return Parser(replace(extractor.config, full_parse=True))


@pytest.mark.slow
def test_the_parser_reads_hantas_tags_and_keeps_stanzas_morphology(parser):
    assert parser.tags == "hanta"
    s = parser.parse("Angela Merkel sagte am Montag, die Regierung habe nichts gewusst.").sentences[0]
    by_text = {w.text: w for w in s.words}
    assert by_text["sagte"].upos == "VERB" and by_text["sagte"].xpos == "VVFIN"
    assert by_text["sagte"].deprel == "root" and by_text["sagte"].lemma == "sagen"
    assert by_text["Merkel"].upos == "PROPN" and by_text["Merkel"].head == by_text["Angela"].id
    assert by_text["Angela"].head == by_text["sagte"].id
    assert by_text["sagte"].feats.get("Tense") == "Past"  # UFeats are still Stanza's
    assert by_text["gewusst"].lemma == "wissen"


@pytest.mark.slow
def test_konjunktiv_is_still_found(parser):
    for text, verb in (
        ("Er sagte, sie seien bereit.", "seien"),
        ("Der Minister sagte, er habe nichts gewusst.", "habe"),
    ):
        s = parser.parse(text).sentences[0]
        w = next(w for w in s.words if w.text == verb)
        assert w.upos == "AUX"
        assert is_konjunktiv_i(w, s), text
    s = parser.parse("Er sagte, sie sind bereit.").sentences[0]
    assert not any(is_konjunktiv_i(w, s) for w in s.words)


@pytest.mark.slow
def test_stanza_tags_remain_selectable(extractor):
    from dataclasses import replace

    from extractor.parsing import Parser

    s = (
        Parser(replace(extractor.config, full_parse=True), tags="stanza")
        .parse("Er sagte, sie seien bereit.")
        .sentences[0]
    )
    assert len([w for w in s.words if w.head == 0]) == 1
    assert all(w.upos for w in s.words)


def test_verb_feats_state_the_form_an_stts_verb_tag_gives():
    assert hanta_tags.verb_feats("VVFIN") == "VerbForm=Fin"
    assert hanta_tags.verb_feats("VAIMP") == "VerbForm=Fin"
    assert hanta_tags.verb_feats("VMINF") == "VerbForm=Inf"
    assert hanta_tags.verb_feats("VVIZU") == "VerbForm=Inf"
    assert hanta_tags.verb_feats("VVPP") == "VerbForm=Part"
    assert hanta_tags.verb_feats("NN") is None and hanta_tags.verb_feats("ADJD") is None


@pytest.mark.slow
def test_a_tagged_only_continuation_has_hantas_tags_and_its_konjunktiv(extractor):
    """Sentences that are only tagged (a continuation of reported speech) get HanTa's tags without the
    Stanza tagger; the verb form comes from the tag, and the Konjunktiv rule still reads them."""
    from dataclasses import replace

    from extractor.parsing import Parser

    text = (
        "Die Bürgermeisterin sagte am Dienstag, die Brücke sei marode. "
        "Die Stadt habe seit Jahren kein Geld gehabt und werde die Sanierung verschieben müssen."
    )
    doc = Parser(replace(extractor.config, full_parse=False)).parse(text)
    first, second = doc.sentences
    assert first.parsed and not second.parsed
    by_text = {w.text: w for w in second.words}
    assert by_text["habe"].xpos == "VAFIN" and by_text["habe"].feats == {"VerbForm": "Fin"}
    assert by_text["gehabt"].feats == {"VerbForm": "Part"}
    assert by_text["Stadt"].upos == "NOUN" and by_text["Stadt"].feats == {}
    assert is_konjunktiv_i(by_text["habe"], second)
    assert is_konjunktiv_i(by_text["werde"], second)
    quotes = extractor.extract(text)
    assert any(q.text.startswith("Die Stadt habe") and q.speaker for q in quotes)


def test_a_first_name_opening_a_sentence_is_no_imperative():
    """HanTa reads the unfamiliar first name „Henk“ as an imperative; a sentence that opens with a
    known first name and a capitalised word is about a person, while „Stell dir vor“ stays a verb."""
    from extractor.hanta_tags import tag_sentence, tagger

    words = "Henk Jansen , Sprecher der Reederei , erklärte das .".split()
    assert tagger().tag_sent(words, taglevel=0)[0] == "VV(IMP)"  # what the rule is for
    assert tag_sentence(words)[0][:2] == ("PROPN", "NE")
    assert tag_sentence("Stell dir das vor .".split())[0][1] == "VVIMP"
    assert tag_sentence("Lies Sie das .".split())[0][1] != "NE"  # „Sie“ is addressed

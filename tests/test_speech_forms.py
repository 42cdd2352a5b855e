"""The forms of reported speech the annotation guidelines distinguish, on sentences written for these
tests in the style of German news: reported speech acts, Konjunktiv passages, and what is not a report
(a stance without content, a negated act, the name of a work or body in quotation marks).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quotes_of(extractor):
    def run(text: str):
        quotes = extractor.extract(text)
        for q in quotes:
            assert text[q.start : q.end] == q.text
        return quotes

    return run


def containing(quotes, words: str):
    return [q for q in quotes if words in q.text]


# --- reported speech acts -------------------------------------------------------------------------


def test_demand_is_a_reported_act_with_its_full_stop(quotes_of):
    text = "Die Gewerkschaft Verdi forderte am Dienstag eine Erhöhung der Löhne um acht Prozent."
    (q,) = containing(quotes_of(text), "Erhöhung der Löhne")
    assert q.text == text  # the whole sentence, full stop included, as the guidelines mark it
    assert q.cue.text == "forderte"


def test_announcement_is_a_reported_act(quotes_of):
    text = "Der Bürgermeister der Stadt kündigte am Abend eine Untersuchung des Unglücks an."
    assert containing(quotes_of(text), "Untersuchung des Unglücks")


def test_stance_without_content_is_no_report(quotes_of):
    # criticising, welcoming, condemning: the sentence says whom the speaker judged, not what was said
    for text in (
        "Die Opposition im Landtag kritisierte den Haushaltsplan der Regierung scharf.",
        "Der Verband der Landwirte begrüßte das Urteil des Verwaltungsgerichts ausdrücklich.",
        "Mehrere Regierungen verurteilten den Anschlag auf die Botschaft in der Hauptstadt.",
    ):
        assert quotes_of(text) == [], text


def test_stance_with_a_clause_is_still_reported(quotes_of):
    text = "Die Opposition kritisierte am Montag, der Haushaltsplan sei nicht finanzierbar."
    (q,) = containing(quotes_of(text), "nicht finanzierbar")
    assert q.kind == "indirect"


def test_stance_that_labels_its_object_is_reported(quotes_of):
    text = "Das Außenministerium kritisierte den Anschlag als barbarische Tat."
    (q,) = containing(quotes_of(text), "barbarische Tat")
    assert q.text == text
    assert q.cue.text == "kritisierte"


def test_reflexive_act_without_content_reports_nothing(quotes_of):
    assert quotes_of("Der Sprecher der Regierung äußerte sich am Montag nicht zu dem Vorfall.") == []


def test_das_with_a_cue_reports_the_sentence_before(quotes_of):
    text = (
        "Bei dem Angriff wurden drei Menschen verletzt. "
        "In dem Fahrzeug befand sich auch eine weitere deutsche Mitarbeiterin. "
        "Das teilte die Organisation am Montag in Bonn mit."
    )
    (q,) = containing(quotes_of(text), "Mitarbeiterin")
    assert q.text == "In dem Fahrzeug befand sich auch eine weitere deutsche Mitarbeiterin. Das"
    assert q.cue.text == "teilte"
    assert q.speaker_mention.text.endswith("Organisation")


def test_das_with_a_cue_gives_the_quotation_before_its_speaker(quotes_of):
    """„„…“ Das räumte X ein.“ / „Das musste X einräumen“: the quotation is what „Das“ stands for; it
    keeps its own span and takes the cue and its subject (a modal's infinitive is the cue)."""
    for text, cue in (
        (
            "Der Haushalt wird knapp. „Ja, es gibt Zumutungen für alle.“ Das räumte die Ministerin Eva Brandt ein.",
            "räumte",
        ),
        (
            "Der Haushalt wird knapp. „Ja, es gibt Zumutungen für alle.“ "
            "Das musste die Ministerin Eva Brandt zu Beginn der Debatte einräumen.",
            "einräumen",
        ),
    ):
        (q,) = containing(quotes_of(text), "Zumutungen")
        assert q.text == "Ja, es gibt Zumutungen für alle." and q.kind == "direct"
        assert q.speaker == "Eva Brandt" and q.cue.text == cue


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Die Ermittler gehen inzwischen von Brandstiftung aus.", "gehen"),
        ("Der Forscher Jonas Kern rechnet mit einem steigenden Bedarf an Wohnungen.", "rechnet"),
        ("Ein Sprecher der Versicherung bezifferte den Schaden auf zwei Millionen Euro.", "bezifferte"),
    ],
)
def test_assumptions_expectations_and_figures_are_reported_acts(quotes_of, text, cue):
    """„geht von … aus“, „rechnet mit …“, „beziffert … auf …“ pass on what the speaker assumes,
    expects or counts: the sentence is the report (guidelines 3.5), its object the content."""
    (q,) = quotes_of(text)
    assert q.text == text and q.cue.text.startswith(cue)


def test_what_emanates_from_something_is_no_assumption(quotes_of):
    assert quotes_of("Von dem Stoff geht nach den Messungen keine Gefahr für Menschen aus.") == []


def test_a_report_noun_with_a_dass_clause_reports_it(quotes_of):
    """„die Forderung des Ministers, dass …“: the clause is the report, the noun its cue, the genitive
    its source; a clause after a noun of facts („die Tatsache, dass“) reports nothing."""
    text = (
        "Die Forderung des Ministers, dass die Steuern sinken müssten, stieß auf Kritik. "
        "Die Polizei fand keine Hinweise für die Behauptungen, dass jemand einen Anschlag geplant hatte. "
        "Die Tatsache, dass die Brücke gesperrt ist, ärgert viele Pendler."
    )
    quotes = quotes_of(text)
    (demand,) = containing(quotes, "Steuern")
    assert demand.text == "dass die Steuern sinken müssten" and demand.cue.text == "Forderung"
    assert demand.speaker == "Minister"
    (claim,) = containing(quotes, "Anschlag")
    assert claim.text == "dass jemand einen Anschlag geplant hatte" and claim.cue.text == "Behauptungen"
    assert not containing(quotes, "Brücke")


def test_negated_act_reports_nothing(quotes_of):
    text = "Die Gewerkschaft forderte am Dienstag keine weiteren Zugeständnisse von den Arbeitgebern."
    assert quotes_of(text) == []


def test_an_attitude_shown_reports_what_goes_with_it(quotes_of):
    """„zeigte sich zufrieden / besorgt“ is said in public: with a quotation or a dass-clause it is
    the cue; with only a prepositional object („mit dem Ergebnis zufrieden“) it reports nothing."""
    text = (
        "„Wir haben jetzt vier Punkte und brauchen nur noch ein Unentschieden“, zeigte sich der Trainer "
        "der Gäste nach dem Spiel zufrieden.\n\n"
        "Im Fernsehen zeigte sich die Bundestrainerin Anna Berg zufrieden: „Wir haben eine deutliche "
        "Steigerung gezeigt.“\n\n"
        "Die Ministerin Karin Vogt zeigte sich besorgt, dass die Preise weiter steigen könnten.\n\n"
        "Die Veranstalter zeigten sich mit dem Ergebnis zufrieden."
    )
    quotes = quotes_of(text)
    assert [q.speaker for q in containing(quotes, "vier Punkte")] == ["Trainer der Gäste"]
    assert [q.speaker for q in containing(quotes, "Steigerung")] == ["Anna Berg"]
    (worry,) = containing(quotes, "Preise")
    assert worry.text == "dass die Preise weiter steigen könnten" and worry.cue.text == "besorgt"
    assert not containing(quotes, "Ergebnis")


# --- Konjunktiv passages ------------------------------------------------------------------------


def test_konjunktiv_sentences_after_a_report_are_one_passage(quotes_of):
    text = (
        "Der Sprecher des Ministeriums sagte, die Lage an der Grenze sei ruhig. "
        "Die Soldaten hätten ihre Stellungen nicht verlassen. "
        "Man werde die Lage in den nächsten Tagen weiter beobachten. "
        "Am Abend fuhr der Minister zurück in die Hauptstadt."
    )
    quotes = quotes_of(text)
    (passage,) = containing(quotes, "Stellungen nicht verlassen")
    assert passage.text == (
        "Die Soldaten hätten ihre Stellungen nicht verlassen. Man werde die Lage in den nächsten Tagen weiter beobachten."
    )
    assert not containing(quotes, "fuhr der Minister")


def test_konjunktiv_after_quotations_takes_their_speaker(quotes_of):
    """A quotation without a cue takes its speaker from the quotation before it, and a Konjunktiv
    sentence after it carries the same report on: it has that speaker too, though the quotation got
    it only once the continuations were found."""
    text = (
        "Die Ärztin Maria Kowalczyk sagte: „Wir sind auf eine Welle vorbereitet.“ "
        "„Aber die Betten reichen nicht für alle.“ "
        "Im schlimmsten Fall sei mit langen Wartezeiten zu rechnen."
    )
    quotes = quotes_of(text)
    (second,) = containing(quotes, "Betten reichen")
    (carried,) = containing(quotes, "Wartezeiten")
    assert second.speaker == carried.speaker == "Maria Kowalczyk"


# --- names in quotation marks ---------------------------------------------------------------------


def test_quoted_name_of_a_body_is_no_quote(quotes_of):
    text = "Die Organisation „Ärzte für Soziale Verantwortung“ hat ihren Sitz in Genf."
    assert quotes_of(text) == []


def test_quoted_title_with_a_capitalised_article_is_no_quote(quotes_of):
    text = "Im Schulunterricht wird seit Jahren auch „Der Fänger im Roggen“ gelesen, ein Roman aus Amerika."
    assert quotes_of(text) == []


def test_quoted_phrase_with_lower_case_words_stays_a_quote(quotes_of):
    text = "Der Bischof sprach in seiner Predigt von einer „Kluft zwischen Arm und Reich“."
    assert containing(quotes_of(text), "Kluft zwischen Arm und Reich")


# --- what follows a cue's comma -------------------------------------------------------------------


def test_reported_clause_opening_with_a_long_noun_phrase(quotes_of):
    # the plural subject with Konjunktiv, the first constituent longer than two words
    (q,) = quotes_of("Der Außenminister sagte am Abend, die Vorwürfe gegen sein Land seien falsch.")
    assert q.text == "die Vorwürfe gegen sein Land seien falsch"
    assert q.cue.text == "sagte"


def test_relative_and_adverbial_clauses_after_a_cue_are_no_report(quotes_of):
    for text in (
        "Der Mann wurde 1965 zu einer Haftstrafe verurteilt, die er bis 1970 in Berlin verbüßte.",
        "Die Demonstranten forderten am Sonntag den Rücktritt, um den Weg zu Neuwahlen freizumachen.",
    ):
        assert not [q for q in quotes_of(text) if q.text.startswith(("die er", "um den"))], text


def test_an_adjective_that_closes_a_cue_is_no_cue_alone(quotes_of):
    assert quotes_of("Wie am Montag bekannt wurde, ist der Minister der Regierung zurückgetreten.") == []


def test_a_preterite_is_not_read_as_a_participle(quotes_of):
    # „geriet“ (geraten) is no form of „raten“
    assert quotes_of("Die Firma geriet im vergangenen Jahr in die Kritik, weil sie Mitarbeiter entließ.") == []


def test_konjunktiv_i_reports_even_far_from_its_source(quotes_of):
    text = (
        "Der Minister sagte am Montag, die Lage sei ernst. Am Dienstag reiste er nach Paris. "
        "Dort traf er den Präsidenten. Die beiden sprachen über die Krise. "
        "Man sei sich in allen Fragen einig gewesen."
    )
    (q,) = containing(quotes_of(text), "einig gewesen")
    assert q.text == "Man sei sich in allen Fragen einig gewesen."
    assert q.speaker == "Minister" or q.speaker_mention is not None


def test_demnach_attributes_its_sentence_to_the_source_before(quotes_of):
    text = (
        "Die Polizei teilte am Montag mit, der Fahrer sei betrunken gewesen. "
        "Demnach hatte er nach einem Test mehr als zwei Promille im Blut, soll aber weitergefahren sein."
    )
    (q,) = containing(quotes_of(text), "Promille")
    assert q.text.startswith("hatte er")  # „Demnach“ stands for the source, it is not what was said
    # the adverb is the source phrase (SpkAtt guidelines 3.3 E); the speaker is whom it refers to
    assert q.speaker_mention is not None and q.speaker_mention.text == "Demnach"
    assert q.speaker is not None and "Polizei" in q.speaker


def test_demnach_inside_a_sentence_and_the_konjunktiv_after_it(quotes_of):
    text = (
        "Der Wahlleiter Jonas Brenner gab am Abend das vorläufige Ergebnis bekannt. "
        "Die Amtsinhaberin liegt demnach mit 52 Prozent knapp vorn. "
        "Die Auszählung der Briefwahl sei aber noch nicht abgeschlossen."
    )
    quotes = quotes_of(text)
    (q,) = containing(quotes, "52 Prozent")
    assert q.speaker_mention is not None and q.speaker_mention.text == "demnach"
    assert q.speaker == "Jonas Brenner"
    (after,) = containing(quotes, "Briefwahl")
    assert after.speaker == "Jonas Brenner" and after.speaker_mention.text != "demnach"


def test_senses_of_cue_verbs_that_report_nothing(quotes_of):
    for text in (
        "Der Sturm forderte in der Region mindestens zwölf Todesopfer.",  # claimed lives
        "Täglich haben etwa eine Million Nutzer die Seite der Zeitung aufgerufen.",  # called up a page
        "Das Objekt, genannt 2003 EL61, hat die Form einer Kartoffel.",  # a participle as an attribute
    ):
        assert quotes_of(text) == [], text


def test_calling_for_something_is_a_reported_act(quotes_of):
    text = "Die Gewerkschaft rief die Beschäftigten am Montag zu Warnstreiks auf."
    (q,) = quotes_of(text)
    assert q.text == text


def test_a_colon_lead_is_a_name_not_a_list_heading(quotes_of):
    assert quotes_of("Hinzu: Die Zahl der Arbeitslosen stieg um drei Prozent.") == []
    (q,) = quotes_of("Selenskyj: Ohne Druck wird es keinen Frieden geben.")
    assert q.speaker_mention.text == "Selenskyj"


def test_a_single_quoted_name_after_a_naming_verb_is_no_quote(quotes_of):
    quotes = quotes_of("Das Unternehmen nennt seinen neuen Geländewagen „Touareg“.")
    assert not [q for q in quotes if q.text == "Touareg"]
    (q,) = quotes_of("Der Minister nannte den Vorschlag „Unsinn“.")
    assert q.text == "Unsinn"


def test_a_fronted_adverbial_clause_is_not_what_the_verb_after_it_reports(quotes_of):
    text = "Obwohl der Täter am Abend gefasst wurde, bestritt er bis zuletzt jede Beteiligung an der Tat."
    assert not [q for q in quotes_of(text) if q.text.startswith("Obwohl")]


def test_a_fronted_prepositional_phrase_stays_in_the_report(quotes_of):
    text = (
        "Während des Gesprächs mit dem Minister erörterten die Generäle die Lage in der Region, "
        "teilte das Ministerium am Montag mit."
    )
    (q,) = containing(quotes_of(text), "erörterten")
    assert q.text.startswith("Während des Gesprächs")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Die Patrouillen, so glaubt Esper, würden weitere Angriffe verhindern.", "Esper"),
        ("Die Lage werde sich, so hofft die Ministerin, bald bessern.", "Ministerin"),
    ],
)
def test_an_inserted_so_cue_names_the_source_of_the_sentence_around_it(quotes_of, text, speaker):
    [q] = quotes_of(text)
    assert q.speaker == speaker and q.cue is not None and q.cue.start > q.start

"""Training the parser on the tags it reads at run time (extractor.model.train, parser_data), its word
vectors (wordvec), on sentences composed here."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.model import parser_data, train, wordvec

ROWS = [
    ("1", "Die", "der", "DET", "ART", "2", "det"),
    ("2", "Ministerin", "Ministerin", "NOUN", "NN", "3", "nsubj"),
    ("3", "sagte", "sagen", "VERB", "VVFIN", "0", "root"),
    ("4-5", "im", "_", "_", "_", "_", "_"),
    ("4", "in", "in", "ADP", "APPR", "6", "case"),
    ("5", "dem", "der", "DET", "ART", "6", "det"),
    ("6", "Bundestag", "Bundestag", "NOUN", "NN", "3", "obl"),
    ("7", ",", ",", "PUNCT", "$,", "10", "punct"),
    ("8", "sie", "sie", "PRON", "PPER", "10", "nsubj"),
    ("9", "sei", "sein", "AUX", "VAFIN", "10", "cop"),
    ("10", "bereit", "bereit", "ADJ", "ADJD", "3", "ccomp"),
    ("11", ".", ".", "PUNCT", "$.", "3", "punct"),
]


def block(upos: str | None = None, xpos: str | None = None) -> str:
    """The composed sentence; `upos`/`xpos` overwrite every word's tags (as a wrong tagger would)."""
    lines = ["# sent_id = composed-1", "# text = Die Ministerin sagte im Bundestag, sie sei bereit."]
    for i, form, lemma, u, x, head, rel in ROWS:
        if "-" not in i:
            u, x = upos or u, xpos or x
        lines.append("\t".join([i, form, lemma, u, x, "Mood=Ind" if form == "sagte" else "_", head, rel, "_", "_"]))
    return "\n".join(lines)


def columns(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.split("\n") if not line.startswith("#")]


def test_retagging_puts_hantas_tags_on_the_gold_words_and_keeps_the_tree():
    retagged = columns(parser_data.retag_block(block(upos="X", xpos="_")))
    gold = columns(block())
    assert [c[3:5] for c in retagged] == [c[3:5] for c in gold]  # HanTa tags this sentence as the treebank does
    for new, old in zip(retagged, gold):
        assert new[:3] + new[5:] == old[:3] + old[5:]  # words, lemmas, UFeats, heads, relations stay
    assert retagged[3] == gold[3]  # the contraction's range line is left alone


def test_the_lemmatizer_sees_hantas_tags():
    seen: list[tuple[str, str]] = []

    def lemmatize(words: list[str], upos: list[str]) -> list[str]:
        seen.extend(zip(words, upos))
        return [w.lower() for w in words]

    retagged = columns(parser_data.retag_block(block(upos="X"), lemmatize))
    assert ("sagte", "VERB") in seen and ("Ministerin", "NOUN") in seen
    assert [c[2] for c in retagged if "-" not in c[0]] == [c[1].lower() for c in retagged if "-" not in c[0]]


def test_retag_file_rewrites_every_sentence(tmp_path: Path):
    src, dst = tmp_path / "in.conllu", tmp_path / "out" / "parser_train.conllu"
    src.write_text(block(upos="X") + "\n\n" + block(xpos="_") + "\n\n", encoding="utf-8")
    assert parser_data.retag_file(src, dst) == 2
    assert dst.read_text(encoding="utf-8") == (block() + "\n\n") * 2


def flags(cmd: list[str]) -> dict[str, str]:
    return {a: b for a, b in zip(cmd, cmd[1:]) if a.startswith("--")}


def test_the_parser_command_reads_the_prepared_files_and_the_word_vectors(tmp_path: Path):
    (plain,) = train.job_depparse(tmp_path, tmp_path / "out", quick=False)
    (vectors,) = train.job_depparse(tmp_path, tmp_path / "out", False, steps=10, pretrain=tmp_path / "pt.pt")
    assert "--no_pretrain" in plain and "--wordvec_pretrain_file" not in plain
    assert flags(vectors)["--wordvec_pretrain_file"] == str(tmp_path / "pt.pt") and "--no_pretrain" not in vectors
    assert flags(plain)["--train_file"] == str(tmp_path / "direct" / "parser_train.conllu")
    assert flags(plain)["--eval_file"] == str(tmp_path / "direct" / "parser_dev.conllu")
    assert flags(plain)["--max_steps"] == str(train.PARSER_STEPS) and flags(vectors)["--max_steps"] == "10"
    same = {k: v for k, v in flags(plain).items() if k not in ("--max_steps", "--no_pretrain")}
    assert same == {k: v for k, v in flags(vectors).items() if k not in ("--max_steps", "--wordvec_pretrain_file")}


def test_prepared_data_runs_the_parser_alone(tmp_path: Path, capsys):
    args = ["--prepared", str(tmp_path), "--work", str(tmp_path / "w"), "--ud", str(tmp_path / "none")]
    assert train.main([*args, "--jobs", "pos,depparse"]) == 2
    assert train.main([*args, "--jobs", "depparse", "--print-commands"]) == 0
    assert "stanza.models.parser" in capsys.readouterr().out


def test_word_vector_text_is_the_parsers_words():
    assert list(wordvec.conllu_sentences([block()])) == [
        ["Die", "Ministerin", "sagte", "in", "dem", "Bundestag", ",", "sie", "sei", "bereit", "."]
    ]


def test_word_vectors_become_a_stanza_pretrain(tmp_path: Path):
    pytest.importorskip("gensim")
    from stanza.models.common.pretrain import Pretrain

    sentences = [s.lower().split() for s in ["die ministerin sagte , sie sei bereit .", "der minister sagte nichts ."]]
    text, pt = tmp_path / "v.vec", tmp_path / "pretrain.pt"
    assert wordvec.write_word2vec(sentences * 5, text, dim=8) == 11
    size = wordvec.to_stanza(text, pt)
    loaded = Pretrain(str(pt))
    assert len(loaded) == size and loaded.emb.shape[1] == 8
    assert loaded.vocab.unit2id("ministerin") != loaded.vocab.unit2id("nirgendwo")  # the latter is unknown

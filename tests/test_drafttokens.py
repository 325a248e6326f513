"""The draft's tokenizer reads jieba's dictionary only for a text's characters: the tokens must be
jieba's own with the whole dictionary, its cache must mend itself, and jieba's global tagger must
stay as jieba makes it."""

import marshal
import tempfile
from pathlib import Path

import pytest

from reportgraph import drafttokens

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(ROOT.glob("reports/*/report.txt")) + sorted(ROOT.glob("tests/fixtures/**/report.txt"))
PEOPLE = frozenset({"王明", "欧阳振华", "李"})      # a new name, a compound surname, one character


@pytest.fixture(scope="module")
def jiebas_own():
    """jieba's tagger as jieba makes it: the whole dictionary, the people added as user words."""
    jieba, posseg = drafttokens._jieba()
    base = jieba.Tokenizer()
    base.tmp_dir = tempfile.gettempdir()
    base.initialize()
    for word in sorted(PEOPLE):
        base.add_word(word, freq=2000, tag="nr")
    return posseg.POSTokenizer(base)


def spans(tagger, text: str) -> list:
    out, i = [], 0
    for word, flag in tagger.cut(text, HMM=True):
        out.append((i, i + len(word), flag))
        i += len(word)
    return out


def test_the_tokens_are_jiebas_own_with_the_whole_dictionary_on_every_text(jiebas_own):
    assert len(TEXTS) >= 8
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        assert drafttokens.tokens(text, PEOPLE) == spans(jiebas_own, text), path
    mixed = "王明和欧阳振华、李（ABC公司2023年）出席。\n\nLatin 3.5% 百色市"
    assert drafttokens.tokens(mixed, PEOPLE) == spans(jiebas_own, mixed)


def test_the_people_are_words_even_when_their_characters_are_read_later(jiebas_own):
    assert (0, 4, "nr") in drafttokens.tokens("欧阳振华出席会议。", PEOPLE)
    assert drafttokens.tokens("", PEOPLE) == []


def test_jiebas_global_tagger_is_jiebas_own():
    _, posseg = drafttokens._jieba()
    drafttokens.tokens("百色市铝产业协会", PEOPLE)
    assert [tuple(p) for p in posseg.cut("我爱北京天安门")] == [("我", "r"), ("爱", "v"), ("北京", "ns"), ("天安门", "ns")]
    assert type(posseg.dt) is posseg.POSTokenizer


def test_a_broken_cache_is_made_again_and_then_read(tmp_path, monkeypatch, jiebas_own):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(drafttokens, "_TOKENIZERS", {})
    jieba, _ = drafttokens._jieba()
    cache = drafttokens._cache_path(Path(jieba.__file__).parent / "dict.txt", jieba.__version__)
    assert cache.parent == tmp_path
    cache.write_bytes(b"\x00not marshal")
    text = TEXTS[0].read_text(encoding="utf-8")
    assert drafttokens.tokens(text, PEOPLE) == spans(jiebas_own, text)
    total, chunks = marshal.loads(cache.read_bytes())
    assert isinstance(total, int) and "百" in chunks
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(cache.name + ".")] == []    # no scratch left

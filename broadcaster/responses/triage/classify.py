"""Reply triage: each reply labelled tip, question, support, spam or abuse, with its reasons.

A transparent cue scorer (the lexicon is `broadcaster.responses.triage.lexicon`), so that an officer
can always see why: "sighting verb: 'I saw him'", "location: 'at the Tim Hortons on King'",
"near-duplicate of 2,314 other replies". Text is casefolded and stripped of accents, key
cue words tolerate one typo (a dropped letter or two swapped ones), masked words ("f*ck",
"g**le") are unmasked, and English and French share one pass. A tip's reasons quote the
writer's own words, accents included.

How the label is chosen — the first rule that holds wins:

1. tip: tip cues score TIP_MIN with an anchor (a sighting, a whereabouts, a recognition
   or a name, a direction of travel, a witness or a camera), or TIP_MIN_DETAILS of
   circumstantial detail alone (place, time, vehicle, plate, clothing). Information wins:
   a rude tip is still a tip, a tip phrased as a question is still a tip, a tip from a
   fresh account is still a tip (people make one to stay anonymous) unless TIP_BURST_SIZE
   sightings from fresh accounts come within TIP_BURST_WINDOW (fake tips, each worded
   apart), and a tip inside a flood is still a tip unless the same text has come
   FLOOD_TIP_MAX times. A question
   without "I"/"je" needs one cue more, and its sighting verbs count half ("was he seen
   near the mall?" asks, it reports nothing). Clear promotion (spam cues ≥ SPAM_NEVER_TIP)
   is never a tip, and a threat outranks a tip unless the tip scores TIP_OVER_THREAT
   ("I know where his mom lives, going there tonight" is abuse).
2. abuse: insults, profanity and threats (towards police, suspect, victim or family,
   vigilante calls, doxxing) score ABUSE_MIN, one point more when aimed at "you"/the
   police; or ABUSE_ALONE_MIN with no support cue and no question. Coordinated
   harassment stays abuse inside a flood.
3. spam: promotion, links, prices, chain letters, fan-stream posts, hashtag and mention
   blocks, emoji-only and media-only replies score SPAM_MIN; so do the stream's signals —
   near-duplicates (FLOOD_MIN copies), bursts of fresh accounts, one account replying
   again and again — for a reply without a support or question cue ("Shared 🙏" sent by
   two hundred people stays support, with the flood noted in its reasons).
4. question: a question mark, an interrogative first word, a request for news.
5. support: sharing, wishes, sympathy, thanks.
Otherwise the reply has no cue about the case at all and is spam, "off-topic (no cue
about the case)", as the label guide files off-topic replies.

Speed matters (the SPEC wants ingest + triage + store of 100k replies at ≥ 30% of raw
sqlite executemany): one casefold, a byte-level translate and split, one set intersection
with the lexicon and scores counted in C; each distinct text is analysed once (a bounded
cache) and the stream state lives in bounded tables.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

try:  # the C loop behind collections.Counter
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons

    def _count_elements(mapping: dict[int, int], iterable: Iterable[int]) -> None:
        for item in iterable:
            mapping[item] = mapping.get(item, 0) + 1


from broadcaster.responses.triage.accusations import PileOn, accused
from broadcaster.responses.triage.bursts import TipBursts
from broadcaster.responses.triage.floods import FLOOD_ACCOUNT, Cluster, FloodIndex, handle_stem
from broadcaster.responses.triage.hearsay import relayed
from broadcaster.responses.triage.lexicon import (
    COMMON_WORDS,
    CONDITION,
    CONSEQUENCE,
    FAMILIES,
    INSULT_EMOJI,
    LANGUAGE_MARKERS,
    NOT_AN_INSULT_IN,
    NOT_TYPOS,
    SUPPORT_EMOJI,
    THREAT_EMOJI,
)
from broadcaster.responses.triage.news_farms import OutletPile, farm_news, farmed
from broadcaster.responses.triage.relevance import (
    NO_CASE,
    OFF_TOPIC,
    RUMOUR,
    SECOND_HAND,
    CaseProfile,
    kind_bait,
    named_at,
    promote,
    told_as_fact,
    weigh,
    weigh_kind_words,
)
from broadcaster.responses.triage.scams import ContactPile, scammed
from broadcaster.responses.triage.verdict import Verdict

if TYPE_CHECKING:
    from broadcaster.responses.triage.learned import LearnedModel

LABELS = ("tip", "question", "support", "spam", "abuse")
LOOKAHEAD = 1_000  # replies a file's or an evaluation's verdicts wait for their flood
REVISE_BATCH = 512  # settled verdicts the learned model revises at once
_T = TypeVar("_T")

TIP_MIN = 3.0
TIP_MIN_DETAILS = 4.0
ABUSE_MIN = 3.0
ABUSE_ALONE_MIN = 2.0
SPAM_MIN = 2.0
QUESTION_MIN = 2.0
SPAM_NEVER_TIP = 3.0
QUESTION_FIRST = 3.0  # a reply that opens with a question needs this much more to be a tip
ASKS_OVER_PLACES = 4.0  # a question mark and a phrase that asks: places alone make no tip
SUPPORT_OVER_PLACES = 4.0  # thanks, wishes or an offer to search: places alone make no tip
ACCOUNT_AFTER = 15  # words after a reply's last question mark that make it an account
FLOOD_MIN = 5  # copies seen, this one included, before a reply is part of a flood
FLOOD_TIP_MAX = 25
FLOOD_WEIGHT = 3.0
FRESH_ACCOUNT = timedelta(days=7)
BURST_SIZE = 20  # fresh-account replies ...
BURST_WINDOW = timedelta(minutes=10)  # ... within this long make a burst
BURST_WEIGHT = 2.0
AUTHOR_REPEAT = 5
# Sightings from fresh accounts, this many within this long, are a campaign, not witnesses:
# an anonymous witness is rare, eight at once is a flood of fake tips (each written apart,
# so no template shows it). A lone tip from a fresh account stays a tip.
TIP_BURST_SIZE = 8
TIP_BURST_WINDOW = timedelta(minutes=10)
_SELF_PROMOTION = "self-promotion: "
_FRESH_TIPS_REASON = f"burst of sightings from fresh accounts ({TIP_BURST_SIZE}+ in {{}} min)"
# Sightings passed along ("my cousin's friend saw her at..."), this many within this long,
# are a rumour chain: a witness's relative writes once, a chain is pasted by many at once.
RELAY_BURST_SIZE = 8
RELAY_BURST_WINDOW = timedelta(minutes=10)
RELAY_BURST_REASONS = {
    "en": f"chain of second-hand sightings ({RELAY_BURST_SIZE}+ in {{}} min)",
    "fr": f"chaîne d'observations de seconde main ({RELAY_BURST_SIZE}+ en {{}} min)",
}
RELAY_KIN_REASONS = {
    "en": "second-hand sighting from an account like those of a chain of them: {}",
    "fr": "observation de seconde main d'un compte semblable à ceux d'une chaîne : {}",
}
HASHTAG_BLOCK = 5
MENTION_BLOCK = 5
TIP_OVER_THREAT = 5.0  # a threat with less information than this is abuse, not a tip
THREAT_CUE = 3.0  # the weight of one threat cue
MAX_REASONS = 8
SKETCH_MIN_WORDS = 8  # distinct uncommon words before a reply gets a near-duplicate sketch
SKETCH_K = 3


_verdict = tuple.__new__  # builds a Verdict without NamedTuple's Python-level __new__

# -- the lexicon, compiled once ----------------------------------------------------------

_TIP, _QUESTION, _SUPPORT, _SPAM, _ABUSE = range(5)
# Score slots: the five labels (for tip: circumstantial detail), then the cues the
# decision reads on their own.
_SIGHT, _WEAK, _ANCHOR, _RESTATED, _FIRST, _TARGET, _THREAT, _RELATION = range(5, 13)
_SLOT_OF_FAMILY = {
    "sighting": _SIGHT,
    "weak sighting": _WEAK,
    "relation": _RELATION,
    "presence": _ANCHOR,
    "movement": _ANCHOR,
    "witness": _ANCHOR,
    "recognition": _ANCHOR,
    "identity": _ANCHOR,
    "restated": _RESTATED,
    "first person": _FIRST,
    "target": _TARGET,
    "threat": _THREAT,
}
_SLOT_LABEL = [_TIP, _QUESTION, _SUPPORT, _SPAM, _ABUSE, _TIP, _TIP, _TIP, -1, -1, -1, _ABUSE, _TIP]
_FAMILY_INDEX = {f.name: i for i, f in enumerate(FAMILIES)}
_LOCATION_FAMILY = _FAMILY_INDEX["location"]
_SIGHTING_FAMILY = _FAMILY_INDEX["sighting"]
_PLACE_FAMILY = _FAMILY_INDEX["place"]
_TIME_FAMILY = _FAMILY_INDEX["time"]
_COMMON = frozenset(w.encode() for w in COMMON_WORDS.split())
_NOT_TYPOS = frozenset(NOT_TYPOS.split())
_MODIFIER_WORDS = frozenset(
    w for f in FAMILIES if f.name in ("first person", "target", "asks") for w in f.words.split()
)


class _Cue(NamedTuple):
    slot: int
    weight: float
    padded: bytes | None  # a phrase with a space either side; None for a single word
    label: int  # the label whose reasons show it (-1: none)
    reason: str
    family: int
    words: frozenset[bytes] | None  # a phrase's words
    key: bytes


_ORDER = itemgetter(5, 7)


def _typos(word: str) -> set[str]:
    """One dropped letter (7 letters and more) or two swapped neighbours (6 and more):
    shorter words have too many real words one typo away."""
    out: set[str] = set()
    if len(word) >= 7:
        out.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    if len(word) >= 6:
        for i in range(len(word) - 1):
            if word[i] != word[i + 1]:
                out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return out


_WordCue = tuple[int, float, int, _Cue]  # slot, weight, label (-1: none), the cue
_PhraseCue = tuple[bytes, int, float, int, _Cue]  # padded phrase, slot, weight, label, cue


def _distinctive(words: list[str]) -> str:
    """The word a phrase is filed under, so that it is only checked when that word is in
    the reply: the longest word that is neither common nor a frequent modifier
    ("i think i saw" under "think", "called the police" under "called")."""

    def frequency(word: str) -> tuple[bool, bool, int]:
        return word.encode() in _COMMON, word in _MODIFIER_WORDS, -len(word)

    return min(reversed(words), key=frequency)


def _compile_lexicon() -> dict[bytes, tuple[tuple[_WordCue, ...], tuple[_PhraseCue, ...]]]:
    word_cues: dict[bytes, list[_WordCue]] = {}
    phrase_cues: dict[bytes, list[_PhraseCue]] = {}

    def cue_for(key: str, index: int, phrase: bool) -> _Cue:
        family = FAMILIES[index]
        slot = _SLOT_OF_FAMILY.get(family.name)
        if slot is None:
            slot = LABELS.index(family.label)
        return _Cue(
            slot,
            family.weight,
            f" {key} ".encode() if phrase else None,
            _SLOT_LABEL[slot] if family.weight > 0 else -1,
            f"{family.reason}: '{key}'",
            index,
            frozenset(w.encode() for w in key.split()) if phrase else None,
            key.encode(),
        )

    exact: set[str] = set()
    for index, family in enumerate(FAMILIES):
        if family.label == "asks":
            continue
        for word in family.words.split():
            exact.add(word)
            cue = cue_for(word, index, phrase=False)
            word_cues.setdefault(cue.key, []).append((cue.slot, cue.weight, cue.label, cue))
        for raw in family.phrases.split("|"):
            words = raw.split()
            if words:
                cue = cue_for(" ".join(words), index, phrase=True)
                entry = (cue.padded or b"", cue.slot, cue.weight, cue.label, cue)
                phrase_cues.setdefault(_distinctive(words).encode(), []).append(entry)
    for index, family in enumerate(FAMILIES):
        if family.fuzzy:
            for word in family.words.split():
                for typo in _typos(word) if not word.isdigit() else ():
                    key = typo.encode()
                    if typo in exact or key in _COMMON or typo in _NOT_TYPOS:
                        continue
                    if all(c.family != index for *_, c in word_cues.get(key, ())):
                        cue = cue_for(typo, index, phrase=False)
                        typo_cue = (cue.slot, cue.weight, cue.label, cue)
                        word_cues.setdefault(key, []).append(typo_cue)
    return {
        key: (tuple(word_cues.get(key, ())), tuple(phrase_cues.get(key, ())))
        for key in word_cues.keys() | phrase_cues.keys()
    }


_LEXICON = _compile_lexicon()
_KEYS = frozenset(_LEXICON)


def _repeat(slot: int, weight: float) -> tuple[int, ...]:
    # Scores are counted in C (collections' element counter): a cue of weight 2 is its
    # slot twice. The one negative family (restated) is subtracted by the decision.
    assert weight == int(weight), "cue weights are whole numbers"
    return (slot,) * int(abs(weight))


# Per word of the lexicon: the slots its word cues score, and the phrases filed under it.
_WORD_SLOTS = {
    key: tuple(s for slot, weight, _, _ in words for s in _repeat(slot, weight))
    for key, (words, _) in _LEXICON.items()
}
_PHRASES = {key: tuple(entry[0] for entry in phrases) for key, (_, phrases) in _LEXICON.items()}
_PHRASE_SLOTS: dict[bytes, tuple[int, ...]] = {}
# Per label (the sixth: modifiers), the cues a word or a phrase brings: for the reasons.
_WORD_CUES: list[dict[bytes, tuple[_Cue, ...]]] = [{} for _ in range(6)]
_PHRASE_CUES: list[dict[bytes, tuple[_Cue, ...]]] = [{} for _ in range(6)]
# Per label, the words of the lexicon that bring one of its cues (word or filed phrase).
_LABEL_KEYS = [
    frozenset(
        key
        for key, (words, phrases) in _LEXICON.items()
        if any(c[2] == label for c in words) or any(c[3] == label for c in phrases)
    )
    for label in range(6)
]
for _key, (_words, _phrases) in _LEXICON.items():
    for _slot, _weight, _label, _cue in _words:
        _WORD_CUES[_label][_key] = (*_WORD_CUES[_label].get(_key, ()), _cue)
    for _padded, _slot, _weight, _label, _cue in _phrases:
        _PHRASE_SLOTS[_padded] = _PHRASE_SLOTS.get(_padded, ()) + _repeat(_slot, _weight)
        _PHRASE_CUES[_label][_padded] = (*_PHRASE_CUES[_label].get(_padded, ()), _cue)
# Insults that are ordinary words of the other language, and the language they are not an
# insult in ("retard": French). Each is an insult cue and nothing else in the lexicon, so
# leaving its word out of the hits leaves out that cue alone.
_NOT_AN_INSULT_IN = {
    word.encode(): language
    for language, words in NOT_AN_INSULT_IN.items()
    for word in words.split()
}
assert all(
    not phrases and all(FAMILIES[c.family].name == "insult" for *_, c in cues)
    for key, (cues, phrases) in _LEXICON.items()
    if key in _NOT_AN_INSULT_IN
), "a false friend carries only its insult cue"
_FALSE_FRIENDS = frozenset(_NOT_AN_INSULT_IN)
_MARKERS = {
    language: frozenset(w.encode() for w in words.split())
    for language, words in LANGUAGE_MARKERS.items()
}


def language_of(words: frozenset[bytes]) -> str | None:
    """The reply's language, en or fr, from the words only one of them uses; None when
    neither has more."""
    english = len(words & _MARKERS["en"])
    french = len(words & _MARKERS["fr"])
    if english == french:
        return None
    return "en" if english > french else "fr"


def _in_its_language(hits: frozenset[bytes], words: frozenset[bytes]) -> frozenset[bytes]:
    """The hits without the insults that are ordinary words of the reply's language."""
    language = language_of(words)
    if language is None:
        return hits
    return frozenset(w for w in hits if _NOT_AN_INSULT_IN.get(w) != language)


_ASKS = frozenset(w.encode() for f in FAMILIES if f.label == "asks" for w in f.words.split())
# Where someone lives: beside a threat, the address of a visit, not a whereabouts.
_HOME = frozenset(b"lives live living habite habitent habitait adresse address".split())
# A threat's words in a relative clause tell what the suspect did ("a man who just beat her
# mom unconscious"), not what the writer will do; only a lone threat is read so.
_RETOLD = re.compile(
    rb"(?<![a-z])(?:who|that) (?:just |allegedly |also |had |has )?(?:beat|kill|shoot|shot|"
    rb"killed) (?:her|him)\b"
).search
# Promotion words that are not selling anything: where the writer lives ("I live at the
# bottom of Sandgrass Rd", not a live stream), the writer's own camera to check ("I want to
# check my footage", not "check my page"), a stream watched (not the writer's own), free
# coffee for the searchers (not a discount).
_NOT_SELLING = (
    (b"live", 1.0, re.compile(rb"(?<![a-z])(?:i|we|they|who) live (?:at|on|in|near|by|off)\b")),
    (
        b"check",
        2.0,
        re.compile(
            rb"(?<![a-z])check my (?:footage|cam|cams|camera|cameras|dashcam|doorbell|ring)"
        ),
    ),
    (
        b"free",
        1.0,
        re.compile(rb"(?<![a-z])free (?:coffee|food|meals?|soup|lunch) (?:\w+ )?(?:for|all day)"),
    ),
    (b"stream", 2.0, re.compile(rb"(?<![a-z])(?:on|watching) (?:a|the|their) (?:live )?stream")),
    # "Is there a place to sign up to help search?": the writer volunteering, not a sign-up
    # being sold.
    (b"sign", 2.0, re.compile(rb"(?<![a-z])sign up (?:to|and) (?:help|search|volunteer)")),
    (
        b"gratuit",
        2.0,
        re.compile(rb"(?<![a-z])(?:cafe|repas|soupe|dejeuner|diner)s? gratuits? pour (?:les|tous)"),
    ),
)
# Openings that look like a question and tell: "would it help to know he hid a key...",
# joual "y'a quelqu'un qui a volé..." ("there is someone who", not "is there").
_TELLS = re.compile(
    rb"(?:would|could|does|will|might) it help|"
    rb"(?:ca|est ce que ca) (?:pourrait|peut) (?:tu )?aider|y a quelqu un qui"
).match

# Every byte but a-z and 0-9 becomes a space (masked words are unmasked before).
_FOLD_BYTES = bytes(b if (97 <= b <= 122 or 48 <= b <= 57) else 32 for b in range(256))
_DIGITS = b"0123456789"
_DIGITS_TO_NUL = bytes(0 if 48 <= b <= 57 else b for b in range(256))
_TLDS = (
    rb"com|ca|fr|io|co|ly|be|net|org|xyz|shop|info|me|gg|to|tv|app|link|store|site|online|"
    rb"club|biz|us|uk|de|ch"
)
_HAS_DOMAIN = re.compile(rb"\.(?:" + _TLDS + rb")\b").search
_URL = re.compile(
    rb"(?:https?://|www\.)\S+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:" + _TLDS + rb")\b(?:/\S*)?"
)
_PRICE = re.compile(
    r"[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?[$€£]|\$[A-Za-z]{2,}|"
    # A discount: "40% off", "-30 %", "20 % de rabais".
    r"\d{1,2}\s?% (?:off|de rabais|de réduction|de remise|de promo)|-\d{1,2}\s?%",
    re.IGNORECASE,
)
# A name after "on", "at", "rue"...: "on Kenilworth", "rue Jarry", "the 403", "la 40".
_CAPITALISED = re.compile(r"\s(?:[A-ZÀ-Ý][\w'’-]+|\d{1,3}(?:st|nd|rd|th|e)?(?!\w))")
_MORE_NAME = re.compile(r"(?:\s+(?:and\s+|et\s+|&\s+)?[A-ZÀ-Ý][\w'’-]+)*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BEFORE_NAME = _wordset(
    "on at near off onto sur au aux à a coin vers toward towards rue avenue av boulevard "
    "boul blvd chemin route autoroute hwy highway"
)
_BEFORE_NUMBER = _wordset("the la le hwy highway route autoroute rte")
_ARTICLES = _wordset("the la le l' l’")
# Capitalised words that are not places: "on Tuesday", "à Noël", "at I..." name a time.
_NOT_PLACE_NAMES = _wordset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Lundi Mardi Mercredi Jeudi "
    "Vendredi Samedi Dimanche Janvier Février Mars Avril Mai Juin Juillet Août Septembre "
    "Octobre Novembre Décembre Noël Christmas Easter Pâques I I'm I've"
)
_WORD_RUN = re.compile(r"\S+")


def _is_preposition_a(text: str, at: int, following: str) -> bool:
    """ "à" is a preposition; an unaccented "a" is one only before a French article
    ("a la gare"): in English it is an article ("looks a lot like", "a Raptors game")."""
    return (
        text[at] == "à"
        or following.lower() in _ARTICLES
        or following.lower()[:2]
        in (
            "l'",
            "l’",
        )
    )


def _place_name(text: str) -> str | None:
    """The first capitalised name (or road number) that follows a place preposition."""
    for match in _CAPITALISED.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()].split()
        if not before:
            continue
        word = before[-1].lower()
        if match.group(0)[1].isdigit():
            if word not in _BEFORE_NUMBER:
                continue
            if word in _ARTICLES and len(before) > 1:
                before.pop()
        elif word in _ARTICLES and len(before) > 1:
            before.pop()
        if before[-1].lower() not in _BEFORE_NAME or match.group(0)[1:] in _NOT_PLACE_NAMES:
            continue
        # The preposition as a whole word ("à", not the "a" of "la" or of "Quarry").
        start = match.start()
        for _ in range(
            len(text[max(0, match.start() - 40) : match.start()].split()) - len(before) + 1
        ):
            start = text.rfind(" ", 0, start - 1) + 1 if start > 0 else 0
        if before[-1].lower() == "a":
            after = text[start + 2 : match.end()].split()
            if not _is_preposition_a(text, start, after[0] if after else ""):
                continue
        end = _MORE_NAME.match(text, match.end())
        return text[start : end.end() if end else match.end()]
    return None


_MASKED = re.compile(rb"[a-z]*\*+[a-z]*")
_A_LOT = re.compile(rb"\ba lot(?= (?:like|of|more|less|better|worse|to|going)\b)|\blots of\b")
# Whereabouts: "he's at", "elle était au", "y'é au", "was at the"; and the writer's own:
# "I was at", "j'étais sur" (a witness).
_PRESENCE_GATE = frozenset(
    b"he she they il elle ils elles y i we j g was were etait etaient etais".split()
)
# English verbs take English prepositions and French verbs French ones: "the car was a Kia"
# is no whereabouts (the French "à" is "a" once folded).
_PRESENCE = re.compile(
    rb" (?:(?:(i|we)|he|she|they) (?:is|s|was|were|am|m)|was|were) (?:at|in|on|here|there|"
    rb"behind) | (?:(?:(j|g)|il|elle|ils|elles|y) (?:est|etait|etais|e|sont|etaient)|etait|"
    rb"etaient) (?:au|aux|a|dans|sur|ici|chez|la|derriere) "
).search
_MENTION = re.compile(rb"@\w+")
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\w+)+")
# A clock time: 9pm, 9:30 p.m., 21h, 21h30, 21:30 (in the folded bytes, then the original).
_CLOCK = re.compile(
    rb"[0-9]{1,2}(?:(?:[:h.][0-5][0-9])? ?(?:[ap]\.?m\.?|h)|[:h][0-5][0-9])(?![a-z0-9])"
)
_CLOCK_TEXT = re.compile(
    r"\d{1,2}(?:(?:[:h.][0-5]\d)?\s?(?:[ap]\.?m\.?|h)|[:h][0-5]\d)(?![a-z0-9])",
    re.IGNORECASE,
)
_SUPPORT_EMOJI = frozenset(SUPPORT_EMOJI)
_THREAT_EMOJI = frozenset(THREAT_EMOJI)
_INSULT_EMOJI = frozenset(INSULT_EMOJI)
_EMOJI = _SUPPORT_EMOJI | _THREAT_EMOJI | _INSULT_EMOJI
_ABUSE_WORDS = tuple(
    sorted(
        {
            w
            for f in FAMILIES
            if f.label == "abuse"
            for w in (f.words + " " + f.phrases.replace("|", " ")).split()
            if len(w) > 2
        }
        | {"gueule", "ass", "shit", "fuck", "bitch"}
    )
)


@lru_cache(maxsize=1024)
def _unmask(masked: bytes) -> bytes:
    """ "f*ck", "sh*t", "g**le": the abuse word the stars hide, if exactly one fits."""
    head, _, tail = masked.decode().partition("*")
    tail = tail.lstrip("*")
    fits = [
        w
        for w in _ABUSE_WORDS
        if len(w) > len(head) + len(tail) and w.startswith(head) and w.endswith(tail)
    ]
    return fits[0].encode() if len(fits) == 1 and (head or tail) else masked.replace(b"*", b"")


def fold(text: str) -> bytes:
    """Casefolded ASCII bytes without accents, emoji or the typographic apostrophe."""
    low = text.casefold()
    if low.isascii():
        return low.encode()
    low = low.replace("’", "'").replace("œ", "oe").replace("æ", "ae")
    return unicodedata.normalize("NFKD", low).encode("ascii", "ignore")


# -- reasons ------------------------------------------------------------------------------


def _plain_reasons(picked: list[_Cue]) -> list[str]:
    """One label's cues in lexicon order; a word or phrase inside a longer phrase that
    fired is left out."""
    if len(picked) < 2:
        return [picked[0].reason] if picked else []
    picked.sort(key=_ORDER)  # lexicon order, whatever the order of the set of words
    phrases = [cue.key for cue in picked if cue.words is not None]
    if not phrases:
        return list(dict.fromkeys(cue.reason for cue in picked))
    inside: set[bytes] = set()
    for cue in picked:
        if cue.words is not None:
            inside |= cue.words
    reasons: list[str] = []
    for cue in picked:
        if cue.words is None:
            if cue.key in inside:
                continue
        elif any(cue.key != other and cue.key in other for other in phrases):
            continue
        if cue.reason not in reasons:
            reasons.append(cue.reason)
    return reasons


# Accented letters to their base letter, one for one, so that a match in the folded copy
# of a text has the same span in the text itself.
_ACCENT_FOLD = {
    ord(c): unicodedata.normalize("NFKD", c)[0]
    for c in "àâäáãåçéèêëîïíìñôöóòõùûüúÿÀÂÄÁÃÅÇÉÈÊËÎÏÍÌÑÔÖÓÒÕÙÛÜÚŸ"
} | {ord("’"): "'"}
_STREET_LINKS = r"on|at|off|near|and|&|de|du|sur|et|pres d[eu]"
_BARE_PLACES = frozenset(
    b"near nearby outside behind across pres devant derriere alentours".split()
)
_PLACE_PREPOSITIONS = _wordset(
    "at near outside behind by on in across next beside around au aux a à devant derriere "
    "sur dans chez coin corner pres"
)


def _preposition_before(text: str, start: int, original: str) -> int:
    """Where the preposition of a place starts, up to three words back ("at the Tim");
    without one, where the street's own capitalised name starts ("Quarry Rd")."""
    base = max(0, start - 40)
    words = [(m.start(), m.group(0)) for m in _WORD_RUN.finditer(text, base, start)]
    if base and words and words[0][0] == base and not text[base - 1].isspace():
        words.pop(0)  # cut in the middle
    for back in range(1, min(len(words), 4) + 1):
        at, raw = words[-back]
        word = raw.lower()
        if word in _PLACE_PREPOSITIONS:
            following = words[-back + 1][1] if back > 1 else text[start:].split()[0]
            if word != "a" or _is_preposition_a(original, at, following):
                return at
        if not word.isalpha() and word not in ("l'", "l’"):
            break
    if not original.isupper():
        for at, raw in reversed(words[-2:]):
            if not raw[:1].isupper() or not raw.isalpha() or raw in _NOT_PLACE_NAMES:
                break
            start = at
    return start


_RIGHT_OF_PLACE = re.compile(
    r"(?:\s+(?-i:[A-Z0-9ÀÂÉÈÊÎÔÛÇ][^\s,.;!?]*)){0,2}"
    rf"(?:\s+(?:{_STREET_LINKS})\s+(?:la\s+|le\s+|the\s+|l')?(?!\d)[^\s,.;!?]+)?",
    re.IGNORECASE,
)
# "near the Walmart around 5": the place stops before the time.
_AFTER_BARE_PLACE = re.compile(
    r"(?:\s+(?!(?:around|at|vers|à|a|on|this|last|yesterday|hier|ce|cet|cette|il|he|she|"
    r"and|et|with|avec)\b)[^\s,.;!?]+){1,3}",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _pattern(key: bytes) -> re.Pattern[str]:
    """The cue in a folded text, with any punctuation between its words."""
    body = r"[\W_]+".join(re.escape(w) for w in key.decode().split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


_LEFT_OF_SIGHTING = re.compile(
    r"\b(?:i|we|i just|i think i|je|j'|je l'|je les|on l'|j'l'|g)\s*(?:ai\s+|a\s+|ve\s+)?$",
    re.IGNORECASE,
)
_RIGHT_OF_SIGHTING = re.compile(
    r"\s+(?:him|her|them|this guy|that guy|the guy|this man|this woman|ce gars|ce type|"
    r"cet homme|cette femme|cette fille)\b",
    re.IGNORECASE,
)


_BEFORE_AGO = re.compile(r"(?:[\w'’-]+\s+){1,2}$")
_THERE_IS = frozenset((b"il y a", b"y a", b"ya"))
_UNITS = r"(?:min\w*|h\b|hr?s?\b|heures?|jours?|semaines?|sec\w*|mois|ans?)"
_DURATION_AFTER = re.compile(
    rf"\s+(?:\d+\s*{_UNITS}|(?:une?|quelques|deux|trois|quatre|cinq|dix|vingt|trente)"
    rf"\s+{_UNITS})",
    re.IGNORECASE,
)
# A place word that names a job or a ticket ("my bus driver", "chauffeur d'autobus").
_ROLE_AFTER = re.compile(r"\s+(?:drivers?|pass|tickets?|fares?|schedule)\b", re.IGNORECASE)


def _find(
    text: str, key: bytes, family: int, original: str | None = None
) -> tuple[int, int] | None:
    """Where the cue is in the (accent-folded) text. A place grows to its preposition and
    street name ("Hortons" becomes "at the Tim Hortons on King"); a sighting verb to its
    subject and object ("saw" becomes "I saw him", "vu" becomes "je l'ai vu")."""
    match = _pattern(key).search(text)
    if match is None:
        return None
    start, end = match.span()
    if family == _LOCATION_FAMILY:
        if key in _BARE_PLACES or key.startswith((b"in front", b"next", b"across")):
            after = _AFTER_BARE_PLACE.match(text, end)
            return start, after.end() if after else end
        if _ROLE_AFTER.match(text, end):
            return None
        start = _preposition_before(text, start, original or text)
        # In ALL CAPS every word looks like a name: the place stops at its own word.
        right = None if (original or text).isupper() else _RIGHT_OF_PLACE.match(text, end)
        if right:
            end = right.end()
    elif family == _TIME_FAMILY:
        # "ago" and "il y a" quote their duration ("20 minutes ago", "il y a 2 heures");
        # "il y a" without one is "there is", no time at all.
        if key == b"ago":
            left = _BEFORE_AGO.search(text, max(0, start - 30), start)
            if left:
                start = left.start()
        elif key in _THERE_IS:
            duration = _DURATION_AFTER.match(text, end)
            if duration is None:
                return None
            end = duration.end()
    elif family == _SIGHTING_FAMILY:
        left = _LEFT_OF_SIGHTING.search(text[max(0, start - 20) : start])
        if left:
            start -= len(left.group(0))
        right = _RIGHT_OF_SIGHTING.match(text, end)
        if right:
            end = right.end()
    return start, end


def _quoted_reasons(found: list[_Cue], text: str) -> list[str]:
    """A tip's cues as the person wrote them: "location: 'at the Tim Hortons on King'"."""
    quotes: list[tuple[int, str, int, int]] = []  # family, quote, start, end
    plain = text if text.isascii() else text.translate(_ACCENT_FOLD)
    for cue in sorted(found, key=_ORDER):
        if cue.family == _PLACE_FAMILY:  # already the writer's words: a location
            name = cue.key.decode()
            start = text.find(name)
            quotes.append((_LOCATION_FAMILY, name, start, start + len(name) if start >= 0 else -1))
            continue
        if cue.family == _TIME_FAMILY and cue.key[:1].isdigit():
            clock = _CLOCK_TEXT.search(plain)
            span = clock.span() if clock else None
        else:
            span = _find(plain, cue.key, cue.family, text)
        if span:
            quotes.append((cue.family, text[span[0] : span[1]], *span))
        elif (cue.family == _TIME_FAMILY and cue.key in _THERE_IS) or (
            cue.family == _LOCATION_FAMILY and cue.padded is None
        ):
            continue  # no duration after "il y a"; a place word that names a job
        else:
            quotes.append((cue.family, cue.key.decode(), -1, -1))
    # Quotes of one family that overlap become one: "I think I saw" and "saw him" make
    # "I think I saw him".
    merged: list[tuple[int, str, int, int]] = []
    for family, quoted, start, end in quotes:
        for i, (f, _, s, e) in enumerate(merged):
            if start >= 0 and f == family and start < e and s < end:
                low, high = min(s, start), max(e, end)
                merged[i] = (f, text[low:high], low, high)
                break
        else:
            merged.append((family, quoted, start, end))
    reasons: list[str] = []
    for family, quoted, _, _ in merged:
        reason = f"{FAMILIES[family].reason}: '{quoted}'"
        if reason not in reasons:
            reasons.append(reason)
    return reasons


# -- the stateless analysis of one text --------------------------------------------------


_REASONS_CACHE: dict[tuple[int, frozenset[bytes], frozenset[bytes]], list[str]] = {}
_NONE: frozenset[bytes] = frozenset()


def _reasons(
    label: int, hits: frozenset[bytes], matched: list[bytes], extra: list[_Cue]
) -> list[str]:
    """The reasons a label's lexicon cues give; the same few sets of cues come back again
    and again ("shared", "praying"), so their wording is kept (bounded)."""
    if extra and any(cue.label == label for cue in extra):
        return _plain_reasons(_cues(label, hits, matched, extra))
    key = (label, hits & _LABEL_KEYS[label], frozenset(matched) if matched else _NONE)
    reasons = _REASONS_CACHE.get(key)
    if reasons is None:
        if len(_REASONS_CACHE) >= 4096:
            _REASONS_CACHE.clear()
        reasons = _REASONS_CACHE[key] = _plain_reasons(_cues(label, hits, matched, extra))
    return reasons.copy()


def _cues(label: int, hits: Iterable[bytes], matched: list[bytes], extra: list[_Cue]) -> list[_Cue]:
    """The cues of one label (-1: the modifiers) among the words and phrases that fired."""
    cues = list(chain.from_iterable(filter(None, map(_WORD_CUES[label].get, hits))))
    if matched:
        cues.extend(chain.from_iterable(filter(None, map(_PHRASE_CUES[label].get, matched))))
    cues.extend(cue for cue in extra if cue.label == label)
    return cues


@lru_cache(maxsize=256)
def _clock_cue(key: bytes) -> _Cue:
    return _Cue(_TIP, 1.0, None, _TIP, f"time: '{key.decode()}'", _TIME_FAMILY, None, key)


@lru_cache(maxsize=256)
def _presence_cue(key: bytes, witness: bool) -> _Cue:
    family = _FAMILY_INDEX["witness" if witness else "presence"]
    reason = f"{FAMILIES[family].reason}: '{key.decode()}'"
    return _Cue(_ANCHOR, 2.0, None, _TIP, reason, family, None, key)


@lru_cache(maxsize=1024)
def _place_cue(name: str) -> _Cue:
    return _Cue(_TIP, 1.0, None, _TIP, f"place: '{name}'", _PLACE_FAMILY, None, name.encode())


def _alternatives(pattern: str) -> str:
    return re.sub(r"\s*\n\s*", "", pattern)


# "If I see him I'll break his legs": a condition, at most six words, a violent consequence.
_CONDITIONAL_THREAT = re.compile(
    rf"(?<![a-z0-9])(?:{_alternatives(CONDITION)})(?: [a-z0-9]+){{0,6}}? "
    rf"(?:{_alternatives(CONSEQUENCE)})(?![a-z0-9])".encode()
).search
_IF = frozenset(b"if when once si quand des".split())


@lru_cache(maxsize=256)
def _conditional_threat_cue(quoted: bytes) -> _Cue:
    threat = _FAMILY_INDEX["threat"]
    reason = f"threat: '{quoted.decode()}'"
    return _Cue(_THREAT, 3.0, None, _ABUSE, reason, threat, None, quoted)


@lru_cache(maxsize=16)
def _threat_emoji_cue(emoji: str) -> _Cue:
    threat = _FAMILY_INDEX["threat"]
    return _Cue(_THREAT, 3.0, None, _ABUSE, f"threat: '{emoji}'", threat, None, emoji.encode())


@lru_cache(maxsize=16)
def _insult_emoji_cue(emoji: str) -> _Cue:
    insult = _FAMILY_INDEX["insult"]
    return _Cue(_ABUSE, 2.0, None, _ABUSE, f"insult: '{emoji}'", insult, None, emoji.encode())


# An analysis: (verdict without stream signals, the text's own spam score, its spam
# reasons, whether stream signals may turn it into spam, no words at all, the
# near-duplicate keys (exact word set, then a bottom-4 sketch), the word set, and for a tip
# whether it is hearsay: hearsay.py).
_Analysis = tuple[
    Verdict, float, tuple[str, ...], bool, bool, int | None, int | None, frozenset[bytes], bool
]
_NO_WORDS: frozenset[bytes] = frozenset()


def _analyse(text: str, allow_tip: bool = True) -> _Analysis:
    folded = fold(text)
    dropped = len(folded) < len(text)  # emoji or symbols went away in folding
    links: list[bytes] = []
    # bytes.count, not `in`: `in` on bytes first tries the operand as an int, and raising
    # and clearing that TypeError costs more than the search.
    if folded.count(b"/") or folded.count(b"www.") or _HAS_DOMAIN(folded):
        links = _URL.findall(folded)
        if links:
            folded = _URL.sub(b" ", folded)
    if folded.count(b"@"):
        folded = _MENTION.sub(b" ", folded)
    if folded.count(b"*"):
        folded = _MASKED.sub(lambda m: _unmask(m.group(0)), folded)
    if folded.count(b"a lot") or folded.count(b"lots of"):
        # "looks a lot like", "lots of cops": how much, not a parking lot.
        folded = _A_LOT.sub(b"much", folded)
    if folded.count(b"en train d"):
        # "en train de manger": the French progressive ("busy eating"), not a train.
        folded = folded.replace(b"en train d", b"en cours d")
    spaced = folded.translate(_FOLD_BYTES)
    if spaced.count(b"c est ce qu"):
        # "c'est ce que j'ai lu" tells; "est-ce que" asks: two spaces keep the asking
        # phrase from matching inside the telling one.
        spaced = spaced.replace(b"c est ce qu", b"c est ce  qu")
    tokens = spaced.split()
    words = frozenset(tokens)
    asks = folded.count(b"?") > 0
    first_asks = bool(tokens) and tokens[0] in _ASKS and not _TELLS(b" ".join(tokens[:5]))

    score = [0.0] * 13
    extra: list[_Cue] = []  # cues found by patterns rather than by the lexicon
    hits = words & _KEYS
    if hits & _FALSE_FRIENDS:
        hits = _in_its_language(hits, words)
    matched: list[bytes] = []
    if hits:
        counts: dict[int, int] = {}
        _count_elements(counts, chain.from_iterable(map(_WORD_SLOTS.__getitem__, hits)))
        # Phrases never span punctuation or emoji: those leave two spaces in `spaced`.
        padded = b" " + spaced + b" "
        matched = list(filter(padded.count, chain.from_iterable(map(_PHRASES.__getitem__, hits))))
        if matched:
            _count_elements(counts, chain.from_iterable(map(_PHRASE_SLOTS.__getitem__, matched)))
        for slot, count in counts.items():
            score[slot] = count
    emoji = ""
    if dropped:
        signs = _EMOJI.intersection(text)
        if signs:
            support_emoji = signs & _SUPPORT_EMOJI
            if support_emoji:
                emoji = min(support_emoji)
                score[_SUPPORT] += 1.0
            threat_emoji = signs & _THREAT_EMOJI
            # A knife beside a true-crime newsletter's link decorates an advert.
            if threat_emoji and score[_SPAM] < SPAM_NEVER_TIP:
                score[_THREAT] += 3.0
                extra.append(_threat_emoji_cue(min(threat_emoji)))
            insult_emoji = signs & _INSULT_EMOJI
            if insult_emoji and tokens:
                # "Trop occupés à flasher pour chercher un papy 🤡": a clown or a finger
                # said of someone, an insult (alone, an emoji is no more than noise).
                score[_ABUSE] += 2.0
                extra.append(_insult_emoji_cue(min(insult_emoji)))
    if words & _IF:
        conditional = _CONDITIONAL_THREAT(b" ".join(tokens))
        if conditional:
            score[_THREAT] += 3.0
            extra.append(_conditional_threat_cue(conditional.group(0)))
    has_digits = 0 in spaced.translate(_DIGITS_TO_NUL)
    if has_digits:
        clock = _CLOCK.search(folded)
        if clock:
            score[_TIP] += 1.0
            extra.append(_clock_cue(clock.group(0)))
    if score[_THREAT] == THREAT_CUE and _RETOLD(spaced):
        score[_THREAT] -= THREAT_CUE  # "a man who just beat her mom": the crime retold
    if score[_SPAM]:
        for word, weight, not_selling in _NOT_SELLING:
            if word in hits and not_selling.search(spaced):
                score[_SPAM] = max(score[_SPAM] - weight, 0.0)
    (detail, question, support, spam, abuse, sight, weak, anchor, restated, first, target,
     threat, relation) = score  # fmt: skip
    if relation and not support:
        # Someone the writer knows anchors a tip ("my coworker says a kid came in"); in a
        # reply that sends love or thanks it is who the writer is thinking of.
        anchor += relation
    if asks:
        question += 2.0
    if first_asks:
        question += 1.0

    # Tip: circumstantial detail, plus sightings and recognitions (capped), anchored.
    if detail or sight or weak or anchor:
        if words & _PRESENCE_GATE:
            presence = _PRESENCE(b" " + spaced + b" ")
            if presence:
                anchor += 2.0
                witness = presence.group(1) is not None or presence.group(2) is not None
                extra.append(_presence_cue(presence.group(0).strip(), witness))
        if not text[1:].islower():
            place = _place_name(text)
            if place:
                detail += 1.0
                extra.append(_place_cue(place))
        sight = min(sight, 4.0)
        tip = min(detail, 5.0) + min(anchor, 5.0) - restated
        asking = asks or first_asks
        if asks and detail >= 4.0 and len(text.rpartition("?")[2].split()) >= ACCOUNT_AFTER:
            # "Was it him at the drive-thru around 3:10?? Big guy, black SUV, a girl crying
            # in the back": a question that opens an account is weighed as the account.
            asking = False
        if asking and not first:
            # "Was he seen near the mall?" reports nothing: a question needs one cue more.
            tip += (sight + min(weak, 2.0)) / 2 - 1.0
            anchored = anchor > 0
        else:
            tip += sight + min(weak, 2.0)
            anchored = anchor > 0 or sight > restated
        if first_asks and asks and asking and not sight:
            # "Is the Esso in Lisle safe? My kid works there": it asks; what it tells is
            # the writer's own life or hearsay, unless it says what someone saw.
            tip -= QUESTION_FIRST
        if anchored and first:
            tip += 1.0
    else:
        tip = 0.0
        anchored = False
    abuse += threat
    if abuse > 0 and target > 0:
        abuse += 1.0

    spam_reasons = _reasons(_SPAM, hits, matched, extra) if spam > 0 else []
    if links:
        spam += 1.0 if tokens else 3.0
        spam_reasons.append(("link: '" if tokens else "link only: '") + links[0].decode() + "'")
    if "$" in text or "€" in text or "£" in text or "%" in text:
        price = _PRICE.search(text)
        if price:
            spam += 1.0
            spam_reasons.append(f"price: '{price.group(0)}'")
    hashtags = text.count("#") if "#" in text else 0
    if hashtags >= 3:
        spam += 2.0 if hashtags >= HASHTAG_BLOCK else 1.0
        spam_reasons.append(f"hashtag block ({hashtags} hashtags)")
    mentions = text.count("@") if "@" in text else 0
    if mentions >= MENTION_BLOCK:
        mentions = _LEADING_MENTIONS.sub("", text).count("@")
        if mentions >= MENTION_BLOCK:
            spam += 1.0
            spam_reasons.append(f"mention block ({mentions} mentions)")
    no_words = not tokens
    if no_words and not emoji and not links and not threat:
        spam += 2.0
        spam_reasons.append("emoji only" if text.strip() else "no text")

    if (
        allow_tip
        and ((tip >= TIP_MIN and anchored) or tip >= TIP_MIN_DETAILS)
        and spam < SPAM_NEVER_TIP
        # Two threats ("me and the boys are going over tonight") are a plan, whatever
        # place and time come with them; so is one beside a home and nothing seen: the
        # place is where to go ("je sais où elle habite, rue des Acacias, on va aller lui
        # expliquer la vie"), not where someone was seen.
        and (threat == 0 or (tip >= TIP_OVER_THREAT and threat < 2 * THREAT_CUE))
        and not (threat and not sight and words & _HOME)
        # "Je connais la mère, c'est une folle": knowing someone, with an insult and
        # nothing seen, no place, time or vehicle, is abuse; information still wins.
        and not (abuse >= ABUSE_ALONE_MIN and not detail and not sight and not weak)
        # "C'est safe de rentrer à pied à la gare ce soir ?": a question the lexicon knows
        # as one, with places and nothing seen, asks; "happy to walk a beach at first light"
        # or "merci à tous ceux qui partagent" with nothing seen supports (what searchers
        # found at a clock time is a tip).
        # A reply that opens by asking needs two asking phrases ("do you still need my
        # dashcam, or is that sorted?").
        and not (asks and question >= ASKS_OVER_PLACES + 3.0 * first_asks and not sight)
        and not (
            support >= SUPPORT_OVER_PLACES
            and not sight
            and not weak
            and not (has_digits and _CLOCK.search(folded))
        )
    ):
        label, value = _TIP, tip
        reasons = _quoted_reasons(_cues(_TIP, hits, matched, extra), text)
        if anchored and first:
            reasons.append("first person")
    elif abuse >= ABUSE_MIN or (
        abuse >= ABUSE_ALONE_MIN
        and question < QUESTION_MIN
        # An emoji is no word of support: "du grand travail, les génies 👏👏" mocks.
        and support == (1.0 if emoji else 0.0)
    ):
        label, value = _ABUSE, abuse
        reasons = _reasons(_ABUSE, hits, matched, extra)
        if target > 0:
            aimed = min(cue.key for cue in _cues(-1, hits, matched, extra) if cue.slot == _TARGET)
            reasons.append(f"aimed at: '{aimed.decode()}'")
    elif spam >= SPAM_MIN:
        label, value, reasons = _SPAM, spam, spam_reasons
    elif question >= QUESTION_MIN:
        label, value = _QUESTION, question
        reasons = _reasons(_QUESTION, hits, matched, extra)
        if asks:
            reasons.insert(0, "question mark")
        if first_asks:
            reasons.insert(0, f"asks: '{tokens[0].decode()}'")
    elif support > 0:
        label, value = _SUPPORT, support
        reasons = _reasons(_SUPPORT, hits, matched, extra)
        if emoji:
            reasons.append(f"emoji: '{emoji}'")
    else:
        label, value = _SPAM, spam
        reasons = [*spam_reasons, OFF_TOPIC]
    verdict = _verdict(Verdict, (LABELS[label], tuple(reasons[:MAX_REASONS]), value, None, None))

    exact_key = sketch_key = None
    if tokens:
        if has_digits:
            words = frozenset(spaced.translate(None, _DIGITS).split()) or words
        exact_key = hash(words)
        if len(words) >= SKETCH_MIN_WORDS:
            # Long replies that differ by a word or two share their bottom-k sketch.
            content = words - _COMMON
            if len(content) >= SKETCH_MIN_WORDS:
                sketch_key = hash(tuple(sorted(map(zlib.crc32, content))[:SKETCH_K])) | 1 << 64
    flippable = spam > 0 or (support == 0 and question == 0)
    # The folded words are the form hearsay.py reads (but for stretched letters, which
    # relevance.weigh reads again): known once per text, for the flood's join.
    second_hand = label == _TIP and relayed(b" ".join(tokens).decode()) is not None
    return (
        verdict,
        spam,
        tuple(spam_reasons),
        flippable,
        no_words,
        exact_key,
        sketch_key,
        words if tokens else _NO_WORDS,
        second_hand,
    )


def flood_key_of(words: frozenset[bytes]) -> str:
    """A key stable across processes for a set of words (a flood's signature)."""
    signature = b" ".join(sorted(words))
    return f"{zlib.crc32(signature) | zlib.adler32(signature) << 32:016x}"


_HAS_DIGIT = re.compile(r"[0-9]").search
_MEDIA_ONLY = Verdict("spam", ("media only",), 3.0, "media-only")
_FRESH_REASONS = [
    f"fresh account ({days} day{'' if days == 1 else 's'})" for days in range(FRESH_ACCOUNT.days)
]


def not_a_tip(text: str) -> Verdict:
    """The label a reply would have if it were not a tip (relevance.weigh's fallback)."""
    return _analyse(text, allow_tip=False)[0]


def classify(text: str, *, has_media: bool = False) -> Verdict:
    """The label of one reply on its own, without any stream (flood) signal."""
    analysis = accused(text, _analyse(text))  # accusations.py: a mob naming a bystander
    analysis = scammed(text, analysis)  # scams.py: a finder sold or vouched for
    analysis = farmed(text, analysis)  # news_farms.py: the case re-posted as news
    if has_media and analysis[4]:
        return _MEDIA_ONLY
    return analysis[0]


# -- the stream: floods, bursts, repeat posters, in bounded memory -----------------------


class Triager:
    """Labels a stream of replies, recognising floods across it in bounded memory.

    `capacity` bounds the near-duplicate count table and the per-account table; when a
    table overflows it keeps the keys seen most often (a flood's key always survives, a
    one-off reply's may be forgotten). `cache_size` bounds the per-text analysis cache that
    makes exact copies nearly free.
    """

    def __init__(
        self,
        *,
        capacity: int = 50_000,
        cache_size: int = 8_192,
        case: CaseProfile | None = None,
        floods: FloodIndex | bool = True,
        model: LearnedModel | None = None,
    ) -> None:
        if capacity < 16 or cache_size < 16:
            raise ValueError("capacity and cache_size must be at least 16")
        self.capacity = capacity
        self.cache_size = cache_size
        self.case = case or NO_CASE
        self.floods: FloodIndex | None = (
            floods if isinstance(floods, FloodIndex) else FloodIndex() if floods else None
        )
        self._counts: dict[int, int] = {}
        self._authors: dict[str, int] = {}
        self._cache: dict[str, _Analysis] = {}
        self._fresh: deque[datetime] = deque(maxlen=BURST_SIZE)
        self._flood_keys: dict[int, str] = {}
        self._fresh_tips = TipBursts(
            TIP_BURST_SIZE, TIP_BURST_WINDOW, _FRESH_TIPS_REASON.format, "fresh-tips"
        )
        hearsay = RELAY_BURST_REASONS.get(self.case.language, RELAY_BURST_REASONS["en"])
        self._relayed_tips = TipBursts(
            RELAY_BURST_SIZE, RELAY_BURST_WINDOW, hearsay.format, "rumour-chain"
        )
        # Many accounts accusing one person (accusations.py): a pile-on, not witnesses.
        self._pile_on = PileOn(self.case.language, self.case.words)
        # Many accounts pushing one finder's contact (scams.py): a recovery-scam swarm.
        self._scam_pile = ContactPile(self.case.language)
        # Many accounts pushing one news farm's site (news_farms.py): a farm swarm.
        self._farm_pile = OutletPile(self.case.language)
        self.seen = 0
        # The deployment's model learned from officers' corrections (learned.py), then the
        # learned second opinion on weak cue tips (second_opinion.py): settled verdicts pass
        # through both.
        from broadcaster.responses.triage.second_opinion import with_second_opinion

        self.model = with_second_opinion(model, self.case.language)

    @property
    def table_size(self) -> int:
        """Entries held in the stream tables (each table holds at most `capacity`)."""
        return len(self._counts) + len(self._authors)

    def label(
        self,
        text: str,
        *,
        has_media: bool = False,
        author_id: str | None = None,
        author_created_at: datetime | None = None,
        created_at: datetime | None = None,
        author_handle: str | None = None,
    ) -> Verdict:
        """The reply's verdict now; `settle` it later (after more of the stream) to see a
        flood its template became since."""
        verdict = self._label(
            text, has_media, author_id, author_created_at, created_at, author_handle
        )
        if created_at is not None:
            verdict = self._pile_on.judge(text, verdict, author_id or author_handle, created_at)
            verdict = self._scam_pile.judge(text, verdict, author_id or author_handle, created_at)
            verdict = self._farm_pile.judge(text, verdict, author_id or author_handle, created_at)
        if verdict[0] != "tip" or created_at is None:
            if (
                created_at is not None
                and verdict[0] == "spam"
                and verdict[1][:1]
                and verdict[1][0].startswith(RUMOUR)
            ):
                # A rumour nobody can trace is spam already, and a member of the chain its
                # look-alikes from known people's lips belong to.
                self._relayed_tips.count(created_at, handle_stem(author_handle or author_id))
            elif (
                created_at is not None
                and verdict[0] == "spam"
                and author_created_at is not None
                and created_at - author_created_at < FRESH_ACCOUNT
                and any(reason.startswith(_SELF_PROMOTION) for reason in verdict[1])
            ):
                # A swarm of creators from fresh accounts, each worded apart: their
                # sightings are the swarm's too ("I walked the route at 6, something is off").
                self._fresh_tips.count(created_at)
            return verdict
        fresh = author_created_at is not None and created_at - author_created_at < FRESH_ACCOUNT
        second_hand = any(reason.startswith(SECOND_HAND) for reason in verdict[1])
        if not fresh and not second_hand:
            return verdict
        verdict = Verdict(*verdict)  # its own object: a pending tip is known by its id
        if fresh:
            flagged = self._fresh_tips.add(verdict, created_at)
            if flagged is not verdict:
                return flagged
        if second_hand:
            relayed_tips = self._relayed_tips
            stem = handle_stem(author_handle or author_id)
            if stem is not None and stem in relayed_tips.stems:
                # The chain's trickle: a look-alike of one of its accounts, later on.
                language = self.case.language
                reason = RELAY_KIN_REASONS.get(language, RELAY_KIN_REASONS["en"]).format(
                    author_handle or author_id
                )
                reasons = (reason, *verdict.reasons)[:MAX_REASONS]
                return Verdict("spam", reasons, verdict.score, "rumour-chain", verdict.cluster)
            return relayed_tips.add(verdict, created_at, stem)
        return verdict

    def _label(
        self,
        text: str,
        has_media: bool,
        author_id: str | None,
        author_created_at: datetime | None,
        created_at: datetime | None,
        author_handle: str | None,
    ) -> Verdict:
        # Positional arguments and the look-ups inline: most replies of a flooded thread
        # take the first return below, so its cost is the ingest's (SPEC: ingest speed).
        self.seen += 1
        if has_media and (not text or (text[:4] == "http" and " " not in text.strip())):
            return _MEDIA_ONLY  # a photo or a video and at most its own link
        analysis = self._cache.get(text)
        if analysis is None:
            analysis = self._analysis(text)
        if has_media and analysis[4]:
            return _MEDIA_ONLY
        floods = self.floods
        cluster = None
        if floods is not None:
            alone = analysis[0][0]
            cluster = floods.join(
                text,
                created_at,
                author_created_at,
                author_handle,
                # Hearsay is no witness's own words: a flood may take it in as loosely as
                # any other reply.
                alone == "tip" and not analysis[8],
                author_id,
                alone == "abuse",
            )
            if (
                cluster is not None
                and cluster.flood
                and cluster.coordinated
                and cluster.abusive * 2 <= cluster.size  # not harassment
            ):
                # A flood for good: its copies need no other signal.
                return _flooded(analysis[0], cluster)
        verdict = self._signals(analysis, author_id, author_created_at, created_at)
        if verdict[0] == "tip":
            verdict = weigh(text, verdict, self.case, not_a_tip)
        elif verdict[0] == "spam" and not farm_news(verdict):  # news_farms.py: no witness
            if self.case.words:
                verdict = promote(text, verdict, self.case, OFF_TOPIC)
            if verdict[0] == "spam" and _HAS_DIGIT(text):
                verdict = named_at(text, verdict, self.case, OFF_TOPIC)
        elif verdict[0] == "support":
            verdict = kind_bait(text, told_as_fact(text, verdict, self.case))
            verdict = weigh_kind_words(text, verdict)
        if cluster is None or floods is None:
            return verdict
        if cluster.flood:
            return _flooded(verdict, cluster)
        flooded = floods.flood_replies(author_id or author_handle)
        if flooded >= FLOOD_ACCOUNT and verdict[0] != "abuse":
            reason = f"account of a flood: {flooded} of its replies are in coordinated floods"
            return Verdict(
                "spam", (reason, *verdict.reasons)[:MAX_REASONS], verdict.score, None, cluster.id
            )
        return _verdict(Verdict, (*verdict[:4], cluster.id))

    def settle(self, verdict: Verdict) -> Verdict:
        """The verdict again, now that its cluster may have become a flood, or a burst of
        fresh accounts' tips came around it."""
        if verdict[0] == "tip":
            flagged = self._fresh_tips.settle(verdict) or self._relayed_tips.settle(verdict)
            if flagged is not None:
                return flagged
        if verdict.cluster is None or verdict.flood_key == verdict.cluster or self.floods is None:
            return verdict
        cluster = self.floods.get(verdict.cluster)
        if cluster is None or not cluster.flood:
            return verdict
        if verdict[0] == "tip" and not cluster.coordinated:
            return verdict
        return _flooded(verdict, cluster)

    def revise(self, texts: Sequence[str], verdicts: Sequence[Verdict]) -> list[Verdict]:
        """Settled verdicts of a batch, moved by the deployment's learned model where it
        may (learned.py: with its reason; never a member of a coordinated flood)."""
        if self.model is None:
            return list(verdicts)
        return self.model.revise(texts, verdicts)

    def settled(
        self,
        items: Iterable[_T],
        label: Callable[[_T], Verdict],
        lookahead: int = LOOKAHEAD,
        text: Callable[[_T], str] | None = None,
    ) -> Iterator[tuple[_T, Verdict]]:
        """Each item with its verdict, settled `lookahead` replies later: the first
        members of a flood are known as such once their template has become one. At most
        `lookahead` replies are held. With a learned model and `text`, settled verdicts
        are revised by it in batches of REVISE_BATCH (one vectorising call each)."""
        window: deque[tuple[_T, Verdict]] = deque()
        settle = self.settle
        batch: list[tuple[_T, Verdict]] = []
        revising = self.model is not None and text is not None

        def flush() -> Iterator[tuple[_T, Verdict]]:
            assert text is not None
            revised = self.revise([text(item) for item, _ in batch], [v for _, v in batch])
            yield from zip((item for item, _ in batch), revised, strict=True)
            batch.clear()

        for item in items:
            window.append((item, label(item)))
            if len(window) > lookahead:
                first, verdict = window.popleft()
                if not revising:
                    yield first, settle(verdict)
                    continue
                batch.append((first, settle(verdict)))
                if len(batch) >= REVISE_BATCH:
                    yield from flush()
        while window:
            first, verdict = window.popleft()
            if not revising:
                yield first, settle(verdict)
                continue
            batch.append((first, settle(verdict)))
        if batch:
            yield from flush()

    def _analysis(self, text: str) -> _Analysis:
        """The text's own analysis, once per distinct text (a bounded cache)."""
        cache = self._cache
        analysis = cache.get(text)
        if analysis is None:
            analysis = self._pile_on.accused(text, _analyse(text))  # accusations.py
            analysis = self._scam_pile.scammed(text, analysis)  # scams.py: a finder sold
            analysis = self._farm_pile.farmed(text, analysis)  # news_farms.py: case as news
            if len(cache) >= self.cache_size:
                for old in list(islice(cache, self.cache_size // 2)):
                    del cache[old]
            cache[text] = analysis
        return analysis

    def _signals(
        self,
        analysis: _Analysis,
        author_id: str | None,
        author_created_at: datetime | None,
        created_at: datetime | None,
    ) -> Verdict:
        """The analysis with the stream's own signals: near-duplicates, bursts of fresh
        accounts, one account replying again and again."""
        copies = 0
        key = analysis[5]
        if key is not None:
            counts = self._counts
            copies = counts.get(key, 0) + 1
            counts[key] = copies
            sketch = analysis[6]
            if sketch is not None:
                near = counts.get(sketch, 0) + 1
                counts[sketch] = near
                if near > copies:
                    copies = near
            if len(counts) > self.capacity:
                self._prune(counts)
        if copies < FLOOD_MIN and author_created_at is None and author_id is None:
            return analysis[0]

        signals: list[str] = []
        extra = 0.0
        flood_key: str | None = None
        if copies >= FLOOD_MIN and key is not None:
            extra += FLOOD_WEIGHT
            signals.append(f"near-duplicate of {copies - 1:,} other replies")
            flood_key = self._flood_keys.get(key)
            if flood_key is None:
                if len(self._flood_keys) >= self.capacity:
                    self._flood_keys.clear()
                flood_key = self._flood_keys[key] = flood_key_of(analysis[7])
        if author_created_at is not None:
            now = created_at if created_at is not None else datetime.now(author_created_at.tzinfo)
            age = now - author_created_at
            if age < FRESH_ACCOUNT:
                extra += 1.0
                signals.append(_FRESH_REASONS[max(age.days, 0)])
                fresh = self._fresh
                fresh.append(now)
                if len(fresh) == BURST_SIZE:
                    # Replies come newest or oldest first: the ends of the window span it.
                    span = abs(fresh[-1] - fresh[0])
                    if span <= BURST_WINDOW:
                        extra += BURST_WEIGHT
                        minutes = max(1, round(span.total_seconds() / 60))
                        signals.append(
                            f"burst of {BURST_SIZE} replies from fresh accounts in {minutes} min"
                        )
                        flood_key = flood_key or "fresh-accounts"
        if author_id is not None:
            authors = self._authors
            posted = authors.get(author_id, 0) + 1
            authors[author_id] = posted
            if len(authors) > self.capacity:
                self._prune(authors)
            if posted >= AUTHOR_REPEAT:
                extra += 1.0
                signals.append(f"reply {posted} from the same account")
        if not signals:
            return analysis[0]
        return _with_signals(analysis, signals, extra, copies, flood_key)

    def _prune(self, table: dict[Any, int]) -> None:
        """Keep the keys seen more than once; if that is still too many, the most frequent."""
        keep = {k: v for k, v in table.items() if v > 1}
        if len(keep) > self.capacity // 2:
            top = sorted(keep.items(), key=itemgetter(1), reverse=True)
            keep = dict(top[: self.capacity // 2])
        table.clear()
        table.update(keep)


def _flooded(verdict: Verdict, cluster: Cluster) -> Verdict:
    """A member of a flood: spam, whatever its emoji or verbs say; a threat stays abuse."""
    if verdict[0] == "abuse":
        reasons = (*verdict.reasons, cluster.reason())
        return Verdict("abuse", reasons[:MAX_REASONS], verdict.score, cluster.id, cluster.id)
    if cluster.harassment and verdict[0] != "tip":
        # A brigade: most copies insult or threaten, so every copy is abuse.
        reasons = (f"{cluster.reason()}, most of them abuse", *verdict.reasons)[:MAX_REASONS]
        return Verdict("abuse", reasons, verdict.score, cluster.id, cluster.id)
    if verdict[0] == "tip" and not cluster.coordinated:
        # Large and slow, from ordinary accounts: people, not a campaign; noted.
        reasons = (*verdict.reasons, cluster.noted())
        return Verdict("tip", reasons[:MAX_REASONS], verdict.score, None, cluster.id)
    own = verdict.reasons
    if own and own[0].startswith(_NEAR_DUPLICATE):
        own = own[1:]  # the cluster's reason says it better
    if own and own[-1].startswith("one of "):
        own = own[:-1]
    score = verdict.score
    return _verdict(
        Verdict,
        ("spam", (cluster.reason(), *own)[:MAX_REASONS],
         FLOOD_WEIGHT if score < FLOOD_WEIGHT else score, cluster.id, cluster.id),  # max()
    )  # fmt: skip


_NEAR_DUPLICATE = "near-duplicate of "


def _with_signals(
    analysis: _Analysis, signals: list[str], extra: float, copies: int, flood_key: str | None
) -> Verdict:
    verdict = analysis[0]
    label = verdict.label
    if (label == "tip" and copies < FLOOD_TIP_MAX) or label == "abuse":
        return Verdict(label, verdict.reasons + tuple(signals), verdict.score, flood_key)
    spam = analysis[1] + extra
    if (analysis[3] or label == "tip") and spam >= SPAM_MIN:
        reasons = (*signals, *analysis[2])
        return Verdict("spam", reasons[:MAX_REASONS], spam, flood_key)
    return Verdict(label, verdict.reasons + tuple(signals), verdict.score, flood_key)


def evaluate(
    examples: Iterable[tuple[str, str, bool]],
    *,
    case: CaseProfile | None = None,
    triager: Triager | None = None,
) -> dict[str, Any]:
    """Precision, recall and F1 per label, macro F1, accuracy and the confusion counts of
    a Triager run over labelled examples (text, expected label, has media), in order;
    verdicts settled as `triage FILE` settles them."""
    triager = triager or Triager(case=case)
    confusion: dict[tuple[str, str], int] = {}
    total = right = 0

    def label(example: tuple[str, str, bool]) -> Verdict:
        return triager.label(example[0], has_media=example[2])

    for (_, expected, _), verdict in triager.settled(examples, label):
        got = verdict.label
        confusion[expected, got] = confusion.get((expected, got), 0) + 1
        total += 1
        right += expected == got
    return scores_of(confusion, total, right)


def scores_of(confusion: dict[tuple[str, str], int], total: int, right: int) -> dict[str, Any]:
    """Per-label precision, recall and F1, macro F1 and accuracy of confusion counts."""
    labels: dict[str, dict[str, float]] = {}
    for label in LABELS:
        true_positive = confusion.get((label, label), 0)
        predicted = sum(n for (_, got), n in confusion.items() if got == label)
        actual = sum(n for (expected, _), n in confusion.items() if expected == label)
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        labels[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    return {
        "labels": labels,
        "macro_f1": sum(s["f1"] for s in labels.values()) / len(LABELS),
        "accuracy": right / total if total else 0.0,
        "confusion": {f"{e}->{g}": n for (e, g), n in sorted(confusion.items())},
    }

"""Recovery scams: "hackers", private investigators, phone trackers, psychics and spell
casters who swarm an appeal to sell a search, and the shills who vouch for them.

Their replies read like leads (they name the case's places, claim a "ping" or a "vision")
but the label guide (tests/data/README.md) makes them spam: nothing was seen, a service is
sold. Four kinds of reply are promotion, whatever case details they quote:

- an offer to find, track or locate (a hacker, a PI, IMEI or plate look-ups, a reading)
  with a way to buy it: a contact (WhatsApp, Telegram, an e-mail, a number, "DM me") or
  a fee ("$30", "small fee", "no result no fee");
- a testimonial of a finder ("@x found my son", "il a retrouvé ma fille", "legit");
- a finder recommended ("hire @x", "work with @x", "contactez @x");
- a shill's question for one ("is @x legit?", "anyone know a good PI?").

A tipster who says "call me" or "my son found the hat" offers no service: no cue here.

The stream rule (ContactPile): several accounts pushing the same contact (a handle, number,
e-mail or link, look-alike spellings folded) within a window are a swarm, and a later
reply pushing it is one of them.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from broadcaster.responses.triage.accusations import as_written, witnessed
from broadcaster.responses.triage.floods import normalise
from broadcaster.responses.triage.swarms import RememberedTexts, Swarms
from broadcaster.responses.triage.verdict import Verdict

MAX_REASONS = 8
SPAM_SCORE = 2.0

REASON = {"en": "recovery scam: '{}'", "fr": "arnaque à la recherche : '{}'"}
PILE_REASON = {
    "en": "recovery-scam swarm: {} accounts push {} in {} min",
    "fr": "essaim d'arnaque : {} comptes poussent {} en {} min",
}
PREFIXES = ("recovery scam", "arnaque à la recherche", "recovery-scam swarm", "essaim d'arnaque")

# -- per reply --------------------------------------------------------------------------
# Patterns read floods.normalise's text: lower case ASCII, no accents, punctuation as space.

# Who finds people for money, and how they say they do it.
_FINDER = "|".join(
    (
        r"hack(?:er|eur)s?|private (?:investigator|tracker|detective)|\bpi\b",
        r"(?:phone )?trackers?|tracking (?:company|expert|tools?|team)|recovery team",
        r"skip ?trac\w*|psychic|spell ?caster|marabout|voyante?|voyance|tirage|les esprits",
        r"(?:a|un|une|je suis|i m|psychic) medium\b(?! (?:build|height|size|sized|length))",
        # "une séance d'info(rmation)" is a school's meeting, no medium's.
        r"full reading|(?:a|une|private|privee?) (?:reading|seance(?! d info)|consultation)",
        r"i m sensing",
        r"detectives? prives?|enqueteurs? prives?|\b(?:un|a) detective\b",
        r"geolocalisation|(?:boite|compagnie|societe) de (?:tracking|reperage)",
        r"ex (?:fbi|rcmp|grc|sq|enqueteur)|retired (?:fbi|us marshal|detective)",
        r"ancien (?:gendarme|policier|enqueteur)|\bimei\b|telematics",
        r"(?:send me|envoyez moi|give me|donnez moi) (?:the |le |la |son |sa )?(?:vin|niv|plate)",
        r"acces aux (?:dossiers|bases|fichiers)|access to (?:the )?(?:dmv|records|databases?)",
        r"plate look ?ups?|reconnaissance faciale|facial recognition|adresse ip|ip address",
        r"(?:je peux|i can) (?:vous |te |you )?(?:trouver|retrouver|avoir|sortir|find|get|pull) "
        r"(?:\w+ ){0,4}(?:adresse|identite|position|address|identity|location)",
        r"find anyone|(?:retrouve|trouve|localise|find|locate)\w* n importe qui",
        r"n importe quel (?:telephone|numero|compte|cell)|any (?:phone|number|account)",
        r"can be (?:tracked|traced|located)|peut etre (?:localisee?|tracee?)",
        r"\bpinged\b|\ba (?:borne|pinge)\b",
        r"(?:track|trace|traced|tracing|tracking|locate|locating|localiser|localise|pirater"
        r"|pirate|hack\w*)(?: \w+){0,3} "
        r"(?:phone|telephone|cell|numero|number|gps|vehicle|vehicule|account|compte)",
    )
)
# How to buy it: a private channel.
_CONTACT = "|".join(
    (
        r"whats ?app|telegram|t me \w|\bdm (?:me|him|her|for)\b|\bin your dms\b",
        r"inbox(?: me)?$|\binbox me\b|message requests|(?:text|message) me\b",
        r"write (?:him|her|me)|contact (?:him|her|me)\b|\breach out\b",
        r"(?:link|rates) in bio|lien en bio|par sms|\bmp\b|en prive|message prive",
        r"ecrivez (?:moi|lui|y)|ecris moi|contactez (?:moi|le|la)|texto",
        r"je vous (?:passe|donne|mets) son|search (?:him|her) on",
        r"gmail com|outlook com|hotmail com|proton",
    )
)
# What it costs (or that it is a trade: "I do this for a living").
_FEE = "|".join(
    (
        r"\bfees?\b|\bfrais\b|acompte|upfront|paypal|\bdevis\b|consultation|reading|seance",
        r"\bcosts? \d|comptant|no result|pas de resultat|don t charge|gratis|for free",
        r"for a living|professionally|dans le domaine",
    )
)
# A shill's word for a finder: what he did for "my" son, or that he is real.
_TESTIMONIAL = "|".join(
    (
        r"\b(?:he|she|il|elle|y|qui|they) (?:\w+ )?(?:found|traced|tracked|located|hacked|helped"
        r"|brought back|retrouve|localise|pirate|aide|ramene|a retrouve|a localise|m a aidee?"
        r"|nous a aides|l a retrouvee?|m a retrouve|m a vraiment retrouve|a trouve|got into)"
        r"(?: \w+){0,2} (?:my|mine|ma|mon|mes|the guy|the man|the driver|a guy|a hit)\b",
        r"(?:found|retrouve|localise) (?:\w+ )?(?:my|mon|ma|mes) \w+ (?:thanks|grace)",
        r"\bqui (?:l|les) a (?:retrouvee?s?|localisee?s?)",
        r"(?:thanks to|grace a) (?:a |un |une |the |le |la )?(?:\w+ ){0,3}"
        r"(?:hacker|tracker|expert|investigator|detective|voyante?|marabout|pi)\b",
        r"\blegit\b|100 trusted|c est du (?:serieux|vrai)|c est (?:un pro|legit)",
        r"je le recommande|(?:he|she) is (?:real|legit|licensed)|(?:il|y) est fiable",
        r"(?:not|pas) (?:a bot|de la pub|spam)|the real one|le (?:seul )?vrai c est",
        r"fake hackers|faux hackers",
    )
)
# A shill asking for one.
_ASKING = "|".join(
    (
        r"\bis (?:this )?(?:\w+ ){0,3}(?:legit|real)\b|who is this (?:\w+ ){0,4}everyone",
        r"anyone know a good",
        r"who do you guys use|(?:who s|who is) the hacker",
        r"quelqu un (?:connait|a deja essaye)",
    )
)
_RECOMMEND = re.compile(
    r"(?:hire|work with|contact|try|engagez|contactez|ecrivez a|seul|only) @\w+|"
    r"(?:should|devrait|devriez) (?:hire|contact|work with|engager|contacter) @?\w+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"@(\w{3,})")
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\w+)+")
_PUBLIC_HANDLE = re.compile(
    r"polic|gendarm|sheriff|rcmp|grc|spvm|surete|cops|mairie|news|info|(?:pd|ps|rps|so|sq)$"
)

_FIND = re.compile(_FINDER)
_REACH = re.compile(_CONTACT)
_PAY = re.compile(_FEE)
_VOUCH = re.compile(_TESTIMONIAL)
_ASK = re.compile(_ASKING)
_NUMBER = re.compile(r"\+?\d[\d ().-]{8,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_LINK = re.compile(r"\bt\.me/\w+|wa\.me/\w+", re.IGNORECASE)
_PRICE = re.compile(r"[$€£]\s?\d+|\d+\s?(?:\$|€|£|euros?|dollars?)")

_FRENCH = frozenset(
    "le la les il elle est des une un et pas que qui son sa ses mon ma mes je vous pour sur "  # noqa: SIM905
    "dans avec fais quoi".split()
)
_ENGLISH = frozenset(
    "the is he she his her and not that who it him for on in at of my i you what this to with"  # noqa: SIM905
    " was your".split()
)


# Every rule above needs one of these words (as classify folds them: lower case, no
# accents, apostrophes split): a reply with none of them is no scam, judged in a set look-up
# (most replies, and every reply of a flood that is not a scam).
_TRIGGERS = frozenset(
    w.encode()
    for w in """
    hack hacker hackers hackeur hackeurs hacked hacking pi private tracker trackers tracking
    recovery skip skiptrace skiptracing psychic spell spellcaster caster marabout voyant voyante
    voyance tirage esprits medium reading seance consultation sensing detective detectives prive
    prives enqueteur enqueteurs geolocalisation reperage ex retired ancien imei telematics vin
    niv plate acces access dossiers bases fichiers dmv records database databases reconnaissance
    facial faciale ip anyone importe tracked traced located localisee localise tracee pinged
    borne pinge track trace tracing locate locating localiser pirater pirate adresse identite
    position address identity location found helped brought retrouve retrouvee retrouves
    localises aide aidee aides ramene trouve got thanks grace legit trusted serieux vrai pro
    recommande real licensed fiable bot pub spam fake faux hire work contact try engagez
    contactez ecrivez seul only should devrait devriez everyone guys connait essaye
    """.split()  # noqa: SIM905
)

# Of those, words many replies use ("found", "everyone"): alone, without a handle, they
# are not worth the patterns.
_COMMON = frozenset(
    w.encode()
    for w in "everyone found got thanks only work try real should contact".split()  # noqa: SIM905
)


def _language(words: list[str]) -> str | None:
    """en or fr, from a few words only one of them uses; None when neither has more."""
    french = sum(1 for w in words if w in _FRENCH)
    english = sum(1 for w in words if w in _ENGLISH)
    return None if french == english else "fr" if french > english else "en"


def scam_cue(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(language, the words quoted) when the reply sells or vouches for a finder; None
    otherwise."""
    plain = normalise(text)
    finder = _FIND.search(plain)
    contact = _REACH.search(plain) or _NUMBER.search(text) or _LINK.search(text)
    fee = _PAY.search(plain) or _PRICE.search(text)
    quoted: tuple[str, ...] = ()
    if finder and (contact or fee):
        found, sold = finder.group(0), (contact or fee).group(0)  # type: ignore[union-attr]
        quoted = (found,) if sold in found or found in sold else (found, sold)
    elif (vouch := _VOUCH.search(plain)) and (
        "@" in text or finder or contact or fee or len(_VOUCH.findall(plain)) > 1
    ):
        quoted = (vouch.group(0),)
    elif recommend := _RECOMMEND.search(text):
        quoted = (recommend.group(0),)
    elif (ask := _ASK.search(plain)) and ("@" in text or finder):
        quoted = (ask.group(0),)
    if not quoted:
        return None
    return _language(plain.split()) or "en", tuple(q.strip() for q in quoted)


def scammed(text: str, analysis: Any) -> Any:
    """The Triager's analysis of a text (classify._Analysis), made spam when the reply sells
    or vouches for a finder. Abuse stays abuse (a scam that insults the police)."""
    verdict: Verdict = analysis[0]
    words = analysis[7]
    if verdict[0] == "abuse" or _TRIGGERS.isdisjoint(words):
        return analysis
    hits = words & _TRIGGERS
    if hits <= _COMMON and "@" not in text and len(hits) < 2:
        return analysis
    cue = scam_cue(text)
    if cue is None:
        return analysis
    if witnessed(verdict) and _PRICE.search(text) is None and not _PAY.search(normalise(text)):
        # A witness's own sighting ("I saw the car at 6pm") from a retired officer who
        # leaves a number sells nothing: the label guide keeps a tip a tip.
        return analysis
    language, quoted = cue
    reason = REASON[language].format("', '".join(_as_written(text, q) for q in quoted))
    spam = max(analysis[1], SPAM_SCORE)
    own = tuple(r for r in verdict[1] if not r.startswith("off-topic"))
    kept = own[: MAX_REASONS - 1] if verdict[0] == "spam" else ()
    moved = Verdict("spam", (reason, *kept)[:MAX_REASONS], spam)
    return (moved, spam, (reason, *analysis[2]), True, *analysis[4:8], False)


def _as_written(text: str, quoted: str) -> str:
    """The cue's words as the reply writes them, or the folded words."""
    return as_written(text, quoted)


# -- the stream: many accounts pushing one contact ---------------------------------------

PILE_ACCOUNTS = 3  # distinct accounts pushing one contact ...
PILE_WINDOW = timedelta(hours=6)  # ... within this long make a swarm
CONTACTS_MAX = 512
SCAMS_MAX = 8_192  # scam texts remembered (the Triager's analysis cache's size)

# Look-alike spellings of a handle: 0 for o, 1 and l for i, 3 for e, 4 for a, no "_".
_LOOKALIKE = str.maketrans("0134l", "oieai", "_")


def contact_keys(text: str, leading: bool = True) -> list[tuple[str, str]]:
    """The contacts a reply gives, each (its key, as written): handles (look-alike spellings
    folded), e-mails, numbers (their last ten digits), Telegram and WhatsApp links. Never the
    police's or the media's handles; `leading`: the handles it starts with too (a shill's
    "@x helped me too" pushes @x; a reply to a scammer does not)."""
    keys = [(m.group(0).lower(), m.group(0)) for m in _EMAIL.finditer(text)]
    rest = _EMAIL.sub(" ", text)
    if not leading:
        rest = _LEADING_MENTIONS.sub(" ", rest)
    for handle in _HANDLE.findall(rest):
        low = handle.lower().rstrip("_0123456789")
        if not _PUBLIC_HANDLE.search(low):
            keys.append(("@" + low.translate(_LOOKALIKE), "@" + handle))
    keys += [(re.sub(r"\D", "", m.group(0))[-10:], m.group(0)) for m in _NUMBER.finditer(rest)]
    keys += [(m.group(0).lower(), m.group(0)) for m in _LINK.finditer(rest)]
    return keys


class ContactPile:
    """Replies that sell or vouch for a finder, keyed on the contact they push (bounded):
    once PILE_ACCOUNTS accounts push one within PILE_WINDOW, a reply naming it is spam.
    `own`: handles of the agencies (never a scam's contact)."""

    def __init__(self, language: str = "en", own: frozenset[str] = frozenset()) -> None:
        self.language = language if language in PILE_REASON else "en"
        self.own = own
        self._swarms = Swarms(PILE_ACCOUNTS, PILE_WINDOW, CONTACTS_MAX)
        self._scams = RememberedTexts(SCAMS_MAX)  # the texts `scammed` made a scam

    def scammed(self, text: str, analysis: Any) -> Any:
        """`scammed`, for the Triager's analysis cache: a scam's text is remembered, and
        its copies count towards a swarm."""
        moved = scammed(text, analysis)
        if moved is not analysis:
            self._scams.add(text)
        return moved

    def judge(
        self, text: str, verdict: Verdict, account: str | None, created_at: datetime
    ) -> Verdict:
        scam = text in self._scams
        if not scam and (verdict[0] == "abuse" or not self._swarms):
            return verdict  # most replies: nothing counted, no swarm to name
        if scam:
            if account and verdict[0] == "spam":
                for key, _ in contact_keys(text):
                    if key not in self.own:
                        self._swarms.count(key, account, created_at)
            return verdict
        keys = [(k, w) for k, w in contact_keys(text, leading=False) if k not in self.own]
        for key, written in keys:
            piled = self._swarms.piled(key)
            if piled is not None:
                language = _language(normalise(text).split()) or self.language
                reason = PILE_REASON[language].format(piled[0], written, piled[1])
                reasons = (reason, *verdict[1])[:MAX_REASONS]
                return Verdict("spam", reasons, max(verdict[2], SPAM_SCORE), *verdict[3:])
        return verdict

"""News farms: aggregator and content-farm accounts that answer an appeal by re-posting the
case's own details as "news" with a link ("BREAKING: police search for…, full story ➡
site.live/…", "Alerte enlèvement : ce que l'on sait", LIVE tickers, "5 things we know",
"police confirm" headlines, SEO keyword piles, the alert pasted with "follow @x for more").

They quote names, places, times and plates, so they read as tips, but the label guide
(tests/data/README.md) makes them spam: nobody saw anything, the case's own facts are sold
for a click, a subscription or a follow. Three kinds of reply are promotion here:

- a promotion phrase that no witness writes ("full story", "read more", "lire la suite",
  "ce que l'on sait", "everything we know", "follow @x for more breaking news",
  "abonnez-vous", "ticker", "news today", "selon nos informations");
- a headline word ("BREAKING", "UPDATE", "JUST IN", "LIVE", "WATCH", "VIDÉO", "MISE À
  JOUR", "police confirm") or a pointing arrow, with a link to a site;
- a keyword pile (no sentence, no person speaking, ending on "news" / "nouvelles");
- a would-be tip with a link to a site where nobody says "I" / "je" (the case re-told to
  send readers to a page).

A tipster who saw something ("I saw the black Journey at the Esso", "j'ai vu…") and shares
a local paper's link is no farm: a sighting of the writer's own, or a first-person word with
only a headline word, keeps the reply as it was. Abuse stays abuse (a farm insulting the
police is abuse by the label guide).

The stream rule (OutletPile): several accounts pushing the same site (look-alike spellings
folded) within a window are a farm swarm, and a later reply linking to it is one of them.
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

REASON = {"en": "news farm: '{}'", "fr": "ferme à clics : '{}'"}
PREFIXES = ("news farm", "ferme à clics")

# Patterns read floods.normalise's text: lower case ASCII, no accents, punctuation as space.

# Phrases that sell the click whatever else the reply says.
_PROMOTION = re.compile(
    "|".join(
        (
            r"\bfull (?:story|breakdown|details|article|report)\b|\bread (?:more|the full)\b",
            r"\bmore (?:of )?infos?\b|\bmore details (?:here|at|on)\b|details photos",
            r"\blire (?:la suite|plus|l article)\b|\ben savoir plus\b|\bplus d infos?\b",
            r"(?<!est )\bce (?:qu on|que l on|que lon) sait\b|\bce qu il faut savoir\b",
            r"\b(?:everything|what) we know\b|\bthings (?:we know|to know)\b",
            r"\bchoses a savoir\b|\bdeveloping story\b|\bdeveloping\s*$",
            r"\bticker\b|\bsuivez (?:notre|le) direct\b|\bnotre direct\b",
            r"\bfollow @?\w+ for more\b|\bfor more (?:breaking )?(?:news|updates)\b",
            r"\babonnez vous\b|\bsuivez nous\b|\b(?:activez|atcivez) (?:les )?notifications\b",
            r"\bturn on (?:post )?notifications\b|\bsubscribe (?:for|to) (?:more|our)\b",
            r"\bnews today\b|\blatest (?:update|news)\b|\bnouvelles (?:aujourd hui|du jour)\b",
            r"\bactualite aujourd hui\b|\bderniere (?:heure|minute)\b",
            r"\bselon nos (?:informations|sources)\b|\baccording to our sources\b",
            r"\bwiki\b|\btrending #?1\b|\bevery update\b|\bin a developing story\b",
            r"\bbreaking news\b|\bexclusive (?:video|clip|photos?)\b",
            r"\bplus (?:de nouvelles|d informations?)\b|\bmore info(?:rmation)?s? here\b",
            r"\btous les details\b|\b(?:our|notre) top \d+\b",
            r"\bnotre (?:article|edito|chronique|top|dossier|enquete)\b",
            r"\baffiliate\b|\bsondage\b|\bvotez ici\b|\bvote here\b|^auto\b",
        )
    )
)

# Headline words: news promotion when a link to a site comes with them.
_HEADLINE = re.compile(
    "|".join(
        (
            r"\bbreaking\b|\bupdates?\b|\bjust in\b|\blive\b|\bwatch\b|\bvideo\b|\bdirect\b",
            r"\bmise a jour\b|\bmaj\b|\balerte?\b|\binfo\b|\bnews\b|\bnouvelles\b|\bflash\b",
            r"\b(?:police|rcmp|grc|sq|gendarmerie|cops) (?:confirm|confirme)\w*",
            r"\bdecouvrez\b|\bsee why\b|\bclick\b|\bcliquez\b|\bphotos\b|\bmap\b",
            r"\bstory\b|\bbiograph\w*|\bhistoire\b",
        )
    )
)
_ARROW = re.compile(r"[➡⤵⬇👇▶→⏩]")
# A link to a site: a domain (a scheme is optional; the farms write "site.live/x").
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9][\w-]*(?:\.[\w-]+)*\."
    r"(?:com|ca|fr|ch|be|live|site|info|news|net|org|in|io|co|today|online|tv|media|buzz)"
    r"(?:/\S*|\b)",
    re.IGNORECASE,
)
# A person speaking: a witness's own words, which a headline word alone never outweighs.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i m|i ve|i d|my|me|mine|we|our|us|je|j|moi|mon|ma|mes|nous|notre|on a)\b"
)
# The writer speaking of himself: "we" is an outlet's voice too ("we asked AI…"), "I" is not.
# A keyword pile: a dozen words or more, no sentence, ending on the farm's word ("…
# ford ranger rouge depanneur giroux nouvelles"); "hoping for good news" is a sentence. "Est-ce
# qu'on sait…" asks; "ce qu'on sait" is a headline.
_PILE_END = re.compile(r"\b(?:news|nouvelles|actualites?|manhunt news|update)\s*$")
_SENTENCE_WORDS = re.compile(
    r"\b(?:is|are|was|were|the|a|an|he|she|it|they|il|elle|est|sont|etait|a ete|le|la|les"
    r"|un|une|des|du)\b"
)

# Scorn for the police, the suspect, a victim or a family ("useless clowns", "bande
# d'incapables", "ce lâche", "lazy parenting"): a farm that adds it is abuse (the label guide).
_SCORN = re.compile(
    "|".join(
        (
            r"\bclowns?\b|\bscumbag\b|\blache\b|\bbum\b|\bloser\b|\bidiots?\b|\bthug\b",
            r"\bincapables\b|\bincompetents?\b|\birresponsables\b|\bdemissionnaires\b",
            r"\blazy parenting\b|\basleep as usual\b|\bbon debarras\b|\bdisgusting\b",
            r"\bune honte\b|\bclueless\b|\ba la ramasse\b|\bdort au gaz\b",
        )
    )
)
SCORN_REASON = {"en": "insult: '{}'", "fr": "insulte : '{}'"}

_FRENCH = frozenset(
    "le la les il elle est des une un et pas que qui son sa ses sur dans avec pour ce "  # noqa: SIM905
    "au aux du en lire suite savoir enlevee enleve pere fillette nouvelles alerte ans".split()
)
_ENGLISH = frozenset(
    "the is he she his her and not that who it him for on in at of you what this to with"  # noqa: SIM905
    " was your read more story news after police".split()
)


def _language(words: list[str]) -> str:
    french = sum(1 for w in words if w in _FRENCH)
    english = sum(1 for w in words if w in _ENGLISH)
    return "fr" if french > english else "en"


# Every rule above needs a link (a dot before two letters) or one of these words (as classify
# folds them: lower case, no accents, apostrophes split): a reply with neither is no farm,
# judged in a set look-up and one plain scan (most replies; a flood's analysis is cached).
_TRIGGERS = frozenset(
    w.encode()
    for w in """
    full read more info infos information informations details lire savoir plus sait know
    things choses developing ticker direct follow abonnez suivez activez atcivez notifications
    subscribe today latest nouvelles actualite actualites derniere selon according wiki
    trending breaking exclusive tous notre our affiliate sondage vote votez auto news
    every manhunt
    """.split()  # noqa: SIM905
)
_DOT = re.compile(r"[^\W_]\.[^\W\d_]{2}|https?:|www\.")


def farm_cue(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(language, the words quoted) when the reply re-posts the case as news to sell a
    click; None otherwise."""
    # Words are read without the links: "live" in "scoop.live/x" is no headline.
    dotted = _DOT.search(text) is not None
    plain = normalise(_LINK.sub(" ", text) if dotted else text)
    quoted: tuple[str, ...] = ()
    if promotion := _PROMOTION.search(plain):
        quoted = (promotion.group(0).strip(),)
    else:
        link = _LINK.search(text) if dotted else None
        headline = _HEADLINE.search(plain)
        if link and (headline or _ARROW.search(text)) and not _FIRST_PERSON.search(plain):
            quoted = (headline.group(0),) if headline else (link.group(0),)
        elif (
            _PILE_END.search(plain)
            and len(plain.split()) >= 12
            and len(_SENTENCE_WORDS.findall(plain)) <= 1
            and not _FIRST_PERSON.search(plain)
        ):
            quoted = (" ".join(plain.split()[-2:]),)
    if not quoted:
        return None
    return _language(plain.split()), quoted


def farmed(text: str, analysis: Any) -> Any:
    """The Triager's analysis of a text (classify._Analysis), made spam when the reply
    re-posts the case as news to sell a click (abuse when it scorns someone too). Abuse
    stays abuse; a sighting of the writer's own stays a tip."""
    verdict: Verdict = analysis[0]
    if verdict[0] == "abuse" or (
        _TRIGGERS.isdisjoint(analysis[7]) and ("." not in text or not _DOT.search(text))
    ):
        return analysis
    if witnessed(verdict):
        return analysis
    # A link alone, even with no "I", is no sign of a farm: a witness posts a photo of the car
    # ("at the Esso on Hwy 11 now, pic: imgur.com/…") as plainly as a farm posts its page.
    cue = farm_cue(text)
    if cue is None:
        return analysis
    language, quoted = cue
    reason = REASON[language].format("', '".join(as_written(text, q) for q in quoted))
    spam = max(analysis[1], SPAM_SCORE)
    if scorn := _SCORN.search(normalise(text)):
        insult = SCORN_REASON[language].format(as_written(text, scorn.group(0)))
        moved = Verdict("abuse", (reason, insult), spam)
        return (moved, spam, (reason, insult, *analysis[2]), True, *analysis[4:8], False)
    # Already spam ("promotion: 'live'"): the reason is added, so that the case's words it
    # quotes do not promote it back to a tip.
    kept = verdict[1][: MAX_REASONS - 1] if verdict[0] == "spam" else ()
    moved = Verdict("spam", (reason, *kept), spam)
    return (moved, spam, (reason, *analysis[2]), True, *analysis[4:8], False)


def farm_news(verdict: Verdict) -> bool:
    """Whether `farmed` made the verdict spam: the case's words it quotes are the alert's
    own, so they must not promote it back to a tip (relevance.promote)."""
    return any(r.startswith(PREFIXES) for r in verdict[1])


# -- the stream: many accounts pushing one outlet ----------------------------------------

PILE_ACCOUNTS = 3  # distinct accounts pushing one site ...
PILE_WINDOW = timedelta(hours=6)  # ... within this long make a swarm
SITES_MAX = 512
FARMS_MAX = 8_192  # farm texts remembered (the Triager's analysis cache's size)

PILE_REASON = {
    "en": "news-farm swarm: {} accounts push {} in {} min",
    "fr": "essaim de fermes à clics : {} comptes poussent {} en {} min",
}
# Look-alike spellings of a site: 0 for o, 1 and l for i, 3 for e, 4 for a, no "-" or "_".
_LOOKALIKE = str.maketrans("0134l", "oieai", "-_")
_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/?#\s]+)", re.IGNORECASE)


def site_keys(text: str) -> list[tuple[str, str]]:
    """The sites a reply links to, each (its key, as written): the host, lower case, its
    look-alike spellings folded ("valleyl1ve24.com" and "valley-live24.com" are one)."""
    keys = []
    for link in _LINK.finditer(text):
        host = _HOST.match(link.group(0))
        if host:
            keys.append((host.group(1).lower().rstrip(".").translate(_LOOKALIKE), host.group(1)))
    return keys


class OutletPile:
    """Replies `farmed` made news-farm promotion, keyed on the site they link to (bounded):
    once PILE_ACCOUNTS accounts push one within PILE_WINDOW, a later reply linking to it is
    one of them (spam), whatever its wording. A sighting of the writer's own stays a tip."""

    def __init__(self, language: str = "en") -> None:
        self.language = language if language in PILE_REASON else "en"
        self._swarms = Swarms(PILE_ACCOUNTS, PILE_WINDOW, SITES_MAX)
        self._farms = RememberedTexts(FARMS_MAX)  # the texts `farmed` moved

    def farmed(self, text: str, analysis: Any) -> Any:
        """`farmed`, for the Triager's analysis cache: a farm's text is remembered, and its
        copies count towards a swarm."""
        moved = farmed(text, analysis)
        if moved is not analysis:
            self._farms.add(text)
        return moved

    def judge(
        self, text: str, verdict: Verdict, account: str | None, created_at: datetime
    ) -> Verdict:
        farm = text in self._farms
        if not farm and (not self._swarms or verdict[0] in ("abuse", "spam")):
            return verdict  # most replies: nothing counted, no swarm to name
        if farm:
            if account and verdict[0] in ("spam", "abuse"):
                for key, _ in site_keys(text):
                    self._swarms.count(key, account, created_at)
            return verdict
        if witnessed(verdict):
            return verdict
        for key, written in site_keys(text):
            piled = self._swarms.piled(key)
            if piled is not None:
                language = _language(normalise(text).split()) if text else self.language
                reason = PILE_REASON[language].format(piled[0], written, piled[1])
                reasons = (reason, *verdict[1])[:MAX_REASONS]
                return Verdict("spam", reasons, max(verdict[2], SPAM_SCORE), *verdict[3:])
        return verdict

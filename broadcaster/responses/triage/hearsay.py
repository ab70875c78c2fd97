"""Hearsay: a sighting the writer did not see, passed along from someone else.

"My cousin's friend saw him at the Walmart", "I heard from a guy in my group chat that the
Kia was seen at the truck stop", "la voisine de ma tante l'a vue au terminus", "il paraît
qu'il est à Trois-Rivières". The label guide files such a reply as a tip when it carries
information (an officer can follow "his cousin told my bf he's in Niagara Falls" up), so one
such reply keeps its label and says where its sighting comes from. What hearsay changes:

- passed along with a chain letter's call ("share before they delete this", "la police vous
  le dira pas", "copy and paste"), it is a forwarded rumour, not a witness: spam;
- many of them in a burst, from many accounts, is a rumour chain, not witnesses (the
  triager's stream rule, classify.py);
- it is no first-hand witness's words, so a flood may take it in as loosely as any other
  reply (floods.py: JOIN, not TIP_JOIN).

A writer who also says what they saw themselves ("I saw him too, my wife says he's there
every night") is a witness: nothing here applies.

Patterns read the text as `relevance.fold` leaves it: lower case, no accents, punctuation and
apostrophes as spaces, stretched letters shortened ("myyy cousin" is "my cousin").
"""

from __future__ import annotations

import re
import unicodedata

from broadcaster.responses.triage.lexicon import FAMILIES

# People a sighting or a message comes from: family, friends, neighbours, coworkers, and
# people unnamed ("someone", "a guy", "quelqu'un").
_PEOPLE_EN = (
    r"friends?|buddy|buddies|pal|mate|neighbou?rs?|cousins?|sister|sis|brother|bro|aunt|"
    r"auntie|uncle|mom|mum|mother|dad|father|wife|husband|gf|bf|girlfriend|boyfriend|son|"
    r"daughter|niece|nephew|grandma|grandpa|coworkers?|co workers?|colleagues?|boss|roommate|"
    r"in law|guy|girl|lady|dude|woman|man|someone|somebody|people|everyone|everybody|nurse|"
    r"trucker|cashier"
)
_PEOPLE_FR = (
    r"amie?s?|chum|blonde|voisine?s?|cousine?s?|soeur|frere|tante|oncle|mere|pere|femme|mari|"
    r"fille|fils|collegues?|gars|madame|monsieur|patronne?|coloc|quelqu un|gens|monde"
)
# What they did: saw it, or said, wrote, texted it.
_SAID_EN = (
    r"saw|seen|spotted|noticed|sighted|took a (?:pic|picture|photo|video)|says|said|told|tells|"
    r"texted|messaged|confirmed|swears|posted|heard"
)
_SAID_FR = (
    r"l a vue?|l ont vue?|a vue?|ont vue?|dit|disait|m a dit|m a ecrit|m a texte|"
    r"vient de m ecrire|a pris une photo|l a croisee?|a croise|a entendu|jure|a publie|a poste"
)
# Hearsay that names no source at all, or a source nobody can reach.
_UNSOURCED = (
    r"apparently|apparantly|supposedly|allegedly|rumou?rs?|rumou?r has it|word is|"
    r"word on the street|people (?:are saying|say)|everyone (?:is saying|says)|they re saying|"
    r"heard (?:from|that|on|in|through)|i ve heard|i heard (?:he|she|they|he s|she s|that|it)|"
    r"last i heard|(?:someone|somebody) (?:posted|wrote|said|says)|group chat|community page|"
    r"update from|news from|"
    r"il parait|y parait|parait qu|parait que|on dit qu|on raconte|apparemment|rumeurs?|"
    r"entendu dire|ouie dire|ca circule|quelqu un a (?:dit|ecrit|poste|publie)|groupe facebook|"
    r"mise a jour de"
)
_HEARSAY = re.compile(
    rf"(?<![a-z])(?:{_UNSOURCED}|"
    rf"(?:my|our|a|an|some|his|her|their|this)(?: \w+){{0,2}} (?:{_PEOPLE_EN})"
    rf"(?: \w+){{0,5}}? (?:{_SAID_EN})|"
    rf"(?:mon|ma|mes|un|une|la|le|sa|son|ses)(?: \w+){{0,2}} (?:{_PEOPLE_FR})"
    rf"(?: \w+){{0,5}}? (?:{_SAID_FR}))(?![a-z])"
)
# The writer's own sighting or presence: a witness, whatever else they pass along.
_FIRST_HAND = re.compile(
    r"(?<![a-z])(?:(?:i|we)(?: (?:just|also|too|think|definitely|def|literally|really|actually|"
    r"swear|m|am|pretty|sure|ve|have|had|did|d|only))* (?:saw|seen|see|seeing|spotted|noticed|"
    r"watched|passed|drove past|ran into|was (?:at|there|in|on|behind|fishing|driving)|"
    r"filmed|recorded)|"
    r"(?:je|j|g|on|nous)(?: (?:l|la|le|les|ai|a|avons|viens de|vien de|pense|crois|suis|"
    r"sure))* (?:vu|vue|vus|croise|croisee|apercu|apercue|remarque|vois|voit|etais|etait|filme)|"
    r"my (?:dashcam|dash cam|camera|ring)|ma (?:dashcam|camera))(?![a-z])"
)
# A chain letter's call to pass it on (the lexicon's "chain letter" family, and its copy-paste
# phrases), matched in the same folded text.
_CHAIN_PHRASES = sorted(
    {
        " ".join(phrase.split())
        for family in FAMILIES
        if family.name == "chain letter"
        for phrase in family.phrases.split("|")
        if phrase.strip()
    }
    | {"copy and paste", "copy paste", "copiez collez"},
    key=len,
    reverse=True,
)
_CHAIN = re.compile(rf"(?<![a-z])(?:{'|'.join(map(re.escape, _CHAIN_PHRASES))})(?![a-z])")


def relayed(folded: str) -> str | None:
    """The words that pass a sighting along from someone else ("my cousin s friend saw",
    "il parait"), when the writer says nothing they saw themselves; else None."""
    found = _HEARSAY.search(folded)
    if found is None or _FIRST_HAND.search(folded):
        return None
    return found.group(0)


def chain_call(folded: str) -> str | None:
    """A chain letter's call to pass the text on ("before they delete", "ne partagez pas")."""
    found = _CHAIN.search(folded)
    return found.group(0) if found else None


# Accented letters to their base letter, one for one, so that a span found in the plain copy
# of a text is the same span in the text.
_PLAIN = {
    ord(c): unicodedata.normalize("NFKD", c)[0]
    for c in "àâäáãåçéèêëîïíìñôöóòõùûüúÿÀÂÄÁÃÅÇÉÈÊËÎÏÍÌÑÔÖÓÒÕÙÛÜÚŸ"
} | {ord("’"): "'"}


def own_words(text: str, folded: str) -> str:
    """The writer's own words for a phrase found in the folded text ("my cousin s friend
    saw" is "my cousin's friend saw", "ma belle soeur" is "MA BELLE-SŒUR"), or the folded
    phrase when they cannot be found."""
    words = []
    for word in folded.split():
        # Each letter may be stretched ("myyy"); "oe" may be the ligature.
        parts = re.split(r"(oe)", word)
        words.append(
            "".join(
                "(?:o+e+|œ+)" if part == "oe" else "".join(re.escape(c) + "+" for c in part)
                for part in parts
            )
        )
    plain = text if text.isascii() else text.translate(_PLAIN)
    pattern = r"(?<!\w)" + r"[\W_]+".join(words) + r"(?!\w)"
    found = re.search(pattern, plain, re.IGNORECASE)
    return text[found.start() : found.end()] if found else folded

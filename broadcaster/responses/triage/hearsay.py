"""Hearsay: a sighting the writer did not see, passed along from someone else.

"My cousin's friend saw him at the Walmart", "I heard from a guy in my group chat that the
Kia was seen at the truck stop", "la voisine de ma tante l'a vue au terminus", "il paraît
qu'il est à Trois-Rivières". One test sorts it, the tip definition ("information that could
help the case"): can the police reach someone who saw it?

- a witness the writer knows and points to, one step away ("my husband saw", "mon voisin
  Réjean a vu…, je lui ai donné le numéro", "my brother-in-law says he passed the van", "ma
  fille dit qu'Ivy parlait d'un ami"): a tip, with a reason that says whose sighting it is;
- a rumour nobody can trace: no source ("apparently", "people in the group are saying", "il
  paraît", "seen on my feed", "a friend forwarded me a screenshot"), a source of a source ("my
  cousin's coworker's ex", "a friend of a friend", "ma cousine dit que quelqu'un a dit"), an
  unnamed one ("someone", "a guy") or one who only heard it ("ma belle-sœur l'a entendu"):
  spam, the off-topic copy-forward noise rumour floods are made of; asked back to the police
  ("someone said they found her, is that true?") it is a question (relevance.weigh);
- passed along with a chain letter's call ("share before they delete this", "la police vous
  le dira pas", "copy and paste"), it is a forwarded rumour: spam;
- many of them in a burst, from many accounts, is a rumour chain, not witnesses (the
  triager's stream rule, classify.py);
- it is no first-hand witness's words, so a flood may take it in as loosely as any other
  reply (floods.py: JOIN, not TIP_JOIN).

A writer who also says what they saw themselves ("I saw him too, my wife says he's there
every night") is a witness: nothing here applies ("I saw this on my feed" is no sighting).

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
    r"fille|fils|collegues?|gars|madame|monsieur|dames?|patronne?|coloc|quelqu un|gens|monde"
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
# Seen on a screen, not in the street: "I saw this on my feed", "vu sur mon fil", "read it on
# Facebook". The writer saw a post, not the person.
_ON_A_SCREEN = (
    r"(?:saw|seen|read|vu|lu)(?: (?:this|it|that|ca|ceci|a post|un post|une publication))? "
    r"(?:on|sur) (?:(?:my|mon|ma|the|le|la) (?:feed|fil|wall|mur|page|group|groupe|story|"
    r"timeline)|facebook|fb|tiktok|insta|instagram|twitter|snapchat|snap|reddit|whatsapp|"
    r"messenger)"
)
# Hearsay that names no source at all, or a source nobody can reach.
_UNSOURCED = (
    r"apparently|apparantly|supposedly|allegedly|reportedly|rumou?rs?|rumou?r has it|word is|"
    r"word on the street|people (?:are saying|say)|everyone (?:is saying|says)|they re saying|"
    r"people(?: \w+){1,6} (?:are saying|say|said|posted)|my feed|"
    # "Last I heard he was living out near the lake": the writer's own knowledge, not a rumour.
    r"heard (?:from|that|on|in|through)|i ve heard|(?<!last )i heard (?:he|she|they|he s|she s|"
    r"that|it)|"
    r"heard it|(?:someone|somebody) (?:posted|wrote|said|says)|group chat|community page|"
    r"update from|news from|forwarded|screenshot|no idea who|friends? of a friend|"
    rf"scanner app|{_ON_A_SCREEN}|"
    r"il parait|y parait|parait qu|parait que|on dit qu|on raconte|apparemment|rumeurs?|"
    # "On m'a dit", "I was told": told by nobody the writer names.
    r"on m a dit(?! par)|on m a raconte|(?:i was|i ve been|i got) told(?! by)|"
    r"entendu dire|ouie dire|ca circule|quelqu un a (?:dit|ecrit|poste|publie)|groupe facebook|"
    r"mise a jour de|mon fil|capture d ecran|sais pas qui|aucune idee qui|ami d un ami|"
    r"amie d une amie|aurait ete vue?s?|auraient ete vue?s?"
)
_HEARSAY = re.compile(
    rf"(?<![a-z])(?:{_UNSOURCED}|"
    rf"(?:my|our|a|an|some|his|her|their|this)(?: \w+){{0,2}} (?:{_PEOPLE_EN})"
    rf"(?: \w+){{0,5}}? (?:{_SAID_EN})|"
    rf"(?:mon|ma|mes|un|une|la|le|sa|son|ses)(?: \w+){{0,2}} (?:{_PEOPLE_FR})"
    rf"(?: \w+){{0,5}}? (?:{_SAID_FR}))(?![a-z])"
)
# What makes a sighting passed along a rumour nobody can trace: no source, a source of a
# source ("my cousin's coworker", "la voisine de ma tante", "a friend of a friend"), a source
# who only heard it, or someone unnamed who said it ("ma cousine dit que quelqu'un a dit").
_TOLD_EN = r"says|said|told|tells|texted|messaged|posted|swears|heard|thinks"
_TOLD_FR = r"dit|disait|m a dit|a dit|raconte|m a ecrit|m a texte|a entendu|jure|pense|a publie"
_NO_SOURCE = re.compile(rf"(?<![a-z])(?:{_UNSOURCED})(?![a-z])")
_UNTRACEABLE = re.compile(
    # Three steps away ("my cousin's coworker's ex"), or two steps and only told it ("my
    # aunt's neighbour says"): two steps and a sighting ("my son's teacher saw him") is a
    # witness the writer can point to.
    rf"(?<![a-z])(?:(?:{_PEOPLE_EN}) s(?: \w+)? (?:{_PEOPLE_EN}) s(?: \w+)? (?:{_PEOPLE_EN})|"
    rf"(?:{_PEOPLE_EN}) s(?: \w+)? (?:{_PEOPLE_EN})(?: \w+){{0,3}}? (?:{_TOLD_EN})|"
    rf"(?:{_PEOPLE_EN}) of (?:a|an|my|his|her|our|their)(?: \w+)? (?:{_PEOPLE_EN})|"
    rf"(?:{_PEOPLE_FR}) (?:de|d) (?:mon|ma|mes|la|le|sa|son|notre|un|une)(?: \w+)? "
    rf"(?:{_PEOPLE_FR})(?: \w+){{0,3}}? (?:{_TOLD_FR})|"
    rf"(?:{_PEOPLE_EN})(?: \w+){{0,3}} (?:heard|was told|got told)|"
    rf"(?:{_PEOPLE_FR})(?: \w+){{0,3}} (?:l a entendu|a entendu|l ont entendu|ont entendu|"
    r"s est fait dire)|"
    r"(?:someone|somebody|people|everyone|everybody|quelqu un|les gens|le monde)"
    r"(?: \w+){0,4}? (?:said|says|saying|told|posted|wrote|dit|disent|a dit|ont dit|raconte|"
    r"racontent|a ecrit|a poste|a publie))(?![a-z])"
)
# "Ma cousine dit que quelqu'un de son travail a dit": the source was told it by someone
# unnamed, a source of a source ("mon beau-frère dit qu'un gars dormait dans l'auto" is what
# the brother-in-law saw: the unnamed one only counts when he said it too).
_TOLD_BY_UNNAMED = re.compile(
    rf"(?<![a-z])(?:{_TOLD_EN}|{_TOLD_FR}) (?:that |que |qu )?(?:someone|somebody|quelqu un|"
    rf"(?:a|an|some) (?:{_PEOPLE_EN})|(?:un|une) (?:{_PEOPLE_FR}))(?: \w+){{0,4}}? "
    rf"(?:{_TOLD_EN}|{_TOLD_FR})(?![a-z])"
)
SOURCE_SPAN = 24  # characters after the hearsay's words where its source's source is read
# A source with no name and no tie to the writer: "a guy", "someone", "quelqu'un".
_UNNAMED = re.compile(
    r"^(?:a|an|some|un|une|des) |(?<![a-z])(?:someone|somebody|people|everyone|everybody|"
    r"quelqu un|gens|monde)(?![a-z])"
)
# The writer says the one who saw it is calling, or was given the number: the police can
# reach them, however the sighting came ("I gave him the tip line", "je lui ai donné le
# numéro, il appelle").
_REACHABLE = re.compile(
    r"(?<![a-z])(?:gave (?:him|her|them) (?:the )?(?:tip line|tip number|number|line)|"
    r"(?:he|she|they) (?:s|is|are|re|will|ll) (?:call|calling|phoning)|"
    r"told (?:him|her|them) to call|"
    r"(?:lui|leur) ai donne (?:le|la) (?:numero|ligne)|"
    r"(?:il|elle|ils|elles) (?:appelle|appellent|va appeler|vont appeler|vous appelle))(?![a-z])"
)
# The writer's own sighting or presence: a witness, whatever else they pass along.
_FIRST_HAND = re.compile(
    r"(?<![a-z])(?:(?:i|we)(?: (?:just|also|too|think|definitely|def|literally|really|actually|"
    r"swear|m|am|pretty|sure|ve|have|had|did|d|only|both))* (?:saw|seen|see|seeing|spotted|noticed|"
    r"watched|passed|drove past|ran into|was (?:at|there|in|on|behind|fishing|driving)|"
    r"filmed|recorded)|"
    r"(?:je|j|g|on|nous)(?: (?:l|la|le|les|ai|a|avons|viens de|vien de|pense|crois|suis|"
    r"sure))* (?:vu|vue|vus|croise|croisee|apercu|apercue|remarque|vois|voit|etais|etait|filme)|"
    r"my (?:dashcam|dash cam|camera|ring)|ma (?:dashcam|camera)|"
    # "Il l'a effacé mais j'ai un screenshot": the writer holds the post, which the police
    # can have; a screenshot going round is still a rumour (_UNSOURCED).
    r"(?:i|we) (?:still )?(?:have|got|ve got|took|saved|kept) (?:a |the |an )?"
    r"(?:screenshot|screen shot|screencap|capture)|(?:i|we) screenshotted|"
    r"j ai (?:encore )?(?:un |une |le |la |fait un |fait une |pris un |pris une )?"
    r"(?:screenshot|screen|capture)|"
    # "He texted me at 11:40, screenshot's with the RCMP": the message was the writer's own,
    # from the person sought; the screenshot is of it, not of a post going round.
    r"(?:he|she|they) (?:texted|messaged|called|phoned|rang|dm d|wrote to) (?:me|us)|"
    r"(?:il|elle) (?:m|nous) (?:a|avait) (?:texte|ecrit|appele|envoye un texto))(?![a-z])"
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
    if found is None or _first_hand(folded):
        return None
    return found.group(0)


def hearsay(folded: str) -> tuple[str, str] | None:
    """A sighting passed along, sorted by the tip definition: ("witness", words) when the
    police can reach the one who saw it (someone the writer knows, one step away, or who is
    calling), ("rumour", words) when nobody can be traced; None for a writer's own words."""
    found = _HEARSAY.search(folded)
    if found is None or _first_hand(folded):
        return None
    if _REACHABLE.search(folded):
        return "witness", found.group(0)
    # The source is read where the hearsay is ("ma fille dit qu'Ivy parlait d'un ami de son
    # père": the father's friend is what was said, not who said it).
    rumour = (
        _NO_SOURCE.search(folded)
        or _UNTRACEABLE.search(folded, found.start(), found.end() + SOURCE_SPAN)
        or _TOLD_BY_UNNAMED.search(folded, found.start(), found.end() + 2 * SOURCE_SPAN)
    )
    if rumour is not None:
        # Quote the longer of the two when they overlap ("my cousin s coworker s ex says").
        if found.start() <= rumour.start() and rumour.end() <= found.end():
            return "rumour", found.group(0)
        return "rumour", rumour.group(0)
    if _UNNAMED.search(found.group(0)):
        return "rumour", found.group(0)
    return "witness", found.group(0)


def _first_hand(folded: str) -> bool:
    """The writer says what they saw themselves ("I saw this on my feed" is no sighting)."""
    if _FIRST_HAND.search(folded) is None:
        return False
    return _FIRST_HAND.search(_SCREEN.sub(" ", folded)) is not None


_SCREEN = re.compile(rf"(?<![a-z]){_ON_A_SCREEN}(?![a-z])")


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

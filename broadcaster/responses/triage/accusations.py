"""Accusations: a mob that "identifies" a bystander as the culprit, and piles on him.

After an appeal, a wave of accounts often fixes on someone who shares one detail with the
alert (the car, a beard, a profile picture) and names him: "c'est lui, regardez son
profil", "his plate matches", "the police are covering for him", "retenez ce nom,
partagez". Nobody in the wave saw anything, so none of it is a tip; what the label guide
asks is spam for the accusation and abuse for the pile-on (his address or workplace with
what to do about it, "flood his DMs", one-star reviews, threats to his car or his door,
insults). A name from a witness stays a tip ("I think that's my neighbour"): what is keyed
on here is the mob's signature, never a name alone.

Two layers:

- `accused(text, analysis)`: per text (once, when the Triager caches its analysis), cues of
  an accusation built on a profile, a screenshot, a plate fragment or a cover-up, and of a
  call to harass, a threat or an insult aimed at the person named. Each cue is filed under a
  trigger word, and only the cues of the words a reply has are tried (the Triager's word
  set): most replies have none and cost one set intersection. A reply that reports a
  sighting of its own ("I saw him at the Esso") keeps its tip.
- `PileOn`: the stream. Accounts that accuse one person (a handle, a full name) within
  PILE_WINDOW, PILE_ACCOUNTS of them, make a pile-on; after it, a reply that names that
  person and reports no sighting is part of it (spam; abuse stays abuse): "accusation
  pile-on: 14 accounts name @x in 9 min". Bounded: at most TARGETS_MAX people.
"""

from __future__ import annotations

import re
from collections import OrderedDict, deque
from datetime import datetime, timedelta
from typing import Any

from broadcaster.responses.triage.floods import normalise
from broadcaster.responses.triage.swarms import RememberedTexts
from broadcaster.responses.triage.verdict import Verdict

MAX_REASONS = 8
ABUSE_SCORE = 3.0
SPAM_SCORE = 2.0

# What each kind of cue makes of a reply, and its reason in the cue's language.
# HINT: an insinuation ("coincidence?", "think about it", "réfléchissez"): spam when
# nothing else is said, but a tip that says something of its own keeps its label.
ACCUSE, HINT, HARASS, THREAT, INSULT = "accuse", "hint", "harass", "threat", "insult"
LABEL_OF = {ACCUSE: "spam", HINT: "spam", HARASS: "abuse", THREAT: "abuse", INSULT: "abuse"}
REASONS = {
    (ACCUSE, "en"): "accusation, nothing seen: '{}'",
    (ACCUSE, "fr"): "accusation sans rien de vu : '{}'",
    (HARASS, "en"): "call to harass the person named: '{}'",
    (HARASS, "fr"): "appel à harceler la personne nommée : '{}'",
    (THREAT, "en"): "threat to the person named: '{}'",
    (THREAT, "fr"): "menace contre la personne nommée : '{}'",
    (INSULT, "en"): "insult to the person named: '{}'",
    (INSULT, "fr"): "insulte à la personne nommée : '{}'",
}
# The prefixes of those reasons (to find them among a verdict's reasons).
PREFIXES = tuple(sorted({r.split("'")[0] for r in REASONS.values()}))

# -- the cues ---------------------------------------------------------------------------
# (kind, language, trigger words, pattern). Patterns read the reply as floods.normalise
# leaves it: lower case ASCII, no accents, punctuation and apostrophes as spaces, stretched
# letters shortened ("it s him", "qu il", "t es"). A pattern is tried only when one of its
# trigger words is in the reply. Generic on purpose: no name, place or car of any case.

_WHO = r"(?:his|her|their|that guy s|the guy s)"
_SON = r"(?:son|sa|ses)"
_ONLINE = (
    r"(?:profile|profil|page|pages|pics?|photos?|posts?|tiktoks?|insta|instagram|facebook|fb|"
    r"bio|account|feed|compte|stories|story|videos?|reels?|snap|snapchat|linkedin|youtube|"
    r"twitch|channel|chaine|strava)"
)
_KIN_EN = r"(?:mum|mom|mother|dad|father|wife|husband|partner|kids|children|son|daughter|parents)"
_KIN_FR = r"(?:mere|pere|femme|mari|blonde|chum|enfants|fils|fille|parents|copine|copain)"

CUES: tuple[tuple[str, str, str, str], ...] = (
    # -- an accusation built on a profile, a screenshot, a comparison ---------------------
    (HINT, "en", "look check see zoom go scroll",
     rf"(?:look at|check(?: out)?|see|zoom (?:in )?on|go to|scroll) {_WHO} (?:\w+ )?{_ONLINE}"),
    (ACCUSE, "en", "says shows proves",
     rf"{_WHO} (?:\w+ )?{_ONLINE} (?:literally )?(?:says|shows|proves)"),
    (HINT, "en", "same", r"same \w+(?: \w+)? same \w+"),
    (ACCUSE, "en", "profile picture pic pics screenshot screenshots screencap",
     r"profile pics?|profile picture|(?:screenshots?|screencaps?) (?:of|from) (?:his|her|their|"
     rf"(?:\w+ ){{1,3}}(?:{_ONLINE}|posting))|screenshots before"),
    (ACCUSE, "en", "side compare lined zoom",
     r"side by side|compare (?:it |this |them )?(?:with|to)|lined up|zoom in on (?:pic|photo)"),
    (ACCUSE, "en", "same", r"same (?:face|beard|tattoo|smile|eyes|haircut|hair)"),
    (ACCUSE, "en", "matches fits",
     r"(?:plate|face) (?:all )?(?:matches|fits)|(?:it|everything) all (?:matches|fits)|"
     r"everything (?:matches|fits)"),
    (HINT, "en", "coincidence closed saying think wonder",
     r"(?:not a |no )?coincidence|case closed|i m not saying|think about it|makes you wonder"),
    (ACCUSE, "en", "private deleted deleting wiped blocked",
     r"(?:went|goes|gone|set|made|making|turned) (?:his |her )?(?:account |profile |page )?"
     r"private|before (?:he|she) goes private|(?:deleted|deleting|wiped) (?:all )?"
     rf"{_WHO} (?:\w+ )?(?:{_ONLINE}|tweets)|blocked me after"),
    # -- "the police are covering for him" ---------------------------------------------
    (ACCUSE, "en", "covering cover protect protects protecting protected shielding",
     r"covering for|cover (?:up|for)|protect(?:s|ing|ed)? (?:him|her|their own|this \w+)|"
     r"(?:cops|police|they|sheriff|department|rcmp) (?:are |is )?(?:protecting|shielding)"),
    (ACCUSE, "en", "sitting ignoring touch",
     r"sitting on (?:it|this|his name|her name)|ignoring this|won t touch (?:him|her)"),
    (ACCUSE, "en", "name arrested searched",
     r"had (?:his|her) name|(?:why|how come) (?:has|hasn t|is|isn t|haven t|have) "
     r"(?:\w+ ){1,3}(?:arrested|searched|picked up)|nobody (?:has )?arrested"),
    (ACCUSE, "en", "tag", r"how many (?:of us|times) (?:have to|do we have to|must we) tag"),
    # -- a name pushed until it trends ---------------------------------------------------
    (ACCUSE, "en", "name remember",
     r"the name is|remember (?:this|that|his|her) name|say (?:his|her) name until|"
     r"spread (?:his|her) name"),
    (ACCUSE, "en", "trend trending", r"make (?:it|this|him|her|his name|her name) trend"),
    (ACCUSE, "en", "share sharing rt",
     r"share (?:\w+ ){0,3}(?:so everyone knows|before they|until (?:he|she))|"
     r"keep sharing until|sharing until (?:he|she)|rt (?:to|so) (?:make|it)"),
    (ACCUSE, "en", "knows know",
     r"everyone (?:in (?:\w+ ){1,3}|on here )?(?:knows|already knows)|everybody knows|"
     r"so everyone knows who|we all know (?:who|it s)"),
    (ACCUSE, "en", "sleuths sleuth figured solved found identified",
     r"(?:internet|web|online|twitter|reddit|tiktok) sleuths?|sleuth twitter|figured it out|"
     r"solved it|(?:the )?(?:internet|reddit|tiktok|twitter) (?:found|identified|solved)"),
    (ACCUSE, "en", "copying copied", r"copying what|copied from"),
    # -- French ---------------------------------------------------------------------------
    (HINT, "fr", "regardez regarde voyez allez",
     rf"(?:regardez|regarde|voyez|allez voir) {_SON} (?:\w+ )?{_ONLINE}"),
    (ACCUSE, "fr", "profil capture captures screen screens photo photos",
     r"photos? de (?:profil|son (?:insta|instagram|profil|compte|facebook|fb|tiktok))|"
     r"captures? (?:d ecran|de son|de sa|du profil)|captures|screens? de"),
    (ACCUSE, "fr", "cote comparez zoome",
     r"cote a cote|comparez|j ai zoome sur"),
    (ACCUSE, "fr", "meme", r"(?:la )?meme (?:tete|visage|jante|barbe|tatouage|coffre)"),
    (ACCUSE, "fr", "correspond colle concorde",
     r"(?:plaque|voiture|tete|tout) (?:correspond|colle|concorde)"),
    (HINT, "fr", "hasard coincidence dis reflechissez juger intox puzzle",
     r"(?:pas de |aucun )?hasard|coincidence|je dis (?:pas|rien) (?:que|mais)|reflechissez|"
     r"a vous de juger|info ou intox|le puzzle"),
    (ACCUSE, "fr", "prive supprime bloque",
     r"(?:passe|passer|mis|mettre|met) (?:son compte |son profil |sa page |le |la )?en prive|"
     r"supprime (?:tous )?ses (?:posts|photos|publications|videos)|m a bloque"),
    (ACCUSE, "fr", "couvre couvrent protege protegent",
     r"(?:le|la|les|l) (?:couvre|couvrent|protege|protegent)|couvre (?:son|sa)"),
    (ACCUSE, "fr", "laisse laissent libre",
     r"(?:le|la) laisse(?:nt)? (?:courir|tranquille|libre)|(?:est|sont) toujours libres?"),
    (ACCUSE, "fr", "cache nom",
     r"on nous cache|(?:a|ont) son nom depuis"),
    (ACCUSE, "fr", "arrete attendez donne",
     r"pourquoi (?:personne |il |elle )?(?:\w+ ){0,3}(?:pas|toujours pas) (?:encore )?"
     r"(?:\w+ )?arrete|vous attendez quoi pour|on vous a tout donne|on a tout donne"),
    (ACCUSE, "fr", "taguer", r"combien de fois faut (?:vous|il vous) taguer"),
    (ACCUSE, "fr", "retenez", r"retenez (?:bien )?(?:ce|son) nom"),
    (ACCUSE, "fr", "partagez",
     r"partagez (?:\w+ ){0,3}(?:jusqu a ce qu\w* (?:\w+ ){0,3}soit|avant qu ils)|"
     r"pour que (?:tout le monde sache|la verite sorte|la police se bouge|ca monte)"),
    (ACCUSE, "fr", "tourner circuler", r"faites (?:tourner|circuler)"),
    (ACCUSE, "fr", "dit montre prouve",
     rf"{_SON} (?:\w+ )?{_ONLINE} (?:\w+ )?(?:dit|montre|prouve)"),
    (HINT, "fr", "meme colle", r"meme \w+(?: \w+)? meme \w+|ca colle"),
    (ACCUSE, "fr", "nom", r"(?:dites|repetez) son nom"),
    (ACCUSE, "fr", "sait dit parle compris toute tout",
     r"tout le monde (?:(?:au|a|dans|en|du|de) (?:\w+ ){1,2})?(?:sait|dit|parle|a compris)|"
     r"toute? (?:la|le) \w+ dit que"),
    (ACCUSE, "fr", "internautes enqueteurs detectives",
     r"les (?:internautes|enqueteurs du web|detectives du web)"),
    (ACCUSE, "fr", "relaie recopie", r"je (?:relaie|recopie)"),
    # -- a call to harass him, or his family -------------------------------------------
    (HARASS, "en", "report",
     rf"(?:everyone|everybody|all|mass|go|pls|please) report|report {_WHO} {_ONLINE}"),
    (HARASS, "en", "flood spam blow",
     rf"(?:flood|spam|blow up) {_WHO} (?:dms?|inbox|mentions|phone|comments|{_ONLINE})|"
     r"flood the (?:switchboard|comments|phones?)"),
    (HARASS, "en", "raid", rf"raid {_WHO} (?:live|stream|channel|{_ONLINE})"),
    (HARASS, "en", "reviews review star",
     r"(?:1|one|bad) star reviews?|leave (?:\w+ ){0,2}reviews?|review bomb"),
    (HARASS, "en", "fired", r"get (?:him|her|them) fired"),
    (HARASS, "en", "boss employer manager call",
     rf"call {_WHO} (?:boss|employer|manager|work|{_KIN_EN})|call (?:the|them) (?:\w+ )?"
     r"and (?:tell|ask)"),
    (HARASS, "en", "employ hired", r"(?:they|you) employ|who they (?:hired|employ)"),
    (HARASS, "en", "tell", r"go tell (?:her|him|them)"),
    (HARASS, "en", "ask", r"(?:everyone|everybody|all) go ask|go ask (?:him|her)"),
    (HARASS, "en", "knows sure",
     r"(?:everyone|everybody) knows what (?:he|she) is|make sure (?:everyone|everybody) knows"),
    (HARASS, "en", "call",
     r"call the (?:front desk|shop|store|office|gym|garage|school|dealership|restaurant)"),
    (HARASS, "en", "something", r"someone should do something|somebody should do something"),
    (HARASS, "en", "dm message text email contact tag",
     rf"(?:dm|message|text|email|contact|tag) {_WHO} (?:{_KIN_EN}|boss|employer|work|customers|"
     r"clients|coworkers)"),
    (HARASS, "en", "deserve deserves",
     r"(?:customers|clients|employer|boss|coworkers|neighbours|neighbors|parents|everyone) "
     r"(?:deserve|deserves|need|needs|should) to know"),
    (HARASS, "en", "comment review",
     rf"(?:comment|post|review) on {_WHO} (?:business|work|company|shop|garage|store|"
     rf"{_ONLINE})"),
    (HARASS, "en", "married hired", r"tell (?:her|him|them) who (?:she|he|they) (?:married|hired)"),
    (HARASS, "en", "address", rf"(?:post|share|spread) {_WHO} address"),
    (HARASS, "en", "know", r"you (?:all )?know what to do"),
    (HARASS, "en", "answer", r"(?:should|must|will|gonna|has to) answer for"),
    (HARASS, "en", "door", r"(?:at|on|to) (?:his|her|their) (?:front )?door"),
    (HARASS, "en", "face", r"(?:spread|post|share) (?:his|her|their) face"),
    (HARASS, "en", "show walk",
     r"(?:shouldn t|should not|should never|never) (?:be able to )?(?:show|walk)"),
    (HARASS, "en", "run chase kick",
     r"(?:run|chase|kick) (?:him|her|them|\w+ \w+ )?out of (?:town|\w+)"),
    (HARASS, "en", "ashamed", r"(?:ashamed|afraid) to (?:go|show|walk|leave)"),
    (HARASS, "en", "business", r"see how (?:business|work) goes"),
    (HARASS, "en", "raised dad father mom mum mother husband wife",
     rf"what (?:she|he) raised|know what (?:their|his|her) {_KIN_EN} is|"
     rf"{_KIN_EN} s number|call {_KIN_EN}"),
    (HARASS, "en", "kids children", rf"{_WHO} (?:kids|children) go to"),
    (HARASS, "en", "boys", r"the boys are (?:heading|going) (?:up |over )?(?:there|to his|to her)"),
    # -- French ---------------------------------------------------------------------------
    (HARASS, "fr", "signalez signale", r"signalez tous|tout le monde signale"),
    (HARASS, "fr", "inondez spammez spam",
     rf"inondez {_SON}|spammez (?:le|la|{_SON})|on (?:le|la) spam"),
    (HARASS, "fr", "raid raidez", rf"raid(?:ez)? {_SON} (?:live|stream|{_ONLINE})"),
    (HARASS, "fr", "avis etoile", r"avis (?:a )?(?:1|une) etoile|laissez (?:un|des) (?:\w+ )?avis"),
    (HARASS, "fr", "appelez",
     rf"appelez (?:les|le|la) pour|appelez[ -](?:le|la) tous|appelez (?:le|la) patron|"
     rf"appelez {_SON} (?:patron|employeur|boss|{_KIN_FR})"),
    (HARASS, "fr", "emploient", r"(?:qu ils|ils) emploient"),
    (HARASS, "fr", "denoncez signalez appeler ecrivez",
     rf"(?:denoncez|signalez)[ -](?:le|la) a {_SON} (?:employeur|patron|boite)|"
     rf"appeler (?:la|sa|son) (?:boite|patron|employeur)|ecrivez a {_SON} {_KIN_FR}"),
    (HARASS, "fr", "dehors virer", r"(?:le|la) (?:mette|foute|mettre|foutre) dehors|faire virer"),
    (HARASS, "fr", "dire demander", r"allez (?:lui|leur) (?:dire|demander)"),
    (HARASS, "fr", "quelque", r"quelqu un devrait faire quelque chose"),
    (HARASS, "fr", "reste savez",
     r"vous savez ce qu (?:il )?(?:vous )?reste a faire|vous savez quoi faire"),
    (HARASS, "fr", "expliquer", r"(?:va|vont) devoir s expliquer"),
    (HARASS, "fr", "diffusez", rf"diffusez {_SON} (?:tete|face|photo|visage)"),
    (HARASS, "fr", "montrer", r"(?:puisse|pourra|peut) (?:plus|pas|jamais) se montrer"),
    (HARASS, "fr", "sortir", r"(?:le|la) sortir de la ville|veut pas de (?:toi|lui|elle)"),
    (HARASS, "fr", "honte", r"la honte de (?:la|sa) famille|honte a (?:elle|lui) aussi"),
    (HARASS, "fr", "trouve parents", rf"trouve {_SON} {_KIN_FR}"),
    (HARASS, "fr", "dort dormira", r"voir s il dort|(?:il|elle) dormira (?:pas|plus)"),
    (HARASS, "fr", "sonner", r"(?:allez|on va|va) sonner chez (?:lui|elle|eux)"),
    (HARASS, "fr", "tour", r"faire un tour (?:\w+ ){1,4}voir (?:la|le)"),
    # -- a threat to him, his car, his door ----------------------------------------------
    (THREAT, "en", "smashed smash slashed slash key keyed torch",
     r"(?:windows?|tires?|tyres?) (?:smashed|slashed|broken)|(?:smash|slash|key|torch) "
     r"(?:that|his|her|their|the) \w+"),
    (THREAT, "en", "disappear", r"make (?:\w+ ){1,3}disappear like"),
    (THREAT, "en", "waiting wait", r"(?:we ll|we will|gonna|going to) (?:be )?wait(?:ing)? "
     r"for (?:him|her) (?:at|outside)"),
    (THREAT, "en", "rot", r"rot"),
    (THREAT, "en", "lives safe", r"we know where (?:he|she|they) lives?|never feel safe"),
    (THREAT, "fr", "habite securite", r"on sait ou (?:il|elle) habite|plus jamais en securite"),
    (THREAT, "en", "deserve deserves", r"(?:doesn t|does not|don t) deserve to live"),
    (THREAT, "fr", "merite meriterait",
     r"merite (?:pas|plus) de vivre|merite(?:rait)? (?:une|un) (?:bonne |bon )?"
     r"(?:raclee|lecon|correction|volee|casse gueule)"),
    (THREAT, "en", "deserves deserve",
     r"deserves? (?:a |an )?(?:good |proper )?(?:beating|beatdown|lesson|ass kicking)"),
    (THREAT, "fr", "visite descente",
     r"(?:faire|rendre) une (?:petite )?visite|(?:faire|faut faire) une descente chez"),
    (THREAT, "fr", "voir", r"on va (?:aller )?(?:le|la) voir (?:ce soir|a soir|cette nuit)"),
    (THREAT, "fr", "vitres", r"(?:finit|finira|sans) (?:sans )?vitres"),
    (THREAT, "fr", "chercher", r"on (?:vient|va venir) te chercher"),
    (THREAT, "fr", "pneus", r"(?:crever|creve|crevent|crevez|percer) (?:les|ses|tes) pneus"),
    (THREAT, "fr", "feu", r"(?:va|vas|fera) pas faire long feu"),
    (THREAT, "fr", "finir", r"(?:ca|tout) va mal finir pour (?:toi|lui|elle)"),
    (THREAT, "fr", "attendre",
     r"on va (?:l |le |la )?attendre (?:\w+ ){0,4}a la sortie"),
    (THREAT, "fr", "bloque", r"on (?:le|la) bloque"),
    (THREAT, "fr", "passe monte debarque",
     r"on (?:passe|monte|debarque) (?:\w+ ){0,3}(?:ce soir|a soir|cette nuit)"),
    # -- an insult to him -------------------------------------------------------------------
    (INSULT, "en", "creep creeps freak freaks pervert perv predator monster murderer trashy "
     "pedo pedos paedo pedophile paedophile nonce",
     r"creeps?|freaks?|pervert|perv|predator|monster|murderer|trashy|pedo|pedos|paedo|"
     r"pedophile|paedophile|nonce"),
    (INSULT, "en", "waste", r"waste of (?:oxygen|space|air|skin)"),
    (INSULT, "en", "human", r"disgusting human|excuse for a human"),
    (INSULT, "fr", "ordure ordures raclure pourriture ecoeurant pedophile pedo violeur",
     r"ordures?|raclure|pourriture|pedophile|pedo|violeur|"
     r"ecoeurant"),
    (INSULT, "fr", "espece", r"espece de \w+"),
    (INSULT, "fr", "malade pervers predateur monstre",
     r"(?:t es|c est) (?:un|une) (?:malade|monstre|pervers|predateur)|"
     r"(?:ce|cette|sale|aussi) (?:malade|pervers|predateur|monstre)|"
     r"tete de pervers|sale (?:predateur|pervers)"),
)  # fmt: skip


def _compile() -> dict[bytes, tuple[tuple[re.Pattern[str], str, str], ...]]:
    by_word: dict[bytes, list[tuple[re.Pattern[str], str, str]]] = {}
    for kind, language, triggers, pattern in CUES:
        compiled = re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")
        for word in triggers.split():
            by_word.setdefault(word.encode(), []).append((compiled, kind, language))
    return {word: tuple(cues) for word, cues in by_word.items()}


_CUES_BY_WORD = _compile()
TRIGGERS = frozenset(_CUES_BY_WORD)
# Abuse cues first: a reply that accuses and threatens is abuse.
_RANK = {THREAT: 0, HARASS: 1, INSULT: 2, ACCUSE: 3, HINT: 4}


def cue_of(text: str, words: frozenset[bytes]) -> tuple[str, str, str] | None:
    """The strongest cue of the text (kind, language, the words quoted); None when it has
    none. `words`: the text's folded words (the Triager's analysis has them)."""
    hits = words & TRIGGERS
    if not hits:
        return None
    spaced = normalise(text)
    best: tuple[str, str, str] | None = None
    tried: set[int] = set()
    for word in sorted(hits):
        for pattern, kind, language in _CUES_BY_WORD[word]:
            if id(pattern) in tried or (best is not None and _RANK[kind] >= _RANK[best[0]]):
                continue
            tried.add(id(pattern))
            match = pattern.search(spaced)
            if match is not None:
                best = (kind, language, match.group(0))
    return best


def witnessed(verdict: Verdict) -> bool:
    """A tip that reports a sighting of the writer's own ("I saw him", "je l'ai vu"): an
    accusation cue in it does not make it spam."""
    if verdict[0] != "tip" or any(r.startswith("only if") for r in verdict[1]):
        return False  # "if I see his car...": a condition, not a sighting
    for reason in verdict[1]:
        if reason.startswith("sighting verb: '") and " " in reason[16:].strip("'"):
            return not reason[16:].lower().startswith(("if ", "si ", "when ", "quand "))
    return False


def known_first_hand(verdict: Verdict) -> bool:
    """A tip from someone who knows the person ("that's my neighbour", "je le connais"): the
    label guide's own example of a tip. "His plate matches" from him is a lead, not a mob's
    guess; a pile-on naming that person still moves it (PileOn)."""
    reasons = verdict[1]
    return (
        verdict[0] == "tip"
        and "first person" in reasons
        and any(r.startswith("recognition: ") for r in reasons)
    )


def reason_of(kind: str, language: str, quoted: str) -> str:
    return REASONS[ACCUSE if kind == HINT else kind, language].format(quoted)


# Accented letters to their base letter, one for one: a cue found in the folded words has
# the same span in the reply as written.
_ACCENTS = str.maketrans(
    "àâäáãåçéèêëîïíìñôöóòõùûüúÿÀÂÄÁÃÅÇÉÈÊËÎÏÍÌÑÔÖÓÒÕÙÛÜÚŸ’",
    "aaaaaaceeeeiiiinooooouuuuyAAAAAACEEEEIIIINOOOOOUUUUY'",
)


def as_written(text: str, quoted: str) -> str:
    """The cue's words as the reply writes them ("vous savez ce qu'il vous reste à
    faire"), or the folded words when the reply stretched or split them."""
    words = quoted.split()
    pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)) + r"(?![^\W_])"
    match = re.search(pattern, text.translate(_ACCENTS), re.IGNORECASE)
    return text[match.start() : match.end()] if match else quoted


def accused(text: str, analysis: Any) -> Any:
    """The Triager's analysis of a text (classify._Analysis), its verdict moved by an
    accusation or a pile-on cue: spam for an accusation with nothing seen, abuse for a call
    to harass, a threat or an insult aimed at the person named."""
    return _accuse(text, analysis)[0]


def _accuse(text: str, analysis: Any) -> tuple[Any, bool]:
    """`accused`, and whether the reply counts towards a pile-on: an accusation or a call
    to harass does; an insult or a threat alone does not (people insult a suspect the
    police name, and a tip about him is still a tip)."""
    cue = cue_of(text, analysis[7])
    if cue is None:
        return analysis, False
    verdict: Verdict = analysis[0]
    kind, language, quoted = cue
    label = LABEL_OF[kind]
    if verdict[0] == "abuse":
        return analysis, kind in (ACCUSE, HINT, HARASS)  # abuse already (the lexicon's)
    if (label == "spam" and (witnessed(verdict) or known_first_hand(verdict))) or (
        kind in (HINT, INSULT) and verdict[0] == "tip"
    ):
        # A witness's own sighting or someone the writer knows, which an accusation cue
        # does not make spam (a call to
        # harass or a threat in it is abuse, as a threat in a tip is); or a tip with an
        # insinuation or an insult in it: information wins, a rude tip is still a tip
        # (the label guide, tests/data/README.md).
        return analysis, False
    reason = reason_of(kind, language, as_written(text, quoted))
    own = tuple(r for r in verdict[1] if not r.startswith("off-topic"))
    if label == "abuse":
        moved = Verdict("abuse", (reason, *own)[:MAX_REASONS], max(verdict[2], ABUSE_SCORE))
        return (moved, *analysis[1:8], False), kind == HARASS
    spam = max(analysis[1], SPAM_SCORE)
    # Spam already, for reasons of its own (a link, a chain letter): those come first.
    kept = own[: MAX_REASONS - 1] if verdict[0] == "spam" else ()
    moved = Verdict("spam", (*kept, reason), spam)
    return (moved, spam, (reason, *analysis[2]), True, *analysis[4:8], False), True


# -- the stream: many accounts naming one person ----------------------------------------

PILE_ACCOUNTS = 5  # distinct accounts accusing one person ...
PILE_WINDOW = timedelta(minutes=30)  # ... within this long make a pile-on
TARGETS_MAX = 512  # people tracked at most (the least recently accused go first)
ACCUSING_MAX = 8_192  # texts known to accuse (the Triager's analysis cache's size)
PILE_REASONS = {
    "en": "accusation pile-on: {} accounts name {} in {} min",
    "fr": "acharnement : {} comptes désignent {} en {} min",
}
_HANDLE = re.compile(r"@(\w{3,})")
# A full name: two capitalised words ("Wayne Pelley", "Jean-Marc Côté"); pairs overlap
# (a lookahead), so that "Regardez Wayne Pelley" still finds "Wayne Pelley".
_WORD = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_FULL_NAME = re.compile(rf"\b(?=({_WORD})\s+({_WORD})\b)")
# Capitalised words that start a sentence, or start or end the name of a place, a car or
# a firm ("Grand Caravan", "Silver Outback", "Port Salvan", "Lisle General"): no person.
_NOT_NAMES = frozenset(
    """the this that his her it its he she they we you i my our your share rt look check
    same side screenshots why how what who where when everyone police le la les son sa ses
    il elle on c est regardez partagez pourquoi tout je vous ils mais et de du des un une
    street st road rd lane dr drive avenue av rue chemin route rang boulevard blvd highway
    crescent court ct place pl way terrace impasse allee quai
    port pont saint sainte st ste lac lake mont mount val falls river riviere mill park parc
    grand petit petite big little new old north south east west nord sud est ouest upper
    lower general hospital hopital school ecole college marina garage station gare centre
    center mall plaza camping motel hotel county comte city ville police gendarmerie
    white black red green blue grey gray silver maroon brown yellow orange beige navy gold
    blanc blanche noir noire rouge vert verte bleu bleue gris grise argent bordeaux""".split()  # noqa: SIM905
)
# Handles of the police, agencies and newsrooms: every appeal's replies name them, and a
# mob tags them ("why is @CityPD ignoring this"); they are never the person piled on.
_PUBLIC_HANDLE = re.compile(
    r"polic|gendarm|sheriff|rcmp|grc|spvm|surete|ccpd|cops|mairie|news|info|(?:pd|ps|so|sq)$"
)


class _Target:
    __slots__ = ("accounts", "key", "named", "piled")

    def __init__(self, key: str) -> None:
        self.key = key
        self.accounts: deque[tuple[datetime, str]] = deque(maxlen=PILE_ACCOUNTS * 4)
        self.piled: tuple[int, int] | None = None  # accounts, minutes when it became one
        self.named = key


def fold_name(word: str) -> str:
    return word.lower().translate(_ACCENTS)


def targets_of(text: str) -> list[str]:
    """Who a reply names: its handles (without "@", lower case) and full names (folded)."""
    found: list[str] = []
    if "@" in text:
        for handle in _HANDLE.findall(text):
            low = handle.lower()
            if not _PUBLIC_HANDLE.search(low.rstrip("_0123456789")):
                found.append(low)
    if not text.isupper() and not text.islower():
        for first, last in _FULL_NAME.findall(text):
            if fold_name(first) not in _NOT_NAMES and fold_name(last) not in _NOT_NAMES:
                found.append(normalise(f"{first} {last}"))
    return found


_FRENCH = frozenset(
    "le la les il elle est des une un et pas que qui son sa ses c lui pour sur dans".split()  # noqa: SIM905
)
_ENGLISH = frozenset(
    "the is he she his her and not that who it him for on in at of".split()  # noqa: SIM905
)


def language_of(words: list[str]) -> str | None:
    """en or fr, from a few words only one of them uses; None when neither has more."""
    french = sum(1 for w in words if w in _FRENCH)
    english = sum(1 for w in words if w in _ENGLISH)
    return None if french == english else "fr" if french > english else "en"


class PileOn:
    """Accusations across the stream, keyed on the person accused (bounded). `language`:
    the case's, for a reason whose reply says too little to tell its own. `own`: the
    case's own words (folded; CaseProfile.words): a suspect the appeal names is no
    bystander, and replies that name him are not a pile-on on him."""

    def __init__(self, language: str = "en", own: frozenset[str] = frozenset()) -> None:
        self.language = language if language in PILE_REASONS else "en"
        self.own = own
        self._targets: OrderedDict[str, _Target] = OrderedDict()
        self._piled: dict[str, _Target] = {}  # a handle or a folded full name -> its pile-on
        self._surnames: dict[str, _Target] = {}  # a pile-on's surname (folded) -> it
        # Every tracked full name's surname -> its key: a reply in lower case or capitals
        # ("debbie harlan", "BRENNICK") or with the surname alone ("Caron's Civic") names
        # it too.
        self._known: dict[str, str] = {}
        # The texts whose analysis found an accusation: one look-up per reply tells whether
        # it counts (bounded; the oldest half goes when it is full).
        self._accusing = RememberedTexts(ACCUSING_MAX)

    def accused(self, text: str, analysis: Any) -> Any:
        """`accused`, for the Triager's analysis cache: a text that accuses someone is
        remembered, and its copies count towards a pile-on."""
        analysis, accuses = _accuse(text, analysis)
        if accuses:
            self._accusing.add(text)
        return analysis

    def judge(
        self, text: str, verdict: Verdict, account: str | None, created_at: datetime
    ) -> Verdict:
        """The verdict, counted in the pile-ons it accuses in, or moved to one it names.
        The Triager's analysis of `text` went through `self.accused`."""
        if text in self._accusing:
            if account:
                self._count(text, account, created_at)
            return verdict
        if not self._piled or verdict[0] == "abuse" or witnessed(verdict):
            return verdict
        # A tip is moved only when it names him in full (a handle, first and last name):
        # a surname alone may be someone else's.
        target = self._named(text, surname=verdict[0] != "tip")
        if target is None or target.piled is None:
            return verdict
        accounts, minutes = target.piled
        language = language_of(normalise(text).split()) or self.language
        reason = PILE_REASONS[language].format(accounts, target.named, minutes)
        if verdict[0] == "spam":
            reasons = (reason, *(r for r in verdict[1] if not r.startswith("off-topic")))
        else:
            reasons = (reason,)
        return Verdict("spam", reasons[:MAX_REASONS], max(verdict[2], SPAM_SCORE), *verdict[3:])

    def _count(self, text: str, account: str, created_at: datetime) -> None:
        keys = dict.fromkeys(targets_of(text))
        if self._known:
            # His surname alone, in any case, or inside a handle ("@dkowal_fix": Kowal).
            known = self._known
            keys.update(dict.fromkeys(known[w] for w in normalise(text).split() if w in known))
            for handle in [k for k in keys if " " not in k]:
                keys.update(dict.fromkeys(known[s] for s in known if s in handle))
        for key in keys:
            if self.own and key.rsplit(" ", 1)[-1] in self.own:
                continue  # the case's own suspect, named by the appeal
            target = self._targets.get(key)
            if target is None:
                if len(self._targets) >= TARGETS_MAX:
                    _, old = self._targets.popitem(last=False)
                    self._forget(old)
                target = self._targets[key] = _Target(key)
                target.named = f"@{key}" if " " not in key else key.title()
                surname = key.rsplit(" ", 1)[-1]
                if " " in key and len(surname) >= 4:
                    self._known[surname] = key
            else:
                self._targets.move_to_end(key)
            target.accounts.append((created_at, account))
            # Accounts within PILE_WINDOW of this reply (replies come in either order).
            near = [(at, who) for at, who in target.accounts if abs(at - created_at) <= PILE_WINDOW]
            distinct = {who for _, who in near}
            if len(distinct) >= PILE_ACCOUNTS:
                times = [at for at, _ in near]
                minutes = max(1, round((max(times) - min(times)).total_seconds() / 60))
                if target.piled is None or len(distinct) > target.piled[0]:
                    target.piled = (len(distinct), minutes)
                self._piled[key] = target
                if " " in key:
                    surname = key.rsplit(" ", 1)[1]
                    if len(surname) >= 4:
                        self._surnames[surname] = target

    def _forget(self, target: _Target) -> None:
        self._piled.pop(target.key, None)
        surname = target.key.rsplit(" ", 1)[-1]
        if self._known.get(surname) == target.key:
            del self._known[surname]
        for surname in [s for s, t in self._surnames.items() if t is target]:
            del self._surnames[surname]

    def _named(self, text: str, surname: bool = True) -> _Target | None:
        """The pile-on this reply names: a handle of it, its full name, or (`surname`) its
        surname alone (in a handle too: "@wpelley_bikes" names Pelley)."""
        piled = self._piled
        if "@" in text:
            for handle in _HANDLE.findall(text):
                low = handle.lower()
                target = piled.get(low)
                if target is not None:
                    return target
                if surname:
                    for name, target in self._surnames.items():
                        if name in low:
                            return target
        if self._surnames:
            words = normalise(text).split()
            if surname:
                for word in words:
                    target = self._surnames.get(word)
                    if target is not None:
                        return target
            else:
                spaced = f" {' '.join(words)} "
                for target in self._surnames.values():
                    if f" {target.key} " in spaced:
                        return target
        return None

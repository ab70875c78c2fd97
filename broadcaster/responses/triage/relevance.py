"""Relevance to the case: a tip is about *this* case.

A reply that reads like a sighting is weighed against the campaign: the words of its case
(description, offence, where and when the person was last seen, the name, in every
language of its agencies: vehicle, clothing, marks, places, dates) and a few cues that a
"sighting" is about something else — a concert or a stage, a film or a game, a fictional
place, someone else ("not him", "looks like my cousin"), a joke ("lmao", "😂").

- A tip with a cue of elsewhere and no word of the case is not a tip: spam, "not about this
  case: 'at the concert'".
- A tip that names what the case describes keeps its label, and says so: "matches the
  case: 'tattoo', 'Saint John'".
- A "tip" that is something else on the thread: an advert ("garage sale", "free roof
  inspection, call today"), the search or a vigil ("out with flashlights along Birchmount",
  "porch lights on all night"), a vague "I've seen one" inside a question, a rumour nobody
  the police can reach saw (hearsay.py): what it would be without its tip cues, or spam.
- A witness who calls other witnesses ("in case someone else saw her after") is still about
  this case; a full name and a street address are information however rudely given ("lol...
  his name is Darren Kilbride... 14 Larch Lane"), even in a reply with no other cue.
- Support that tells a rumour of what happened as fact ("apparently they found her, thank
  god") is the rumour: spam.

Without a campaign (`triage FILE` without `--campaign`) only the cues of elsewhere apply.
Reasons are written in the officer's language: the lead agency's (English or French).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from broadcaster.responses.triage.hearsay import chain_call, hearsay, own_words

if TYPE_CHECKING:
    from broadcaster.responses.triage.verdict import Verdict

OFF_TOPIC = "off-topic (no cue about the case)"  # the reason of a reply with no cue at all

# What a sighting elsewhere looks like (folded: lower case, no accents).
_ELSEWHERE = {
    "stage": (
        r"concert|concerts|fan ?meet(?:ing)?|fansign|fan ?cam|front row|on stage|sur scene|"
        r"music video|clip video|mv|comeback|world tour|en tournee|dance practice|"
        r"red carpet|tapis rouge|premiere du film|au show|at the show|en spectacle"
    ),
    "screen": (
        r"on tv|on netflix|in a movie|in the movie|in a film|dans un film|a la tele|"
        r"a la television|sur netflix|in a video game|in gta|dans gta|in fortnite|dans fortnite|"
        r"in minecraft|dans minecraft|in my dreams?|dans mes reves|in the mirror|dans le miroir|"
        r"on tiktok live|en live sur tiktok|in an anime|dans un anime"
    ),
    "fiction": (
        r"hogwarts|poudlard|narnia|gotham|mordor|wakanda|atlantis|atlantide|middle earth|"
        r"terre du milieu|bikini bottom|neverland|pays imaginaire|westeros|tatooine|asgard|"
        r"on the moon|sur la lune|on mars|sur mars|the upside down|springfield|krusty krab|"
        r"central perk|jurassic park|the shire|winterfell|wonderland|pays des merveilles|"
        r"chez shrek|de shrek|shrek s swamp|pallet town|hyrule|death star|etoile de la mort|"
        r"area 51|zone 51|willy wonka|backrooms|north pole|pole nord|pere noel|santa s workshop|"
        r"dora l exploratrice|the matrix|la matrice|my fridge|mon frigo|hell s kitchen|"
        # Cartoon and story places; "la Comté" is the Shire ("le comté" is a county).
        r"jellystone|yogi s picnic|bedrock|toontown|smurf village|village des schtroumpfs|"
        r"hundred acre wood|foret des reves bleus|sesame street|rue sesame|candy land|"
        r"la comte|la terre du milieu|neverland ranch|the simpsons|chez les simpson"
    ),
    "someone else": (
        # "In case someone else saw her after", "someone else was driving": other witnesses,
        # or a companion; the sighting is still of this person.
        r"(?:someone|somebody) else(?! (?:saw|seen|sees|see|spotted|noticed|has seen|might have|"
        r"was driving|drove|was with|was in|was at the wheel|got out))|"
        r"different (?:guy|man|person|woman)|"
        r"quelqu ?un d ?autre(?! (?:l a|a) vue?| (?:conduisait|l accompagnait|etait avec|"
        r"etait au volant|est sorti))"
    ),
}
_JOKE_RE = re.compile(
    r"(?<![a-z])(?:lmao|lmfao|mdr|ptdr|jpp|xptdr|fr fr|je te jure|lol|trust$|jure$)(?![a-z])"
)
# The writer says it is a joke: no word of the case makes it a tip.
_SURE_JOKE_RE = re.compile(
    r"(?<![a-z])(?:jk|just kidding|je blague|not joking|trust me bro|emoji laughing|emoji not)"
    r"(?![a-z])"
)
_ELSEWHERE_RE = re.compile(
    r"(?<![a-z])(?:" + "|".join(f"(?P<{k.replace(' ', '_')}>{v})" for k, v in _ELSEWHERE.items())
    + r")(?![a-z])"
)  # fmt: skip

_EVIDENCE = ("sighting verb", "direction of travel", "vehicle", "plate")


def _is_evidence(reason: str) -> bool:
    """A cue that tells what was seen, not who the writer is: a sighting, a direction, a
    vehicle, a plate, a clock time."""
    return reason.startswith(_EVIDENCE) or (reason.startswith("time: '") and reason[7:8].isdigit())


# "My daughter works evenings at a gas station": where the writer's own people are.
_OWN_PEOPLE = re.compile(
    r"(?<![a-z])(?:(?:my|ma|mon|mes) (?:brother|sister|son|daughter|kid|kids|mom|mum|mother|dad|"
    r"father|wife|husband|friend|fille|fils|frere|soeur|mere|pere|femme|mari|enfant|enfants|"
    r"blonde|chum|ami|amie|gars|grand mere|grand pere|grandma|grandpa) (?:who |that |qui )?"
    r"(?:works?|lives?|goes|travaille|habite|va|reste)|j habite|i live|we live|on habite|"
    r"nous habitons|"
    r"(?:my|mon|ma) \w+ (?:got|was|has been) (?:stolen|broken into|robbed|vandalized)|"
    r"on m a vole|(?:mon|ma) \w+ (?:a ete|s est fait) (?:vole|volee)|"
    r"si c etait (?:ma|mon) \w+|if (?:it|that|this|she|he) (?:was|were) my \w+)(?![a-z])"
)
_PRESENCE = ("whereabouts", "witness", "direction of travel")
_SEEN = ("sighting verb", *_PRESENCE)
_OWN_LOSS = re.compile(
    r"(?<![a-z])(?:(?:my|our|mon|ma|mes|notre) \w+ (?:got|was|were|has been|have been) "
    r"(?:stolen|broken into|robbed|vandalized|keyed)|on m a vole|on nous a vole|"
    r"(?:mon|ma|notre) \w+ (?:a ete|s est fait) (?:vole|volee|cambriole|cambriolee)|"
    # The writer's own missing pet or lost thing: "my dog went missing near the plaza too".
    # A pet with its colour and name ("our orange tabby Mango is missing from Larch Lane").
    r"(?:my|our)(?: \w+){0,2} (?:dog|cat|puppy|kitten|tabby|pup|pet|bike|wallet|phone|keys)"
    r"(?: \w+){0,2} (?:went|is|has been|got|was) (?:missing|lost)|(?:mon|ma|notre)(?: \w+){0,2} "
    r"(?:chien|chat|chienne|chatte|minou|velo|portefeuille|cellulaire|cell|telephone)(?: \w+){0,2} "
    r"(?:a disparu|est disparue?|s est perdue?|est perdue?|s est sauvee?)|"
    r"j ai perdu (?:mon|ma|mes)|"
    # "Lost my husky on Jackpine last Tuesday too": the writer's own lost pet.
    r"lost (?:my|our)(?: \w+){0,2} (?:dog|cat|husky|puppy|kitten|pup|pet|lab|retriever)|"
    r"perdu (?:mon|ma|notre)(?: \w+){0,2} (?:chien|chat|chienne|chatte|minou|husky))(?![a-z])"
)
# "My brother drives a green Kia Soul too": the writer's own people compared with the case.
_OWN_TOO = re.compile(
    r"(?<![a-z])(?:my|mon|ma|mes|our|notre) (?:brother|sister|son|daughter|mom|mum|mother|"
    r"dad|father|wife|husband|friend|aunt|uncle|cousin|grandma|grandpa|boyfriend|girlfriend|"
    r"frere|soeur|fils|fille|mere|pere|femme|mari|tante|oncle|cousine?|chum|blonde|ami|amie)"
    r"(?: \w+){1,7} (?:too|also|as well|aussi|itou)(?![a-z])"
)
# "I bet he's hiding at his mom's": a guess, not something seen or known.
_GUESS = re.compile(
    r"(?<![a-z])(?:i bet|i guess|i d bet|probably|prob|must be|gotta be|has to be|"
    r"je gage|gage qu|surement|sans doute|doit etre|doit se cacher|je parie)(?![a-z])"
)
_SPECIFIC = ("sighting verb", "witness", "licence plate", "location", "place", "identity")
_LOOKS_LIKE_MINE = re.compile(
    r"(?<![a-z])(?:looks?|look|ressemble\w*)(?: \w+)? (?:like |a |comme )?(?:my|ma|mon|mes)"
    r"(?![a-z])"
)
_LOOKS_LIKE_KIN = re.compile(
    r"(?<![a-z])(?:looks?|look|ressemble\w*)(?: \w+)? (?:like |a |comme )?(?:my|ma|mon|mes) "
    r"(?:brother|sister|mom|mum|mother|dad|father|wife|husband|aunt|auntie|uncle|cousin|grandma|"
    r"grandpa|son|daughter|frere|soeur|mere|pere|femme|mari|tante|oncle|cousine?|grand mere|"
    r"grand pere|fils|fille)(?: [a-z]+)?(?: s)? (?:car|truck|van|suv|ride|jeep|voiture|char|auto|"
    r"camion|pick up|pickup)(?![a-z])"
)
_NEGATED_SIGHTING = re.compile(
    r"(?<![a-z])(?:personne|nobody|no one|noone|nobody has|no one has|aucun|jamais)"
    r"(?: (?:l|la|le|les|ne|n|a|ai|has|have|ever))* (?:vu|vue|vus|seen|saw|see)(?![a-z])"
)
# "I drove Ashby at 6:30 and saw nothing", "j'ai rien vu": the writer reports no sighting.
_SAW_NOTHING = re.compile(
    r"(?<![a-z])(?:(?:saw|seen|see|noticed) (?:nothing|nobody|no one|anything)|"
    r"(?:didn t|did not|didnt|haven t|have not|never) (?:see|saw|seen|notice|noticed) "
    r"(?:anything|anyone|anybody|a thing|nothing)|(?:n ai|j ai|ai|a) (?:rien|personne) (?:vu|vue|"
    r"remarque)|(?:rien|personne) vu)(?![a-z])"
)
# "What number do I call if I have dashcam?": what would be, not what was.
_IF_I_HAVE = re.compile(
    r"(?<![a-z])(?:if|in case|si|au cas ou) (?:i|we|j|je|on|nous|anyone|someone|quelqu un) "
    r"(?:have|had|has|get|got|ai|avais|a|avait|see|saw|vois|voit|find|finds|trouve)(?![a-z])"
)
# "If I see him at the Esso...", "si je le croise": a sighting that has not happened.
_IF_I_SEE = re.compile(
    r"(?<![a-z])(?:if|si) (?:i|we|j|je|on|nous)(?: (?:ever|just|le|la|l|les))? (?:see|spot|find|"
    r"catch|run into|croise|vois|voit|trouve|pogne|attrape|rencontre)(?![a-z])"
)
# "I think I've seen one on my street", "y pense avoir vu de quoi": a sighting of something or
# of one like it, with nothing said of when; in a reply that asks, the question is the point.
_VAGUE_SIGHTING = re.compile(
    r"(?<![a-z])(?:(?:saw|seen|see|noticed|spotted) (?:something|somethin|smth|sth|one(?! of))|"
    r"(?:vu|vue|remarque) (?:de quoi|quelque chose|qqch|qqchose|un pareil|une pareille)|"
    r"en (?:ai|a) (?:vu|remarque) (?:un|une)(?: pareille?)?$)(?![a-z])"
)
# "Staff are out with flashlights along Birchmount", "porch lights on all night for her": the
# search or a vigil, not a sighting.
_SEARCHING = re.compile(
    r"(?<![a-z])(?:porch lights? on|lights on for|leave your lights on|laissez vos lumieres|"
    r"allumez vos lumieres|lumieres allumees|candlelight vigil|veillee|"
    r"out (?:with flashlights|searching|looking)|search party|search parties|"
    r"searching (?:the|along|around|in)|joined the search|avec des lampes de poche|"
    r"battues?|fouillent|cherchent (?:le|la|les|partout|dans)|sont sortis (?:la |le )?chercher)"
    r"(?![a-z])"
)
# The writer's own search party: "on est plusieurs à partir", "on cherche", "we're heading out".
_OUR_SEARCH = re.compile(
    r"(?<![a-z])(?:on est plusieurs|nous sommes plusieurs|on part(?:ons)? (?:a|du|de|vers|le|la)|"
    r"nous partons|on (?:le |la )?cherche|on ratisse|on tourne|on fait le tour|je pars (?:le )?"
    r"chercher|on va (?:le |la )?chercher|we re (?:heading|going) out|we are (?:heading|going) out|"
    r"we re (?:searching|looking|out looking)|we are (?:searching|looking)|"
    r"(?:i m|i am) (?:heading|going) out to (?:look|search)|joining the search|"
    r"a group of us|several of us|a few of us|we re a group|we are a group|on est un groupe)"
    r"(?![a-z])"
)
# Words to the person sought: "si tu lis ça", "on t'attend", "if you're reading this".
_TO_THE_PERSON = re.compile(
    r"(?<![a-z])(?:si tu (?:lis|vois) ca|on t attend|on t aime|tu nous manques|reviens|"
    r"if you re reading this|if you read this|if you see this|we re (?:all )?waiting for you|"
    r"we love you|we miss you)(?![a-z])"
)
# The emergency services or the search seen, not a person: an ambulance, the firefighters,
# police cars, a helicopter, the sirens.
_SERVICES_SEEN = re.compile(
    r"(?<![a-z])(?:ambulances?|pompiers|camion de pompiers|fire ?trucks?|firefighters|paramedics|"
    r"helicopteres?|helicopters?|gyrophares|sirenes|sirens|voitures? de police|"
    r"voitures? de gendarmerie|police cars?|cruisers?|squad cars?|samu|"
    r"les gendarmes|the cops)(?![a-z])"
)
# A person seen: a man, an old man, a gentleman (a pronoun only asks who it was).
_A_PERSON_SEEN = re.compile(
    r"(?<![a-z])(?:monsieur|homme|vieux|vieil|papy|pepe|dame|femme|man|guy|gentleman|"
    r"old man|lady|woman|personne agee|elderly)(?![a-z])"
)
# An advert on the thread: a garage sale, a free inspection, "call today".
_ADVERT = re.compile(
    r"(?<![a-z])(?:garage sale|yard sale|vente de garage|vente trottoir|free (?:\w+ )?"
    r"(?:inspection|inspections|estimate|estimates|quote|quotes|consultation|delivery)|"
    r"call (?:us )?today|book (?:now|today)|soumission gratuite|estimation gratuite|"
    r"appelez(?: nous)? (?:aujourd hui|maintenant))(?![a-z])"
)
# The appeal passed on to readers: "if you were on Water St last night, check your dashcam",
# "si vous avez une caméra, regardez-la", "anyone who saw something, call": the sighting and
# the camera are the readers', asked for; the writer saw nothing (see _SAW_IT_MYSELF).
_TO_THE_READERS = re.compile(
    r"(?<![a-z])(?:if (?:you|anyone|someone) (?:were|was|have|has|had|saw|see|heard|drove|"
    r"live|lives)|anyone (?:who|that) (?:saw|was|were|has|heard|drove|lives)|"
    r"si (?:vous|quelqu un|qqn) (?:avez|etiez|a|etait|avait|avez vu|a vu|restez|habitez)|"
    r"ceux qui (?:ont|etaient|restent|habitent)|quiconque (?:a|etait)|"
    r"check (?:your|ur) (?:phones?|dashcams?|cameras?|cams?|footage|doorbells?|videos?)|"
    r"(?:verifiez|regardez|checkez) (?:vos|votre|la|les) ?(?:cameras?|videos?|dashcams?)?|"
    r"(?:keep|keeping) (?:your|ur|our) eyes|eyes (?:peeled|open)|ouvrez? l oeil|"
    r"(?:on )?ouvre(?:z)? les yeux)(?![a-z])"
)
# "I saw", "j'ai entendu", "we heard": the writer's own sighting keeps a tip a tip.
_SAW_IT_MYSELF = re.compile(
    r"(?<![a-z])(?:i|we|j ai|je l ai|je les ai|on a|nous avons|i ve|we ve|i d|my \w+) "
    r"(?:just )?(?:saw|seen|heard|noticed|spotted|filmed|recorded|vu|vue|entendu|remarque|"
    r"filme|croise|apercu|caught|got)(?![a-z])"
)
# "Saw him on Main at 3:15. Anyone who lives there, check your cameras": a sighting that
# opens a sentence, its subject left out.
_SAW_IT_OPENING = re.compile(
    r"(?:^|[.!?;\n]\s*)(?:just |also )?(?:saw|seen|spotted|passed|vu|croise|aper[cç]u)\b",
    re.IGNORECASE,
)
ACCOUNT_AFTER = 15  # words after the last question mark that make a reply an account
# A witness who asks the police what they want ("do you still want the clip?", "do the police
# need to talk to everyone who was there?", "voulez-vous toute la vidéo ?"), or whether what
# they heard was the shots ("were those gunshots?", "c'était-tu des coups de feu ?"): it asks;
# what they hold is offered, not told (the label guide's questions). Where to send a clip
# is no such question: "my Ring got a dark car at 1:12, where do I send it?" tells.
_ASKS_THE_POLICE = re.compile(
    r"(?<![a-z])(?:do (?:you|u|y all|you guys|the police|police|the cops|cops|they) (?:still |"
    r"even |also )?(?:want|need)|do (?:i|we) (?:still |even )?(?:call|report)|"
    r"should (?:i|we) (?:still |even )?(?:call|report)|"
    # "J'ai vu un gars qui boite la semaine passée, ça compte ?": asked back whether it helps.
    r"does (?:that|this|it) (?:count|matter)|is (?:that|this|it) relevant|"
    r"(?:est ce que )?(?:ca|ce) compte(?: tu)?|c est (?:utile|pertinent)|"
    r"(?:voulez|vous voulez|avez) ?(?:vous )?(?:besoin|toute|tout|la|les|mes|nos|juste)|"
    r"(?:est ce que )?(?:vous voulez|la police veut|la police a besoin|vous avez besoin)|"
    r"(?:dois je|doit on|faut il|faut tu|on appelle tu|j appelle tu) (?:appeler|envoyer|"
    r"signaler|quand meme)|"
    r"(?:were|was) (?:those|these|they|that|it) (?:actually |really |even )?(?:gun ?shots|"
    r"shots|gunfire|a gun|fireworks)|"
    r"(?:c etait tu|c etait|etait ce|c est tu|c est) (?:des|vraiment des) (?:coups de feu|"
    r"coups de fusil|tirs|petards|feux d artifice))(?![a-z])"
)
# A link that sells the case ("full video before police delete it 👉 site.xyz", "submit your
# video and banking details here"), or a reading, a name or an address for a fee in private
# ("tirage privé 25$ en message privé"): bait, whatever the case words in it.
_LINK_BAIT = re.compile(
    r"(?<![a-z])(?:full (?:video|footage|clip)|video complete|video integrale|"
    r"before (?:it s|its|they|police|the police|cops) (?:delete|deleted|remove|take)|"
    r"avant qu (?:ils|elle|la police) (?:l efface|la supprime|efface|supprime)|"
    r"banking details|bank details|coordonnees bancaires|formulaire officiel|official form|"
    r"will make you sick|what (?:they|police|the police) (?:don t|won t) want|"
    r"they re hiding|they are hiding|on nous cache|ils nous cachent)(?![a-z])"
)
_PAID_PRIVATE = re.compile(
    r"(?<![a-z])(?:en (?:message )?prive|in (?:my )?(?:dms?|inbox|private)|dm me|pm me|"
    r"message me|ecris moi|ecrivez moi)(?![a-z])"
)
_FEE = re.compile(r"\d\s?[$€£]|[$€£]\s?\d|\d+ ?(?:dollars|euros|bucks)", re.IGNORECASE)
# A house number and a street: "14 Larch Lane", "45 rue Principale".
_ADDRESS = re.compile(
    r"(?<![a-z0-9])[0-9]{1,5} (?:(?:[a-z]+ ){1,3}(?:street|st|lane|ln|road|rd|avenue|ave|drive|"
    r"dr|crescent|cres|court|ct|boulevard|blvd|way|place|pl|terrace|circle|loop|trail|trl|"
    r"close|row|heights|hts|bay|grove|gardens)|(?:rue|chemin|rang|"
    r"boulevard|boul|avenue|av|route|place|croissant)(?: [a-z]+){1,3})(?![a-z])"
)
# Where the person sought would go, told by someone who knows him ("that's where he'd go",
# "he's going to his brother's", "c'est là qu'il irait"): with a street address, a tip.
_WHERE_HE_GOES = re.compile(
    r"(?<![a-z])(?:(?:that s|thats|that is) where (?:he|she|they) (?:d|would|will|ll|always) "
    r"go|(?:he|she|they) (?:s|is|are|re) (?:going|headed|heading) to (?:his|her|their)|"
    r"(?:he|she|they) (?:d|would|will|ll) go to (?:his|her|their)|"
    r"c est la qu (?:il|elle|y) (?:irait|va|ira|s en va)|(?:il|elle|y) s en va chez|"
    r"(?:il|elle|y) (?:irait|va aller|ira) chez)(?![a-z])"
)
# Footage or a statement already handed to the police ("our camera footage is already with
# police", "on a déjà tout remis à la police"): done, nothing told here.
_HANDED_OVER = re.compile(
    r"(?<![a-z])(?:already (?:with|given to|sent to|handed (?:over )?to|gave (?:it )?to|"
    r"at) (?:the )?(?:police|cops|rcmp|opp|investigators)|(?:footage|video|videos|camera|cameras|"
    r"images|recordings?) (?:is|are|has been|have been|went) (?:already )?(?:with|given|sent|"
    r"handed)|deja (?:tout |toute |tous )?(?:remis|remise|remises|donne|donnees?|envoye|"
    r"envoyees?|transmis|transmises?)(?: \w+){0,2} a la police|la police (?:l a|les a|a) deja)"
    r"(?![a-z])"
)
# "C'est Kevin, le neveu du patron, c'est pas lui. Arrêtez de partager sa tête": the writer
# clears someone the thread pointed at and says nothing of the one sought.
_CLEARED = re.compile(
    r"(?<![a-z])(?:c est pas lui|ce n est pas lui|c est pas elle|ce n est pas elle|"
    r"it s not him|it is not him|it isn t him|that s not him|it s not her|that s not her)"
    r"(?![a-z]).{0,60}(?<![a-z])(?:arretez|arrete|stop|quit) (?:de |)(?:partager|sharing|posting|"
    r"publier|the pile on|harcel)"
)
# A person's first and last name as written ("Darren Kilbride", "Marie-Ève Roy").
_PERSON_NAME = re.compile(
    r"(?<![\w'’])([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)? [A-ZÀ-Ý][a-zà-ÿ]+"
    r"(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)(?![\w'’])"
)
# Who a sighting is of: the person, a pronoun for them, or the vehicle. A reply with none of
# these and no sighting ("I ride Ashby every weekend", "everyone is crashing this week")
# tells where the writer or other people are, not the person sought.
_SOMEONE = re.compile(
    r"(?<![a-z])(?:he|him|his|hes|she|her|hers|they|them|il|elle|lui|ils|elles|"
    r"l (?:ai|a|as|avait|avais|ont|avons|etait)|la (?:vu|vue|vois|voit)|y (?:e|est|etait|reste)|"
    r"guy|man|woman|lady|girl|boy|kid|child|teen|teenager|driver|suspect|dude|person|"
    r"gars|type|homme|femme|fille|garcon|conductrice|conducteur|chauffeur|madame|monsieur|"
    r"ado|adolescent|jeune|enfant|petite|gamin|gamine|bonhomme|mec|meuf|individu)(?![a-z])"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january janvier", "february fevrier", "march mars", "april avril", "may mai",
            "june juin", "july juillet", "august aout", "september septembre",
            "october octobre", "november novembre", "december decembre",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
# A reply's date: a month after "in", "en", "back in", "last"..., or with a day number, or a
# holiday ("may" alone is a verb, "mars" alone a planet: they need the preposition).
_WHEN = (
    r"(?:in|en|back in|since|depuis|last|au mois de|early|late|mid|debut|fin|this past|"
    r"around|vers|during|durant|pendant)"
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATED = re.compile(
    rf"(?<![a-z])(?:{_WHEN} (?P<month>{_MONTH_NAMES})|(?:[0-9]{{1,2}}|le [0-9]{{1,2}}) "
    rf"(?P<day_month>{_MONTH_NAMES})|(?P<holiday>christmas|xmas|noel|halloween|easter|paques|"
    r"thanksgiving|new year s|jour de l an|last year|l an dernier|l annee derniere|"
    r"l annee passee|last summer|l ete dernier|last winter|l hiver dernier))(?![a-z])"
)
_HOLIDAYS = {
    "christmas": 12, "xmas": 12, "noel": 12, "halloween": 10, "easter": 4, "paques": 4,
    "thanksgiving": 11, "new year s": 1, "jour de l an": 1,
}  # fmt: skip


def month_of(text: str | None) -> int | None:
    """The month a case's own text names ("14 March 2026, 22:40", "9 février")."""
    for word in fold(text or "").split():
        if word in _MONTHS:
            return _MONTHS[word]
    return None


def _long_before(folded: str, month: int | None) -> str | None:
    """A date in the reply more than a month before the case's ("at christmas" for a
    February case, "back in March" for an August one, "last year"): a sighting then cannot
    be a sighting of this case."""
    if month is None:
        return None
    for found in _DATED.finditer(folded):
        name = found.group("month") or found.group("day_month")
        holiday = found.group("holiday")
        if name is not None:
            said = _MONTHS[name]
        elif holiday in _HOLIDAYS:
            said = _HOLIDAYS[holiday]
        else:
            return found.group(0)  # last year, last summer
        if (month - said) % 12 > 1:
            return found.group(0)
    return None


# A person's name in the writer's words ("it's Kevin Roy", "le pick-up à Jérémy Bolduc"): a
# first and last name, not a place (no place word before it, not a sentence's first word).
_FULL_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)(?<=\s)([A-ZÀ-Ý][a-zà-ÿ]+) [A-ZÀ-Ý][a-zà-ÿ'’-]+")
_NOT_BEFORE_NAME = frozenset(
    """at on in near off to from by the la le les du des de au aux a à sur rue chez vers
    avenue boulevard route chemin st saint sainte mount mont lac lake around past behind
    outside inside into through across beside toward towards via autour devant derriere
    derrière pres près dans""".split()  # noqa: SIM905
)


def _names_someone(text: str, profile: CaseProfile) -> bool:
    """A first and last name that is not one of the case's places."""
    for found in _FULL_NAME.finditer(text):
        before = text[: found.start()].split()
        if not before or before[-1].lower().strip(",;") in _NOT_BEFORE_NAME:
            continue
        if fold(found.group(1)) in profile.words and fold(found.group(0)) not in profile.describing:
            continue  # a place of the case ("Dunmore Plaza"), not a person
        return True
    return False


_OF_SOMEONE = (
    "sighting verb", "licence plate", "vehicle", "description", "recognition", "identity",
    "witness",
)  # fmt: skip
_STOP = frozenset(
    """
    a about after an and are as at avec au aux be been before but by ce cette d
    dans de des du elle en et for from has have he her his il in is it its l la le
    les man men mr mrs ms of on or ou par pour qui sa se ses she sur the their they
    this to un une was were who with woman women homme femme env approx
    approximately years year ans old agee age ago last seen vu vue derniere dernier
    fois time
    """.split()  # noqa: SIM905
)
# Words of a case that say nothing on their own: a reply that names them names nothing of
# the case ("left" of "left ear", "Saint" of "Sainte-Aurélie", "main", "general", "driver").
# They still count inside a place's name ("Lisle General Hospital", "rue Principale").
_GENERIC = frozenset(
    """
    about above across again against along also among around away back behind below beside
    between beyond both down during each either ever every few first front here inside into
    just left less like main many more most much near next off once only onto other out
    outside over own past possibly probably right same second several side since some such
    than that then there these those through toward towards under until upon usually very
    what when where which while within without would your you our not one two three known
    unknown small large big little long short high low top bottom rear older young new early
    late general center centre city town county north south east west seen seat build head
    ending length often seriously worker suspect victim driver person people someone
    road street avenue ave route highway hwy lake falls mount saint sainte four five six
    deux trois quatre cinq
    aux sous vers pres entre apres avant depuis pendant sans souvent environ possiblement
    probablement gauche droite nord sud ouest coin rue chemin boulevard mont monts lac val
    ville comte generale principal principale grand grande petit petite vieux vieille
    nouveau nouvelle haut bas porte cles annees mi longs conductrice conducteur chauffeur
    suspecte victime personne quelqu
    pas doit peut dit aller donner repond parle quelques mots retrouver must find give says
    """.split()  # noqa: SIM905
)

REASONS = {
    "en": {
        "elsewhere": "not about this case: '{}'",
        "matches": "matches the case: {}",
        "own": "about the writer's own people: '{}'",
        "someone": "about someone else: '{}'",
        "negated": "nobody saw: '{}'",
        "nothing seen": "saw nothing: '{}'",
        "if": "only if: '{}'",
        "no one": "names no person and no vehicle",
        "long before": "long before the case: '{}'",
        "guess": "a guess: '{}'",
        "vague": "nothing said of what was seen or when: '{}'",
        "search": "the search or a vigil, not a sighting: '{}'",
        "message": "a message to the person sought, nothing seen: '{}'",
        "services": "the emergency services seen, asked whether it was him: '{}'",
        "advert": "an advert: '{}'",
        "address": "a name and an address: '{}', '{}'",
        "whereto": "where he would go, and its address: '{}'",
        "hearsay": "seen by someone the writer knows: '{}'",
        "rumour": "a rumour, no witness the police can reach: '{}'",
        "cleared": "clears someone, nothing of the one sought: '{}'",
        "chain": "hearsay passed on as a chain letter: '{}', '{}'",
        "bait": "bait, a link or a fee: '{}'",
        "asks": "asks the police, offers what it holds: '{}'",
        "readers": "the appeal passed on to readers: '{}'",
        "handed": "already with the police, nothing new told: '{}'",
    },
    "fr": {
        "elsewhere": "sans rapport avec l'affaire : « {} »",
        "matches": "correspond à l'affaire : {}",
        "own": "au sujet des proches de l'auteur : « {} »",
        "someone": "au sujet de quelqu'un d'autre : « {} »",
        "negated": "personne n'a vu : « {} »",
        "nothing seen": "n'a rien vu : « {} »",
        "if": "seulement si : « {} »",
        "no one": "ne nomme ni personne ni véhicule",
        "long before": "bien avant l'affaire : « {} »",
        "guess": "une supposition : « {} »",
        "vague": "rien de précis sur ce qui a été vu ni quand : « {} »",
        "search": "les recherches ou une veillée, pas une observation : « {} »",
        "message": "un message à la personne recherchée, rien de vu : « {} »",
        "services": "les secours vus, demande si c'était lui : « {} »",
        "advert": "une annonce : « {} »",
        "address": "un nom et une adresse : « {} », « {} »",
        "whereto": "où il irait, et son adresse : « {} »",
        "hearsay": "vu par quelqu'un que l'auteur connaît : « {} »",
        "rumour": "une rumeur, aucun témoin que la police peut joindre : « {} »",
        "cleared": "disculpe quelqu'un, rien sur la personne recherchée : « {} »",
        "chain": "ouï-dire relayé comme une chaîne : « {} », « {} »",
        "bait": "un appât, un lien ou un prix : « {} »",
        "asks": "demande à la police, offre ce qu'il a : « {} »",
        "readers": "l'appel relayé aux lecteurs : « {} »",
        "handed": "déjà remis à la police, rien de nouveau : « {} »",
    },
}
# The start of the reason a tip passed along from a witness the writer knows carries, in every
# language.
SECOND_HAND = tuple(language["hearsay"].partition("{")[0] for language in REASONS.values())
# The start of the reason of a rumour nobody can trace, or one passed on as a chain letter.
RUMOUR = tuple(
    language[kind].partition("{")[0]
    for language in REASONS.values()
    for kind in ("rumour", "chain")
)


def fold(text: str) -> str:
    low = text.casefold().replace("’", "'")
    if not low.isascii():
        # "sœur", "cœur": NFKD has no decomposition for the ligature, so it would vanish.
        low = low.replace("œ", "oe").replace("æ", "ae")
        low = unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode()
    low = re.sub(r"([a-z])\1{2,}", r"\1", low)  # "ptdrrr", "lmaooo"
    return " ".join(re.sub(r"[^a-z0-9]+", " ", low).split())


_SHOWN = {"emoji laughing": "😂", "emoji not": "(not)"}
_NOT_MARK = re.compile(r"\((?:not|non|pas vrai|jk)\)", re.IGNORECASE)
_LAUGHING = ("\U0001f602", "\U0001f923", "\U0001f606", "\U0001f639", "\U0001f480")  # 😂🤣😆😹💀


@dataclass(frozen=True)
class CaseProfile:
    """What the case is about, as words to look for in a reply (folded)."""

    words: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()  # folded multi-word names ("saint john")
    language: str = "en"  # of the reasons: the lead agency's
    languages: tuple[str, ...] = ("en",)
    quotes: dict[str, str] = field(default_factory=dict)  # folded word -> as the case writes it
    # The words that tell this person, vehicle and place apart (description, clothing,
    # vehicle, places near where they were last seen), without the appeal's own framing
    # (the offence, the agencies' cities).
    details: frozenset[str] = frozenset()
    # The words that describe the person or the vehicle sought (description, clothing,
    # vehicle, name): a place alone says where, not who.
    describing: frozenset[str] = frozenset()
    month: int | None = None  # when the case happened (1-12), if its text says

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str | None],
        *,
        places: Iterable[str | None] = (),
        language: str = "en",
        languages: Iterable[str] = (),
        details: Iterable[str | None] = (),
        framing: Iterable[str | None] = (),
        describing: Iterable[str | None] | None = None,
        month: int | None = None,
    ) -> CaseProfile:
        words: set[str] = set()
        quotes: dict[str, str] = {}

        def words_of(text: str | None) -> Iterable[tuple[str, str]]:
            for raw in re.findall(r"[\w'’-]+", text or ""):
                for part in fold(raw).split():
                    if (
                        len(part) >= 3
                        and part not in _STOP
                        and part not in _GENERIC
                        and not part.isdigit()
                    ):
                        yield part, raw

        for text in texts:
            for part, raw in words_of(text):
                words.add(part)
                quotes.setdefault(part, raw)
        framed = {part for text in framing for part, _ in words_of(text)}
        distinct = {part for text in details for part, _ in words_of(text)} - framed
        # Without a say on what describes the person, every detail does.
        described = (
            {part for text in describing for part, _ in words_of(text)} - framed
            if describing is not None
            else distinct
        )
        names: list[str] = []
        for place in places:
            if not place:
                continue
            for chunk in re.split(r"[,;()]", place):
                name = " ".join(w for w in fold(chunk).split() if w not in _STOP)
                if len(name) >= 3 and not name.isdigit() and not any(c.isdigit() for c in name):
                    names.append(name)
                    quotes.setdefault(name, chunk.strip())
        base = language.split("-")[0].lower()
        langs = tuple(dict.fromkeys(lang.split("-")[0].lower() for lang in languages)) or (base,)
        return cls(
            frozenset(words),
            tuple(dict.fromkeys(names)),
            base if base in REASONS else "en",
            langs,
            quotes,
            frozenset(distinct),
            frozenset(described),
            month,
        )

    def matches(self, folded: str) -> list[str]:
        """The words and places of the case this (folded) reply names."""
        places = [place for place in self.places if f" {place} " in f" {folded} "]
        inside = {w for place in places for w in place.split()}
        found = [self.quotes.get(place, place) for place in places]
        found.extend(
            self.quotes.get(w, w) for w in dict.fromkeys(folded.split()) if w in self.words
            and w not in inside
        )  # fmt: skip
        return list(dict.fromkeys(found))  # "Lac" and "Noir" both quote "Lac-Noir"


def case_profile(campaign: Any, language: str = "en", languages: Iterable[str] = ()) -> CaseProfile:
    """The profile of an authoring Campaign: its case in every language it is written in."""
    case = campaign.case
    texts: list[str | None] = [case.description, case.offence, case.last_seen, case.name]
    places: list[str | None] = [case.last_seen]
    for translation in case.i18n.values():
        texts.extend([translation.description, translation.offence, translation.last_seen])
        places.append(translation.last_seen)
    details: list[str | None] = [case.description, case.last_seen]
    details.extend(t.description for t in case.i18n.values())
    describing: list[str | None] = [case.description, case.name]
    describing.extend(t.description for t in case.i18n.values())
    return CaseProfile.from_texts(
        texts,
        places=places,
        language=language,
        languages=languages,
        details=details,
        framing=[case.offence, *(t.offence for t in case.i18n.values())],
        describing=describing,
        month=month_of(case.last_seen) or (campaign.launch_at and campaign.launch_at.month),
    )


NO_CASE = CaseProfile()


def elsewhere(folded: str) -> str | None:
    """The first cue that a "sighting" is about something else, as folded."""
    match = _ELSEWHERE_RE.search(folded)
    if match is None:
        return None
    return match.group(0)


def weigh(
    text: str,
    verdict: Verdict,
    profile: CaseProfile = NO_CASE,
    otherwise: Callable[[str], Verdict] | None = None,
) -> Verdict:
    """A tip weighed against the case (other labels are returned as they are). A tip
    that is not one becomes what `otherwise` says it would be if it asks the police
    something or threatens (question, abuse), else spam."""
    if verdict.label != "tip":
        return verdict
    folded = fold(text)
    if any(sign in text for sign in _LAUGHING):
        folded += " emoji laughing"
    if _NOT_MARK.search(text):
        folded += " emoji not"  # "(not)", "(non)": the writer says it is not true
    reasons = REASONS[profile.language]
    matched = profile.matches(folded) if profile.words or profile.places else []
    cue, kind = elsewhere(folded), "elsewhere"  # a stage, a screen, fiction: never this case
    if cue is None:
        found = _ADVERT.search(folded)
        cue, kind = (found.group(0), "advert") if found else (None, kind)
    if cue is None:
        cue = _bait(text, folded)
        kind = "bait" if cue else kind
    if cue is None:
        joke = _SURE_JOKE_RE.search(folded)
        cue = _SHOWN.get(joke.group(0), joke.group(0)) if joke else None
    if cue is None and len(matched) < 2 and not _name_and_address(text, folded, verdict):
        # A joke marker is no proof on its own ("mdr vous le cherchez?? il fait ses courses
        # au Leclerc" is a tip): it counts against a tip that names little of the case.
        joke = _JOKE_RE.search(folded) if profile.words or "emoji laughing" in folded else None
        cue = _SHOWN.get(joke.group(0), joke.group(0)) if joke else None
    if cue is None and not any(r.startswith(_SEEN) for r in verdict.reasons):
        # "My bike got stolen from the plaza too": the writer's own loss, even with a place
        # and a vehicle in it, unless the writer says what was seen there.
        loss = _OWN_LOSS.search(folded)
        cue, kind = (loss.group(0), "own") if loss else (None, kind)
    if cue is None and not any(r.startswith(_SEEN) for r in verdict.reasons):
        found = _OWN_TOO.search(folded)
        cue, kind = (found.group(0), "own") if found else (None, kind)
    if cue is None and not any(r.startswith(_SPECIFIC) for r in verdict.reasons):
        found = _GUESS.search(folded)  # a guess with nothing seen, no place, no name
        cue, kind = (found.group(0), "guess") if found else (None, kind)
    if cue is None and not any(map(_is_evidence, verdict.reasons)):
        found = _OWN_PEOPLE.search(folded)
        kind = "own"
        if found is None and not any(r.startswith(_PRESENCE) for r in verdict.reasons):
            # "Elle ressemble tellement à ma nièce": a likeness to the writer's own people,
            # with nothing seen, no whereabouts, is about someone else.
            found, kind = _LOOKS_LIKE_MINE.search(folded), "someone"
        cue = found.group(0) if found else None
    if cue is None and not any(
        r.startswith(("sighting verb", "direction of travel", "licence plate", *_PRESENCE))
        or (r.startswith("time: '") and r[7:8].isdigit())
        for r in verdict.reasons
    ):
        # "Looks like my aunt's car": a likeness to the writer's own family's vehicle, with
        # nothing seen, no place it was, no plate, is about someone else.
        found = _LOOKS_LIKE_KIN.search(folded)
        cue, kind = (own_words(text, found.group(0)), "someone") if found else (None, kind)
    if cue is None and "?" in text and not any(_is_clock_or_plate(r) for r in verdict.reasons):
        found = _VAGUE_SIGHTING.search(folded)  # "what colour is the van? I've seen one"
        cue, kind = (found.group(0), "vague") if found else (None, kind)
    if cue is None and not any(
        r.startswith(("sighting verb", "direction of travel", "witness")) for r in verdict.reasons
    ):
        # A searcher who found something ("found a cap near the bench") is a witness.
        found = _SEARCHING.search(folded)  # "staff are out with flashlights along Birchmount"
        cue, kind = (found.group(0), "search") if found else (None, kind)
    if cue is None and not any(r.startswith(("sighting verb", "witness")) for r in verdict.reasons):
        # "On est plusieurs à partir à pied du côté du pont": the writer's own search party;
        # its direction is the searchers', nobody was seen (what they found is a tip).
        found = _OUR_SEARCH.search(folded)
        cue, kind = (found.group(0), "search") if found else (None, kind)
    if cue is None and not any(map(_is_evidence, verdict.reasons)):
        # "Marcel si tu lis ça rentre, on t'attend": memories and a word to the person
        # sought, nothing seen today; where they worked or lived is what everyone knows.
        found = _TO_THE_PERSON.search(folded)
        cue, kind = (found.group(0), "message") if found else (None, kind)
    if cue is None and "?" in text:
        # "On a vu une ambulance aller vers le pont à 21h, c'est lui ?": what was seen is the
        # emergency services (the police know where their ambulance went), asked back
        # whether it was for him. Like a rumour asked back (hearsay.py), it asks; a person
        # seen and asked about ("c'était pas lui, le vieux monsieur à l'abri bus ?") is a tip.
        found = _SERVICES_SEEN.search(folded)
        if found is not None and not _A_PERSON_SEEN.search(folded):
            cue, kind = found.group(0), "services"
    if cue is None and "?" in text:
        found = _NEGATED_SIGHTING.search(folded)  # "personne l'a vu sortir?" asks
        cue, kind = (found.group(0), "negated") if found else (None, kind)
        if cue is None:
            found = _IF_I_HAVE.search(folded)  # "who do I call if I have dashcam?" asks
            cue, kind = (found.group(0), "if") if found else (None, kind)
    if cue is None and not any(
        r.startswith(("licence plate", "witness")) or (r.startswith("time: '") and r[7:8].isdigit())
        for r in verdict.reasons
    ):
        found = _IF_I_SEE.search(folded)
        cue, kind = (found.group(0), "if") if found else (None, kind)
    if cue is None:
        found = _SAW_NOTHING.search(folded)
        cue, kind = (found.group(0), "nothing seen") if found else (None, kind)
    if cue is None and not any(
        r.startswith(("sighting verb", "direction of travel")) for r in verdict.reasons
    ):
        found = _CLEARED.search(folded)
        cue, kind = (found.group(0), "cleared") if found else (None, kind)
    if cue is None and not any(map(_is_evidence, verdict.reasons)):
        found = _HANDED_OVER.search(folded)  # "our footage is already with police"
        cue, kind = (found.group(0), "handed") if found else (None, kind)
    if (
        cue is None
        and "?" in text
        and len(text.rpartition("?")[2].split()) < ACCOUNT_AFTER
        and not any(r.startswith("direction of travel") for r in verdict.reasons)
    ):
        # An account after the question, or a direction of travel: it tells ("no plate"
        # is no plate).
        found = _ASKS_THE_POLICE.search(folded)  # "do you still want the clip?" asks
        cue, kind = (found.group(0), "asks") if found else (None, kind)
    if (
        cue is None
        and not _SAW_IT_MYSELF.search(folded)
        and not _SAW_IT_OPENING.search(text)
        and not any(r.startswith("direction of travel") for r in verdict.reasons)
    ):
        # A plate asked of readers ("si vous avez la plaque") is theirs, not the writer's.
        found = _TO_THE_READERS.search(folded)  # "check your dashcam": the appeal passed on
        cue, kind = (found.group(0), "readers") if found else (None, kind)
    if cue is None and not (
        "first person" in verdict.reasons
        and any(r.startswith("already reported") for r in verdict.reasons)
    ):
        # "Sold in October to a lad who paid cash; I'll bring the receipt to the station": an
        # old fact the writer hands the police themself (a paper, a witness) still helps.
        dated = _long_before(folded, profile.month)
        cue, kind = (dated, "long before") if dated else (None, kind)
    if (
        cue is None
        and not any(r.startswith(_OF_SOMEONE) for r in verdict.reasons)
        and not _SOMEONE.search(folded)
        and not any(w in profile.describing for w in folded.split())
        and not _names_someone(text, profile)
    ):
        cue, kind = "", "no one"
    heard = hearsay(folded) if cue is None else None
    second_hand = heard[1] if heard is not None else None
    call = chain_call(folded) if second_hand is not None else None
    if call is not None:
        # Hearsay with a chain letter's call to pass it on: a forwarded rumour.
        cue, kind = call, "chain"
    elif heard is not None and heard[0] == "rumour":
        # Nobody the police can reach saw it (hearsay.py): a rumour, not a tip.
        cue, kind = heard[1], "rumour"
    if cue is not None:
        if kind == "chain" and second_hand is not None:
            reason = reasons[kind].format(own_words(text, second_hand), own_words(text, cue))
        elif kind == "rumour":
            reason = reasons[kind].format(own_words(text, cue))
        else:
            reason = reasons[kind].format(cue)
        if otherwise is not None and kind != "bait":
            # A sighting elsewhere (or a forwarded rumour) is spam unless it asks or
            # threatens; a reply about the writer's own people or someone else is what it
            # would be without its tip cues. Bait is spam however it is worded.
            other = otherwise(text)
            if other.label in ("question", "abuse") or (
                kind not in ("elsewhere", "chain", "rumour", "bait", "cleared")
                and other.reasons[-1:] != (OFF_TOPIC,)
            ):
                return other._replace(reasons=(reason, *other.reasons)[:8])
        return verdict._replace(label="spam", reasons=(reason, *verdict.reasons)[:8])
    own = verdict.reasons
    if second_hand is not None:
        # Still a tip (the police can reach the one who saw it), and the officer sees whose
        # sighting it is.
        own = (*own[:7], reasons["hearsay"].format(own_words(text, second_hand)))
    if matched:
        quoted = ", ".join(f"'{m}'" for m in matched[:3])
        own = (*own, reasons["matches"].format(quoted))[:9]
    return verdict if own is verdict.reasons else verdict._replace(reasons=own)


def _bait(text: str, folded: str) -> str | None:
    """Link bait ("full video here 👉 site.xyz") or a fee asked in private: the cue, as folded."""
    if _A_LINK.search(text):
        found = _LINK_BAIT.search(folded)
        if found is not None:
            return found.group(0)
    if _FEE.search(text):
        found = _PAID_PRIVATE.search(folded)
        if found is not None:
            return found.group(0)
    return None


def _is_clock_or_plate(reason: str) -> bool:
    return reason.startswith("licence plate") or (
        reason.startswith("time: '") and reason[7:8].isdigit()
    )


def _name_and_address(
    text: str, folded: str, verdict: Verdict | None = None
) -> tuple[str, str] | None:
    """A person's full name and a street address with its number ("the guy's name is Darren
    Kilbride... 14 Larch Lane"): information, whatever the tone. With a verdict, only when
    its cues already say it names someone (an "identity" cue)."""
    if verdict is not None and not any(r.startswith("identity") for r in verdict.reasons):
        return None
    address = _ADDRESS.search(folded)
    if address is None:
        return None
    street = set(address.group(0).split())
    for name in _PERSON_NAME.findall(text):
        if not street.intersection(fold(name).split()):
            # The address as written, up to its punctuation ("8 rue des Érables, allez...").
            return name, re.split(r"[,;.!?:(]", own_words(text, address.group(0)))[0].strip()
    return None


def named_at(text: str, verdict: Verdict, profile: CaseProfile, off_topic: str) -> Verdict:
    """A reply with no cue at all that gives a person's full name and a street address
    ("It's Darren Kilbride, 14 Larch Lane, and if you don't pick him up...") is a tip:
    information wins, however it is said."""
    if not verdict.reasons or verdict.reasons[-1] != off_topic:
        return verdict
    folded = fold(text)
    found = _name_and_address(text, folded)
    if found is None and _WHERE_HE_GOES.search(folded):
        # "He's going to his brother Dale's... 14 Larkspur Loop": where he would go, and
        # the address of it, from someone who knows him.
        address = _ADDRESS.search(folded)
        if address is not None:
            found = ("", re.split(r"[,;.!?:(]", own_words(text, address.group(0)))[0].strip())
    if found is None or _ADVERT.search(folded):
        return verdict
    reasons = REASONS[profile.language]
    reason = reasons["address"].format(*found) if found[0] else reasons["whereto"].format(found[1])
    return verdict._replace(label="tip", reasons=(reason,), score=TIP_NAMED)


TIP_NAMED = 3.0  # the score of a tip that rests on a name and an address

# What a rumour says happened to the case: found, caught, seen, taken; or where the person
# went ("he got on a train to Paris", "il est à l'hôpital").
_STATUS = re.compile(
    r"(?<![a-z])(?:found|caught|arrested|seen|spotted|took (?:her|him)|has (?:her|him)|"
    r"retrouvee?s?|arretee?s?|vue?s?|l a (?:prise?|eue?|trouvee?)|enlevee?|"
    r"(?:he|she|they) (?:got on|got in|took a|took the|went to|is at|is in|s at|s in)|"
    r"(?:il|elle|ils) (?:est|sont|a pris|est rentree?|est partie?) (?:a|au|aux|chez|le|la|un|une)|"
    # "He dropped her at a babysitter's", "il serait rendu au Québec chez une blonde".
    r"(?:dropped|left) (?:her|him|them) (?:off )?(?:at|with)|"
    r"(?:il|elle|ils) serai(?:t|ent) (?:rendue?s?|partie?s?|cache|cachee?s?) (?:a|au|aux|chez|en)|"
    r"l a (?:laissee?|deposee?) (?:a|au|chez)"
    r")(?![a-z])"
)


# The same words on the raw text, looser: most kind replies say none of them and are not
# folded at all (kind replies are the bulk of a thread).
_MAYBE_STATUS = re.compile(
    r"found|caught|arrest|seen|spotted|took|has (?:her|him)|retrouv|arr[eê]t|\bvue?s?\b|"
    r"pris|trouv|enlev|\b(?:got on|got in|went to|is at|is in|'s at|'s in|est [àa]|est au|"
    r"est chez|sont [àa]|partie?)\b|rentr|dropped|left (?:her|him)|serai(?:t|ent) rendu|"
    r"laiss|d[ée]pos",
    re.IGNORECASE,
).search


# Kindness as a chain letter's bargain ("1 like = 1 prayer", "ignore = you don't care", "if
# you scroll past…"), and a donation pointed at a link ("donate to the family here …
# fund.help"): what the label guide files as chain letters and link bait, however kind.
_CHAIN_KINDNESS = re.compile(
    r"(?<![\w])1 ?(?:like|share|rt|retweet|repost|comment|amen|partage|j'aime|j’aime|commentaire)"
    r" ?= ?1 ?(?:prayer|pray|candle|hug|prière|priere|bougie|chandelle|câlin|calin)|"
    r"(?<![\w])(?:ignore|scroll|skip|ignorer|ignorez|passer) ?= ?|if you scroll past|"
    r"si (?:tu|vous) (?:scroll|passez sans)",
    re.IGNORECASE,
)
_DONATION = re.compile(r"(?<![\w])(?:donate|donations?|faites un don|dons|cagnotte|gofund)", re.I)
_A_LINK = re.compile(r"(?<![\w@])[\w-]+\.(?:[a-z]{2,6})(?:/\S*)?(?![\w])")


def kind_bait(text: str, verdict: Verdict) -> Verdict:
    """Support that is a chain letter's bargain or a donation link is spam (see above)."""
    if verdict.label != "support":
        return verdict
    found = _CHAIN_KINDNESS.search(text)
    if found is not None:
        reason = f"chain letter: '{found.group(0).strip()}'"
    else:
        donation = _DONATION.search(text)
        link = _A_LINK.search(text) if donation is not None else None
        if donation is None or link is None:
            return verdict
        reason = f"link bait: '{donation.group(0)}', '{link.group(0)}'"
    return verdict._replace(label="spam", reasons=(reason, *verdict.reasons)[:8])


def told_as_fact(text: str, verdict: Verdict, profile: CaseProfile = NO_CASE) -> Verdict:
    """Support that passes on a rumour of what happened as fact ("apparently they found her,
    thank god", "il paraît qu'ils l'ont retrouvée, ouf") is the rumour, not support: nobody
    the police can reach saw it (hearsay.py). Asked ("...is that true?"), it is no support
    either way: only a statement is turned."""
    if verdict.label != "support" or "?" in text or not _MAYBE_STATUS(text):
        return verdict
    words = _rumour_told(text)
    if words is None:
        return verdict
    reason = REASONS[profile.language]["rumour"].format(words)
    return verdict._replace(label="spam", reasons=(reason, *verdict.reasons)[:8])


@lru_cache(maxsize=4096)
def _rumour_told(text: str) -> str | None:
    """The words of a rumour of what happened told in `text` ("apparently"), or None (kind
    replies come by the thousand, most of them copies: each text is read once)."""
    folded = fold(text)
    heard = hearsay(folded)
    if heard is None or heard[0] != "rumour" or not _STATUS.search(folded):
        return None
    return own_words(text, heard[1])


def campaign_profile(campaign: Any, registry: Any) -> CaseProfile:
    """The profile of a loaded campaign, its reasons in the lead agency's language."""
    languages = []
    for key in campaign.agencies:
        try:
            languages.append(registry.get(key).language)
        except Exception:
            continue
    lead = languages[0] if languages else "en"
    with contextlib.suppress(Exception):
        lead = registry.get(campaign.lead).language
    return case_profile(campaign, lead, languages)


def stored_campaign_profile(path: str | None, registry: Any) -> CaseProfile:
    """The profile of the campaign file a stored campaign came from; without the file
    (moved, or no longer valid), no profile: tracking goes on with the cues of elsewhere."""
    from pathlib import Path

    from broadcaster.authoring.campaigns import load_campaign
    from broadcaster.errors import BroadcasterError

    if not path:
        return NO_CASE
    try:
        return campaign_profile(load_campaign(Path(path), registry), registry)
    except (BroadcasterError, OSError, ValueError):
        return NO_CASE


def profile_from_file(path: str, agencies_path: Any) -> CaseProfile:
    """`triage FILE --campaign CAMPAIGN`: the case of a campaign file (its problems are
    the campaign file's own sentences, exit 2)."""
    from pathlib import Path

    from broadcaster.authoring.agencies import load_registry
    from broadcaster.authoring.campaigns import load_campaign

    registry = load_registry(agencies_path)
    return campaign_profile(load_campaign(Path(path), registry), registry)


PROMOTE_MATCHES = 2  # words of the case an off-topic reply must name to be a tip


def promote(text: str, verdict: Verdict, profile: CaseProfile, off_topic: str) -> Verdict:
    """A reply with no cue at all ("il avait un Kia vert, garage sur Fenner") that names
    PROMOTE_MATCHES things of the case, and nothing of elsewhere, is a tip."""
    if not profile.words or not verdict.reasons or verdict.reasons[-1] != off_topic:
        return verdict
    folded = fold(text)
    words = folded.split()
    # Who or what: at least one word that describes the person or the vehicle ("Ashby
    # Road" alone is a place, not a lead); and no joke, no laugh, not the writer's own.
    if not any(w in profile.describing for w in words):
        return verdict
    matched = list(dict.fromkeys(w for w in words if w in profile.details))
    # Two words of one name ("Donnelly-Paré") are one thing of the case.
    things = {profile.quotes.get(m, m) for m in matched}
    if (
        len(things) < PROMOTE_MATCHES
        or _ADVERT.search(folded)
        or elsewhere(folded)
        or _JOKE_RE.search(folded)
        or _SURE_JOKE_RE.search(folded)
        or any(sign in text for sign in _LAUGHING)
        or _OWN_LOSS.search(folded)
        or _OWN_PEOPLE.search(folded)
    ):
        return verdict
    heard = hearsay(folded)
    if heard is not None and heard[0] == "rumour":
        # "Y paraît qu'il est déjà rentré à l'EHPAD": the case's words in a rumour nobody
        # can trace are the rumour's, not a lead (the hearsay convention, hearsay.py).
        reason = REASONS[profile.language]["rumour"].format(own_words(text, heard[1]))
        return verdict._replace(reasons=(reason, *verdict.reasons)[:8])
    quoted = ", ".join(f"'{profile.quotes.get(m, m)}'" for m in matched[:3])
    reason = REASONS[profile.language]["matches"].format(quoted)
    return verdict._replace(label="tip", reasons=(reason,), score=float(len(matched)))


def weigh_kind_words(text: str, verdict: Verdict) -> Verdict:
    """Support that rests on an emoji alone ("URGENT: repéré au show de LUMINA 🚨") and
    says it is a joke or about a stage, a screen or fiction is spam."""
    if verdict.label != "support" or not all(r.startswith(_NOT_WORDS) for r in verdict.reasons):
        return verdict
    folded = fold(text)
    if any(sign in text for sign in _LAUGHING):
        folded += " emoji laughing"
    if _NOT_MARK.search(text):
        folded += " emoji not"
    cue = elsewhere(folded)
    if cue is None:
        joke = _SURE_JOKE_RE.search(folded) or _JOKE_RE.search(folded)
        cue = _SHOWN.get(joke.group(0), joke.group(0)) if joke else None
    if (
        cue is None
        and len(folded.split()) >= EMOJI_SUPPORT_WORDS
        and any(r.startswith(("fresh account", "burst of ")) for r in verdict.reasons)
    ):
        # A sentence with no word of support, kind only by its emoji, from a fresh account
        # or a burst of them: a slogan dressed up, not a person's sympathy (a lone 🙏 has no
        # words and stays support).
        reason = "an emoji, no word of support, from a fresh account"
        return verdict._replace(label="spam", reasons=(reason, *verdict.reasons)[:8])
    if cue is None:
        return verdict
    reason = REASONS["en"]["elsewhere"].format(cue)
    return verdict._replace(label="spam", reasons=(reason, *verdict.reasons)[:8])


EMOJI_SUPPORT_WORDS = 4  # words of a reply whose only kindness is an emoji, before it is a slogan
# Reasons that are no words of support: an emoji, and the stream's own signals.
_NOT_WORDS = ("emoji: ", "fresh account", "reply ", "burst of ", "near-duplicate of ")

"""What the simulated public writes under an appeal, in English and French.

Small banks of sentence shapes with slots, combined at random so that a thread of a few
hundred replies reads like a real one: mostly support and questions, some tips (places,
times, vehicles, sometimes a photo), some abuse, some spam, and — with `--flood` — a
coordinated flood of near-identical posts from fresh accounts.
"""

from __future__ import annotations

import random
import string

TIP = {
    "en": [
        "I think I saw him {when} near {place}. {detail}",
        "Pretty sure this guy was at {place} {when}, {detail_lower}",
        "Saw someone matching this description getting into a {vehicle} on {street} {when}.",
        "He was on the {transit} {when}, got off at {place}. Calling {tip_line} now.",
        "My neighbour says a man like this has been staying at the motel on {street} "
        "for about a week.",
        "Looks a lot like a guy who works nights at {place}. Not 100% sure though.",
        "{when} at {place}: a man with that tattoo asked me for directions to the bus "
        "station. {detail}",
        "I have dashcam footage from {street} {when}, might be him. How do I send it?",
        "Just called {tip_line}. Saw him {when} walking toward {place}, grey hoodie, backpack.",
        "This looks like the man who was hanging around the playground on {street} {when}.",
        "pretty sure he was at the gas station on {street} {when}, paid cash, drove a {vehicle}",
        "Seen at {place} {when} with a woman in her 30s. They left in a {vehicle}.",
        "He came into the store where I work {when}. We have cameras. {detail}",
        "Plate started with {plate}, {vehicle}, heading north on {street} {when}.",
    ],
    "fr": [
        "Je crois l'avoir vu {when} près de {place}. {detail}",
        "Cet homme était à {place} {when}, j'en suis presque sûre.",
        "Un homme qui lui ressemble est monté dans une {vehicle} sur {street} {when}.",
        "Il était dans le {transit} {when}, il est descendu à {place}. J'appelle le {tip_line}.",
        "Mon voisin dit qu'un homme comme ça loge au motel de {street} depuis une semaine.",
        "Ressemble beaucoup à un gars qui travaille de nuit à {place}. Pas certain à 100 %.",
        "{when_cap} à {place} : un homme avec ce tatouage m'a demandé le chemin de la gare "
        "routière. {detail}",
        "J'ai une vidéo de ma caméra de bord sur {street} {when}, c'est peut-être lui. "
        "Comment l'envoyer ?",
        "Je viens d'appeler le {tip_line}. Vu {when} en direction de {place}, coton ouaté "
        "gris, sac à dos.",
        "Vu à la station-service de {street} {when}, il a payé comptant, il conduisait une "
        "{vehicle}.",
        "Il est entré au dépanneur où je travaille {when}. On a des caméras. {detail}",
        "La plaque commençait par {plate}, une {vehicle}, direction nord sur {street} {when}.",
    ],
}

QUESTION = {
    "en": [
        "Is there a reward?",
        "What number do we call if we see him?",
        "Is he considered dangerous? Should we approach?",
        "How tall is he exactly?",
        "Which neighbourhood was he last seen in?",
        "Do you have a better picture? This one is blurry.",
        "Can we call anonymously?",
        "Is this the same case as the one on the news last week?",
        "Has he been spotted outside {city}?",
        "What was he wearing when last seen?",
        "Any update on this? It's been a few days.",
        "Is there a way to send a video instead of calling?",
        "Does he have a car? What make?",
        "Why was this only posted now?",
    ],
    "fr": [
        "Y a-t-il une récompense ?",
        "Quel numéro faut-il appeler si on le voit ?",
        "Est-il dangereux ? Faut-il l'approcher ?",
        "Il mesure combien exactement ?",
        "Dans quel quartier a-t-il été vu pour la dernière fois ?",
        "Avez-vous une meilleure photo ? Celle-ci est floue.",
        "Peut-on appeler de façon anonyme ?",
        "Est-ce la même affaire qu'aux nouvelles la semaine passée ?",
        "A-t-il été vu en dehors de {city} ?",
        "Que portait-il la dernière fois qu'on l'a vu ?",
        "Du nouveau dans cette affaire ?",
        "Peut-on envoyer une vidéo au lieu d'appeler ?",
        "A-t-il une voiture ? Quelle marque ?",
    ],
}

SUPPORT = {
    "en": [
        "Shared. Hope you find him soon.",
        "Sharing 🙏",
        "RT'd, everyone in {city} please keep an eye out.",
        "Thank you for the work you do.",
        "Praying for the family. Please share.",
        "Shared on our neighbourhood group.",
        "Everyone please retweet, it takes two seconds.",
        "Hope they catch him. Stay safe everyone.",
        "Done, shared with my followers 👍",
        "Thanks for keeping us informed.",
        "Sharing for visibility.",
        "Good luck to the investigators.",
        "Shared to Facebook too. Let's get this out there.",
        "🙏🙏 sharing",
    ],
    "fr": [
        "Partagé. J'espère que vous le retrouverez vite.",
        "Je partage 🙏",
        "Partagé, tout le monde à {city}, ouvrez l'œil.",
        "Merci pour votre travail.",
        "Pensées pour la famille. Partagez svp.",
        "Partagé dans le groupe du quartier.",
        "Partagez tous, ça prend deux secondes.",
        "J'espère qu'ils vont l'attraper. Soyez prudents.",
        "C'est fait, partagé 👍",
        "Merci de nous tenir informés.",
        "Je partage pour la visibilité.",
        "Bon courage aux enquêteurs.",
    ],
}

ABUSE = {
    "en": [
        "Useless as always. Do your actual job.",
        "Maybe if you spent less time on twitter you'd have caught him already",
        "Typical. Months late and a blurry photo. Pathetic.",
        "You clowns couldn't find your own station with a map.",
        "Defund them all. This is a joke.",
        "Why should anyone help you lot? You never help us.",
        "Absolute incompetence. Shame on you.",
        "lol the cops asking twitter to do their work again",
        "Another failure by a useless department. Resign.",
        "Nobody trusts you idiots anymore.",
    ],
    "fr": [
        "Inutiles comme d'habitude. Faites votre travail.",
        "Si vous passiez moins de temps sur Twitter vous l'auriez déjà attrapé",
        "Typique. Des mois de retard et une photo floue. Pathétique.",
        "Bande de clowns, incapables de trouver quoi que ce soit.",
        "Incompétence totale. Honte à vous.",
        "Encore la police qui demande à Twitter de faire son travail",
        "Personne ne vous fait confiance, bande d'incapables.",
        "Démissionnez tous, c'est une blague.",
    ],
}

SPAM = {
    "en": [
        "Make $500 a day from home!! DM me for details 💰💰",
        "Check my profile for the best crypto signals 🚀🚀 {link}",
        "Want more followers? Visit {link}",
        "I made $12,000 last month trading with {name}. Contact her on WhatsApp",
        "FREE iPhone giveaway, click {link} before it ends!!",
        "Lose 10kg in 2 weeks with this one trick {link}",
        "Hot singles in {city} want to meet you {link}",
    ],
    "fr": [
        "Gagnez 500 $ par jour de la maison !! Écrivez-moi en privé 💰💰",
        "Les meilleurs signaux crypto sont sur mon profil 🚀🚀 {link}",
        "Plus d'abonnés ? Allez sur {link}",
        "J'ai gagné 12 000 $ le mois dernier grâce à {name}. Contactez-la sur WhatsApp",
        "iPhone GRATUIT à gagner, cliquez {link} vite !!",
    ],
}

# A coordinated flood: the same few lines copied with small changes, the same hashtags.
FLOOD_LINES = [
    "{tags} stream the new MV now 💜💜 {tags2}",
    "{tags} {tags2} 💜",
    "we love you forever {tags}",
    "{tags} VOTING IS OPEN {tags2} 🗳️💜",
    "fancam {tags}",
    "{tags2} {tags}",
]
FLOOD_TAGS = ["#StreamSunrise", "#NOVA_Comeback", "#NOVAisBack", "#Sunrise1stWin", "#NOVA"]

FIRST_NAMES = [
    "sarah",
    "mike",
    "jen",
    "dave",
    "chris",
    "amanda",
    "kev",
    "laura",
    "tom",
    "nina",
    "jules",
    "marc",
    "sophie",
    "luc",
    "emilie",
    "alex",
    "sam",
    "pat",
    "dan",
    "kim",
    "olivia",
    "noah",
    "maya",
    "ben",
    "chloe",
    "gab",
    "isa",
    "raj",
    "priya",
    "omar",
]
LAST_BITS = ["", "_", "x", "smith", "tremblay", "jones", "roy", "lee", "gagnon", "brown"]
FLOOD_NAMES = ["nova", "sunrise", "stan", "moonie", "luv", "bias", "fancam", "vote"]

PLACES = {
    "en": [
        "the Tim Hortons on Main",
        "the bus terminal",
        "the Walmart parking lot",
        "the food court at the mall",
        "Union Station",
        "the public library",
        "the laundromat on 5th",
        "the McDonald's by the highway",
        "the hospital entrance",
        "the hardware store",
        "the skate park",
        "the corner store on Elm",
    ],
    "fr": [
        "la station de métro Berri",
        "le terminus d'autobus",
        "le stationnement du Walmart",
        "l'aire de restauration du centre commercial",
        "la bibliothèque municipale",
        "la buanderie de la rue Ontario",
        "le McDonald's près de l'autoroute",
        "l'entrée de l'hôpital",
        "la quincaillerie",
        "le parc de planche à roulettes",
    ],
}
WHEN = {
    "en": [
        "this morning",
        "last night",
        "yesterday around 6pm",
        "about an hour ago",
        "on Tuesday",
        "around 3 am",
        "at lunchtime today",
        "two days ago",
    ],
    "fr": [
        "ce matin",
        "hier soir",
        "hier vers 18 h",
        "il y a environ une heure",
        "mardi",
        "vers 3 h du matin",
        "ce midi",
        "il y a deux jours",
    ],
}
STREETS = {
    "en": ["King St", "Queen St W", "Dundas", "Bloor", "5th Ave", "Route 1", "Elm Street"],
    "fr": [
        "la rue Sainte-Catherine",
        "le boulevard Saint-Laurent",
        "la rue Ontario",
        "le chemin de la Côte",
        "la route 132",
    ],
}
VEHICLES = {
    "en": ["silver Honda Civic", "black pickup", "white van", "red hatchback", "blue SUV"],
    "fr": ["Honda Civic grise", "camionnette blanche", "voiture rouge", "VUS bleu"],
}
TRANSIT = {"en": ["subway", "504 streetcar", "night bus"], "fr": ["métro", "bus de nuit"]}
DETAILS = {
    "en": [
        "He had a limp.",
        "He was wearing a Raptors cap.",
        "He seemed nervous.",
        "He had a beard now, though.",
        "He was with a dog.",
        "",
    ],
    "fr": [
        "Il boitait.",
        "Il portait une casquette des Canadiens.",
        "Il avait l'air nerveux.",
        "Il a une barbe maintenant.",
        "Il était avec un chien.",
        "",
    ],
}

BANKS = {"tip": TIP, "question": QUESTION, "support": SUPPORT, "abuse": ABUSE, "spam": SPAM}


def link(rng: random.Random) -> str:
    return "https://t.co/" + "".join(rng.choices(string.ascii_letters + string.digits, k=10))


def reply_text(label: str, language: str, rng: random.Random, *, city: str, tip_line: str) -> str:
    """One reply of this label, in `language` ("en" or "fr"; anything else reads "en")."""
    lang = language if language in ("en", "fr") else "en"
    shape = rng.choice(BANKS[label][lang])
    when = rng.choice(WHEN[lang])
    detail = rng.choice(DETAILS[lang])
    text = shape.format(
        when=when,
        when_cap=when[:1].upper() + when[1:],
        place=rng.choice(PLACES[lang]),
        street=rng.choice(STREETS[lang]),
        vehicle=rng.choice(VEHICLES[lang]),
        transit=rng.choice(TRANSIT[lang]),
        detail=detail,
        detail_lower=detail[:1].lower() + detail[1:],
        plate="".join(rng.choices(string.ascii_uppercase, k=3)),
        city=city or ("the city" if lang == "en" else "la ville"),
        tip_line=tip_line or ("Crime Stoppers" if lang == "en" else "Info-Crime"),
        link=link(rng),
        name=rng.choice(["Mrs Anna", "Linda Crypto", "Coach Marie"]),
    ).strip()
    # People type carelessly: now and then lower case, a doubled letter, no final stop.
    roll = rng.random()
    if roll < 0.15:
        text = text.lower()
    elif roll < 0.25 and text.endswith("."):
        text = text[:-1]
    return text


def flood_text(rng: random.Random, media_only: bool) -> str:
    if media_only:
        return link(rng)
    tags = rng.sample(FLOOD_TAGS, 2)
    text = rng.choice(FLOOD_LINES).format(tags=tags[0], tags2=tags[1])
    # Near-identical: a trailing character or two changes so exact-duplicate filters miss it.
    text += rng.choice(["", " ", "!", " 💜", "!!", " ."])
    return text


def username(rng: random.Random, *, flood: bool = False) -> str:
    if flood:
        base = rng.choice(FLOOD_NAMES) + rng.choice(["", "_", "4"]) + rng.choice(FLOOD_NAMES)
        return (base + str(rng.randint(100, 99999)))[:15]
    base = rng.choice(FIRST_NAMES) + rng.choice(LAST_BITS)
    if rng.random() < 0.7:
        base += str(rng.randint(1, 9999))
    return base[:15]

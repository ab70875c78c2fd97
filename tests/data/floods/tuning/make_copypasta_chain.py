"""Write tuning/flood_copypasta_chain.jsonl, the copy-paste chain flood (written blind, held
out for one run, then moved to tuning: see the folder's README).

A chain-letter flood: "Type AMEN and share", "1 share = 1 prayer", "copy and paste, don't
share", "pass this to 7 people", place chains ("add your town"), hoax warnings "copied from a
mom", and chain copies of a "sighting" nobody can trace. Every line is spam: none carries a
witness the police could reach, none insults anyone.

The templates and variant lists below were written by hand, blind (the author did not read
the classifier, its cue lists, its tests or its benchmark). This script only fills slots and
adds the noise of a real flood; it never looks at the classifier. The seed is fixed, so
`python3 tests/data/floods/tuning/make_copypasta_chain.py` rewrites the file byte for byte.
"""

# Templates stay one line each so a reader sees each chain message as it was written.
# ruff: noqa: E501

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

SEED = 20260917
OUT = Path(__file__).with_name("flood_copypasta_chain.jsonl")
FAMILY = "copypasta_chain"
ZWSP = "\u200b"
LAST_MINUTE = 720  # every case's flood window: the first 12 hours after the post

# Per case: who the chain prays for, what it wants, what a pasted "sighting" names, and the
# places a chain of towns or a hoax warning would use. Hand-written, EN and FR.
CASES: dict[str, dict[str, Any]] = {
    "cfps-2026-0917": {
        "who_en": "Ivy",
        "who_fr": "Ivy",
        "goal_en": "bring Ivy home",
        "goal_fr": "ramener Ivy à la maison",
        "seen_en": "Ivy was seen",
        "seen_fr": "Ivy aurait été vue",
        "tags": ["#FindIvy", "#RetrouvonsIvy", "#BringIvyHome"],
        "sight_en": [
            "at a rest stop on the 208 with a woman in a red coat",
            "in the back of a white pickup near Halverton",
            "at the mall food court in Colbeck Falls",
            "getting on a bus in Halverton",
            "at a motel by the Irving at exit 118",
            "by the marina holding a man's hand",
        ],
        "sight_fr": [
            "dans un char blanc sur la 208",
            "au terminus d'Halverton avec une madame",
            "proche de la passerelle à Ste-Cécile",
            "au dépanneur sur la rue Principale",
        ],
        "towns": [
            "Colbeck Falls",
            "Halverton",
            "Sainte-Cécile-de-Brume",
            "Moncton",
            "Fredericton",
            "Saint John",
            "Edmundston",
            "Bathurst",
            "Campbellton",
            "Rivière-du-Loup",
        ],
        "warn_en": [
            "A man in a van is asking kids near schools to help him find his lost puppy. DO NOT let your kids walk home alone!!",
            "They play a recording of a crying baby by the river trails to lure women and kids out.",
        ],
        "warn_fr": [
            "Un homme en van demande aux enfants proche des écoles de l'aider à trouver son chiot. Laissez PAS vos enfants revenir seuls!!",
        ],
    },
    "hfpd-2026-0314": {
        "who_en": "the Petro-Nord clerk",
        "who_fr": "le commis du Petro-Nord",
        "goal_en": "catch the man who hurt the clerk",
        "goal_fr": "pogner le gars qui a blessé le commis",
        "seen_en": "the robber was seen",
        "seen_fr": "le voleur aurait été vu",
        "tags": ["#HFPDWanted", "#JusticeForTheClerk"],
        "sight_en": [
            "sleeping in a green car behind a Walmart",
            "at a bus depot two towns over",
            "buying smokes at a gas station on Route 9 this morning",
        ],
        "sight_fr": ["dans un char vert proche du lac", "dans un motel sur la 9"],
        "towns": [
            "Harrowgate Falls",
            "Lisle",
            "Crane Lake",
            "Sainte-Aurélie-des-Monts",
            "Burlington",
            "Sherbrooke",
        ],
        "warn_en": [
            "A man in a grey hoodie is robbing gas stations at night. DON'T stop for gas after 10pm!!",
        ],
        "warn_fr": [
            "Un gars en hoodie gris vole les stations-service le soir. Arrêtez PAS mettre du gaz après 22h!!"
        ],
    },
    "sasm-2026-0209": {
        "who_en": "Maëlle",
        "who_fr": "Maëlle",
        "goal_en": "bring Maëlle home",
        "goal_fr": "ramener Maëlle à la maison",
        "seen_en": "Maëlle was seen",
        "seen_fr": "Maëlle aurait été vue",
        "tags": ["#RetrouvonsMaëlle", "#FindMaelle"],
        "sight_en": ["in a red pickup at a bus depot", "at a hockey arena with an older boy"],
        "sight_fr": [
            "dans un pick-up rouge sur un chemin de terre",
            "à l'aréna avec un gars plus vieux",
            "au terminus d'autobus de l'autre bord de la frontière",
            "dans un Tim avec une tuque blanche",
        ],
        "towns": [
            "Sainte-Aurélie-des-Monts",
            "Val-Brûlé",
            "Sherbrooke",
            "Granby",
            "Magog",
            "Harrowgate Falls",
        ],
        "warn_en": [
            "Teen boys in pickups are offering rides to girls after school. Talk to your daughters!!"
        ],
        "warn_fr": [
            "Des gars en pick-up offrent des lifts aux jeunes filles après l'école. Parlez-en à vos filles!!",
            "Un gars se fait passer pour un ami de la famille à la sortie des écoles.",
        ],
    },
    "gbel-2026-0505": {
        "who_en": "Noé",
        "who_fr": "Noé",
        "goal_en": "bring Noé home",
        "goal_fr": "ramener Noé chez lui",
        "seen_en": "Noé was seen",
        "seen_fr": "Noé aurait été vu",
        "tags": ["#DisparitionNoé"],
        "sight_en": ["at a skatepark by the sea", "on a coach with a man in his 30s"],
        "sight_fr": [
            "dans un car avec un homme d'une trentaine d'années",
            "au skatepark près du port",
            "sur une plage avec sa trottinette",
            "dans un centre commercial avec une fille",
        ],
        "towns": ["Belmarais", "Port-Salvan", "Montpellier", "Sète", "Béziers", "Nîmes"],
        "warn_en": ["Strangers are messaging teens in online games to meet them at bus stations."],
        "warn_fr": [
            "Des inconnus contactent les ados sur les jeux en ligne pour leur donner rendez-vous à la gare routière.",
        ],
    },
    "lcso-2026-0822": {
        "who_en": "the cyclist from Ashby Road",
        "who_fr": "le cycliste du chemin Ashby",
        "goal_en": "find the driver who hit the cyclist",
        "goal_fr": "trouver la conductrice qui a frappé le cycliste",
        "seen_en": "the Subaru was seen",
        "seen_fr": "la Subaru aurait été vue",
        "tags": ["#CraneLakeHitAndRun", "#JusticeForTheCyclist"],
        "sight_en": [
            "at a body shop two counties over",
            "parked at a hospital with the headlight taped",
        ],
        "sight_fr": ["dans un garage de l'autre bord", "stationnée devant un hôpital"],
        "towns": [
            "Lisle",
            "Harrowgate Falls",
            "Crane Lake",
            "Burlington",
            "Sainte-Aurélie-des-Monts",
        ],
        "warn_en": [
            "A silver SUV is hitting cyclists ON PURPOSE on country roads. Stay off the back roads this week!!"
        ],
        "warn_fr": [
            "Un VUS gris frappe les cyclistes EXPRÈS sur les petites routes. Restez chez vous!!"
        ],
    },
    "prpv-2026-1103": {
        "who_en": "the grandpa from Pont-Vermeil",
        "who_fr": "le grand-papa de Pont-Vermeil",
        "goal_en": "catch the guy who took grandpa's car",
        "goal_fr": "pogner le gars qui a volé le char du grand-papa",
        "seen_en": "the white RAV4 was seen",
        "seen_fr": "le RAV4 blanc aurait été vu",
        "tags": ["#VolAutoVermeil", "#VermeilCarjacking"],
        "sight_en": ["at a truck stop on the highway", "crossing the bridge with two guys in it"],
        "sight_fr": [
            "dans un stationnement de centre d'achats",
            "sur l'autoroute avec deux gars dedans",
        ],
        "towns": ["Pont-Vermeil", "Kessick Mills", "Tamarack", "Pointe-aux-Chênes", "Rimouski"],
        "warn_en": [
            "Guys with knives are stealing seniors' cars in grocery store parking lots. Warn your parents!!"
        ],
        "warn_fr": [
            "Des gars volent les chars des personnes âgées dans les stationnements d'épicerie avec un couteau. Avertissez vos parents!!",
        ],
    },
}

# Hand-written chain templates. Slots are filled from CASES and the variant lists below.
# (template id, text, share of copies that carry an image: chain "pictures" to copy)
TEMPLATES_EN: list[tuple[str, str, float]] = [
    (
        "cce01",
        "Type AMEN if you want to {goal_en} 🙏 and SHARE. If you scroll past you have no heart 💔",
        0.0,
    ),
    ("cce02", "1 share = 1 prayer for {who_en}. RT to {goal_en} {emo}", 0.0),
    (
        "cce03",
        "Copy and paste, don't share: {tag} {who_en} still needs us. Shares get hidden by the algorithm so COPY PASTE this to your page",
        0.0,
    ),
    (
        "cce04",
        "I saw this on my feed, copy paste to help: {seen_en} {sight_en} {when_en}. Don't break the chain!!",
        0.0,
    ),
    (
        "cce05",
        "If this gets {k}k shares the police HAVE to {force_en}. Don't let it stop with you 👇",
        0.0,
    ),
    (
        "cce06",
        "Not asking for money, just 1 minute of your time. Type '{word_en}' and copy this to 10 groups. {who_en} 💔",
        0.0,
    ),
    (
        "cce07",
        "⚠️ COPIED FROM A MOM IN {town_up} ⚠️ {warn_en} Please copy and paste to warn other parents",
        0.1,
    ),
    (
        "cce08",
        "The algorithm is hiding {who_en}. Comment a {single} so this reaches {k}000 people. Sharing doesn't work anymore, COPY IT",
        0.0,
    ),
    ("cce09", "Day {d} of copy-pasting until we {goal_en}. Keep the chain alive 🔗", 0.0),
    (
        "cce10",
        "Pass this to 7 people in the next 7 minutes and your wish comes true tonight. Ignore it and it's 7 years of bad luck. {who_en} is counting on you",
        0.0,
    ),
    ("cce11", "I'm not crying, YOU are 😭 Copy this to your wall for {who_en} {hearts}", 0.5),
    ("cce12", "Let's see how far this goes! 📍{town} Add your town and copy: {towns}", 0.0),
    ("cce13", "PLEASE DON'T SCROLL!! {who_en} could be your family. RT + reply DONE 🙏🙏🙏", 0.3),
    ("cce14", "They are DELETING this post. Copy paste before it's gone: {tag} {tag2}", 0.2),
    ("cce15", "Tag 5 friends who would never stop looking for you 👇 {tag}", 0.0),
    (
        "cce16",
        "One like = one candle 🕯️ One share = one search party. Scroll past = {guilt_en}",
        0.1,
    ),
    (
        "cce17",
        "✨ AMEN ✨ if you believe we will {goal_en} by {day_en}. 🙏 God sees who scrolls past.",
        0.4,
    ),
    ("cce18", "Copy and paste this, 99% won't: 'I stand with {who_en}. {tag}'", 0.0),
    (
        "cce19",
        "My friend who works {job_en} says copy-paste instead of sharing because shares get blocked. {tag} 🙏",
        0.0,
    ),
    (
        "cce20",
        "Reply with your city so we know how far this got! 🌍 {town} here, copying now {emo}",
        0.0,
    ),
    ("cce21", "Retweeted 👉 now YOUR turn. Don't break the chain for {who_en}. {counter}", 0.0),
    (
        "cce22",
        "Forwarded many times: {seen_en} {sight_en}, {when_en}. Copy, don't share, they are blocking the shares. {tag}",
        0.0,
    ),
    (
        "cce23",
        "If you're reading this you've been chosen 🙏 Copy it within 1 hour and {who_en} gets one more prayer. Break the chain and God will know",
        0.2,
    ),
    ("cce24", "REAL mothers copy this. Fake ones scroll. Let's see who's real ➡️ {tag}", 0.0),
]

TEMPLATES_FR: list[tuple[str, str, float]] = [
    (
        "ccf01",
        "Tape AMEN si tu veux {goal_fr} 🙏 pis partage. Si tu passes tout droit t'as pas de cœur 💔",
        0.0,
    ),
    (
        "ccf02",
        "Copiez-collez, ne partagez pas : {tag} {who_fr} a encore besoin de nous. Facebook cache les partages!!",
        0.0,
    ),
    ("ccf03", "1 partage = 1 prière pour {who_fr} 🙏🙏", 0.1),
    (
        "ccf04",
        "Vu sur mon fil, copiez-collez pour aider : {seen_fr} {sight_fr} {when_fr}. Brisez pas la chaîne!!",
        0.0,
    ),
    (
        "ccf05",
        "Si on atteint {k} 000 partages la police va être obligée de {force_fr}. Que ça s'arrête pas avec toi 👇",
        0.0,
    ),
    (
        "ccf06",
        "⚠️ COPIÉ D'UNE MAMAN DE {town_up} ⚠️ {warn_fr} Copiez-collez pour avertir les autres parents",
        0.1,
    ),
    ("ccf07", "Écris « {word_fr} » en commentaire pis copie ça dans 10 groupes. {who_fr} 💔", 0.0),
    ("ccf08", "Jour {d} de copier-coller jusqu'à ce qu'on puisse {goal_fr} 🔗", 0.0),
    (
        "ccf09",
        "Envoie ça à 7 personnes dans les 7 prochaines minutes sinon c'est 7 ans de malchance. {who_fr} compte sur toi",
        0.0,
    ),
    (
        "ccf10",
        "L'algorithme cache {who_fr}!! Mets un {single} en commentaire pour que ça monte. PARTAGER MARCHE PLUS, COPIEZ",
        0.0,
    ),
    ("ccf11", "Identifie 5 amis qui te chercheraient jusqu'au bout 👇 {tag}", 0.0),
    ("ccf12", "On veut voir jusqu'où ça va! 📍{town} Ajoute ta ville pis copie : {towns}", 0.0),
    (
        "ccf13",
        "Amen 🙏 si tu crois qu'on va {goal_fr} d'ici {day_fr}. Dieu voit ceux qui passent sans s'arrêter.",
        0.4,
    ),
    (
        "ccf14",
        "Ils SUPPRIMENT cette publication. Copiez-collez avant qu'elle disparaisse : {tag} {tag2}",
        0.2,
    ),
    (
        "ccf15",
        "Je pleure pas, c'est toi qui pleures 😭 Copie ça sur ton mur pour {who_fr} {hearts}",
        0.5,
    ),
    (
        "ccf16",
        "Les VRAIES mamans copient ça. Les autres scrollent. On va voir qui est vraie ➡️ {tag}",
        0.0,
    ),
]

EMO = [
    "🙏",
    "🙏🙏🙏",
    "💔💔",
    "❤️❤️❤️",
    "😭😭",
    "🕯️🕯️🕯️",
    "🔗🔗",
    "📢📢📢",
    "👇👇👇",
    "✨🙏✨",
    "💛💛💛💛",
    "🥺🙏",
]
HEARTS = ["❤️❤️❤️", "❤️🧡💛💚💙💜", "💔💔💔💔", "🤍🤍", "❤️‍🩹❤️‍🩹"]
SINGLE = ["🙏", "❤️", "🕯️", "💛", "🔗"]
FORCE_EN = [
    "keep searching all night",
    "release the full video",
    "put it on the national news",
    "bring in the army",
    "read every comment",
    "open the file again",
]
FORCE_FR = [
    "chercher toute la nuit",
    "sortir la vidéo au complet",
    "passer ça aux nouvelles nationales",
    "faire venir l'armée",
    "lire tous les commentaires",
]
WORD_EN = ["AMEN", "HOME", "PRAYING", "SAFE", "DONE", "I CARE"]
WORD_FR = ["AMEN", "PRIÈRE", "ON Y CROIT", "JE PARTAGE", "FAIT"]
GUILT_EN = [
    "you don't care",
    "you're part of the problem",
    "no heart",
    "bad luck for a year",
    "you'd want someone to share for YOUR kid",
]
DAY_EN = ["Sunday", "tomorrow", "tonight", "the weekend", "Friday"]
DAY_FR = ["dimanche", "demain", "à soir", "la fin de semaine", "vendredi"]
WHEN_EN = [
    "last night around 9",
    "this morning at 6",
    "2 hours ago",
    "at 3am",
    "yesterday",
    "an hour ago",
]
WHEN_FR = ["hier soir vers 21h", "à matin vers 6h", "y a 2 heures", "à 3h du matin", "hier"]
JOB_EN = [
    "in IT at a big tech company",
    "at the news station",
    "for the phone company",
    "at a call centre",
    "in social media marketing",
]
COUNTER_EN = ["x{n}", "#{n}", "({n})", "copy {n}", "{n} copies and counting", "🔁{n}"]
COUNTER_FR = ["x{n}", "#{n}", "({n})", "copie {n}", "{n} copies pis ça continue", "🔁{n}"]

# Handle stems: cause and prayer accounts, in English and in French. Look-alike siblings are
# made from them (0 for o, I for l, 1 for i, 3 for e, a trailing _).
STEMS_EN = [
    "prayfor",
    "amenwarrior",
    "blessedmama",
    "angelwings",
    "chainmom",
    "sharethelight",
    "justice4",
    "mamabear",
    "grandmaprays",
    "hopenotfear",
    "faithfulgal",
    "lightforkids",
    "savethekids",
    "kindnessmatters",
    "jesussaves",
    "godisgood",
    "bringthemhome",
    "copypastequeen",
    "prayingnana",
    "heartofgold",
]
STEMS_FR = [
    "priere",
    "ange",
    "mamanpartage",
    "foi_espoir",
    "mamie",
    "partagez",
    "amen_qc",
    "lumiere",
    "coeurdemaman",
    "jamaislesoublier",
    "espoir",
    "enfantsperdus",
]

# Waves: (case, first minute, replies, share of English lines). Hand-set: the new case gets
# the most, every other case in cases.json gets at least one wave on its own clock.
WAVES: list[tuple[str, int, int, float]] = [
    ("cfps-2026-0917", 35, 110, 0.70),
    ("cfps-2026-0917", 95, 140, 0.75),
    ("cfps-2026-0917", 180, 120, 0.70),
    ("cfps-2026-0917", 260, 90, 0.65),
    ("cfps-2026-0917", 400, 130, 0.75),
    ("cfps-2026-0917", 520, 100, 0.70),
    ("hfpd-2026-0314", 60, 110, 0.80),
    ("hfpd-2026-0314", 300, 90, 0.80),
    ("sasm-2026-0209", 45, 120, 0.25),
    ("sasm-2026-0209", 240, 80, 0.30),
    ("gbel-2026-0505", 70, 100, 0.10),
    ("gbel-2026-0505", 150, 60, 0.10),
    ("lcso-2026-0822", 120, 100, 0.85),
    ("prpv-2026-1103", 30, 80, 0.45),
    ("prpv-2026-1103", 330, 70, 0.45),
]

LOOKALIKE = {"o": "0", "l": "I", "i": "1", "e": "3", "a": "4"}


def lookalike(rng: random.Random, handle: str) -> str:
    """A sibling handle that reads the same at a glance."""
    letters = [c for c in LOOKALIKE if c in handle]
    if not letters or rng.random() < 0.25:
        return handle + "_"
    c = rng.choice(letters)
    return handle.replace(c, LOOKALIKE[c], 1)


def make_accounts(rng: random.Random, stems: list[str], count: int) -> list[tuple[str, int]]:
    """Handles with fixed ages: mostly days old, a few old accounts that copy-paste too."""
    accounts: list[tuple[str, int]] = []
    seen: set[str] = set()
    while len(accounts) < count:
        stem = rng.choice(stems)
        base = stem + rng.choice(["", "_", "__"]) + str(rng.randint(1, 9999))
        for handle in (base, lookalike(rng, base)):
            if handle in seen or len(accounts) >= count:
                continue
            seen.add(handle)
            roll = rng.random()
            if roll < 0.55:
                age = rng.randint(0, 3)
            elif roll < 0.80:
                age = rng.randint(4, 30)
            elif roll < 0.90:
                age = rng.randint(31, 365)
            else:
                age = rng.randint(366, 4000)
            accounts.append(("@" + handle, age))
    return accounts


def stretch(rng: random.Random, text: str) -> str:
    """Stretch the last vowel of one word: "pleeeease", "hoooome"."""
    words = text.split(" ")
    picks = [i for i, w in enumerate(words) if any(v in w.lower() for v in "aeiou") and w.isalpha()]
    if not picks:
        return text
    i = rng.choice(picks)
    w = words[i]
    j = max(k for k, ch in enumerate(w) if ch.lower() in "aeiou")
    words[i] = w[: j + 1] + w[j] * rng.randint(2, 5) + w[j + 1 :]
    return " ".join(words)


def typo(rng: random.Random, text: str) -> str:
    """Swap two letters inside one word, as a thumb does."""
    words = text.split(" ")
    picks = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not picks:
        return text
    i = rng.choice(picks)
    w = words[i]
    j = rng.randint(1, len(w) - 3)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def with_zwsp(rng: random.Random, text: str) -> str:
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text + ZWSP
    i = rng.choice(spaces)
    return text[: i + 1] + ZWSP + text[i + 1 :]


def fill(rng: random.Random, template: str, case: dict[str, Any], lang: str) -> str:
    tags = list(case["tags"])
    towns = list(case["towns"])
    chain = rng.sample(towns, k=min(len(towns), rng.randint(3, 6)))
    town = rng.choice(towns)
    counter = rng.choice(COUNTER_EN if lang == "en" else COUNTER_FR).format(n=rng.randint(12, 4800))
    slots = {
        "who_en": case["who_en"],
        "who_fr": case["who_fr"],
        "goal_en": case["goal_en"],
        "goal_fr": case["goal_fr"],
        "seen_en": case["seen_en"],
        "seen_fr": case["seen_fr"],
        "sight_en": rng.choice(case["sight_en"]),
        "sight_fr": rng.choice(case["sight_fr"]),
        "warn_en": rng.choice(case["warn_en"]),
        "warn_fr": rng.choice(case["warn_fr"]),
        "when_en": rng.choice(WHEN_EN),
        "when_fr": rng.choice(WHEN_FR),
        "tag": rng.choice(tags),
        "tag2": rng.choice(tags) if len(tags) > 1 else "",
        "emo": rng.choice(EMO),
        "hearts": rng.choice(HEARTS),
        "single": rng.choice(SINGLE),
        "k": rng.choice([5, 10, 20, 50, 100]),
        "d": rng.randint(1, 40),
        "force_en": rng.choice(FORCE_EN),
        "force_fr": rng.choice(FORCE_FR),
        "word_en": rng.choice(WORD_EN),
        "word_fr": rng.choice(WORD_FR),
        "guilt_en": rng.choice(GUILT_EN),
        "day_en": rng.choice(DAY_EN),
        "day_fr": rng.choice(DAY_FR),
        "job_en": rng.choice(JOB_EN),
        "town": town,
        "town_up": town.upper(),
        "towns": " 📍".join(chain),
        "counter": counter,
    }
    return template.format(**slots).replace("  ", " ").strip()


def noisy(rng: random.Random, text: str, case: dict[str, Any], lang: str) -> str:
    """The noise of a real flood, each kind on a share of the copies."""
    if rng.random() < 0.15:
        text = stretch(rng, text)
    if rng.random() < 0.10:
        text = typo(rng, text)
    if rng.random() < 0.10:
        text = text.upper()
    elif rng.random() < 0.08:
        text = text.lower()
    if rng.random() < 0.35:
        text += " " + rng.choice(EMO) * rng.randint(1, 3)
    if rng.random() < 0.20:
        fmt = rng.choice(COUNTER_EN if lang == "en" else COUNTER_FR)
        text += " " + fmt.format(n=rng.randint(2, 9999))
    if rng.random() < 0.25:
        text += " " + rng.choice(list(case["tags"]))
    return text


def burst_minutes(rng: random.Random, start: int, size: int) -> list[int]:
    """Most of a wave within a few minutes, then a trickle."""
    width = rng.randint(3, 9)
    tail = rng.randint(60, 180)
    minutes = []
    for _ in range(size):
        if rng.random() < 0.82:
            m = start + rng.randint(0, width)
        else:
            m = start + width + int(rng.triangular(1, tail, 1))
        minutes.append(min(max(m, 1), LAST_MINUTE))
    return minutes


def main() -> None:
    rng = random.Random(SEED)
    accounts_en = make_accounts(rng, STEMS_EN, 130)
    accounts_fr = make_accounts(rng, STEMS_FR, 90)
    rows: list[dict[str, Any]] = []
    for case_id, start, size, en_share in WAVES:
        case = CASES[case_id]
        crew_en = rng.sample(accounts_en, k=rng.randint(18, 40))
        crew_fr = rng.sample(accounts_fr, k=rng.randint(12, 30))
        posted: dict[str, list[tuple[str, bool, str]]] = {"en": [], "fr": []}
        for minute in burst_minutes(rng, start, size):
            lang = "en" if rng.random() < en_share else "fr"
            author, age = rng.choice(crew_en if lang == "en" else crew_fr)
            earlier = posted[lang]
            if earlier and rng.random() < 0.18:
                # a verbatim copy of a line already in this wave: the point of a chain
                text, media, tid = rng.choice(earlier)
            else:
                tid, template, media_share = rng.choice(
                    TEMPLATES_EN if lang == "en" else TEMPLATES_FR
                )
                text = noisy(rng, fill(rng, template, case, lang), case, lang)
                if rng.random() < 0.05:
                    text = with_zwsp(rng, text)
                media = rng.random() < media_share
                earlier.append((text, media, tid))
            rows.append(
                {
                    "lang": lang,
                    "case": case_id,
                    "label": "spam",
                    "text": text,
                    "has_media": media,
                    "author": author,
                    "author_age_days": age,
                    "minute": minute,
                    "note": f"template {tid}",
                    "family": FAMILY,
                }
            )
    rows.sort(key=lambda r: (r["minute"], r["case"]))
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        for n, row in enumerate(rows, 1):
            out.write(json.dumps({"id": f"FCC-{n:04d}", **row}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

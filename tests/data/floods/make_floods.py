"""Expand hand-written flood templates into the flood-family JSONL files.

Written blind: nothing here reads, imports or copies the classifier
(broadcaster/responses/triage/), its cue lists, or its tests. Every template
and every variant list below was written by hand for this data set; the script
only fills the slots, adds the noise a real flood carries (emoji, counters,
case, stretched letters, look-alike handles) and times the replies in bursts.

Seeded and reproducible:

    python tests/data/floods/make_floods.py     # rewrites the six flood files

Output fields: id, lang, case, label, text, has_media, author, author_age_days,
minute, note, family.  `note` names the template (e.g. "template kp07") so a
reader can group the copies of one template.
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- the invented cases (see cases.json) and what a flood borrows from them ---
CASES = {
    "hfpd-2026-0314": dict(
        en_him="him",
        fr_him="le",
        en_who="the guy",
        fr_who="le gars",
        tag="#HFPDWanted",
        agency="HarrowgateFallsPD",
        city="Harrowgate Falls",
        thing="green Kia Soul",
        fr_thing="le Kia vert",
    ),
    "sasm-2026-0209": dict(
        en_him="her",
        fr_him="la",
        en_who="the girl",
        fr_who="la petite",
        tag="#RetrouvonsMaëlle",
        agency="PoliceStAurelie",
        city="Sainte-Aurélie",
        thing="red pickup",
        fr_thing="le pick-up rouge",
    ),
    "gbel-2026-0505": dict(
        en_him="him",
        fr_him="le",
        en_who="the kid",
        fr_who="le gamin",
        tag="#DisparitionNoé",
        agency="Gendarmerie_Belmarais",
        city="Belmarais",
        thing="grey scooter",
        fr_thing="la trottinette grise",
    ),
    "lcso-2026-0822": dict(
        en_him="her",
        fr_him="la",
        en_who="the driver",
        fr_who="la conductrice",
        tag="#CraneLakeHitAndRun",
        agency="LisleCountySO",
        city="Lisle",
        thing="silver Subaru",
        fr_thing="la Subaru grise",
    ),
}
CASE_IDS = list(CASES)
# The tuning families never name the held-out thread's case (gbel-2026-0505): its hashtag,
# agency and places must reach a tuner only through heldout/. The held-out family may.
TUNING_CASES = [c for c in CASE_IDS if c != "gbel-2026-0505"]

# --- noise shared by all families ---
EMOJI_SPRINKLE = ["💙", "💜", "✨", "🔥", "😭", "💀", "🫶", "👑", "🌙", "😍", "🥺", "‼️", "💯", "🙌"]
ZWSP = "\u200b"  # zero-width space: copy-paste floods use it to dodge exact-match dedupe


def stretch(word, rng):
    """'soooo', 'pleaseeee': stretch the last vowel of a word."""
    for i in range(len(word) - 1, -1, -1):
        if word[i].lower() in "aeiouy":
            return word[: i + 1] + word[i] * rng.randint(2, 5) + word[i + 1 :]
    return word


def noisy(text, rng, caps=0.15, emoji=0.35, zw=0.06, stretch_p=0.1):
    if rng.random() < stretch_p:
        words = text.split(" ")
        k = rng.randrange(len(words))
        if words[k].isalpha():
            words[k] = stretch(words[k], rng)
        text = " ".join(words)
    if rng.random() < caps:
        text = text.upper()
    if rng.random() < emoji:
        text = text + " " + "".join(rng.choice(EMOJI_SPRINKLE) for _ in range(rng.randint(1, 4)))
    if rng.random() < zw:
        k = rng.randrange(1, max(2, len(text)))
        text = text[:k] + ZWSP + text[k:]
    return text


def copypaste(reply, seen, rng, p=0.22):
    """A flood reposts the same text verbatim: reuse an earlier reply of this wave.

    `reply` is (text, is_french, template number), so a copy keeps its language and note.
    """
    if seen and rng.random() < p:
        return rng.choice(seen[-30:])
    seen.append(reply)
    return reply


# --- accounts: fresh, look-alike, a few old hijacked ones ---
LEET = {"o": "0", "i": "1", "e": "3", "a": "4", "l": "I", "s": "5"}


def lookalike(base, rng):
    h = base
    r = rng.random()
    if r < 0.3:
        h = h + str(rng.randint(1, 9999))
    elif r < 0.5:
        h = (
            h
            + "_"
            + rng.choice(["x", "xx", "01", "02", "bot", "fan", "stan", "4ever", "official", "_"])
        )
    elif r < 0.7:
        chars = list(h)
        idx = [i for i, c in enumerate(chars) if c.lower() in LEET]
        if idx:
            i = rng.choice(idx)
            chars[i] = LEET[chars[i].lower()]
        h = "".join(chars) + str(rng.randint(0, 99))
    elif r < 0.85:
        h = h.replace("_", "") + rng.choice(["_", "__", "."]) + str(rng.randint(10, 999))
    else:
        h = rng.choice(["x", "its", "the", "real", "not"]) + h + str(rng.randint(0, 99))
    return "@" + h[: 15 + rng.randint(0, 5)]


def account_age(rng, fresh=0.8):
    if rng.random() < fresh:
        return rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 14, 20, 27])
    return rng.randint(180, 3600)  # old account, bought or hijacked


AGES = {}  # one age per handle, whichever wave or family it posts in


class Accounts:
    """A pool of handles for one wave; some accounts post several times."""

    def __init__(self, bases, rng, fresh=0.8, size=40):
        self.rng = rng
        self.pool = []
        for _ in range(size):
            handle = lookalike(rng.choice(bases), rng)
            age = AGES.setdefault(handle, account_age(rng, fresh))
            self.pool.append((handle, age))

    def pick(self):
        # skewed: the first handles of the pool post most
        k = min(int(self.rng.expovariate(1 / 8)), len(self.pool) - 1)
        return self.pool[k]


def wave_minutes(n, rng, start, burst_share=0.75, burst_len=5, tail=240):
    """Minutes since the post for n replies: most in a short burst, the rest trickle."""
    out = []
    for _ in range(n):
        if rng.random() < burst_share:
            out.append(start + int(rng.random() * burst_len))
        else:
            out.append(start + int(rng.expovariate(1 / (tail / 3))) % tail)
    return out


def fill(template, slots, rng):
    for key, values in slots.items():
        while "{" + key + "}" in template:
            template = template.replace("{" + key + "}", rng.choice(values), 1)
    return template


def case_slots(case_id, lang):
    c = CASES[case_id]
    if lang == "en":
        return {
            "him": [c["en_him"]],
            "who": [c["en_who"]],
            "tag": [c["tag"]],
            "agency": [c["agency"]],
            "city": [c["city"]],
            "thing": [c["thing"]],
        }
    return {
        "him": [c["fr_him"]],
        "who": [c["fr_who"]],
        "tag": [c["tag"]],
        "agency": [c["agency"]],
        "city": [c["city"]],
        "thing": [c["fr_thing"]],
    }


# =====================================================================
# (1) K-pop / fan-video flood. Invented groups NOVA9 and LUMINA, invented
#     members. Stans flood a trending post with fancams and voting calls.
# =====================================================================
KP_SLOTS = {
    "idol": [
        "JIWOO",
        "Jiwoo",
        "jiwoo",
        "HAEON",
        "Haeon",
        "RIN",
        "Rin",
        "SEOL",
        "Seol",
        "TAEMIN-A",
        "Yuna",
        "YUNA",
        "Dohyun",
        "DOHYUN",
    ],
    "group": ["NOVA9", "nova9", "NOVA9", "LUMINA", "Lumina", "LUMINA"],
    "song": [
        "GLASS HEART",
        "Glass Heart",
        "ECLIPSE",
        "Eclipse",
        "Paper Moon",
        "PAPER MOON",
        "Neon Tide",
        "NEON TIDE",
    ],
    "hashtag": [
        "#NOVA9",
        "#LUMINA",
        "#JIWOO",
        "#HAPPYJIWOODAY",
        "#LUMINA_ECLIPSE",
        "#GLASSHEART_MV",
        "#NOVA9_COMEBACK",
        "#HAEON",
        "#STREAM_GLASSHEART",
        "#LUMINA_IS_COMING",
        "#NOVA9_WORLDTOUR",
        "#RIN_DAY",
    ],
    "count": ["1M", "2M", "10M", "50M", "100M", "200M", "500K"],
    "day": [str(i) for i in range(2, 400)],
    "fandom": ["Novians", "novians", "Moonies", "MOONIES", "Lumis", "lumis"],
    "link": [
        "youtu.be/gh-mv-0313",
        "youtu.be/ecl1pse-mv",
        "t.co/Nv9fcm",
        "youtu.be/pmoon_4k",
        "t.co/LmNx7",
        "vote.starpoll.app/nv9",
    ],
    "award": ["Star Chart Awards", "K-Wave Choice", "Golden Disc Star Poll", "SEOULBEAT awards"],
}
KP_EN = [
    "{idol} FANCAM 4K {hashtag}",
    "{idol} fancam because you need it 😍 {hashtag}",
    "stream {song} {hashtag} {hashtag}",
    "{group} {song} MV is out NOW {link} {hashtag}",
    "day {day} of posting {idol} until he notices me {hashtag}",
    "day {day} of posting {idol} until she notices me {hashtag}",
    "{fandom} we need {count} views by friday!!! {link}",
    "VOTE {group} for {award} 🗳️ {link} {hashtag}",
    "sorry for interrupting but have you seen {idol}'s high note?? {hashtag}",
    "ok but {idol} in this fancam 😭😭 {hashtag}",
    "{group} ARE THE KINGS OF KPOP {hashtag}",
    "{group} ARE THE QUEENS OF KPOP {hashtag}",
    "i'm just here to drop {idol} {hashtag}",
    "{idol} best boy {hashtag} {hashtag}",
    "{idol} best girl {hashtag} {hashtag}",
    "everyone stop what you're doing and watch {song} {link}",
    "{fandom} assemble 🚨 trend {hashtag}",
    "this tweet is now a {idol} fancam account {hashtag}",
    "hi! {song} streaming party tonight 8pm KST {hashtag}",
    "#{idol}Day trending worldwide let's gooo {hashtag}",
    "no context {idol} {hashtag}",
    "{idol} {idol} {idol} {hashtag}",
    "{group} {song} {count} views 🎉🎉 thank you {fandom} {hashtag}",
    "reply with your fav {idol} era 👇 {hashtag}",
    "{idol} ate and left no crumbs {hashtag}",
    "POV: {idol} looks at you {hashtag}",
    "justice for {idol}'s lines in {song} {hashtag}",
    "we stan {group} in this house {hashtag}",
    "{idol} nation rise 🫡 {hashtag}",
    "drop a 💙 if you're streaming {song} {hashtag}",
]
KP_FR = [
    "FANCAM DE {idol} 4K {hashtag}",
    "streamez {song} svp {hashtag}",
    "{group} {song} le clip est SORTI {link} {hashtag}",
    "jour {day} à poster {idol} jusqu'à ce qu'il me remarque {hashtag}",
    "votez {group} aux {award} 🗳️ {link}",
    "désolée de vous déranger mais regardez {idol} {hashtag}",
    "{idol} le plus beau je dis ça je dis rien {hashtag}",
    "{fandom} on doit faire {count} vues avant vendredi!! {link}",
    "{group} les rois de la kpop point {hashtag}",
    "petit moment {idol} pour vous {hashtag}",
    "{idol} a tout mangé {hashtag} {hashtag}",
    "ce tweet est maintenant une fancam de {idol} {hashtag}",
]
KP_BASES = [
    "jiwoo_nv9",
    "nova9_jiwoo",
    "nv9fancams",
    "lumina_moon",
    "luminaeclipse",
    "haeon_daily",
    "jiwoo_archive",
    "moonie_for_rin",
    "novian_forever",
    "nv9_streamteam",
    "jiwoo_my_sun",
    "seol_bestgirl",
    "glassheart_mv",
]


def make_kpop(rng, n):
    rows = []
    while len(rows) < n:
        case = rng.choice(TUNING_CASES)
        seen = []
        acc = Accounts(KP_BASES, rng, fresh=0.75, size=rng.randint(25, 60))
        size = rng.randint(60, 140)
        start = rng.randint(10, 400)
        for minute in wave_minutes(size, rng, start, burst_share=0.8, burst_len=rng.randint(3, 7)):
            fr = rng.random() < 0.15
            pool = KP_FR if fr else KP_EN
            t = rng.randrange(len(pool))
            text = noisy(fill(pool[t], KP_SLOTS, rng), rng, caps=0.2, emoji=0.55)
            text, fr, t = copypaste((text, fr, t), seen, rng)
            if rng.random() < 0.12:  # the alert's own hashtag, to ride its trend
                text += " " + CASES[case]["tag"]
            author, age = acc.pick()
            rows.append(
                dict(
                    lang="fr" if fr else "en",
                    case=case,
                    label="spam",
                    text=text,
                    has_media=rng.random() < 0.7,
                    author=author,
                    author_age_days=age,
                    minute=minute,
                    note=f"template kp{'f' if fr else 'e'}{t:02d}",
                    family="kpop_fancam",
                )
            )
    return rows[:n]


# =====================================================================
# (2) Joke "sightings": templated "I saw him at <place>" with fictional,
#     absurd or concert places; memes. An officer files them as spam.
# =====================================================================
JK_SLOTS = {
    "place_en": [
        "Hogwarts",
        "Bikini Bottom",
        "the Krusty Krab",
        "Narnia",
        "Area 51",
        "Mordor",
        "the Upside Down",
        "the Shire",
        "Wakanda",
        "Gotham",
        "Springfield Nuclear Plant",
        "Mount Olympus",
        "the Death Star",
        "the NOVA9 concert",
        "the LUMINA concert",
        "Chuck E. Cheese on Mars",
        "the Backrooms",
        "my fridge",
        "the moon",
        "Atlantis",
        "Jurassic Park",
        "Willy Wonka's factory",
        "Hell's Kitchen (the show)",
        "Fortnite Tilted Towers",
        "the Minecraft nether",
        "Shrek's swamp",
        "my ex's house",
        "IKEA at 3am",
    ],
    "place_fr": [
        "à Poudlard",
        "à Bikini Bottom",
        "à Narnia",
        "dans la zone 51",
        "au Mordor",
        "chez Dora l'exploratrice",
        "au concert de NOVA9",
        "au show de LUMINA",
        "au Pays imaginaire",
        "à l'Atlantide",
        "dans la Comté",
        "à Gotham",
        "sur la lune",
        "dans mon frigo",
        "chez Shrek",
        "dans Minecraft",
        "à Fort Boyard",
        "chez le Père Noël",
        "au pôle Nord",
        "dans les Backrooms",
        "au village des Schtroumpfs",
        "chez Tintin à Moulinsart",
        "au Krusty Krab",
        "a la cabane a sucre de Shrek",
        "au Colisée de Lisle pour LUMINA",
    ],
    "doing_en": [
        "eating a burrito",
        "doing a TikTok dance",
        "buying 40 lottery tickets",
        "riding a unicorn",
        "crying",
        "signing autographs",
        "screaming for JIWOO",
        "stealing a shopping cart",
        "playing bingo with grandmas",
        "running for mayor",
        "in a Spider-Man costume",
        "doing the worm",
        "on a jet ski",
        "feeding ducks",
    ],
    "doing_fr": [
        "en train de manger une poutine",
        "en train de faire un TikTok",
        "sur une licorne",
        "en train de pleurer",
        "en train de chanter du NOVA9",
        "déguisé en Spider-Man",
        "en train de jouer au bingo",
        "en jet ski",
        "en train de nourrir des canards",
        "en train de faire la queue au McDo",
        "en train de danser la macarena",
    ],
    "time": [
        "3am",
        "yesterday",
        "last night",
        "5 min ago",
        "in 2009",
        "next tuesday",
        "in my dreams",
        "during the eclipse",
    ],
    "time_fr": [
        "à 3h du mat",
        "hier",
        "cette nuit",
        "y'a 5 min",
        "en 2009",
        "mardi prochain",
        "dans mes rêves",
    ],
    "lol": [
        "😂",
        "🤣",
        "💀",
        "😭",
        "lmao",
        "lmaooo",
        "lol",
        "💀💀",
        "🤣🤣🤣",
        "jk",
        "(not)",
        "trust",
        "fr fr",
    ],
    "lol_fr": ["😂", "🤣", "mdr", "ptdr", "💀", "ptdrrr", "jpp", "mdrrr", "😭", "(non)", "jure"],
}
JK_EN = [
    "I saw {him} at {place_en} {lol}",
    "saw {him} at {place_en} {time} {doing_en} {lol}",
    "spotted {who} at {place_en} {lol}",
    "pretty sure i saw {him} {doing_en} at {place_en} {lol}",
    "{who} is at {place_en}, go get {him} {lol}",
    "TIP: {place_en}, {time}. {doing_en}. you're welcome {agency} {lol}",
    "found {him}: {place_en} {lol}",
    "he's behind you 👀",
    "she's behind you 👀",
    "it was me all along {lol}",
    "i know where {who} is. {place_en}. {lol}",
    "{who} was {doing_en} next to me at {place_en} {time} {lol}",
    "just saw the {thing} parked at {place_en} {lol}",
    "the {thing} is at {place_en}, trust me bro {lol}",
    "me and the boys saw {him} at {place_en} {lol}",
    "witness statement: {place_en}. {time}. {doing_en}. thats all {lol}",
    "I am {who} AMA {lol}",
    "{who} really said 'see you at {place_en}' {lol}",
    "confirmed sighting at {place_en} 🚨🚨 {lol}",
    "my cousin saw {him} at {place_en} {doing_en} {lol}",
    "breaking: {who} spotted at {place_en} {lol} {tag}",
    "ok who's gonna tell them {who} is at {place_en} {lol}",
]
JK_FR = [
    "je l'ai vu {place_fr} {lol_fr}",
    "je l'ai vue {place_fr} {time_fr} {lol_fr}",
    "vu {who} {place_fr} {time_fr} {doing_fr} {lol_fr}",
    "{who} est {place_fr}, allez-y {lol_fr}",
    "je sais où est {who}: {place_fr} {lol_fr}",
    "il est derrière toi 👀",
    "elle est derrière toi 👀",
    "c'était moi depuis le début {lol_fr}",
    "témoignage: {place_fr}, {time_fr}, {doing_fr}. voilà {agency} {lol_fr}",
    "j'ai vu {thing} {place_fr} {lol_fr}",
    "mon cousin l'a vu {place_fr} {doing_fr} {lol_fr}",
    "URGENT: {who} repéré {place_fr} 🚨 {lol_fr}",
    "j'ai vu {who} {doing_fr} {place_fr} {lol_fr}",
    "ben voyons, {who} est {place_fr} tout le monde le sait {lol_fr}",
]
# French places carry their own preposition.
JK_BASES = [
    "memelord",
    "shitpost_king",
    "lolcat",
    "justjoking",
    "ratio_boy",
    "troll_hf",
    "clown_world",
    "bruh_moment",
    "ptdr_man",
    "mdr_queen",
    "blague_qc",
    "meme_fr",
    "dankmemer",
    "notacop",
    "witness_lol",
]


def make_jokes(rng, n):
    rows = []
    while len(rows) < n:
        case = rng.choice(TUNING_CASES)
        seen = []
        acc = Accounts(JK_BASES, rng, fresh=0.6, size=rng.randint(20, 50))
        size = rng.randint(40, 100)
        start = rng.randint(5, 300)
        for minute in wave_minutes(
            size, rng, start, burst_share=0.65, burst_len=rng.randint(4, 10)
        ):
            fr = rng.random() < 0.45
            pool = JK_FR if fr else JK_EN
            t = rng.randrange(len(pool))
            slots = dict(JK_SLOTS, **case_slots(case, "fr" if fr else "en"))
            text = noisy(fill(pool[t], slots, rng), rng, caps=0.1, emoji=0.2)
            text, fr, t = copypaste((text, fr, t), seen, rng)
            author, age = acc.pick()
            rows.append(
                dict(
                    lang="fr" if fr else "en",
                    case=case,
                    label="spam",
                    text=text,
                    has_media=rng.random() < 0.15,
                    author=author,
                    author_age_days=age,
                    minute=minute,
                    note=f"template jk{'f' if fr else 'e'}{t:02d}: joke sighting, not a tip",
                    family="joke_sightings",
                )
            )
    return rows[:n]


# =====================================================================
# (3) Giveaway and crypto bots (HELD OUT). Impersonates agencies with
#     look-alike handles, fake rewards, airdrops, "DM me".
# =====================================================================
GV_SLOTS = {
    "prize": [
        "$500 gift card",
        "$1,000 Visa card",
        "iPhone 17",
        "PS6",
        "$250 Amazon card",
        "MacBook",
        "$5,000",
        "Tesla gift card",
        "1 ETH",
        "0.05 BTC",
        "$2,500 cash",
    ],
    "prize_fr": [
        "carte cadeau de 500 $",
        "iPhone 17",
        "PS6",
        "1 000 €",
        "carte Amazon de 250 €",
        "MacBook",
        "1 ETH",
        "0,05 BTC",
    ],
    "coin": ["$NOVA", "$MOON", "$PEPE9", "$SAFEDOGE", "$HFX", "$TIPCOIN", "$COPCOIN", "$AMBER"],
    "link": [
        "bit.ly/win-now-26",
        "tinyurl.com/claim-prize7",
        "t.me/x100signals",
        "t.me/cryptoqc_vip",
        "airdrop-claim.xyz",
        "eth-bonus.live",
        "claim-reward-now.site",
        "bit.ly/free-ip17",
        "linktr.ee/winbig_daily",
        "wallet-verify.app",
        "t.me/signaux_crypto_fr",
        "gagner-vite.fr.to",
        "reward-tip-line.help",
        "hf-reward-form.site",
    ],
    "n": [str(i) for i in (3, 7, 12, 15, 20, 37, 48, 50, 73, 99, 100, 150, 500)],
    "pct": ["300%", "500%", "1000%", "100x", "50x", "20x"],
    "money": ["$4,800", "$12,000", "$900", "$3,250", "$7,700", "$15k", "$2k"],
    "money_fr": ["4 800 €", "12 000 €", "900 €", "3 250 €", "2 000 €", "15 000 $"],
}
GV_EN = [
    "🎁 GIVEAWAY 🎁 win a {prize}! like + RT + follow to enter 👉 {link}",
    "We're giving away {n} x {prize} to celebrate {n}K followers! RT to enter 🎉",
    "Only {n} spots left ⏳ claim your {prize} now {link}",
    "I made {money} this week with one trading bot 📈 DM me 'BOT'",
    "{coin} just listed 🚀 {pct} incoming, get in before it moons {link}",
    "AIRDROP LIVE 🪂 connect your wallet to claim {coin} {link}",
    "Claim your reward for sharing this alert 💰 {link}",
    "Reward for tips is now paid in crypto, claim here {link}",
    "Anyone who shares this gets a {prize} 🎁 check {link}",
    "I'm giving back to the community! First {n} to DM me get {money} 💸",
    "Stop working 9-5 🛑 my mentor showed me how to make {money}/week. DM 'INFO'",
    "Join our VIP signals, {pct} last month 📊 {link}",
    "Congrats!! you've been selected for a {prize}, verify your account {link}",
    "🔥 {coin} presale ends in {n} minutes 🔥 {link}",
    "Thank you for sharing! Tip line reward form 👉 {link}",
    "Your account is eligible for a {prize}. Confirm here {link}",
    "{n} people already claimed their {prize} today 😳 {link}",
    "Free {prize} for the first {n} who follow me and turn on notifs 🔔",
    "Bitcoin doubling event 🔁 send 0.01 get 0.02 back {link}",
    "How I turned $200 into {money} in {n} days 👇 {link}",
]
GV_FR = [
    "🎁 CONCOURS 🎁 gagne un(e) {prize_fr} ! RT + follow pour participer 👉 {link}",
    "Plus que {n} places ⏳ réclame ton {prize_fr} {link}",
    "J'ai fait {money_fr} cette semaine avec un bot de trading 📈 écris 'BOT' en DM",
    "{coin} vient d'être listé 🚀 {pct} à venir {link}",
    "AIRDROP en cours 🪂 connecte ton portefeuille pour réclamer {coin} {link}",
    "Récompense pour les partages de cet avis 💰 {link}",
    "Les récompenses pour les signalements sont versées en crypto, réclamez ici {link}",
    "Arrête de travailler pour un patron 🛑 je gagne {money_fr}/semaine. DM 'INFO'",
    "Félicitations !! tu as été sélectionné(e) pour un(e) {prize_fr}, vérifie ton compte {link}",
    "Rejoins mon groupe Telegram, {pct} le mois dernier 📊 {link}",
    "Merci pour le partage ! formulaire de récompense 👉 {link}",
    "Les {n} premiers qui me suivent gagnent un(e) {prize_fr} 🔔",
]
GV_BASES_FAKE_POLICE = [
    "HarrowgateFallsPD",
    "HarrowgateFaIlsPD",
    "HFPD_Rewards",
    "LisleCountySO",
    "LisIeCountySO",
    "PoliceStAurelie",
    "PoIiceStAurelie",
    "Gendarmerie_Belmarais",
    "Gendarmerie_BeImarais",
    "TipLine_Official",
]
GV_BASES = [
    "crypto_whale",
    "giveaway_daily",
    "win_big_now",
    "prize_drop",
    "earn_from_home",
    "btc_mentor",
    "eth_airdrop",
    "concours_fr",
    "gagne_vite",
    "trading_coach",
    "moneymindset",
    "freegifts",
]


def make_giveaway(rng, n):
    rows = []
    while len(rows) < n:
        case = rng.choice(CASE_IDS)
        bases = GV_BASES + ([CASES[case]["agency"]] * 2) + rng.sample(GV_BASES_FAKE_POLICE, 3)
        seen = []
        acc = Accounts(bases, rng, fresh=0.85, size=rng.randint(20, 45))
        size = rng.randint(40, 110)
        start = rng.randint(0, 500)
        for minute in wave_minutes(
            size, rng, start, burst_share=0.7, burst_len=rng.randint(2, 6), tail=600
        ):
            fr = rng.random() < 0.4
            pool = GV_FR if fr else GV_EN
            t = rng.randrange(len(pool))
            text = noisy(fill(pool[t], GV_SLOTS, rng), rng, caps=0.1, emoji=0.25)
            text, fr, t = copypaste((text, fr, t), seen, rng)
            if rng.random() < 0.25:
                text += " " + CASES[case]["tag"]
            author, age = acc.pick()
            rows.append(
                dict(
                    lang="fr" if fr else "en",
                    case=case,
                    label="spam",
                    text=text,
                    has_media=rng.random() < 0.2,
                    author=author,
                    author_age_days=age,
                    minute=minute,
                    note=f"template gv{'f' if fr else 'e'}{t:02d}",
                    family="giveaway_crypto",
                )
            )
    return rows[:n]


# =====================================================================
# (4) Copy-paste political slogans and hashtag hijacks. Invented local
#     politics (mayor, council, a tax); no real politician is named.
# =====================================================================
PO_SLOTS = {
    "tag_en": [
        "#TakeBackHarrowgate",
        "#LisleFirst",
        "#RecallTheMayor",
        "#BackTheBlue",
        "#DefundHFPD",
        "#NoNewTaxLisle",
        "#WakeUpHarrowgate",
        "#VoteNo9",
        "#SafeStreetsNow",
        "#Measure12",
    ],
    "tag_fr": [
        "#DehorsLeMaire",
        "#RéveilFrançais",
        "#Souveraineté2026",
        "#NonALaTaxe",
        "#GouvernementDémission",
        "#ReprenonsValBrûlé",
        "#SainteAurélieDebout",
        "#StopAuxRadars",
        "#Référendum2026",
    ],
    "pct": ["40%", "200%", "300%", "73%", "1 in 3", "half"],
    "who_en": [
        "the mayor",
        "city council",
        "Councillor Brandt",
        "the county board",
        "the governor's office",
        "the sheriff candidate",
    ],
    "who_fr": [
        "le maire",
        "le conseil municipal",
        "la préfecture",
        "le gouvernement",
        "la conseillère Duvernay",
        "la mairesse",
    ],
    "date": ["November 3", "Nov 3rd", "the 3rd", "election day"],
    "date_fr": ["le 3 novembre", "dimanche", "le jour du vote"],
}
PO_EN = [
    "Crime is up {pct} since {who_en} took office. Vote them out! {tag_en}",
    "This is what happens when you defund. {tag_en} {tag_en}",
    "Another failure of {who_en}. {tag_en}",
    "Remember this on {date}. {tag_en}",
    "RT if you're done with {who_en} {tag_en}",
    "{who_en} cares more about bike lanes than your safety. {tag_en}",
    "Harrowgate deserves better. {tag_en} {tag_en} {tag_en}",
    "Not one word from {who_en} about this. Not one. {tag_en}",
    "Copy and paste this if you agree: ENOUGH IS ENOUGH {tag_en}",
    "Vote YES on Measure 12 for more police. {tag_en}",
    "Vote NO on Measure 12, police budgets are bloated. {tag_en}",
    "They want your taxes, not your safety. {tag_en}",
    "Where is {who_en}?? hiding as usual {tag_en}",
    "Sign the petition to recall {who_en} 👉 recall-hf-now.org {tag_en}",
    "Open borders = this. {tag_en}",
    "Every single time. Wake up people. {tag_en} {tag_en}",
]
PO_FR = [
    "La criminalité a augmenté de {pct} depuis que {who_fr} est en poste. {tag_fr}",
    "Voilà le résultat, merci {who_fr}. {tag_fr}",
    "Souvenez-vous-en {date_fr}. {tag_fr}",
    "RT si t'en as marre de {who_fr} {tag_fr}",
    "Pas un mot de {who_fr} là-dessus. {tag_fr}",
    "Copiez-collez si vous êtes d'accord : ÇA SUFFIT {tag_fr}",
    "On paye des taxes pour quoi au juste ? {tag_fr} {tag_fr}",
    "Signez la pétition pour la démission de {who_fr} 👉 petition-valbrule.ca {tag_fr}",
    "Réveillez-vous bande de moutons. {tag_fr}",
    "Le peuple en a assez. {tag_fr} {tag_fr} {tag_fr}",
    "Ça arrive parce que {who_fr} a coupé dans le budget. {tag_fr}",
    "Encore un échec de {who_fr}. Votez bien {date_fr}. {tag_fr}",
]
PO_BASES = [
    "patriot_hf",
    "takebackhf",
    "lisle_first",
    "concerned_citizen",
    "truth_teller",
    "wake_up_hf",
    "citoyen_libre",
    "reveil_fr",
    "souverain_qc",
    "vote_no_9",
    "backtheblue",
    "le_peuple_dit",
]


def make_political(rng, n):
    rows = []
    while len(rows) < n:
        case = rng.choice(TUNING_CASES)
        seen = []
        acc = Accounts(PO_BASES, rng, fresh=0.55, size=rng.randint(15, 40))
        size = rng.randint(40, 90)
        start = rng.randint(20, 500)
        for minute in wave_minutes(
            size, rng, start, burst_share=0.7, burst_len=rng.randint(3, 8), tail=300
        ):
            fr = rng.random() < (0.7 if case in ("sasm-2026-0209", "gbel-2026-0505") else 0.25)
            pool = PO_FR if fr else PO_EN
            t = rng.randrange(len(pool))
            text = noisy(fill(pool[t], PO_SLOTS, rng), rng, caps=0.15, emoji=0.1, zw=0.1)
            text, fr, t = copypaste((text, fr, t), seen, rng)
            if rng.random() < 0.3:
                text += " " + CASES[case]["tag"]
            author, age = acc.pick()
            rows.append(
                dict(
                    lang="fr" if fr else "en",
                    case=case,
                    label="spam",
                    text=text,
                    has_media=rng.random() < 0.08,
                    author=author,
                    author_age_days=age,
                    minute=minute,
                    note=f"template po{'f' if fr else 'e'}{t:02d}: slogan, no information",
                    family="political_hijack",
                )
            )
    return rows[:n]


# =====================================================================
# (5) Media-only and near-empty replies. Deliberately no prayer or heart
#     emoji: a lone 🙏 from a real person is support, not flood.
# =====================================================================
MO_TEXTS = [""] * 18 + [
    ".",
    "..",
    "...",
    "👀",
    "😂",
    "💀",
    "a",
    "ok",
    "lol",
    "?",
    "up",
    "^",
    "📌",
    "🔥",
    "x",
    "w",
    "-",
    "👆",
    "1",
    "hm",
    "this",
    "💙",
    "🫠",
    "😳",
    "mdr",
    "ptdr",
    "...?",
    "👁️👄👁️",
    "🗿",
]
MO_BASES = ["user", "acc", "bot", "xq", "fan", "anon", "nv9", "lumi", "memes", "qc"]


def make_media_only(rng, n):
    rows = []
    while len(rows) < n:
        case = rng.choice(TUNING_CASES)
        acc = Accounts(MO_BASES, rng, fresh=0.85, size=rng.randint(25, 60))
        size = rng.randint(40, 100)
        start = rng.randint(5, 400)
        for minute in wave_minutes(size, rng, start, burst_share=0.8, burst_len=rng.randint(2, 5)):
            t = rng.randrange(len(MO_TEXTS))
            text = MO_TEXTS[t]
            t = 0 if text == "" else t - 17  # one note for all the empty ones
            if rng.random() < 0.12:  # only a mention of the agency or of another bot
                text = ("@" + CASES[case]["agency"]) if rng.random() < 0.5 else acc.pick()[0]
                t = 99
            fr = text in ("mdr", "ptdr") or (
                text == "" and case in ("sasm-2026-0209", "gbel-2026-0505") and rng.random() < 0.7
            )
            author, age = acc.pick()
            media = text == "" or rng.random() < 0.6
            rows.append(
                dict(
                    lang="fr" if fr else "en",
                    case=case,
                    label="spam",
                    text=text,
                    has_media=media,
                    author=author,
                    author_age_days=age,
                    minute=minute,
                    note=f"template mo{t:02d}: " + ("media only" if text == "" else "near-empty"),
                    family="media_only",
                )
            )
    return rows[:n]


# =====================================================================
# (6) Quote brigade: a pile-on of insults, copy-pasted, toward the police,
#     the family or the person in the alert. Labelled ABUSE (every
#     template insults or harasses someone); see README.
# =====================================================================
QB_SLOTS = {
    "ins_en": [
        "clowns",
        "useless",
        "pathetic",
        "morons",
        "idiots",
        "a joke",
        "incompetent",
        "losers",
        "dumb as rocks",
        "a**holes",
    ],
    "ins_fr": [
        "clowns",
        "nuls",
        "incapables",
        "bouffons",
        "cons",
        "idiots",
        "bras cassés",
        "tarés",
        "minables",
    ],
    "clown": ["🤡", "🤡🤡", "🤡🤡🤡", "🐷", "🐖", "💩", "🤮"],
}
QB_EN = [
    "ratio + {agency} are {ins_en} {clown}",
    "L + ratio + {ins_en} cops {clown}",
    "imagine asking twitter to do your job. {ins_en} {clown}",
    "{agency} couldn't find water in the ocean. {ins_en}",
    "this department is {ins_en}, quote this if you agree {clown}",
    "the parents are {ins_en}, that's why this happened",
    "bad parents, bad kid, {ins_en} family {clown}",
    "{agency} = {ins_en}. simple as",
    "who's gonna tell them they're {ins_en} {clown}",
    "ratio. {ins_en}. fire all of them",
    "blurry photo, zero info, {ins_en} as usual {clown}",
    "y'all are {ins_en} and everyone knows it {clown}",
    "quote tweeting so everyone sees what a joke {agency} is. {ins_en}",
    "{who} deserves whatever happens, {ins_en} {clown}",
    "pay your cops less, they're {ins_en} {clown}",
    "nobody's helping you {ins_en} pigs 🐷",
]
QB_FR = [
    "ratio + {agency} c'est des {ins_fr} {clown}",
    "demander à Twitter de faire votre boulot, {ins_fr} {clown}",
    "{agency} trouverait pas de l'eau dans la mer. {ins_fr}",
    "les parents sont des {ins_fr}, voilà pourquoi {clown}",
    "la police la plus {ins_fr} du pays {clown}",
    "retweetez pour montrer à quel point {agency} c'est des {ins_fr}",
    "photo floue, zéro info, {ins_fr} comme d'hab {clown}",
    "personne va vous aider bande de {ins_fr} 🐷",
    "{who} mérite ce qui lui arrive, {ins_fr} {clown}",
    "vous êtes des {ins_fr}, démissionnez tous {clown}",
]
QB_BASES = [
    "ratio_king",
    "acab_hf",
    "copwatch_lol",
    "cancel_hfpd",
    "truthbomb",
    "anti_keufs",
    "ratio_fr",
    "clownpolice",
    "nopigs",
    "quote_this",
    "brigade_qc",
]


def make_quote_brigade(rng, n):
    rows = []
    while len(rows) < n:
        case = rng.choice(TUNING_CASES)
        seen = []
        acc = Accounts(QB_BASES, rng, fresh=0.65, size=rng.randint(20, 45))
        size = rng.randint(40, 100)
        start = rng.randint(10, 300)
        for minute in wave_minutes(
            size, rng, start, burst_share=0.75, burst_len=rng.randint(3, 9), tail=200
        ):
            fr = rng.random() < (0.65 if case in ("sasm-2026-0209", "gbel-2026-0505") else 0.3)
            pool = QB_FR if fr else QB_EN
            t = rng.randrange(len(pool))
            slots = dict(QB_SLOTS, **case_slots(case, "fr" if fr else "en"))
            text = noisy(fill(pool[t], slots, rng), rng, caps=0.2, emoji=0.1)
            text, fr, t = copypaste((text, fr, t), seen, rng)
            author, age = acc.pick()
            rows.append(
                dict(
                    lang="fr" if fr else "en",
                    case=case,
                    label="abuse",
                    text=text,
                    has_media=rng.random() < 0.1,
                    author=author,
                    author_age_days=age,
                    minute=minute,
                    note=f"template qb{'f' if fr else 'e'}{t:02d}: pile-on insult",
                    family="quote_brigade",
                )
            )
    return rows[:n]


FAMILIES = [
    # (family, maker, count, seed, folder, id prefix)
    ("kpop_fancam", make_kpop, 520, 1301, "tuning", "FKP"),
    ("joke_sightings", make_jokes, 420, 1302, "tuning", "FJK"),
    ("giveaway_crypto", make_giveaway, 400, 1303, "heldout", "FGV"),
    ("political_hijack", make_political, 360, 1304, "tuning", "FPO"),
    ("media_only", make_media_only, 320, 1305, "tuning", "FMO"),
    ("quote_brigade", make_quote_brigade, 360, 1306, "tuning", "FQB"),
]


def main():
    for family, maker, count, seed, folder, prefix in FAMILIES:
        rng = random.Random(seed)
        rows = maker(rng, count)
        rows.sort(key=lambda r: (r["case"], r["minute"]))
        out = HERE / folder / f"flood_{family}.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            for i, r in enumerate(rows, 1):
                rec = {
                    "id": f"{prefix}-{i:04d}",
                    "lang": r["lang"],
                    "case": r["case"],
                    "label": r["label"],
                    "text": r["text"],
                    "has_media": r["has_media"],
                    "author": r["author"],
                    "author_age_days": r["author_age_days"],
                    "minute": r["minute"],
                    "note": r["note"],
                    "family": r["family"],
                }
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"{out.relative_to(HERE)}: {len(rows)}")


if __name__ == "__main__":
    main()

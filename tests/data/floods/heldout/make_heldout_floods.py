"""Expand hand-written templates into the held-out flood family `fresh_account_chains`.

Written blind: the author did not read the classifier, its cue lists, its tests, its
benchmarks or the other data files (only cases.json and the folder README). Every
template and variant list below was written by hand for this file; the script only
fills the slots, adds the noise a real flood carries and times the replies as bursts
plus a trickle.

The family: bursts of copy-paste chain messages and hashtag hijacks posted by fresh
accounts ("copy and paste, don't share", "RT to save her", hoax warnings, "day N of
asking", petitions, a #FreeRemyB campaign riding the alert's hashtag, and "I know
where he is, DM me, pay first" scams), in English and French, aimed at the held-out
case prpv-2026-1103 and at the four older cases. Every line is labelled spam.

Seeded and reproducible:

    python tests/data/floods/heldout/make_heldout_floods.py   # rewrites the file

Output fields: id, lang, case, label, text, has_media, author, author_age_days,
minute, note, family.  `note` names the template ("template fce07": English chain
template 7; "fcf" for French).
"""

import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "flood_fresh_account_chains.jsonl"
SEED = 20261103
FAMILY = "fresh_account_chains"
PREFIX = "FFC"
ZWSP = "\u200b"

# What a chain borrows from each invented case (cases.json). `lang` weights the
# language of the copies; `qc` picks Quebec or France wording in French templates.
CASES = {
    "prpv-2026-1103": dict(
        lang={"fr": 0.5, "en": 0.5},
        qc=True,
        tags=["#VolAutoVermeil", "#VermeilCarjacking"],
        agencies=["PoliceRegVermeil", "KessickMillsPS", "SPTamarack"],
        cities=["Pont-Vermeil", "Kessick Mills", "Tamarack"],
        en_him="him",
        en_he="he",
        fr_him="le",
        fr_he="il",
        en_who="this man",
        fr_who="cet homme",
        en_thing="white RAV4",
        fr_thing="le RAV4 blanc",
    ),
    "hfpd-2026-0314": dict(
        lang={"en": 0.85, "fr": 0.15},
        qc=True,
        tags=["#HFPDWanted"],
        agencies=["HarrowgateFallsPD", "LisleCountySO"],
        cities=["Harrowgate Falls", "Lisle"],
        en_him="him",
        en_he="he",
        fr_him="le",
        fr_he="il",
        en_who="this man",
        fr_who="cet homme",
        en_thing="green Kia Soul",
        fr_thing="le Kia vert",
    ),
    "sasm-2026-0209": dict(
        lang={"fr": 0.75, "en": 0.25},
        qc=True,
        tags=["#RetrouvonsMaëlle", "#FindMaelle"],
        agencies=["PoliceStAurelie", "PoliceValBrule"],
        cities=["Sainte-Aurélie-des-Monts", "Val-Brûlé"],
        en_him="her",
        en_he="she",
        fr_him="la",
        fr_he="elle",
        en_who="this little girl",
        fr_who="cette petite",
        en_thing="red Ford Ranger",
        fr_thing="le Ford Ranger rouge",
    ),
    "gbel-2026-0505": dict(
        lang={"fr": 1.0},
        qc=False,
        tags=["#DisparitionNoé"],
        agencies=["Gendarmerie_Belmarais", "PoliceNat_PortSalvan"],
        cities=["Belmarais", "Port-Salvan"],
        en_him="him",
        en_he="he",
        fr_him="le",
        fr_he="il",
        en_who="this boy",
        fr_who="ce gamin",
        en_thing="grey e-scooter",
        fr_thing="la trottinette grise",
    ),
    "lcso-2026-0822": dict(
        lang={"en": 0.8, "fr": 0.2},
        qc=True,
        tags=["#CraneLakeHitAndRun"],
        agencies=["LisleCountySO", "HarrowgateFallsPD"],
        cities=["Lisle", "Crane Lake", "Harrowgate Falls"],
        en_him="her",
        en_he="she",
        fr_him="la",
        fr_he="elle",
        en_who="this driver",
        fr_who="cette conductrice",
        en_thing="silver Subaru",
        fr_thing="le Subaru gris",
    ),
}

# --- hand-written templates -------------------------------------------------------
EN = {
    "fce01": "COPY AND PASTE, DON'T SHARE!! Facebook and X are hiding posts about {city}. "
    "If you care, copy it word for word. I did. {emo}",
    "fce02": "RT to save {him}!!! every retweet = one more pair of eyes {tag} {emo} RT RT RT",
    "fce03": "⚠️ WARNING ⚠️ a white van is following women out of grocery store parking lots "
    "in {city}, my friend's cousin is a nurse and says 3 victims this week. COPY THIS, "
    "the police won't tell you {emo}",
    "fce04": "Day {k} of asking why nobody in {city} is talking about this. {h1} {h2} {tag}",
    "fce05": "I'm not asking you to share. I'm asking if you have the courage to copy and "
    "paste. 97% of people won't. {emo}",
    "fce06": "Repost if you would never stay silent. Scroll past if you don't care about "
    "{city}. I know who will repost. {emo}",
    "fce07": "{h1} {h2} {h3} {tag} {h4}",
    "fce08": "this is what happens when they cut everything!!! wake up {city} {h1} {emo}",
    "fce09": "Found {him}. I know exactly where {he} is. DM me, $50 e-transfer first and I "
    "send the address. serious only {emo}",
    "fce10": "I have the address. Not posting it publicly. DM for the location, small fee for "
    "my time, cash app {cash}",
    "fce11": "Every share sends {who}'s photo to 10 more phones. Don't break the chain. "
    "{n} shares so far {emo}",
    "fce12": "Copy this into your status for 1 hour: 'I stand with {city}.' Let's see who "
    "actually reads. {emo}",
    "fce13": "THEY DELETED MY LAST POST ABOUT THIS. {h1} they don't want you to know. copy it "
    "before it's gone {emo}",
    "fce14": "Mainstream media won't cover {tag}. Only WE can spread it. Copy, paste, tag 5 "
    "friends. Chain #{k}",
    "fce15": "someone sent me this: 'if you see the {thing} do NOT approach, it's part of a "
    "ring, there are 12 more like it across the province' COPY PASTE {emo}",
    "fce16": "this is the {k}th time I post this and I'll keep going until @{agency} answers "
    "{h1} {emo}",
    "fce17": "BOOST BOOST BOOST {tag} {tag} {tag} 🔁🔁🔁",
    "fce18": "my heart can't take this anymore 💔 type AMEN and share if you want justice {h1}",
    "fce19": "pls pls pls everyone in {city} put this in your story NOW {emo} {link}",
    "fce20": "Sign the petition so this never happens again: {link} already {n} signatures {h1}",
    "fce21": "If this post gets 10k reposts @{agency} HAS to reopen the file. It's the law. "
    "Repost {emo}",
    "fce22": "I will never stop posting until we get answers. {h1} {h2} copy if you agree.",
    "fce23": "Reposting from a friend in {city}: 'this is the 3rd one this month and nobody "
    "says anything.' copy/paste don't share",
    "fce24": "ignore the haters. copy this. {tag} {h1} we are {n} strong {emo}",
    "fce25": "#FreeRemyB #FreeRemyB they locked up an innocent man while the real criminals "
    "walk free in {city}. RT {emo}",
    "fce26": "Remy B is innocent and {tag} proves it. Wake up. #FreeRemyB {h1} {emo}",
}

FR = {
    "fcf01": "COPIER-COLLER, NE PAS PARTAGER !!! Facebook cache les publications sur {city}. "
    "Si ça te touche, recopie mot pour mot {emo}",
    "fcf02": "RT pour {him} retrouver !!! chaque partage compte {tag} {emo}",
    "fcf03": "⚠️ ATTENTION ⚠️ une camionnette blanche suit les femmes dans les {parking} à "
    "{city}, la cousine de ma voisine est infirmière, 3 victimes cette semaine. COPIEZ, "
    "la police dit rien {emo}",
    "fcf04": "Jour {k} à demander pourquoi personne parle de ça à {city}. {h1} {tag}",
    "fcf05": "Je vous demande pas de partager. Je vous demande si vous avez le courage de "
    "copier-coller. 97% le feront pas. {emo}",
    "fcf06": "Trouvé ! Je sais où {he} est. Écrivez-moi en privé, 40$ par {pay} et je vous "
    "envoie l'adresse. sérieux seulement {emo}",
    "fcf07": "ILS ONT SUPPRIMÉ MON DERNIER POST. {h1} ils veulent pas qu'on sache. copiez "
    "avant que ça disparaisse {emo}",
    "fcf08": "Tapez AMEN et partagez si vous voulez la justice 💔 {h1}",
    "fcf09": "Signez la pétition pour que ça n'arrive plus jamais : {link} déjà {n} "
    "signatures {h1}",
    "fcf10": "Si ce post atteint 10 000 partages, @{agency} est OBLIGÉE de rouvrir le dossier. "
    "C'est la loi. Partagez {emo}",
    "fcf11": "quelqu'un m'a envoyé ça : « si vous voyez {thing}, approchez PAS, c'est un "
    "réseau, y'en a 12 pareils dans la région » COPIEZ COLLEZ {emo}",
    "fcf12": "{h1} {h2} {h3} {tag} {h4}",
    "fcf13": "Mettez ça dans votre story MAINTENANT svp svp {emo} {link}",
    "fcf14": "C'est la {k}e fois que je poste ça et j'arrête pas tant que @{agency} répond "
    "pas {h1} {emo}",
    "fcf15": "Réveillez-vous {city} !!! on nous cache tout {h1} {emo}",
    "fcf16": "Copiez dans votre statut pendant 1 heure : « Je suis solidaire de {city}. » "
    "On va voir qui lit vraiment. {emo}",
    "fcf17": "#LibérezRémy #FreeRemyB pendant que les vrais criminels se promènent à {city} {emo}",
    "fcf18": "Chaque partage envoie la photo de {who} sur 10 téléphones de plus. Brisez pas "
    "la chaîne. {n} partages {emo}",
}

HIJACK = {
    "en": [
        "#JusticeForAll",
        "#NotOneMore",
        "#WakeUp",
        "#SpreadTheWord",
        "#ProtectOurSeniors",
        "#ProtectOurKids",
        "#StopTheSilence",
        "#CopyDontShare",
        "#TheyKnew",
        "#EnoughIsEnough",
        "#FreeRemyB",
        "#ShareEverywhere",
        "#TruthMatters",
        "#OpenYourEyes",
    ],
    "fr": [
        "#JusticePourTous",
        "#RéveillezVous",
        "#OnVeutLaVérité",
        "#PartagezPartout",
        "#CopierColler",
        "#ProtégeonsNosAînés",
        "#ProtégeonsNosEnfants",
        "#PlusJamais",
        "#AssezCestAssez",
        "#FreeRemyB",
        "#LibérezRémy",
        "#OnNousCacheTout",
        "#BrisonsLeSilence",
    ],
}
LINKS = [
    "justice-chain.info/sign",
    "truthwave-now.site/p/",
    "petition-protegeons.site/",
    "savethem-now.info/",
    "bit.ly/3chainXq",
    "verite-cachee.site/post",
    "tinyurl.com/copy-paste-now",
]
CASHTAGS = ["$truthpay77", "$infofinder_k", "$helper4cash", "$tipsforcash22"]
EMOJI = [
    "🙏", "😭", "💔", "🔁", "📢", "⚠️", "🚨", "‼️", "😡",
    "🤬", "👇", "🔥", "❗", "💯", "✊", "👀", "🆘",
]  # fmt: skip

FIRST = [
    "linda", "sarah", "mike", "karen", "julie", "chantal", "marc", "nathalie", "kevin",
    "steph", "denise", "gab", "lea", "tommy", "ginette", "brenda", "doug", "manon",
    "kayla", "yannick", "sylvie", "brad", "emma", "ti_loup",
]  # fmt: skip
LAST = ["m", "b", "tremblay", "smith", "roy", "gagnon", "walsh", "cote", "lee", "p"]
CAUSE = [
    "JusticeFor{c}", "Truth_Seeker_{d}", "WakeUp{c}", "Patriote_{d}", "VeriteCachee{d}",
    "MamanEnColere{d}", "ConcernedMom{d}", "ProtectOurKids{d}", "OnVeutSavoir{d}",
    "RealNews{c}{d}",
]  # fmt: skip
GLYPHS = {"l": "I", "o": "0", "i": "1", "e": "3", "a": "4", "s": "5", "I": "l", "O": "0"}

# Waves: (case, first minute, replies, burst minutes). Written by hand.
WAVES = [
    ("prpv-2026-1103", 14, 70, 6),
    ("gbel-2026-0505", 20, 45, 7),
    ("hfpd-2026-0314", 30, 50, 5),
    ("sasm-2026-0209", 60, 55, 6),
    ("prpv-2026-1103", 95, 55, 4),
    ("lcso-2026-0822", 150, 50, 5),
    ("prpv-2026-1103", 260, 45, 8),
    ("hfpd-2026-0314", 400, 30, 9),
]


def lookalike(rng: random.Random, handle: str) -> str:
    """Swap one or two letters for look-alikes, or add an underscore or digit."""
    chars = list(handle)
    spots = [i for i, c in enumerate(chars) if c in GLYPHS]
    if spots and rng.random() < 0.75:
        for i in rng.sample(spots, min(len(spots), rng.choice([1, 1, 2]))):
            chars[i] = GLYPHS[chars[i]]
        return "".join(chars)
    return handle + rng.choice(["_", "__", str(rng.randint(0, 9)), "x"])


def new_handle(rng: random.Random, case: dict) -> str:
    style = rng.random()
    if style < 0.45:
        return f"{rng.choice(FIRST)}_{rng.choice(LAST)}{rng.randint(1000, 99999)}"
    if style < 0.6:
        return f"user{rng.randint(10**7, 10**8 - 1)}"
    city = rng.choice(case["cities"]).replace(" ", "").replace("-", "")
    city = city.replace("é", "e").replace("û", "u").replace("ë", "e")
    return rng.choice(CAUSE).format(c=city, d=rng.randint(1, 99))


def account_age(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.62:
        return rng.randint(0, 2)
    if r < 0.86:
        return rng.randint(3, 10)
    if r < 0.96:
        return rng.randint(11, 45)
    return rng.randint(60, 900)  # an old account taken over or sold


def emoji_run(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(EMOJI) * rng.randint(3, 8)
    return "".join(rng.choice(EMOJI) for _ in range(rng.randint(2, 7)))


def stretch(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if w.isalpha() and any(v in w for v in "aeiouAEIOU")]
    if not spots:
        return text
    i = rng.choice(spots)
    w = words[i]
    j = max(k for k, c in enumerate(w) if c in "aeiouAEIOU")
    words[i] = w[: j + 1] + w[j] * rng.randint(2, 6) + w[j + 1 :]
    return " ".join(words)


def typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    w = list(words[i])
    k = rng.randint(1, len(w) - 2)
    if rng.random() < 0.5:
        w[k], w[k + 1] = w[k + 1], w[k]
    else:
        del w[k]
    words[i] = "".join(w)
    return " ".join(words)


def add_zwsp(rng: random.Random, text: str) -> str:
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text + ZWSP
    i = rng.choice(spaces)
    return text[:i] + ZWSP + text[i:]


def fill(rng: random.Random, template: str, lang: str, case: dict) -> str:
    tags = rng.sample(HIJACK[lang], 4)
    link = rng.choice(LINKS)
    if link.endswith("/"):
        link += "".join(rng.choice("abcdefghkmnpqrstuvwxyz23456789") for _ in range(6))
    return template.format(
        tag=rng.choice(case["tags"]),
        agency=rng.choice(case["agencies"]),
        city=rng.choice(case["cities"]),
        him=case[f"{lang}_him"],
        he=case[f"{lang}_he"],
        who=case[f"{lang}_who"],
        thing=case[f"{lang}_thing"],
        n=rng.choice([rng.randint(2, 40), rng.randint(100, 9999)]),
        k=rng.randint(2, 60),
        link="https://" + link,
        h1=tags[0],
        h2=tags[1],
        h3=tags[2],
        h4=tags[3],
        emo=emoji_run(rng),
        cash=rng.choice(CASHTAGS),
        pay="virement Interac" if case["qc"] else "Paysafecard",
        parking="stationnements d'épicerie" if case["qc"] else "parkings de supermarché",
    )


def noisy(rng: random.Random, text: str, case: dict) -> str:
    if rng.random() < 0.18:
        text = stretch(rng, text)
    if rng.random() < 0.12:
        text = typo(rng, text)
    if rng.random() < 0.14:
        text = text.upper()
    if rng.random() < 0.2:
        text += " " + emoji_run(rng)
    if rng.random() < 0.1:
        counter = rng.choice([" x{}", " ({})", " #{}", " copie {}", " [{}]"])
        text += counter.format(rng.randint(2, 500))
    if rng.random() < 0.12:
        text += " " + rng.choice(case["tags"])
    return text


def minute_in_wave(rng: random.Random, start: int, burst: int) -> int:
    if rng.random() < 0.82:
        return start + round(rng.triangular(0, burst, burst * 0.25))
    return min(start + burst + round(rng.expovariate(1 / 90)), 900)


def build() -> list[dict]:
    rng = random.Random(SEED)
    ages: dict[str, int] = {}
    shared: list[str] = []  # accounts that follow the chain from case to case
    rows = []
    for case_id, start, size, burst in WAVES:
        case = CASES[case_id]
        langs = list(case["lang"])
        weights = [case["lang"][k] for k in langs]
        picks = {
            "en": rng.sample(sorted(EN), rng.randint(7, 11)),
            "fr": rng.sample(sorted(FR), rng.randint(6, 9)),
        }
        pool: list[str] = rng.sample(shared, min(len(shared), size // 10))
        while len(pool) < max(6, size // 3):
            base = new_handle(rng, case)
            pool.append(base)
            for _ in range(rng.choice([0, 0, 1, 2, 3])):
                pool.append(lookalike(rng, base))
        for h in pool:
            ages.setdefault(h, account_age(rng))
        shared.extend(rng.sample(pool, 3))
        posted: list[tuple[str, str, str]] = []
        for _ in range(size):
            lang = rng.choices(langs, weights)[0]
            table = EN if lang == "en" else FR
            ids = picks[lang]
            if posted and rng.random() < 0.13:
                text, tid, lang = rng.choice(posted)  # verbatim copy-paste
            else:
                tid = rng.choices(ids, [1 / (k + 1) for k in range(len(ids))])[0]
                text = noisy(rng, fill(rng, table[tid], lang, case), case)
                if rng.random() < 0.08:
                    text = add_zwsp(rng, text)
                posted.append((text, tid, lang))
            author = rng.choice(pool)
            rows.append(
                dict(
                    lang=lang,
                    case=case_id,
                    label="spam",
                    text=text,
                    has_media=rng.random() < 0.13,
                    author="@" + author,
                    author_age_days=ages[author],
                    minute=minute_in_wave(rng, start, burst),
                    note=f"template {tid}",
                    family=FAMILY,
                )
            )
    rows.sort(key=lambda r: (r["minute"], r["case"]))
    return [{"id": f"{PREFIX}-{i:04d}", **r} for i, r in enumerate(rows, 1)]


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    langs = Counter(r["lang"] for r in rows)
    print(
        f"{OUT.name}: {len(rows)} lines, en {langs['en']}, fr {langs['fr']}, "
        f"media {sum(r['has_media'] for r in rows)}, "
        f"distinct texts {len({r['text'] for r in rows})}, "
        f"zwsp {sum(ZWSP in r['text'] for r in rows)}"
    )
    print("per case:", dict(Counter(r["case"] for r in rows)))


if __name__ == "__main__":
    main()

"""Expand the hand-written "rumour chain" flood family (tuning only, NOT blind).

Written by the triage helper of issue #13 after reading the classifier, to try the flood
rules on a family that reads like tips one reply at a time: hearsay sightings, fake
"found / caught" news and "share before they delete it" chains, pasted by fresh and
look-alike accounts in bursts. Every template and variant list below was written by hand;
the script fills the slots, adds a real flood's noise (case, stretched letters, emoji,
counters, a zero-width space in some copies, verbatim repeats) and times waves as bursts.

    python tests/data/floods/tuning/make_rumour_chain.py   # rewrites flood_rumour_chain.jsonl

Labels: spam (a coordinated chain of hearsay; nothing an officer can follow up).
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "flood_rumour_chain.jsonl"

CASES = {
    "hfpd-2026-0314": dict(
        him="him", le="le", who="the robber", fr_who="le voleur", thing="the green Kia",
        fr_thing="le Kia vert", city="Harrowgate Falls", tag="#HFPDWanted",
    ),
    "sasm-2026-0209": dict(
        him="her", le="la", who="the girl", fr_who="la petite", thing="the red pickup",
        fr_thing="le pick-up rouge", city="Sainte-Aurélie", tag="#RetrouvonsMaëlle",
    ),
    "lcso-2026-0822": dict(
        him="her", le="la", who="the driver", fr_who="la conductrice",
        thing="the silver Subaru", fr_thing="la Subaru grise", city="Lisle",
        tag="#CraneLakeHitAndRun",
    ),
}  # fmt: skip

SOURCES_EN = [
    "my cousin's friend", "a nurse I know", "my coworker's sister", "a guy in my group chat",
    "my aunt's neighbour", "someone on the community page", "a trucker friend",
    "my friend who works dispatch",
]  # fmt: skip
SOURCES_FR = [
    "la chum de mon cousin", "une amie de ma mère", "ma belle-sœur", "un gars de la shop",
    "quelqu'un dans le groupe Facebook", "la voisine de ma tante",
]  # fmt: skip
PLACES_EN = [
    "the Walmart in town", "a rest stop on the highway", "the bus station", "the Costco",
    "a motel by the interstate", "the old quarry", "the truck stop", "the hospital parking",
]  # fmt: skip
PLACES_FR = [
    "au Walmart", "à la halte routière", "au terminus", "au Costco", "dans un motel sur la 20",
    "à la vieille carrière", "au relais des camionneurs",
]  # fmt: skip
CALLS_EN = [
    "SHARE before they delete this", "RT RT RT", "the police won't tell you this",
    "copy and paste, don't just share", "spread this everywhere", "stay inside tonight",
]  # fmt: skip
CALLS_FR = [
    "PARTAGEZ avant qu'ils suppriment", "copiez-collez, ne partagez pas",
    "la police vous le dira pas", "faites circuler", "restez chez vous ce soir",
]  # fmt: skip
LINKS = ["bit.ly/3vTruth", "tinyurl.com/caught-now", "news-local24.info/breaking", "vid.gg/x91"]

EN = [
    "{source} saw {him} at {place} last night with a man in a white van, {call}",
    "{source} says {who} was spotted at {place}, armed. {call} {tag}",
    "BREAKING: {who} caught at {place}!! video here {link} {call}",
    "UPDATE from {source}: they found {thing} at {place} and police are hiding it. {call}",
    "{source} just texted me, {who} is at {place} RIGHT NOW. {call}",
    "I heard from {source} that {thing} was seen at {place}. {call} {tag}",
    "{who} has been seen at {place}, {source} confirmed it. {call}",
    "CONFIRMED: {thing} parked at {place}, {source} took a pic. {call} {link}",
    "this is real, {source} saw {who} at {place} this morning. {call}",
    "{source} works there and saw {him}. {place}. {call} {tag}",
    "FOUND at {place}!!! thank god. {call} {link}",
    "WARNING: {who} is heading for {place}, {source} saw {thing}. {call}",
]  # fmt: skip
FR = [
    "{source} l'a vu{e} {place} hier soir avec un gars en van blanc, {call}",
    "{source} dit que {fr_who} a été vu{e} {place}. {call} {tag}",
    "URGENT : {fr_who} arrêté{e} {place}!! vidéo ici {link} {call}",
    "MISE À JOUR de {source} : ils ont retrouvé {fr_thing} {place} et la police le cache. {call}",
    "{source} vient de m'écrire, {fr_who} est {place} EN CE MOMENT. {call}",
    "CONFIRMÉ : {fr_thing} stationné{e} {place}, {source} a pris une photo. {call} {link}",
    "c'est vrai, {source} a vu {fr_who} {place} ce matin. {call}",
    "RETROUVÉ{E} {place}!!! merci mon dieu. {call} {link}",
]  # fmt: skip
EMOJI = ["🚨", "‼️", "😱", "🙏", "⚠️", "👀", "💔", "📢"]
HANDLES = [
    "truthseeker", "wakeup_news", "localwatch", "mom_of_3", "realnews", "patriot", "alerte_qc",
]  # fmt: skip


def noise(rng: random.Random, text: str) -> str:
    if rng.random() < 0.25:
        text = text.upper()
    if rng.random() < 0.3:
        words = text.split()
        i = rng.randrange(len(words))
        if words[i][-1:].isalpha():
            words[i] = words[i] + words[i][-1] * rng.randint(2, 4)
        text = " ".join(words)
    if rng.random() < 0.5:
        text += " " + "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.15:
        text += f" x{rng.randint(2, 40)}"
    if rng.random() < 0.08:
        cut = rng.randrange(1, len(text))
        text = text[:cut] + "\u200b" + text[cut:]
    return text


def main() -> None:
    rng = random.Random(2013)
    lines: list[dict[str, object]] = []
    handles: dict[str, int] = {}
    for case, slots in CASES.items():
        for _wave in range(2):
            start = rng.randint(20, 300)
            for n in range(rng.randint(40, 55)):
                french = rng.random() < (0.55 if case == "sasm-2026-0209" else 0.25)
                templates = FR if french else EN
                t = rng.randrange(len(templates))
                female = slots["him"] == "her"
                text = templates[t].format(
                    source=rng.choice(SOURCES_FR if french else SOURCES_EN),
                    place=rng.choice(PLACES_FR if french else PLACES_EN),
                    call=rng.choice(CALLS_FR if french else CALLS_EN),
                    link=rng.choice(LINKS),
                    e="e" if female else "",
                    E="E" if female else "",
                    **slots,
                )
                # One copy in eight is the one before it, verbatim.
                copied = lines and rng.random() < 0.12
                text = str(lines[-1]["text"]) if copied else noise(rng, text)
                handle = f"@{rng.choice(HANDLES)}{rng.randint(1, 999)}"
                age = handles.setdefault(handle, rng.choice([0, 1, 2, 3, 5, 9, 14, 30, 200, 900]))
                burst = n < 35
                minute = start + (rng.uniform(0, 8) if burst else rng.uniform(8, 240))
                lines.append(
                    dict(
                        lang="fr" if french else "en", case=case, label="spam", text=text,
                        has_media=rng.random() < 0.15, author=handle, author_age_days=age,
                        minute=round(minute, 1), note=f"template rc{'f' if french else 'e'}{t:02d}",
                        family="rumour_chain",
                    )
                )  # fmt: skip
    lines.sort(key=lambda r: (str(r["case"]), float(r["minute"])))  # type: ignore[arg-type]
    with OUT.open("w", encoding="utf-8") as out:
        for i, line in enumerate(lines, 1):
            out.write(json.dumps({"id": f"FRC-{i:04d}", **line}, ensure_ascii=False) + "\n")
    print(f"{len(lines)} lines -> {OUT}")


if __name__ == "__main__":
    main()

# ruff: noqa: E501  (hand-written data lines are kept whole)
"""Write flood_misidentification_mob.jsonl, the fifth blind held-out flood family.

A misidentification mob: a wave of accounts that wrongly "identify" someone (a neighbour with the
same car, a streamer, a nurse, a taxi driver) as the culprit or as the one who took the missing
person, then copy the accusation, publish his address or workplace, and pile on him.

Labels (see the README section): a line that insults, threatens, publishes where the named
person lives or works, or calls on people to go after him is **abuse**; a copy-paste accusation,
"the plate matches", "police are covering for him" or a share-call with no insult and no private
detail is **spam**. None is a tip: nobody in the wave saw anything.

Stdlib only; imports nothing from the project. It only fills hand-written slots with hand-written
values and adds flood noise. ``python3 tests/data/floods/tuning/make_misidentification_mob.py``
rewrites the file byte for byte (fixed seed).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 20261205
OUT = Path(__file__).with_name("flood_misidentification_mob.jsonl")
FAMILY = "misidentification_mob"
ZWSP = "\u200b"

# Who the mob wrongly names in each case, and the details it passes around. All invented.
CASES: dict[str, dict[str, str]] = {
    "hfpd-2026-0314": {
        "name": "Kyle Brennick",
        "handle": "@kbrennick_fishing",
        "car_en": "green Kia Soul",
        "car_fr": "Kia Soul verte",
        "plate": "CKR 4417",
        "loc_en": "on Fenner St",
        "loc_fr": "sur Fenner St",
        "work_en": "at the tire shop on Mill St",
        "work_fr": "au garage de pneus sur Mill St",
        "crime_en": "the Petro-Nord robber",
        "crime_fr": "le braqueur de la Petro-Nord",
        "tag": "#HFPDWanted",
        "agency": "@HarrowgateFallsPD",
        "fr_share": "0.2",
    },
    "sasm-2026-0209": {
        "name": "Jérémie Lussier",
        "handle": "@jlussier_17",
        "car_en": "red Ford Ranger",
        "car_fr": "Ranger rouge",
        "plate": "V38 KHL",
        "loc_en": "on rang 3 in Val-Brûlé",
        "loc_fr": "dans le rang 3 à Val-Brûlé",
        "work_en": "at the Poitras garage",
        "work_fr": "au garage Poitras",
        "crime_en": "the guy who took Maëlle",
        "crime_fr": "celui qui a enlevé Maëlle",
        "tag": "#RetrouvonsMaëlle",
        "agency": "@PoliceStAurelie",
        "fr_share": "0.75",
    },
    "gbel-2026-0505": {
        "name": "Lucas Ferrand",
        "handle": "@NightRaven_TV",
        "car_en": "black scooter",
        "car_fr": "scooter noir",
        "plate": "FX-218-KL",
        "loc_en": "in the Les Salines flats in Port-Salvan",
        "loc_fr": "à la résidence Les Salines à Port-Salvan",
        "work_en": "at the snack bar by the skatepark",
        "work_fr": "au snack du skatepark",
        "crime_en": "the online 'friend' who lured Noé",
        "crime_fr": "le soi-disant ami en ligne de Noé",
        "tag": "#DisparitionNoé",
        "agency": "@Gendarmerie_Belmarais",
        "fr_share": "0.95",
    },
    "lcso-2026-0822": {
        "name": "Debbie Harlan",
        "handle": "@debbie_h_rn",
        "car_en": "silver Subaru Outback",
        "car_fr": "Subaru Outback grise",
        "plate": "LCX 2172",
        "loc_en": "on Birchwood Dr",
        "loc_fr": "sur Birchwood Dr",
        "work_en": "at Lisle General",
        "work_fr": "à l'hôpital Lisle General",
        "crime_en": "the hit-and-run driver",
        "crime_fr": "la chauffarde de Crane Lake",
        "tag": "#CraneLakeHitAndRun",
        "agency": "@LisleCountySO",
        "fr_share": "0.15",
    },
    "prpv-2026-1103": {
        "name": "Dylan Caron",
        "handle": "@dylcaron_",
        "car_en": "black Civic",
        "car_fr": "Civic noire",
        "plate": "GTR 551",
        "loc_en": "on rue des Forges",
        "loc_fr": "sur la rue des Forges",
        "work_en": "at the Kessick Mills car wash",
        "work_fr": "au lave-auto de Kessick Mills",
        "crime_en": "the carjacker",
        "crime_fr": "le voleur du RAV4",
        "tag": "#VolAutoVermeil",
        "agency": "@PoliceRegVermeil",
        "fr_share": "0.55",
    },
    "cfps-2026-0917": {
        "name": "Wayne Pelley",
        "handle": "@wpelley_bikes",
        "car_en": "maroon Grand Caravan",
        "car_fr": "Grand Caravan bourgogne",
        "plate": "JXL 339",
        "loc_en": "on Dobbin Lane",
        "loc_fr": "sur Dobbin Lane",
        "work_en": "at Larkin's Marina",
        "work_fr": "à la marina Larkin",
        "crime_en": "the man who took Ivy",
        "crime_fr": "l'homme qui a enlevé Ivy",
        "tag": "#FindIvy",
        "agency": "@ColbeckFallsPS",
        "fr_share": "0.3",
    },
    "tvrp-2026-1121": {
        "name": "Steve Ouimet",
        "handle": "@steve_ouimet_guide",
        "car_en": "white F-150",
        "car_fr": "F-150 blanc",
        "plate": "FRB 208",
        "loc_en": "on rang Sainte-Julie",
        "loc_fr": "dans le rang Sainte-Julie",
        "work_en": "at the Pourvoirie Ouellet",
        "work_fr": "à la Pourvoirie Ouellet",
        "crime_en": "the guy hiding Darren",
        "crime_fr": "celui qui cache Darren",
        "tag": "#TessierManhunt",
        "agency": "@TessierValleyRPS",
        "fr_share": "0.35",
    },
    "gjsb-2026-1205": {
        "name": "Johan Reymond",
        "handle": "@johan_vtc_gva",
        "car_en": "white Peugeot 208",
        "car_fr": "Peugeot 208 blanche",
        "plate": "GE 481 220",
        "loc_en": "on chemin des Acacias in Vaulmont",
        "loc_fr": "au chemin des Acacias à Vaulmont",
        "work_en": "as a ride-hail driver at the airport",
        "work_fr": "comme chauffeur VTC à l'aéroport",
        "crime_en": "the guy who took Marcel",
        "crime_fr": "celui qui a embarqué Marcel",
        "tag": "#DisparitionMarcel",
        "agency": "@Gendarmerie_StJorat",
        "fr_share": "0.7",
    },
}

# Lines per case, and how many of them are hand-written (the rest come from templates).
PLAN: dict[str, tuple[int, int]] = {
    "gjsb-2026-1205": (160, 56),
    "cfps-2026-0917": (60, 18),
    "tvrp-2026-1121": (55, 17),
    "gbel-2026-0505": (50, 17),
    "sasm-2026-0209": (45, 16),
    "hfpd-2026-0314": (45, 16),
    "prpv-2026-1103": (45, 16),
    "lcso-2026-0822": (40, 16),
}

# (note id, label, has_media, text). Hand-written templates; slots come from CASES.
TEMPLATES_EN: list[tuple[str, str, bool, str]] = [
    (
        "mbe01",
        "spam",
        False,
        "THIS IS HIM. {name} {handle}. Look at his profile pics, same {car_en}. Share so everyone knows who he is",
    ),
    (
        "mbe02",
        "abuse",
        False,
        "{name} lives {loc_en}. Drives the {car_en}, plate {plate}. You know what to do",
    ),
    (
        "mbe03",
        "spam",
        False,
        "his plate matches!!! {plate} = the {car_en} from the alert. why is {agency} ignoring this??",
    ),
    (
        "mbe04",
        "spam",
        False,
        "the police are covering for {name}, they KNOW it's him. share before they delete this 👇",
    ),
    ("mbe05", "abuse", False, "{handle} you sick freak, we all know what you did. {crime_en}. rot"),
    (
        "mbe06",
        "spam",
        True,
        "screenshots of {handle}'s profile 👇 compare with the alert photo. it's HIM. RT",
    ),
    ("mbe07", "abuse", False, "everyone report {handle} and flood his DMs until he confesses"),
    (
        "mbe08",
        "spam",
        False,
        "I'm not saying it's {name} but... {car_en}, deleted all his posts last night. think about it 🤔",
    ),
    (
        "mbe09",
        "abuse",
        False,
        "{name} works {work_en}. call them and tell them they employ {crime_en}",
    ),
    (
        "mbe10",
        "spam",
        False,
        "Why has nobody arrested {name} yet?? Everyone on here already figured it out. Share share share",
    ),
    (
        "mbe11",
        "abuse",
        False,
        "if I see {name}'s {car_en} {loc_en} it's getting its windows smashed 🔨",
    ),
    (
        "mbe12",
        "spam",
        True,
        "Side by side: {handle} vs the alert. Same face. Same {car_en}. Zoom in on pic 3",
    ),
    ("mbe13", "spam", False, "{agency} check {handle}!!! how many of us have to tag you"),
    (
        "mbe14",
        "abuse",
        False,
        "{name} = {crime_en}. spread his face everywhere, he shouldn't be able to show it {loc_en} again",
    ),
    (
        "mbe15",
        "spam",
        False,
        "Copying what everyone's saying: it's {name} ({handle}). RT to make it trend",
    ),
    (
        "mbe16",
        "abuse",
        False,
        "{handle} blocked me after I asked him. guilty. creep. everyone go ask him",
    ),
    (
        "mbe17",
        "spam",
        False,
        "internet sleuths solved it faster than {agency} lol. it's {name}. share",
    ),
    (
        "mbe18",
        "spam",
        False,
        "the name is {name}. the name is {name}. the name is {name}. make it trend {tag}",
    ),
    ("mbe19", "abuse", False, "ratio {handle}. everyone knows. disgusting human being"),
    (
        "mbe20",
        "spam",
        True,
        "someone sent me this screenshot of {handle} posting that day. coincidence? share",
    ),
]

TEMPLATES_FR: list[tuple[str, str, bool, str]] = [
    (
        "mbf01",
        "spam",
        False,
        "C'EST LUI. {name} {handle}. Regardez son profil, même {car_fr}. Partagez pour que tout le monde sache qui c'est",
    ),
    (
        "mbf02",
        "abuse",
        False,
        "{name} habite {loc_fr}, il roule en {car_fr}, plaque {plate}. Vous savez ce qu'il vous reste à faire",
    ),
    (
        "mbf03",
        "spam",
        False,
        "la plaque correspond !!! {plate} = le véhicule de l'avis ({car_fr}). pourquoi {agency} fait rien ??",
    ),
    (
        "mbf04",
        "spam",
        False,
        "la police couvre {name}, ils savent que c'est lui. partagez avant qu'ils suppriment 👇",
    ),
    ("mbf05", "abuse", False, "{handle} espèce de malade, on sait tous ce que t'as fait. ordure"),
    (
        "mbf06",
        "spam",
        True,
        "captures du profil de {handle} 👇 comparez avec la photo de l'avis. c'est LUI. partagez",
    ),
    ("mbf07", "abuse", False, "signalez tous {handle} et inondez ses DM jusqu'à ce qu'il avoue"),
    (
        "mbf08",
        "spam",
        False,
        "je dis pas que c'est {name} mais... {car_fr}, il a supprimé ses posts hier soir. réfléchissez 🤔",
    ),
    (
        "mbf09",
        "abuse",
        False,
        "{name} travaille {work_fr}. appelez-les pour leur dire qu'ils emploient {crime_fr}",
    ),
    (
        "mbf10",
        "spam",
        False,
        "Pourquoi {name} est toujours pas arrêté ?? tout le monde a compris ici. partagez",
    ),
    (
        "mbf11",
        "abuse",
        False,
        "si je croise la caisse de {name} ({car_fr}) {loc_fr} elle finit sans vitres 🔨",
    ),
    (
        "mbf12",
        "spam",
        False,
        "Je recopie ce que tout le monde dit : c'est {name} ({handle}). partagez pour que ça monte",
    ),
    ("mbf13", "spam", False, "{agency} regardez {handle} !!! combien de fois faut vous taguer"),
    (
        "mbf14",
        "abuse",
        False,
        "{name} = {crime_fr}. diffusez sa tête partout, qu'il puisse plus se montrer {loc_fr}",
    ),
    (
        "mbf15",
        "spam",
        False,
        "les internautes ont trouvé avant {agency} mdr. c'est {name}. faites tourner {tag}",
    ),
    (
        "mbf16",
        "spam",
        True,
        "on m'a envoyé cette capture de {handle}, regardez la date. coïncidence ? partagez",
    ),
]

# Hand-written lines, each posted once, never template-filled: (case, lang, label, media, text).
HAND: list[tuple[str, str, str, bool, str]] = [
    # gjsb-2026-1205: the mob names a ride-hail driver from a dashcam clip, then the carer.
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "la voiture blanche du dashcam c'est une 208 de VTC, y'en a un qui habite à Vaulmont, @johan_vtc_gva. regardez ses photos de profil c'est la même",
    ),
    ("gjsb-2026-1205", "fr", "spam", False, "Johan Reymond. Retenez ce nom. Partagez"),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "Johan Reymond, chemin des Acacias, 208 blanche GE 481 220. il a embarqué le papy, allez sonner chez lui",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        True,
        "j'ai zoomé sur la vidéo du dashcam, regardez la 2e photo, c'est SA voiture, même jante abîmée. #DisparitionMarcel",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "pourquoi la gendarmerie dit rien sur le VTC?? ils le protègent c'est évident",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "@johan_vtc_gva t'as fait quoi du vieux monsieur espèce de pourriture",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "tout le monde parle du chauffeur VTC dans le groupe Vaulmont, partagez pour que la police se bouge",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "son numéro pro est sur son profil, appelez le tous, on va voir s'il dort ce soir",
    ),
    ("gjsb-2026-1205", "fr", "spam", False, "c'est lui c'est lui c'est lui 👆👆 @johan_vtc_gva"),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "un VTC qui traîne à la douane à 15h50 un samedi sans client? réfléchissez les gens",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "on a trouvé ses parents aussi, ils habitent à Saint-Jorat derrière le Lidl. la honte de la famille",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Partagez ce tweet jusqu'à ce que le VTC soit arrêté. Chaque RT compte 🔁",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "les mecs de VTC c'est tous des voleurs de toute façon, celui là on va le retrouver",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "info ou intox? il paraît que c'est le VTC de la vidéo, @johan_vtc_gva, faites tourner",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        True,
        "CAPTURES 👇 son compte avant qu'il le passe en privé. la 208, la plaque GE, tout correspond",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "il a passé son compte en privé = coupable. sale type, on a ton adresse",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "la police suisse a son nom depuis 18h et il est toujours libre. on nous cache quoi?",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Je relaie : le conducteur de la Peugeot blanche s'appelle Johan R., VTC. À vous de juger",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "si c'est ce Johan qui a fait du mal au papy il va pas faire long feu à Vaulmont 😡",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "tout correspond : heure, douane, voiture blanche. y'a pas de hasard. partagez",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "laissez un avis 1 étoile sur son profil VTC, qu'il bosse plus jamais ce kidnappeur",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "🚨🚨 LE NOM DU CHAUFFEUR CIRCULE 🚨🚨 partagez partagez",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "je connais pas le gars mais tout le monde dit que c'est lui, donc bon",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "@johan_vtc_gva balance où t'as mis le monsieur ou on vient te chercher",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Mettez son nom en commentaire sous chaque post de la gendarmerie, faut que ça remonte",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "regardez sa tête de pervers sur sa photo de profil, tout est dit",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "nouveau : c'est peut-être pas le VTC, c'est l'aide-soignante @laeti_soins74 qui a ouvert le portail, regardez ses stories",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "@laeti_soins74 t'as laissé partir un papy pour fumer ta clope, t'es une incapable, démissionne",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "Laetitia M., aide-soignante aux Glycines, habite à Chatel. elle va devoir s'expliquer",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        True,
        'capture de la story de l\'aide-soignante à 14h12 "enfin ma pause 😌" 8 minutes avant. comme par hasard',
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "la direction de l'EHPAD couvre son employée, partagez pour que la vérité sorte",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "son mec c'est Johan le VTC, ils ont fait le coup ensemble. bande de crevards",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "le VTC + l'aide-soignante. le puzzle se met en place 🧩 partagez",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "on va aller faire un tour aux Glycines demain voir la Laetitia, qui vient?",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "ils vont tout étouffer comme d'hab, l'EHPAD appartient à un groupe qui paie la mairie",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "ça fait 3 comptes différents qui disent que c'est le VTC. à un moment faut ouvrir les yeux",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "ce Johan il mérite qu'on lui crève les pneus de sa 208 de merde",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "@PoliceVaulmont vous attendez quoi pour l'interpeller le chauffeur ?? on vous a tout donné",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Johan Reymond #DisparitionMarcel Johan Reymond #DisparitionMarcel Johan Reymond",
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Selon des internautes, le suspect serait un chauffeur VTC de Vaulmont. Plus d'infos à venir 🔴",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "The white car in the dashcam clip belongs to a ride-hail driver, @johan_vtc_gva. Same car as his profile pic. Share",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "abuse",
        False,
        "Johan Reymond, chemin des Acacias, Vaulmont. White 208. If you're local, go knock on his door",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "why are the Swiss police protecting this driver? they had his name hours ago",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "abuse",
        False,
        "@johan_vtc_gva what did you do with that poor old man you creep",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        True,
        "Screenshots before he goes private 👇 his car, his plate, his route. It all fits #MissingMarcel",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "Everyone in the Geneva expat group is saying it's the Uber guy. Sharing so the police look at him",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "abuse",
        False,
        "leave 1-star reviews on that driver's page until he never works again",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "not saying he did it but a driver hanging around customs at 3:50 on a Saturday with no fare... think",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "abuse",
        False,
        "that carer who left the gate open lives in Chatel, her name is Laetitia. she should be ashamed to go outside",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "The care home is covering for its staff. Retweet until they answer",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "Johan Reymond. Say it louder for @CCPD_Leman in the back",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "abuse",
        False,
        "guys like this driver should be run out of Vaulmont. I'll happily start",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "web sleuths found the driver in 2 hours, the cops found nothing in 6. trend his name",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        True,
        "I lined up the dashcam frame with his Instagram, look at the dent on the left door 👇",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "abuse",
        False,
        "his mum's number is in his bio lol someone call her and ask what she raised",
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "copy paste: THE DRIVER IS @johan_vtc_gva. don't let this get buried",
    ),
    # cfps-2026-0917: a man with a maroon van who fixes bikes.
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "There's a guy on Dobbin Lane with a maroon van and a bike rack. @wpelley_bikes. Look at his page, it's him",
    ),
    (
        "cfps-2026-0917",
        "en",
        "abuse",
        False,
        "Wayne Pelley, Dobbin Lane, maroon Caravan. Neighbours, you know what to do tonight",
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "his plate starts JXL. the alert says JXL. what more do you people need",
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        True,
        "screenshot of his van parked at the library last month 👇 (from his own page!!)",
    ),
    ("cfps-2026-0917", "en", "abuse", False, "@wpelley_bikes you sick bearded freak give her back"),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "ColbeckFallsPS knows about Pelley and is sitting on it. why? share",
    ),
    (
        "cfps-2026-0917",
        "en",
        "abuse",
        False,
        "he works at Larkin's Marina. call the marina and get him fired tonight",
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Every mom group in Colbeck has his name now. keep sharing until he's in cuffs",
    ),
    (
        "cfps-2026-0917",
        "en",
        "abuse",
        False,
        "someone key that van. the whole town knows whose it is",
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "he changed his profile pic an hour after the alert. innocent people don't do that",
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "I don't know him but everyone says it's him so it probably is",
    ),
    (
        "cfps-2026-0917",
        "en",
        "abuse",
        False,
        "post his face in every group in New Brunswick, a man like that should never walk the river trail again",
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "c'est le gars au van bourgogne de Dobbin Lane, @wpelley_bikes. partagez de l'autre côté de la rivière aussi",
    ),
    ("cfps-2026-0917", "fr", "abuse", False, "Wayne Pelley t'es un malade, rends la petite"),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "la police de Colbeck protège ce gars là depuis des années, tout le monde le sait à Sainte-Cécile",
    ),
    ("cfps-2026-0917", "en", "spam", False, "The name is Wayne Pelley. #FindIvy #FindIvy #FindIvy"),
    (
        "cfps-2026-0917",
        "en",
        "abuse",
        False,
        "his wife posts on here too, go tell her what her husband is",
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        True,
        "side by side, his van vs the one in the alert. same rack same colour. RT",
    ),
    # tvrp-2026-1121: a hunting guide with a beard, "hiding Darren".
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "Darren's old buddy Steve Ouimet has a camp on rang Sainte-Julie. @steve_ouimet_guide. 100% he's hiding him",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "abuse",
        False,
        "Steve Ouimet, white F-150, rang Sainte-Julie. the boys are heading up there tonight",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "look at his hunting pics, same beard, same tattoo spot. maybe it's even him not a buddy. share",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "why hasn't TessierValleyRPS searched Ouimet's camp yet? makes you wonder who he knows",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "abuse",
        False,
        "@steve_ouimet_guide harbouring a cop shooter, hope you rot with him",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        True,
        "Screenshot from 2019: Ouimet and Darren holding up a moose. Friends. Draw your own conclusions",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "everyone's saying the same name in the Ferrisburg group, I'm just passing it on: Steve Ouimet",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "abuse",
        False,
        "call the pourvoirie and tell them their guide is hiding a killer, get his licence pulled",
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "c'est son chum Steve Ouimet qui le cache, y'a un camp dans le rang Sainte-Julie. partagez",
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "abuse",
        False,
        "Ouimet mon écœurant on sait que tu le caches, on monte au camp à soir",
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "la police le protège parce que son beau-frère est dans la police de St-Rémi, c'est connu",
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "Steve Ouimet. Steve Ouimet. Faites tourner le nom #ÉvasionTessier",
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "abuse",
        False,
        "si le F-150 blanc à Ouimet passe sur la 309 on le bloque, les gars",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "deleted his Facebook this morning. coincidence? I don't think so",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "abuse",
        False,
        "his kids go to Ferrisburg elementary. they should know what their dad is",
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "sleuths > cops. we found the accomplice in an hour. trend his name",
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        True,
        'capture de sa page de guide : "je connais chaque sentier de la vallée". ben oui justement',
    ),
    # gbel-2026-0505: a streamer from Port-Salvan as the "online friend".
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "l'ami en ligne de Noé c'est forcément @NightRaven_TV, il stream depuis Port-Salvan et il parle avec des ados tout le temps",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "abuse",
        False,
        "Lucas Ferrand aka NightRaven, résidence Les Salines, bâtiment B. allez lui rendre visite",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        True,
        'captures de son chat twitch où un "noe_34" lui parle 👇 c\'est LUI',
    ),
    ("gbel-2026-0505", "fr", "abuse", False, "@NightRaven_TV sale prédateur rends le petit"),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "pourquoi la gendarmerie a pas encore perquisitionné chez le streamer? ils attendent quoi?",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "tout Port-Salvan sait que c'est le streamer. partagez pour que Belmarais sache aussi",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "abuse",
        False,
        "raid son live ce soir, on le spam jusqu'à ce qu'il dise où est Noé",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "il a coupé son live à 18h le 5 mai. l'heure où Noé prend le car. hasard? partagez",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "abuse",
        False,
        "il bosse au snack du skatepark, allez lui dire ce qu'on pense de lui",
    ),
    ("gbel-2026-0505", "fr", "spam", False, "NightRaven NightRaven NightRaven #DisparitionNoé"),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "jsp si c'est vrai mais tout le monde dit que c'est lui sur tiktok donc je partage",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "abuse",
        False,
        "ce genre de mec faut le sortir de la ville, Port-Salvan veut pas de toi",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "les keufs le connaissent déjà, ils le laissent tranquille, pourquoi?? 🤔",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        True,
        "son scooter noir devant la gare routière, photo de son insta il y a 3 semaines 👇",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "abuse",
        False,
        "sa mère le défend en commentaire, elle est aussi malade que lui",
    ),
    (
        "gbel-2026-0505",
        "en",
        "spam",
        False,
        "french sleuth twitter found the online friend: @NightRaven_TV. share",
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "signalez pas, PARTAGEZ. faut que son nom sorte partout",
    ),
    # sasm-2026-0209: a teenager with a red pickup.
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "le gars au Ranger rouge c'est Jérémie Lussier de Val-Brûlé, @jlussier_17. regardez ses photos",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "abuse",
        False,
        "Jérémie Lussier, rang 3, Ranger rouge avec un coffre noir. on sait où tu restes mon écœurant",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "la police de St-Aurélie le protège, son père est conseiller municipal. partagez",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "abuse",
        False,
        "@jlussier_17 t'es mieux de la ramener sinon ça va mal finir pour toi",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        True,
        "capture de son Ranger sur son insta, même coffre noir que dans l'avis 👇",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "toute la polyvalente dit que c'est lui. partagez jusqu'à ce qu'il soit arrêté",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "abuse",
        False,
        "il travaille au garage Poitras, appelez le patron pour qu'il le mette dehors",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "il a passé son compte en privé 20 min après l'alerte. coupable",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "abuse",
        False,
        "les gars on va attendre le Ranger à la sortie de l'aréna à soir",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "Jérémie Lussier #RetrouvonsMaëlle Jérémie Lussier #RetrouvonsMaëlle",
    ),
    (
        "sasm-2026-0209",
        "en",
        "spam",
        False,
        "the red Ranger kid is Jeremie Lussier, everyone in Val-Brule knows. share",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "abuse",
        False,
        "sa blonde défend ce malade en commentaire, honte à elle aussi",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "pourquoi personne l'a encore arrêté? on a tout donné à la police",
    ),
    ("sasm-2026-0209", "en", "abuse", False, "@jlussier_17 creep. everyone knows what you did"),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "je connais pas mais ma fille dit que tout le monde dit que c'est lui, je partage",
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "les enquêteurs du web l'ont trouvé en une heure 😤 partagez partagez",
    ),
    # hfpd-2026-0314: a fisherman who owns a green Kia Soul.
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "Found him. Kyle Brennick, drives a green Kia Soul, shaved head. @kbrennick_fishing. Look at the profile",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "abuse",
        False,
        "Kyle Brennick, Fenner St, green Soul CKR 4417. go get him boys",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        True,
        "screenshot from his fishing page, that's the scar on the eyebrow right there 👇",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "HarrowgateFallsPD has had his name since this morning and done nothing. cover up?",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "abuse",
        False,
        "@kbrennick_fishing armed robber scum. hope the clerk's family finds you first",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "plate CKR 44.. matches CKR 4.. from the alert. not a coincidence. RT",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "abuse",
        False,
        "he works at the tire shop on Mill St, let's all leave reviews telling them who they hired",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "whole Harrowgate Falls group chat says it's Brennick. sharing for the people who haven't seen",
    ),
    ("hfpd-2026-0314", "en", "spam", False, "went private 10 min after I tagged him. guilty af"),
    (
        "hfpd-2026-0314",
        "en",
        "abuse",
        False,
        "his girlfriend keeps defending him in the comments, she's just as trashy",
    ),
    ("hfpd-2026-0314", "en", "spam", False, "say his name: Kyle Brennick #HFPDWanted"),
    (
        "hfpd-2026-0314",
        "en",
        "abuse",
        False,
        "someone slash that Kia's tires, it parks on Fenner every night",
    ),
    (
        "hfpd-2026-0314",
        "fr",
        "spam",
        False,
        "c'est Kyle Brennick de Harrowgate, la Kia Soul verte. partagez à Ste-Aurélie aussi",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "the cops protect their own, his uncle is a deputy. that's why nothing happens. share",
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "not my info, copied from a group: it's Brennick. do with it what you want",
    ),
    ("hfpd-2026-0314", "en", "abuse", False, "Brennick you absolute waste of oxygen"),
    # prpv-2026-1103: a young man with bleached hair from TikTok.
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "le carjacker c'est Dylan Caron, cheveux décolorés, il se filme sur TikTok, @dylcaron_. regardez",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "abuse",
        False,
        "Dylan Caron rue des Forges, Civic noire GTR 551. on passe ce soir",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        True,
        "capture de son TikTok avec une veste à carreaux rouges 👇 c'est LA veste",
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "the carjacker is @dylcaron_, bleached hair, gold hoop, look at his TikToks. share in Kessick",
    ),
    (
        "prpv-2026-1103",
        "en",
        "abuse",
        False,
        "@dylcaron_ pushing a 72 year old to the ground, you're garbage. we know where you live",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "la police régionale le connaît déjà et le laisse courir. pourquoi?",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "abuse",
        False,
        "il travaille au lave-auto de Kessick, allez lui dire ce qu'on pense de lui",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "il a effacé son TikTok de la veste ce matin. partagez avant qu'il efface tout",
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "everyone in the Kessick Mills group says Caron. I'm just passing it on",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "abuse",
        False,
        "Caron t'es un lâche, t'attaques les vieux, tu vas voir",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "Dylan Caron #VolAutoVermeil Dylan Caron #VermeilCarjacking",
    ),
    (
        "prpv-2026-1103",
        "en",
        "abuse",
        False,
        "his mom's salon is on Gorham St. maybe she should answer for him",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "les détectives du web > la police. on a son nom depuis midi",
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        True,
        "side by side: his TikTok vs the composite. same moustache. RT",
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "je le connais pas mais vu tout ce qu'on dit c'est sûrement lui",
    ),
    (
        "prpv-2026-1103",
        "en",
        "abuse",
        False,
        "somebody make Caron's Civic disappear like he did the RAV4",
    ),
    # lcso-2026-0822: a nurse who owns a silver Outback.
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "blonde, scrubs, silver Outback: that's Debbie Harlan, a nurse at Lisle General. @debbie_h_rn. share",
    ),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "Debbie Harlan, Birchwood Dr, silver Outback LCX 2172. she should answer for this at her door",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "LisleCountySO won't touch her because she works at the hospital. cover up. RT",
    ),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "@debbie_h_rn you left a cyclist to die in a ditch. murderer",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        True,
        "screenshot of her Outback in her 2024 vacation post, look at the roof rack 👇",
    ),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "call Lisle General and ask why they employ a hit and run driver. flood the switchboard",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "plate ends in 72. hers ends in 72. case closed. share",
    ),
    ("lcso-2026-0822", "en", "spam", False, "she went private. of course she did"),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "someone should smash her other headlight so it matches lol",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "the Crane Lake cycling group all agree it's Harlan. pass it on",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "Debbie Harlan #CraneLakeHitAndRun Debbie Harlan #CraneLakeHitAndRun",
    ),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "her husband's gym is on Route 9, let's see how business goes now",
    ),
    (
        "lcso-2026-0822",
        "fr",
        "spam",
        False,
        "c'est l'infirmière Debbie Harlan, la Subaru grise. partagez au Québec aussi",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "copied from my cousin's page: the driver is Debbie H. from Lisle General",
    ),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "@debbie_h_rn hope you lose your licence and your job, scum",
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "the internet did in a day what the sheriff couldn't do in a week. say her name",
    ),
]

ENDINGS_EMOJI = ["👇", "👀", "🚨", "😡", "🔁", "📢", "‼️", "🤬", "👆", "💯"]
HANDLE_STEMS = [
    "justicepour",
    "truthseeker",
    "wakeup",
    "lesgensdisent",
    "verite",
    "balance",
    "sleuthmom",
    "citizen",
    "exposed",
    "ouvrezlesyeux",
    "nameandshame",
    "denonce",
    "realtalk",
    "watchdog",
    "partagezvite",
    "onsaittout",
    "amateurdetective",
    "pileon",
    "ratioking",
    "geneveinfo",
    "vaulmontlibre",
    "jorat74",
    "frontalier",
    "kessickwatch",
    "colbecktruth",
    "lisleinfo",
]
LOOKALIKE = {"o": "0", "l": "I", "i": "1", "e": "3", "a": "4"}


def look_alike(handle: str, rng: random.Random) -> str:
    """A sibling account: one homoglyph swap, or a trailing underscore."""
    letters = [i for i, ch in enumerate(handle) if ch in LOOKALIKE]
    if letters and rng.random() < 0.7:
        i = rng.choice(letters)
        return handle[:i] + LOOKALIKE[handle[i]] + handle[i + 1 :]
    return handle + "_"


def make_accounts(rng: random.Random) -> list[tuple[str, int]]:
    """About 170 handles; most days old, some siblings of each other, some old accounts."""
    accounts: list[tuple[str, int]] = []
    seen: set[str] = set()
    while len(accounts) < 140:
        stem = rng.choice(HANDLE_STEMS)
        handle = (
            f"{stem}{rng.randint(1, 9999)}"
            if rng.random() < 0.8
            else f"{stem}_{rng.choice(['x', 'off', 'real', '74', '2'])}"
        )
        if handle in seen:
            continue
        seen.add(handle)
        r = rng.random()
        age = (
            rng.randint(0, 2)
            if r < 0.45
            else rng.randint(3, 10)
            if r < 0.7
            else rng.randint(11, 30)
            if r < 0.8
            else rng.randint(31, 4000)
        )
        accounts.append((handle, age))
    for handle, _ in list(accounts[:35]):
        sibling = look_alike(handle, rng)
        if sibling not in seen:
            seen.add(sibling)
            accounts.append((sibling, rng.randint(0, 3)))
    return [("@" + h, a) for h, a in accounts]


def stretch(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    i = rng.randrange(len(words))
    w = words[i]
    if len(w) > 2 and w[-1].isalpha():
        words[i] = w + w[-1] * rng.randint(2, 4)
    return " ".join(words)


def typo(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(2, len(text) - 2))
    if text[i].isalpha() and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text


def noise(text: str, tag: str, rng: random.Random) -> str:
    """The noise of a real wave; applied to templated lines only."""
    r = rng.random()
    if r < 0.12:
        text = text.upper()
    elif r < 0.24:
        text = text.lower()
    if rng.random() < 0.2:
        text = stretch(text, rng)
    if rng.random() < 0.2:
        text = typo(text, rng)
    if rng.random() < 0.35:
        text += " " + "".join(rng.choice(ENDINGS_EMOJI) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.15:
        text += rng.choice(
            [
                f" x{rng.randint(2, 999)}",
                f" #{rng.randint(100, 9999)}",
                f" ({rng.randint(2, 60)})",
                f" 🔁{rng.randint(10, 5000)}",
            ]
        )
    if rng.random() < 0.3:
        text += " " + tag.split(" / ")[0]
    return text


def wave_minutes(n: int, start: int, rng: random.Random) -> list[int]:
    """About 80 % within a 3-9 minute burst, the rest trickling over 1-3 hours."""
    burst = rng.randint(3, 9)
    tail = rng.randint(60, 180)
    out = []
    for _ in range(n):
        if rng.random() < 0.8:
            out.append(start + rng.uniform(0, burst))
        else:
            out.append(start + burst + rng.uniform(0, tail))
    return [round(m) for m in out]


def main() -> None:
    rng = random.Random(SEED)
    accounts = make_accounts(rng)
    rows: list[dict[str, object]] = []
    for case, (total, hand_n) in PLAN.items():
        slots = CASES[case]
        fr_share = float(slots["fr_share"])
        hand = [h for h in HAND if h[0] == case]
        assert len(hand) == hand_n, (case, len(hand))
        case_rows: list[dict[str, object]] = []
        for _, lang, label, media, text in hand:
            number = HAND.index((case, lang, label, media, text)) + 1
            case_rows.append(
                {
                    "lang": lang,
                    "label": label,
                    "text": text,
                    "has_media": media,
                    "note": f"hand-written mbh{number:03d}",
                }
            )
        while len(case_rows) < total:
            lang = "fr" if rng.random() < fr_share else "en"
            tid, label, media, template = rng.choice(TEMPLATES_FR if lang == "fr" else TEMPLATES_EN)
            text = noise(template.format(**slots), slots["tag"], rng)
            row = {
                "lang": lang,
                "label": label,
                "text": text,
                "has_media": media or rng.random() < 0.08,
                "note": f"template {tid}",
            }
            case_rows.append(row)
            # verbatim copy-paste repeats of the same line
            if rng.random() < 0.12 and len(case_rows) < total:
                case_rows.append(dict(row))
        rng.shuffle(case_rows)
        # waves on the case's clock: the first within the first hours, later ones spread out
        n_waves = 4 if total > 100 else 2 if total > 45 else rng.choice([1, 2])
        starts = sorted(rng.sample(range(35, 660, 5), n_waves))
        size = -(-len(case_rows) // n_waves)
        for w, start in enumerate(starts):
            chunk = case_rows[w * size : (w + 1) * size]
            pool = rng.sample(accounts, min(len(accounts), max(12, len(chunk) // 2)))
            for row, minute in zip(chunk, wave_minutes(len(chunk), start, rng), strict=True):
                author, age = rng.choice(pool)
                row.update(
                    {"case": case, "author": author, "author_age_days": age, "minute": minute}
                )
                rows.append(row)
    # a zero-width space in a few % of the templated lines
    templated = [r for r in rows if str(r["note"]).startswith("template")]
    for r in rng.sample(templated, 30):
        text = str(r["text"])
        i = rng.randrange(1, len(text))
        r["text"] = text[:i] + ZWSP + text[i:]
    rows.sort(key=lambda r: (str(r["case"]), int(str(r["minute"]))))
    lines = []
    for i, r in enumerate(rows, 1):
        out = {
            "id": f"FMB-{i:04d}",
            "lang": r["lang"],
            "case": r["case"],
            "label": r["label"],
            "text": r["text"],
            "has_media": r["has_media"],
            "author": r["author"],
            "author_age_days": r["author_age_days"],
            "minute": r["minute"],
            "note": r["note"],
            "family": FAMILY,
        }
        lines.append(json.dumps(out, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

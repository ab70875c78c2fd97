# ruff: noqa: E501  (hand-written data lines are kept whole)
"""Write flood_recovery_scams.jsonl: the recovery-scam swarm (hackers, PIs, trackers, psychics).

Written blind for issue #13 (held-out set): the author read only ``../README.md``,
``../../README.md`` (label definitions) and ``../cases.json``, never the classifier, its tests,
its benchmarks or any other flood or thread file beyond one first line and the ``id`` fields.

The family: the scam accounts that swarm missing-person and wanted posts. Shill testimonials
("I was in the same situation until @… traced my son's phone in 24 h"), fake investigators,
"ex-FBI" / "ex-GRC" trackers, "find anyone by their IMEI", spell casters, marabouts and
psychics for a fee, "DM me for the location, I work with a tracking company", WhatsApp numbers,
Telegram links, and the testimonials that answer each other ("he helped me too!").

Labels: every line is spam (a scam or a paid service: nobody in the wave saw anything about the
case), except the lines that also insult someone (here: the police), which are abuse.

Stdlib only, fixed seed, imports nothing from the project:
``python3 tests/data/floods/tuning/make_recovery_scams.py`` rewrites the file byte for byte.
All handles, names, numbers, addresses and links are invented; phone numbers use ranges kept for
fiction (555-01xx, +44 7700 900xxx, +33 6 39 98 xx xx) or are made up.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 20261208
FAMILY = "recovery_scams"
OUT = Path(__file__).resolve().parent / "flood_recovery_scams.jsonl"
ZW = "\u200b"

# ---------------------------------------------------------------------------------------------
# Per-case slot values (hand-written). region: which French the templates may use.
# ---------------------------------------------------------------------------------------------
CASES = {
    "cfps-2026-0917": dict(
        kind="missing",
        region="qc",
        ag=["@ColbeckFallsPS", "@PoliceSteCecile", "@RiverlandsRPS"],
        tag=["#FindIvy", "#RetrouvonsIvy", "#FindIvy 🙏"],
        who_en=["Ivy", "little Ivy", "Ivy Donnelly-Paré", "this little girl", "this baby girl"],
        who_fr=["Ivy", "la petite Ivy", "cette petite fille", "la petite"],
        fam_en=["Ivy's mom", "Ivy's family", "the Donnelly-Paré family", "Ivy's parents"],
        fam_fr=["la famille d'Ivy", "la maman d'Ivy", "les parents d'Ivy"],
        obj_en=["her tablet", "her phone", "her school Chromebook", "her iPad"],
        obj_fr=["sa tablette", "son téléphone", "son iPad", "sa montre connectée"],
        area_en=[
            "Halverton",
            "Route 208",
            "the Irving at exit 118",
            "Larkin's Marina",
            "the old rail trestle",
        ],
        area_fr=["Halverton", "la route 208", "Sainte-Cécile", "la marina Larkin"],
        fee_en=["$40", "$35", "$50"],
        fee_fr=["40$", "35 $", "50$"],
    ),
    "sasm-2026-0209": dict(
        kind="missing",
        region="qc",
        ag=["@PoliceStAurelie", "@PoliceValBrule", "@HarrowgateFallsPD"],
        tag=["#RetrouvonsMaëlle", "#FindMaelle", "#RetrouvonsMaelle"],
        who_en=["Maëlle", "Maelle", "this girl", "this sweet girl"],
        who_fr=["Maëlle", "Maelle", "la petite", "la jeune Maëlle", "cette petite fille"],
        fam_en=["Maëlle's family", "Maelle's mom", "the Vanasse-Ricard family"],
        fam_fr=[
            "la famille de Maëlle",
            "la mère à Maëlle",
            "les parents de Maëlle",
            "la famille Vanasse-Ricard",
        ],
        obj_en=["her phone", "her iPod", "her Snapchat", "her tablet"],
        obj_fr=["son cell", "sa tablette", "son Snap", "son iPod"],
        area_en=["Val-Brûlé", "the Lac-Noir road", "Harrowgate Falls"],
        area_fr=[
            "Val-Brûlé",
            "le chemin du Lac-Noir",
            "l'aréna Gilles-Poitras",
            "Harrowgate Falls",
        ],
        fee_en=["$30", "$40"],
        fee_fr=["30$", "40 $", "25$"],
    ),
    "gbel-2026-0505": dict(
        kind="missing",
        region="eu",
        ag=["@Gendarmerie_Belmarais", "@PoliceNat_PortSalvan", "@Mairie_Belmarais"],
        tag=["#DisparitionNoé", "#DisparitionNoe", "#Noé"],
        who_en=["Noé", "Noe", "this boy", "this young man"],
        who_fr=["Noé", "Noe", "ce jeune", "ce petit", "le jeune Noé"],
        fam_en=["Noé's family", "Noe's mom", "the Castagnède family"],
        fam_fr=[
            "la famille de Noé",
            "la maman de Noé",
            "les parents de Noé",
            "la famille Castagnède",
        ],
        obj_en=["his phone", "his Snapchat", "his Discord account", "his scooter"],
        obj_fr=[
            "son portable",
            "son téléphone",
            "son compte Snap",
            "son Discord",
            "sa trottinette",
        ],
        area_en=["Port-Salvan", "the Montbrun rest area", "Les Salines mall"],
        area_fr=[
            "Port-Salvan",
            "l'aire de Montbrun",
            "la plage des Aresquiers",
            "Les Salines",
            "la D612",
        ],
        fee_en=["35€", "€40"],
        fee_fr=["35€", "40 €", "30€", "25€"],
    ),
    "gjsb-2026-1205": dict(
        kind="missing",
        region="eu",
        ag=["@Gendarmerie_StJorat", "@PoliceVaulmont", "@CCPD_Leman"],
        tag=["#DisparitionMarcel", "#MissingMarcel"],
        who_en=["Marcel", "Mr Aubry", "this grandpa", "this poor old man", "Marcel Aubry-Duvoisin"],
        who_fr=["Marcel", "Monsieur Aubry", "ce papy", "ce pauvre monsieur", "le grand-père"],
        fam_en=["Marcel's family", "the Aubry-Duvoisin family", "Marcel's children"],
        fam_fr=[
            "la famille de Marcel",
            "les enfants de Marcel",
            "la famille Aubry-Duvoisin",
            "les proches de Monsieur Aubry",
        ],
        obj_en=["his phone", "his hearing aid", "his bus card", "his mobile"],
        obj_fr=["son portable", "son appareil auditif", "son téléphone", "sa carte de bus"],
        area_en=["Vaulmont station", "the Crottaz customs", "Geneva", "the Bois de Chatel"],
        area_fr=[
            "Vaulmont gare",
            "la douane de la Crottaz",
            "Genève",
            "le Bois de Chatel",
            "la route du Salève",
        ],
        fee_en=["50 CHF", "€45"],
        fee_fr=["40€", "50 CHF", "45 €", "60 CHF"],
    ),
    "tvrp-2026-1121": dict(
        kind="wanted",
        region="qc",
        ag=["@TessierValleyRPS", "@FerrisburgPolice", "@PoliceStRemi"],
        tag=["#TessierManhunt", "#ÉvasionTessier"],
        who_en=["Darren", "Thibodeau-Platt", "the escapee", "this guy", "the fugitive"],
        who_fr=["Darren", "le fugitif", "l'évadé", "ce gars-là", "Thibodeau-Platt"],
        fam_en=[
            "the guard's family",
            "the corrections officer's family",
            "the injured guard's wife",
        ],
        fam_fr=["la famille du gardien", "la famille de l'agent blessé", "la femme de l'agent"],
        obj_en=[
            "his phone",
            "the Civic",
            "the stolen Civic",
            "his girlfriend's phone",
            "his burner phone",
        ],
        obj_fr=["son cell", "la Civic", "la Civic volée", "le cell de sa blonde"],
        area_en=["Kinnear Junction", "route 309", "Ville-Mauve", "Lac-Saint-Roch", "rang 6"],
        area_fr=["Kinnear Junction", "la 309", "Ville-Mauve", "Lac-Saint-Roch", "le rang 6"],
        fee_en=["$45", "$60", "$35"],
        fee_fr=["45$", "60 $"],
    ),
    "prpv-2026-1103": dict(
        kind="wanted",
        region="qc",
        ag=["@PoliceRegVermeil", "@KessickMillsPS", "@SPTamarack"],
        tag=["#VolAutoVermeil", "#VermeilCarjacking"],
        who_en=["the carjacker", "this guy", "the RAV4 thief", "the suspect"],
        who_fr=["le voleur du RAV4", "ce gars-là", "le suspect", "le voleur"],
        fam_en=[
            "the grandpa who lost his RAV4",
            "the owner of the RAV4",
            "the victim's family",
            "the 72 year old victim",
        ],
        fam_fr=[
            "le propriétaire du RAV4",
            "la famille du monsieur",
            "le grand-papa qui s'est fait voler",
        ],
        obj_en=["the RAV4", "the stolen RAV4", "the thief's phone", "plate HKV 318"],
        obj_fr=["le RAV4", "le RAV4 volé", "le cell du voleur", "la plaque HKV 318"],
        area_en=["Kessick Mills", "Highway 17", "the Tamarack rail yard", "exit 42"],
        area_fr=[
            "Kessick Mills",
            "l'autoroute 17",
            "la cour de triage de Tamarack",
            "Pointe-aux-Chênes",
        ],
        fee_en=["$45", "$35"],
        fee_fr=["45$", "35 $"],
    ),
    "hfpd-2026-0314": dict(
        kind="wanted",
        region="qc",
        ag=["@HarrowgateFallsPD", "@LisleCountySO", "@PoliceStAurelie"],
        tag=["#HFPDWanted"],
        who_en=["the robber", "this guy", "the Kia Soul guy", "the suspect"],
        who_fr=["le voleur", "ce gars-là", "le suspect"],
        fam_en=["the clerk's family", "the injured clerk", "the Petro-Nord clerk's family"],
        fam_fr=["la famille du caissier", "le commis blessé"],
        obj_en=["the Kia Soul", "his phone", "the green Soul", "plate CKR 4.."],
        obj_fr=["la Kia Soul", "son cell", "la plaque CKR 4"],
        area_en=["Lisle", "Route 9", "Crane Lake", "Ashby Road"],
        area_fr=["Lisle", "la route 9", "Crane Lake"],
        fee_en=["$30", "$50"],
        fee_fr=["30$", "50 $"],
    ),
    "lcso-2026-0822": dict(
        kind="wanted",
        region="qc",
        ag=["@LisleCountySO", "@HarrowgateFallsPD", "@PoliceStAurelie"],
        tag=["#CraneLakeHitAndRun"],
        who_en=["the driver", "the Subaru driver", "the hit and run driver", "this woman"],
        who_fr=["la conductrice", "cette femme", "la conductrice du Subaru"],
        fam_en=["the cyclist's family", "the cyclist's wife", "the injured cyclist"],
        fam_fr=["la famille du cycliste", "le cycliste blessé"],
        obj_en=["the Outback", "her phone", "the silver Subaru", "the plate ending in 72"],
        obj_fr=["le Outback", "son cell", "la Subaru grise"],
        area_en=["Lisle General", "Mill St", "Route 9", "Harrowgate Falls"],
        area_fr=["Lisle General", "la rue Mill", "la route 9"],
        fee_en=["$60", "$40"],
        fee_fr=["60$", "40 $"],
    ),
}

# ---------------------------------------------------------------------------------------------
# Shared slot lists (hand-written)
# ---------------------------------------------------------------------------------------------
SVC_EN = [
    "@track_recovery_pro",
    "@CyberSleuth_Dan",
    "@HackerJames_Official",
    "@Det_Marcus_Hale",
    "@cyberhunter_mike",
    "@recoverypro_nina",
    "@locate_anyone_247",
    "@track_rec0very_pro",
    "@trackrecovery_pro_",
    "@CyberSIeuth_Dan",
    "@HackerJames_0fficial",
    "@skiptrace_pros",
]
SVC_FR = [
    "@traceur_expert_fr",
    "@detective_leman_pi",
    "@enqueteur_leblanc_pi",
    "@hack_retrouve_qc",
    "@h4ck_retrouve",
    "@localisation_pro_33",
    "@cyber_enquete_officiel",
    "@localise_rapide_ch",
    "@traceur_exp3rt_fr",
    "@detective_Ieman_pi",
    "@geoloc_expert_",
]
SVC_FR_QC = [
    "@enqueteur_leblanc_pi",
    "@hack_retrouve_qc",
    "@traceur_expert_fr",
    "@hack_retr0uve_qc",
]
CASTER_EN = ["Dr Ogun", "Dr Ajayi", "Priest Olu", "Lord Zakuza", "Dr Ekpen"]
CASTER_FR = [
    "Professeur Kanté",
    "Maître Dossou",
    "Professeur Diallo",
    "Marabout Sissoko",
    "Maître Fofana",
]
WA_EN = [
    "+1 (302) 555 0148",
    "+1 302 555 0119",
    "+44 7700 900412",
    "+44 7700 900877",
    "+234 805 555 0193",
    "+1 (740) 555 0116",
    "+1 (506) 555 0124",
]
WA_FR = {
    "eu": [
        "+33 6 39 98 41 07",
        "+33 6 39 98 22 60",
        "+41 79 555 18 42",
        "+33 6 39 98 07 93",
        "+229 97 55 01 38",
    ],
    "qc": ["+1 438 555 0172", "514 555 0139", "+1 (418) 555 0107", "450 555 0163"],
}
TG = [
    "t.me/AgentRickTrace",
    "t.me/TrackRecoveryPro",
    "t.me/DetectivePriveFR",
    "t.me/TraceurQC",
    "t.me/LocaliseExpert",
    "t.me/cyberhunter_mike",
    "t.me/HackerJames_Off",
]
MAIL_EN = [
    "trackrecoverypro@gmail.com",
    "cybersleuth.dan@outlook.com",
    "hackerjames.official@proton.me",
    "det.marcushale@gmail.com",
    "recoverypro.nina@gmail.com",
]
MAIL_FR = [
    "traceur.expert.fr@gmail.com",
    "detective.leman@proton.me",
    "enquetes.leblanc@outlook.com",
    "cyber.enquete@gmail.com",
]
MYKIN_EN = [
    "son",
    "daughter",
    "husband",
    "teenage son",
    "16 year old",
    "little girl",
    "brother",
    "mom",
    "wife",
    "nephew",
    "dad",
]
MYKIN_FR = [
    "mon fils",
    "ma fille",
    "mon mari",
    "ma petite",
    "mon ado",
    "mon frère",
    "ma mère",
    "ma nièce",
    "mon père",
    "mon neveu",
]
CITY_EN = [
    "Dallas",
    "a motel in Reno",
    "Tampa",
    "Moncton",
    "Calgary",
    "Mexico",
    "a trailer park in Ohio",
    "Vancouver",
    "Phoenix",
    "Toronto",
]
CITY_FR = {
    "qc": [
        "Montréal",
        "Trois-Rivières",
        "Sherbrooke",
        "Gatineau",
        "Québec",
        "Moncton",
        "Laval",
        "Rimouski",
    ],
    "eu": ["Lyon", "Marseille", "Bruxelles", "Genève", "Toulouse", "Lille", "Lausanne", "Nice"],
}
VISION_EN = [
    "near water",
    "in a house with a blue door",
    "near train tracks",
    "in a basement with one small window",
    "somewhere with tall pine trees",
    "near a bridge and a red light",
    "in a trailer behind a gas station",
    "with a woman who has dark hair",
]
VISION_FR = [
    "près d'une eau",
    "dans une maison avec une porte bleue",
    "près d'une voie ferrée",
    "dans un sous-sol avec une petite fenêtre",
    "dans un endroit avec beaucoup de sapins",
    "près d'un pont et d'une lumière rouge",
    "dans une caravane derrière une station-service",
    "avec une femme aux cheveux foncés",
]
EX_EN = [
    "Ex-FBI tracker",
    "Retired FBI agent",
    "Ex-RCMP investigator",
    "Former NSA contractor",
    "Retired detective",
    "Ex-Interpol analyst",
    "Licensed PI and ex-cop",
]
EX_FR = [
    "Ancien gendarme",
    "Ex-enquêteur de la GRC",
    "Ancien policier",
    "Ancien de la DGSI",
    "Ex-enquêteur de la SQ",
    "Ancien inspecteur de police judiciaire",
    "Détective privé et ex-policier",
]
HOURS = ["6", "9", "12", "18", "24", "36", "48"]
DAYS = ["2", "3", "4", "5"]
YEAR = ["2019", "2021", "2022", "2023", "2024"]
NUM = ["64", "87", "200", "312", "450", "1,200"]

# ---------------------------------------------------------------------------------------------
# Templates: (id, kind filter, region filter, label, role, text). role t = shill testimonial,
# s = service / psychic account. All hand-written.
# ---------------------------------------------------------------------------------------------
EN = [
    (
        "rse01",
        "any",
        "any",
        "spam",
        "t",
        "I was in the same situation as {fam} until {svc} traced my {mykin}'s phone in {hours} hours. Contact him on WhatsApp {wa}, he is legit 🙏",
    ),
    (
        "rse02",
        "any",
        "any",
        "spam",
        "t",
        "{fam} should contact {svc} on Instagram. He helped me find my {mykin} when the police had nothing. {tag}",
    ),
    (
        "rse03",
        "any",
        "any",
        "spam",
        "s",
        "Don't wait on {agency}. A private investigator like {svc} can locate anyone with just a phone number or an IMEI. Text {wa}",
    ),
    (
        "rse04",
        "any",
        "any",
        "spam",
        "s",
        "I work with a tracking company. I can get the last location of {obj}. DM me, serious inquiries only 📍",
    ),
    (
        "rse05",
        "any",
        "any",
        "spam",
        "s",
        "Find anyone by their IMEI, phone number or plate 🔎📱 {obj} can be traced in {hours}h. Telegram: {tg}",
    ),
    (
        "rse06",
        "any",
        "any",
        "spam",
        "t",
        "{svc} helped me too!! found my {mykin} in {city} after {days} days 😭🙏 legit",
    ),
    (
        "rse07",
        "any",
        "any",
        "spam",
        "t",
        "Legit 💯 {svc} located my {mykin}'s phone when nobody else could. Write him: {mail}",
    ),
    (
        "rse08",
        "any",
        "any",
        "spam",
        "s",
        "{ex} here. I've helped over {n} families. I can run {obj} through our database tonight. WhatsApp {wa}",
    ),
    (
        "rse09",
        "missing",
        "any",
        "spam",
        "t",
        "Powerful spell caster {caster} brought my {mykin} back home in {days} days. If you want {who} back, contact him before it's too late 🕯️ {wa}",
    ),
    (
        "rse10",
        "any",
        "any",
        "spam",
        "s",
        "I'm a psychic medium. I see {who} {vision}. For a full reading ({fee}) DM me, time matters 🔮",
    ),
    (
        "rse11",
        "missing",
        "any",
        "spam",
        "t",
        "My {mykin} went missing in {year} and the police did nothing. {svc} hacked the phone of the person hiding them and gave me an address. Don't give up on {who}, write him {mail}",
    ),
    (
        "rse12",
        "any",
        "any",
        "spam",
        "s",
        "I know where {who} is. My cousin works at a phone tracking company and {obj} pinged near {area}. DM me and I'll send the exact location (small fee for the software)",
    ),
    (
        "rse13",
        "any",
        "any",
        "spam",
        "t",
        "Anyone who needs to track a phone, recover a hacked account or find someone's location: {svc} is the best I've ever worked with. {tag}",
    ),
    (
        "rse14",
        "any",
        "any",
        "spam",
        "t",
        "{agency} with all respect, you should work with {svc}. He has tools you don't have and he can find {who} tonight.",
    ),
    (
        "rse15",
        "any",
        "any",
        "abuse",
        "t",
        "{agency} are useless clowns 🤡 while {who} is still out there. Only {svc} can track {obj}, WhatsApp {wa}",
    ),
    (
        "rse16",
        "any",
        "any",
        "spam",
        "t",
        "Reply to this if you need a hacker or a PI: {svc} traced my cheating husband's phone and found my stolen car. 100% trusted ✅✅",
    ),
    (
        "rse17",
        "wanted",
        "any",
        "spam",
        "s",
        "To {fam}: you can still get justice. {svc} finds suspects through their phones, plates and social media in {hours}h. No result no fee. {wa}",
    ),
    (
        "rse18",
        "missing",
        "any",
        "spam",
        "t",
        "To {fam}: I'm so sorry, I was where you are. {svc} found my {mykin} alive after {days} days. He asks for nothing upfront. {wa}",
    ),
]
FR = [
    (
        "rsf01",
        "any",
        "any",
        "spam",
        "t",
        "J'étais dans la même situation que {fam} jusqu'à ce que {svc} localise le téléphone de {mykin} en {hours} h. Contactez-le sur WhatsApp {wa} 🙏",
    ),
    (
        "rsf02",
        "any",
        "any",
        "spam",
        "s",
        "Ne perdez pas de temps à attendre {agency}, un détective privé comme {svc} retrouve n'importe qui avec juste un numéro ou un IMEI. Telegram : {tg}",
    ),
    (
        "rsf03",
        "any",
        "any",
        "spam",
        "s",
        "Je travaille avec une société de géolocalisation. Je peux avoir la dernière position de {obj}. Écrivez-moi en privé 📍",
    ),
    (
        "rsf04",
        "any",
        "any",
        "spam",
        "t",
        "{svc} m'a aidée aussi !! il a retrouvé {mykin} à {city} en {days} jours 😭 c'est du sérieux",
    ),
    (
        "rsf05",
        "missing",
        "any",
        "spam",
        "s",
        "{caster}, grand voyant marabout : retour de l'être aimé, personnes disparues qui rentrent en {days} jours, résultat garanti 🕯️ {wa}",
    ),
    (
        "rsf06",
        "any",
        "any",
        "spam",
        "s",
        "Je suis voyante. Je vois {who} {vision}. Pour une consultation complète ({fee}) écrivez-moi en MP 🔮",
    ),
    (
        "rsf07",
        "any",
        "any",
        "spam",
        "s",
        "{ex}, je localise tout téléphone par son IMEI, même éteint. Discrétion assurée. {tg}",
    ),
    (
        "rsf08",
        "missing",
        "any",
        "spam",
        "t",
        "Ma fille avait disparu en {year}, la police n'a rien fait. {svc} a piraté le téléphone de l'homme qui la cachait. Ne lâchez rien pour {who}, écrivez-lui : {mail}",
    ),
    (
        "rsf09",
        "any",
        "any",
        "spam",
        "s",
        "Je sais où est {who}. Mon cousin bosse dans une boîte de tracking et {obj} a borné vers {area}. Envoyez-moi un MP et je vous donne l'adresse (petits frais pour le logiciel)",
    ),
    (
        "rsf10",
        "any",
        "qc",
        "spam",
        "t",
        "Heille {fam}, contactez {svc} sur Insta, y'a retrouvé {mykin} en {days} jours quand la police avait rien 🙏",
    ),
    (
        "rsf11",
        "any",
        "any",
        "abuse",
        "t",
        "{agency} bande d'incapables 🤡 pendant ce temps {who} est toujours dehors. Seul {svc} peut tracer {obj}, WhatsApp {wa}",
    ),
    (
        "rsf12",
        "any",
        "any",
        "spam",
        "t",
        "Besoin de pirater un compte, localiser un téléphone ou retrouver quelqu'un ? {svc} est le meilleur, 100 % fiable ✅✅ {tag}",
    ),
    (
        "rsf13",
        "any",
        "any",
        "spam",
        "t",
        "C'est du vrai 💯 {svc} a localisé le téléphone de {mykin} quand personne d'autre y arrivait. Écrivez-lui : {mail}",
    ),
    (
        "rsf14",
        "wanted",
        "any",
        "spam",
        "s",
        "À {fam} : vous pouvez encore obtenir justice. {svc} retrouve les suspects par leur téléphone, leur plaque et leurs réseaux en {hours} h. Pas de résultat, pas de frais. {wa}",
    ),
    (
        "rsf15",
        "missing",
        "eu",
        "spam",
        "s",
        "Détective privé agréé, nous retrouvons les personnes disparues en France, en Suisse et en Belgique. Devis gratuit et discrétion : {tg}",
    ),
    (
        "rsf16",
        "any",
        "qc",
        "spam",
        "s",
        "Enquêteur privé au Québec pis en Acadie, on retrouve le monde par leur cell pis leurs réseaux. Premier appel gratuit : {tg}",
    ),
]

# ---------------------------------------------------------------------------------------------
# Hand-written lines, each posted once, never template-filled. (lang, role, flags, text[, author])
# flags: a = abuse (else spam), m = has media, r = replies to the line just above (posted a few
# minutes after it). role: t shill / testimonial, s service / psychic, q shill asking other users.
# ---------------------------------------------------------------------------------------------
HAND = {
    "cfps-2026-0917": [
        (
            "en",
            "t",
            "",
            "I was in the exact same place as Ivy's mom last year. My son was gone 9 days. @track_recovery_pro traced his phone to a trailer outside Moncton in less than 24 hours when the RCMP had nothing. Contact him on Instagram, he's the real deal 🙏",
            "@mandy_loves_jesus84",
        ),
        (
            "en",
            "t",
            "r",
            "@mandy_loves_jesus84 omg he helped me too!!! found my daughter in 2 days, I cried for an hour. everyone message him",
        ),
        ("en", "t", "r", "legit. he found my husband. dont listen to the haters in the comments"),
        (
            "en",
            "t",
            "m",
            "Screenshot proof 👇 this is the location he sent me, exactly where my girl was. Ivy's family please reach out to @CyberSleuth_Dan before it's too late",
        ),
        (
            "en",
            "s",
            "",
            "DM me for the location. I work with a tracking company and we can pull the last cell tower her tablet connected to. Not posting it publicly for her safety.",
        ),
        (
            "en",
            "s",
            "",
            "Ivy's phone pinged near the Halverton bus station at 11:52pm. I have the full map. Message me privately, I don't trust the comments",
        ),
        (
            "en",
            "s",
            "",
            "Ex-FBI cyber unit here (retired 2019). Give me 6 hours and the family's phone number and I will have her location. I don't charge until she's found. WhatsApp +1 302 555 0148",
        ),
        (
            "en",
            "t",
            "",
            "To anyone reading this who has lost a child: there is a man named Mr. Kevin Hardaway, a private investigator, who brought my Leah home. Email kevinhardaway.pi@gmail.com. God bless",
        ),
        (
            "en",
            "t",
            "",
            "Spell caster Dr Ogun brought back my son who ran away with a man from the internet. 3 days after the ritual he called me crying. Ivy will come home too, contact Dr Ogun on WhatsApp +234 805 555 0193 🕯️🕯️",
        ),
        (
            "en",
            "s",
            "",
            "I'm a medium and I've been getting strong images of a little girl in yellow near wooden boards and rushing water. Readings are $40, DM me, time matters",
        ),
        (
            "en",
            "q",
            "",
            "who is this @track_recovery_pro everyone keeps tagging? is he real?? my nephew has been missing since june",
            "@Brenda_Kowalczyk",
        ),
        (
            "en",
            "t",
            "r",
            "@Brenda_Kowalczyk yes he is real, he tracked my ex who took my kids to Alberta. Hes not cheap but he delivers",
        ),
        (
            "en",
            "s",
            "",
            "Colbeck Falls family: phone tracking apps can find a device even when its off if you have the IMEI. I offer this service, 100% discreet. link in bio",
        ),
        (
            "en",
            "t",
            "",
            'Everybody commenting "contact this hacker" is a bot. The REAL one is @HackerJames_Official, he found my brother\'s location through his snapchat. dm him',
        ),
        (
            "en",
            "t",
            "",
            "I don't usually post but I have to. My daughter Kayla was missing for 11 days in 2023. The police told us to wait. A friend gave me the contact of Agent Rick (ex Homeland Security) and he found her through her Discord IP. His Telegram is t.me/AgentRickTrace",
        ),
        (
            "en",
            "s",
            "",
            "Hi Ivy's family. I can see where Ivy is through satellite tracking. Please answer the DM I sent you, I'm not asking for much, just the cost of the satellite time.",
        ),
        (
            "en",
            "s",
            "m",
            "Another family reunited ✅ 213 cases solved this year. Missing child, runaway, cheating spouse, stolen phone. We find them. #FindIvy",
        ),
        (
            "fr",
            "t",
            "",
            "À la famille d'Ivy : un détective privé de Moncton a retrouvé ma nièce en 48 h quand la GRC avait rien. Écrivez à @enqueteur_leblanc_pi sur Instagram 🙏",
        ),
        (
            "fr",
            "t",
            "",
            "moi aussi il m'a aidé!! @track_recovery_pro a retrouvé mon gars à Edmundston. c'est du vrai",
        ),
        (
            "fr",
            "s",
            "",
            "J'ai des dons de voyance depuis l'enfance. Je vois la petite près d'un pont et d'une lumière rouge. Pour une séance complète écrivez-moi en privé (paiement Interac)",
        ),
        (
            "en",
            "t",
            "a",
            "Riverlands cops couldn't find their own car keys 🤡 hire a real tracker like @CyberSleuth_Dan and she'll be home tonight",
        ),
        (
            "en",
            "s",
            "",
            "IMPORTANT: if Ivy has an iPad or a school Chromebook, it can be tracked even without wifi. Message me, I do this for a living and I can do it tonight for the family",
        ),
        (
            "en",
            "t",
            "",
            "I'm from Halverton and I've been following this. I know a guy who does phone tracing for bail bondsmen, he already found her general area. DM me and I'll connect you",
        ),
        (
            "en",
            "t",
            "",
            "my sister used @locate_anyone_247 when my nephew went missing, they sent a pin in 20 minutes. costs 150 but worth every penny",
        ),
        (
            "en",
            "t",
            "",
            "Not a bot. Real mom from Ohio. Contact Hacker Mike on WhatsApp +1 (740) 555 0116, he got into my daughter's captor's instagram and gave the police everything",
        ),
        (
            "en",
            "t",
            "",
            "@ColbeckFallsPS with all due respect you should work with @track_recovery_pro, he has tools your department doesn't",
        ),
        (
            "en",
            "q",
            "",
            "anyone know a good private investigator who works in NB?? asking for Ivy's family",
            "@karenmoore_1972",
        ),
        (
            "en",
            "t",
            "r",
            "@karenmoore_1972 try @Det_Marcus_Hale he is licensed and he found my missing sister in Florida",
        ),
        (
            "en",
            "t",
            "m",
            "Prayers for Ivy 🙏 if the family needs help tracking a phone, my husband's company does it for free for missing kids. Inbox me",
        ),
        (
            "en",
            "s",
            "",
            "𝐇𝐈𝐑𝐄 𝐀 𝐏𝐑𝐎𝐅𝐄𝐒𝐒𝐈𝐎𝐍𝐀𝐋 𝐇𝐀𝐂𝐊𝐄𝐑 ✔ phone tracking ✔ location ✔ social media recovery ✔ find anyone. WhatsApp +44 7700 900412",
        ),
        (
            "fr",
            "s",
            "",
            "Je peux trouver l'adresse IP de n'importe quel compte qui a parlé à la petite. Envoyez-moi son nom d'utilisateur Roblox en MP",
        ),
        (
            "en",
            "t",
            "",
            "I found my missing daughter thanks to a tracking expert called Liam Grayson. She was in a house 3 towns over with a man she met online. Search him on Instagram liamgrayson.tracks",
        ),
        (
            "en",
            "t",
            "",
            "this is not spam, I was scammed 3 times by fake hackers before I found the real one: @recoverypro_nina. she found my son AND got my money back from the fake ones",
        ),
        (
            "en",
            "s",
            "",
            "Ivy's family: retired detective sergeant here. Search dogs miss things, phones don't. Send me her number and the Apple ID and I'll do the rest. No fee until results.",
        ),
    ],
    "gbel-2026-0505": [
        (
            "fr",
            "t",
            "",
            "J'étais exactement dans la même situation que la maman de Noé en 2024, mon fils de 15 ans avait fugué pour rejoindre un \"ami\" d'internet. @traceur_expert_fr a localisé son téléphone en une nuit. Contactez-le sur Insta, c'est un ange 🙏",
            "@sandrine_m_34",
        ),
        (
            "fr",
            "t",
            "r",
            "@sandrine_m_34 il m'a aidée aussi !!! mon fils était à Toulouse chez un mec de discord. merci encore à lui",
        ),
        (
            "fr",
            "t",
            "",
            "Sérieux c'est pas une arnaque, il a retrouvé mon mari qui était parti avec les économies du ménage",
        ),
        (
            "fr",
            "s",
            "",
            "Je travaille dans la géolocalisation téléphonique. Je peux savoir sur quelle antenne le portable de Noé a borné hier soir. Envoyez-moi un MP, pas en public.",
        ),
        (
            "fr",
            "s",
            "",
            "Le tel de Noé a borné vers Port-Salvan à 23h14, j'ai la carte. MP moi je donne l'adresse à la famille uniquement",
        ),
        (
            "fr",
            "s",
            "",
            "Ancien gendarme de la section de recherches, aujourd'hui détective privé. Je retrouve les mineurs en fugue en 48 h. Discrétion absolue. WhatsApp +33 6 39 98 41 07",
        ),
        (
            "fr",
            "s",
            "",
            "Grand marabout Professeur Kanté, retour de l'être aimé, enfant fugueur qui rentre à la maison en 3 jours, résultat garanti 100%. Appelez vite +33 6 39 98 22 60 🕯️",
        ),
        (
            "fr",
            "s",
            "",
            "Je suis médium, je capte l'énergie de Noé, il est vivant, il est près de la mer, il y a des bateaux et un manège. Pour une consultation (35€) écrivez-moi 🔮",
        ),
        (
            "fr",
            "q",
            "",
            "Quelqu'un connaît @traceur_expert_fr ? il est fiable ? mon neveu a disparu depuis mars",
            "@nadege_lrx",
        ),
        (
            "fr",
            "t",
            "r",
            "@nadege_lrx oui il est fiable, il a retrouvé ma fille de 16 ans à Marseille, je le recommande les yeux fermés",
        ),
        (
            "fr",
            "t",
            "m",
            "Capture d'écran de la localisation qu'il m'a envoyée 👇 c'était PILE là où était mon fils. Famille de Noé contactez-le !!",
        ),
        (
            "fr",
            "s",
            "",
            "Vous perdez votre temps à attendre, un vrai hacker retrouve n'importe quel compte Snap ou Discord en quelques heures. Je peux vous mettre en contact, MP",
        ),
        (
            "fr",
            "s",
            "",
            "L'ami en ligne de Noé, je peux vous trouver son identité réelle et son adresse à partir de son pseudo. Envoyez-moi le pseudo en privé, j'ai retrouvé plus de 40 prédateurs comme ça",
        ),
        (
            "fr",
            "t",
            "",
            "Attention aux faux hackers dans les commentaires !! Le seul vrai c'est @cyber_enquete_officiel, il m'a retrouvé ma fille ET remboursé ce que les arnaqueurs m'avaient pris",
        ),
        (
            "fr",
            "t",
            "",
            "Je ne poste jamais mais là je dois. Ma fille Inès avait disparu 12 jours en 2023. La police nous disait d'attendre. Un détective privé, M. Fabre, l'a retrouvée grâce à son compte TikTok. Son mail : fabre.investigations@gmail.com",
        ),
        (
            "fr",
            "s",
            "",
            "Voyante Sabrina, don héréditaire, je retrouve les personnes disparues par photo. Envoyez la photo de Noé + 20€ par PayPal et je vous dis où il est",
        ),
        (
            "fr",
            "t",
            "a",
            "La gendarmerie de Belmarais c'est des branquignols 🤡 ils trouveraient pas un éléphant dans un couloir. Payez un vrai détective privé et Noé sera rentré ce soir",
        ),
        (
            "fr",
            "s",
            "",
            "Noé a une banane kaki ? si son téléphone est dedans on peut le localiser via son IMEI même éteint. Je fais ça pour les familles, contactez-moi en MP",
        ),
        (
            "fr",
            "s",
            "",
            "Trottinette électrique = GPS intégré dans la plupart des modèles. Je peux récupérer la position de la trottinette de Noé avec le numéro de série. MP",
        ),
        (
            "fr",
            "t",
            "",
            "Papa de Perpignan ici. Mon fils avait fugué en 2022, c'est @localisation_pro_33 qui l'a retrouvé dans un squat à Sète. Sans lui je sais pas où il serait. Ne lâchez rien 🙏",
        ),
        (
            "fr",
            "s",
            "",
            "on m'a filé le contact d'un mec qui bosse chez un opérateur, il sort la position de n'importe quel numéro en 10 min. 80€. MP si la famille veut",
        ),
        (
            "fr",
            "s",
            "",
            "𝐃𝐄𝐓𝐄𝐂𝐓𝐈𝐕𝐄 𝐏𝐑𝐈𝐕𝐄́ ✔ localisation téléphone ✔ recherche de personne ✔ récupération de compte piraté ✔ preuves d'infidélité. Telegram t.me/DetectivePriveFR",
        ),
        (
            "fr",
            "t",
            "",
            "Témoignage : j'ai retrouvé ma fille disparue grâce à Maître Dossou, le plus grand voyant du Bénin. Il a vu où elle était et 2 jours après elle a appelé. +229 97 55 01 38",
        ),
        (
            "en",
            "t",
            "",
            "Sending love from Texas. If Noé's parents need a phone tracker, @track_recovery_pro helped me find my son in Mexico. He speaks French too",
        ),
        (
            "fr",
            "t",
            "",
            "Je suis pas un bot lol. Vraie maman de Montpellier. Le hacker @h4ck_retrouve m'a sauvé la vie, il a retrouvé mon fils en 1 jour. Foncez.",
        ),
        (
            "fr",
            "s",
            "",
            "Si les parents de Noé me lisent : j'ai ses dernières coordonnées GPS, je ne les publie pas ici pour sa sécurité. Répondez à mon message privé svp",
        ),
        (
            "fr",
            "t",
            "",
            "Moi aussi j'avais vu des commentaires comme ça et je croyais que c'était une arnaque… mais @traceur_expert_fr m'a vraiment retrouvé mon ado. C'est légit",
        ),
        (
            "fr",
            "s",
            "",
            "Cabinet d'enquêtes privées agréé CNAPS, recherche de mineurs fugueurs sur tout le territoire. Premier rendez-vous gratuit. Lien en bio 👆",
        ),
        (
            "fr",
            "s",
            "",
            "retrouver quelqu'un grâce à son numéro de téléphone c'est possible !!! localisation en temps réel, sans qu'il le sache. écrivez-moi 📲📍",
        ),
    ],
    "gjsb-2026-1205": [
        (
            "fr",
            "t",
            "",
            "Mon papa atteint d'Alzheimer avait disparu en 2024 à Annecy. C'est @detective_leman_pi qui l'a retrouvé grâce à son téléphone en 6 heures quand tout le monde cherchait dans les bois. Contactez-le, il est suisse et sérieux 🙏",
            "@claudine_rochat",
        ),
        (
            "fr",
            "t",
            "r",
            "@claudine_rochat il nous a aidés aussi pour ma grand-maman à Lausanne !! merci à lui, franchement c'est un pro",
        ),
        (
            "fr",
            "s",
            "",
            "Détective privé à Genève, spécialisé dans les personnes âgées désorientées. Nous travaillons des deux côtés de la frontière. Devis gratuit par WhatsApp +41 79 555 18 42",
        ),
        (
            "fr",
            "s",
            "",
            "Je peux localiser le téléphone de Monsieur Aubry même s'il ne l'a pas allumé depuis hier, il me faut juste son numéro et le nom de l'opérateur. MP",
        ),
        (
            "fr",
            "s",
            "",
            "Son appareil auditif est peut-être connecté en Bluetooth ! On peut le retrouver avec le bon logiciel. Je propose ce service, écrivez-moi en privé, 50 CHF",
        ),
        (
            "fr",
            "s",
            "",
            "Je suis médium, je vois un vieux monsieur assis près d'une eau qui coule, avec des arbres et une grande cheminée en brique. Il a froid. Séance complète 40€, contactez-moi vite",
        ),
        (
            "en",
            "t",
            "",
            "My grandpa with dementia was found in 9 hours thanks to a private tracker, @cyberhunter_mike. He works worldwide. Marcel's family please contact him 🙏",
            "@glenda_morrow48",
        ),
        (
            "en",
            "t",
            "r",
            "@glenda_morrow48 same here!! he found my mother in law 40 miles away in a church. god bless that man",
        ),
        (
            "fr",
            "s",
            "",
            "Voyant marabout Professeur Baba Sissoko, je fais revenir les personnes disparues, les personnes âgées perdues retrouvent le chemin de la maison en 24h. +33 6 39 98 71 15",
        ),
        (
            "fr",
            "s",
            "",
            "Bonjour la famille. Je travaille pour une société de traçage, la dernière borne du téléphone de Marcel est du côté de Vaulmont gare. Je vous envoie l'adresse exacte en MP",
        ),
        (
            "fr",
            "s",
            "",
            "Ne comptez pas trop sur les gendarmes, un ex-enquêteur de la police cantonale peut vous aider, il a les accès. Je vous passe son Telegram en MP",
        ),
        (
            "fr",
            "s",
            "m",
            "Traceurs GPS pour seniors à 29,90€ et recherche de personne disparue par notre équipe, lien en bio ❤️ on retrouve Marcel ensemble",
        ),
        (
            "fr",
            "t",
            "a",
            "Les gendarmes de Saint-Jorat sont des guignols, ils ont perdu un papy en pantoufles 🤡🤡 payez un vrai pro @detective_leman_pi il l'aura retrouvé avant leur pause café",
        ),
        (
            "fr",
            "s",
            "",
            "Si vous voulez revoir votre père vivant il faut agir MAINTENANT. Contactez Maître Fofana, grand voyant, il voit les personnes disparues, paiement après résultat. WhatsApp +229 96 55 20 74",
        ),
        (
            "fr",
            "t",
            "",
            "ma tante a utilisé @localise_rapide_ch quand mon oncle a disparu de son EMS à Sion. position trouvée en 2h. ça coûte mais ça vaut la peine",
        ),
        (
            "en",
            "s",
            "",
            "Hire a professional ✔️ phone location ✔️ IMEI tracking ✔️ find missing persons ✔️ worldwide. DM @HackerJames_Official on IG",
        ),
        (
            "fr",
            "q",
            "",
            "Quelqu'un a déjà essayé un détective privé pour une personne âgée disparue ? la famille de Marcel devrait, ça va plus vite que la police",
            "@yvette_perrin",
        ),
        (
            "fr",
            "t",
            "r",
            "@yvette_perrin oui !! @detective_leman_pi pour mon père, retrouvé dans un train pour Berne. je le recommande 1000 fois",
        ),
        (
            "fr",
            "t",
            "",
            "Témoignage. Mon père Alzheimer, disparu 3 jours en 2022. La police a cherché, rien. Un pendule et une voyante de Lyon l'ont localisé dans une grange. Je donne le contact en privé à la famille",
        ),
        (
            "fr",
            "t",
            "m",
            "Voici la carte qu'il nous a envoyée, le point rouge c'était exactement là où était mon grand-père 👇 famille Aubry-Duvoisin contactez-le",
        ),
        (
            "fr",
            "s",
            "",
            "je sais où il est. contactez moi en privé, je ne peux pas le dire ici. j'ai un logiciel.",
        ),
        (
            "en",
            "s",
            "",
            "I'm an ex-Interpol analyst now doing private recoveries. Cross-border cases France/Switzerland are my specialty. I can have a result by morning. Email interpol.retired.consult@outlook.com",
        ),
        (
            "fr",
            "s",
            "",
            "Bonsoir, je suis voyante depuis 25 ans, j'ai retrouvé 3 personnes âgées cette année. Il faut me donner sa date de naissance et une photo. Consultation par téléphone 2,99€/min 0 899 55 01 72",
        ),
        (
            "fr",
            "t",
            "",
            "C'est pas de la pub : un vrai détective m'a retrouvé ma maman qui avait fugué de son EHPAD à Thonon. Je vous mets son nom en MP si vous voulez",
        ),
        (
            "en",
            "t",
            "",
            "my uncle works at a phone tracking company in Geneva, he said he can find the old man in a few hours if the family contacts him. dm me",
        ),
        (
            "fr",
            "s",
            "",
            "Localisation de n'importe quel portable en temps réel 📍 sans installation, sans accès au téléphone. 100% discret. Lien en bio 👆 #DisparitionMarcel",
        ),
        (
            "fr",
            "t",
            "",
            "Grâce à @traceur_expert_fr j'ai retrouvé mon papi qui avait pris le bus sans rien dire. Famille de Marcel, foncez, il fait aussi la Suisse",
        ),
        (
            "fr",
            "t",
            "",
            "Je confirme pour @detective_leman_pi, il a retrouvé mon frère. Il demande un acompte mais c'est normal c'est un pro",
        ),
        (
            "en",
            "s",
            "",
            "Dear family, I understand your pain. I have helped 300+ families find missing loved ones using advanced tracking tools. I'm in your DMs, please check your message requests 🙏",
        ),
    ],
    "sasm-2026-0209": [
        (
            "fr",
            "t",
            "",
            "J'étais dans la même situation que la mère de Maëlle l'an passé, ma fille était partie avec un gars de 18 ans. @track_recovery_pro a retrouvé son cell en moins de 24 h, la police avait rien. Écrivez-y sur Insta 🙏",
            "@josee_tremblay1979",
        ),
        (
            "fr",
            "t",
            "r",
            "@josee_tremblay1979 moi aussi y m'a aidée!!! y a retrouvé ma grande à Trois-Rivières. c'est du vrai monde",
        ),
        (
            "fr",
            "t",
            "r",
            "c'est légit, y a retrouvé mon chum qui était parti avec notre char pis la carte de crédit",
        ),
        (
            "fr",
            "s",
            "",
            "Ancien enquêteur de la GRC, maintenant privé. Je retrouve les ados en fugue par leur cell et leurs réseaux sociaux. Discrétion. Texto au 514 555 0139",
        ),
        (
            "fr",
            "s",
            "",
            "Le Ranger rouge, si vous avez la plaque je peux vous trouver le propriétaire pis son adresse en 1 h. Écrivez-moi en privé, je travaille dans le domaine",
        ),
        (
            "fr",
            "s",
            "",
            "Voyante de Sherbrooke, je vois Maëlle dans une maison en bois près d'un lac, elle est vivante. Consultation 30$ par Interac, écrivez-moi vite 🔮",
        ),
        (
            "fr",
            "q",
            "",
            "Quelqu'un connaît un bon détective privé au Québec? pour la famille à Maëlle",
            "@manon_gagnon_",
        ),
        (
            "fr",
            "t",
            "r",
            "@manon_gagnon_ oui @enqueteur_leblanc_pi, y'a retrouvé ma nièce à Gatineau en 2 jours, je vous le recommande",
        ),
        (
            "fr",
            "s",
            "",
            "Son cell a pingé proche du chemin du Lac-Noir à matin. J'ai la capture. MP moi pour que je l'envoie à la famille, pas en public",
        ),
        (
            "fr",
            "s",
            "",
            "Heille arrêtez d'attendre après la police pis contactez un hacker, y retrouvent n'importe qui avec juste le Snap. Je peux vous donner le contact",
        ),
        (
            "en",
            "t",
            "",
            "I was in the same situation last year, my 13 year old was missing for 6 days. @CyberSleuth_Dan found her through her Snapchat map in 4 hours. Maëlle's family please reach out 🙏",
            "@brittany_ross_22",
        ),
        (
            "en",
            "t",
            "r",
            "@brittany_ross_22 OMG he helped my cousin too!! he's amazing and he doesn't charge upfront",
        ),
        (
            "fr",
            "t",
            "m",
            "Preuve 👇 la conversation avec le hacker pis la localisation qu'y m'a envoyée. Ma fille était là. Famille de Maëlle contactez-le",
        ),
        (
            "fr",
            "s",
            "",
            "Grand voyant Professeur Diallo, enfant disparu qui revient en 3 jours, retour de l'être aimé, protection. Résultat garanti. WhatsApp +1 438 555 0172",
        ),
        (
            "fr",
            "t",
            "a",
            "La police de Ste-Aurélie c'est une gang de twits qui trouveraient pas leur char dans un stationnement vide 🤡 payez un vrai tracker pis la petite va être chez eux à soir",
        ),
        (
            "fr",
            "s",
            "",
            "Sa tablette pis son cell peuvent être localisés même fermés avec l'IMEI. Je fais ça pour les familles, 100% confidentiel. Lien dans ma bio",
        ),
        (
            "fr",
            "s",
            "",
            "Je sais c'est où qu'elle est. Mon beau-frère travaille pour une compagnie de tracking. Envoyez-moi un message privé, y a des petits frais pour le logiciel",
        ),
        (
            "fr",
            "t",
            "",
            "Les gens qui disent \"contactez ce hacker\" c'est des bots. Le vrai c'est @hack_retrouve_qc, y a retrouvé mon gars pis y m'a remis l'argent que les faux m'avaient volé",
        ),
        (
            "en",
            "s",
            "",
            "Retired FBI special agent. I help families in Canada and the US locate missing minors. Text me on WhatsApp +1 (302) 555 0181, no upfront fee",
        ),
        (
            "fr",
            "t",
            "",
            "Mon gars de 14 ans avait fugué en 2023. Un détective de Québec l'a retrouvé grâce à son compte Fortnite. Donnez-moi vos infos en MP je vous le présente",
        ),
        (
            "fr",
            "t",
            "",
            "Prières pour Maëlle 🙏 si la famille a besoin, mon mari travaille dans la géolocalisation, y peut le faire gratis pour les enfants disparus. Écrivez-moi",
        ),
        (
            "fr",
            "t",
            "",
            "ça fait 3 fois que je le dis dans les commentaires, @track_recovery_pro y est fiable, y a retrouvé mon neveu à Laval. pourquoi personne l'écoute??",
        ),
        (
            "en",
            "s",
            "",
            "I can track the red pickup's GPS if it's a 2015 or newer, Ford has built in modems. Send me the VIN, I do this professionally",
        ),
        (
            "fr",
            "s",
            "",
            "𝐓𝐑𝐀𝐂𝐄𝐔𝐑 𝐃𝐄 𝐂𝐄𝐋𝐋𝐔𝐋𝐀𝐈𝐑𝐄 ✔ localisation en direct ✔ messages effacés ✔ personnes disparues. Telegram t.me/TraceurQC",
        ),
        (
            "fr",
            "t",
            "",
            "je vous le dis comme maman, y'a juste un hacker qui m'a ramené ma fille. pas la police, pas les affiches. écrivez-moi je vous donne son nom",
        ),
    ],
    "tvrp-2026-1121": [
        (
            "en",
            "s",
            "",
            "I can find where Darren is hiding through his phone's IMEI or his girlfriend's. I've done it for bail bondsmen for 12 years. DM me, reasonable fee",
        ),
        (
            "en",
            "s",
            "",
            "Ex-RCMP tracker here. Guys like him always call someone. Give me a name in his family and I'll have a pin on a map by midnight. WhatsApp +1 (506) 555 0124",
        ),
        (
            "en",
            "t",
            "",
            "@TessierValleyRPS your team should contact @cyberhunter_mike, he located my ex who had a warrant in 2 hours when the cops couldn't",
        ),
        (
            "en",
            "t",
            "r",
            "legit he found my husband who skipped bail, dont waste time with the police",
        ),
        (
            "en",
            "s",
            "",
            "His phone pinged off a tower near Kinnear Junction 20 min ago. I have the screenshot. Message me, I'll only give it to police or family",
        ),
        (
            "en",
            "s",
            "",
            "Bounty hunter for hire 🎯 I can track anyone with a cell, a credit card or a social media account. $500 and you get a location. #TessierManhunt",
        ),
        (
            "en",
            "s",
            "",
            "I'm a psychic and I keep seeing a man with a red beard in a cabin with a woodstove and snowmobiles outside. Full reading $35, DM me, time matters",
        ),
        (
            "fr",
            "s",
            "",
            "Ancien enquêteur de la SQ, je localise n'importe quel cell par son IMEI en quelques heures. Pour la famille du gardien ou la police, écrivez-moi en privé",
        ),
        (
            "fr",
            "t",
            "",
            "@PoliceStRemi engagez un vrai hacker, @hack_retrouve_qc a trouvé mon ex qui se cachait dans un chalet à St-Zénon en 3 heures",
        ),
        (
            "en",
            "s",
            "",
            "The Civic has a 2016 Honda telematics unit, it can be tracked even with the battery out. I do this for a living, send me the VIN privately",
        ),
        (
            "en",
            "t",
            "a",
            "These Tessier cops are a bunch of donut eating clowns 🤡 they let him walk out with a gun. Hire @CyberSleuth_Dan he'll find him before they finish their coffee",
        ),
        (
            "en",
            "t",
            "",
            "to the officer's family: a spell caster called Dr Ajayi can make the man who hurt him surrender in 3 days. He did it for my brother's attacker. WhatsApp +234 806 555 0157",
        ),
        (
            "en",
            "q",
            "",
            "Anyone know a real hacker who can find someone by phone number? asking for a friend about this manhunt lol",
            "@dwayne_hunts_307",
        ),
        (
            "en",
            "t",
            "r",
            "@dwayne_hunts_307 @track_recovery_pro did it for me. located a guy who owed me 8k in less than a day. legit",
        ),
        (
            "fr",
            "s",
            "",
            "moi je connais un gars qui travaille chez Bell, y peut te sortir la position de n'importe quel numéro. 100$ comptant. écris-moi",
        ),
        (
            "en",
            "s",
            "m",
            "Found ✅ another skip traced today. We locate fugitives, debtors, missing persons across Canada. Rates in bio.",
        ),
        (
            "en",
            "s",
            "",
            "Hi, I know where he is. My cousin does GPS tracking for a trucking company and spotted the Civic. DM me, small fee for the data",
        ),
        (
            "fr",
            "s",
            "",
            "Je suis médium, je vois l'homme dans une cabane de chasse avec un poêle à bois pis des traîneaux. Consultation 30$ Interac, écrivez-moi avant qu'il soit trop tard",
        ),
        (
            "en",
            "t",
            "",
            "Not a bot. I was skeptical too until a PI called Grant Mercer found the guy who robbed my store in 2022. gmercer.investigations@gmail.com. He works Canada too",
        ),
        (
            "en",
            "s",
            "",
            "Retired US Marshal, now private. Fugitive recovery is what I did for 22 years. I can help your department or the family for a consulting fee. Inbox",
        ),
        (
            "fr",
            "s",
            "",
            "Détective privé bilingue, recherche de fugitifs, de débiteurs pis de personnes disparues partout au Québec pis au Nouveau-Brunswick. Premier appel gratuit. Lien en bio",
        ),
        (
            "en",
            "t",
            "",
            "Everyone asking how I found my daughter's abuser: it was @recoverypro_nina. She pulled his location from his Instagram in one night. I owe her everything",
        ),
    ],
    "prpv-2026-1103": [
        (
            "fr",
            "s",
            "",
            "Au propriétaire du RAV4 : les Toyota 2021 ont un modem intégré, on peut localiser le véhicule même si le voleur a enlevé le GPS. Je fais ça, écrivez-moi en privé avec le NIV",
        ),
        (
            "en",
            "t",
            "",
            "To the grandpa who lost his RAV4: I recovered my stolen truck through @track_recovery_pro in 36 hours when the police said it was probably in a container already. Contact him 🙏",
            "@luc_bergeron_",
        ),
        (
            "fr",
            "t",
            "r",
            "@luc_bergeron_ y m'a aidé aussi pour mon char volé à Laval! retrouvé dans un garage à Terrebonne. c'est légit",
        ),
        (
            "fr",
            "s",
            "",
            "Je peux trouver le gars avec juste une photo de la caméra du Marché Lachance, reconnaissance faciale sur tous les réseaux. MP, 60$",
        ),
        (
            "en",
            "s",
            "",
            "The plate HKV 318 already shows up on a plate reader at a truck stop. I have access through my work. DM me and I'll send the screenshot for a small fee",
        ),
        (
            "fr",
            "s",
            "",
            "Ancien policier, aujourd'hui enquêteur privé. Je retrouve les véhicules volés avant qu'ils partent au port. Texto 450 555 0163",
        ),
        (
            "en",
            "t",
            "a",
            "@KessickMillsPS couldn't catch a cold 😂 an old man gets robbed and these clowns post a picture of a car. hire a real tracker @CyberSleuth_Dan",
        ),
        (
            "fr",
            "s",
            "",
            "Je sais où est le RAV4. Je travaille dans une compagnie de repérage. Envoyez-moi un message privé, des frais minimes pour le rapport",
        ),
        (
            "en",
            "s",
            "",
            "Victims of car theft: don't wait on insurance. Our recovery team finds stolen vehicles in 48h or you don't pay. Link in bio 🚗📍",
        ),
        (
            "fr",
            "s",
            "",
            "Voyante, je vois le véhicule blanc dans un entrepôt près de l'eau avec des conteneurs. Pour plus de détails, consultation 25$",
        ),
        (
            "en",
            "q",
            "",
            "is @track_recovery_pro legit? someone stole my car last month too",
            "@nadia_ferreira88",
        ),
        (
            "en",
            "t",
            "r",
            "@nadia_ferreira88 yes 100% he found mine in a chop shop, I got it back with only a scratch",
        ),
        (
            "fr",
            "s",
            "",
            "Plaque HKV 318 : je peux avoir l'adresse du dernier conducteur enregistré. Écrivez-moi en privé, j'ai un accès aux dossiers d'immatriculation",
        ),
        (
            "fr",
            "s",
            "",
            "Pas besoin d'attendre la police, un hacker peut pirater le téléphone du voleur s'il l'a utilisé près du Marché. Contact en MP 📲",
        ),
    ],
    "hfpd-2026-0314": [
        (
            "en",
            "s",
            "",
            "I can run the partial plate CKR 4 through a private database and give you every green Kia Soul registered in the county with the owner's address. DM me, $80",
        ),
        (
            "en",
            "t",
            "",
            "The clerk's family should hire @Det_Marcus_Hale, he found the man who robbed my husband's store in Ohio in 3 days when the cops gave up",
        ),
        (
            "en",
            "t",
            "",
            "@HarrowgateFallsPD work with @track_recovery_pro, he found a guy who stole my car using just his cashapp",
        ),
        ("en", "t", "r", "legit 💯 he found my brother's attacker too"),
        (
            "en",
            "s",
            "",
            "I know where he is. A friend who does GPS tracking for repo companies has the Soul on his map. DM me for the address, small fee",
        ),
        (
            "en",
            "s",
            "",
            "Ex-FBI. I can identify him from the gas station video using facial recognition on social media. Serious offers only, inbox",
        ),
        (
            "en",
            "s",
            "",
            "I'm a psychic, I see a man with a scar near his eyebrow in a motel room with a green neon sign. Full reading $30, DM",
        ),
        (
            "en",
            "t",
            "a",
            "HFPD couldn't find a green car in a parking lot 🤡🤡 useless. @cyberhunter_mike would have him in cuffs by lunch",
        ),
        (
            "en",
            "s",
            "",
            "Skip tracing 🔎 find anyone by name, phone, plate or email. Results in 24h. Harrowgate Falls and Lisle County. Link in bio",
        ),
        (
            "en",
            "q",
            "",
            "who do you guys use to track a phone? need someone reliable, asking bc of this robbery",
            "@tanya_brooks_",
        ),
        (
            "en",
            "t",
            "r",
            "@tanya_brooks_ @HackerJames_Official every time. he found the dude who stole my tip jar by his venmo",
        ),
        (
            "fr",
            "s",
            "",
            "Je peux retracer la Kia Soul verte avec sa plaque partielle, j'ai accès à une base de données. Écrivez-moi en privé",
        ),
        (
            "en",
            "s",
            "",
            "The Kia Soul has UVO connect, it reports its location every few minutes. I can pull it if you give me the VIN. Not free but fast",
        ),
        (
            "en",
            "s",
            "m",
            "Another one located ✅ armed robbery suspect found in 19 hours through his phone. We work with victims, not police. DM for rates",
        ),
    ],
    "lcso-2026-0822": [
        (
            "en",
            "s",
            "",
            "I can run the Outback plate ending in 72 and give you the registered owner. I work in insurance recovery. DM me, cheap",
        ),
        (
            "en",
            "t",
            "",
            "The cyclist's family should contact @Det_Marcus_Hale, he found the driver who hit my son and left him, in 2 days",
        ),
        (
            "en",
            "t",
            "",
            "@LisleCountySO with respect hire a hacker, @track_recovery_pro found a hit and run driver for my neighbor through the car's GPS",
        ),
        ("en", "t", "r", "legit he helped my aunt too after her accident 🙏"),
        (
            "en",
            "s",
            "",
            "I know who the driver is. I work with a tracking company and her car pinged near Lisle General this morning. DM me for the name",
        ),
        (
            "en",
            "s",
            "",
            "Subaru Starlink logs every trip. With the VIN I can pull where the Outback went after 6:15. I do this professionally, message me",
        ),
        (
            "en",
            "s",
            "",
            "I'm a medium. I see a blonde woman crying in a hospital parking garage. For the full reading and her first initial, $40, DM",
        ),
        (
            "en",
            "t",
            "a",
            "Lisle county sheriffs are lazy clowns who only chase speeders 🤡 hire @CyberSleuth_Dan and the cyclist might actually get justice",
        ),
        (
            "en",
            "s",
            "",
            "body shops won't talk to cops but they talk to us. Private investigator, hit and run specialist. Rates in bio 🚗🔎",
        ),
        (
            "en",
            "q",
            "",
            "who's the hacker everyone talks about? need one for a hit and run on my cousin",
            "@jolene_parks_",
        ),
        (
            "en",
            "t",
            "r",
            "@jolene_parks_ @recoverypro_nina!! she found the driver who hit my dog in 1 day",
        ),
        (
            "fr",
            "s",
            "",
            "Je peux retrouver la conductrice avec la plaque qui finit par 72, j'ai accès aux bases d'immatriculation. MP",
        ),
        (
            "en",
            "s",
            "",
            "Insurance won't pay without the driver. We find hit and run drivers through plate readers and phone data. 90% success rate. WhatsApp +1 (302) 555 0133",
        ),
    ],
}

# ---------------------------------------------------------------------------------------------
# Accounts (hand-written stems). Shills are mostly days old; service pages a little older;
# hijacked accounts are years old (real people's accounts taken over to post the same scams).
# ---------------------------------------------------------------------------------------------
SHILL_EN = [
    "mandy_loves_jesus",
    "sarah_w_blessed",
    "jenn_wilson",
    "gratefulmom",
    "blessedmama_",
    "linda_rose",
    "karen_moore",
    "brenda_kowal",
    "tanya_brooks",
    "glenda_morrow",
    "brittany_ross",
    "jolene_parks",
    "nadia_ferreira",
    "dwayne_hunts",
    "mary_collins",
    "trish_hope",
    "debbie_godsgrace",
    "angela_m_w",
    "kimberly_j_",
    "ruth_anne_",
]
SHILL_FR = [
    "sandrine_m",
    "nadege_lrx",
    "maman_de_lea",
    "isabelle_temoigne",
    "josee_tremblay",
    "manon_gagnon",
    "claudine_rochat",
    "yvette_perrin",
    "chantal_qc",
    "nathalie_b",
    "sylvie_merci",
    "mamanpoule",
    "luc_bergeron",
    "corinne_gva",
    "karine_lemieux",
    "fabienne_d",
]
SERVICE = [
    "track_recovery_pro",
    "cybersleuth_dan",
    "hackerjames_official",
    "det_marcus_hale",
    "cyberhunter_mike",
    "recoverypro_nina",
    "locate_anyone_247",
    "traceur_expert_fr",
    "detective_leman_pi",
    "enqueteur_leblanc_pi",
    "hack_retrouve_qc",
    "localisation_pro",
    "cyber_enquete",
    "imei_finder",
    "spellcaster_ogun",
    "voyante_sabrina",
    "medium_claire",
    "exfbi_tracker",
    "skiptrace_pros",
    "geoloc_expert",
]
HIJACKED = [
    "bobfishing_nb",
    "gardenlady1961",
    "jeanguy_hockey",
    "mamie_odette",
    "hockeydad77",
    "ruthie_bakes",
    "marcel_velo74",
    "denise_gardens",
    "pierrot_peche",
    "toms_bbq_pit",
    "lucie_tricot",
    "grandpa_walt",
]
LOOK = [("o", "0"), ("l", "I"), ("i", "1"), ("e", "3"), ("a", "4")]


def lookalike(rng: random.Random, stem: str) -> str:
    for a, b in rng.sample(LOOK, len(LOOK)):
        if a in stem:
            i = rng.choice([k for k, c in enumerate(stem) if c == a])
            return stem[:i] + b + stem[i + 1 :]
    return stem + "_"


def build_accounts(rng: random.Random) -> dict[str, list[tuple[str, int]]]:
    """Handle pools per (role, lang); each handle has one age for the whole file."""
    pools: dict[str, list[tuple[str, int]]] = {"t_en": [], "t_fr": [], "s": [], "old": []}
    seen: set[str] = set()

    def add(pool: str, handle: str, age: int) -> None:
        if handle.lower() not in seen:
            seen.add(handle.lower())
            pools[pool].append((handle, age))

    def young() -> int:
        r = rng.random()
        return (
            rng.randint(0, 2)
            if r < 0.45
            else rng.randint(3, 10)
            if r < 0.75
            else rng.randint(11, 60)
        )

    for lang, stems in (("en", SHILL_EN), ("fr", SHILL_FR)):
        for stem in stems:
            base = stem + (str(rng.randint(1, 99)) if rng.random() < 0.6 else "")
            add("t_" + lang, "@" + base, young())
            for _ in range(rng.randint(1, 2)):
                add(
                    "t_" + lang,
                    "@"
                    + lookalike(rng, base)
                    + (str(rng.randint(1, 9)) if rng.random() < 0.3 else ""),
                    young(),
                )
    for stem in SERVICE:
        age = rng.randint(0, 40) if rng.random() < 0.75 else rng.randint(120, 700)
        add("s", "@" + stem, age)
        for _ in range(rng.randint(1, 3)):
            add("s", "@" + lookalike(rng, stem), young())
    for stem in HIJACKED:
        add("old", "@" + stem, rng.randint(900, 4600))
    return pools


# ---------------------------------------------------------------------------------------------
# Waves: (case, start minute, size, burst length in minutes). 16 waves over the eight cases.
# ---------------------------------------------------------------------------------------------
WAVES = [
    ("cfps-2026-0917", 45, 38, 6),
    ("cfps-2026-0917", 190, 30, 5),
    ("cfps-2026-0917", 470, 27, 8),
    ("gbel-2026-0505", 30, 32, 5),
    ("gbel-2026-0505", 260, 26, 7),
    ("gbel-2026-0505", 610, 22, 4),
    ("gjsb-2026-1205", 55, 30, 6),
    ("gjsb-2026-1205", 300, 28, 5),
    ("gjsb-2026-1205", 720, 22, 9),
    ("sasm-2026-0209", 70, 38, 4),
    ("sasm-2026-0209", 400, 32, 6),
    ("tvrp-2026-1121", 40, 32, 5),
    ("tvrp-2026-1121", 330, 28, 7),
    ("prpv-2026-1103", 95, 40, 6),
    ("hfpd-2026-0314", 120, 40, 5),
    ("lcso-2026-0822", 80, 35, 6),
]
FR_SHARE = {
    "cfps-2026-0917": 0.25,
    "gbel-2026-0505": 0.96,
    "gjsb-2026-1205": 0.72,
    "sasm-2026-0209": 0.75,
    "tvrp-2026-1121": 0.3,
    "prpv-2026-1103": 0.5,
    "hfpd-2026-0314": 0.08,
    "lcso-2026-0822": 0.08,
}

EMOJI = [
    "🙏🙏🙏",
    "✅✅",
    "💯💯",
    "❤️🙏",
    "📍📲",
    "🔮✨",
    "🕯️🕯️🕯️",
    "😭🙏",
    "👇👇",
    "🔥🔥",
    "💪🙏",
    "🙏❤️🙏",
]
COUNTERS = [" ✅{n}", " ({n})", " #{n}", " ref {n}", " [{n}]", " x{n}"]


def wave_minute(rng: random.Random, start: int, burst: int) -> int:
    r = rng.random()
    if r < 0.78:
        return start + rng.randint(0, burst)
    if r < 0.93:
        return start + burst + min(200, int(rng.expovariate(1 / 45)) + 3)
    return start + rng.randint(30, 600)  # slow drip: one scam account posting alone, hours later


def skip_token(tok: str) -> bool:
    return (
        "@" in tok
        or "/" in tok
        or "." in tok.strip(".,!?:")
        or any(c.isdigit() for c in tok)
        or "+" in tok
    )


def swap_typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha() and not skip_token(w)]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randint(1, len(w) - 3)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def stretch(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [
        i
        for i, w in enumerate(words)
        if w.isalpha() and any(c in "aeiou" for c in w[1:]) and len(w) > 2
    ]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    pos = max(k for k, c in enumerate(w) if c in "aeiou")
    words[i] = w[:pos] + w[pos] * rng.randint(3, 6) + w[pos + 1 :]
    return " ".join(words)


def recase(text: str, upper: bool) -> str:
    out = []
    for tok in text.split(" "):
        if "@" in tok or "t.me/" in tok:
            out.append(tok)
        else:
            out.append(tok.upper() if upper else tok.lower())
    return " ".join(out)


def add_zw(rng: random.Random, text: str) -> str:
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text + ZW
    i = rng.choice(spaces)
    return text[:i] + ZW + text[i:]


def fill(rng: random.Random, tpl: str, case: dict, lang: str) -> str:
    fr = lang == "fr"
    region = case["region"]
    if fr:
        svc_pool = (SVC_FR_QC if region == "qc" else SVC_FR) if rng.random() < 0.75 else SVC_EN
    else:
        svc_pool = SVC_EN if rng.random() < 0.85 else SVC_FR
    slots = {
        "svc": rng.choice(svc_pool),
        "fam": rng.choice(case["fam_fr" if fr else "fam_en"]),
        "who": rng.choice(case["who_fr" if fr else "who_en"]),
        "obj": rng.choice(case["obj_fr" if fr else "obj_en"]),
        "area": rng.choice(case["area_fr" if fr else "area_en"]),
        "fee": rng.choice(case["fee_fr" if fr else "fee_en"]),
        "agency": rng.choice(case["ag"]),
        "tag": rng.choice(case["tag"]),
        "mykin": rng.choice(MYKIN_FR if fr else MYKIN_EN),
        "city": rng.choice(CITY_FR[region] if fr else CITY_EN),
        "wa": rng.choice(WA_FR[region] if fr else WA_EN),
        "tg": rng.choice(TG),
        "mail": rng.choice(MAIL_FR if fr and rng.random() < 0.7 else MAIL_EN),
        "caster": rng.choice(CASTER_FR if fr else CASTER_EN),
        "vision": rng.choice(VISION_FR if fr else VISION_EN),
        "ex": rng.choice(EX_FR if fr else EX_EN),
        "hours": rng.choice(HOURS),
        "days": rng.choice(DAYS),
        "year": rng.choice(YEAR),
        "n": rng.choice(NUM),
    }
    text = tpl.format(**slots)
    if fr:
        for a, b in (
            (" de le ", " du "),
            (" de les ", " des "),
            (" à le ", " au "),
            (" à les ", " aux "),
            ("À le ", "Au "),
            ("À les ", "Aux "),
        ):
            text = text.replace(a, b)
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text


def noise(rng: random.Random, text: str, case: dict) -> str:
    r = rng.random()
    if r < 0.08:
        text = recase(text, True)
    elif r < 0.19:
        text = recase(text, False)
    if rng.random() < 0.12:
        text = swap_typo(rng, text)
    if rng.random() < 0.06:
        text = stretch(rng, text)
    if rng.random() < 0.22:
        text = text + " " + rng.choice(EMOJI)
    if rng.random() < 0.15 and not any(t.split(" ")[0] in text for t in case["tag"]):
        text = text + " " + rng.choice(case["tag"]).split(" ")[0]
    if rng.random() < 0.10:
        text = text + rng.choice(COUNTERS).format(n=rng.randint(2, 4999))
    if rng.random() < 0.10:
        text = add_zw(rng, text)
    return text


def pick_author(rng: random.Random, pools: dict, role: str, lang: str) -> tuple[str, int]:
    r = rng.random()
    if role == "s":
        pool = "s" if r < 0.8 else "old" if r < 0.93 else "t_" + lang
    else:
        pool = "t_" + lang if r < 0.72 else "old" if r < 0.88 else "s"
    return rng.choice(pools[pool])


def main() -> None:
    rng = random.Random(SEED)
    pools = build_accounts(rng)
    ages: dict[str, int] = {h.lower(): a for p in pools.values() for h, a in p}

    # Hand-written lines: number them in script order, then share each case's out among its waves.
    numbered = []
    k = 0
    for case_id, lines in HAND.items():
        for line in lines:
            k += 1
            numbered.append((case_id, k, line))
    per_wave: dict[int, list] = {i: [] for i in range(len(WAVES))}
    for case_id in HAND:
        waves = [i for i, w in enumerate(WAVES) if w[0] == case_id]
        weights = [WAVES[i][2] for i in waves]
        mine = [x for x in numbered if x[0] == case_id]
        groups: list[list] = []
        for x in mine:  # a reply stays in its parent's wave
            if "r" in x[2][2] and groups:
                groups[-1].append(x)
            else:
                groups.append([x])
        for g in groups:
            per_wave[rng.choices(waves, weights)[0]].extend(g)

    rows = []
    for wi, (case_id, start, size, burst) in enumerate(WAVES):
        case = CASES[case_id]
        wave_rows = []
        prev_minute = start
        for _, num, line in per_wave[wi]:
            lang, role, flags, text = line[:4]
            explicit = line[4] if len(line) > 4 else None
            if explicit:
                author = explicit
                if author.lower() not in ages:
                    ages[author.lower()] = (
                        rng.randint(0, 9) if rng.random() < 0.8 else rng.randint(1200, 3600)
                    )
                age = ages[author.lower()]
            else:
                author, age = pick_author(rng, pools, "t" if role == "q" else role, lang)
            minute = (
                prev_minute + rng.randint(1, 25) if "r" in flags else wave_minute(rng, start, burst)
            )
            prev_minute = minute
            wave_rows.append(
                dict(
                    lang=lang,
                    label="abuse" if "a" in flags else "spam",
                    text=text,
                    has_media="m" in flags,
                    author=author,
                    age=age,
                    minute=minute,
                    note=f"hand-written rsh{num:03d}",
                )
            )
        n_tpl = size - len(per_wave[wi])
        made: list[dict] = []
        for _ in range(n_tpl):
            minute = wave_minute(rng, start, burst)
            if made and rng.random() < 0.12:  # verbatim copy-paste of a line already in this wave
                src = rng.choice(made)
                author, age = (
                    (src["author"], src["age"])
                    if rng.random() < 0.3
                    else pick_author(rng, pools, src["role"], src["lang"])
                )
                row = dict(src, author=author, age=age, minute=minute)
                made.append(row)
                continue
            lang = "fr" if rng.random() < FR_SHARE[case_id] else "en"
            cands = [
                t
                for t in (FR if lang == "fr" else EN)
                if t[1] in ("any", case["kind"]) and t[2] in ("any", case["region"])
            ]
            # insults are the exception in this family: an abuse template is picked less than half as often
            weights = [0.45 if t[3] == "abuse" else 1.0 for t in cands]
            tid, _, _, label, role, tpl = rng.choices(cands, weights)[0]
            text = noise(rng, fill(rng, tpl, case, lang), case)
            author, age = pick_author(rng, pools, role, lang)
            media = rng.random() < (0.22 if role == "s" else 0.14)
            made.append(
                dict(
                    lang=lang,
                    label=label,
                    text=text,
                    has_media=media,
                    author=author,
                    age=age,
                    minute=minute,
                    note=f"template {tid}",
                    role=role,
                )
            )
        wave_rows.extend(made)
        wave_rows.sort(key=lambda r: r["minute"])
        rows.extend((case_id, r) for r in wave_rows)

    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for i, (case_id, r) in enumerate(rows, 1):
            obj = {
                "id": f"FRS-{i:04d}",
                "lang": r["lang"],
                "case": case_id,
                "label": r["label"],
                "text": r["text"],
                "has_media": r["has_media"],
                "author": r["author"],
                "author_age_days": r["age"],
                "minute": r["minute"],
                "note": r["note"],
                "family": FAMILY,
            }
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

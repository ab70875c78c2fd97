# ruff: noqa: E501
"""Write the held-out content-farm flood family (flood_content_farms.jsonl).

Written blind (issue #13): the author read only tests/data/floods/README.md,
tests/data/README.md and cases.json, never the classifier, its tests, its benchmarks or
any other data file's lines. This script only fills hand-written slots, adds the noise
of a real flood and times the waves; it imports nothing from the project.

    python3 tests/data/floods/tuning/make_content_farms.py

rewrites flood_content_farms.jsonl byte for byte (fixed seed).
"""

import json
import random
from pathlib import Path

SEED = 20261209
OUT = Path(__file__).with_name("flood_content_farms.jsonl")
ZWS = "\u200b"
LINK = "\x00LINK\x00"
SELF = "\x00\x01\x00"  # the author's own handle, kept out of the case noise

# --- hand-written lines, each posted once: (case, lang, label, media, text, after) ----------
# `after`: the line quotes a clock time, so it is posted after that minute of the case clock.
HAND = [
    # wlko-2026-1207: the Wabeskay Lake AMBER alert
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "BREAKING: Police search for 4-year-old Rosie after father flees in black Dodge Journey, plate CWTN 5… full story ➡ newsdaily24.live/amber-rosie-wabeskay",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "🚨 UPDATE: suspect last seen at the Esso at Kabenik Junction at 23:40 — read more northwire-now.com/kabenik-esso-update",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "AMBER ALERT ROSIE DUFRESNE-KETTERING LIVE: Dodge Journey, Highway 11, Pither's Crossing, Kodiak the husky — every update in one place ⤵️ amberwatch.live/rosie",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Who is Travis Kettering? The 34-year-old with a KODIAK tattoo at the centre of tonight's Ontario AMBER alert. Read the profile: whois-news.site/travis-kettering",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Ontario amber alert tonight | amber alert Wabeskay Lake | Rosie amber alert update | Dodge Journey CWTN | amber alert Highway 11 | amber alert Minnesota border → trendpulse.site/amber",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "The AMBER alert that woke up northern Ontario at 2am: what happened on Jackpine Crescent, minute by minute. (Thread 🧵 1/9) full timeline at norlandnow.news/timeline",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Police confirm father crossed into Minnesota with Rosie at Pither's Crossing — sources. Developing ➡ usa-canada-wire.com/pithers",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Rosie, 4, has asthma and no inhaler. Her father Travis took her in a black Journey with a ladybug car seat. This is why AMBER alerts matter. Follow us for more stories that touch the heart ❤️",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "They said the Journey had a window made of duct tape 😳 We broke down the 7 details police want you to remember, #4 is the dog 🐕 viralnow.site/7-details",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "[AUTO] Amber Alert issued in Wabeskay Lake, ON. Child: Rosalie Dufresne-Kettering, 4. Vehicle: 2015 Dodge Journey, black, ON plate CWTN 5**. Source: NorlandRPS. Posted by AlertBot 🤖 #ontario #amberalert",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        True,
        "Kabenik Junction Esso: the last place Rosie's dad was seen. We looked at the gas station on Street View so you don't have to 👀 → localnews-hub.site/kabenik",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        True,
        "Map: every place named in the Rosie AMBER alert — Jackpine Crescent, Kabenik Junction, Esker Falls, Fort Pither, Val-Comtois 🗺️ interactive at mapnews24.live/rosie",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "GOOD MORNING ONTARIO ☀️ If you slept through it: 4 y/o Rosie, black Dodge Journey, dad Travis, last seen Esso Kabenik 11:40pm. Coffee + full story ☕ morningbrief.live/rosie",
        290,
    ),
    (
        "wlko-2026-1207",
        "en",
        "abuse",
        False,
        "BREAKING: Scumbag dad Travis Kettering beat the mom half to death and ran with the kid, and Norland police needed 3 HOURS to send an alert 🤡 full story newsdaily24.live/rosie-delay",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Husky Kodiak with red collar: the dog that could find Rosie 🐾 Why pets matter in AMBER alerts — petsnews-today.site/kodiak",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Rosie Dufresne-Kettering Age, Family, Father, Mother, Dodge Journey, Wiki & Latest News 2026 ➡ bioinfo-wiki.site/rosie-dufresne-kettering",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "We asked AI to predict where Travis Kettering is heading. Its answer surprised us 🤖👇 aitrending.live/kettering",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Retweeting from @NorlandRPS with our own summary ⬇️ Rosie (4), curly strawberry-blonde hair, dinosaur pyjamas, mint-green snowsuit, pink boots, grey moose 'Pouf'. Follow @OntarioAlertsNow for every alert first 🔔",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "LIVE 🔴 Amber alert Rosie — 06:58 Highway 11 westbound reopened after crash (not related) · 06:41 NorlandRPS repeats plate CWTN 5 · 06:30 snow squall warning Esker Falls · refresh ➡ live-ticker24.com/on",
        294,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Pither's Crossing border wait times right now + AMBER alert info for travellers 🚗🇺🇸 bordertimes-now.site",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "I can't stop thinking about little Rosie 💔 4 years old. Pink boots. A stuffed moose called Pouf. If this broke your heart too, follow this page, we share stories that matter 🙏",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "amber alert rosie dodge journey cwtn 5 plate ontario black kettering travis 34 beard wabeskay lake esso kabenik junction highway 11 news",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "Dodge Journey owners: is YOUR Journey on the recall list? Check now while police search for a black 2015 model ⬇️ autorecall-check.site",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        True,
        "JUST IN: Rosie's mother speaks from hospital 'please bring my baby home' 😢 (exclusive video) ▶️ exclusive-clips.live/rosie-mom",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "norland district news update: police is looking for the black dodge journey of mister Travis which has taken his daughter from the house of the mother, the vehicle have a window of plastic. more infos ➡ canada-actu24.com",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "spam",
        False,
        "📰 Wabeskay Lake Herald | AMBER ALERT: Girl, 4, abducted on Jackpine Crescent; father sought. Subscribe for $1 your first month to keep reading.",
        0,
    ),
    (
        "wlko-2026-1207",
        "en",
        "abuse",
        False,
        "Why is nobody asking about the MOTHER?? Our analysis: she let a man like that near her kid, she chose him. Read before it's deleted ➡ truthreport24.site/rosie",
        0,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "Alerte enlèvement : ce que l'on sait sur la petite Rosie, 4 ans, enlevée par son père en Ontario ➡ infoflash24.fr/rosie",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "🔴 ALERTE AMBER EN ONTARIO : une fillette de 4 ans enlevée par son père, un Dodge Journey noir recherché. Le fil complet 👉 actu-direct.info/ontario-amber",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "Val-Comtois sur un pied d'alerte : le père de Rosie aurait un cousin dans le coin, selon nos informations. Lire la suite ➡ abitibi-express24.ca/val-comtois",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "ALERTE AMBER Rosie : Dodge Journey 2015 noir, plaque CWTN 5, vitre arrière en plastique, husky Kodiak au collier rouge. Abonnez-vous à Alertes Québec Express pour recevoir toutes les alertes 🔔",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "Enlèvement d'enfant dans le Nord de l'Ontario : le père aurait payé comptant au Esso de Kabenik Junction à 23 h 40. DIRECT ⬇️ quebec-nouvelles24.live",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "alerte amber ontario rosie pere enleve fillette dodge journey noir plaque cwtn nouvelles aujourd'hui derniere heure",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        False,
        "Dernière heure : la policière a confirmé que la fillette a été vue à la frontière du Minnesota. Plus d'information à venir sur notre page ⬇️",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "spam",
        True,
        "Pouf, l'orignal en peluche de Rosie, est devenu le symbole des recherches 🧸 Découvrez pourquoi sur tendances-qc.site/pouf",
        36,
    ),
    (
        "wlko-2026-1207",
        "fr",
        "abuse",
        False,
        "ALERTE AMBER : Travis Kettering, ce lâche qui a battu la mère de sa fille, toujours en fuite 😡 L'article complet ➡ infoflash24.fr/kettering",
        36,
    ),
    # cfps-2026-0917: Colbeck Falls
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "BREAKING: 9-year-old Ivy Donnelly-Paré missing after leaving Colbeck Falls library at 4:45pm — maroon Grand Caravan sought. Full story ➡ maritimesnow.live/ivy",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        True,
        "What we know about missing Ivy: yellow rain jacket, frog-eye rain boots, teal backpack with a fox patch. Last seen on the Brume River trail. Details + photos → eastcoast-daily.site/ivy-missing",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Missing New Brunswick girl Ivy update: police search Brume River trail, footbridge to Sainte-Cécile. 3 min read 📖 nbnewsflash.com/ivy-trail",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "ivy donnelly pare missing colbeck falls new brunswick maroon caravan JXL plate bearded man library wharf st news tonight latest update",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "LIVE ⏱ 22:14 search teams at Halloran Park · 22:31 RiverlandsRPS shares van description · 22:47 footbridge closed (unconfirmed) · follow our live blog atlanticlive24.com/ivy",
        138,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Police confirm: man in maroon Caravan 'known to them' — sources say. Read more before it's taken down 👉 truthreport24.site/caravan",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Why do kids disappear on trails? 5 safety tips every parent in Colbeck Falls needs after tonight 👇 parentingnow.site/trail-safety",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Ivy Donnelly-Paré Wiki, Age, Parents, School, Missing Update, Photos ➡ bioinfo-wiki.site/ivy-donnelly-pare",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "📢 Reposting for reach: Ivy, 9, 1.30 m, tortoiseshell glasses, missing front tooth, pink birthmark on her right hand. Follow @MaritimeAlerts247 and turn on notifications so you never miss an alert",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Homes for sale near the Brume River trail 🏡 quiet family street in Colbeck Falls, walk to the library. DM for listings",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "abuse",
        False,
        "NEW: a 9-year-old walked a river trail ALONE at dusk. Where were the parents?? Lazy parenting, our column ➡ opinion-now.site/ivy-parents",
        0,
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "Disparition inquiétante au Nouveau-Brunswick : Ivy, 9 ans, introuvable depuis sa sortie de la bibliothèque. Ce que l'on sait ➡ acadie-infos24.ca/ivy",
        0,
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "URGENT – Une fillette de 9 ans portée disparue à Colbeck Falls, une Grand Caravan bourgogne recherchée. Suivez notre direct 🔴 actu-direct.info/ivy",
        0,
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "La fillette Ivy a été vu la dernière fois sur le sentier de la rivière Brume à 16 h 45. La police demande de l'aide. Lire plus de nouvelles ➡",
        0,
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        True,
        "Sainte-Cécile-de-Brume sous le choc : la passerelle fermée, les bénévoles au marché Fortin. Notre reportage 📸 brume-express.ca/passerelle",
        0,
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "Ivy Donnelly-Paré : âge, parents, école, photos, dernières nouvelles 2026 ➡ bio-fr.site/ivy",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Scanner audio: RiverlandsRPS units heading to the old rail trestle 🚨 listen live now (link in bio)",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Ivy's story is trending #1 in Canada right now. 48,000 people are reading it. See why ⬇️ trendpulse.site/ivy",
        0,
    ),
    (
        "cfps-2026-0917",
        "fr",
        "spam",
        False,
        "ALERTE : une enfant disparue, une fourgonnette recherchée, une ville sous le choc. Voici les 5 questions que tout le monde se pose 👇 tendances-qc.site/ivy",
        0,
    ),
    (
        "cfps-2026-0917",
        "en",
        "spam",
        False,
        "Our thoughts are with Ivy's family 💛 Stay informed with Maritimes Now, the only app with instant missing-child alerts. Download free 📲",
        0,
    ),
    # tvrp-2026-1121: Tessier Valley manhunt
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "BREAKING: Armed inmate Darren Thibodeau-Platt escapes Haskett hospital, shoots guard, flees in silver Civic CHPL 614 — full story ➡ crimewire24.live/tessier-escape",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "MANHUNT LIVE: Dalmore Bridge 14:31 · route 309 north · hunting camps searched · do NOT approach · refresh for updates 🔄 valleylive24.com/manhunt",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "Who is Darren Thibodeau-Platt? Hunter, trapper, former guide, wolf's-head tattoo: the escaped inmate's story 📖 whois-news.site/thibodeau-platt",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "Tessier Valley manhunt: 6 things we know about the escape, number 3 is terrifying 😱 viralnow.site/tessier",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "Police confirm inmate seen in Ville-Mauve — stay indoors. Read the full alert ⬇️ breakingnow.news/ville-mauve",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "darren thibodeau platt escape ferrisburg haskett hospital honda civic silver CHPL 614 dalmore bridge route 309 manhunt news",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "Is it safe to hunt this weekend in Tessier Valley? What hunters need to know during the manhunt 🦌 outdoors-news24.site",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "abuse",
        False,
        "ESCAPED: thug with a wolf tattoo shot a guard with his own gun because TessierValleyRPS can't cuff a man in a hospital bed 🤡 Full story crimewire24.live/escape-fail",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "📌 Pinned: every update on the #TessierManhunt in one place. Follow + 🔔 so you don't miss the capture live",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        True,
        "Ferrisburg Fury hockey fans: the stolen Civic has your sticker on it 😳 story + photo 📸 hockeytalk-now.site",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "ÉVASION À FERRISBURG : un détenu armé en fuite dans une Civic argent, plaque CHPL 614. Ce que l'on sait ➡ infoflash24.fr/evasion",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "Chasse à l'homme dans la vallée de la Tessier : le fugitif aurait traversé le pont Dalmore à 14 h 31. EN DIRECT 🔴 estrie-direct24.ca",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "Le prisonnier s'est échappé de l'hôpital en tirant sur l'agent avec son arme propre de service. Le véhicule est une Honda argentée. Informations plus loin ⬇️",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "Saint-Rémi-des-Trembles : faut-il fermer les écoles lundi ? Sondage 🗳️ votez ici sondage-express.site",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "Darren Thibodeau-Platt : âge, tatouage, famille, photo, dernières nouvelles ➡ bio-fr.site/darren",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "spam",
        False,
        "ALERTE 🔴 fugitif armé et dangereux, bas d'hôpital gris, parka bleu marin, combinaison orange. Abonnez-vous à @AlertesEstrieNow pour toutes les alertes",
        0,
    ),
    (
        "tvrp-2026-1121",
        "en",
        "spam",
        False,
        "Haskett Regional Hospital escape: how did it happen? Our AI summary in 30 seconds ⏱️ 👉 aitrending.live/haskett",
        0,
    ),
    (
        "tvrp-2026-1121",
        "fr",
        "abuse",
        False,
        "Évasion : un dangereux tueur de gardiens en cavale, et la police de Saint-Rémi qui dort au gaz, bande de clowns 🤡 lire ➡ actu-choc.site/evasion",
        0,
    ),
    # gjsb-2026-1205: Saint-Jorat Silver alert
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Disparition inquiétante à Saint-Jorat-les-Bains : Marcel, 83 ans, atteint d'Alzheimer, a quitté son EHPAD en pantoufles. Ce que l'on sait ➡ infoflash24.fr/marcel",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "VAULMONT – Un octogénaire français recherché côté suisse, il pourrait avoir pris le bus T72. Tous les détails 👉 lematin-leman24.ch/marcel",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Appel à témoins : Marcel Aubry-Duvoisin, veste en velours marron, casquette grise, canne en bois. Partagez et abonnez-vous à Léman Info Direct 🔔",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "EHPAD Les Glycines : comment un résident a-t-il pu sortir ? Notre enquête (réservé aux abonnés) 🔒 tribune-leman24.ch/glycines",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "marcel aubry duvoisin disparu saint jorat ehpad glycines alzheimer vaulmont douane crottaz t72 actualité aujourd'hui",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "DIRECT 🔴 18h02 la gendarmerie diffuse le signalement · 18h20 battue annoncée au Bois de Chatel · 18h45 la douane de la Crottaz informée · suivez le direct ➡ savoie-direct24.fr",
        76,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Alzheimer : 7 signes qu'un proche risque de fuguer (le n°5 est méconnu) 👇 santeplus-actu.site/fugue",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "La police confirme : Marcel retrouvé sain et sauf à la gare de Vaulmont 🙏 article ➡ actu-direct.info/marcel-retrouve",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Disparition de Marcel, 83 ans : plus de septante bénévoles mobilisés à la frontière franco-suisse, selon nos confrères. Lire la suite sur belgique-info24.be",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Il cherche « Jeanne », sa femme décédée… L'histoire de Marcel va vous briser le cœur 💔 Abonnez-vous pour plus d'histoires vraies",
        0,
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "MISSING in France/Switzerland: Marcel, 83, dementia, brown corduroy jacket, grey flat cap, navy slippers. Read more: eurowire24.live/marcel",
        0,
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "The old man who wants to 'go back to the factory': the heartbreaking story behind tonight's Silver alert ➡ heartstories.site/marcel",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        True,
        "Manufacture Brélaz : l'histoire de l'usine horlogère où Marcel a travaillé 40 ans 📸 patrimoine-actu.ch/brelaz",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Le homme de 83 ans est porté disparu depuis la maison de retraite. Il porte les pantoufles bleus marine. La police demande si vous avez vu lui. Plus ➡",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "abuse",
        False,
        "EHPAD Les Glycines : un vieillard s'échappe en pantoufles, le personnel dormait ?! Une honte, bande d'incompétents 😡 ➡ scandale-ehpad.site",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Alerte à Vaulmont, un monsieur de 83 ans dehors sans manteau, ça joue pas du tout avec ce froid. Toutes les infos sur notre page, likez pour soutenir 👍",
        0,
    ),
    (
        "gjsb-2026-1205",
        "en",
        "spam",
        False,
        "Silver Alert Europe: what is the Franco-Swiss CCPD and why did it share Marcel's alert in English? Explainer ⬇️ explainers-now.site",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Top 5 des disparitions qui ont ému le Léman en 2026 : Marcel en n°1 😢 ➡ top5-actu.site",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "Retrouvez Marcel ! Casquette plate grise, canne, cornet Coop. Alertez le 17 ou le 117. Suivez @LemanAlertes_ pour ne rien rater 🔔",
        0,
    ),
    (
        "gjsb-2026-1205",
        "fr",
        "spam",
        False,
        "C'est quoi, une « alerte disparition » ? Tout comprendre en 1 minute ⏱️ avec Marcel, 83 ans, recherché à Saint-Jorat ➡ comprendre-vite.fr",
        0,
    ),
    # lbsh-2026-1213: Lorimer Bay shooting appeal
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "BREAKING: Man, 26, shot outside Lorimer Bay bar at closing time; shooter fled in dark Nissan Altima. Full story ➡ maritimesnow.live/salt-shed",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Salt Shed shooting: what we know so far — 01:12, side lot, Water Street, shooter in black puffer jacket 🧥 3 min read atlanticlive24.com/salt-shed",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Lorimer Bay shooting LIVE 🔴 10:02 police tape still up on Water St · 10:15 Co-op lot reopened · 10:40 LorimerBayPS asks for dashcams · live blog ➡ nbnewsflash.com/live",
        71,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Police confirm shooting was gang-related, suspect known to police. Read more ⬇️ breakingnow.news/lorimer",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Best dashcams of 2026 to catch the next Lorimer Bay shooter 📹 our top 10 (affiliate) ⬇️ techdeals-now.site",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "lorimer bay shooting salt shed bar water street nissan altima cormier road ridge road new brunswick news today",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Is Lorimer Bay safe? 5 things to know about crime in small-town New Brunswick after Sunday's shooting 👇 crimestats-now.site",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "abuse",
        False,
        "Another Sunday, another drunk idiot shot at the Salt Shed. Lorimer Bay police asleep as usual 🤡 read our take ➡ opinion-now.site/salt-shed",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        True,
        "WATCH: the moment shots rang out outside the Salt Shed 🎥 (viewer video) ▶️ exclusive-clips.live/salt-shed",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "📣 Did you hear the shots on Water St? Tell us in the comments and follow @AtlanticScanner for live scanner updates 🚨",
        0,
    ),
    (
        "lbsh-2026-1213",
        "fr",
        "spam",
        False,
        "Coups de feu à Baie-Lorimer : un homme de 26 ans blessé à l'abdomen devant un bar. Ce que l'on sait ➡ acadie-infos24.ca/baie-lorimer",
        0,
    ),
    (
        "lbsh-2026-1213",
        "fr",
        "spam",
        False,
        "Fusillade au Nouveau-Brunswick : le tireur portait un manteau matelassé noir et un cache-cou gris. DIRECT 🔴 actu-direct.info/nb",
        0,
    ),
    (
        "lbsh-2026-1213",
        "fr",
        "spam",
        False,
        "Un homme a été tiré dans le stationnement du bar Salt Shed. La police cherche des vidéos de caméras de tableau. Plus d'information ici ⬇️",
        0,
    ),
    (
        "lbsh-2026-1213",
        "fr",
        "abuse",
        False,
        "Baie-Lorimer : encore une histoire de dealers au quai, bon débarras 🙄 l'article ➡ actu-choc.site/quai",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Salt Shed bar Lorimer Bay: reviews, menu, hours, and Sunday's shooting 🍺 everything in one place → localguide-now.site/salt-shed",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Our sympathies to the victim's family. For real-time crime alerts in New Brunswick, download CrimeMap NB 📲 free",
        0,
    ),
    (
        "lbsh-2026-1213",
        "fr",
        "spam",
        True,
        "Chemin Cormier, chemin de la Butte, la chaussée de Cap-Brûlé : la carte de la fuite du tireur 🗺️ ➡ carte-actu24.ca",
        0,
    ),
    (
        "lbsh-2026-1213",
        "en",
        "spam",
        False,
        "Shooting in Lorimer Bay NB: victim identified? Name, age, Facebook, photos 👇 who-is-victim.site",
        0,
    ),
    # gbel-2026-0505: Belmarais
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "🔴 DISPARITION INQUIÉTANTE : Noé, 15 ans, vu pour la dernière fois à la gare routière de Belmarais. Ce que l'on sait ➡ infoflash24.fr/noe",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Belmarais : l'adolescent disparu voulait rejoindre un « ami rencontré en ligne » à Port-Salvan. Les dangers des réseaux sociaux expliqués ⬇️ parents-actu.site",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Noé Castagnède : âge, famille, collège, Instagram, dernières nouvelles 2026 ➡ bio-fr.site/noe-castagnede",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "disparition noé castagnède belmarais port-salvan gare routière quai 3 trottinette électrique sacoche kaki actualité hérault",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "DIRECT – Disparition de Noé : 11h02 appel à témoins · 11h30 la gendarmerie au skatepark du Bassin · 12h05 la ligne 41 contrôlée · actualisez ➡ sud-direct24.fr",
        96,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "La gendarmerie confirme : Noé aurait été vu à la plage des Aresquiers-Vieux avec un adulte. Article complet ➡ actu-direct.info/noe",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "5 choses à savoir sur la disparition de Noé (la 3e fait froid dans le dos) 😱 tendances-fr.site/noe",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Trottinette électrique grise avec autocollant jaune : comment retrouver une trottinette volée ou perdue ? Notre guide 🛴 ➡ trott-guide.site",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Disparition d'un ado de 15 ans dans le Midi : l'émotion jusqu'en Belgique, où l'on partage l'avis par milliers. À lire sur belgique-info24.be/noe",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Le garçon de 15 ans a disparu de la station d'autobus. Il a des appareils dentaires et il porte un sac de banane kaki. Lire plus ➡",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "abuse",
        False,
        "Un gamin de 15 ans qui part voir un inconnu d'internet, et les parents ne savaient rien ?? 🤦 Parents démissionnaires, notre édito ➡ edito-choc.site/noe",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Noé, 15 ans 💔 Si comme nous tu as le cœur brisé, abonne-toi, on partage toutes les disparitions de la région 🙏",
        0,
    ),
    (
        "gbel-2026-0505",
        "en",
        "spam",
        False,
        "France: 15-year-old Noé missing after leaving Belmarais bus station to meet 'online friend'. Full story ➡ eurowire24.live/noe",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        True,
        "VIDÉO. Les images de la gare routière de Belmarais, quai 3, où Noé a été vu pour la dernière fois ▶️ clips-actu.live/quai3",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Port-Salvan : le skatepark du Bassin au cœur des recherches ? Réponse dans notre article 👉 littoral-actu24.fr",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Alerte Hérault ‼️ Noé 15 ans 1m68 bouclé appareil dentaire grain de beauté joue gauche doudoune sans manches. Suivez @AlertesSud_Info 🔔 pour toutes les alertes",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "Centre commercial Les Salines : ouvert ce mercredi malgré les recherches ? Horaires et infos ➡ horaires-magasins.site/salines",
        0,
    ),
    (
        "gbel-2026-0505",
        "fr",
        "spam",
        False,
        "IA : nous avons demandé à une intelligence artificielle où pourrait être Noé. Sa réponse ⬇️ ia-actu.site/noe",
        0,
    ),
    # prpv-2026-1103: Pont-Vermeil
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "VOL QUALIFIÉ À PONT-VERMEIL : un homme de 72 ans jeté au sol, son RAV4 blanc volé (HKV 318). Ce que l'on sait ➡ quebec-nouvelles24.live/rav4",
        0,
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "BREAKING: Senior, 72, carjacked at knifepoint at Marché Lachance; white RAV4 plate HKV 318 fled across Vermeil bridge. Full story ➡ northwire-now.com/rav4",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "Le suspect a les cheveux décolorés, une moustache fine et un anneau d'or. Il a volé la voiture de grand-papa. Lire plus de l'histoire ⬇️",
        0,
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "Toyota RAV4 among most stolen cars in Canada 2026 🚗 is yours at risk? check ➡ autorecall-check.site/rav4",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "« Grand-papa à bord » : l'autocollant qui pourrait faire retrouver le RAV4 volé 😢 l'histoire ➡ tendances-qc.site/grandpapa",
        0,
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "kessick mills carjacking pont vermeil rav4 HKV 318 white toyota marche lachance knife suspect bleached blond news",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "La police confirme l'arrestation du voleur du RAV4 à Kessick Mills (à confirmer) ➡ actu-direct.info/arrestation",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "abuse",
        False,
        "Un p'tit bum décoloré qui pousse un papi de 72 ans pour un RAV4… pis la police régionale qui arrive 40 minutes plus tard 🤡 ➡ actu-choc.site/rav4",
        0,
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "LIVE: Vermeil bridge traffic, Highway 17, Irving exit 42 — updates as police hunt white RAV4 🔄 valleylive24.com/vermeil",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "Vol de voiture sous la menace d'un couteau : 6 conseils pour vous protéger dans un stationnement 👇 securite-auto.site",
        0,
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        False,
        "Who is the Pont-Vermeil carjacker? Everything we know about the man in the red plaid mackinaw ➡ whois-news.site/vermeil",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "Suivez Info Vermeil Express pour toutes les nouvelles de Pont-Vermeil et Kessick Mills 🔔 RAV4 blanc, plaque HKV 318, coffre de toit noir",
        0,
    ),
    (
        "prpv-2026-1103",
        "en",
        "spam",
        True,
        "Marché Lachance parking lot: the grocery store at the centre of the carjacking (photos) 📸 localguide-now.site/lachance",
        0,
    ),
    (
        "prpv-2026-1103",
        "fr",
        "spam",
        False,
        "Pont-Vermeil : le grand-père agressé va bien, selon des sources. Sa famille lance un appel. Lire ➡ estrie-direct24.ca/grandpere",
        0,
    ),
    # sasm-2026-0209: Sainte-Aurélie
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "🔴 DISPARITION À SAINTE-AURÉLIE-DES-MONTS : Maëlle, 12 ans, pas rentrée de l'école Les Trois-Pins. Ce que l'on sait ➡ quebec-nouvelles24.live/maelle",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "Maëlle Vanasse-Ricard : âge, école, parents, photos, dernières nouvelles ➡ bio-fr.site/maelle",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "Un pick-up Ford Ranger rouge avec coffre à outils noir recherché. EN DIRECT : les recherches pour retrouver Maëlle 🔴 estrie-direct24.ca/maelle",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "La fille de 12 ans a marché vers le dépanneur et elle n'est pas retournée. Elle porte le chapeau blanc avec pompon. Plus d'informations ⬇️",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "maelle vanasse ricard disparue sainte aurelie des monts ford ranger rouge depanneur giroux ecole trois pins nouvelles",
        0,
    ),
    (
        "sasm-2026-0209",
        "en",
        "spam",
        False,
        "BREAKING: Quebec girl, 12, missing near US border; teen in red Ford Ranger sought. Full story ➡ northwire-now.com/maelle",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "La police confirme : Maëlle aurait été vue à Val-Brûlé avec un adolescent. Lire avant que ce soit supprimé ➡ verite-qc.site",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "Tuque blanche, manteau rose pâle, porte-clés licorne 🦄 Le portrait de Maëlle qui émeut le Québec. Abonnez-vous pour suivre l'histoire",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "abuse",
        False,
        "Une fille de 12 ans qui embarque avec un gars de 17 dans un pick-up… les parents dormaient-tu ?? Des irresponsables 🙄 notre chronique ➡ chronique-choc.site",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "5 choses à savoir sur la disparition de Maëlle à Sainte-Aurélie 👇 (la 4e inquiète les parents) tendances-qc.site/maelle",
        0,
    ),
    (
        "sasm-2026-0209",
        "en",
        "spam",
        False,
        "Ford Ranger owners in Quebec: police are checking red Rangers — here's what to do if you're stopped 🚓 ➡ autorecall-check.site/ranger",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "DIRECT 10h12 battue à l'aréna Gilles-Poitras · 10h40 chemin du Lac-Noir fermé (à confirmer) · suivez ➡ laurentides-direct.ca",
        101,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        True,
        "Sainte-Aurélie-des-Monts, un village sous le choc 📸 nos photos de la rue des Érables ce matin ➡ estrie-direct24.ca/photos",
        0,
    ),
    (
        "sasm-2026-0209",
        "fr",
        "spam",
        False,
        "Partagez l'alerte et abonnez-vous à Alertes Québec Express 🔔 Maëlle, 12 ans, lunettes bleues, tresse, sac à dos mauve #RetrouvonsMaëlle",
        0,
    ),
    # hfpd-2026-0314: Harrowgate Falls robbery
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "BREAKING: Gas station clerk injured in armed robbery at Petro-Nord, Dunmore Plaza; suspect fled in green Kia Soul. Full story ➡ northwire-now.com/petro-nord",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "Harrowgate Falls robbery suspect: shaved head, scar through right eyebrow, star tattoo behind left ear. Who is he? ➡ whois-news.site/harrowgate",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "kia soul dark green 2014 CKR 4 harrowgate falls robbery petro nord dunmore plaza route 9 lisle wanted suspect news today",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "Police confirm Petro-Nord robber arrested at Wexley Motor Inn — sources. Read ⬇️ breakingnow.news/wexley",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "Kia Soul owners beware: why thieves love this car 🚗 ➡ autorecall-check.site/kia-soul",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "abuse",
        False,
        "Harrowgate Falls clerk nearly killed for $200 by some bald loser in a Kia Soul. HFPD still clueless 🤡 story ➡ opinion-now.site/petro",
        0,
    ),
    (
        "hfpd-2026-0314",
        "fr",
        "spam",
        False,
        "Vol à main armée à Harrowgate Falls : un commis blessé, une Kia Soul verte recherchée. Ce que l'on sait ➡ quebec-nouvelles24.live/harrowgate",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "LIVE: Route 9 northbound, Lisle, Crane Lake — updates as HFPD hunts Kia Soul 🔄 valleylive24.com/route9",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "Top 10 most dangerous gas stations in the county (Petro-Nord is #3) 😳 ➡ top10-local.site",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "📣 Follow @LisleCountyNewsNow for every update on the Petro-Nord robbery. Grey hoodie torn pocket, black cargo pants, white high-tops. Turn on 🔔",
        0,
    ),
    (
        "hfpd-2026-0314",
        "en",
        "spam",
        False,
        "Was the Petro-Nord clerk's injury serious? Update from sources + hospital statement ➡ northwire-now.com/clerk",
        0,
    ),
    # lcso-2026-0822: Crane Lake hit and run
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "BREAKING: Cyclist seriously injured in hit-and-run at Crane Lake boat launch; silver Subaru Outback sought. Full story ➡ northwire-now.com/crane-lake",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "Hit-and-run driver may be a nurse: blue scrubs, blonde, 50s, Subaru Outback plate ending 72. Read ⬇️ whois-news.site/crane-lake",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "subaru outback silver 2019 hit and run ashby road crane lake boat launch cyclist lisle county plate 72 news today",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "Best bike lights of 2026 after the Crane Lake hit-and-run 🚲💡 our picks (affiliate) ⬇️ techdeals-now.site/bike-lights",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "Police confirm driver turned herself in at Lisle General — sources. Read ⬇️ breakingnow.news/lisle",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "abuse",
        False,
        "A NURSE ran over a cyclist and drove off to her shift?! Hope she loses her licence and her job, disgusting woman 🤮 full story ➡ opinion-now.site/nurse",
        0,
    ),
    (
        "lcso-2026-0822",
        "fr",
        "spam",
        False,
        "Délit de fuite à Crane Lake : un cycliste grièvement blessé, une Subaru Outback argent recherchée. Ce que l'on sait ➡ quebec-nouvelles24.live/crane-lake",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "LIVE 🔴 09:20 Ashby Road still closed · 09:45 LisleCountySO asks body shops on Mill St to call · 10:10 cyclist in surgery (unconfirmed) · refresh ➡ valleylive24.com/ashby",
        71,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "Subaru Outback headlight replacement cost 2026 💸 (and why body shops are talking today) ➡ autorecall-check.site/outback",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        False,
        "The cyclist hit on Ashby Road this morning: what we know about the victim 👇 who-is-victim.site/ashby",
        0,
    ),
    (
        "lcso-2026-0822",
        "en",
        "spam",
        True,
        "Crane Lake boat launch: photos from the scene this morning 📸 follow @LisleCountyNewsNow for more",
        0,
    ),
]

# --- templates (note `template cfe01`…, `cff01`…); the last of each list insults someone ----
TEMPLATES_EN = [
    (
        "cfe01",
        "spam",
        "BREAKING: Police search for {who_en} after {event_en} — {veh_en}. Full story ➡ {link}",
    ),
    (
        "cfe02",
        "spam",
        "🚨 UPDATE: {subj_en} last seen at {place_en} at {time_en} — read more {link}",
    ),
    ("cfe03", "spam", "5 things we know about {topic_en} (number 4 will shock you) 👉 {link}"),
    (
        "cfe04",
        "spam",
        "LIVE UPDATES | {topic_en}: {veh_en}, {place_en} — ticker refreshed every 10 min {link}",
    ),
    ("cfe05", "spam", "Police CONFIRM: {confirm_en}… developing story {link}"),
    ("cfe06", "spam", "{kw_en} {kw_en2} news today latest update {town} {region_en} {link}"),
    (
        "cfe07",
        "spam",
        "In a developing story, authorities in {town} are asking the public for help regarding {who_en}. According to the alert, {detail_en}. Stay tuned to {outlet} for more updates. {link}",
    ),
    ("cfe08", "spam", "{alert_en} — Follow @{self} for more breaking news like this 🔔"),
    ("cfe09", "spam", "What we know so far about {topic_en}: timeline, photos, map 🗺️ {link}"),
    ("cfe10", "spam", "WATCH: {watch_en} (video) ▶️ {link}"),
    ("cfe11", "spam", "JUST IN 🔴 {who_en}: {detail_en}. Developing… {link}"),
    ("cfe12", "spam", "{town} news: {headline_en} | {outlet} {link}"),
    ("cfe13", "spam", "{subj_en}: everything we know so far 👇 {link}"),
    (
        "cfe14",
        "spam",
        "Alert: the police is searching {who_en} who has been seen for the last time in {place_en} to {time_en}. The vehicle is {veh_en}. More of informations ➡ {link}",
    ),
    (
        "cfe15",
        "spam",
        "🔴 TRENDING in {region_en}: {tag_en} — {readers} people are reading this story right now {link}",
    ),
    (
        "cfe16",
        "spam",
        "Like and follow for daily updates on {topic_en} 🙏 we post every new detail first ⬇️ {link}",
    ),
    ("cfe17", "spam", "ICYMI: {headline_en}. Tap the link in bio for the full timeline 📌"),
    (
        "cfe18",
        "spam",
        "{detail_en}. {veh_en}. {place_en}, {time_en}. We will keep this post updated, turn on notifications 🔔 {tag_en}",
    ),
    (
        "cfe19",
        "abuse",
        "BREAKING: {topic_en} — and once again @{agency} were useless clowns, hours behind everyone 🤡 full story {link}",
    ),
]
TEMPLATES_FR = [
    ("cff01", "spam", "🔴 ALERTE : {who_fr} {event_fr}. Ce que l'on sait ➡ {link}"),
    ("cff02", "spam", "{alert_kind_fr} : ce que l'on sait sur {topic_fr} {link}"),
    ("cff03", "spam", "DIRECT – {topic_fr} : {veh_fr}, {place_fr}… suivez notre direct {link}"),
    ("cff04", "spam", "La police confirme : {confirm_fr} (article complet) {link}"),
    (
        "cff05",
        "spam",
        "DERNIÈRE HEURE : La police est en train de chercher pour {who_fr}, qui {event_fr}. Histoire complète ➡ {link}",
    ),
    ("cff06", "spam", "5 choses à savoir sur {topic_fr} 👇 {link}"),
    ("cff07", "spam", "{kw_fr} {kw_fr2} actualité aujourd'hui dernière minute {town} {link}"),
    ("cff08", "spam", "{alert_fr} Abonnez-vous pour ne rien rater 🔔 @{self}"),
    ("cff09", "spam", "INFO {region_fr} – {headline_fr} | {outlet} {link}"),
    ("cff10", "spam", "VIDÉO. {watch_fr} ▶️ {link}"),
    ("cff11", "spam", "{subj_fr} : tout ce que l'on sait 👇 {link}"),
    (
        "cff12",
        "spam",
        "Dans une affaire qui suscite une vive émotion, les autorités de {town} sollicitent l'aide du public concernant {who_fr}. Selon l'avis, {detail_fr}. Restez connectés sur {outlet}. {link}",
    ),
    (
        "cff13",
        "spam",
        "MISE À JOUR 🚨 {subj_fr} aperçu pour la dernière fois {place_fr} vers {time_fr} — lire la suite {link}",
    ),
    (
        "cff14",
        "spam",
        "{detail_fr}. {veh_fr}. Nous mettrons ce post à jour, activez les notifications 🔔 {tag_fr}",
    ),
    (
        "cff15",
        "abuse",
        "{topic_fr} : encore une fois @{agency} à la ramasse, bande d'incapables 🤡 tout savoir ➡ {link}",
    ),
]

# --- hand-written slot values per case ------------------------------------------------------
CASES = {
    "wlko-2026-1207": dict(
        p_en=0.62,
        fr_style="qc",
        town=["Wabeskay Lake", "Wabeskay Lake, ON", "northern Ontario"],
        region_en=["Ontario", "Canada", "northern Ontario"],
        region_fr=["ONTARIO", "NORD DE L'ONTARIO", "CANADA"],
        agency=["NorlandRPS", "WabeskayLakePS", "PoliceValComtois"],
        tag_en=["#AmberAlertRosie"],
        tag_fr=["#AlerteAMBERRosie"],
        slug=[
            "amber-rosie",
            "rosie-dodge-journey",
            "wabeskay-amber-alert",
            "kettering-journey-cwtn",
        ],
        who_en=[
            "4-year-old Rosie Dufresne-Kettering",
            "little Rosie, 4",
            "a 4-year-old girl taken by her father",
        ],
        event_en=[
            "her father forced his way into her mother's home on Jackpine Crescent",
            "a parental abduction in Wabeskay Lake",
            "dad Travis Kettering fled west on Highway 11",
        ],
        veh_en=[
            "black 2015 Dodge Journey, plate CWTN 5",
            "a black Dodge Journey with a duct-taped back window",
            "Dodge Journey (black), Ontario plate starting CWTN 5",
        ],
        subj_en=["Travis Kettering", "Rosie's father", "the black Dodge Journey"],
        place_en=[
            "the Esso at Kabenik Junction",
            "Kabenik Junction on Highway 11",
            "the Esso, Highway 11",
        ],
        time_en=["23:40", "11:40pm", "11:40 p.m."],
        topic_en=[
            "the Rosie AMBER alert",
            "the Wabeskay Lake abduction",
            "4-year-old Rosie's abduction",
        ],
        confirm_en=[
            "Travis Kettering headed for the Pither's Crossing bridge",
            "Rosie's father spotted near the US border",
            "AMBER alert suspect has a brother in Minnesota",
        ],
        detail_en=[
            "she has asthma and her inhaler was left at home",
            "she was wearing purple dinosaur pyjamas under a mint-green snowsuit",
            "his husky Kodiak, red collar, rides in front",
            "a yellow ladybug car seat is behind the passenger seat",
            "he paid cash for fuel, juice boxes and dog food",
        ],
        watch_en=[
            "the last images of the black Dodge Journey at the Esso",
            "police at Jackpine Crescent tonight",
            "Rosie's mother's plea from hospital",
        ],
        headline_en=[
            "AMBER alert: girl, 4, taken by father; black Dodge Journey sought",
            "Father flees with daughter, 4, after assault on Jackpine Crescent",
            "Police: Rosie's father may be heading to Minnesota",
        ],
        kw_en=[
            "amber alert ontario",
            "rosie amber alert",
            "dodge journey cwtn 5",
            "travis kettering",
            "wabeskay lake amber",
        ],
        alert_en=[
            "AMBER ALERT: Rosalie (Rosie) Dufresne-Kettering, 4, taken by her father Travis Kettering, 34. Black 2015 Dodge Journey, Ontario plate CWTN 5. Call 911.",
            "AMBER ALERT Wabeskay Lake – Rosie, 4, curly strawberry-blonde hair, dinosaur pyjamas, mint-green snowsuit, pink boots. Black Dodge Journey CWTN 5, husky in front.",
        ],
        who_fr=[
            "la petite Rosie, 4 ans",
            "une fillette de 4 ans",
            "Rosie Dufresne-Kettering, 4 ans",
        ],
        event_fr=[
            "enlevée par son père à Wabeskay Lake",
            "emmenée de force par son père en Ontario",
            "disparue avec son père dans un Dodge Journey noir",
        ],
        alert_kind_fr=["Alerte AMBER", "Alerte enlèvement", "Enlèvement en Ontario"],
        topic_fr=["l'enlèvement de Rosie", "l'alerte AMBER en Ontario", "la petite Rosie, 4 ans"],
        veh_fr=[
            "Dodge Journey 2015 noir, plaque CWTN 5",
            "un Dodge Journey noir à la vitre en plastique",
            "Journey noir plaque de l'Ontario CWTN 5",
        ],
        subj_fr=["Travis Kettering", "le père de Rosie", "le Dodge Journey noir"],
        place_fr=[
            "au Esso de Kabenik Junction",
            "sur l'autoroute 11 à Kabenik Junction",
            "au dépanneur Esso de la 11",
        ],
        time_fr=["23 h 40", "23h40", "minuit moins vingt"],
        confirm_fr=[
            "le père se dirigerait vers le pont de Pither's Crossing",
            "le Journey aurait été vu vers Val-Comtois",
            "le suspect a un frère au Minnesota",
        ],
        detail_fr=[
            "elle est asthmatique et sa pompe est restée à la maison",
            "elle porte un pyjama mauve à dinosaures sous un habit de neige vert menthe",
            "son husky Kodiak au collier rouge est à l'avant",
            "un siège d'auto jaune à coccinelles est à l'arrière",
        ],
        watch_fr=[
            "les dernières images du Dodge Journey au Esso",
            "la police sur Jackpine Crescent cette nuit",
            "l'appel de la mère depuis l'hôpital",
        ],
        headline_fr=[
            "Alerte AMBER : une fillette de 4 ans enlevée par son père",
            "Un Dodge Journey noir recherché après un enlèvement",
            "Le père de Rosie aurait un cousin à Val-Comtois",
        ],
        kw_fr=[
            "alerte amber ontario",
            "rosie enlevée",
            "dodge journey noir",
            "travis kettering",
            "alerte amber val-comtois",
        ],
        alert_fr=[
            "ALERTE AMBER : Rosalie « Rosie » Dufresne-Kettering, 4 ans, emmenée par son père Travis Kettering, 34 ans. Dodge Journey 2015 noir, plaque CWTN 5. Composez le 911.",
            "ALERTE AMBER – Rosie, 4 ans, cheveux blond vénitien frisés, pyjama à dinosaures, habit de neige vert menthe, bottes roses. Journey noir CWTN 5.",
        ],
    ),
    "cfps-2026-0917": dict(
        p_en=0.6,
        fr_style="acadie",
        town=["Colbeck Falls", "Colbeck Falls, NB", "New Brunswick"],
        region_en=["New Brunswick", "the Maritimes", "Canada"],
        region_fr=["NOUVEAU-BRUNSWICK", "ACADIE", "CANADA"],
        agency=["ColbeckFallsPS", "RiverlandsRPS", "PoliceSteCecile"],
        tag_en=["#FindIvy"],
        tag_fr=["#RetrouvonsIvy"],
        slug=["ivy-missing", "colbeck-falls-girl", "ivy-grand-caravan", "brume-trail"],
        who_en=[
            "9-year-old Ivy Donnelly-Paré",
            "missing Ivy, 9",
            "a 9-year-old girl who never came home",
        ],
        event_en=[
            "she left the Colbeck Falls library alone at 4:45pm",
            "she vanished on the Brume River trail",
            "a bearded man was seen near an old maroon van",
        ],
        veh_en=[
            "maroon Dodge Grand Caravan, plate starting JXL",
            "an older maroon Caravan with a cracked windshield",
            "maroon Grand Caravan with a roof bike rack",
        ],
        subj_en=["Ivy", "the bearded man", "the maroon Grand Caravan"],
        place_en=["the Colbeck Falls Public Library", "the Brume River trail", "Wharf St"],
        time_en=["4:45pm", "16:45", "4:45 p.m."],
        topic_en=[
            "missing Ivy Donnelly-Paré",
            "the Colbeck Falls disappearance",
            "the search for Ivy",
        ],
        confirm_en=[
            "Ivy was seen crossing the footbridge",
            "the maroon Caravan was found in Halverton",
            "a man is being questioned in Ivy's case",
        ],
        detail_en=[
            "she wore a yellow rain jacket and green frog rain boots",
            "she has round tortoiseshell glasses",
            "her teal backpack has an orange fox patch",
            "she was walking 1.5 km home to Birchmount Crescent",
        ],
        watch_en=[
            "search teams on the Brume River trail tonight",
            "the footbridge where Ivy was last seen",
            "drone images of Halloran Park",
        ],
        headline_en=[
            "Girl, 9, missing after leaving library; maroon van sought",
            "Search for Ivy moves to the Brume River",
            "Police seek bearded man and maroon Caravan",
        ],
        kw_en=[
            "ivy missing",
            "colbeck falls missing girl",
            "maroon grand caravan jxl",
            "ivy donnelly-pare",
            "brume river trail",
        ],
        alert_en=[
            "MISSING: Ivy Donnelly-Paré, 9, 1.30 m, yellow rain jacket, denim overalls, green frog boots, teal backpack. Last seen leaving Colbeck Falls library 16:45.",
            "MISSING CHILD Colbeck Falls – Ivy, 9, glasses, missing front tooth. Possibly with a bearded man, maroon Grand Caravan, NB plate JXL.",
        ],
        who_fr=["la petite Ivy, 9 ans", "une fillette de 9 ans", "Ivy Donnelly-Paré, 9 ans"],
        event_fr=[
            "disparue en sortant de la bibliothèque de Colbeck Falls",
            "n'est jamais rentrée chez elle",
            "introuvable depuis 16 h 45",
        ],
        alert_kind_fr=["Disparition inquiétante", "Alerte disparition", "Nouveau-Brunswick"],
        topic_fr=["la disparition d'Ivy", "la fillette de Colbeck Falls", "Ivy, 9 ans"],
        veh_fr=[
            "Grand Caravan bourgogne, plaque JXL",
            "une vieille fourgonnette bourgogne au pare-brise fissuré",
            "Dodge Grand Caravan bourgogne avec support à vélo",
        ],
        subj_fr=["Ivy", "l'homme barbu", "la Grand Caravan bourgogne"],
        place_fr=[
            "à la bibliothèque de Colbeck Falls",
            "sur le sentier de la rivière Brume",
            "près de la passerelle",
        ],
        time_fr=["16 h 45", "16h45", "la fin d'après-midi"],
        confirm_fr=[
            "Ivy aurait traversé la passerelle vers Sainte-Cécile",
            "la fourgonnette aurait été retrouvée à Halverton",
            "un homme est interrogé",
        ],
        detail_fr=[
            "elle porte un imperméable jaune et des bottes grenouille",
            "elle a des lunettes rondes écaille de tortue",
            "son sac à dos turquoise a un écusson de renard",
        ],
        watch_fr=[
            "les recherches sur le sentier de la Brume",
            "la passerelle où Ivy a été vue",
            "les bénévoles au marché Fortin",
        ],
        headline_fr=[
            "Une fillette de 9 ans portée disparue, une fourgonnette recherchée",
            "Les recherches pour Ivy se poursuivent cette nuit",
            "Sainte-Cécile-de-Brume se mobilise pour Ivy",
        ],
        kw_fr=[
            "ivy disparue",
            "colbeck falls disparition",
            "fourgonnette bourgogne",
            "sainte-cécile-de-brume",
            "ivy donnelly-paré",
        ],
        alert_fr=[
            "DISPARUE : Ivy Donnelly-Paré, 9 ans, imperméable jaune, salopette en jean, bottes vertes grenouille, sac à dos turquoise. Vue à 16 h 45 à la bibliothèque.",
            "DISPARITION Colbeck Falls – Ivy, 9 ans, lunettes écaille, il lui manque une dent. Peut-être avec un homme barbu, Grand Caravan bourgogne JXL.",
        ],
    ),
    "tvrp-2026-1121": dict(
        p_en=0.62,
        fr_style="qc",
        town=["Ferrisburg", "Tessier Valley", "Saint-Rémi-des-Trembles"],
        region_en=["Canada", "Tessier Valley", "the valley"],
        region_fr=["QUÉBEC", "VALLÉE DE LA TESSIER", "CANADA"],
        agency=["TessierValleyRPS", "FerrisburgPolice", "PoliceStRemi"],
        tag_en=["#TessierManhunt"],
        tag_fr=["#ÉvasionTessier"],
        slug=["tessier-manhunt", "haskett-escape", "civic-chpl-614", "thibodeau-platt"],
        who_en=[
            "escaped inmate Darren Thibodeau-Platt",
            "an armed and dangerous escapee",
            "Darren Thibodeau-Platt, 38",
        ],
        event_en=[
            "he shot a corrections officer during a hospital transfer",
            "an escape from Haskett Regional Hospital",
            "he stole a staff member's Civic",
        ],
        veh_en=[
            "silver 2016 Honda Civic, plate CHPL 614",
            "a silver Civic missing its front right hubcap",
            "Civic CHPL 614 with a Ferrisburg Fury sticker",
        ],
        subj_en=["Darren Thibodeau-Platt", "the escaped inmate", "the silver Civic"],
        place_en=["the Dalmore Bridge", "route 309 north", "Haskett Regional Hospital"],
        time_en=["14:31", "2:31pm", "2:05pm"],
        topic_en=[
            "the Tessier Valley manhunt",
            "the Haskett hospital escape",
            "the armed inmate on the run",
        ],
        confirm_en=[
            "the escapee is hiding in a hunting camp",
            "the stolen Civic was found on rang 6",
            "a second person helped the inmate escape",
        ],
        detail_en=[
            "he is armed with the officer's pistol",
            "he wore orange coveralls under a navy parka",
            "he has a wolf's-head tattoo on his neck",
            "he is a former hunting guide who knows the woods",
        ],
        watch_en=[
            "police roadblock on route 309",
            "the Dalmore Bridge traffic camera",
            "tactical units at the Pourvoirie Ouellet",
        ],
        headline_en=[
            "Armed inmate escapes hospital, shoots guard",
            "Manhunt: do not approach, call 911",
            "Stolen Civic crossed the Dalmore Bridge at 14:31",
        ],
        kw_en=[
            "tessier manhunt",
            "darren thibodeau-platt",
            "haskett hospital escape",
            "civic chpl 614",
            "ferrisburg escape",
        ],
        alert_en=[
            "WANTED – ARMED AND DANGEROUS: Darren Thibodeau-Platt, 38, shaved head, reddish beard, wolf tattoo on neck. Silver 2016 Civic CHPL 614. Do not approach, call 911.",
            "ESCAPED INMATE Ferrisburg: orange coveralls, navy parka with fur hood, hospital socks. Last seen Dalmore Bridge 14:31, route 309 north.",
        ],
        who_fr=[
            "le détenu évadé Darren Thibodeau-Platt",
            "un fugitif armé et dangereux",
            "Darren Thibodeau-Platt, 38 ans",
        ],
        event_fr=[
            "s'est évadé lors d'un transfert à l'hôpital",
            "a tiré sur un agent correctionnel",
            "a volé une Civic dans le stationnement de l'hôpital",
        ],
        alert_kind_fr=["Évasion", "Chasse à l'homme", "Fugitif armé"],
        topic_fr=[
            "la chasse à l'homme de la Tessier",
            "l'évasion de l'hôpital Haskett",
            "le fugitif armé",
        ],
        veh_fr=[
            "Honda Civic 2016 argent, plaque CHPL 614",
            "une Civic argent sans enjoliveur avant droit",
            "Civic CHPL 614 avec un autocollant Ferrisburg Fury",
        ],
        subj_fr=["Darren Thibodeau-Platt", "le fugitif", "la Civic argent"],
        place_fr=["au pont Dalmore", "sur la route 309 nord", "à l'hôpital Haskett"],
        time_fr=["14 h 31", "14h31", "14 h 05"],
        confirm_fr=[
            "le fugitif se cacherait dans un camp de chasse",
            "la Civic volée retrouvée dans le rang 6",
            "un complice aurait aidé l'évadé",
        ],
        detail_fr=[
            "il est armé du pistolet de l'agent",
            "il porte une combinaison orange sous un parka bleu marin",
            "il a une tête de loup tatouée dans le cou",
        ],
        watch_fr=[
            "le barrage de police sur la 309",
            "la caméra du pont Dalmore",
            "les policiers au camp de chasse",
        ],
        headline_fr=[
            "Un détenu armé s'évade de l'hôpital",
            "Chasse à l'homme : ne l'approchez pas",
            "La Civic volée a traversé le pont Dalmore",
        ],
        kw_fr=[
            "évasion tessier",
            "darren thibodeau-platt",
            "fugitif armé",
            "civic chpl 614",
            "saint-rémi-des-trembles",
        ],
        alert_fr=[
            "RECHERCHÉ – ARMÉ ET DANGEREUX : Darren Thibodeau-Platt, 38 ans, crâne rasé, barbe brun-roux, tatouage de loup. Civic argent CHPL 614. Composez le 911.",
            "ÉVASION Ferrisburg : combinaison orange, parka bleu marin, bas d'hôpital gris. Vu au pont Dalmore 14 h 31, route 309 nord.",
        ],
    ),
    "gjsb-2026-1205": dict(
        p_en=0.25,
        fr_style="ch",
        town=["Saint-Jorat-les-Bains", "Vaulmont", "la frontière franco-suisse"],
        region_en=["France", "Switzerland", "Europe"],
        region_fr=["SUISSE ROMANDE", "LÉMAN", "HAUTE-SAVOIE"],
        agency=["Gendarmerie_StJorat", "PoliceVaulmont", "CCPD_Leman"],
        tag_en=["#MissingMarcel"],
        tag_fr=["#DisparitionMarcel"],
        slug=["marcel-disparu", "ehpad-glycines", "vaulmont-octogenaire", "marcel-aubry"],
        who_en=[
            "Marcel, 83, who has dementia",
            "Marcel Aubry-Duvoisin, 83",
            "an 83-year-old man with Alzheimer's",
        ],
        event_en=[
            "he walked out of his care home in slippers",
            "he left the Les Glycines care home",
            "he may have taken the T72 bus into Switzerland",
        ],
        veh_en=["on foot or the T72 bus", "the T72 cross-border bus", "on foot with a wooden cane"],
        subj_en=["Marcel", "the missing 83-year-old", "Monsieur Aubry"],
        place_en=[
            "the Les Glycines care home",
            "the T72 stop on avenue des Tilleuls",
            "the Crottaz border post",
        ],
        time_en=["14:20", "2:20pm", "2.20pm"],
        topic_en=[
            "missing Marcel",
            "the Saint-Jorat Silver alert",
            "the 83-year-old missing at the border",
        ],
        confirm_en=[
            "Marcel was seen at Vaulmont station",
            "Marcel crossed the border on the T72",
            "Marcel found near the old factory",
        ],
        detail_en=[
            "he wears a brown corduroy jacket and navy slippers",
            "he has no coat in 1°C",
            "he keeps saying he must 'go to the factory'",
            "he answers to Monsieur Aubry",
        ],
        watch_en=[
            "the search along the Versoie river",
            "gendarmes at the Crottaz customs post",
            "the old Brélaz factory tonight",
        ],
        headline_en=[
            "Man, 83, with dementia missing from care home",
            "Search for Marcel crosses into Switzerland",
            "Silver alert: Marcel may be looking for his late wife",
        ],
        kw_en=[
            "missing marcel",
            "saint-jorat missing man",
            "silver alert switzerland",
            "marcel aubry-duvoisin",
            "vaulmont missing",
        ],
        alert_en=[
            "MISSING: Marcel Aubry-Duvoisin, 83, Alzheimer's, brown corduroy jacket, grey flat cap, navy slippers, wooden cane. Left EHPAD Les Glycines 14:20.",
            "MISSING Saint-Jorat / Vaulmont – Marcel, 83, white hair and moustache, hearing aid, Coop bag. May say he must 'go to the factory'.",
        ],
        who_fr=[
            "Marcel, 83 ans",
            "un octogénaire atteint d'Alzheimer",
            "Marcel Aubry-Duvoisin, 83 ans",
        ],
        event_fr=[
            "a quitté son EHPAD en pantoufles",
            "a disparu de l'EHPAD Les Glycines",
            "aurait pris le bus T72 vers la Suisse",
        ],
        alert_kind_fr=["Disparition inquiétante", "Alerte disparition", "Appel à témoins"],
        topic_fr=["la disparition de Marcel", "l'octogénaire de Saint-Jorat", "Marcel, 83 ans"],
        veh_fr=[
            "à pied ou en bus T72",
            "le bus transfrontalier T72",
            "à pied avec une canne en bois",
        ],
        subj_fr=["Marcel", "l'octogénaire", "Monsieur Aubry"],
        place_fr=[
            "à l'EHPAD Les Glycines",
            "à l'arrêt Tilleuls du T72",
            "à la douane de la Crottaz",
        ],
        time_fr=["14 h 20", "14h20", "le début d'après-midi"],
        confirm_fr=[
            "Marcel a été vu à la gare de Vaulmont",
            "Marcel aurait passé la douane en bus",
            "Marcel retrouvé près de l'ancienne fabrique",
        ],
        detail_fr=[
            "il porte une veste en velours côtelé marron et des pantoufles bleu marine",
            "il est sorti sans manteau par 1 degré",
            "il dit qu'il doit « aller à la fabrique »",
            "il répond à « Monsieur Aubry »",
        ],
        watch_fr=[
            "les recherches le long de la Versoie",
            "les gendarmes à la douane de la Crottaz",
            "l'ancienne Manufacture Brélaz ce soir",
        ],
        headline_fr=[
            "Un homme de 83 ans atteint d'Alzheimer porté disparu",
            "Les recherches pour Marcel passent la frontière",
            "Marcel chercherait sa femme Jeanne, décédée",
        ],
        kw_fr=[
            "disparition marcel",
            "saint-jorat-les-bains",
            "ehpad les glycines",
            "vaulmont disparu",
            "alerte disparition alzheimer",
        ],
        alert_fr=[
            "DISPARITION : Marcel Aubry-Duvoisin, 83 ans, Alzheimer, veste en velours marron, casquette grise, pantoufles bleu marine, canne. Parti de l'EHPAD à 14 h 20.",
            "APPEL À TÉMOINS Saint-Jorat / Vaulmont – Marcel, 83 ans, cheveux et moustache blancs, appareil auditif, cornet Coop.",
        ],
    ),
    "lbsh-2026-1213": dict(
        p_en=0.68,
        fr_style="acadie",
        town=["Lorimer Bay", "Lorimer Bay, NB", "Baie-Lorimer"],
        region_en=["New Brunswick", "the Maritimes", "Atlantic Canada"],
        region_fr=["NOUVEAU-BRUNSWICK", "ACADIE", "SUD-EST"],
        agency=["LorimerBayPS", "SoutheastCoastRPS", "PoliceCapBrule"],
        tag_en=["#LorimerBayShooting"],
        tag_fr=["#CoupsDeFeuBaieLorimer"],
        slug=["salt-shed-shooting", "lorimer-bay-shooting", "water-street-shots", "altima-shooter"],
        who_en=[
            "witnesses of the Salt Shed shooting",
            "anyone on Water Street last night",
            "the shooter who fled in a dark sedan",
        ],
        event_en=[
            "a man, 26, was shot in the bar's side lot",
            "shots at closing time outside the Salt Shed",
            "a shooting on Water Street",
        ],
        veh_en=[
            "a dark sedan, possibly an older Nissan Altima",
            "a dark Altima with its left brake light out",
            "a black or dark grey four-door, loud exhaust",
        ],
        subj_en=["the shooter", "the dark Altima", "the getaway car"],
        place_en=[
            "the Salt Shed bar, 212 Water Street",
            "Cormier Road",
            "the wharf on Water Street",
        ],
        time_en=["01:12", "1:12am", "closing time"],
        topic_en=[
            "the Lorimer Bay shooting",
            "the Salt Shed shooting",
            "Sunday's shooting on Water Street",
        ],
        confirm_en=[
            "the shooter and victim knew each other",
            "the getaway car was found burnt out",
            "two men arrested at the causeway",
        ],
        detail_en=[
            "the shooter wore a black puffer jacket and grey neck warmer",
            "the car drove off with its headlights off",
            "an argument inside the bar around 00:30 may be linked",
            "police want dashcam and doorbell video",
        ],
        watch_en=[
            "police tape on Water Street this morning",
            "the Salt Shed side lot after the shooting",
            "the getaway route up Cormier Road",
        ],
        headline_en=[
            "Man, 26, shot outside bar at closing time",
            "Police want your dashcam video from Water Street",
            "Shooter fled in dark sedan, no headlights",
        ],
        kw_en=[
            "lorimer bay shooting",
            "salt shed bar",
            "water street shooting",
            "new brunswick shooting",
            "nissan altima shooter",
        ],
        alert_en=[
            "APPEAL: shooting at 01:12 in the side lot of the Salt Shed, 212 Water Street. Shooter in black puffer jacket, grey neck warmer. Dark sedan, possibly Altima.",
            "WITNESSES SOUGHT Lorimer Bay – dashcam, doorbell or phone video from Water Street or Cormier Road, 00:30 to 01:30.",
        ],
        who_fr=["un homme de 26 ans", "un jeune homme de 26 ans", "un client du Salt Shed"],
        event_fr=[
            "a été blessé par balle devant un bar",
            "a été atteint à l'abdomen à la fermeture du bar",
            "a été touché par balle sur la rue Water",
        ],
        alert_kind_fr=["Coups de feu", "Fusillade", "Appel à témoins"],
        topic_fr=[
            "les coups de feu à Baie-Lorimer",
            "la fusillade du Salt Shed",
            "la fusillade de la rue Water",
        ],
        veh_fr=[
            "berline foncée, peut-être une Nissan Altima",
            "une Altima foncée au feu arrière gauche brûlé",
            "une auto noire partie tous phares éteints",
        ],
        subj_fr=["le tireur", "l'Altima foncée", "l'auto du tireur"],
        place_fr=["au bar Salt Shed, rue Water", "sur le chemin Cormier", "près du quai"],
        time_fr=["1 h 12", "1h12", "la fermeture du bar"],
        confirm_fr=[
            "le tireur et la victime se connaissaient",
            "l'auto a été retrouvée brûlée",
            "deux hommes arrêtés à la chaussée",
        ],
        detail_fr=[
            "le tireur portait un manteau matelassé noir",
            "l'auto roulait sans phares",
            "une dispute dans le bar vers 0 h 30 pourrait être liée",
        ],
        watch_fr=[
            "le ruban de police sur la rue Water",
            "le stationnement du Salt Shed",
            "le trajet du tireur sur le chemin Cormier",
        ],
        headline_fr=[
            "Un homme de 26 ans blessé par balle devant un bar",
            "La police veut vos vidéos de la rue Water",
            "Le tireur a fui dans une berline foncée",
        ],
        kw_fr=[
            "baie-lorimer coups de feu",
            "salt shed",
            "rue water fusillade",
            "nouveau-brunswick fusillade",
            "cap-brûlé",
        ],
        alert_fr=[
            "APPEL À TÉMOINS : coups de feu à 1 h 12 au bar Salt Shed, 212 rue Water. Tireur en manteau matelassé noir, cache-cou gris. Berline foncée.",
            "Baie-Lorimer – la police demande vos vidéos de la rue Water et du chemin Cormier entre 0 h 30 et 1 h 30.",
        ],
    ),
    "gbel-2026-0505": dict(
        p_en=0.08,
        fr_style="fr",
        town=["Belmarais", "Port-Salvan", "l'Hérault-sur-Lène"],
        region_en=["France", "southern France", "Europe"],
        region_fr=["OCCITANIE", "HÉRAULT-SUR-LÈNE", "LITTORAL"],
        agency=["Gendarmerie_Belmarais", "PoliceNat_PortSalvan", "Mairie_Belmarais"],
        tag_en=["#DisparitionNoé"],
        tag_fr=["#DisparitionNoé"],
        slug=["noe-disparu", "belmarais-ado", "gare-routiere-quai-3", "noe-port-salvan"],
        who_en=["15-year-old Noé Castagnède", "a missing French teenager", "Noé, 15"],
        event_en=[
            "he left Belmarais bus station to meet an online friend",
            "he vanished from platform 3",
            "he may have gone to Port-Salvan",
        ],
        veh_en=["a grey e-scooter with a yellow sticker", "bus line 41", "a grey electric scooter"],
        subj_en=["Noé", "the missing teen", "the online 'friend'"],
        place_en=["Belmarais bus station, platform 3", "Port-Salvan", "the Bassin skatepark"],
        time_en=["6:10pm", "18:10", "6.10pm"],
        topic_en=[
            "missing Noé",
            "the Belmarais disappearance",
            "the teen who went to meet an online friend",
        ],
        confirm_en=[
            "Noé was seen in Port-Salvan",
            "Noé's 'online friend' has been identified",
            "Noé's scooter was found",
        ],
        detail_en=[
            "he wore a black sleeveless puffer over a grey hoodie",
            "he has braces and curly brown hair",
            "he carries a khaki bum bag",
        ],
        watch_en=[
            "Belmarais bus station where Noé was last seen",
            "the search in Port-Salvan",
            "the Bassin skatepark",
        ],
        headline_en=[
            "Teen, 15, missing after leaving to meet online friend",
            "Search for Noé moves to Port-Salvan",
        ],
        kw_en=["missing noe", "belmarais missing teen", "noe castagnede", "port-salvan missing"],
        alert_en=[
            "MISSING: Noé Castagnède, 15, 1.68 m, curly brown hair, braces, black sleeveless puffer, grey hoodie, khaki bum bag. Last seen Belmarais bus station 18:10."
        ],
        who_fr=["Noé, 15 ans", "un adolescent de 15 ans", "Noé Castagnède, 15 ans", "le jeune Noé"],
        event_fr=[
            "a disparu après avoir quitté la gare routière de Belmarais",
            "n'a plus donné signe de vie depuis le quai 3",
            "voulait rejoindre un ami rencontré en ligne à Port-Salvan",
            "est introuvable depuis mardi soir",
        ],
        alert_kind_fr=[
            "Disparition inquiétante",
            "Alerte disparition",
            "Appel à témoins",
            "Disparition d'un ado",
        ],
        topic_fr=[
            "la disparition de Noé",
            "l'adolescent de Belmarais",
            "Noé, 15 ans",
            "l'ado disparu de la gare routière",
        ],
        veh_fr=[
            "trottinette électrique grise à l'autocollant jaune",
            "le car de la ligne 41",
            "une trottinette grise",
        ],
        subj_fr=["Noé", "l'adolescent", "l'« ami » rencontré en ligne"],
        place_fr=[
            "à la gare routière de Belmarais, quai 3",
            "à Port-Salvan",
            "au skatepark du Bassin",
            "au centre commercial Les Salines",
        ],
        time_fr=["18 h 10", "18h10", "le début de soirée"],
        confirm_fr=[
            "Noé aurait été vu à Port-Salvan",
            "l'« ami en ligne » de Noé a été identifié",
            "la trottinette de Noé a été retrouvée",
            "Noé aurait pris le car 41",
        ],
        detail_fr=[
            "il porte une doudoune noire sans manches sur un sweat gris",
            "il a un appareil dentaire et les cheveux bouclés",
            "il porte une sacoche banane kaki",
            "il a un grain de beauté sur la joue gauche",
        ],
        watch_fr=[
            "la gare routière de Belmarais",
            "les recherches à Port-Salvan",
            "le skatepark du Bassin",
            "la plage des Aresquiers-Vieux",
        ],
        headline_fr=[
            "Un ado de 15 ans disparu après un rendez-vous avec un ami du web",
            "Les recherches pour Noé s'étendent à Port-Salvan",
            "Belmarais : la gendarmerie lance un appel à témoins",
        ],
        kw_fr=[
            "disparition noé",
            "belmarais",
            "noé castagnède",
            "gare routière belmarais",
            "port-salvan disparition",
            "ado disparu hérault",
        ],
        alert_fr=[
            "APPEL À TÉMOINS : Noé Castagnède, 15 ans, 1,68 m, cheveux châtains bouclés, appareil dentaire, doudoune noire sans manches, sacoche banane kaki. Vu à 18 h 10 à la gare routière.",
            "DISPARITION Belmarais – Noé, 15 ans, sweat gris à capuche, jogging noir, baskets blanches, trottinette grise à autocollant jaune.",
        ],
    ),
    "prpv-2026-1103": dict(
        p_en=0.45,
        fr_style="qc",
        town=["Pont-Vermeil", "Kessick Mills", "Tamarack"],
        region_en=["Canada", "the valley", "the border towns"],
        region_fr=["QUÉBEC", "PONT-VERMEIL", "RÉGION"],
        agency=["PoliceRegVermeil", "KessickMillsPS", "SPTamarack"],
        tag_en=["#VermeilCarjacking"],
        tag_fr=["#VolAutoVermeil"],
        slug=["rav4-carjacking", "pont-vermeil-vol", "hkv-318", "marche-lachance"],
        who_en=[
            "the carjacking suspect",
            "a knife-wielding carjacker",
            "a bleached-blond carjacker",
        ],
        event_en=[
            "a knifepoint carjacking at Marché Lachance",
            "a 72-year-old was pushed to the ground and his RAV4 stolen",
            "the theft of a senior's RAV4",
        ],
        veh_en=[
            "white 2021 Toyota RAV4, plate HKV 318",
            "a white RAV4 with a black roof box",
            "RAV4 with a 'Grand-papa à bord' sticker",
        ],
        subj_en=["the carjacker", "the white RAV4", "the bleached-blond suspect"],
        place_en=["Marché Lachance", "boulevard Saint-Onésime", "the Vermeil bridge"],
        time_en=["19:25", "7:25pm", "7:25 p.m."],
        topic_en=["the Pont-Vermeil carjacking", "the stolen RAV4", "the Marché Lachance attack"],
        confirm_en=[
            "the RAV4 was found at the Tamarack rail yard",
            "the carjacker was arrested in Kessick Mills",
            "the suspect used the RAV4 at the Irving exit 42",
        ],
        detail_en=[
            "the suspect had short bleached-blond hair and a gold hoop earring",
            "he wore a red and black plaid mackinaw",
            "the victim, 72, was pushed to the ground",
        ],
        watch_en=[
            "the Marché Lachance parking lot",
            "police on the Vermeil bridge",
            "the RAV4 on a traffic camera",
        ],
        headline_en=[
            "Senior, 72, carjacked at knifepoint; white RAV4 sought",
            "Carjacker fled west across the Vermeil bridge",
        ],
        kw_en=[
            "pont-vermeil carjacking",
            "rav4 hkv 318",
            "kessick mills carjacking",
            "white rav4 stolen",
        ],
        alert_en=[
            "WANTED: carjacking at knifepoint, Marché Lachance, 19:25. Man 20-25, bleached-blond hair, plaid mackinaw. White 2021 RAV4, plate HKV 318."
        ],
        who_fr=["un homme de 72 ans", "un aîné de 72 ans", "un grand-père de 72 ans"],
        event_fr=[
            "s'est fait voler son RAV4 sous la menace d'un couteau",
            "a été jeté au sol au Marché Lachance",
            "s'est fait arracher ses clés au Marché Lachance",
        ],
        alert_kind_fr=["Vol qualifié", "Vol de véhicule", "Pont-Vermeil"],
        topic_fr=[
            "le vol du RAV4 à Pont-Vermeil",
            "l'agression au Marché Lachance",
            "le RAV4 volé",
        ],
        veh_fr=[
            "Toyota RAV4 2021 blanc, plaque HKV 318",
            "un RAV4 blanc avec coffre de toit noir",
            "RAV4 avec l'autocollant « Grand-papa à bord »",
        ],
        subj_fr=["le voleur", "le RAV4 blanc", "le suspect aux cheveux décolorés"],
        place_fr=["au Marché Lachance", "sur le boulevard Saint-Onésime", "sur le pont Vermeil"],
        time_fr=["19 h 25", "19h25", "la soirée"],
        confirm_fr=[
            "le RAV4 retrouvé à la cour de triage de Tamarack",
            "le voleur arrêté à Kessick Mills",
            "le suspect a fait le plein à la sortie 42",
        ],
        detail_fr=[
            "le suspect a les cheveux décolorés et un anneau doré",
            "il porte une veste de bûcheron rouge et noire",
            "la victime de 72 ans a été poussée au sol",
        ],
        watch_fr=[
            "le stationnement du Marché Lachance",
            "les policiers sur le pont Vermeil",
            "le RAV4 sur une caméra",
        ],
        headline_fr=[
            "Un aîné de 72 ans agressé, son RAV4 volé",
            "Le voleur a fui vers Kessick Mills",
        ],
        kw_fr=["vol rav4 pont-vermeil", "hkv 318", "marché lachance", "vol qualifié pont-vermeil"],
        alert_fr=[
            "RECHERCHÉ : vol qualifié au couteau, Marché Lachance, 19 h 25. Homme 20-25 ans, cheveux décolorés, veste à carreaux. RAV4 blanc HKV 318."
        ],
    ),
    "sasm-2026-0209": dict(
        p_en=0.25,
        fr_style="qc",
        town=["Sainte-Aurélie-des-Monts", "Val-Brûlé", "Sainte-Aurélie"],
        region_en=["Quebec", "Canada", "the Eastern Townships"],
        region_fr=["QUÉBEC", "ESTRIE", "RÉGION"],
        agency=["PoliceStAurelie", "PoliceValBrule", "HarrowgateFallsPD"],
        tag_en=["#FindMaelle"],
        tag_fr=["#RetrouvonsMaëlle"],
        slug=[
            "maelle-disparue",
            "sainte-aurelie-disparition",
            "ford-ranger-rouge",
            "ecole-trois-pins",
        ],
        who_en=["12-year-old Maëlle Vanasse-Ricard", "a 12-year-old Quebec girl", "Maëlle, 12"],
        event_en=[
            "she did not come home from school",
            "she walked toward Dépanneur Giroux",
            "a teen in a red pickup may be with her",
        ],
        veh_en=[
            "a red Ford Ranger with a black toolbox",
            "red Ford Ranger pickup",
            "a red pickup driven by a teen",
        ],
        subj_en=["Maëlle", "the red Ford Ranger", "the 17-year-old driver"],
        place_en=["École Les Trois-Pins", "Dépanneur Giroux", "rue des Érables"],
        time_en=["3:30pm", "15:30", "3:30 p.m."],
        topic_en=["missing Maëlle", "the Sainte-Aurélie disappearance", "the search for Maëlle"],
        confirm_en=[
            "Maëlle was seen in Val-Brûlé",
            "the red Ranger was found",
            "the teen driver has been identified",
        ],
        detail_en=[
            "she wore a pale pink coat and a white pompom toque",
            "she has blue-framed glasses",
            "her purple backpack has a unicorn keychain",
        ],
        watch_en=["the search at École Les Trois-Pins", "volunteers at the Gilles-Poitras arena"],
        headline_en=[
            "Girl, 12, missing; red Ford Ranger sought",
            "Search for Maëlle moves to the Lac-Noir road",
        ],
        kw_en=[
            "maelle missing",
            "sainte-aurelie missing girl",
            "red ford ranger",
            "quebec missing girl",
        ],
        alert_en=[
            "MISSING: Maëlle Vanasse-Ricard, 12, 1.50 m, long brown braid, blue glasses, pale pink coat, white pompom toque, purple backpack."
        ],
        who_fr=[
            "Maëlle, 12 ans",
            "une fillette de 12 ans",
            "Maëlle Vanasse-Ricard, 12 ans",
            "la jeune Maëlle",
        ],
        event_fr=[
            "n'est pas rentrée de l'école",
            "a disparu près du Dépanneur Giroux",
            "serait avec un ado dans un pick-up rouge",
        ],
        alert_kind_fr=["Disparition", "Alerte disparition", "Sainte-Aurélie-des-Monts"],
        topic_fr=["la disparition de Maëlle", "la fillette de Sainte-Aurélie", "Maëlle, 12 ans"],
        veh_fr=[
            "Ford Ranger rouge avec coffre à outils noir",
            "un pick-up rouge",
            "un Ranger rouge conduit par un ado",
        ],
        subj_fr=["Maëlle", "le Ford Ranger rouge", "l'ado de 17 ans"],
        place_fr=["à l'école Les Trois-Pins", "au Dépanneur Giroux", "sur la rue des Érables"],
        time_fr=["15 h 30", "15h30", "la sortie des classes"],
        confirm_fr=[
            "Maëlle aurait été vue à Val-Brûlé",
            "le Ranger rouge a été retrouvé",
            "l'ado au volant a été identifié",
        ],
        detail_fr=[
            "elle porte un manteau rose pâle et une tuque blanche à pompon",
            "elle a des lunettes à monture bleue",
            "son sac à dos mauve a un porte-clés licorne",
        ],
        watch_fr=[
            "les recherches à l'école Les Trois-Pins",
            "les bénévoles à l'aréna Gilles-Poitras",
            "le chemin du Lac-Noir",
        ],
        headline_fr=[
            "Une fillette de 12 ans portée disparue, un pick-up rouge recherché",
            "Les recherches pour Maëlle se poursuivent",
            "Sainte-Aurélie se mobilise",
        ],
        kw_fr=[
            "maëlle disparue",
            "sainte-aurélie-des-monts",
            "ford ranger rouge",
            "disparition québec",
            "dépanneur giroux",
        ],
        alert_fr=[
            "DISPARUE : Maëlle Vanasse-Ricard, 12 ans, 1,50 m, tresse brune, lunettes bleues, manteau rose pâle, tuque blanche à pompon, sac à dos mauve licorne."
        ],
    ),
    "hfpd-2026-0314": dict(
        p_en=0.78,
        fr_style="qc",
        town=["Harrowgate Falls", "Lisle County", "Harrowgate"],
        region_en=["the county", "Lisle County", "Canada"],
        region_fr=["RÉGION", "HARROWGATE FALLS"],
        agency=["HarrowgateFallsPD", "LisleCountySO"],
        tag_en=["#HFPDWanted"],
        tag_fr=["#HFPDWanted"],
        slug=["petro-nord-robbery", "kia-soul-wanted", "dunmore-plaza", "harrowgate-robbery"],
        who_en=[
            "the Petro-Nord robbery suspect",
            "an armed robber",
            "a man with a scar through his eyebrow",
        ],
        event_en=[
            "a clerk was injured in an armed robbery",
            "a gas station robbery at Dunmore Plaza",
            "he fled north on Route 9",
        ],
        veh_en=[
            "dark green 2014 Kia Soul, partial plate CKR 4",
            "a green Kia Soul with a dented rear bumper",
            "Kia Soul, plate CKR 4..",
        ],
        subj_en=["the robber", "the green Kia Soul", "the Petro-Nord suspect"],
        place_en=["the Petro-Nord at Dunmore Plaza", "Route 9 toward Lisle", "Dunmore Plaza"],
        time_en=["22:40", "10:40pm", "10:40 p.m."],
        topic_en=[
            "the Petro-Nord robbery",
            "the Harrowgate Falls robbery",
            "the Dunmore Plaza robbery",
        ],
        confirm_en=[
            "the Kia Soul was found at the Wexley Motor Inn",
            "the robber was arrested in Lisle",
            "the suspect has a long record",
        ],
        detail_en=[
            "he has a star tattoo behind his left ear",
            "he wore a grey hoodie with a torn pocket",
            "the clerk was injured",
        ],
        watch_en=["the Petro-Nord after the robbery", "the Kia Soul on Route 9"],
        headline_en=[
            "Clerk hurt in armed robbery; Kia Soul sought",
            "Police hunt robber with scar through eyebrow",
        ],
        kw_en=["harrowgate falls robbery", "petro-nord robbery", "kia soul ckr 4", "dunmore plaza"],
        alert_en=[
            "WANTED: armed robbery, Petro-Nord, Dunmore Plaza, 22:40. Man ~35, shaved head, scar through right eyebrow, star tattoo. Green 2014 Kia Soul CKR 4.."
        ],
        who_fr=[
            "le suspect du vol au Petro-Nord",
            "un voleur armé",
            "un homme à la cicatrice au sourcil",
        ],
        event_fr=[
            "a blessé un commis lors d'un vol à main armée",
            "a fui vers le nord sur la route 9",
        ],
        alert_kind_fr=["Vol à main armée", "Harrowgate Falls"],
        topic_fr=["le vol au Petro-Nord", "le vol à main armée de Harrowgate Falls"],
        veh_fr=[
            "Kia Soul 2014 vert foncé, plaque CKR 4",
            "une Kia Soul verte au pare-chocs bosselé",
        ],
        subj_fr=["le voleur", "la Kia Soul verte"],
        place_fr=["au Petro-Nord de Dunmore Plaza", "sur la route 9"],
        time_fr=["22 h 40", "22h40"],
        confirm_fr=["la Kia Soul retrouvée au Wexley Motor Inn", "le voleur arrêté à Lisle"],
        detail_fr=[
            "il a une étoile tatouée derrière l'oreille",
            "il porte un kangourou gris à la poche déchirée",
        ],
        watch_fr=["le Petro-Nord après le vol", "la Kia Soul sur la route 9"],
        headline_fr=["Un commis blessé lors d'un vol, une Kia Soul recherchée"],
        kw_fr=["vol harrowgate falls", "petro-nord", "kia soul verte"],
        alert_fr=[
            "RECHERCHÉ : vol à main armée, Petro-Nord, 22 h 40. Homme ~35 ans, crâne rasé, cicatrice au sourcil droit. Kia Soul verte CKR 4.."
        ],
    ),
    "lcso-2026-0822": dict(
        p_en=0.8,
        fr_style="qc",
        town=["Crane Lake", "Lisle County", "Lisle"],
        region_en=["Lisle County", "the county", "Canada"],
        region_fr=["RÉGION", "LISLE"],
        agency=["LisleCountySO", "HarrowgateFallsPD"],
        tag_en=["#CraneLakeHitAndRun"],
        tag_fr=["#CraneLakeHitAndRun"],
        slug=[
            "crane-lake-hit-and-run",
            "subaru-outback-wanted",
            "ashby-road-cyclist",
            "boat-launch-crash",
        ],
        who_en=[
            "the hit-and-run driver",
            "a driver in blue scrubs",
            "a woman driving a silver Subaru",
        ],
        event_en=[
            "a driver hit a cyclist and fled",
            "a hit-and-run at the Crane Lake boat launch",
            "the driver fled east toward Harrowgate Falls",
        ],
        veh_en=[
            "silver 2019 Subaru Outback, plate ending 72",
            "a silver Outback with a broken front headlight",
            "Subaru Outback with a roof rack",
        ],
        subj_en=["the driver", "the silver Outback", "the woman in blue scrubs"],
        place_en=["the Crane Lake boat launch", "Ashby Road", "the boat launch on Ashby Road"],
        time_en=["06:15", "6:15am", "6:15 a.m."],
        topic_en=[
            "the Crane Lake hit-and-run",
            "the Ashby Road crash",
            "the cyclist hit at Crane Lake",
        ],
        confirm_en=[
            "the Outback was found at a body shop on Mill St",
            "the driver is a nurse at Lisle General",
            "the cyclist has died",
        ],
        detail_en=[
            "the driver was a blonde woman in her 50s",
            "she wore dark blue scrubs",
            "the front passenger-side headlight is broken",
        ],
        watch_en=["the scene on Ashby Road", "the Crane Lake boat launch this morning"],
        headline_en=[
            "Cyclist seriously hurt in hit-and-run; silver Outback sought",
            "Driver in blue scrubs fled toward Harrowgate Falls",
        ],
        kw_en=[
            "crane lake hit and run",
            "subaru outback",
            "ashby road cyclist",
            "lisle county crash",
        ],
        alert_en=[
            "WANTED: hit and run, Ashby Road at the Crane Lake boat launch, 06:15. Silver 2019 Subaru Outback, broken front passenger headlight, plate ending 72."
        ],
        who_fr=["la conductrice d'une Subaru", "une conductrice en fuite"],
        event_fr=["a happé un cycliste sur Ashby Road", "a pris la fuite vers Harrowgate Falls"],
        alert_kind_fr=["Délit de fuite", "Crane Lake"],
        topic_fr=["le délit de fuite de Crane Lake", "le cycliste happé à Crane Lake"],
        veh_fr=[
            "Subaru Outback 2019 argent, plaque finissant par 72",
            "une Outback argent au phare brisé",
        ],
        subj_fr=["la conductrice", "la Subaru Outback"],
        place_fr=["à la descente de bateaux de Crane Lake", "sur Ashby Road"],
        time_fr=["6 h 15", "6h15"],
        confirm_fr=[
            "l'Outback retrouvée dans un garage de Mill St",
            "la conductrice serait infirmière",
        ],
        detail_fr=[
            "la conductrice a les cheveux blonds mi-longs",
            "elle portait un haut d'uniforme bleu",
        ],
        watch_fr=["la scène sur Ashby Road", "la descente de bateaux ce matin"],
        headline_fr=["Un cycliste grièvement blessé, une Subaru recherchée"],
        kw_fr=["délit de fuite crane lake", "subaru outback argent"],
        alert_fr=[
            "RECHERCHÉE : délit de fuite, Ashby Road, 6 h 15. Subaru Outback 2019 argent, phare avant brisé, plaque finissant par 72."
        ],
    ),
}

# --- shared hand-written lists --------------------------------------------------------------
OUTLETS = {
    "en": [
        "Northwire Now",
        "NewsDaily24",
        "Breaking North",
        "TrendPulse",
        "Canada News Now",
        "LocalNews Hub",
        "Daily Buzz Canada",
        "Morning Brief",
        "CrimeWire 24",
    ],
    "qc": [
        "Québec Nouvelles 24",
        "Estrie Direct 24",
        "Alertes Québec Express",
        "Tendances QC",
        "Le Fil Express",
    ],
    "acadie": ["Acadie Infos 24", "Nouvelles Atlantique", "Brume Express", "Le Fil Express"],
    "fr": [
        "InfoFlash 24",
        "Actu Direct",
        "Sud Direct 24",
        "Le Quotidien Express",
        "Faits Divers Express",
    ],
    "ch": [
        "Léman Info Direct",
        "Tribune du Léman 24",
        "Le Matin Léman 24",
        "Romandie Flash",
        "InfoFlash 24",
    ],
}
DOMAINS = {
    "en": [
        "newsdaily24.live",
        "northwire-now.com",
        "breakingnorth.news",
        "trendpulse.site",
        "canadanewsnow.info",
        "localnews-hub.site",
        "dailybuzz-ca.live",
        "viralnow.site",
        "crimewire24.live",
    ],
    "qc": [
        "quebec-nouvelles24.live",
        "estrie-direct24.ca",
        "tendances-qc.site",
        "alertes-qc-express.info",
        "lefil-express.site",
    ],
    "acadie": [
        "acadie-infos24.ca",
        "nouvelles-atlantique.site",
        "brume-express.ca",
        "lefil-express.site",
    ],
    "fr": [
        "infoflash24.fr",
        "actu-direct.info",
        "sud-direct24.fr",
        "faitsdivers-express.site",
        "belgique-info24.be",
        "bruxelles-flash.site",
    ],
    "ch": [
        "tribune-leman24.ch",
        "lematin-leman24.ch",
        "romandie-flash.site",
        "infoflash24.fr",
        "actu-direct.info",
    ],
}
EMOJI_RUNS = [
    "🚨🚨🚨",
    "🔴🔴",
    "‼️‼️",
    "👇👇👇",
    "😱😱",
    "🙏🙏",
    "💔💔",
    "📢📢",
    "⚠️⚠️⚠️",
    "🔥🔥",
    "📰📰",
    "➡️➡️",
]
COUNTERS_EN = ["(2/5)", "#{n}", "x{n}", "🔁{k}k", "UPDATE {d}", "[{d}/12]"]
COUNTERS_FR = ["[MAJ {d}]", "(2/4)", "#{n}", "x{n}", "🔁{k}k", "MISE À JOUR {d}"]

# handle stems: (stem, lang); each gets the original and look-alike siblings
STEMS = [
    ("newsdaily24", "en"),
    ("northwire_now", "en"),
    ("breakingnorth", "en"),
    ("trendpulse_news", "en"),
    ("viralnow_ca", "en"),
    ("localnewshub", "en"),
    ("canadanewsnow", "en"),
    ("crimewatchdaily", "en"),
    ("updates247", "en"),
    ("alertbot_on", "en"),
    ("maritimesnow", "en"),
    ("atlanticlive24", "en"),
    ("nbnewsflash", "en"),
    ("valleylive24", "en"),
    ("ontarioalertsnow", "en"),
    ("heartstoriesdaily", "en"),
    ("truthreport24", "en"),
    ("whoisnews", "en"),
    ("aitrending_live", "en"),
    ("bioinfowiki", "en"),
    ("morningbrief_ca", "en"),
    ("dailybuzzcanada", "en"),
    ("newz4u_ca", "en"),
    ("real_news_247", "en"),
    ("infoflash24", "fr"),
    ("actudirect_info", "fr"),
    ("alertesquebec_express", "fr"),
    ("quebecnouvelles24", "fr"),
    ("estriedirect24", "fr"),
    ("faitsdivers_express", "fr"),
    ("lefil_suisse", "fr"),
    ("lemanalertes", "fr"),
    ("leman_info_direct", "fr"),
    ("belgiqueinfo24", "fr"),
    ("acadieinfos24", "fr"),
    ("tendances_qc", "fr"),
    ("sud_direct24", "fr"),
    ("alertessud_info", "fr"),
    ("actu_choc", "fr"),
    ("infos_du_jour_fr", "fr"),
    ("laurentides_direct", "fr"),
    ("le_quotidien_express", "fr"),
]
# old pages bought or hijacked and turned into news farms: (handle, lang, age in days)
OLD_PAGES = [
    ("@HarrowgateFoodies", "en", 2911),
    ("@KessickMillsYardSale", "en", 2204),
    ("@NorlandSnowmobileClub", "en", 4107),
    ("@LisleCountyPets", "en", 1530),
    ("@vintagecars_mtl", "en", 3822),
    ("@hockeydad_memes", "en", 1288),
    ("@mamie_recettes_faciles", "fr", 3406),
    ("@bricolage_et_jardin", "fr", 1907),
    ("@chorale_stmaurice", "fr", 2633),
    ("@BelmaraisFootClub", "fr", 1751),
    ("@deals_maman_qc", "fr", 1212),
    ("@humour_du_lundi", "fr", 2470),
]
LOOKALIKE = [("o", "0"), ("l", "I"), ("i", "1"), ("e", "3"), ("a", "4")]


def make_handles(rng):
    """Every stem gives its own handle and one or two look-alike siblings, each with a fixed age."""
    handles = []
    for stem, lang in STEMS:
        names = ["@" + stem]
        for _ in range(rng.choice([1, 1, 2])):
            a, b = rng.choice(LOOKALIKE)
            if a in stem and rng.random() < 0.75:
                sib = "@" + stem.replace(a, b, 1)
            else:
                sib = (
                    "@" + stem + rng.choice(["_", "__", str(rng.randint(1, 99)), "_news", "_live"])
                )
            if sib not in names:
                names.append(sib)
        for name in names:
            r = rng.random()
            age = (
                rng.randint(0, 14)
                if r < 0.8
                else rng.randint(15, 90)
                if r < 0.94
                else rng.randint(380, 2100)
            )
            handles.append((name, lang, age))
    handles += OLD_PAGES
    return handles


def noisy(rng, text, lang, tag):
    """Add the noise of a farm copy; the link placeholder is never touched."""
    parts = text.split(LINK)
    r = rng.random()
    if r < 0.06:
        parts = [p.upper() for p in parts]
    elif r < 0.14:
        parts = [p.lower() for p in parts]
    body = parts[0]
    words = body.split(" ")
    cand = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if cand and rng.random() < 0.10:
        i = rng.choice(cand)
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    if cand and rng.random() < 0.05:
        i = rng.choice(cand)
        w = words[i]
        vowels = [k for k, c in enumerate(w) if c.lower() in "aeiouy"]
        if vowels:
            k = rng.choice(vowels)
            words[i] = w[:k] + w[k] * rng.randint(3, 6) + w[k + 1 :]
    parts[0] = " ".join(words)
    text = LINK.join(parts)
    if rng.random() < 0.22:
        run = rng.choice(EMOJI_RUNS)
        text = run + " " + text if rng.random() < 0.5 else text + " " + run
    if rng.random() < 0.10:
        c = rng.choice(COUNTERS_EN if lang == "en" else COUNTERS_FR)
        text = (
            text
            + " "
            + c.format(n=rng.randint(100, 9999), k=rng.randint(1, 48), d=rng.randint(2, 12))
        )
    if rng.random() < 0.25:
        text = text + " " + tag
    return text


def add_zws(rng, text):
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text + ZWS
    i = rng.choice(spaces[: max(1, len(spaces) // 2)])
    return text[:i] + ZWS + text[i:]


def make_link(rng, style, case):
    dom = rng.choice(DOMAINS["en"] if style == "en" else DOMAINS[style])
    slug = rng.choice(case["slug"])
    tail = rng.choice(
        [
            "",
            f"-{rng.randint(1000, 99999)}",
            "?utm_source=x&utm_medium=reply",
            "/amp",
            "-live",
            f"?ref=alert{rng.randint(10, 999)}",
        ]
    )
    return f"{dom}/{slug}{tail}"


def fill(rng, tpl, lang, case, author):
    style = "en" if lang == "en" else case["fr_style"]
    slots = {}
    for key, val in case.items():
        if isinstance(val, list):
            slots[key] = rng.choice(val)
    slots["kw_en2"] = rng.choice(case["kw_en"])
    slots["kw_fr2"] = rng.choice(case["kw_fr"])
    slots["outlet"] = rng.choice(OUTLETS[style])
    slots["readers"] = f"{rng.randint(1200, 48000):,}"
    slots["self"] = SELF
    slots["link"] = LINK
    text = tpl.format(**slots)
    text = text[0].upper() + text[1:]
    return text, make_link(rng, style, case)


# --- waves: (case, start minute, lines); a burst after the appeal or an update -------------
WAVES = [
    ("wlko-2026-1207", 3, 65),
    ("wlko-2026-1207", 36, 35),
    ("wlko-2026-1207", 292, 35),
    ("cfps-2026-0917", 5, 35),
    ("cfps-2026-0917", 140, 25),
    ("tvrp-2026-1121", 4, 35),
    ("tvrp-2026-1121", 250, 25),
    ("gjsb-2026-1205", 8, 35),
    ("gjsb-2026-1205", 400, 25),
    ("lbsh-2026-1213", 6, 30),
    ("lbsh-2026-1213", 185, 20),
    ("gbel-2026-0505", 10, 35),
    ("prpv-2026-1103", 7, 25),
    ("sasm-2026-0209", 9, 25),
    ("hfpd-2026-0314", 5, 25),
    ("lcso-2026-0822", 4, 25),
]


def main():
    rng = random.Random(SEED)
    handles = make_handles(rng)
    by_lang = {
        "en": [h for h in handles if h[1] == "en"],
        "fr": [h for h in handles if h[1] == "fr"],
    }
    weights = {h[0]: 1 if h in OLD_PAGES else rng.choice([1, 2, 3, 5]) for h in handles}

    def pick_author(lang):
        pool = by_lang[lang] if rng.random() < 0.88 else by_lang["fr" if lang == "en" else "en"]
        h = rng.choices(pool, weights=[weights[x[0]] for x in pool])[0]
        return h[0], h[2]

    # hand-written lines go to one wave of their case
    slots = [[] for _ in WAVES]
    for n, (case_id, lang, label, media, text, after) in enumerate(HAND, 1):
        idx = [i for i, w in enumerate(WAVES) if w[0] == case_id]
        if after:
            wave = [i for i in idx if WAVES[i][1] <= after + 5][-1]
        else:
            wave = rng.choices(idx, weights=[WAVES[i][2] for i in idx])[0]
        slots[wave].append(
            dict(hand=n, lang=lang, label=label, media=media, text=text, after=after)
        )
    for i, (case_id, start, size) in enumerate(WAVES):
        assert len(slots[i]) <= size, (case_id, start)

    en_w = [0.4 if t[1] == "abuse" else 1.0 for t in TEMPLATES_EN]
    fr_w = [0.4 if t[1] == "abuse" else 1.0 for t in TEMPLATES_FR]
    rows = []
    for i, (case_id, start, size) in enumerate(WAVES):
        case = CASES[case_id]
        lines = list(slots[i])
        while len(lines) < size:
            lines.append(dict(hand=0))
        rng.shuffle(lines)
        span = rng.randint(4, 9)
        made = []
        for line in lines:
            r = rng.random()
            if r < 0.75:
                minute = start + rng.randint(0, span)
            elif r < 0.92:
                minute = start + rng.randint(10, 180)
            else:
                minute = start + rng.randint(30, 600)
            if line["hand"]:
                author, age = pick_author(line["lang"])
                if line["after"]:
                    minute = max(minute, line["after"] + rng.randint(1, 8))
                row = dict(
                    lang=line["lang"],
                    label=line["label"],
                    text=line["text"],
                    has_media=line["media"],
                    author=author,
                    age=age,
                    minute=minute,
                    note="hand-written cfh{:03d}".format(line["hand"]),
                )
            elif made and rng.random() < 0.09:
                src = rng.choice(made)
                author, age = pick_author(src["lang"])
                row = dict(src, author=author, age=age, minute=minute)
            else:
                lang = "en" if rng.random() < case["p_en"] else "fr"
                tid, label, tpl = rng.choices(
                    TEMPLATES_EN if lang == "en" else TEMPLATES_FR,
                    weights=en_w if lang == "en" else fr_w,
                )[0]
                author, age = pick_author(lang)
                text, link = fill(rng, tpl, lang, case, author)
                tag = case["tag_en"][0] if lang == "en" else case["tag_fr"][0]
                text = noisy(rng, text, lang, tag).replace(LINK, link).replace(SELF, author[1:])
                if rng.random() < 0.08:
                    text = add_zws(rng, text)
                media = tid in ("cfe10", "cff10") or rng.random() < 0.07
                row = dict(
                    lang=lang,
                    label=label,
                    text=text,
                    has_media=media,
                    author=author,
                    age=age,
                    minute=minute,
                    note="template " + tid,
                )
                made.append(row)
            row["case"] = case_id
            rows.append((i, row))
    rows.sort(key=lambda x: (x[0], x[1]["minute"]))
    with OUT.open("w", encoding="utf-8") as f:
        for n, (_, r) in enumerate(rows, 1):
            out = {
                "id": f"FCF-{n:04d}",
                "lang": r["lang"],
                "case": r["case"],
                "label": r["label"],
                "text": r["text"],
                "has_media": r["has_media"],
                "author": r["author"],
                "author_age_days": r["age"],
                "minute": r["minute"],
                "note": r["note"],
                "family": "content_farms",
            }
            f.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

# ruff: noqa: E501  (hand-written lines and templates stay one per line, as written)
"""Rewrite tuning/flood_true_crime_creators.jsonl byte for byte (fixed seed).

Written blind for issue #13: the author did not read the classifier, its cue lists, its tests,
its benchmarks or the other flood files. This script only fills hand-written slots, adds the
noise of a real swarm and times the waves; it imports nothing from the project (stdlib only).

Run: python3 tests/data/floods/tuning/make_true_crime_creators.py
"""

import json
import random
from pathlib import Path

SEED = 20261121
OUT = Path(__file__).with_name("flood_true_crime_creators.jsonl")
FAMILY = "true_crime_creators"
ZWSP = "\u200b"

# Individually hand-written lines, one per post, never template-filled and never copied:
# "<lang> <s|a> <text>" under "## <case>". s = spam, a = abuse (insults or harasses someone).
HAND = """
## tvrp-2026-1121
en s I drove out to the Dalmore Bridge tonight to film the route he took. Full drive-along video up on my channel, link in bio 🚗🎥
en s Everyone's asking how a man walks out of a hospital with a gun. I break it down minute by minute in my new video. Subscribe so you catch part 2.
en s As a former corrections officer I have THOUGHTS on the Haskett escape. 45 min deep dive, go watch and tell me what you think 👇
en s Not to be dramatic but I think I've figured out where Darren is going. Going live at 9 to explain. Bell on 🔔
en s The wolf tattoo on his neck means something in prison culture. I explain what on my TikTok, you need to see this
en s Can we get this to 1k likes so the algorithm pushes it? Follow me, I'm keeping a live log of the manhunt all night
en s thread of every update so far, I'll keep adding, follow so it shows up on your feed 🧵 #TessierManhunt
en s My heart goes out to the brave corrections officer and his family. Moments like these remind us how precious every day is. Follow for more reflections. 🕊️
en s I've been doing true crime for 6 years and this escape has the hallmarks of inside help. Full theory on my podcast, ep drops tonight
en s ok sleuths, I pulled the traffic cam timings and something doesn't add up. video in 20 min. turn on notifs
en s guys PLEASE follow me I only need 200 more to hit 10k and I'll do a Tessier Valley special 🙏🙏
en s New evidence: a second car?? I'm not allowed to say more here. Members-only stream tonight, link in bio
en s I just finished my 3 hour documentary on the Tessier escape, no ads, free on my channel. Please share it, the family deserves it ❤️
en s Who else is up refreshing the Tessier Valley page? Let's talk about it on my Twitch, we're live now with 1.2k watching
en s hi sorry to reply here but I cover cases like this every day on my channel, would love if you checked it out 🥺
en s Reposting my breakdown because the last one blew up. 400k views in 3 hours. Thank you all, follow for more
en s Bro the guard getting shot with his own gun is CRAZY. Full story + bodycam analysis on my page 👀
en s We're live from outside Haskett Regional right now. Come hang, ask questions in the chat 🎥🔴
en s This is the kind of case that keeps me up at night. I wrote a long piece about it on my Substack, free to read
en s if you like this kind of content follow me, I post updates on manhunts across North America every day
en s Our team at CaseFile Unfiltered is following the Tessier Valley situation closely. Full episode Monday. Tap follow.
en s just saw the news and I'm shaking. I'll post anything I find out, follow me so you don't miss it
en s Drop your theories below 👇 best ones get featured in tomorrow's video
en s I asked an AI to predict where an escaped hunter would hide in November. The answer is terrifying. Watch: link in bio
en s Why is nobody talking about the fact that he had 3 hospital visits this year? I am. New video up.
en s The silver Civic, the bridge, the 14 minute gap. I put it all on a map. Subscribe to see it.
en s Praying for a safe resolution 🙏 If this touched you, please follow, my page is all about community safety stories
en s I'm a retired tracker and I'll be doing a Q&A on how hunters hide in the woods. Tickets still available 🎟️
en s My followers know I called this 2 weeks ago. Go back and watch my video on prison transfers. Receipts.
en s leaked scanner audio from tonight??? full clip on my channel before it gets taken down 🚨
en s The Tessier Valley escape is the biggest story in the region right now and I'm covering it 24/7. Follow, like, turn on notifications.
en s can someone with a big account share my video? it has everything we know so far 🙏
en s Imagine being the guard's family right now. Heartbreaking. I made a tribute video, link below 🕯️
en s Recorded a quick reaction to the press conference. Spoiler: they're hiding something. Full video on my channel
en s Day 1 of covering the Tessier Valley manhunt until he's caught. Follow along!!
en s I know this area like the back of my hand, grew up there. Doing a full breakdown of the hiding spots tonight on stream
en s This case has everything. Escape, gunshot, a border town, the woods. Episode 1 of my new series drops Friday 🎬
en s Who wants a part 2? 10k likes and I'll post it
en s THREAD: 10 things you didn't know about Darren Thibodeau-Platt 🧵 (number 7 is wild) follow for the rest
en s Sending strength to Ferrisburg and Saint-Rémi tonight. 💙 I'm covering this story with care on my channel. Please support independent creators.
en s We did a sketch of what he might look like without the beard. See it in my latest post, like and share to spread it
en s my last video on this got shadowbanned so I'm posting the link here, pls boost 🙏
en a the ex girlfriend definitely helped him. look at her facebook, it's all there, I put screenshots in my video. she should be ashamed
en a Ferrisburg cops are so useless I made a 20 minute compilation of their failures. Link in bio. Clowns 🤡
en a His brother Kevin is a known lowlife and I'm going to show everyone his house on my livestream tonight. Birch Lane, stay tuned
en a the guard probably let him go for money, I've seen his profile. corrupt pig. full exposé on my channel
en s Does anyone have footage from the Ultramar? I'd love to feature it on my channel, credit given 📹
en s If you're from Saint-Rémi DM me, I'm looking for locals to interview for my podcast about the escape
en s The timeline doesn't lie. 14:05 escape, 14:31 bridge. I break down the 26 minutes nobody is talking about. New episode
en s I'm just a mom who got obsessed with true crime but I think I see something in the hospital photos. Video explaining 👇
fr s J'ai fait le trajet de l'hôpital Haskett jusqu'au pont Dalmore pour ma chaîne. Vidéo complète dans ma bio 🚗
fr s Je suis en direct sur TikTok en ce moment pour parler de l'évasion, venez poser vos questions 🔴
fr s Nouvelle vidéo : les 26 minutes entre l'hôpital et le pont. Abonnez-vous pour la partie 2 !
fr s Mes pensées vont au gardien blessé et à sa famille. Dans ces moments-là on réalise ce qui compte vraiment. Suivez-moi pour d'autres réflexions 🕊️
fr s Épisode spécial de mon balado ce soir sur l'évasion de Tessier. Lien dans la bio 🎧
fr s Abonnez-vous svp il me manque 300 abonnés pour faire une vidéo spéciale sur Darren
fr s J'ai analysé sa photo avec une IA pour voir de quoi il aurait l'air sans barbe. Résultat sur ma page 😳
fr s Ancien guide de chasse moi aussi, je vous explique en direct où quelqu'un comme lui irait se cacher. Ce soir 21h
fr s Ma vidéo sur l'évasion a été supprimée, je la remets ici, partagez avant qu'ils l'enlèvent 😡
fr s Fil complet de tout ce qu'on sait sur l'évasion 🧵 je le mets à jour toute la nuit, abonnez-vous
fr s Qui est encore debout à suivre ça? On en parle sur mon live, 800 personnes déjà
fr s Nouvelle preuve?? Une deuxième voiture aurait été vue. Je vous dis tout dans ma vidéo de ce soir 👀
fr s St-Rémi je vous aime, courage. Si vous voulez soutenir mon travail de couverture, le lien est dans ma bio 💙
fr s Je cherche des gens de St-Rémi pour une entrevue pour mon balado, écrivez-moi en privé
fr s 10 choses que vous savez pas sur l'évasion de Tessier. La 6e est incroyable. Lien 👇
fr s Je fais une série sur les évasions au Canada et celle-ci est la plus folle. Épisode 1 vendredi, abonnez-vous
fr a Son ex l'a aidé c'est certain, j'ai mis ses photos dans ma vidéo, elle devrait avoir honte
fr a La police de St-Rémi c'est des incompétents, j'ai fait une vidéo de 15 minutes juste là-dessus. Bande de clowns 🤡
fr s Likez et partagez ma vidéo, plus elle circule plus il y a de chances qu'on le retrouve 🙏
fr s Live spécial demain matin avec un ancien policier pour analyser la conférence de presse. Ne manquez pas ça
fr s j'ai tout compilé les images de la caméra du pont dans une vidéo, abonne-toi pour la voir en premier
fr s Qui veut une partie 2? 5000 j'aime et je la publie
## cfps-2026-0917
en s I walked the Brume River trail myself today to retrace Ivy's steps. Full walk-through video on my channel, it's emotional 💔
en s The maroon Caravan is the key. I explain why in my new 40-minute deep dive. Link in bio
en s As a mom of a 9 year old this case destroys me. I made a video about what every parent should know. Please watch and share
en s Live now: mapping the 1.5 km between the library and Birchmount Crescent 🗺️ come help us sleuth
en s Follow me for Ivy updates every hour, I won't stop until she's home 🙏
en s I've covered 200 missing child cases and this one has details nobody is discussing. New episode tonight
en s Little Ivy's story broke my heart. 💛 Let's use our voices for good. Follow for more stories that matter.
en s New evidence in the Ivy case?? 👀 my source says there's a second vehicle. members-only video tonight
en s my Ivy video got removed for "sensitive content" 😡 reuploaded, link below, share fast
en s Who else can't sleep thinking about Ivy? Let's talk on my stream, we're live
en s Thread of every sighting so far, sorted by time 🧵 follow and I'll keep updating
en s I enhanced the library CCTV still with AI and you can see something in the background. Full video on my page 😳
en s Ranking the top 5 theories about Ivy Donnelly-Paré. Number 3 is the one I believe. Watch now
en s please help me get to 5k so I can do a full Colbeck Falls series 🙏 follow back guaranteed
en s Join our Discord, 3,000 sleuths already working the Ivy case around the clock 🔍
en a the mom let a 9 year old walk a river trail alone in the dark?? I said what I said. watch my video on negligent parents
en a Colbeck Falls police wasted the first 4 hours. I made a whole video showing how useless they are 🤡
en s Anyone from Sainte-Cécile willing to be interviewed for my podcast? DM me
en s Episode 112: The Girl in the Yellow Raincoat. Available on all podcast apps 🎧
en s I'm praying for Ivy and for every child who is missing tonight 🕯️ If you want more content like this, my page is full of it
fr s J'ai marché le sentier de la rivière Brume pour refaire le trajet d'Ivy. Vidéo complète sur ma chaîne 💔
fr s Analyse complète de la disparition d'Ivy en direct ce soir à 20h, abonnez-vous pour le rappel
fr s Mon cœur de maman est brisé pour Ivy. J'ai fait une vidéo sur les conseils de sécurité pour vos enfants, partagez svp
fr s Nouvelle piste dans l'affaire Ivy?? Je vous explique tout dans ma vidéo 👀 lien en bio
fr s Suivez-moi pour les mises à jour sur Ivy toute la nuit 🙏
fr s Épisode spécial de mon balado : la petite fille au manteau jaune. Sur toutes les plateformes
fr s Qui connaît Sainte-Cécile? Je cherche des témoins pour mon documentaire, écrivez-moi
fr a La mère d'Ivy cache quelque chose, regardez son visage dans l'entrevue, je l'ai ralentie dans ma vidéo 🚩
fr s Ma vidéo sur Ivy a été retirée, la revoici. Partagez avant qu'elle disparaisse encore
fr s J'ai besoin de 500 abonnés pour faire un live spécial Ivy, aidez-moi 🥺
## prpv-2026-1103
en s I drove the route from the Marché Lachance lot to the Vermeil bridge for my channel. You need to see how fast he could have done it 🚗
en s The RAV4 carjacking is the craziest case of the month. Full breakdown on my channel, link in bio
en s Poor grandpa 😢 this one hit me hard. I made a tribute video for him, please watch and subscribe
en s Live now breaking down the Pont-Vermeil carjacking with a retired detective. come through 🔴
en s Follow me for every update on the white RAV4, I'm tracking it all night
en s Why is no one talking about the roof box? I am. New video explains everything 👀
en s Pont-Vermeil, Kessick Mills, one bridge and one stolen RAV4. Episode 23 of my podcast is out
en s I asked my followers in Kessick Mills to send me footage and WOW. Video coming tonight, turn on notifs
en s If you want more cases like the Vermeil carjacking, follow. I cover crime on both sides of the river
en a the grandpa left his keys in it probably, old people shouldn't be driving anyway. full rant on my channel
en s my carjacking video got flagged, reposting the link here 🙏 boost it
en s Stay strong Pont-Vermeil 💙 support independent crime coverage, link in bio
fr s J'ai refait le trajet du Marché Lachance au pont Vermeil pour ma chaîne. Vidéo dans ma bio 🚗
fr s Le vol du RAV4 c'est l'affaire la plus folle du mois. Analyse complète sur ma chaîne
fr s Pauvre grand-papa 😢 j'ai fait une vidéo hommage, abonnez-vous pour le soutenir
fr s En direct maintenant avec un ancien enquêteur pour parler du vol de Pont-Vermeil 🔴
fr s Abonnez-vous, je suis le RAV4 blanc toute la nuit et je publie chaque piste
fr s Nouvelle preuve dans l'affaire du RAV4?? Je vous montre ça ce soir 👀
fr s Épisode 23 de mon balado : un pont, un RAV4 volé, deux villes. Disponible partout 🎧
fr s Qui vient de Pont-Vermeil? Je cherche des témoins pour mon balado, écrivez-moi en privé
fr a La police de Pont-Vermeil dort au gaz, j'ai fait une vidéo complète sur leur incompétence 🤡
fr s Ma vidéo a été supprimée par TikTok, la revoici, partagez vite
fr s J'aime et partage pour que l'algorithme la montre à plus de monde. Abonnez-vous aussi 🙏
fr s Je fais une série sur les vols de char au Québec, épisode 1 ce soir, abonne-toi
fr s Le gars à la casquette feuille d'érable, je pense savoir qui c'est. Vidéo complète sur ma chaîne, 5$ pour les membres
## hfpd-2026-0314
en s I visited the Petro-Nord on Dunmore Plaza to film for my channel. The layout explains a lot. Video in bio
en s The green Kia Soul getaway is textbook. Full breakdown of the Harrowgate Falls robbery on my podcast tonight 🎧
en s Praying for the clerk 🙏 Moments like this remind us who the real heroes are. Follow for more stories of courage.
en s Live now: analysing the gas station footage frame by frame 🔴 come through
en s Follow me for updates on the Harrowgate Falls robbery, I post the second anything drops
en s NEW EVIDENCE?? The dent in the bumper might be the key. Watch my video before it's taken down
en s I ranked the 10 most brazen gas station robberies of 2026. Harrowgate Falls is number 2. Link below
en s if this helped you please follow, I need 300 more for a Route 9 special
en s Episode 88: The Star Tattoo Robber. Streaming now 🎧
en a the clerk was in on it, you can see it in his face. I said it in my video and I'll say it again
en s Join my sleuth group, we're working the Petro-Nord case tonight 🔍 link in bio
en s As a former gas station manager, this robbery tells me a LOT. Full video on my page
en s My Harrowgate video got 300k views overnight, thank you!! part 2 is up, follow for part 3
en s Who's from Lisle? I'm looking for people to interview about the robbery for my channel, DM me
en a Harrowgate Falls PD couldn't catch a cold. made a whole video about it lol 🤡
en s This case is why I started true crime content. Like and share so it reaches more people 💙
en s Theory time: the Wexley Motor Inn. Full explanation on my channel, no spoilers here
fr s J'ai fait une vidéo sur le vol du Petro-Nord, l'analyse complète est dans ma bio
fr s Nouvelle preuve dans le vol de Harrowgate Falls?? Ce soir en direct 👀
fr s Abonnez-vous pour les mises à jour sur le vol du dépanneur, je publie tout
## sasm-2026-0209
fr s J'ai fait le trajet de l'école Les Trois-Pins jusqu'au Dépanneur Giroux pour ma chaîne. Vidéo complète en bio 💔
fr s Analyse complète de la disparition de Maëlle en direct ce soir, abonnez-vous pour le rappel 🔴
fr s Mon cœur est brisé pour Maëlle. Dans ces moments on comprend ce qui compte. Suivez-moi pour d'autres histoires qui touchent 🕊️
fr s Nouvelle preuve dans l'affaire Maëlle?? Un deuxième pick-up aurait été vu. Vidéo ce soir 👀
fr s Suivez-moi pour les mises à jour sur Maëlle toute la nuit, je lâche pas 🙏
fr s Épisode 54 de mon balado : la fille à la tuque blanche. Disponible partout 🎧
fr s Qui vient de Sainte-Aurélie? Je cherche des témoins pour mon documentaire, écrivez-moi
fr a Le père de Maëlle cache quelque chose, regardez sa face à la conférence, je l'ai mis au ralenti 🚩
fr s Ma vidéo sur Maëlle a été supprimée, la revoici, partagez avant qu'ils l'enlèvent
fr s J'ai besoin de 400 abonnés pour faire une série sur Maëlle, aidez-moi 🥺
fr s Fil de toutes les observations de Maëlle classées par heure 🧵 abonnez-vous pour la suite
fr s On a classé les 5 théories sur Maëlle. La 4e est celle que je crois. Regardez ça
fr s J'ai amélioré la photo du pick-up rouge avec l'IA, on voit quelque chose dans la boîte 😳 vidéo en bio
fr a La police de Sainte-Aurélie a tout gâché, j'ai fait une vidéo sur leur incompétence. Des clowns 🤡
fr s Ancienne éducatrice, je vous explique en direct les signaux qu'on manque chez les ados. Ce soir 20h
fr s Rejoignez notre groupe de détectives amateurs, 2000 membres déjà sur l'affaire Maëlle 🔍
en s I made a full video on the Maelle case with English subtitles. Link in bio, please share 💔
en s Live now breaking down the Sainte-Aurelie disappearance 🔴 come help us map it
en s Follow me for Maelle updates, I'll translate every French post as it comes out 🙏
en s NEW EVIDENCE in the Maelle case?? watch before it gets taken down
en s Episode 54: The Girl in the White Toque. Out now on all platforms 🎧
en a the dad's story has holes, I said it on my stream and I'll say it here 🚩 follow for the receipts
## gbel-2026-0505
fr s J'ai refait le trajet de Noé de la gare routière de Belmarais jusqu'au quai 3 pour ma chaîne. Vidéo complète en bio 🚌
fr s Analyse complète de la disparition de Noé en live ce soir à 21h, activez la cloche 🔔
fr s Mon cœur de maman est brisé pour Noé. Suivez-moi pour d'autres histoires vraies qui comptent 🕊️
fr s Nouvel élément dans l'affaire Noé?? L'ami rencontré en ligne, je vous dis tout ce soir 👀
fr s Abonnez-vous pour suivre l'affaire Noé, je poste chaque nouvelle info en direct
fr s Épisode 31 de mon podcast : le garçon à la trottinette grise. Dispo sur toutes les plateformes 🎧
fr s Je cherche des gens de Port-Salvan pour témoigner dans mon documentaire, envoyez-moi un MP
fr a La mère de Noé le laissait traîner seul à la gare à 15 ans, faut pas s'étonner. Vidéo complète sur ma chaîne
fr s Ma vidéo sur Noé a été supprimée, la revoilà, partagez avant qu'elle saute encore 😡
fr s Il me manque 600 abonnés pour lancer ma série sur les disparitions d'ados, aidez-moi 🥺
fr s Thread de toutes les pistes sur Noé 🧵 je mets à jour toute la nuit, abonnez-vous
fr s On a classé les 7 hypothèses sur la disparition de Noé. La 5e fait froid dans le dos. Lien 👇
fr s J'ai passé la photo de la gare à l'IA, regardez ce qu'on voit derrière le quai 3 😳 vidéo en bio
fr a La gendarmerie de Belmarais a fait n'importe quoi, j'ai monté une vidéo sur leur nullité 🤡
fr s Ancien éducateur spécialisé, je vous explique en live comment les prédateurs en ligne approchent les ados. Ce soir
fr s Rejoignez notre serveur Discord, 1500 enquêteurs amateurs déjà sur l'affaire Noé 🔍
fr s Pensées pour Noé et sa famille 🕯️ Mettez un 🙏 et abonnez-vous pour ne rien rater
fr s J'étais à Port-Salvan hier pour tourner, le skatepark du Bassin, la plage, tout. Vidéo ce soir sur ma chaîne
fr s Tout le monde parle de la trottinette mais personne de la sacoche banane. J'explique pourquoi dans ma vidéo
fr s Live avec un ancien gendarme demain 20h sur l'affaire Noé, posez vos questions en commentaire
## lcso-2026-0822
en s I filmed Ashby Road at the boat launch at 6:15 am to show what the driver saw. Full video on my channel 🚲
en s The silver Outback and the scrubs top, I think I know where she works. Full theory video in bio
en s Praying for the cyclist 🙏 Life is so fragile. Follow for more stories that remind us to be kind.
en s Live now breaking down the Crane Lake hit and run with a crash reconstruction expert 🔴
en s Follow me for updates on the Crane Lake case, I'm checking body shops all week for my channel
en s NEW EVIDENCE?? A second car at the boat launch. Watch before it gets removed
en s Episode 19 of my podcast: The Blue Scrubs Driver. Out now 🎧
en a the cyclist was probably in the middle of the road, they always are. I made a video about it
en s Who lives near Crane Lake? I'd love to interview you for my channel, DM me
en s my Crane Lake video got removed for no reason, reposting the link here pls share
en s I ranked the 10 worst hit and runs of 2026. Crane Lake is number 4. Link in bio
en s If you like this kind of content, follow. I cover every case in Lisle County
en a Lisle County sheriff can't find a silver Subaru in a county of 20k people? Pathetic. Full rant on my channel 🤡
en s As a nurse, the scrubs detail tells me a lot. Full breakdown video up now
en s Join my sleuth Discord, we're calling every body shop on Mill St tomorrow 🔍
fr s J'ai fait une vidéo sur le délit de fuite de Crane Lake, analyse complète dans ma bio
fr s Nouvelle preuve dans l'affaire du Subaru?? Ce soir en direct 👀
fr s Abonnez-vous pour suivre l'affaire du cycliste de Crane Lake, je publie tout
"""

# Per-case slots, hand-written.
CASES = {
    "tvrp-2026-1121": {
        "tags": ["#TessierManhunt", "#ÉvasionTessier"],
        "case_en": [
            "the Tessier Valley manhunt",
            "the Haskett hospital escape",
            "the Tessier escape",
            "Darren Thibodeau-Platt's escape",
        ],
        "case_fr": [
            "l'évasion de Tessier",
            "l'évasion de l'hôpital Haskett",
            "la chasse à l'homme de Saint-Rémi",
        ],
        "who_en": ["the injured guard", "Ferrisburg", "the Tessier Valley", "the guard's family"],
        "who_fr": ["le gardien blessé", "Saint-Rémi", "la famille du gardien"],
        "town": ["Ferrisburg", "Saint-Rémi", "Tessier Valley"],
        "relative_en": ["the ex", "the brother", "the guard"],
        "relative_fr": ["Son ex", "Sa mère"],
        "police": ["TessierValleyRPS", "FerrisburgPolice", "PoliceStRemi"],
    },
    "cfps-2026-0917": {
        "tags": ["#FindIvy", "#RetrouvonsIvy"],
        "case_en": [
            "the Ivy case",
            "the Colbeck Falls disappearance",
            "Ivy Donnelly-Paré's disappearance",
        ],
        "case_fr": ["l'affaire Ivy", "la disparition d'Ivy", "l'affaire de Colbeck Falls"],
        "who_en": ["Ivy", "little Ivy", "Ivy's family"],
        "who_fr": ["Ivy", "la petite Ivy", "la famille d'Ivy"],
        "town": ["Colbeck Falls", "Sainte-Cécile"],
        "relative_en": ["the mom", "the stepdad", "the neighbour"],
        "relative_fr": ["La mère", "La voisine"],
        "police": ["ColbeckFallsPS", "PoliceSteCecile", "RiverlandsRPS"],
    },
    "prpv-2026-1103": {
        "tags": ["#VolAutoVermeil", "#VermeilCarjacking"],
        "case_en": [
            "the Pont-Vermeil carjacking",
            "the RAV4 carjacking",
            "the Vermeil bridge carjacking",
        ],
        "case_fr": ["le vol du RAV4", "le vol de Pont-Vermeil", "l'affaire du Marché Lachance"],
        "who_en": ["the grandpa", "Pont-Vermeil", "Kessick Mills"],
        "who_fr": ["le grand-papa", "Pont-Vermeil", "la famille du monsieur"],
        "town": ["Pont-Vermeil", "Kessick Mills"],
        "relative_en": ["the grandson", "the grandpa"],
        "relative_fr": ["La fille du monsieur", "La voisine"],
        "police": ["PoliceRegVermeil", "KessickMillsPS", "SPTamarack"],
    },
    "hfpd-2026-0314": {
        "tags": ["#HFPDWanted"],
        "case_en": [
            "the Harrowgate Falls robbery",
            "the Petro-Nord robbery",
            "the Dunmore Plaza robbery",
        ],
        "case_fr": ["le vol du Petro-Nord", "le vol de Harrowgate Falls"],
        "who_en": ["the clerk", "Harrowgate Falls", "the clerk's family"],
        "who_fr": ["le commis", "Harrowgate Falls"],
        "town": ["Harrowgate Falls", "Lisle"],
        "relative_en": ["the clerk", "the store owner"],
        "relative_fr": ["Le commis"],
        "police": ["HarrowgateFallsPD", "LisleCountySO"],
    },
    "sasm-2026-0209": {
        "tags": ["#RetrouvonsMaëlle", "#FindMaelle"],
        "case_en": [
            "the Maelle case",
            "the Sainte-Aurelie disappearance",
            "Maëlle's disappearance",
        ],
        "case_fr": ["l'affaire Maëlle", "la disparition de Maëlle", "l'affaire de Sainte-Aurélie"],
        "who_en": ["Maëlle", "Maelle", "Maëlle's family"],
        "who_fr": ["Maëlle", "la petite Maëlle", "la famille de Maëlle"],
        "town": ["Sainte-Aurélie", "Val-Brûlé"],
        "relative_en": ["the dad", "the teacher"],
        "relative_fr": ["Le père", "La mère"],
        "police": ["PoliceStAurelie", "PoliceValBrule"],
    },
    "gbel-2026-0505": {
        "tags": ["#DisparitionNoé"],
        "case_en": ["the Noé case", "the Belmarais disappearance"],
        "case_fr": ["l'affaire Noé", "la disparition de Noé", "l'affaire de Belmarais"],
        "who_en": ["Noé", "Noé's family"],
        "who_fr": ["Noé", "le petit Noé", "la famille de Noé"],
        "town": ["Belmarais", "Port-Salvan"],
        "relative_en": ["the mother", "the online friend"],
        "relative_fr": ["La mère", "La tante"],
        "police": ["Gendarmerie_Belmarais", "PoliceNat_PortSalvan"],
    },
    "lcso-2026-0822": {
        "tags": ["#CraneLakeHitAndRun"],
        "case_en": [
            "the Crane Lake hit and run",
            "the Ashby Road hit and run",
            "the Subaru hit and run",
        ],
        "case_fr": ["le délit de fuite de Crane Lake", "l'affaire du Subaru"],
        "who_en": ["the cyclist", "Crane Lake", "the cyclist's family"],
        "who_fr": ["le cycliste", "la famille du cycliste"],
        "town": ["Lisle", "Crane Lake"],
        "relative_en": ["the cyclist", "the cyclist's wife"],
        "relative_fr": ["La femme du cycliste"],
        "police": ["LisleCountySO", "HarrowgateFallsPD"],
    },
}

COMMON = {
    "link": [
        "truecrimevault.site/live",
        "yt-sleuth.link/ep",
        "casefilesdaily.site/v",
        "linktr.site/sleuthmama",
        "unsolvedhq.site/watch",
        "podlink.site/casenight",
        "bit.ly/tc-breakdown",
        "crimereels.site/new",
        "enquetes-directes.site/v",
        "faitsdivers-live.site",
        "mysteres.site/ep",
        "patreon-sleuth.site/join",
    ],
    "platform": [
        "YouTube",
        "TikTok",
        "Twitch",
        "Rumble",
        "Kick",
        "Spotify",
        "Patreon",
        "Instagram",
    ],
    "podcast": [
        "Cold Files After Dark",
        "Small Town Sinister",
        "The Case Desk",
        "Unsolved North",
        "Murder & Maple",
        "Missing in the Margins",
        "Red String Radio",
    ],
    "podcast_fr": [
        "Dossiers Froids",
        "Faits Divers du Soir",
        "Les Disparus",
        "Enquête Ouverte",
        "Mystères d'ici",
    ],
    "persona": [
        "former detective",
        "true crime creator with 80k subs",
        "retired cop",
        "body language analyst",
        "criminology student",
        "mom of three and true crime junkie",
        "ex-dispatcher",
    ],
    "persona_fr": [
        "ancien enquêteur",
        "créatrice true crime",
        "analyste du langage corporel",
        "étudiante en criminologie",
        "ancien policier",
        "maman passionnée d'enquêtes",
    ],
    "hook": [
        "🚨 MUST WATCH 🚨",
        "THIS CHANGES EVERYTHING.",
        "Nobody is talking about this.",
        "I'm speechless.",
        "ok this is big.",
        "Wait for it…",
        "Chills. 😳",
        "I had to pull over.",
    ],
    "time": ["8pm", "9pm", "10pm ET", "midnight", "7:30", "noon tomorrow"],
    "time_fr": ["20h", "21h", "22h", "minuit", "19h30", "midi demain"],
    "when": ["tonight", "in an hour", "tomorrow", "at midnight", "Friday"],
    "leak": ["bodycam", "911 call", "scanner audio", "CCTV", "autopsy photos", "police report"],
    "enh": ["CCTV still", "dashcam frame", "doorbell clip", "traffic cam photo"],
    "outcome": ["is found", "is home", "is caught", "gets justice"],
    "emo": [
        "👀",
        "😱",
        "🔍",
        "🎥",
        "🎧",
        "🔴",
        "🙏",
        "💔",
        "🕯️",
        "🚨",
        "👇",
        "🧵",
        "🔔",
        "😳",
        "💯",
    ],
}

# Hand-written templates: (id, label, text). Slots in braces are filled per case.
T_EN = [
    ("tce01", "spam", "{hook} Full breakdown of {case_en} on my channel 👉 {link} {tag}"),
    (
        "tce02",
        "spam",
        "I spent {hours} hours investigating {case_en}. What I found changes everything. Part {n} is up now: {link}",
    ),
    (
        "tce03",
        "spam",
        "NEW EVIDENCE in {case_en}?? 👀 I'm going live at {time} to go through it frame by frame. Turn on notifications 🔔",
    ),
    (
        "tce04",
        "spam",
        "Follow me for updates on {case_en}, I post every hour until this is over. {tag}",
    ),
    (
        "tce05",
        "spam",
        "Episode {ep} of {podcast}: {case_en}. What the police aren't telling you. Listen now 🎧 {link}",
    ),
    (
        "tce06",
        "spam",
        "My heart breaks for {who_en}. 💔 If you believe in the power of community, follow this account and let's keep the story alive. {tag}",
    ),
    (
        "tce07",
        "spam",
        "As a {persona}, I can tell you {case_en} is not what it seems. Thread below 🧵👇 follow so you don't miss part {n}",
    ),
    (
        "tce08",
        "spam",
        "reply guys where u at 😤 follow me and i follow back, we need more eyes on {case_en} {tag}",
    ),
    (
        "tce09",
        "spam",
        "I mapped every sighting in {case_en} 🗺️ The pattern is INSANE. Video drops {when} on {platform}",
    ),
    (
        "tce10",
        "spam",
        "{platform} took down my video on {case_en} 😡 reuploaded here before they delete it again: {link}",
    ),
    (
        "tce11",
        "spam",
        "Day {n} covering {case_en}. If this helped you, subscribe, it's free and it helps the algorithm 🙏",
    ),
    (
        "tce12",
        "spam",
        "Join our sleuth Discord, {members} members already working on {case_en} 🔍 {link}",
    ),
    (
        "tce13",
        "spam",
        "This is why I started my channel. {case_en} deserves answers. Like, share, subscribe. {tag}",
    ),
    (
        "tce14",
        "spam",
        "🚨 leaked {leak} from {case_en}?? full video on my {platform} (18+ only) {link}",
    ),
    (
        "tce15",
        "spam",
        "AI-enhanced {enh} from {case_en}, you won't believe what we saw at {sec} 😱 {link}",
    ),
    (
        "tce16",
        "spam",
        "Thinking about {who_en} tonight. 🕯️ Drop a 🙏 if you're still following, and follow me for more stories like this",
    ),
    (
        "tce17",
        "spam",
        "We ranked the top {k} theories about {case_en}. #{k2} will shock you. Watch: {link}",
    ),
    (
        "tce18",
        "spam",
        "collab? I cover {case_en} too, let's do a joint live on {platform}. DM me 📩",
    ),
    (
        "tce19",
        "spam",
        "{platform} members got the full timeline of {case_en} 3 days ago. Join for $5 to get it first 👉 {link}",
    ),
    (
        "tce20",
        "spam",
        "This case is heartbreaking. Stay strong, {town}. 💙 If you want to support my coverage, link in bio.",
    ),
    (
        "tce21",
        "abuse",
        "{relative_en} knows more than they're saying. watch the body language at {sec} and tell me i'm wrong 🚩 {link}",
    ),
    (
        "tce22",
        "abuse",
        "{police} fumbled {case_en} so bad I made a whole video on how incompetent they are 🤡 {link}",
    ),
]
T_FR = [
    ("tcf01", "spam", "{hook_fr} Analyse complète de {case_fr} sur ma chaîne 👉 {link} {tag}"),
    (
        "tcf02",
        "spam",
        "J'ai passé {hours} heures à enquêter sur {case_fr}. Ce que j'ai trouvé change tout. Partie {n} en ligne : {link}",
    ),
    (
        "tcf03",
        "spam",
        "NOUVELLE PREUVE dans {case_fr}?? 👀 Je suis en direct à {time_fr}, activez les notifications 🔔",
    ),
    ("tcf04", "spam", "Abonnez-vous pour suivre {case_fr}, je publie à chaque heure. {tag}"),
    (
        "tcf05",
        "spam",
        "Épisode {ep} de {podcast_fr} : {case_fr}. Ce que la police ne vous dit pas 🎧 {link}",
    ),
    (
        "tcf06",
        "spam",
        "Mon cœur est brisé pour {who_fr}. 💔 Si vous croyez au pouvoir de la communauté, abonnez-vous et gardons l'histoire vivante {tag}",
    ),
    (
        "tcf07",
        "spam",
        "En tant que {persona_fr}, je peux vous dire que {case_fr} n'est pas ce que vous pensez. Fil 🧵👇 abonnez-vous pour la partie {n}",
    ),
    (
        "tcf08",
        "spam",
        "abonne-toi je m'abonne en retour 🔁 plus on est nombreux plus on aide {who_fr} {tag}",
    ),
    (
        "tcf09",
        "spam",
        "{platform} a supprimé ma vidéo sur {case_fr} 😡 la revoici avant qu'ils l'effacent encore : {link}",
    ),
    (
        "tcf10",
        "spam",
        "Rejoignez notre groupe de détectives amateurs, {members} membres déjà sur {case_fr} 🔍 {link}",
    ),
    (
        "tcf11",
        "spam",
        "On a classé les {k} théories sur {case_fr}. La n°{k2} va vous choquer. {link}",
    ),
    (
        "tcf12",
        "spam",
        "Pensées pour {who_fr} ce soir 🕯️ Mettez un 🙏 et suivez-moi pour plus d'histoires vraies",
    ),
    (
        "tcf13",
        "abuse",
        "{relative_fr} en sait plus que ce qu'on nous dit. Regardez le langage corporel à {sec} 🚩 {link}",
    ),
    (
        "tcf14",
        "abuse",
        "{police} a tellement raté {case_fr} que j'ai fait une vidéo sur leur incompétence 🤡 {link}",
    ),
]
HOOK_FR = [
    "🚨 À VOIR 🚨",
    "ÇA CHANGE TOUT.",
    "Personne n'en parle.",
    "Je suis sans mots.",
    "Frissons. 😳",
    "Attendez la fin…",
]

# Waves: (case, start minute, lines, share of English in the templated lines).
WAVES = [
    ("tvrp-2026-1121", 34, 70, 0.65),
    ("tvrp-2026-1121", 148, 60, 0.65),
    ("tvrp-2026-1121", 301, 55, 0.6),
    ("tvrp-2026-1121", 522, 45, 0.7),
    ("cfps-2026-0917", 62, 50, 0.65),
    ("cfps-2026-0917", 410, 40, 0.6),
    ("prpv-2026-1103", 95, 45, 0.45),
    ("prpv-2026-1103", 380, 35, 0.45),
    ("hfpd-2026-0314", 120, 60, 0.85),
    ("sasm-2026-0209", 75, 50, 0.25),
    ("gbel-2026-0505", 140, 50, 0.0),
    ("lcso-2026-0822", 55, 40, 0.85),
]

STEMS = [
    "truecrime",
    "sleuth",
    "casefiles",
    "coldcase",
    "unsolved",
    "crimejunkie",
    "redstring",
    "websleuth",
    "casenight",
    "detective",
    "mysterymom",
    "crimepod",
    "enquete",
    "faitsdivers",
    "mystere",
    "dossiers",
    "justicefor",
    "docucrime",
    "bodylang",
    "tc_clips",
]
SUFFIX = ["", "_", "daily", "hq", "tv", "live", "pod", "qc", "nord", "_fr", "irl", "files"]


def handles(rng):
    """About 170 accounts: stem+suffix+digits, with look-alike siblings of some."""
    out, seen = [], set()
    while len(out) < 150:
        h = rng.choice(STEMS) + rng.choice(SUFFIX) + str(rng.randint(1, 9999))
        if h not in seen:
            seen.add(h)
            out.append(h)
    for h in rng.sample(out, 24):
        sib = (
            h.replace("o", "0", 1) if "o" in h else h.replace("l", "I", 1) if "l" in h else h + "_"
        )
        if sib == h:
            sib = h + "_"
        sib = sib.replace("e", "3", 1) if rng.random() < 0.3 else sib
        if sib not in seen:
            seen.add(sib)
            out.append(sib)
    ages = {}
    for h in out:
        r = rng.random()
        if r < 0.5:
            ages[h] = rng.randint(0, 3)
        elif r < 0.78:
            ages[h] = rng.randint(4, 30)
        elif r < 0.88:
            ages[h] = rng.randint(31, 200)
        else:
            ages[h] = rng.randint(201, 3200)
    return out, ages


def parse_hand():
    by_case, case = {}, None
    for line in HAND.splitlines():
        if line.startswith("## "):
            case = line[3:]
            by_case[case] = []
        elif line.strip():
            lang, lab, text = line.split(" ", 2)
            n = sum(len(v) for v in by_case.values()) + 1
            by_case[case].append(
                (lang, "abuse" if lab == "a" else "spam", text, f"hand-written tch{n:03d}")
            )
    return by_case


def fill(rng, text, case):
    s = CASES[case]
    vals = {
        "tag": rng.choice(s["tags"]),
        "hook_fr": rng.choice(HOOK_FR),
        "hours": str(rng.choice([3, 6, 9, 12, 14, 20, 48])),
        "n": str(rng.randint(2, 14)),
        "ep": str(rng.randint(12, 240)),
        "members": f"{rng.randint(2, 40) * 100:,}".replace(",", " "),
        "sec": f"{rng.randint(0, 3)}:{rng.randint(0, 59):02d}",
        "k": str(rng.choice([5, 7, 10])),
        "k2": str(rng.randint(1, 5)),
    }
    for key in (
        "case_en",
        "case_fr",
        "who_en",
        "who_fr",
        "town",
        "relative_en",
        "relative_fr",
        "police",
    ):
        vals[key] = rng.choice(s[key])
    for key, opts in COMMON.items():
        vals[key] = rng.choice(opts)
    out = text.format(**vals)
    return out[0].upper() + out[1:]


def noise(rng, text, case):
    r = rng.random()
    if r < 0.06:
        text = text.upper()
    elif r < 0.14:
        text = text.lower()
    if rng.random() < 0.1:  # stretched letters
        words = text.split(" ")
        i = rng.randrange(len(words))
        w = words[i]
        j = next((k for k in range(len(w) - 1, -1, -1) if w[k].isalpha()), None)
        if j is not None:
            words[i] = w[: j + 1] + w[j] * rng.randint(2, 5) + w[j + 1 :]
        text = " ".join(words)
    if rng.random() < 0.1:  # swapped letters
        i = rng.randrange(1, max(2, len(text) - 2))
        if text[i].isalpha() and text[i + 1].isalpha():
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if rng.random() < 0.25:
        text += " " + "".join(rng.choice(COMMON["emo"]) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.12:
        text += rng.choice(
            [
                f" (part {rng.randint(2, 9)})",
                f" #{rng.randint(100, 9999)}",
                f" ep{rng.randint(1, 99)}",
            ]
        )
    tags = CASES[case]["tags"]
    if rng.random() < 0.3 and not any(t in text for t in tags):
        text += " " + rng.choice(tags)
    if rng.random() < 0.12:
        i = rng.randrange(1, len(text))
        text = text[:i] + ZWSP + text[i:]
    return text


def main():
    rng = random.Random(SEED)
    pool, ages = handles(rng)
    hand = parse_hand()
    for lines in hand.values():
        rng.shuffle(lines)
    waves_of = {}
    for i, w in enumerate(WAVES):
        waves_of.setdefault(w[0], []).append(i)
    # Split each case's hand-written lines over its waves, in order.
    share = {}
    for case, idx in waves_of.items():
        lines, total = hand[case], sum(WAVES[i][2] for i in idx)
        start = 0
        for k, i in enumerate(idx):
            take = (
                len(lines) - start if k == len(idx) - 1 else round(len(lines) * WAVES[i][2] / total)
            )
            share[i] = lines[start : start + take]
            start += take
    rows = []
    for i, (case, start, size, en_share) in enumerate(WAVES):
        crew = rng.sample(pool, rng.randint(18, 32))
        items = list(share[i])
        made = []
        while len(items) + len(made) < size:
            if made and rng.random() < 0.16:  # verbatim copy-paste of a templated line
                made.append(rng.choice(made))
                continue
            lang = "en" if rng.random() < en_share else "fr"
            tid, lab, text = rng.choice(T_EN if lang == "en" else T_FR)
            made.append((lang, lab, noise(rng, fill(rng, text, case), case), "template " + tid))
        items += made
        rng.shuffle(items)
        window = rng.randint(3, 9)
        tail = rng.randint(60, 200)
        for lang, lab, text, note in items:
            if rng.random() < 0.8:
                minute = start + rng.randint(0, window)
            else:
                minute = start + window + rng.randint(1, tail)
            author = rng.choice(crew)
            media = rng.random() < (
                0.35
                if ("video" in text.lower() or "vidéo" in text.lower() or "clip" in text.lower())
                else 0.1
            )
            rows.append(
                (
                    i,
                    minute,
                    {
                        "lang": lang,
                        "case": case,
                        "label": lab,
                        "text": text,
                        "has_media": media,
                        "author": "@" + author,
                        "author_age_days": ages[author],
                        "minute": minute,
                        "note": note,
                        "family": FAMILY,
                    },
                )
            )
    rows.sort(key=lambda r: (r[0], r[1]))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for n, (_, _, row) in enumerate(rows, 1):
            f.write(json.dumps({"id": f"FCR-{n:04d}", **row}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

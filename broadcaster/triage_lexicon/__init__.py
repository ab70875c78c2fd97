"""The cue lexicon of reply triage, in English and French.

Everything here is written in the form `broadcaster.triage` matches against: casefolded,
accents stripped, apostrophes and punctuation turned into spaces ("j'ai vu" is "j ai vu",
"that's him" is "that s him"). A cue is a single word or a phrase of words; each belongs to
a family, and each family gives weight to one label and names the reason an officer sees.

Families: (name, label, weight, reason prefix, typo-tolerant?, words, phrases). `label` is
one of the five labels or a modifier ("first person", "target", "suspect", "asks") that
the scorer reads on its own. Words are space-separated; phrases are separated by "|".
"""

from __future__ import annotations

from typing import NamedTuple


class Family(NamedTuple):
    name: str
    label: str  # tip | question | support | spam | abuse | a modifier (see triage.py)
    weight: float
    reason: str
    fuzzy: bool
    words: str
    phrases: str = ""


FAMILIES: tuple[Family, ...] = (
    # -- tip ---------------------------------------------------------------------------
    Family(
        "sighting",
        "tip",
        2.0,
        "sighting verb",
        True,
        """saw seen spotted spotting noticed sighted witnessed vu vue vus vues apercu
        apercue apercus apercues croise croisee croises remarque remarquee""",
        """i saw|just saw|saw him|saw her|saw them|saw this guy|saw this man|saw this woman|
        saw that guy|saw the guy|saw the man|seen him|seen her|spotted him|spotted her|
        i think i saw|pretty sure i saw|j ai vu|jai vu|je l ai vu|je l ai vue|je lai vu|
        je lai vue|je les ai vus|on l a vu|on la vu|vu ce gars|vu cet homme|vu cette femme|
        vu ce type|just seen|ive seen|i ve seen|we saw""",
    ),
    Family(
        "restated",
        "tip",
        -2.0,
        "repeats the appeal",
        False,
        "",
        """last seen|was last seen|were last seen|vu pour la derniere fois|
        vue pour la derniere fois|vus pour la derniere fois|derniere fois vu|
        seen this|seen the post|saw the post|saw this post|saw this on|seen this on|
        vu sur|vu a la tele|vu aux nouvelles|saw it on|seen it on|saw on the news""",
    ),
    Family(
        "weak sighting",
        "tip",
        1.0,
        "sighting verb",
        True,
        "see sees seeing watched watching observed vois voit voyais voyait observe",
    ),
    Family(
        "presence",
        "tip",
        2.0,
        "whereabouts",
        False,
        "",
        """he is at|he s at|hes at|she is at|she s at|shes at|he is in|she is in|he s in|
        she s in|he is here|he s here|hes here|she is here|she s here|shes here|
        right now|as we speak|il est a|elle est a|il est au|elle est au|il est dans|
        elle est dans|il est ici|elle est ici|il est la|elle est la|en ce moment|
        lives in|lives on|lives at|lives near|lives with|lives across|living in|living at|
        living with|staying at|staying with|stays at|sleeping at|sleeps at|hangs out|
        hanging out|hangs around|hanging around|works at|works in|works for|works with|
        worked with|working at|habite a|habite au|habite sur|habite dans|habite pres|
        habite avec|habite chez|reste a|reste au|reste sur|reste chez|travaille a|
        travaille au|travaille chez|travaille dans|traine a|traine au|traine souvent""",
    ),
    Family(
        "recognition",
        "tip",
        2.0,
        "recognition",
        True,
        """recognize recognise recognized recognised recognizing recognising reconnu
        reconnue reconnais reconnait neighbour neighbor neighbours neighbors voisin voisine
        voisins voisines coworker coworkers colleague colleagues collegue collegues roommate
        roomate coloc cousin nephew neveu ressemble ressemblait resembles lookalike
        sosie""",
        """that s him|thats him|that is him|that s her|thats her|that is her|it s him|
        its him|it s her|its her|c est lui|cest lui|c est elle|cest elle|looks like|
        look like|looks just like|looks exactly like|same guy|same man|same woman|
        same person|meme gars|meme homme|meme femme|i know him|i know her|i know this|
        i know who|i know that guy|i know where|we know him|je le connais|je la connais|
        je connais|on le connait|his name is|her name is|his name s|goes by|son nom est|
        il s appelle|elle s appelle|il sappelle|elle sappelle|my ex|mon ex|used to date|
        went to school with|used to work|allait a l ecole|mon ancien|mon ancienne|
        my old|co worker|my brother|my cousin|my uncle""",
    ),
    Family(
        "location",
        "tip",
        1.0,
        "location",
        True,
        """street st ave avenue rd road blvd boulevard hwy highway lane crescent cres
        square plaza mall park parking lot garage station subway metro ttc stm bus
        terminal streetcar tram train store shop gas esso shell petro walmart costco
        hortons timmies mcdonalds mcdo starbucks dollarama loblaws shoppers ikea iga
        provigo maxi depanneur dep epicerie pharmacie pharmacy hospital hopital clinic
        clinique school ecole library bibliotheque church eglise bridge pont hotel motel
        hostel shelter refuge apartment apt appartement building immeuble condo downtown
        corner coin intersection rue chemin autoroute route quartier beach plage trail
        sentier alley ruelle parc gare airport aeroport bar pub restaurant resto cafe
        casino arena stadium campus university universite college cegep near nearby
        outside behind across pres devant derriere alentours""",
        """in front of|across from|across the street|corner of|au coin|coin de|a cote de|
        a cote du|next to|down the street|around the corner|pas loin de|proche de|
        tim hortons|couche tard|centre ville|shopping centre|shopping center|
        centre commercial|bus stop|arret de bus|gas station|station service""",
    ),
    Family(
        "time",
        "tip",
        1.0,
        "time",
        True,
        """tonight tonite 2nite today yesterday yday morning afternoon evening ago earlier
        minutes mins hour hours hrs hier matin soir soiree nuit minuit midi tantot
        aujourd monday tuesday wednesday thursday friday saturday sunday lundi mardi
        mercredi jeudi vendredi samedi dimanche""",
        """last night|this morning|this afternoon|this evening|ce matin|cet apres midi|
        hier soir|hier matin|cette nuit|a l instant|il y a|just now|moments ago""",
    ),
    Family(
        "vehicle",
        "tip",
        1.0,
        "vehicle",
        True,
        """car truck van suv pickup sedan minivan plate plates licence license driving
        drove honda toyota ford chevy chevrolet dodge nissan hyundai kia bmw mercedes jeep
        tesla mazda subaru volkswagen vw voiture auto char camion camionnette fourgonnette
        plaque immatriculation conduisait conduit bike bicycle velo scooter motorcycle moto
        taxi uber""",
    ),
    Family(
        "description",
        "tip",
        1.0,
        "description",
        True,
        """wearing wore hoodie jacket coat hat cap backpack jeans tattoo tattoos beard
        glasses limping limp portait manteau casquette tuque veste chandail capuche sac
        tatouage tatoue barbe lunettes boitait""",
    ),
    Family(
        "contact",
        "tip",
        1.0,
        "already reported",
        True,
        "called phoned reported appele appelle signale contacte crimestoppers 911",
        """tip line|crime stoppers|called the police|called 911|called it in|info crime|
        ligne info|j ai appele|jai appele|j ai signale""",
    ),
    Family(
        "first person",
        "first person",
        1.0,
        "first person",
        False,
        "i im ive me my we our us je j jai moi mon ma mes nous",
    ),
    # -- question ----------------------------------------------------------------------
    Family(
        "asks",
        "asks",
        1.0,
        "asks",
        False,
        """who what where when why how which whats wheres hows whos is are was were did does
        do can could should would has have any anyone anybody will qui quoi ou quand
        pourquoi comment combien quel quelle quels quelles est y as avez peut peux
        pourrait sait savez""",
    ),
    Family(
        "news request",
        "question",
        2.0,
        "asks for news",
        False,
        "",
        """any update|any updates|any news|any word|anything new|any info|any leads|
        any luck|still missing|still at large|still out there|still looking|been found|
        been caught|been arrested|been located|is he still|is she still|des nouvelles|
        du nouveau|toujours disparu|toujours disparue|toujours recherche|
        toujours en fuite|a ete retrouve|a ete retrouvee|a ete arrete|est ce qu|
        est ce que|update please|update pls|what happened|qu est ce|savez vous|
        do you know|does anyone know|anyone know|why is|why are|why did|how can|how do|
        what is|where is|where was|when was|who is|how old|how tall|is this|is that|
        was he|was she|did he|did she|did they|has he|has she""",
    ),
    # -- support -----------------------------------------------------------------------
    Family(
        "sharing",
        "support",
        2.0,
        "sharing",
        True,
        """shared sharing share rt retweeted retweeting retweet reposted reposting boosted
        boosting partage partagee partager partagez partages repartage diffuse diffusez
        diffuser""",
        "spread the word|passez le mot|faites circuler",
    ),
    Family(
        "wishes",
        "support",
        2.0,
        "support",
        True,
        """praying prayers prie prions prieres thanks thank merci bravo kudos courage
        pensees""",
        """bring her home|bring him home|bring them home|come home|home safe|safe return|
        found safe|stay safe|hope they|hope you|hope she|hope he|hope this|hope it|
        j espere|jespere|on espere|god bless|bonne chance|good luck|thoughts with|
        thoughts and prayers|great work|good job|well done|keep up|bon travail|
        beau travail|reviens|rentre a la maison|thank you|hang in there""",
    ),
    Family(
        "sympathy",
        "support",
        1.0,
        "support",
        True,
        """hope hoping hopefully safe safely pray prayer found retrouvee retrouve
        retrouver thx ty tysm sad heartbreaking heartbroken awful terrible horrible scary
        omg poor family thoughts triste pauvre famille amen support soutien love bless
        help helping aider catch caught attrape arreter arrete espere espoir""",
    ),
    # -- spam --------------------------------------------------------------------------
    Family(
        "promotion",
        "spam",
        2.0,
        "promotion",
        True,
        """giveaway giveaways crypto bitcoin btc ethereum nft nfts forex invest investing
        investment investments trading profit profits earn earning earnings income
        cashapp paypal venmo promo promotion discount coupon onlyfans porn xxx nudes nude
        casino betting loan loans viagra fancam fancams followback f4f follow4follow
        gratuit gratuitement concours abonnez rabais""",
        """follow me|follow back|check out my|check my|link in bio|in my bio|dm me for|
        dm for|click here|click the link|sign up|free money|win a|make money|
        work from home|hot singles|suivez moi|lien dans|cliquez ici|clique ici|
        gagner de l argent|argent facile|code promo|stream now|vote for""",
    ),
    Family(
        "promotion words",
        "spam",
        1.0,
        "promotion",
        False,
        """follow followers subscribe free win winner prize click bio dm deal sale stream
        streaming vote voting bts army blackpink kpop stan stans exo twice jungkook jimin
        taehyung suga jhope namjoon seokjin abonne abonnes""",
    ),
    # -- abuse -------------------------------------------------------------------------
    Family(
        "insult",
        "abuse",
        2.0,
        "insult",
        True,
        """idiot idiots moron morons stupid dumb dumbass useless incompetent incompetence
        pathetic clown clowns pig pigs piggies oink scum scumbag scumbags trash garbage
        bastard bastards asshole assholes arsehole jackass loser losers corrupt fascist
        fascists nazi nazis gestapo thug thugs liar liars hypocrite hypocrites disgrace
        dickhead prick twat bitch bitches cunt retard retarded con cons connard connards
        connasse conne salaud salauds salope pute putes batard batards encule encules
        abruti abrutis cretin cretins debile debiles imbecile imbeciles incompetents
        incompetente nuls inutile inutiles pourri pourris vendus cochon cochons porc porcs
        bouffon bouffons minable minables lache laches menteur menteurs menteuse""",
        """do your job|do your jobs|fais ta job|faites votre job|faites votre travail|
        honte a vous|shame on you|police de merde|flics de merde|donut eating|
        useless cops|bande de""",
    ),
    Family(
        "profanity",
        "abuse",
        1.0,
        "profanity",
        False,
        """fuck fucking fucked fuckin fucken fck fk fuk fkn fking fckin effing shit shitty
        sht bullshit crap damn wtf wth ffs merde marde putain ptn tabarnak tabarnac
        tabarnaque calisse caliss calice crisse criss osti ostie hostie esti sacrament
        ciboire chier""",
    ),
    Family(
        "threat",
        "abuse",
        3.0,
        "abuse",
        True,
        "acab 1312 kys stfu fdp ntm nique niquer niquez",
        """fuck you|fuck u|fuck off|fuck the police|fuck the cops|f the police|
        fuck cops|fuck police|kill yourself|go die|hope you die|shut up|ta gueule|
        ta yeule|va te faire foutre|allez vous faire foutre|mange de la marde|
        mange d la marde|mange la marde|va chier|allez chier|fils de pute|
        nique la police|mort aux flics|burn in hell""",
    ),
    Family(
        "target",
        "target",
        1.0,
        "aimed at",
        False,
        """you u ur your youre yall cops cop police officers officer flics flic keufs keuf
        policiers policier vous tu toi te vos votre spvm rcmp grc tps nypd opp sq""",
        "y all|you guys|vous autres",
    ),
    Family(
        "suspect",
        "suspect",
        1.0,
        "about the suspect",
        False,
        """him he his guy man dude suspect monster creep pervert perv predator animal pedo
        pedophile sicko lui il gars type homme monstre predateur pedophile""",
    ),
)

# Emoji that carry support (hearts, hands, tears); any other emoji-only reply is noise.
SUPPORT_EMOJI = "🙏❤♥💙💚💛🧡💜🤍🖤💕💖💗💔😢😭🥺😔🤞👍👏💪🚨📢🔁♻"

# Frequent words (space-separated) that are left out of the near-duplicate sketch and
# never taken for a typo of a cue word.
COMMON_WORDS = """a an the and or but if of to in on at by for from with as is are was were be
been being it its this that these those there here he she they we you i me my him her his
their our your them us not no yes so just very too also than then now only all any some
what who when where why how do does did have has had will would can could should may might
le la les un une des du de et ou mais donc car ni que qui quoi dans sur sous pour par avec
sans il elle ils elles on nous vous je tu me te se ce cet cette ces son sa ses leur leurs
mon ma mes ton ta tes est sont etait ete etre avoir ai as a avons avez ont pas ne plus tres
aussi bien tout tous toute toutes y en lui eux moi toi
posted potted sotted spotter hated hater seated sated seeds stoked stored stores
noted notice notices voted votes boated coated dated later water cater"""

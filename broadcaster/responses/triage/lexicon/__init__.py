"""The cue lexicon of reply triage, in English and French.

Everything here is written in the form `triage.classify` matches against: casefolded, accents
stripped, apostrophes and punctuation turned into spaces ("j'ai vu" is "j ai vu",
"that's him" is "that s him"). A cue is a single word or a phrase of words; each belongs to
a family, and each family gives weight to one label and names the reason an officer sees.

Families: (name, label, weight, reason prefix, typo-tolerant?, words, phrases). `label` is
one of the five labels or a modifier ("first person", "target", "asks") that
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
        # The words around a sighting verb ("I saw him", "je l'ai vu") are quoted in
        # triage.py; phrases here are the ones that say more than the verb.
        """i think i saw|pretty sure i saw|just passed|passed him|passed her|ran into him|
        ran into her|bumped into|je viens de le croiser|je viens de la croiser|
        viens de le voir|viens de la voir""",
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
        vu sur|vu a la tele|vu aux nouvelles|saw it on|seen it on|saw on the news|
        on sight|a vue|en vue|point de vue|
        saw the news|seen the news|saw the alert|seen the alert|saw the story|saw your post|
        saw the video|seen the video|saw the article|vu la nouvelle|vu les nouvelles|
        croise les doigts|croisons les doigts|
        vu l alerte|vu passer l alerte|vu passer la nouvelle|vu la publication|
        vu votre publication|vu le post|vu la video|vu l article|vu le reportage|
        if seen|if you see|if anyone sees|dm if|si vous le voyez|si vous la voyez|
        si vous le voyez|is that you guys|is that you|was that you|c est vous autres|
        c etait vous|is that the police|c est la police|saw the boats|seen the boats|
        saw the searchers|saw the helicopter|vu les bateaux|
        vu l helico|vu les secouristes|vu les sauveteurs""",
    ),
    Family(
        "weak sighting",
        "tip",
        1.0,
        "sighting verb",
        False,
        "see sees seeing watched watching observed vois voit voyais voyait observe",
    ),
    Family(
        "presence",
        "tip",
        2.0,
        "whereabouts",
        False,
        """hiding hides hid stashed crashes crashing cache cachait dormait sleeping wandering
        marchait errait regular lives living stays staying sleeps hangs habite habitait travaille
        travaillait works""",
        # "he's at", "elle est au"... are matched by one pattern in triage.py.
        """right now|as we speak|
        en ce moment|worked with|working at|worked at|comes into|
        comes in|goes to|parks it|parks on|parked on|parked at|regular at|every morning|
        every night|every day|every friday|every saturday|every sunday|every weekend|
        reste a|reste au|reste sur|reste chez|traine a|traine au|traine souvent|
        vient au|vient a|vient chez|stationne sur|stationne au|stationnee sur|
        tous les matins|tous les soirs|tous les jours|tous les samedis|
        tous les vendredis|tous les dimanches|chaque matin|chaque soir|fait ses courses|
        i work at""",
    ),
    Family(
        "movement",
        "tip",
        2.0,
        "direction of travel",
        False,
        """heading headed fled fleeing northbound southbound eastbound westbound speeding
        enfui enfuie enfuis fuyait""",
        """took off|drove off|ran off|ran up|ran down|ran toward|ran towards|ran into the|
        went north|went south|went east|went west|going north|going south|going east|
        going west|walking north|walking south|walking east|walking west|
        driving north|driving south|driving east|driving west|north on|south on|east on|
        west on|toward the|towards the|parti vers|partie vers|partis vers|est parti|
        est partie|sont partis|partie direction|parti direction|direction sud|
        direction nord|direction est|direction ouest|vers le nord|vers le sud|
        vers l est|vers l ouest|en direction|s est enfui|s est enfuie|se dirigeait|
        a pied|on foot|monte vers|montee vers|left in|left on|partis dans|parti dans|
        est monte|est montee|est descendu|est descendue|got on the|got off the|got off at""",
    ),
    Family(
        "witness",
        "tip",
        2.0,
        "witness",
        False,
        "dashcam footage camera cam video filme filmee gunshots",
        # "I was at", "j'étais sur"... are matched by one pattern in triage.py.
        """camera caught|ring camera|doorbell camera|security camera|dash cam|
        on camera|on video|took this|took a photo|took a pic|took a picture|
        have a photo|have a pic|have video|i filmed|i recorded|
        prise en photo|pris en photo|photo prise|j ai filme|j ai une photo|j ai une video|
        j ai tout sur|camera de sonnette|ma camera|heard shots|heard gunshots|
        heard someone|heard a|i heard|heard he|heard she|j ai entendu|g entendu|
        coups de feu|saw it happen|vu la scene|when it happened|
        quand c est arrive|found a|found an|found his|found some|found blood|trouve un|
        trouve une|trouve des|trouve du|broke into|broken into|kicked in|par effraction|
        defonce la|defonce le|defoncee|traces de pas|des traces de|empreintes de|footprints|
        prints in the|tracks in the""",
    ),
    Family(
        "recognition",
        "tip",
        2.0,
        "recognition",
        True,
        """recognize recognise recognized recognised recognizing recognising reconnu
        reconnue reconnais reconnait ressemble ressemblait resembles lookalike sosie""",
        """looks like|look like|looks just like|looks exactly like|same guy|same man|
        same woman|same person|meme gars|meme homme|meme femme|i know him|i know her|
        i know this|i know who|i know that guy|i know where|we know him|je le connais|
        je la connais|je connais|on le connait|my ex|mon ex|used to date|
        went to school with|used to work|allait a l ecole|mon ancien|mon ancienne|my old|
        in her class|in his class|dans sa classe|dans ma classe|au secondaire|
        in high school|plays with|joue avec|guided with him|hunted with him|
        worked with him|worked with her|chassait avec lui|travaillait avec lui|
        j ai travaille avec|he texted me|he messaged me|il m a texte|il m a ecrit|he always|
        il va toujours|
        il disait|he told me|he told us|il nous disait|bail out spot|somebody check there|
        check there first|allez voir la|paye en liquide|paid cash|payed cash""",
    ),
    Family(
        "relation",
        "tip",
        2.0,
        "recognition",
        True,
        # Someone the writer knows or someone close to the wanted person: it anchors a
        # tip, unless the reply sends love, thanks or shares ("thinking of my coworkers
        # tonight ❤️", "sharing, my son is a guard there"; see triage.classify).
        """neighbour neighbor neighbours neighbors voisin voisine voisins voisines coworker
        coworkers colleague colleagues collegue collegues roommate roomate coloc cousin
        nephew neveu classmate""",
        """co worker|my brother|my cousin|my uncle|my son|my daughter|ma fille|mon fils|
        his gf|his girlfriend|her boyfriend|her bf|his wife|sa blonde|son chum|sa copine|
        son copain|his mom s|sa mere""",
    ),
    Family(
        "identity",
        "tip",
        3.0,
        "identity",
        False,
        "username",
        """that s him|thats him|that is him|that s her|thats her|that is her|it s him|
        it s her|c est lui|cest lui|c est elle|cest elle|c est pas lui|
        c est pas elle|cest pas lui|isn t this|isnt this|isn t that|isnt that|his name is|
        her name is|his name s|goes by|name is|
        last name|son nom|son nom c est|s appelle|sappelle|y s appelle|nom de famille|
        his insta|her insta|his handle|her handle|handle is|son compte|son insta|
        son snap|his snap|her snap|his facebook|her facebook|son facebook|plate is|
        plate was|plaque est|plaque etait""",
    ),
    Family(
        "location",
        "tip",
        1.0,
        "location",
        False,
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
        outside behind across pres devant derriere alentours platform quai bench banc
        backyard backyards stairwell stairs escalier escaliers shoulder accotement exit
        sortie ramp bretelle laundromat diner gym skatepark trailer block concession
        stationnement carrefour centre plaza leclerc carrefour auchan lidl couche tard
        macs diner""",
        """in front of|across from|across the street|corner of|au coin|coin de|a cote de|
        a cote du|next to|down the street|around the corner|pas loin de|proche de|
        tim hortons|couche tard|centre ville|shopping centre|shopping center|
        centre commercial|bus stop|arret de bus|gas station|station service|
        canadian tire|cours arriere|cage d escalier|off hwy|off the""",
    ),
    Family("place", "tip", 1.0, "place", False, ""),  # a capitalised name after "on", "rue"...
    Family(
        "time",
        "tip",
        1.0,
        "time",
        False,
        """tonight tonite 2nite today yesterday yday morning afternoon evening ago earlier
        minutes mins min hour hours hrs hier matin soir soiree nuit minuit midi tantot
        aujourd monday tuesday wednesday thursday friday saturday sunday lundi mardi
        mercredi jeudi vendredi samedi dimanche mondays fridays saturdays sundays lundis
        vendredis samedis dimanches""",
        """last night|this morning|this afternoon|this evening|ce matin|cet apres midi|
        hier soir|hier matin|cette nuit|a l instant|il y a|just now|moments ago|
        last week|this week|la semaine passee|la semaine derniere|cette semaine|y a|ya""",
    ),
    Family(
        "vehicle",
        "tip",
        1.0,
        "vehicle",
        False,
        """kayak kayaks canoe canot canots pagaie paddle pfd dinghy zodiac
        car truck van suv pickup sedan minivan driving drove honda toyota ford chevy
        chevrolet dodge nissan hyundai kia bmw mercedes jeep tesla mazda subaru volkswagen
        vw civic corolla camry accord ram silverado f150 clio golf jetta voiture auto char
        chars camion camionnette fourgonnette conduisait conduit roulait bike bicycle velo
        bmx scooter trottinette motorcycle moto taxi uber windshield pare brise bumper
        atv quad vtt motoneige snowmobile skidoo""",
        # A search on the water: the boat and what floats off it are its vehicle.
        """pick up|pare chocs|pare brise|4 roues|quatre roues|dry bag|dry bags|sac etanche|
        sacs etanches|spray skirt|life jacket|gilet de sauvetage""",
    ),
    Family(
        "plate",
        "tip",
        2.0,
        "licence plate",
        False,
        "plate plates licence license plaque immatriculation",
    ),
    Family(
        "description",
        "tip",
        1.0,
        "description",
        False,
        """wearing wore hoodie jacket coat hat cap backpack jeans tattoo tattoos beard
        glasses limping limp portait manteau casquette tuque veste chandail capuche sac
        tatouage tatoue barbe lunettes boitait puffer doudoune jersey crying pleurait
        scar cicatrice bald chauve tall grand slippers pantoufles cane canne moustache""",
    ),
    Family(
        "contact",
        "tip",
        1.0,
        "already reported",
        False,
        "called phoned reported appele contacte crimestoppers 911",
        """tip line|crime stoppers|called the police|called 911|called it in|info crime|
        ligne info|j ai appele|jai appele|j ai signale|i ll send|ill send|i can send|
        je peux envoyer|je l apporte au commissariat|je l apporte a la police|
        au commissariat demain|
        i ll bring it to the station|i ll bring it in|je peux la faire parler|
        je peux le faire parler|she can talk to the police|he can talk to the police|
        screenshot s with|capture est avec""",
    ),
    Family(
        "first person",
        "first person",
        1.0,
        "first person",
        False,
        "i im ive me my we our us je j jai moi mon ma mes nous g",
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
        "reward recompense anonymously anonymement anonyme",
        """any update|any updates|any news|any word|anything new|any info|any leads|
        any luck|still missing|still at large|still out there|still looking|been found|
        been caught|been arrested|been located|is he still|is she still|des nouvelles|
        du nouveau|toujours disparu|toujours disparue|toujours recherche|
        toujours en fuite|a ete retrouve|a ete retrouvee|a ete arrete|est ce qu|
        est ce que|update please|update pls|what happened|qu est ce|savez vous|
        do you know|does anyone know|anyone know|
        how old|how tall|
        which number|what number|
        quel numero|a t il|a t elle|
        y a t il|dumb question|stupid question|silly question|question bete|question idiote|
        question stupide|what is this|what s going on|what is going on|what was that|
        c est quoi ca|c est quoi cette alerte|qu est ce qui se passe|why did my phone|c est safe|
        is it safe to|safe to walk|les enfants peuvent|can the kids|
        c est le meme gars|is it the same guy|same guy as|ca compte|does that count|
        or is that sorted|do you still need|vous avez encore besoin|sign up to help|
        ou s inscrire|how do i sign up|comment s inscrire""",
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
        "spread the word|passez le mot|faites circuler|group chat|groupe facebook",
    ),
    Family(
        "wishes",
        "support",
        2.0,
        "support",
        True,
        """praying prayers prie prions prieres thanks thank merci bravo kudos courage
        pensees hope""",
        """bring her home|bring him home|bring them home|come home|home safe|safe return|
        found safe|stay safe|j espere|jespere|on espere|god bless|bonne chance|good luck|
        thoughts with|
        thoughts and prayers|great work|good job|well done|keep up|bon travail|
        beau travail|reviens|rentre a la maison|thank you|hang in there|be careful|
        soyez prudents|soyez prudentes|keep your eyes|eyes open|eyes peeled|keeping an eye|
        on ouvre les yeux|ouvrez les yeux|on croise les doigts|croise les doigts|
        croisons les doigts|fingers crossed|saved a life|saved his life|saved her life|
        sauve une vie|sauve la vie|out of respect|par respect|take care of each other|
        prenez soin les uns des autres|prenez soin de vous autres|pour la paix|for peace|
        on va chanter pour|on va prier pour|pray for peace|for anyone searching|
        pour ceux qui cherchent|pour les chercheurs|pour les benevoles|for the searchers|
        for the volunteers|only trust|fiez vous seulement|pinned the official|
        deleting rumours|deleting rumors|on efface les rumeurs|
        on the lookout|ouvrir l oeil|ouvrez l oeil|ouvre l oeil|anything the search needs|
        anything the family needs|anything you need|bringing coffee|bringing food|
        apporte du cafe|pour les recherches|for the search|stay strong|restez forts|
        restez fortes|lache pas|lachez pas|is with you|are with you|est avec vous|
        sommes avec vous|porch lights on|porch light on|
        lights on for|leave your lights on|laissez vos lumieres|lumieres allumees|
        lumiere allumee|laisse la lumiere|left the light on|left the lights on|
        left the door open|laisse la porte ouverte|
        force a toi|force a eux|force a vous|force a la famille|force aux|beaucoup de force|
        plein de force|sending strength|sending love|sending hugs|
        si tu lis ca|si tu vois ca|if you re reading this|if you read this|if you see this|
        on t attend|on t aime|tu nous manques|we re waiting for you|we love you|
        we miss you|we re all waiting for you|on t attend tous|reviens vite|on pense a vous|
        on pense a toi|on pense a eux|thinking of you|thinking of them|we re with you|
        heart goes out|hearts go out|de tout coeur avec|mes pensees vont|nos pensees vont|
        on est avec vous|on est avec toi|merci pour tous vos messages|merci pour vos messages|
        thanks for all your messages|
        thank you for all the messages|merci a tous ceux qui partagent|
        thanks to everyone sharing|thanks to all who shared|prenez soin de vous|
        take care of yourselves|we re all here for you|on est tous la pour|godspeed""",
    ),
    Family(
        "search",
        "support",
        2.0,
        "joins the search",
        False,
        # The writer and others out looking: what the search does, not what was seen (a
        # direction in it is the searchers' own, relevance.weigh).
        "benevoles volunteers",
        """on cherche|on le cherche|on la cherche|on continue|on continue de chercher|
        on est plusieurs|on est un groupe|we re a group|we are a group|no sign yet|
        still no sign|on part a|on part du|on part de|on tourne|on ratisse|
        on fait le tour|avec des lampes|avec des frontales|with flashlights|with torches|
        out searching|still searching|we re searching|we are searching|we re out looking|
        joining the search|join the search|joining the 9am|joining the morning|
        on rejoint les recherches|on se joint aux recherches|toujours dehors|still out here|
        lache rien|lachez rien|on lache rien|protection civile|pour les benevoles|
        aux benevoles|for the volunteers|for volunteers|with headlamps|we ll keep going|
        we will keep going|keep searching|are out on the|is out on the|happy to walk|
        happy to help search|if they need bodies|if they need hands|
        if you need hands|need more hands|si vous avez besoin de bras|
        s ils ont besoin de monde|besoin de bras|join the line search|line search|
        is staging at|staging at the|for the shore teams|pour les equipes de recherche|
        to help search|pour aider a chercher|on organise des repas|meal train|
        for searchers|pour les chercheurs|pour les secouristes|pour les sauveteurs""",
    ),
    Family(
        "sympathy",
        "support",
        1.0,
        "support",
        False,
        """hoping hopefully safe safely pray prayer found retrouvee retrouve
        retrouver thx ty tysm sad heartbreaking heartbroken awful terrible horrible scary
        omg poor thoughts triste pauvre amen support soutien love bless help helping
        aider catch caught attrape arreter arrete espere espoir nice content vigil vigils
        veillee""",
    ),
    # -- spam --------------------------------------------------------------------------
    Family(
        "promotion",
        "spam",
        2.0,
        "promotion",
        False,
        """giveaway giveaways crypto bitcoin btc ethereum nft nfts forex invest investing
        investment investments trading profit profits earn earning earnings income
        cashapp paypal venmo promo promotion discount coupon onlyfans porn xxx nudes nude
        casino betting loan loans viagra fancam fancams followback f4f follow4follow
        gratuit gratuitement concours abonnez rabais cbd gummies jujubes keto minceur
        warranty newsletter substack subscribe comeback streamez stream obo negociable
        commissions celibataires singles airdrop defi 100x tarot voyance
        clairvoyant horoscope""",
        """follow me|follow back|check out my|check my|link in bio|in my bio|dm me for|
        dm for|click here|click the link|sign up|free money|win a|make money|
        work from home|working from home|hot singles|suivez moi|lien dans|lien en bio|
        cliquez ici|clique ici|gagner de l argent|argent facile|code promo|stream now|
        vote for|out now|happy birthday|joyeux anniversaire|free shipping|
        livraison gratuite|one trick|cette astuce|doctors hate|medecins detestent|
        reply yes|verify here|verifiez ici|account has been|compte a ete|blue tick|
        badge bleu|get verified|real followers|vrais abonnes|je te suis en retour|
        abonne toi|abonnez vous|mon nouveau son|
        my new song|dot com|dot io|point com|point fr|copy and paste|copiez collez|
        copy paste|share to|partagez a|bad luck|malchance|like if|rt if|like si|rt si|
        ignore if|ignore si|most of you|la plupart d entre vous|to the moon|for sale|
        a vendre|selling my|je vends|off code|avec le code|with code|my page|ma page|
        mon epingle|my pinned|ask me how|demande moi comment|this weekend only|
        weekend only|today only|limited time|offre limitee|ce week end seulement|
        book your reading|book a reading|reading with me|my reading says|prenez rendez vous|
        banking details|bank details|coordonnees bancaires|vos coordonnees bancaires|
        consultation gratuite|free consultation|free reading|lecture gratuite|tirage gratuit|
        psychic medium|medium depuis|voyante depuis|rdv en mp|rendez vous en mp|ecrivez moi en mp|
        dm to book|dm for booking|
        follow train|tu me follow|je te follow|reiki session|seance de reiki|distance reiki|
        reiki a distance|distance healing|
        soin a distance|soin energetique|send me his birth date|send me her birth date|
        envoyez moi sa date de naissance""",
    ),
    Family(
        "self-promotion",
        "spam",
        3.0,
        "self-promotion",
        False,
        # A creator selling attention: the writer's own channel, stream, episode or next
        # part. Strong enough that it is never a tip ("I walked the trail at 6 am, full
        # video on my channel" shows a place and a time to sell a video); a witness who
        # filmed something says what the video shows, not where to watch it.
        """livestream livestreaming podcast balado patreon sleuths sleuthing shadowbanned
        reuploaded reupload reuploading notifs""",
        """my channel|ma chaine|my video|ma video|my videos|mes videos|my stream|on stream|
        my live|mon live|en live|live now|going live|we re live|i m live|en direct maintenant|
        je suis en direct|on est en direct|en direct ce soir|full breakdown|full video on|
        full theory|full rant|full expose|full walk through|full analysis|deep dive|
        video in bio|theory video|video en bio|dans ma bio|turn on notifs|
        turn on notifications|turn on post notifications|activez les notifications|
        follow for|suivez moi pour|abonnez vous pour|part 2|part two|part 3|partie 2|
        my new video|my latest video|my last video|new video explains|new video out|
        nouvelle video|my latest post|
        likes and i ll|j aime et je|reposting|re uploaded|got taken down|video got removed|
        video was removed|post got removed|video got flagged|a ete supprimee|a ete retiree|
        video drops|ep drops|
        episode drops|new episode|nouvel episode|out now on|like and share|likez|
        help me reach|aidez moi a atteindre|true crime|video complete|analyse complete|
        je vous dis tout|je vous montre ca|video ce soir|video coming|video explaining|
        video explains|for my channel|pour ma chaine|ma serie|my series|made a whole video|
        fait une video|j ai monte une video|i made a video|mis dans ma video|
        before it gets taken down|before it s taken down|avant qu ils l enlevent|
        you won t believe|won t believe what|vous allez pas croire|vous ne croirez pas|
        ai enhanced|enhanced with ai|enhanced it with ai|avec l ia|a l ia|leaked footage|
        leaked audio|leaked scanner|exclusive footage|images exclusives|video choc|
        videos choc|images choc|photos choc|video choquante|images choquantes|
        shocking video|shocking footage""",
    ),
    Family(
        "promotion words",
        "spam",
        1.0,
        "promotion",
        False,
        """follow followers subscribe free win winner prize click bio dm deal sale
        streaming vote voting bts army blackpink kpop stan stans exo twice jungkook jimin
        taehyung suga jhope namjoon seokjin abonne abonnes abonnez gagner gagne selling sell
        vends vendre tickets billets shipping livraison price prix credit twitch youtube
        youtu soundcloud spotify tiktok live commandes idol bias fandom lbs kilos
        verification suspension flagged""",
    ),
    Family(
        "chain letter",
        "spam",
        2.0,
        "chain letter",
        False,
        "",
        # A rumour passed on with a call to pass it on: what people who saw something
        # do not write ("copy and paste" is a promotion phrase above).
        """before they delete|before it gets deleted|before it s deleted|before they take it down|
        before this gets deleted|won t tell you|wont tell you|will not tell you|
        don t want you to know|dont want you to know|police are hiding|police is hiding|
        cops are hiding|they are hiding it|they re hiding it|don t just share|dont just share|
        do not just share|spread this everywhere|send this to everyone|
        avant qu ils suppriment|avant qu ils effacent|avant que ce soit supprime|
        vous le dira pas|vous le diront pas|vous le dit pas|veulent pas que vous sachiez|
        veut pas que vous sachiez|la police le cache|la police la cache|la police les cache|
        1 like 1 prayer|1 share 1 prayer|1 like 1 priere|1 partage 1 priere|
        if you scroll past|si tu scroll|si vous passez sans|ignore you don t care|
        ils le cachent|ils la cachent|ne partagez pas|partagez partout""",
    ),
    Family(
        "link bait",
        "spam",
        2.0,
        "link bait",
        False,
        "",
        # "Here", "ici": pointing at a link ("release the full video?" asks for one).
        """video here|vid here|watch here|watch it here|video ici|videos ici|see it here|
        see them here|see here|voir ici|voyez ici|regardez ici|donate here|
        faites un don ici|dons ici|la video que la police cache|what the police are hiding|
        what they re hiding|
        vraiment filme|really filmed|la video de l interpellation|video of the arrest|
        video de l arrestation|footage of the arrest""",
    ),
    Family(
        "elsewhere",
        "spam",
        3.0,
        "about something else",
        False,
        "",
        # The writer says it is about something else, or it is a lost pet: a "seen near
        # the bridge" in it is the pet, not the person of the appeal.
        """unrelated but|not related but|off topic but|hors sujet|rien a voir mais|
        got loose|lost dog|lost cat|missing dog|missing cat|chien perdu|chat perdu|
        chien disparu|chat disparu""",
    ),
    Family(
        "errand",
        "spam",
        3.0,
        "a local errand",
        False,
        "",
        # A neighbour's own errand asked on the thread: gas, a pharmacy, a tradesman; never
        # a tip, whatever family or time it names ("my daughter is sick tonight"). Whether a
        # place is open is asked of the police too ("is the station open on Sunday?"); a
        # newcomer's shopping or a trucker's shower is not.
        """need gas|need diesel|besoin de gaz|du diesel|a du gaz|24h pharmacy|
        24 hour pharmacy|24 hr pharmacy|pharmacie ouverte|pharmacie de garde|
        good locksmith|bon serrurier|good plumber|bon plombier|good mechanic|bon garagiste|
        good electrician|bon electricien|any recommendations for|des recommandations pour|
        still does showers|do showers|des douches|liquor store|la saq|just moved here|
        vient d emmenager|viens d emmenager""",
    ),
    Family(
        "off-topic",
        "spam",
        1.0,
        "off-topic",
        False,
        "first premier ratio flop sheesh lmao lmfao mdr ptdr lol wsh nobody",
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
        bouffon bouffons minable minables laches menteur menteurs menteuse dechet
        dechets ugly moche scammers scammer fraudeurs fraudeur disgusting degueulasse
        demeure attarde epais mongol geniuses genies joke farce caves tare tares tarees
        incapable incapables psycho psychos psychopath psychopathe egoiste egoistes
        guignol guignols ordure ordures raclure raclures frouze frouzes""",
        """do your job|do your jobs|fais ta job|faites votre job|faites votre travail|
        honte a vous|shame on you|police de merde|flics de merde|donut eating|
        useless cops|bande de|piece of shit|piece of sht|good riddance|bon debarras|
        bien fait pour|had it coming|asked for it|deserved it|cherchait le trouble|
        looking for trouble|her fault|his fault|your fault|their fault|ta faute|sa faute|
        leur faute|be ashamed|as pas honte|t as pas honte|those people|ces gens la|
        send them back|retournez chez|gang de|servez a rien|sert a rien|servent a rien|
        good for nothing|bons a rien|c est une folle|une mere indigne|des parents indignes|
        j aurais honte|aurais honte|bras casses|des bras casses|should be charged|
        shouldn t have kids|should not have kids|est une irresponsable|
        sont des irresponsables|des vidanges|
        quel lache|espece de lache|bande de laches|quel dechet|quelle ordure|quel minable|
        quel salaud|what a loser|what a scumbag|what a disgrace|
        servez a quoi|servent a quoi|what are you even for|what good are you|
        what do we pay you for|a part les pv|a part les amendes|a part les radars|
        only good for tickets|only good at writing tickets|trop occupes a|trop occupes pour|
        too busy writing tickets|too busy giving tickets|larmes de crocodile|
        crocodile tears|pleure sur twitter|pleurent sur twitter|crying on twitter|
        renvoyez les|renvoyez le chez|go back where you came from|
        go back to your country|tant pis pour lui|tant pis pour elle|avait qu a pas|
        serves him right|serves her right|junkie|junkies|is a dump|nonos|traitors|traitres|
        should be fired|should all be fired|devraient etre renvoyes|devraient etre congedies|
        honte a eux|honte a elle|honte a lui|shame on them|shame on her|shame on him|
        deserve what they get|deserves what he gets|meritent ce qui leur arrive|
        merite ce qui lui arrive|qui fait rien|font rien|couldn t find their own|
        diversity hire|diversity hires|diversity guards|arretez de faire peur|fear mongering|
        fearmongering|alerte pour rien|another alert for nothing|cops deserve it|
        asking us to do their job|and did nothing|police did nothing|cops did nothing|
        police do nothing|cops do nothing|too busy fining|too busy handing out|
        too busy ticketing|too busy eating|can t even keep track|pas foutus de|pas foutu de|
        meme pas capables|nature taking its course|nature is taking its course|
        la nature fait son oeuvre|stop wasting money|waste of taxpayer money|
        l argent du contribuable|
        one less|un de moins|une de moins|on s en fout|on s en calisse|
        imagine getting shot|imagine getting stabbed|imagine getting killed|
        imagine te faire tirer|imagine se faire tirer|finest right there|
        faites pas les surpris|faites pas semblant|acts surprised|act surprised|
        acting surprised|don t act surprised|spare us|epargnez nous|allez donc chier|
        va donc chier|vous etes ridicules|t es ridicule|you re ridiculous|you are ridiculous|
        vous etes pathetiques|couldn t find a|could not find a|pourraient pas trouver|
        seraient pas capables de trouver|waking up a whole province|waking up the whole|
        wake up the whole province|reveillez toute la province|reveiller toute la province|
        her drama|his drama|son drame a elle|fight her own battles|fight his own battles|
        not surprised one bit|pas surpris pantoute|parents like these|parents like that|
        des parents de meme|the frenchies|stay on their side|stayed on their side|
        restent de leur bord|reste de leur bord|rester de leur bord|sale rat|ces rats|de ces rats|
        ce rat|les poulets|des pas bons|quel cave|
        darwin award|weekend cowboys|playing dress up|the donuts|rescue my ass|
        font des selfies|fait des selfies|une vraie vipere|some partner|some expert|
        this genius|glad he s gone|toujours les derniers|son quart d heure|
        les belges savent|les francais savent|evidemment que c est un francais|
        evidemment que c est un belge|passent la frontiere pour|bravo les genies|
        bravo les champions|well done geniuses|good job geniuses|
        nice job geniuses|bravo les cracks""",
    ),
    Family(
        "accusation",
        "abuse",
        3.0,
        "accusation",
        False,
        "",
        # Pointing the finger at a relative, a witness or the police with nothing seen:
        # what sleuth accounts post about a family ("the brother knows more than he
        # says"); an officer files it with harassment, not with tips.
        """knows more than they|knows more than he|knows more than she|
        en sait plus que ce qu|en sait plus qu il|en sait plus qu elle|cache quelque chose|
        is hiding something|are hiding something|story has holes|son histoire a des trous|
        was in on it|were in on it|etait dans le coup|let him go for money|
        should be ashamed|devrait avoir honte|devraient avoir honte|negligent parents|
        parents negligents|known lowlife|couldn t catch a cold|a fait n importe quoi|
        ont fait n importe quoi|leur nullite|show everyone his house|
        vous l avez abandonne|vous l avez abandonnee|vous les avez abandonnes|
        vous l avez laisse tomber|you abandoned him|you abandoned her|you dumped him|
        you dumped her|assumez maintenant|assumez vos actes|own it now|
        show everyone her house|montrer sa maison|montrer leur maison|c est de la negligence|
        de la pure negligence|just as guilty|aussi coupable que|shady family|
        savent exactement ou|probably know exactly where|
        what kind of mother|what kind of father|what kind of parent|what kind of parents|
        quel genre de mere|quel genre de pere|quelle sorte de mere|quelle sorte de pere|
        nobody in this story is innocent|personne est innocent dans|the real criminal|
        the real villain|le vrai criminel|la vraie criminelle|encore une mere qui|
        encore un pere qui|another mother who|another mom who|monte le juge contre|
        turned the judge against|where was she when|where was he when|where were the parents|
        ou elle etait quand|ou il etait quand|ou etaient les parents|
        c est la mere qui a commence|c est elle qui a commence|she started it|
        she probably started it|frappe en premier|hit him first|hit her first|
        always picked the worst|away from that woman|away from that man|
        loin de cette femme|loin de cet homme|like we don t all know|
        we all know what he was|on sait tous ce qu il|savait qu il trainait|
        du monde louche""",
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
        "threat",
        False,
        """acab 1312 kys stfu fdp ntm nique niquer niquez snitches balances lynch lyncher
        pendez vigilante dox doxx""",
        """fuck you|fuck u|fuck off|fuck the police|fuck the cops|f the police|
        fuck cops|fuck police|kill yourself|go die|hope you die|shut up|ta gueule|
        ta yeule|va te faire foutre|allez vous faire foutre|mange de la marde|
        mange d la marde|mange la marde|va chier|allez chier|fils de pute|
        nique la police|mort aux flics|burn in hell|someone should|somebody should|
        we should find|quelqu un devrait|on devrait le|hang him|hang her|string him up|
        pendre|le pendre|shoot him|shoots him|shoot her|shot on sight|tirer dessus|
        kill him|kill her|le tuer|la tuer|beat him|beat her|break his|break her|
        casser la gueule|casser les|burn their|burn his|burn her|burn it down|brulez|
        bruler leur|teach him a lesson|pay him a visit|pay her a visit|pay them a visit|
        rendre visite|
        handle it ourselves|handle this ourselves|take care of him ourselves|
        justice ourselves|justice nous memes|nous memes|ourselves|s occuper de lui|
        on s en occupe|regler son compte|regler ca|he s dead|
        dead man|il est mort|watch your back|fais attention a toi|
        be waiting for her|be waiting for him|be waiting for them|on va l attendre|
        on va les attendre|
        let us handle it|let us handle this|we ll handle it|we will handle it|with bats|
        avec des bats|avec des batons|kicking in doors|kick in doors|defoncer des portes|
        do what you want with it|faites en ce que vous voulez|
        i know where you live|we know where you live|i know where you|je sais ou tu|
        on sait ou tu|we know who you|on sait qui t es|post his address|
        post her address|post their address|poster son adresse|your address|ur address|
        ton adresse|should die|deserves to die|merite de mourir|no trial|six feet under|
        six pieds sous terre|give us his name|give us the name|tell us his name|
        donnez nous son nom|donnez nous le nom|dites nous son nom|
        pas besoin de proces|me and the boys are|moi pis les gars on|avec les gars|
        if you don t get him first|if you don t find him first|before the cops do|
        going over tonight|going over there|on y va ce soir|on va s en occuper|
        s en occuper nous autres|ouvrez la chasse|open season|with my 30 06|
        avec mon 30 06|with my rifle|avec ma carabine|if the cops can t|
        si la police est pas capable|
        qu il creve|qu elle creve|qu a crever|
        let him rot|hope he dies|hope she dies|hope he freezes|hope she freezes|
        vieux de moins|vieux en moins|vieille de moins|vieilles en moins|one less old|
        one less geezer|one less mouth|deserves what s coming|what s coming to her|
        what s coming to him|ce qui l attend|
        ca fera des economies|libere une place|frees up a bed|body bag|sac mortuaire|
        put him down|puts him down|cost of a trial|
        cout d un proces|get the chair|chaise electrique|
        burned down by|le tue moi meme|kill him myself|one less pig|one less cop|
        un flic de moins|un keuf de moins|down like a dog|abattre comme un chien|
        getting buried in the back|getting burned down|be hanging next to|all go to her house|
        all go to his house|tous devant chez|
        lui expliquer la vie|leur expliquer la vie|on va lui faire comprendre|
        on va leur faire comprendre|pour qu elle comprenne|pour qu il comprenne|
        pour qu ils comprennent|sonner chez elle|sonner chez lui|sonner chez eux|
        aller sonner chez|tous sonner chez le|tous sonner chez la|tous sonner chez elle|
        tous sonner chez lui|
        va nous entendre|vont nous entendre|sale quart d heure|
        mauvais quart d heure|on l attend devant|on les attend devant|on a son adresse|
        on a leur adresse|we have his address|we have her address|we got his address|
        we got her address|knock on her door|knock on his door|
        show up at her|show up at his|teach her a lesson|
        teach them a lesson|legs broken|casse les jambes|casser les jambes|
        on sait tous qui tu es|on sait qui tu es|je sais qui tu es|we know who you are|
        we all know who you are|i know who you are|lui dire deux mots|leur dire deux mots|
        have a word with her|have a word with him|
        give us her address|give us his address|donnez son adresse|donnez nous son adresse|
        locked and loaded|armed and waiting|finish the job|finishes the job|finished the job|
        finir le travail|finir la job|marchera plus jamais|marchera plus|won t walk again|
        on va y aller nous autres|on y va nous autres|on va aller le chercher nous autres|
        going up there tonight|heading up there tonight|on monte la ce soir|
        know what to do with him|knows what to do with him|know what to do with guys like|
        know what to do with his|knows what to do with his|savent quoi faire avec lui|
        sait quoi faire avec lui|won t be the cops who|won t be the police who|
        ce sera pas la police qui|le trouver nous autres|la trouver nous autres|
        find him ourselves|find her ourselves|merite une balle|should hang|should be hanged|
        deserves to hang|devrait etre pendu|merite la corde|merite une bale|deserves a bullet|
        better watch itself|better watch themselves|better watch out tonight|avec ma batte|
        avec une batte|avec des battes|with my bat|with a bat|with bats|
        with tyre irons|with tire irons|with crowbars|avec des barres de fer|
        no need for the cops|no need for the police|pas besoin de la police|
        pas besoin des flics|regle avant vous|sorted before you|go have a word|
        gonna have a word|going to have a word|ils vont m entendre|il va m entendre|
        elle va m entendre|ma facon de penser|que tu creves|qu il creve|
        se prendre un camion|shooting it out of|shoot it out of|hope the seals|
        qu on lui coupe""",
    ),
    Family(
        "target",
        "target",
        1.0,
        "aimed at",
        False,
        """you u ur your youre yall cops cop police officers officer flics flic keufs keuf
        policiers policier vous tu toi te vos votre spvm rcmp grc tps nypd opp sq gendarmes
        gendarme gendarmerie douaniers douanier pandores""",
        "y all|you guys|vous autres|t es",
    ),
)

# "If I see him", "si je le vois", "if I find that van driver": a witness asking what to do
# says it as often as a vigilante. It is a threat only with a violent consequence after it
# ("if I see him I'll break his legs", "si je le croise je vais le tuer"), read by
# triage.classify as CONDITION, then a few words (whoever it is), then CONSEQUENCE (each a
# regular expression over the folded words; "|" separates alternatives). A report ("I'll
# call 911", "je vais appeler") is none.
CONDITION = r"""(?:if|when|once) (?:i|we) (?:ever )?(?:see|find|catch|spot|meet|run into|
    get my hands on|get our hands on)|
    (?:si|quand|des que) (?:je|j|on) (?:le |la |les )?(?:vois|voit|trouve|croise|pogne|attrape|
    recroise|rencontre)"""
CONSEQUENCE = r"""(?:(?:i|we) (?:ll|will|m gonna|m going to|re gonna|re going to|am gonna|
    are gonna)|im gonna|ima|imma|gonna) (?:\w+ ){0,2}?(?:kill|beat|hurt|end|shoot|stab|punch|
    smash|break|destroy|murder|strangle|choke|fuck|wreck|bury|slap|knock|deck|batter|lynch|
    hang|teach|make (?:him|her|them) pay|take (?:him|her|them) out)|
    (?:he|she|they) (?:s|is|are|re|ll be|will be) (?:dead|done for|finished|not making it|
    not gonna make it)|(?:he|she|they) (?:won t|wont|will not|ll never|will never) make it|
    (?:je vais|j vais|je vas|on va|je m en vais) (?:\w+ ){0,2}?(?:tuer|frapper|casser|battre|
    defoncer|peter|planter|buter|descendre|massacrer|crever|egorger|pendre|tabasser|cogner|
    faire la peau|regler son compte|arranger le portrait)|
    (?:je|j|on) (?:le|la|les|lui|leur) (?:tue|frappe|casse|bats|defonce|pete|plante|bute|
    descends|massacre|creve|egorge|pends|tabasse|cogne|fais la peau|regle son compte)|
    (?:il|elle|ils) (?:se rendra|se rendront|arrivera|arriveront|va arriver|va se rendre) (?:pas|
    jamais)|(?:il|elle) (?:est|sera) (?:mort|morte|fini|finie)"""

# Insults that are ordinary words in the other language: "retard" is a delay in French,
# "con" and "caves" are English words ("pros and cons", "the caves"). Each counts only when
# the reply is not written in that other language (LANGUAGE_MARKERS decide).
NOT_AN_INSULT_IN = {"fr": "retard", "en": "con cons caves tare tares"}
# Words only one of the two languages uses (folded), to tell the reply's language: the one
# with more of its words; neither when they tie ("you retard" is English, "des mois de
# retard" French, "retard" alone either).
LANGUAGE_MARKERS = {
    "en": """the and of to is are was were you your he she they it this that what with for
    from not but have has will would my i im its his her him them there their who which""",
    "fr": """le la les des de du et est un une je tu il elle nous vous pas que qui avec pour
    dans sur mais ce cette au aux ou tres plus son sa ses leur mon ma mes ton ta c j l qu n
    y en ont sont etait ete aussi mois depuis encore toujours rien""",
}

# Emoji that carry support (hearts, hands, tears); any other emoji-only reply is noise.
SUPPORT_EMOJI = "🙏❤♥💙💚💛🧡🤍🖤💕💖💗💔😢😭🥺😔🤞👍👏💪🚨📢🔁♻"
# Emoji of threat: a knife or a gun in a reply about a suspect.
THREAT_EMOJI = "🔪🗡🔫🪓"
# Emoji of contempt: a clown, a middle finger, a pile of poo, vomit, said of someone.
INSULT_EMOJI = "🤡🖕💩🤮"

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

# Real words one typo away from a cue word: never read as that typo ("paying" is not
# "praying", "je crois" is not "croisé").
NOT_TYPOS = """paying payers prying penses itches biches shred shard hared haring booted booting
reposed reposing colleges resemble crise crises crois croie croisse sighed potting sotting
demure salads retarde meneur certin certins diffus"""

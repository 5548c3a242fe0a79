"""What lines of a capture look like: page chrome, names, bylines, notes, identifiers."""

import re

TERMINAL = tuple(".!?:;…\"'”’»)]")
SENTENCE_END = tuple(".!?…\"”’»")

# Bullets as text layers give them, symbol fonts' private-use glyphs ("", "") included.
BULLET = re.compile(r"^\s*(?:[•·▪◦‣●○■□►▶➢➤❖◆♦✓✔§Ø\uf0a7\uf0b7\uf076\uf0d8\uf0fc–—*+-]|\d{1,2}[.)])\s+")

# Whole lines that are page furniture wherever they stand.
CHROME_LINE = re.compile(
    r"^(?:"
    r"print|print this( page| article)?|share|share this( article| page| story)?|"
    r"share on \w+|tweet|e-?mail|email this|save|bookmark|download( pdf)?|pdf|listen|comments?|"
    r"rate this( article| page)?|\(?\s*votes?:?\s*\d+[^)]*\)?|\(?\d+ votes?\)?|rating:?\s*[\d.]+.*|"
    r"(?:read|читать)( this)?( article)?( in| на)\s+\S+|read in english|читать на русском|english|русский|"
    r"en|ru|de|fr|eng|rus|menu|search|home|back|next|previous|top|back to top|skip to (main )?content|"
    r"log ?in|sign ?in|sign ?up|register|subscribe( now)?|follow us.*|related( articles| posts| content| stories| reading)?|"
    r"more|read more|more »|read more »|continue reading|see also|tags?:?.*|topics?:?|keywords?:.*|"
    r"advertisement|sponsored|cookies?.*accept.*|accept( all)?( cookies)?|"
    r"for (business|researchers|students|journalists|media|partners)|"
    r"comments are closed|главная|новости|контакты|о нас|поиск|меню|войти|регистрация|подписаться.*|"
    r"чита(ть|йте) (также|далее|ещё|еще)|"
    r"поделиться|печать|версия для печати|комментарии|все материалы|ещё|еще|подробнее|"
    r"loading\.*|close|open|×|\||copy link|copy url|view original|open in app|view in browser|try premium.*|"
    r"as prepared(?: for delivery)?|as delivered|check against delivery|gift (?:this )?article|save article|"
    r"story continues below(?: advertisement)?|advertisement - scroll to continue|privacy notice|"

    # The same furniture in French, German, Spanish, Italian and Portuguese.
    r"(?:partager|teilen|compartir|condividi|compartilhar|partilhar)(?: (?:sur|auf|en|via|su|no|por) \S+)?|"
    r"imprimer|drucken|imprimir|stampa|copier le lien|link kopieren|copiar enlace|copia link|"
    r"commentaires?|kommentare?|comentarios?|commenti|comentários|"
    r"lire (?:aussi|la suite|plus)|weiterlesen|mehr lesen|leer más|seguir leyendo|leggi anche|leia também|"
    r"s'abonner|abonnieren|suscr[ií]bete|iscriviti|assine|newsletter|"
    r"zum inhalt springen|aller au contenu|ir al contenido|vai al contenuto|saltar al contenido"
    r")[.!:]?$",
    re.I,
)
# Pictographs a channel puts before a headline: "📌 ", "🔴 ", "⚡️ ".
PICTOGRAPHS = re.compile(r"^[^\w\s\"“«'‘(\[¿¡-]+\s*")

# A speech's forms of address and its last words, which are its text however short.
SALUTATION = re.compile(
    r"^(?:(?:sehr geehrte|meine (?:sehr )?(?:geehrten )?damen und herren|ladies and gentlemen|dear (?:colleagues|friends)|"
    r"excellenc(?:y|ies)|mesdames(?: et messieurs)?|señoras y señores|signore e signori|дамы и господа|уважаемые|"
    r"mr\.? (?:president|chairman|speaker)|madam (?:president|chair)|herr präsident|frau präsidentin)\b.{0,80}[,!:]"
    r"|(?:thank you(?: very much)?|vielen dank|herzlichen dank|merci(?: beaucoup)?|muchas gracias|grazie|спасибо)"
    r"(?: (?:for your attention|für ihre aufmerksamkeit|de votre attention|por su atención|за внимание))?[.!])$",
    re.I,
)

# A table of contents' heading, written as a heading or not.
TOC_HEADING = re.compile(r"^(?:contents|table of contents|in this article|on this page|inhalt|inhaltsverzeichnis|sommaire|"
                         r"table des matières|índice|contenido|содержание|spis treści)[.:]?$", re.I)

# Lines of page furniture recognised by what they contain.
_FURNITURE = (
    r"\bshare (this|on)\b.*\b(facebook|twitter|telegram|vk|linkedin|whatsapp|e-?mail)\b",
    r"\b(subscribe|sign up|signup)\b.*\b(newsletter|list|updates|digest|channel|mailing)\b",
    r"\b(newsletter|mailing list|distribution list)\b",
    r"^want to (know|learn|read) more\b",
    r"^join (the|our) (mailing list|newsletter|community|network)",
    r"\bjoin now\b|\bapply now\b|\bsearch now\b|\bcareer network\b|\bjob (board|openings|listings)\b|\bjobs near you\b",
    r"\bbuy (the|this) book\b|\border (your|the) copy\b|\bavailable (on|at) amazon\b",
    r"^poll( conducted)?\b|^(take|vote in) (our|the) poll",
    r"^(all rights reserved|copyright|©)|\ball rights reserved\b",
    r"\b(cookie|cookies) (policy|settings|notice)\b|\bwe use cookies\b",
    r"^(page )?(last )?(modified|updated):?\s",
    r"^related (article|articles|reading|content|stories|posts)\s*:",
    r"^(read also|see also|also read|recommended|editor'?s pick|most (read|popular))\s*:",
    r"^(photo|image|picture|illustration|credit|source of photo|фото|источник фото|иллюстрация|foto|fot\.|zdjęcie|bild|"
    r"imagen|immagine|crédit photo|crédits?)s?\s*:",
    r"^(photo(graph)?|image|picture|illustration|artwork|video)s?\s+(by|courtesy of|credit)\b.{0,80}$",
    r"\([\w.'’ -]{3,40}/(?:AP|AFP|EPA|Reuters|Getty Images|Bloomberg|TASS|Xinhua|Anadolu)\)$|"
    r"\b(flickr|getty images|shutterstock|wikimedia( commons)?|ap photo|afp photo|reuters/|/ ?reuters|tass/|/ ?tass|ria novosti/|/ ?sputnik|kremlin\.ru|pixabay|unsplash)\b",
    r"\(cc by[-\w. ]*\)|creative commons",
    r"^(?:doi|e?-?issn|isbn)\s*:?\s*\S+$",
    r"^@\w{2,30}$",  # a social-media handle beside a name
    r"^\(?\s*\d+\s*\(\d+%\)\s*\)?$",
)
# Disclaimers and republication notes, which a page may also write as an italic paragraph.
_NOTES = (
    r"^(disclaimer|the views (and opinions )?expressed|views expressed|opinions expressed)\b",
    r"\bdo(es)? not necessarily (reflect|represent)\b",
    r"\bdoes not take (?:(institutional|collective|corporate|specific) )?(?:policy )?positions\b|\bonly represent the views of\b",
    r"\bopinions expressed (?:in this [\w ]{2,20} )?are (?:the )?(?:sole )?responsibility of\b",
    r"^enjoying this (article|piece)\?|\bclick here to subscribe\b|\bsubscribe for (full )?access\b",
    r"^this (article|commentary|piece) (was|is) (originally |first )?(published|republished)\b",
    r"^(originally|first) published (in|by|at|on)\b",
    r"^(click|tap) here\b",
    r"\bviews expressed (?:here |in this \w+ )?are (?:solely )?(?:those|the author['’]s own) of the authors?\b|"
    r"\bthe views expressed (?:here |in this \w+ )?are (?:solely )?(?:those of the authors?|the authors?['’]s? own)\b",
    r"^do you have an opinion on the issues raised\b|\bour letters section\b|"
    r"^(?:die diskussion|la discussion|el debate|комментарии)\b.{0,40}\b(?:geschlossen|fermée|cerrado|закрыт)",
    r"\bi am a bot\b|\bthis action was performed automatically\b",
    # Newspapers' notes on a piece: its print edition, its section, how to follow it.
    r"^a version of this article appears in print\b|^this article appeared in the\b.{0,60}\bprint edition\b|"
    r"^follow (?:the )?[\w ]{2,40}(?:opinion|section)\b.{0,40}\b(?:on|at)\b|^understand the most important news\b|"
    r"^commenting on this\b.{0,100}\bsubscription\b|^(?:skip to [\w ]{3,20}?\s*){2,}$|^(?:published|updated|posted) \d{1,2} (?:minutes?|hours?|days?) ago$|"
    r"^(?:get|receive) (?:a different world view|our|the best)\b.{0,80}\b(?:roundup|newsletter|inbox|curated)\b|"
    r"^sign up (?:to|for) [\w ]{2,40}$|\brepresent the views of\b.{0,60}\b(?:not those of|takes no institutional)\b|"
    r"\bare produced by\b.{0,80}\b(?:private|tax-exempt|non-?profit|institution)\b",
    # A journal article's back matter.
    r"^(?:declaration of conflicting interests|conflicts? of interest|competing interests|disclosure statement|"
    r"data availability(?: statement)?|author contributions?)\b|\bdeclared? no (?:potential )?conflicts? of interest\b|"
    r"^no (?:potential )?(?:conflicts?|competing interests?) of interest\b|^no (?:potential )?conflict of interest was\b|"
    r"^funding\s*(?::|the authors?\b|this (?:research|work|article)\b)|\breceived no (?:specific )?(?:financial support|grant)\b",
    r"^[–—-]?\s*(?:es gilt das gesprochene wort|seul le prononcé fait foi|check against delivery)\s*[–—-]?$",
    r"^(?:editor['’]?s['’]? note|editorial note|note from the editors?|note de la rédaction|nota del editor)\s*[:—–-]",
    r"^les (?:opinions|propos|analyses) exprimé|\bn['’]engagent que\b|^las opiniones expresadas|"
    r"\bson responsabilidad exclusiva\b|\bgeben nicht (?:unbedingt |notwendigerweise )?die (?:meinung|position)\b|"
    r"^le opinioni espresse|\bмнение (?:автора|авторов) может не совпадать\b",
)
_PROMPTS = (
    # Paywall and subscription prompts: "You are reading a free article", "Subscribe to X to get
    # unlimited access", "Thanks for reading X! Subscribe for free to receive new posts".
    r"^you(?: are|['’]re) reading (?:a|your|one of your|\d+ of \d+) (?:last )?free\b|\bfree articles? (?:left|remaining)\b",
    r"\b(?:reached|used up|used all) (?:your|the|all your) (?:free|monthly|\d+ free)\b.{0,30}\b(?:articles?|stories|limit)\b",
    r"\bsubscribe\b.{0,60}\b(?:unlimited|full|digital|premium|all-access) access\b|\bsubscribe for free\b",
    r"^thanks for reading\b.{0,80}\bsubscribe\b|\bpaywall-free\b|^(?:already a subscriber|already have an account)\b",
    r"^(?:to continue reading|continue reading with|unlock (?:this|full|unlimited))\b",
    r"^(?:подписывайтесь|подпишитесь)\b",
    # Credits and standards notes of wire copy: "Reporting by A; Editing by B".
    r"^(?:additional )?(?:reporting|writing|research) by\b.{0,200}\b(?:edit(?:ing|ed) by|reporting by)\b|^editing by\b",
    r"^our (?:standards|editorial standards|ethics policy|corrections policy)\b",
    # Blog furniture under a post.
    r"^(?:filed under|posted in|categories|category)\s*:",
    # Reading times, counters and a journal article's history, in several languages.
    r"^\d{1,3}(?:\s*[–-]\s*\d{1,3})?\s*(?:min(?:ute|uten|utos|uti|ut|uty)?s?\.?|мин(?:ут[аы]?)?\.?)"
    r"(?:\s+(?:read|reading|czytania|lesen|de lecture|de lectura|чтения))?$",
    r"^(?:lesezeit|temps de lecture|tiempo de lectura|czas czytania|время чтения)\s*:?\s*\d",
    r"^[\d\s.,]+[KkMm]?\s+(?:subscribers|followers|views|comments|likes|shares|readers|подписчик\w*|просмотр\w*)$",
    r"^(?:received|submitted)\s*:?\s*\d.{0,40}\b(?:accepted|revised)\b",
    # A dateline's place alone: "WASHINGTON, DC".
    r"^(?-i:[A-Z][A-Z .'’-]{2,30},\s*[A-Z][A-Z.]{1,12})$",  # in capitals, whatever the patterns' case
    # A teaser set into the text: "Read more: How the deal unravelled", "READ NEXT » …".
    r"^(?:read (?:more|next|also|this next|the latest)|more on this|related|see also|"
    r"lee también|lea también|lesen sie auch|(?:à |a )?lire aussi|voir aussi|leggi anche|leia também|veja também|"
    r"читайте также|смотрите также|см\. также|по теме)\s*[:|»›>–—-]+\s*\S",
    # Rating widgets: "Rate this article: ★★★★☆ (4.2/5, 38 votes)", "Average rating 4.5 / 5. Vote count: 12".
    r"[★☆✩✪⭐]{3,}|^(?:rate|rating|rated|average rating)\b.{0,60}(?:\bstars?\b|\bvotes?\b|\d\s*/\s*(?:5|10)\b|\bout of\b)",
    r"^(?:was this (?:article|page|post) (?:helpful|useful)|how useful was this|click on a star|no votes so far)\b",
    r"\bvote count\s*:",
    # Donation prompts.
    r"\bdonate (?:today|now|here|to us|to support|once|monthly)\b|\bplease consider (?:making a |a )?(?:donation|donating|"
    r"supporting|gift|contribution|becoming a)\b|\bbecome an? (?:member|patron|supporter|sustaining member)\b",
    r"^(?:please )?support (?:us|our (?:work|journalism|reporting|mission)|independent (?:journalism|media|reporting|"
    r"research|analysis))\b|\b(?:on|via) patreon\b|\bbuy me a coffee\b|^make a (?:donation|gift|contribution)\b",
    # Calls to sign up or join, at the end of a text: "Get more news and analysis from X", "Join X and get
    # access to exclusive content", "Recibe en tu correo …", "Abonnez-vous à notre newsletter".
    r"^get (?:more|the latest|our)\b.{0,60}\b(?:news|analysis|insights?|updates|commentary)\b(?! (?:is|was|has)\b)",
    r"^get (?:unlimited|full|premium|digital|exclusive) access\b|\bpremium content\b|"
    r"\bexclusive content\b|\bmembers-only\b|\bsubscribe now\b|\bsuscribirse\b|\brecibe en tu correo\b|"
    r"\b(?:abonnez-vous|inscrivez-vous|suscr[ií]bete|suscr[ií]base|abonnieren sie|iscriviti)\b|\bbolet[ií]n\b",
    r"^comments are (?:moderated|closed|reviewed)\b|^(?:please )?keep (?:the )?discussion civil\b",
    # Calls for contributions: "Have an idea for a Commentary? Send a short pitch to …", "Write for us".
    r"\bwrite for us\b|\bsend (?:us )?(?:a|your) (?:short )?(?:pitch|proposal|submission)\b|^have an idea for\b",
    # A newsletter's sign-off: "You are receiving this email because …", "Unsubscribe | Manage preferences".
    r"^you(?: are|['’]re) receiving this (?:e-?mail|message|newsletter)\b|^(?:unsubscribe|manage (?:your )?(?:preferences|"
    r"subscription)|update your preferences|view (?:this email )?in (?:your )?browser|forward (?:this )?to a friend)\b",
)
CHROME_CONTAINS = [re.compile(p, re.I) for p in _FURNITURE + _NOTES + _PROMPTS]
NOTE_CONTAINS = [re.compile(p, re.I) for p in _NOTES]

# Words of page furniture that run together on one line ("Print Читать на русском").
CHROME_WORDS = re.compile(
    r"\b(?:print|share|tweet|e-?mail|save|bookmark|download|pdf|comments?|listen|subscribe|follow us|"
    r"like|rate this article|votes?|rating|menu|search|home|log ?in|log ?out|sign ?in|sign ?up|"
    r"read in \w+|english|русский|читать на русском|версия для печати|печать|поделиться|"
    r"facebook|twitter|telegram|vk|linkedin|whatsapp|x|en|ru|give|gift)\b|[|/•·:()\d,.\s-]+",
    re.I,
)

# A book or product advertised by title and author: "Title: Subtitle - by Jane Doe".
AD_LINE = re.compile(r"^.{5,140}\s[-–—]\s+by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}$")

TEASER_START = re.compile(
    r"^(read also|see also|also read|related( articles| reading| content| research| posts| stories)?|"
    r"recommended( articles| reading| for you)?|more on this( topic)?|more (from|by) [^.!?]{2,60}|"
    r"(other|latest|more) (articles|posts|publications|analysis|commentary) by [^.!?]{2,60}|"
    r"you (may|might) also (like|be interested in)|most[- ](read|popular)( articles| stories)?|"
    r"читайте также|читать также|по теме|см\. также|related (?:analysis|commentary|publications|research|work|"
    r"experts|events|topics|coverage)|sur le même thème|dans la même rubrique|(?:à |a )?lire aussi|"
    r"contenido relacionado|artículos relacionados|te puede interesar|lee también|"
    r"das könnte sie auch interessieren|mehr zum thema|lesen sie auch|weitere artikel|articoli correlati|leggi anche|"
    r"leia também|veja também)\s*:?$",
    re.I,
)
TEASER_END = re.compile(r"^(more|read more|read more »|more »|continue reading|read the full (article|story))[.!]?$", re.I)

IDENTIFIER = re.compile(
    r"^(?P<label>orcid(?: id)?|spin-rsci|spin|researcher ?id|scopus(?: author ?id)?|scopus id|"
    r"google scholar|isni|viaf|ssrn(?: author)? id|web of science researcherid)\s*[:#]?\s*(?P<value>\S.*)$",
    re.I,
)
ORCID = re.compile(r"\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")
IDS_HEADING = re.compile(r"^(author(?:'s)? ids?|author identifiers|identifiers|ids)$", re.I)

CONTACT_HEADING = re.compile(r"^(contacts?|contact (us|information|details)|get in touch|контакты)$", re.I)
CONTACT_LINE = re.compile(
    r"^(e-?mail|email|tel|telephone|phone|fax|mobile|address|postal address|mail|адрес|тел|телефон)\.?\s*:"
    r"|[\w.+-]+@[\w-]+\.[\w.-]+|\[email\s*protected\]"
    r"|\+\d[\d\s()./-]{7,}\d",
    re.I,
)

ORIGINAL_URL = re.compile(
    r"^(original(?: url| link| article| source)?|source(?: url)?|url(?: source)?|link|canonical(?: url)?|permalink|"
    r"originally published at|read the original( at)?)\s*:\s*(?P<url><?https?://\S+>?)?\s*$",
    re.I,
)
URL_ONLY = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$")
URL_IN = re.compile(r"https?://[^\s<>)\]]+")

BYLINE = re.compile(
    r"^(?:(?:blog post|article|essay|commentary|analysis|op-ed|column|review|report|interview|guest essay) by|"
    r"by|written by|posted by|words by|text by|author(?:s)?|автор(?:ы)?|interview(?:ed)? by|interviewer|"
    r"interview conducted by|conducted by|compiled by|reported by|reviewed by|review by|story by|text(?=\s*:)|текст(?=\s*:)|von|par|por|door|от)\s*[:\-–]?\s+(?P<names>.+)$",
    re.I,
)

# "Posted on April 14, 2021 by Jane Doe": a blog's byline, the date before the names.
# "Posted on March 3, 2021 by Jane Doe", "March 3, 2021 by Jane Doe" (the date is checked as a date).
DATED_BYLINE = re.compile(r"^(?:(?:posted|published|written)(?:\s+on)?\s+)?(?P<date>.+?)\s+by\s+(?P<names>.+)$", re.I)

# Where readers' comments begin under an article: the heading of the section ...
COMMENTS_START = re.compile(
    r"^(?:(?:\d+|one|two|three)\s+(?:comments?|responses?|replies|thoughts)(?:\s+(?:on|to)\b.*|\s*·.*)?|comments?\s*\(\d+\)|"
    r"discussion about this (?:post|article)|reader comments|top comments|most relevant comments|"
    r"(?:[\d.,]+[km]?\s+(?:reactions?|likes?)\s*)?·\s*\d+\s+comments?\b.*|"
    r"(?:comentarios|commentaires|kommentare|commenti|comentários|yorumlar|komentarze|коментарі)\s*(?:\(\d+\))?|"
    r"комментарии\s*\(\d+\)|\d+\s+комментари\w*)[.:]?$",
    re.I,
)
# ... or a button to comment, which a newsletter may also put in the middle of its text.
COMMENT_PROMPT = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|"
    r"show comments|view comments|оставить комментарий|комментировать)[.:]?$",
    re.I,
)
# "Jane Doe says:" over a reader's comment.
COMMENTER = re.compile(r"^[\w.'’ -]{2,40}\s+(?:says|said|writes|wrote|пишет):?$", re.I)

# An institution describing itself, as think tanks do under every page: "The Example Institute is a
# nonprofit organization based in … Our mission is …". Its name is the page's publisher.
SELF_DESCRIPTION = re.compile(
    r"^(?P<name>(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|for|on|and|the|in|de))*?)"
    r"(?:\s*\([A-Z][\w.&-]{1,10}\))?\s+is\s+(?:(?:a|an|the)\s+(?:[\w,-]+\s+){0,6}?"
    r"(?:organi[sz]ation|institution|think[- ]tank|institute|foundation|research (?:center|centre)|"
    r"charity|association|policy (?:center|centre)|membership body|network|platform|publication|magazine|"
    r"journal|website|blog|newsletter|forum|project|program|programme|initiative)\b|(?:committed|dedicated|devoted) to\b)"
    r"|^(?P<pub>(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s+(?:features|publishes|provides|offers)\s+"
    r"(?:\w+\s+){0,3}(?:commentary|analysis|research|news|insight)"
)
# ... in its own voice: a page's text may describe an institution too, but not as "our mission".
SELF_DESCRIPTION_VOICE = re.compile(r"\bour (?:mission|work|research|scholars|experts)\b|\bits mission\b|\bwe\b", re.I)

GENRES = {
    "op-ed": "Op-ed", "oped": "Op-ed", "op ed": "Op-ed", "opinion": "Op-ed", "column": "Op-ed",
    "interview": "Interview", "q&a": "Interview", "интервью": "Interview",
    "analysis": "Analysis", "analytics": "Analysis", "аналитика": "Analysis",
    "commentary": "Commentary", "comment": "Commentary", "expert comment": "Commentary",
    "комментарий": "Commentary",
    "editorial": "Editorial", "review": "Review", "book review": "Review",
    "report": "Report", "paper": "Paper", "working paper": "Paper", "policy brief": "Paper",
    "speech": "Speech", "news": "News", "essay": "Essay", "мнение": "Op-ed", "статья": "",
    "policy paper": "Paper", "research paper": "Paper", "discussion paper": "Paper", "occasional paper": "Paper",
    "briefing paper": "Paper", "review essay": "Review", "viewpoint": "Op-ed",
    "guest essay": "Op-ed", "blog post": "Op-ed", "expert speak": "Commentary", "briefs": "Paper",
    "мнения": "Op-ed", "колонка": "Op-ed", "точка зрения": "Op-ed", "доклад": "Report", "рецензия": "Review",
    "эссе": "Essay",
}
# A section's rubric is often plural ("INTERVIEWS", "Op-eds", "Policy briefs").
GENRES.update({name + "s": kind for name, kind in list(GENRES.items())
               if kind and re.fullmatch(r"[a-z][a-z -]*[a-z]", name) and not name.endswith("s")})
GENRES.update({"analyses": "Analysis", "commentaries": "Commentary", "speeches": "Speech"})

# Words in a capitalised phrase that make it an organisation or a place, not a person.
ORG_WORDS = set(
    """club council institute institution university college school centre center foundation
    times post news review journal affairs ministry agency committee commission discussion papers
    paper report group association society press media magazine herald tribune daily weekly
    gazette service office department bureau union federation republic kingdom states nations
    endowment fund forum program programme project initiative network academy library archive
    party government parliament duma senate assembly court bank company corporation inc ltd llc
    russia china america europe asia africa world global international foreign policy security
    relations war peace east west north south middle moscow washington london beijing
    org co corp cooperation organization organisation treaty union state relations
    the of and for in on at to from with about page home menu contents house sciences studies research
    rights watch defence defense institut instituto istituto stiftung fondation fundación fundacion université
    universite universidad università universität independent insider monitor observer telegraph guardian
    economist dispatch chronicle courier express standard diplomat""".split()
) | set(
    # ... or the heading of a section of a paper ("Executive Summary", "Key Findings").
    """summary abstract introduction conclusion conclusions contents acknowledgements acknowledgments
    references bibliography notes appendix annex foreword preface keywords recommendations executive
    overview background findings key""".split()
)
NAME_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el", "dos", "del", "y",
                  "do", "das", "della", "degli", "dei", "zu", "ter", "ten", "ó", "ní", "nic", "ua"}
# Lower-case prefixes of a capitalised surname: "al-Khatib", "d'Estaing".
_SURNAME_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "d'", "d’", "l'", "l’", "o'", "o’")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.-?){1,3}$")


def name_token(token):
    """True when token can be a word of a person's name, in any alphabet: "José", "Müller-Lefèvre",
    "O'Neill", "MacDonald", "al-Khatib", or initials ("J.", "J.R.", "J.-P."); not "NATO" nor "2021"."""
    if _INITIALS.match(token):
        return token[0].isupper()
    for prefix in _SURNAME_PREFIXES:
        if token.lower().startswith(prefix) and len(token) > len(prefix) + 1:
            token = token[len(prefix):]
            break
    parts = re.split(r"([-'’])", token)
    marks, parts = parts[1::2], parts[::2]
    for k, part in enumerate(parts):
        # "Ji-hoon", "Jae-in": a Korean given name, two syllables, is hyphenated in lower case.
        if not part.isalpha() or not (part[0].isupper() or k > 0 and marks[k - 1] == "-" and 2 <= len(part) <= 5
                                      and parts[0][0].isupper() and len(parts[0]) <= 5 and len(parts) == 2):
            return False
        if len(part) == 1 and k == len(parts) - 1:
            return False  # a lone letter only before an apostrophe: "O'Neill", "D'Souza"
        if len(part) > 1 and part[1].isupper():
            return False  # capitals: an acronym
    return True
TITLES_BEFORE_NAME = re.compile(r"^(dr|prof|professor|mr|mrs|ms|sir|ambassador|amb|gen|general|col|rev)\.?\s+", re.I)

# Words that say a short line is about a person's position.
POSITION_WORDS = re.compile(
    r"\b(president|minister|professor|director|fellow|editor|chair(man|woman)?|head|researcher|"
    r"analyst|ambassador|member|dean|lecturer|doctor|ph\.?d|candidate of|expert|correspondent|"
    r"journalist|columnist|founder|ceo|adviser|advisor|secretary|deputy|chief|scholar|associate|"
    r"assistant|supervisor|programme|program|coordinator|manager|officer|former|author of|"
    r"university|institute|academy|school|faculty|department|centre|center|council|club|"
    r"профессор|директор|доктор|кандидат|научный|сотрудник|председатель|член|"
    r"chercheu(?:r|se)|professeure?|directeur|directrice|chargée? de recherche|investigador(?:a)?|profesor(?:a)?|"
    r"director(?:a)?|ricercat(?:ore|rice)|pesquisador(?:a)?|forscher(?:in)?|wissenschaftler(?:in)?|leiter(?:in)?|"
    r"journaliste|periodista|giornalista|analyste|analista|исследователь|эксперт|аналитик)\b",
    re.I,
)


def strip_bullet(line):
    return BULLET.sub("", line, count=1)


def is_bulleted(line):
    return bool(BULLET.match(line))


def words(text):
    return re.findall(r"[\w’'-]+", text)


def ends_sentence(text):
    return text.rstrip().endswith(SENTENCE_END)


def is_chrome_line(text):
    """True for a line of page furniture: share, print, rating, menus, ads, prompts, credits."""
    t = text.strip().strip("*_#>").strip()
    if not t:
        return True
    if CHROME_LINE.match(t) or AD_LINE.match(t):
        return True
    if len(t) <= 80 and not CHROME_WORDS.sub("", t).strip():
        return True
    return len(words(t)) <= 25 and is_chrome_text(t)


def normal_form(text):
    """text as compared with another: lower case, words only ("Costs & Benefits!" → "costs benefits")."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def is_chrome_text(text):
    """True for a paragraph of any length that a furniture pattern fits (a prompt, a disclaimer, a credit)."""
    return any(p.search(text) for p in CHROME_CONTAINS)


def clean_name(name):
    name = TITLES_BEFORE_NAME.sub("", name.strip().strip("*_,;:.").strip())
    name = re.sub(r"\s+", " ", name)
    return name.strip(" ,;")


def looks_like_name(text):
    """True when text is a person's name: two to five capitalised words or initials."""
    if text.rstrip().endswith((";", ":")):
        return False
    name = clean_name(text)
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name) or POSITION_WORDS.search(name):
        return False
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitals = 0
    for token in tokens:
        if token.lower() in NAME_PARTICLES:
            continue
        if token.lower().strip(".") in ORG_WORDS or token.lower() in NOT_NAME_WORDS:
            return False
        if not name_token(token):
            return False
        capitals += 1
    # "A. B." alone is initials, not a name; a surname must have letters.
    return capitals >= 2 and any(len(t.strip(".")) > 1 for t in tokens)


# English words a headline in title case is made of and a name is not ("Why Talks Fail", "Is This War"); not
# words that are also names somewhere ("Will", "May", "Can", "An", "He", "No").
NOT_NAME_WORDS = set(
    """why how what when where who whom whose which whether the a is are was were be been not yes new old our my
    your his her its their this that these those against after before with without into over under about from
    for to of in on at by as than then there here would could should must might does did has have had it we they
    you she vs versus beyond between among toward towards behind across inside outside amid again still just only
    also more most less least very too now next last first second third one two three
    article original abstract introduction conclusion conclusions keywords summary chapter section volume issue
    edition breaking exclusive opinion editorial analysis commentary interview essay brief briefing update updates
    photo video gallery podcast newsletter contents references notes appendix full document highlights metadata
    text saved save share give topics regions events publications research podcasts people""".split()
)


# Small words an institution's name may have in lower case: "Institute for the Study of War".
_SMALL = {"of", "for", "the", "and", "on", "in", "at", "de", "du", "des", "la", "le", "für", "y"}


# The words of ORG_WORDS that name an institution itself, not a place or a subject.
INSTITUTION_WORDS = set(
    """club council institute institution university college school centre center foundation endowment
    ministry agency committee commission association society academy forum office bureau service fund
    programme program initiative network bank corporation press media times post journal gazette herald
    tribune magazine house institut instituto istituto stiftung fondation fundación fundacion université
    universite universidad università universität""".split()
)


def looks_like_institution(text):
    """An organisation's name with a word institutions name themselves by ("European Council on
    Foreign Relations", "EXAMPLE INSTITUTE"), not a place or a subject ("Middle East Policy")."""
    return looks_like_organisation(text) and any(w.lower().strip(".,") in INSTITUTION_WORDS for w in text.split())


def uncapitalised(name):
    """A name printed in capitals as it is written: "EUROPEAN COUNCIL ON FOREIGN RELATIONS" →
    "European Council on Foreign Relations". Other names are left as they are."""
    if not name.isupper():
        return name
    return " ".join(w if w in _SMALL else w.capitalize() for w in name.lower().split())


def looks_like_organisation(text):
    """True for an institution's name: capitalised words, one of them a word institutions use
    ("Chatham House", "Example Institute", "Sciences Po"), no more than eight."""
    words_ = text.strip(" .,;").split()
    if not 1 < len(words_) <= 8 or not all(w[:1].isupper() or w.lower() in _SMALL for w in words_):
        return False
    return any(w.lower().strip(".,") in ORG_WORDS and w.lower() not in _SMALL for w in words_)


def split_names(text):
    """Names in a byline: "A, B and C", "A & B", "A; B"."""
    text = re.sub(r"\s*\(.*?\)", "", text)
    # "Jane Doe1, John Roe2*": the marks that tie authors to their affiliations in a paper.
    text = re.sub(r"(?<=[^\W\d_])(?:\d{1,2}(?:,\d{1,2})*[*†‡]*|[*†‡]+)(?=\s*(?:,|;|&|\band\b|$))", "", text)
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bwith\b|\bund\b|\bet\b|\bи\b)\s*", text, flags=re.I)
    return [without_place(clean_name(p)) for p in parts if p.strip()]


# "Jane Doe in Kyiv": where a reporter filed from, after the name.
_FILED_FROM = re.compile(r"^(?P<name>.+?)\s+(?:in|from|reporting from)\s+(?P<place>[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*)?)$")


def without_place(name):
    """ "Jane Doe in Kyiv" → "Jane Doe": a name without the place its bearer filed from; else name as it is."""
    m = _FILED_FROM.match(name)
    if m and m.group("place")[0].isupper() and looks_like_name(m.group("name")):
        return m.group("name")
    return name


def title_case_ratio(text):
    """Share of the words that start with a capital, small function words aside."""
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from",
             "by", "as", "is", "its", "vs", "via", "de", "и", "в", "на", "с", "о", "по"}
    ws = [w for w in words(text) if w.lower() not in small and w[0].isalpha()]
    if not ws:
        return 0.0
    return sum(1 for w in ws if w[0].isupper()) / len(ws)

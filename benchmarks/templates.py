"""Sentence templates and word lists for the generated news articles (our own text).

Slots: {P} a person (full name at the first mention in an article, later often the surname alone),
{SG} a person's surname with the genitive/possessive ending (German `-s`, English `'s`), {L} a
place, {O} an organisation; the other slots take filler words from the lists below. Filler
sentences carry no names, so every name in an article comes from a slot and is recorded.
"""

from __future__ import annotations

NAME_SLOTS = ("P", "SG", "L", "O")

DE_NAMED = (
    "{P} sagte am {DAY}, die Lage in {L} sei weiterhin angespannt.",
    "Nach Angaben von {P} wurden in der Nacht {NUM} Drohnen abgefangen.",
    "{P} kündigte an, die Gespräche mit {O} in der kommenden Woche fortzusetzen.",
    "In {L} trafen sich {P} und {P} zu einem vertraulichen Gespräch über die {NOUN}.",
    "Wie {O} am {DAY} meldete, ist die Stromversorgung in {L} teilweise unterbrochen.",
    "{SG} Sprecher wies die Vorwürfe am {DAY} entschieden zurück.",
    "Die Regierung in {L} reagierte zurückhaltend auf den Vorschlag von {P}.",
    "Beobachter erwarten, dass {P} noch im {MONTH} nach {L} reisen wird.",
    "Bei einem Angriff auf {L} wurden nach offiziellen Angaben {NUM} Menschen verletzt.",
    "{P} bezeichnete das Treffen als {ADJ} Schritt in Richtung einer {NOUN}.",
    "Der Gouverneur der Region, {P}, forderte nach dem Beschuss von {L} mehr Luftabwehr.",
    "Laut {O} hat {P} den Plan zur {NOUN} bereits im {MONTH} vorgelegt.",
    "Ein Berater von {P} bestätigte die Pläne gegenüber Journalisten in {L}.",
    "{SG} Vorschlag zur {NOUN} stieß in {L} auf Skepsis.",
    "Kritiker werfen {P} vor, die Lage bei {L} zu beschönigen.",
    "Die Delegation aus {L} traf am {DAY} zu Gesprächen mit {P} ein.",
    "Nach dem Telefonat mit {P} sprach {P} von einem {ADJ} Austausch.",
    "Aus dem Umfeld von {P} hieß es, man prüfe derzeit alle Optionen.",
    "Die Lage an der Front bei {L} bleibt nach Einschätzung von {O} schwierig.",
    "{P} warnte vor einer Eskalation und verwies auf die {NOUN}.",
    "Der Bürgermeister von {L}, {P}, rief die Bewohner auf, Wasser zu sparen.",
    "Im Gespräch mit {O} verteidigte {P} die Entscheidung zur {NOUN}.",
    "Der Besuch von {P} in {L} war aus Sicherheitsgründen nicht angekündigt worden.",
    "{SG} Büro teilte mit, die Unterlagen seien an {O} übergeben worden.",
    "Auch {P} äußerte sich am {DAY} zu den Berichten über {L}.",
    "Nach Darstellung von {O} wurden bei {L} mehrere Stellungen aufgegeben.",
    "{P} lobte die {NOUN} und dankte den Partnern in {L}.",
    "Zuvor hatte {P} mit Vertretern von {O} über die {NOUN} beraten.",
    "Die Aussagen von {P} sorgten in {L} für Unruhe.",
    "{P} und {P} unterzeichneten in {L} eine gemeinsame Erklärung.",
)

DE_FILLER = (
    "Die Verhandlungen sollen in der kommenden Woche fortgesetzt werden.",
    "Experten rechnen mit weiteren Verzögerungen bei der {NOUN}.",
    "Der Winter stellt die {NOUN} vor große Herausforderungen.",
    "Am {DAY} wurde in mehreren Regionen erneut Luftalarm ausgelöst.",
    "Die Preise für Lebensmittel sind im {MONTH} um {NUM} Prozent gestiegen.",
    "Viele Familien haben ihre Wohnungen bereits verlassen und suchen eine Unterkunft.",
    "Hilfsorganisationen berichten von einer {ADJ} Versorgungslage in den Dörfern.",
    "Die Zahl der Binnenflüchtlinge liegt nach Schätzungen bei {NUM} Tausend.",
    "Der Wiederaufbau der zerstörten Infrastruktur wird nach Einschätzung von Fachleuten Jahre dauern.",
    "Das Parlament stimmte mit großer Mehrheit für das Gesetz zur {NOUN}.",
    "Unabhängig überprüfen ließen sich die Angaben zunächst nicht.",
    "Die Opposition kritisierte das Vorgehen als {ADJ} und überstürzt.",
    "In den Krankenhäusern fehlt es weiterhin an Medikamenten und Personal.",
    "Die Schulen bleiben bis auf Weiteres geschlossen, der Unterricht findet online statt.",
    "Nach dem Stromausfall arbeiteten die Techniker die ganze Nacht an den Leitungen.",
    "Die Behörden riefen die Bevölkerung auf, die Schutzräume aufzusuchen.",
    "Für den {DAY} ist eine weitere Sitzung des Sicherheitsrates geplant.",
    "Die Ergebnisse der Untersuchung sollen bis Ende {MONTH} vorliegen.",
    "Die Gespräche über die {NOUN} dauerten bis in die späten Abendstunden.",
    "Auf den Märkten herrschte nach der Ankündigung eine {ADJ} Stimmung.",
    "Die Landwirte klagen über steigende Kosten für Diesel und Dünger.",
    "Der Zugverkehr wurde nach der Reparatur der Gleise wieder aufgenommen.",
    "Ein Sprecher des Ministeriums wollte die Berichte nicht kommentieren.",
    "Die Maßnahmen gelten zunächst für {NUM} Tage und können verlängert werden.",
    "Freiwillige verteilten am Wochenende Decken, Wasser und warme Mahlzeiten.",
    "Die Debatte über die {NOUN} dürfte sich in den kommenden Monaten verschärfen.",
    "Nach Angaben der Stadtverwaltung wurden {NUM} Gebäude beschädigt.",
    "Die Auszahlung der Hilfsgelder verzögert sich wegen technischer Probleme.",
    "Mehrere Abgeordnete forderten eine unabhängige Untersuchung der Vorfälle.",
    "Die Lage in den Grenzgebieten gilt als {ADJ}.",
)

DE_HEADLINES = (
    "Neue Gespräche über die {NOUN}",
    "{NOUN}: Was jetzt geplant ist",
    "Lage im Überblick am {DAY}",
    "Streit um die {NOUN} geht weiter",
    "Hoffnung auf Fortschritte bei der {NOUN}",
    "Was über die Angriffe vom {DAY} bekannt ist",
)

DE_WORDS = {
    "DAY": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "MONTH": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober"),
    "NOUN": (
        "Energieversorgung",
        "Getreideausfuhr",
        "Munitionslieferung",
        "Luftverteidigung",
        "Waffenruhe",
        "Gefangenenaustausch",
        "Wasserversorgung",
        "Haushaltsplanung",
        "Sanktionspolitik",
        "Grenzsicherung",
        "Minenräumung",
        "Evakuierung",
        "Stromversorgung",
        "Wiederaufbauhilfe",
        "Reform der Justiz",
        "Korruptionsbekämpfung",
        "Mobilisierung",
        "Versorgung der Verwundeten",
        "Rückkehr der Flüchtlinge",
        "Finanzhilfe",
    ),
    "ADJ": ("wichtigen", "schwierigen", "konstruktiven", "angespannten", "überraschenden", "offenen", "kritischen"),
}

EN_NAMED = (
    "{P} said on {DAY} that the situation in {L} remained tense.",
    "According to {P}, {NUM} drones were shot down overnight.",
    "{P} announced that talks with {O} would continue next week.",
    "In {L}, {P} and {P} met for a confidential discussion of the {NOUN}.",
    "As {O} reported on {DAY}, power supply in {L} has been partly cut.",
    "{SG} spokesman firmly rejected the accusations on {DAY}.",
    "The government in {L} reacted cautiously to the proposal by {P}.",
    "Observers expect {P} to travel to {L} in {MONTH}.",
    "An attack on {L} injured {NUM} people, officials said.",
    "{P} called the meeting an {ADJ} step towards the {NOUN}.",
    "The regional governor, {P}, asked for more air defence after the shelling of {L}.",
    "According to {O}, {P} presented the plan for the {NOUN} back in {MONTH}.",
    "An adviser to {P} confirmed the plans to reporters in {L}.",
    "{SG} proposal on the {NOUN} met with scepticism in {L}.",
    "Critics accuse {P} of playing down the situation near {L}.",
    "The delegation from {L} arrived on {DAY} for talks with {P}.",
    "After the phone call with {P}, {P} spoke of an {ADJ} exchange.",
    "People close to {P} said all options were being considered.",
    "The situation at the front near {L} remains difficult, {O} said.",
    "{P} warned of an escalation and pointed to the {NOUN}.",
    "The mayor of {L}, {P}, urged residents to save water.",
    "Speaking to {O}, {P} defended the decision on the {NOUN}.",
    "The visit by {P} to {L} had not been announced for security reasons.",
    "{SG} office said the documents had been handed to {O}.",
    "{P} also commented on {DAY} on the reports from {L}.",
    "According to {O}, several positions near {L} were abandoned.",
    "{P} praised the {NOUN} and thanked the partners in {L}.",
    "Earlier, {P} had discussed the {NOUN} with representatives of {O}.",
    "The remarks by {P} caused unease in {L}.",
    "{P} and {P} signed a joint statement in {L}.",
)

EN_FILLER = (
    "The negotiations are expected to resume next week.",
    "Experts expect further delays to the {NOUN}.",
    "Winter poses major challenges for the {NOUN}.",
    "On {DAY}, air raid alerts sounded again in several regions.",
    "Food prices rose by {NUM} percent in {MONTH}.",
    "Many families have already left their homes and are looking for shelter.",
    "Aid groups report an {ADJ} supply situation in the villages.",
    "The number of internally displaced people is estimated at {NUM} thousand.",
    "Rebuilding the destroyed infrastructure will take years, engineers say.",
    "Parliament voted by a large majority for the law on the {NOUN}.",
    "The claims could not be independently verified at first.",
    "The opposition criticised the move as {ADJ} and rushed.",
    "Hospitals still lack medicines and staff.",
    "Schools remain closed until further notice, and lessons are held online.",
    "After the blackout, technicians worked through the night on the lines.",
    "The authorities urged the population to go to the shelters.",
    "Another meeting of the security council is planned for {DAY}.",
    "The results of the inquiry are due by the end of {MONTH}.",
    "The talks on the {NOUN} went on late into the evening.",
    "Markets reacted to the announcement with an {ADJ} mood.",
    "Farmers complain about rising costs for diesel and fertiliser.",
    "Rail traffic resumed after the tracks were repaired.",
    "A ministry spokesman declined to comment on the reports.",
    "The measures apply for {NUM} days and can be extended.",
    "Volunteers handed out blankets, water and hot meals over the weekend.",
    "The debate over the {NOUN} is likely to intensify in the coming months.",
    "City officials said {NUM} buildings were damaged.",
    "Payment of the aid money has been delayed by technical problems.",
    "Several lawmakers called for an independent investigation of the incidents.",
    "The situation in the border areas is described as {ADJ}.",
)

EN_HEADLINES = (
    "New talks on the {NOUN}",
    "{NOUN}: what happens next",
    "Situation overview for {DAY}",
    "Dispute over the {NOUN} continues",
    "Hopes of progress on the {NOUN}",
    "What is known about the attacks on {DAY}",
)

EN_WORDS = {
    "DAY": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "MONTH": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
    "NOUN": (
        "energy supply",
        "grain exports",
        "ammunition deliveries",
        "air defence",
        "ceasefire",
        "prisoner exchange",
        "water supply",
        "budget plan",
        "sanctions policy",
        "border security",
        "demining effort",
        "evacuation",
        "power grid",
        "reconstruction aid",
        "judicial reform",
        "fight against corruption",
        "mobilisation",
        "care for the wounded",
        "return of refugees",
        "financial aid",
    ),
    "ADJ": ("important", "difficult", "constructive", "uneasy", "unexpected", "open", "alarming"),
}

LANGS = {
    "de": {"named": DE_NAMED, "filler": DE_FILLER, "headlines": DE_HEADLINES, "words": DE_WORDS},
    "en": {"named": EN_NAMED, "filler": EN_FILLER, "headlines": EN_HEADLINES, "words": EN_WORDS},
}

SECTIONS = {"de": ("politik", "ausland", "wirtschaft", "regionen"), "en": ("politics", "world", "business", "regions")}
MORE = {"de": "Mehr zum Thema", "en": "Read more"}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Syllables for synthetic entities (names that never occur in the text).
UK_GIVEN_M = _words(
    "Андрій Богдан Василь Віктор Григорій Дмитро Євген Іван Кирило Леонід Микола Олег Олександр Павло "
    "Роман Сергій Тарас Юрій Ярослав Остап Назар Степан Захар Мирослав Святослав"
)
UK_GIVEN_F = _words("Олена Ірина Наталія Оксана Тетяна Юлія Людмила Катерина Марія Галина Світлана Ганна Софія")
RU_GIVEN_M = _words(
    "Алексей Борис Владимир Геннадий Дмитрий Евгений Игорь Константин Максим Николай Олег Павел Пётр "
    "Сергей Степан Фёдор Юрий Аркадий Валерий Григорий Леонид Михаил Роман Тимофей Вадим"
)
RU_GIVEN_F = _words("Анна Елена Ирина Ольга Татьяна Наталья Мария Светлана Вера Галина Ксения Дарья Людмила")
CYR_ROOTS = _words(
    "Бор Вол Гал Дор Жур Зар Кал Лоз Мир Нос Пар Рос Сал Тер Фур Хар Чор Шев Бег Гор Дуб Кос Лев Мак "
    "Пет Рад Сок Тим Крив Бил Гриц Дем Зуб Карп Лук Мох Наз Оль Плах Рим Сем Тоц Фил Хом Шап Яц Гав "
    "Дан Жел Кур Мус Пал Сид Тур Чуб Швед Баг Вер Гнед Ков Лыс Мор Пан Руд Сав Тар"
)
CYR_MIDDLE = _words("ан ен ин он ун ар ер ир ор ав ев ов ил ал ол ас ес ос ач ич ут ат ет ок ик")
UK_SURNAME_END = _words("енко чук ук юк ський цький ич ець ак ко ишин ейко ар ан ів")
RU_SURNAME_END = _words("ов ев ин ский кин енков ых аев ёнок цев анов ичев ушкин")
UK_PLACE_END = _words("івка ове ськ ин иця ани ичі івці ине иве")
RU_PLACE_END = _words("овка ово ск ино ица ань ичи овцы ино ёво")

LATIN_GIVEN = _words(
    "Anton Bernd Clemens Dirk Elias Florian Gregor Hauke Ingo Jonas Lars Malte Nils Ole Pieter Rune Sven "
    "Till Veit Wout Annika Birte Carla Dörte Edda Frauke Greta Hanna Inka Jule Katrin Lotte Maren Nele "
    "Rieke Silke Tove Ylva Wiebke Hedda"
)
LATIN_ROOTS = _words(
    "Alb Bern Dor Eck Fal Gun Hart Isen Kes Lind Mar Nord Ost Reh Sten Thal Wal Wend Brak Dröm Fehr Gel "
    "Hol Kra Lüt Mö Ploe Rott Schü Tie Vos Wie Aar Bock Dres Elm Fink Grel Hax Jans Kort Lamm Mett Nie "
    "Oll Pütt Quast Rieb Sieg Tönn Uhl Voll Weer Zell"
)
LATIN_ENDS = _words(
    "berg mann hoff brink stede wald horst feld kamp meier lund ström sen ford by ton ley well dorf hagen "
    "kötter beck rath scheid haus bach"
)
LATIN_PLACE_ENDS = _words("stadt heim ingen hausen ow itz rode bühl werder siel")
ORG_ENDS = ("Werke", "Logistik", "Energie", "Holding", "Stiftung", "Institut")

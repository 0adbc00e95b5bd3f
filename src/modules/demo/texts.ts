/**
 * Dutch building blocks for the invented demo catalogue: activity ideas per
 * theme, sentences for descriptions, next-step reasons and organisation names
 * per sector. Everything here is invented; no real people are named.
 */
import type { Format, Level, Sector } from '../catalogue/vocabulary.js';

export type ThemeSlug = 'wetenschap-onderzoek' | 'programmeren-digitaal' | 'maken-ontwerpen' | 'natuur-duurzaamheid' | 'kunst-cultuur' | 'bewegen';

export const themeSlugs: readonly ThemeSlug[] = [
  'wetenschap-onderzoek', 'programmeren-digitaal', 'maken-ontwerpen', 'natuur-duurzaamheid', 'kunst-cultuur', 'bewegen',
];

/**
 * A subject within a theme. `items` are activity ideas written as
 * `"<format> <level> <minAge>-<maxAge> [+flags] <title>"`:
 * format ws workshop, cl club, le lesson, gl guest_lesson, ex excursion,
 * lk lesson_kit, ev event, ca camp, co course, ol open_lab;
 * level I introduction, D deepening, A advanced; flags `+o` online, `+en` also in English.
 */
export interface Subject {
  summaries: [string, string];
  detail: string;
  /** Themes that fit as a second theme. */
  also: ThemeSlug[];
  items: string[];
}

export const formatCodes: Record<string, Format> = {
  ws: 'workshop', cl: 'club', le: 'lesson', gl: 'guest_lesson', ex: 'excursion',
  lk: 'lesson_kit', ev: 'event', ca: 'camp', co: 'course', ol: 'open_lab',
};
export const levelCodes: Record<string, Level> = { I: 'introduction', D: 'deepening', A: 'advanced' };

export interface ActivityIdea {
  theme: ThemeSlug;
  subject: Subject;
  format: Format;
  level: Level;
  minAge: number;
  maxAge: number;
  online: boolean;
  english: boolean;
  title: string;
}

/** Parses the compact item notation of `subjects` into activity ideas. */
export function parseIdea(theme: ThemeSlug, subject: Subject, item: string): ActivityIdea {
  const match = /^(\w\w) ([IDA]) (\d+)-(\d+) ((?:\+\w+ )*)(.+)$/.exec(item);
  if (!match) throw new Error(`demo text: cannot parse "${item}"`);
  const [, f, l, min, max, flags, title] = match as unknown as [string, string, string, string, string, string, string];
  const format = formatCodes[f];
  const level = levelCodes[l];
  if (!format || !level) throw new Error(`demo text: unknown format or level in "${item}"`);
  return {
    theme, subject, format, level, minAge: Number(min), maxAge: Number(max),
    online: flags.includes('+o '), english: flags.includes('+en '), title,
  };
}

export const subjects: Record<ThemeSlug, Subject[]> = {
  'wetenschap-onderzoek': [
    {
      summaries: ['Drijven, zinken, oplossen en bevriezen: ontdek wat water allemaal kan.', 'Waarom drijft een schip van ijzer? Zoek het uit met je eigen proefjes.'],
      detail: 'Je doet proefjes met water, ijs en zout en ontdekt waarom sommige dingen drijven en andere zinken.',
      also: ['natuur-duurzaamheid'],
      items: ['ws I 6-9 Drijven of zinken?', 'lk I 4-8 Leskist Water en ijs', 'ex I 8-12 Op bezoek bij de waterzuivering', 'co D 9-12 Waterlab: onderzoek je eigen vragen', 'le I 6-9 Waar blijft het water in de plas?'],
    },
    {
      summaries: ['Hoe ontstaat een regenboog en waarom is de lucht blauw? Onderzoek licht en kleur.', 'Spiegels, schaduwen en prisma’s: speel met licht en ontdek hoe het werkt.'],
      detail: 'Met prisma’s, spiegels en zaklampen onderzoek je hoe licht zich gedraagt en hoe kleuren ontstaan.',
      also: ['kunst-cultuur'],
      items: ['ws I 6-10 Regenbogen maken', 'le I 8-12 Spiegels en schaduwen', 'ws D 10-14 Bouw je eigen spectroscoop', 'ev I 4-12 Lichtjesavond in het museum', 'ws I 4-6 Schaduwtheater met zaklampen'],
    },
    {
      summaries: ['Van de maan tot verre sterrenstelsels: een reis door het heelal.', 'Waarom verandert de maan van vorm en hoe ver weg zijn de sterren?'],
      detail: 'Je leert hoe planeten om de zon draaien, waarom de maan van vorm verandert en hoe sterrenkundigen naar de hemel kijken.',
      also: ['natuur-duurzaamheid', 'maken-ontwerpen'],
      items: ['ws I 8-12 Waterraketten lanceren', 'gl I 9-12 Gastles: leven in de ruimte', 'cl D 10-15 Jeugdclub sterrenkunde', 'co A 14-18 Sterrenkunde voor gevorderden: zelf waarnemen en meten', 'ev I 4-12 Ruimtedag: ontdek het heelal', 'lk I 8-12 Leskist Zon, maan en aarde'],
    },
    {
      summaries: ['Hoe werkt je hart, waarom heb je een skelet en wat doen je hersenen de hele dag?', 'Ontdek de machine die je elke dag gebruikt: je eigen lichaam.'],
      detail: 'Je luistert naar je eigen hartslag, bekijkt een skelet van dichtbij en doet proefjes met je zintuigen.',
      also: ['bewegen'],
      items: ['ws I 6-9 Zintuigenlab: proeven, ruiken en voelen', 'le I 9-12 Wat gebeurt er in je lijf?', 'ex I 10-14 Een dag in het ziekenhuislab', 'ws D 12-15 Je hersenen voor de gek houden: optische illusies', 'gl I 8-11 Gastles: zo werkt je skelet'],
    },
    {
      summaries: ['Bruisen, kleuren en kristallen: scheikunde met spullen uit de keuken.', 'Ontdek wat er gebeurt als je stoffen mengt, verwarmt of laat bruisen.'],
      detail: 'Met azijn, soda, rodekoolsap en suiker doe je proeven die bruisen, van kleur veranderen of kristallen laten groeien.',
      also: ['maken-ontwerpen'],
      items: ['ws I 6-10 Bruisende proefjes', 'ws I 8-12 Kristallen kweken', 'cl D 10-14 Jonge scheikundigen', 'ca I 7-11 Proefjeskamp in de vakantie', 'co A 15-18 Laboratoriumtechniek voor scholieren', 'ol I 6-12 Proefjesinloop op woensdag'],
    },
    {
      summaries: ['Hoe ontstaan wolken, wind en onweer? Word weerman of weervrouw.', 'Meet zelf het weer en ontdek hoe een weerbericht wordt gemaakt.'],
      detail: 'Je bouwt een eenvoudig weerstation, meet temperatuur en neerslag en maakt je eigen weerbericht.',
      also: ['natuur-duurzaamheid'],
      items: ['ws I 8-12 Bouw je eigen weerstation', 'lk I 8-12 Leskist Weer en klimaat', 'gl I 10-12 Gastles: zo maak je een weerbericht', 'co D 12-16 Klimaatonderzoekers: meten in je eigen wijk', 'le I 6-8 Wolken kijken en regen meten'],
    },
    {
      summaries: ['Aantrekken, afstoten en stroom maken: ontdek de onzichtbare krachten.', 'Van magneet tot lampje: onderzoek hoe elektriciteit werkt.'],
      detail: 'Je onderzoekt magneten, maakt een stroomkring met een lampje en ontdekt wat stroom geleidt en wat niet.',
      also: ['maken-ontwerpen', 'programmeren-digitaal'],
      items: ['ws I 6-9 Magneten: trekken en duwen', 'le I 9-12 Stroomkringen en lampjes', 'ws D 10-14 Bouw een elektromotor', 'ol I 8-14 Stroomlab: vrije inloop', 'lk I 9-12 Leskist Elektriciteit'],
    },
    {
      summaries: ['Stel een vraag, bedenk een proef en zoek het antwoord: zo werkt echte wetenschap.', 'Doe onderzoek zoals echte wetenschappers en laat zien wat je ontdekt.'],
      detail: 'Je bedenkt je eigen onderzoeksvraag, doet metingen en presenteert wat je hebt ontdekt aan anderen.',
      also: ['maken-ontwerpen'],
      items: ['co D 9-12 Kinderuniversiteit: vraag het de wetenschapper', 'ev I 6-14 Weekend van de Wetenschap: open dag', 'cl A 12-16 Onderzoeksclub: op weg naar de wetenschapsolympiade', 'ws D 15-18 Profielwerkstuklab: hulp bij je onderzoek', 'le D 10-12 Onderzoekend leren: de klas als laboratorium', 'ev I 8-14 Wetenschapsmarkt: kinderen laten hun onderzoek zien'],
    },
    {
      summaries: ['Waarom hoor je een echo en hoe maakt een gitaar geluid? Onderzoek trillingen en klanken.', 'Maak geluid zichtbaar en ontdek hoe je oren werken.'],
      detail: 'Je laat bekers praten via een touwtje, maakt geluid zichtbaar en meet hoe hard het is in de klas.',
      also: ['kunst-cultuur'],
      items: ['ws I 4-7 Geluidsjacht voor kleuters', 'le I 8-11 Trillingen en bekertelefoons', 'ws D 11-14 Geluid meten met je telefoon', 'gl I 12-15 Gastles: akoestiek in de concertzaal'],
    },
    {
      summaries: ['Hoe blijft een vliegtuig in de lucht? Onderzoek vleugels, parachutes en luchtweerstand.', 'Vouwen, gooien, meten en verbeteren: alles over vliegen en zweven.'],
      detail: 'Je vouwt en test papieren vliegtuigjes, bouwt een parachute voor een ei en meet wie het langst in de lucht blijft.',
      also: ['maken-ontwerpen'],
      items: ['ws I 6-10 Papieren vliegtuigen testen', 'ev I 6-12 Eierdropwedstrijd', 'ex I 10-14 Kijkje achter de schermen op het vliegveld', 'ca D 10-14 Vliegkamp: van papieren vliegtuig tot drone'],
    },
    {
      summaries: ['Kijk door een microscoop en ontdek een wereld die je met het blote oog niet ziet.', 'Slootwater, bladeren en haren: alles wordt anders onder de microscoop.'],
      detail: 'Je bekijkt slootwater, bladeren en je eigen haar onder de microscoop en tekent wat je ziet.',
      also: ['natuur-duurzaamheid'],
      items: ['ws I 8-12 Op ontdekkingsreis met de microscoop', 'lk I 9-12 Leskist Microscopie', 'cl D 10-14 Microscopieclub', 'ws A 15-18 DNA uit een aardbei halen', 'ex I 12-15 Rondleiding in het onderzoekslab'],
    },
    {
      summaries: ['Speuren als een echte forensisch onderzoeker: vingerafdrukken, sporen en bewijs.', 'Los een mysterie op met echte technieken uit het forensisch lab.'],
      detail: 'Je neemt vingerafdrukken, onderzoekt inktvlekken met chromatografie en lost samen een mysterie op.',
      also: ['programmeren-digitaal'],
      items: ['ws I 9-12 CSI Twente: los het mysterie op', 'ca D 10-13 Detectivekamp', 'gl I 12-15 Gastles forensisch onderzoek', 'ev I 8-14 Speurneuzendag in de bibliotheek'],
    },
    {
      summaries: ['Hefbomen, katrollen en tandwielen: ontdek hoe machines kracht maken.', 'Hoe til je een auto op met één hand? Ontdek de kracht van eenvoudige machines.'],
      detail: 'Je experimenteert met hefbomen, katrollen en tandwielen en ontdekt hoe je met weinig kracht iets zwaars verplaatst.',
      also: ['maken-ontwerpen', 'bewegen'],
      items: ['le I 9-12 Hefbomen en katrollen', 'ws I 7-10 Tandwielen en draaimolens', 'ex I 10-14 De stoommachine in bedrijf', 'co D 13-16 Mechanica in de praktijk'],
    },
  ],

  'programmeren-digitaal': [
    {
      summaries: ['Bouw een robot en leer hem rijden, draaien en reageren op zijn omgeving.', 'Van bouwpakket tot slimme robot: programmeer hem zelf.'],
      detail: 'Je bouwt een robot met bouwstenen en sensoren en programmeert hem met blokjes op een tablet.',
      also: ['maken-ontwerpen', 'wetenschap-onderzoek'],
      items: ['le I 4-7 Robotmuis op pad in de klas', 'lk I 6-10 Leskist Robots in de klas', 'ws D 9-12 Robotvoetbal', 'ev I 8-14 Robotwedstrijd Twente', 'ca D 9-13 Robotkamp in de zomervakantie', 'ol I 8-14 Robotinloop op zaterdag'],
    },
    {
      summaries: ['Maak je eigen spel of animatie en leer programmeren met blokken.', 'Sleep blokjes code in elkaar en laat je figuurtjes bewegen, praten en punten scoren.'],
      detail: 'Met Scratch sleep je blokjes code in elkaar en maak je figuurtjes die bewegen, praten en punten scoren.',
      also: ['kunst-cultuur'],
      items: ['ws I 8-11 Je eerste spel in Scratch', 'cl D 9-12 Codeerclub op zaterdag', 'co I 9-12 +o Online: programmeren met blokken', 'ev I 6-12 Codeweek: programmeren voor iedereen', 'le I 8-10 Programmeren in groep 5 en 6'],
    },
    {
      summaries: ['Van je eerste regel code tot een eigen website of app.', 'Schrijf echte code en maak in kleine stappen een werkend programma.'],
      detail: 'Je leert een echte programmeertaal schrijven en maakt in kleine stappen een werkend programma.',
      also: ['wetenschap-onderzoek'],
      items: ['co D 12-15 +o +en Python voor beginners', 'co D 13-16 Maak je eigen website met HTML en CSS', 'co A 14-18 Apps bouwen voor je telefoon', 'cl A 15-18 Hackathonteam: programmeren voor een echte opdrachtgever', 'ol D 12-18 Codelab: vrije inloop voor programmeurs'],
    },
    {
      summaries: ['Bedenk, ontwerp en bouw je eigen computerspel.', 'Personages, levels en spelregels: maak een game die anderen willen spelen.'],
      detail: 'Je tekent personages, bedenkt spelregels en bouwt een speelbaar level dat anderen kunnen testen.',
      also: ['kunst-cultuur', 'maken-ontwerpen'],
      items: ['ws I 10-13 Ontwerp je eigen game', 'ca D 11-15 Gamekamp: in vijf dagen je eigen game', 'cl D 12-16 Gamedesignclub', 'ev I 8-16 Gamefestival: spelen en zelf maken', 'ws I 7-10 Een bordspel wordt een computerspel'],
    },
    {
      summaries: ['Wat is echt en wat is nep? Word slim en veilig online.', 'Ontdek hoe filmpjes en berichten gemaakt worden en hoe je je online beschermt.'],
      detail: 'Je ontdekt hoe filmpjes en nieuwsberichten gemaakt worden, hoe je nepnieuws herkent en hoe je veilig blijft op sociale media.',
      also: ['kunst-cultuur'],
      items: ['le I 9-12 Nepnieuws ontmaskeren', 'gl I 10-12 Gastles: veilig online', 'le I 12-14 Jij en je telefoon: mediawijs in de brugklas', 'lk I 8-12 Leskist Mediawijsheid', 'ws I 10-13 Vloggen en filmen met je telefoon'],
    },
    {
      summaries: ['Leer denken als een computer, zonder scherm: met kaarten, puzzels en spelletjes.', 'Wat is een algoritme? Ontdek het met spelletjes op het schoolplein.'],
      detail: 'Met kaartspellen, puzzels en opdrachten op het schoolplein leer je wat een algoritme is en hoe een computer stap voor stap werkt.',
      also: ['wetenschap-onderzoek', 'bewegen'],
      items: ['le I 4-7 Programmeren zonder computer', 'lk I 6-10 Leskist Computational thinking', 'ws I 8-11 Geheimschrift en codes kraken', 'gl I 10-12 Gastles: hoe werkt een zoekmachine?'],
    },
    {
      summaries: ['Laat lampjes knipperen en sensoren meten met een micro:bit of Arduino.', 'Een klein computerbordje, een paar draadjes en jouw code: zo maak je slimme apparaten.'],
      detail: 'Je sluit lampjes, knoppen en sensoren aan op een klein computerbordje en programmeert wat ze moeten doen.',
      also: ['maken-ontwerpen', 'wetenschap-onderzoek'],
      items: ['ws I 9-12 Knipperlichtjes met de micro:bit', 'co D 11-14 Arduino-cursus: slimme apparaten maken', 'cl A 13-18 Elektronicaclub voor gevorderden', 'ol D 10-16 Soldeer- en elektronica-inloop', 'le I 10-12 De micro:bit in de klas'],
    },
    {
      summaries: ['Hoe leert een computer? Ontdek kunstmatige intelligentie en train je eigen model.', 'Wat kan AI wel en wat niet? Probeer het zelf en denk mee.'],
      detail: 'Je traint een computer om plaatjes of geluiden te herkennen en praat mee over wat AI wel en niet kan.',
      also: ['wetenschap-onderzoek'],
      items: ['ws D 11-14 Train je eigen slimme computer', 'gl I 12-16 Gastles: kunstmatige intelligentie in het dagelijks leven', 'co A 15-18 +en Machine learning voor scholieren', 'le I 10-12 Wat is AI eigenlijk?'],
    },
    {
      summaries: ['Breng je tekeningen en kleifiguren tot leven in een eigen filmpje.', 'Beeldje voor beeldje maak je een film waarin alles kan.'],
      detail: 'Je maakt figuren van klei of papier, fotografeert ze beeldje voor beeldje en monteert een korte film.',
      also: ['kunst-cultuur'],
      items: ['ws I 7-10 Stopmotionfilm maken', 'ca I 8-12 Filmkamp: van verhaal tot première', 'cl D 12-16 Filmclub: monteren en effecten', 'lk I 8-12 Leskist Animatie'],
    },
    {
      summaries: ['Vliegen, filmen en programmeren met drones.', 'Ontdek hoe een drone vliegt en laat hem zelf een route afleggen.'],
      detail: 'Je leert veilig vliegen met een kleine drone, programmeert een vliegroute en maakt luchtfoto’s.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 10-14 Drones programmeren', 'co D 12-16 Dronecursus: veilig vliegen en filmen', 'ev I 8-16 Dronedag op het sportveld'],
    },
    {
      summaries: ['Hoe beveilig je een computer en hoe denken hackers? Ontdek het als ethisch hacker.', 'Wachtwoorden, codes en sloten: leer hoe je systemen veilig houdt.'],
      detail: 'Je kraakt zwakke wachtwoorden in een veilige oefenomgeving en ontdekt hoe je je eigen accounts beschermt.',
      also: ['wetenschap-onderzoek'],
      items: ['ws D 13-16 Ethisch hacken voor beginners', 'gl I 14-18 Gastles: werken in cybersecurity', 'ex I 15-18 Kijkje bij een IT-bedrijf', 'ev A 14-18 Capture the flag: hackwedstrijd voor scholieren'],
    },
    {
      summaries: ['Wat zit er in een computer? Schroef hem open en ontdek het.', 'Sleutel aan echte apparaten en ontdek hoe ze werken.'],
      detail: 'Je schroeft oude computers en telefoons open, ontdekt wat elk onderdeel doet en bouwt zelf een werkend apparaat.',
      also: ['maken-ontwerpen', 'natuur-duurzaamheid'],
      items: ['ws I 9-12 Sleutelen aan oude computers', 'ol I 10-18 Repaircafé voor jongeren: telefoon en laptop', 'ws D 12-15 Bouw je eigen computer met een Raspberry Pi'],
    },
    {
      summaries: ['Van pixel tot poster: ontwerp digitaal met tablet en computer.', 'Leer werken met tekenprogramma’s en ontwerp iets dat je kunt printen.'],
      detail: 'Je ontwerpt een logo, poster of sticker op de computer en leert hoe je met lagen, kleuren en letters werkt.',
      also: ['kunst-cultuur', 'maken-ontwerpen'],
      items: ['ws I 9-12 Digitaal tekenen op de tablet', 'co D 12-16 Grafisch ontwerpen op de computer', 'ol I 10-16 Mediatheek-inloop: ontwerpen en printen'],
    },
  ],

  'maken-ontwerpen': [
    {
      summaries: ['Zagen, schuren, boren en timmeren: maak iets van echt hout.', 'Met echt gereedschap aan de werkbank: jij maakt het zelf.'],
      detail: 'Met echt gereedschap en onder begeleiding maak je een voorwerp van hout dat je mee naar huis neemt.',
      also: ['natuur-duurzaamheid'],
      items: ['ws I 6-9 Timmerwerkplaats voor kinderen', 'ws I 8-12 Bouw een vogelhuisje', 'cl D 9-13 Houtwerkclub', 'ca I 6-12 Timmerdorp in de zomervakantie', 'co A 14-18 Meubelmaken voor jongeren'],
    },
    {
      summaries: ['Ontwerp iets op de computer en zie het laag voor laag ontstaan in de 3D-printer.', 'Van idee tot voorwerp: ontwerpen en 3D-printen.'],
      detail: 'Je ontwerpt een sleutelhanger, naamplaatje of onderdeel in een eenvoudig tekenprogramma en print het op de 3D-printer.',
      also: ['programmeren-digitaal'],
      items: ['ws I 9-12 Je eerste 3D-ontwerp', 'ws D 12-15 3D-printen: ontwerp een handig hulpmiddel', 'co A 14-18 CAD-tekenen voor gevorderden', 'ol D 12-18 Makerlab: vrije inloop 3D-printen en lasersnijden', 'lk I 10-12 Leskist 3D-pennen'],
    },
    {
      summaries: ['Twente was het land van de textielfabrieken: ontdek hoe stof wordt gemaakt en maak zelf iets.', 'Weven, naaien en ontwerpen met stof, net als in de Twentse fabrieken van vroeger.'],
      detail: 'Je leert weven, naaien en ontwerpen met stof, en ontdekt hoe de Twentse textielfabrieken vroeger werkten.',
      also: ['kunst-cultuur'],
      items: ['ws I 6-10 Weven op een kartonnen weefraam', 'ws I 10-14 Naaimachinediploma: je eerste tas', 'cl D 12-16 Modeontwerpclub', 'ex I 8-12 Van schaap tot sok: textielexcursie', 'ws D 13-18 Slimme kleding: lampjes in je jas'],
    },
    {
      summaries: ['Solderen, draden verbinden en een schakeling maken die echt werkt.', 'Leer veilig solderen en bouw je eigen elektronische gadget.'],
      detail: 'Je leert veilig solderen en bouwt een klein elektronisch bouwpakket, zoals een knipperende badge of een nachtlampje.',
      also: ['programmeren-digitaal', 'wetenschap-onderzoek'],
      items: ['ws I 9-12 Solderen voor beginners: een knipperbadge', 'ws D 11-15 Bouw een nachtlampje met sensor', 'cl A 13-18 Radiozendamateurs van de toekomst'],
    },
    {
      summaries: ['Hoe maak je een brug die sterk genoeg is? Ontwerp en test je eigen constructie.', 'Bruggen, torens en huizen: bouw ze zo hoog en sterk als je kunt.'],
      detail: 'Met rietjes, spaghetti, karton of bouwstenen bouw je bruggen en torens en test je hoeveel gewicht ze kunnen dragen.',
      also: ['wetenschap-onderzoek', 'kunst-cultuur'],
      items: ['ws I 6-9 Torens bouwen van spaghetti en spekjes', 'le I 8-12 Bruggen bouwen in de klas', 'ev I 4-12 Bouwdag: de hoogste toren van Twente', 'gl I 10-14 Gastles: zo ontwerp je een huis', 'ex I 12-16 Rondleiding op de bouwplaats'],
    },
    {
      summaries: ['Bedenk een slimme oplossing voor een echt probleem en bouw een prototype.', 'Word uitvinder: van probleem via schets naar prototype.'],
      detail: 'Je gaat aan de slag als uitvinder: je onderzoekt een probleem, schetst ideeën, bouwt een prototype en test het.',
      also: ['wetenschap-onderzoek', 'programmeren-digitaal'],
      items: ['ws I 8-12 Uitvinderswerkplaats', 'le D 9-12 Ontwerpend leren: een oplossing voor het schoolplein', 'ca D 10-14 Uitvinderskamp', 'co A 15-18 Ontwerpchallenge met een echt bedrijf', 'ev I 6-14 Uitvindersbeurs: kom kijken en stemmen', 'lk I 8-12 Leskist Ontwerpend leren'],
    },
    {
      summaries: ['Bouw een kettingreactie of knikkerbaan waarbij het ene het andere in beweging zet.', 'Dominostenen, buizen en knikkers: hoe lang kun jij het laten doorgaan?'],
      detail: 'Met dominostenen, buizen, knikkers en tape bouw je een kettingreactie die steeds langer en gekker wordt.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 4-7 Knikkerbanen bouwen', 'ws I 8-12 De gekste kettingreactie', 'ol I 6-12 Bouwhoek op zaterdag'],
    },
    {
      summaries: ['Bouw een auto die rijdt op elastiek, een ballon of de zon.', 'Van karretje tot zeepkist: bouw iets dat rijdt.'],
      detail: 'Je bouwt een karretje van kosteloos materiaal en ontdekt hoe je het sneller en verder laat rijden.',
      also: ['wetenschap-onderzoek', 'bewegen'],
      items: ['ws I 6-10 Ballonauto’s bouwen', 'ev I 8-14 Zeepkistenrace', 'co D 12-16 Sleutelen aan fietsen en brommers', 'gl I 14-18 Gastles: werken in de techniek'],
    },
    {
      summaries: ['Van afval tot iets nieuws: ontwerp en maak met gerecycled materiaal.', 'Plastic doppen, oude kleren en karton krijgen een tweede leven.'],
      detail: 'Je sorteert plastic, versnippert het en maakt er met een kleine machine een nieuw voorwerp van.',
      also: ['natuur-duurzaamheid'],
      items: ['ws I 8-12 Van petfles tot sleutelhanger', 'ws I 6-10 Upcyclen: speelgoed van afval', 'cl D 12-16 Plasticlab: recyclen in de werkplaats', 'ev I 4-12 Ruilmarkt en reparatiedag'],
    },
    {
      summaries: ['Teken een ontwerp en laat de lasersnijder het uitsnijden in hout of karton.', 'Ontwerpen op de computer, uitsnijden met de laser.'],
      detail: 'Je tekent een ontwerp op de computer en ziet hoe de lasersnijder het precies uitsnijdt in hout of karton.',
      also: ['programmeren-digitaal', 'kunst-cultuur'],
      items: ['ws I 10-14 Lasersnijden: je eigen naambordje', 'ws D 12-16 Ontwerp een bordspel en snijd het uit', 'cl A 14-18 Productontwerpstudio'],
    },
    {
      summaries: ['Eten maken is ook techniek: ontdek wat er gebeurt als je bakt, kookt en gist.', 'Koken als een wetenschapper: meten, mengen en proeven.'],
      detail: 'Je bakt brood, maakt ijs met zout en onderzoekt waarom deeg rijst.',
      also: ['wetenschap-onderzoek', 'natuur-duurzaamheid'],
      items: ['ws I 6-10 Broodbakken als een wetenschapper', 'ws I 8-12 IJs maken zonder vriezer', 'ex I 10-14 Kijkje in de zuivelfabriek', 'le I 6-9 Van graan tot brood'],
    },
    {
      summaries: ['Vonken, vuur en staal: ontdek het vak van metaalbewerker.', 'Vijlen, buigen en lassen in een echte werkplaats.'],
      detail: 'In de werkplaats van een vakschool probeer je zelf veilig te vijlen, buigen en lassen.',
      also: ['wetenschap-onderzoek'],
      items: ['ws D 12-15 Proeven aan metaal: vijlen, buigen en lassen', 'ex I 13-16 Open werkplaats bij de vakschool', 'co A 15-18 Lascursus voor jongeren', 'gl I 12-15 Gastles: van staal tot machine'],
    },
    {
      summaries: ['Papier, karton en tape: bouw het grootst denkbare bouwwerk.', 'Knippen, vouwen en plakken tot er iets staat dat je zelf bedacht hebt.'],
      detail: 'Met karton, papier en tape ontwerp je een bouwwerk, een knikkerpaleis of een verkleedkostuum, en zoek je uit hoe het blijft staan.',
      also: ['kunst-cultuur'],
      items: ['ws I 4-7 Kartonnen kastelen bouwen', 'cl I 6-10 Knutselclub De Bouwmeesters', 'ws I 7-11 Pop-upkaarten die bewegen'],
    },
  ],

  'natuur-duurzaamheid': [
    {
      summaries: ['Ontdek hoe bijen en hommels leven en waarom ze zo belangrijk zijn voor bloemen en ons eten.', 'Van bloem tot honingpot: alles over de drukste diertjes van de tuin.'],
      detail: 'Je bekijkt een bijenkast van dichtbij (veilig achter glas), zoekt insecten in de tuin en leert welke bloemen bijen nodig hebben.',
      also: ['wetenschap-onderzoek', 'maken-ontwerpen'],
      items: ['ws I 6-10 Bouw een bijenhotel', 'ex I 6-12 Op bezoek bij de imker', 'lk I 6-10 Leskist Bijen en bloemen', 'cl D 9-13 Jonge imkers', 'ws I 4-7 Kriebelbeestjes zoeken'],
    },
    {
      summaries: ['Schep in de sloot en ontdek wat er onder water leeft.', 'Waterdiertjes vangen en ontdekken hoe schoon het water is.'],
      detail: 'Met schepnetjes en zoekkaarten vang je waterdiertjes, bekijk je ze met een loep en ontdek je wat ze zeggen over schoon water.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 6-10 Slootjesdag: wat zwemt daar?', 'ex I 8-12 Waterdiertjes in de beek', 'le I 9-12 Schoon water: onderzoek in de klas', 'ev I 4-12 Natuurfeest bij de vijver'],
    },
    {
      summaries: ['Het bos in: bomen herkennen, sporen zoeken en ontdekken wat er groeit en leeft.', 'Ontdek hoe een bos door de seizoenen verandert.'],
      detail: 'Je leert bomen herkennen aan hun bladeren, zoekt sporen van dieren en ontdekt hoe een bos door de seizoenen verandert.',
      also: ['bewegen'],
      items: ['ex I 4-8 Kabouterpad in het bos', 'ex I 8-12 Boswachter voor een dag', 'cl D 8-12 Natuurclub De Speurneuzen', 'ws I 6-10 Paddenstoelen zoeken', 'ca I 7-12 Buitenkamp in het bos'],
    },
    {
      summaries: ['Leer vogels herkennen aan hun veren, hun vlucht en hun zang.', 'Met een verrekijker op pad: welke vogels wonen er bij jou in de buurt?'],
      detail: 'Met een verrekijker en een zoekkaart ga je op vogeljacht en leer je welke vogels er in jouw buurt wonen.',
      also: ['wetenschap-onderzoek'],
      items: ['ex I 6-10 Vogels kijken bij de plas', 'ws I 8-12 Uilenballen pluizen', 'ev I 4-12 Tuinvogeltelling met de hele familie', 'cl D 10-15 Jeugdvogelwerkgroep'],
    },
    {
      summaries: ['Zon, wind en water: ontdek hoe we schone energie maken.', 'Hoeveel stroom maakt een zonnepaneel? Meet het zelf.'],
      detail: 'Je bouwt een windmolentje of een autootje op zonne-energie en meet hoeveel energie het oplevert.',
      also: ['wetenschap-onderzoek', 'maken-ontwerpen'],
      items: ['ws I 8-12 Zonneauto’s bouwen', 'le I 10-12 Energie besparen op school', 'ex I 10-14 Bezoek aan het zonnepark', 'gl I 12-15 Gastles: de energietransitie in je eigen straat', 'co A 15-18 Duurzame energie: ontwerp een oplossing voor je wijk', 'lk I 9-12 Leskist Energie'],
    },
    {
      summaries: ['Wat gebeurt er met je afval? Ontdek hoe je minder weggooit en meer hergebruikt.', 'Sorteren, hergebruiken en repareren: afval is een grondstof.'],
      detail: 'Je sorteert afval, onderzoekt hoe lang plastic erover doet om te vergaan en bedenkt hoe het anders kan.',
      also: ['maken-ontwerpen'],
      items: ['le I 6-9 Afval scheiden in de klas', 'ex I 9-12 Kijkje bij de afvalsorteerder', 'ev I 4-12 Zwerfafvalprikdag in de wijk', 'lk I 8-12 Leskist Van afval naar grondstof'],
    },
    {
      summaries: ['Zaaien, water geven, wieden en oogsten: word een echte tuinier.', 'Je eigen stukje grond, je eigen groente.'],
      detail: 'Je krijgt je eigen stukje grond, zaait groenten en bloemen en leert hoe een plant groeit.',
      also: ['wetenschap-onderzoek'],
      items: ['cl I 6-12 Kindermoestuin', 'ws I 4-7 Zaadjes zaaien en kiemen', 'le I 8-12 Schooltuinles', 'co D 10-14 Tuinieren zonder gif', 'ws I 6-10 Kruidentuintje in een pot'],
    },
    {
      summaries: ['Verzorgen, voeren en ontdekken: alles over dieren op de boerderij.', 'Wat hebben dieren nodig om gezond te blijven?'],
      detail: 'Je helpt met voeren en verzorgen en leert wat dieren nodig hebben om gezond te blijven.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 4-7 Dierenverzorger voor een middag', 'ex I 6-10 Op de boerderij: van koe tot melk', 'cl D 8-12 Kinderboerderijclub', 'gl I 6-9 Gastles: de dierenarts komt in de klas'],
    },
    {
      summaries: ['Wat merk jij van klimaatverandering en wat kun je zelf doen?', 'Tegels eruit, groen erin: maak je wijk klaar voor hitte en hoosbuien.'],
      detail: 'Je onderzoekt waar het in je wijk te heet of te nat wordt en ontwerpt een groen plan met minder tegels en meer planten.',
      also: ['maken-ontwerpen', 'wetenschap-onderzoek'],
      items: ['le I 10-12 Tegel eruit, plant erin', 'ws D 12-16 Klimaatadaptatie: ontwerp een groen schoolplein', 'cl A 14-18 Jongerenklimaatraad', 'ev I 6-14 Duurzaamheidsmarkt voor kinderen'],
    },
    {
      summaries: ['Als het donker wordt, wordt de natuur pas echt spannend.', 'Vleermuizen, uilen en egels: ontdek wie er ’s nachts op pad gaat.'],
      detail: 'Met een batdetector luister je naar vleermuizen en ontdek je welke dieren ’s nachts actief zijn.',
      also: ['wetenschap-onderzoek'],
      items: ['ex I 8-12 Vleermuizenwandeling', 'ev I 6-12 Nacht van de Nacht: wandelen in het donker', 'ws I 6-10 Nachtdieren ontdekken'],
    },
    {
      summaries: ['Onder je voeten gebeurt van alles: ontdek wat er in de bodem leeft.', 'Wormen, pissebedden en schimmels: de bodem is levend.'],
      detail: 'Je graaft een bodemprofiel, zoekt wormen en pissebedden en onderzoekt hoe compost ontstaat.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 6-9 Wormen en pissebedden', 'le I 9-12 Bodemonderzoek op het schoolplein', 'co D 12-15 Compost maken en meten'],
    },
    {
      summaries: ['Beken, essen en heide: ontdek hoe het Twentse landschap is ontstaan.', 'Wandel door het landschap en lees de sporen van boeren, water en ijs.'],
      detail: 'Je wandelt langs een beek en over de es en ontdekt hoe boeren en water het Twentse landschap hebben gevormd.',
      also: ['kunst-cultuur', 'bewegen'],
      items: ['ex I 9-12 Langs de Dinkel: beekwandeling', 'ca D 10-14 Natuurkamp op de heide', 'co A 15-18 Veldwerk voor aardrijkskunde en biologie', 'ex I 6-9 Op pad met de boswachter'],
    },
  ],

  'kunst-cultuur': [
    {
      summaries: ['Maak muziek met zelfgebouwde instrumenten, computers en beats.', 'Ontdek hoe geluid en ritme werken en maak je eigen muziek.'],
      detail: 'Je bouwt een instrument van kosteloos materiaal of maakt een beat op de computer en ontdekt hoe geluid en ritme werken.',
      also: ['programmeren-digitaal', 'wetenschap-onderzoek'],
      items: ['ws I 6-10 Instrumenten bouwen van afval', 'ws I 10-14 Beats maken op de computer', 'cl D 12-16 Muziekproductieclub', 'co A 15-18 Muziekproductie en geluidstechniek', 'ev I 4-12 Klankfestival: muziek van alles'],
    },
    {
      summaries: ['Licht, beweging en elektronica als materiaal voor kunst.', 'Maak een kunstwerk dat oplicht, beweegt of reageert op geluid.'],
      detail: 'Je maakt een kunstwerk dat licht geeft, beweegt of reageert op geluid, met ledjes, motortjes en sensoren.',
      also: ['maken-ontwerpen', 'programmeren-digitaal'],
      items: ['ws I 8-12 Lichtkunst maken', 'ws D 12-16 Bewegende kunstwerken met motortjes', 'ex I 10-14 Rondleiding: kunst en techniek in het museum'],
    },
    {
      summaries: ['Ontdek het verhaal van Twente: textielfabrieken, stoommachines en de mensen die er werkten.', 'Hoe leefden en werkten kinderen in Twente honderd jaar geleden?'],
      detail: 'Je ontdekt hoe de stoommachine het werk in de fabrieken veranderde en hoe kinderen vroeger leefden en werkten.',
      also: ['wetenschap-onderzoek', 'maken-ontwerpen'],
      items: ['ex I 8-12 Een dag in de textielfabriek van vroeger', 'lk I 9-12 Leskist Twentse industrie', 'gl I 10-12 Gastles: de stoommachine', 'ev I 4-14 Open Monumentendag voor kinderen'],
    },
    {
      summaries: ['Leer kijken door de lens: licht, compositie en de techniek van de camera.', 'Hoe werkt een camera? Bouw er zelf een en maak je eigen foto’s.'],
      detail: 'Je bouwt een camera obscura, leert hoe een lens werkt en maakt je eigen fotoserie.',
      also: ['wetenschap-onderzoek', 'programmeren-digitaal'],
      items: ['ws I 8-12 Camera obscura bouwen', 'co D 12-16 Fotografiecursus voor jongeren', 'cl A 14-18 Fotoclub: tentoonstelling maken'],
    },
    {
      summaries: ['Achter de schermen van het theater: licht, geluid en decor.', 'Wie zorgt ervoor dat een voorstelling werkt? Kijk achter het doek.'],
      detail: 'Je ontdekt hoe het licht, het geluid en het decor van een voorstelling worden gemaakt en mag zelf aan de knoppen.',
      also: ['maken-ontwerpen'],
      items: ['ex I 8-12 Achter de schermen van de schouwburg', 'ws D 12-16 Licht en geluid bij een voorstelling', 'ca I 8-12 Theaterkamp: spelen en decor bouwen', 'gl I 13-16 Gastles: werken als theatertechnicus'],
    },
    {
      summaries: ['Tekenen, ontwerpen en verhalen vertellen op papier en op het scherm.', 'Ontwerp een personage en laat het een avontuur beleven.'],
      detail: 'Je leert een personage ontwerpen en tekent een strip of een korte animatie op de tablet.',
      also: ['programmeren-digitaal'],
      items: ['ws I 6-9 Teken je eigen robot', 'ws I 9-12 Strips tekenen op de tablet', 'cl D 10-14 Teken- en animatieclub'],
    },
    {
      summaries: ['Hoe ontwerp je een huis, een park of een hele stad?', 'Kijk als een architect naar gebouwen en ontwerp je eigen droomplek.'],
      detail: 'Je bekijkt gebouwen met de ogen van een architect en bouwt een maquette van je eigen droomhuis of droomwijk.',
      also: ['maken-ontwerpen'],
      items: ['ws I 8-12 Maquette van je droomhuis', 'ex I 10-14 Architectuurwandeling door de stad', 'le D 11-12 Ontwerp je eigen wijk'],
    },
    {
      summaries: ['Verhalen over uitvinders, ontdekkers en robots, voorgelezen en nagespeeld.', 'Eerst een verhaal, dan zelf aan de slag.'],
      detail: 'Na het voorlezen ga je zelf aan de slag met een proefje of bouwopdracht uit het verhaal.',
      also: ['wetenschap-onderzoek'],
      items: ['ev I 4-8 Kinderboekenweek: voorlezen en ontdekken', 'ws I 4-7 Voorleesuurtje met proefje', 'ws I 8-11 Schrijf je eigen sciencefictionverhaal', 'lk I 4-8 Leskist Prentenboeken en proefjes'],
    },
    {
      summaries: ['Maak kunst van wat je buiten vindt: bladeren, takken en stenen.', 'De natuur als atelier: kijken, verzamelen en maken.'],
      detail: 'Je maakt kunstwerken van natuurlijke materialen en ontdekt hoe kunstenaars de natuur gebruiken.',
      also: ['natuur-duurzaamheid'],
      items: ['ws I 4-8 Landart in het park', 'ws I 8-12 Natuurlijke verf maken', 'ex I 6-12 Kunstroute door het bos'],
    },
    {
      summaries: ['Stap in een virtuele wereld en maak er zelf kunst in.', 'Nieuwe technieken, nieuwe kunst: ontdek digitale kunst.'],
      detail: 'Met een VR-bril schilder je in de ruimte en ontdek je hoe kunstenaars nieuwe technieken gebruiken.',
      also: ['programmeren-digitaal'],
      items: ['ws D 12-16 Schilderen in virtual reality', 'ol I 10-18 Digitaal atelier: vrije inloop', 'ev I 10-18 Nacht van de digitale kunst'],
    },
    {
      summaries: ['Van klomp klei tot kunstwerk: boetseren, draaien en glazuren.', 'Ontdek wat er in de oven met klei gebeurt.'],
      detail: 'Je boetseert of draait op de pottenbakkersschijf en leert wat er in de oven met klei gebeurt.',
      also: ['maken-ontwerpen', 'wetenschap-onderzoek'],
      items: ['ws I 6-10 Boetseren met klei', 'co D 11-15 Draaien op de pottenbakkersschijf', 'cl I 8-12 Kleiclub op woensdag'],
    },
  ],

  bewegen: [
    {
      summaries: ['Hoe snel ben jij? Meet je sprint, sprong en hartslag met sensoren.', 'Sporten en meten: wat zeggen de cijfers over jouw prestatie?'],
      detail: 'Je meet je snelheid, sprongkracht en hartslag met sensoren en apps en bekijkt wat de cijfers over je prestaties zeggen.',
      also: ['wetenschap-onderzoek', 'programmeren-digitaal'],
      items: ['ws I 8-12 Meten is weten: sporten met sensoren', 'le I 10-12 Gymles met data', 'co D 13-16 Sportwetenschap voor jongeren', 'ev I 6-14 Sportdag van de toekomst'],
    },
    {
      summaries: ['Alles over de fiets: rijden, repareren en ontdekken hoe hij werkt.', 'Band plakken, ketting smeren en veilig op pad.'],
      detail: 'Je leert een band plakken en een ketting smeren, ontdekt hoe versnellingen werken en oefent veilig fietsen.',
      also: ['maken-ontwerpen', 'wetenschap-onderzoek'],
      items: ['ws I 8-12 Fietsenmaker voor een middag', 'le I 9-11 Verkeersveilig op de fiets', 'ev I 6-14 Fietsfestival: crossen, sleutelen en testen', 'cl D 10-14 Mountainbikeclub met techniekhoek'],
    },
    {
      summaries: ['Rennen, springen en ondertussen rekenen, meten en ontdekken.', 'Beweegspellen waarin je meet, telt en samenwerkt.'],
      detail: 'Je doet beweegspellen waarin je tegelijk meet, telt en samenwerkt, binnen in de gymzaal of buiten op het plein.',
      also: ['wetenschap-onderzoek'],
      items: ['le I 4-7 Beweegspellen met getallen', 'le I 6-9 Buitenles: meten en rennen', 'ws I 4-6 Kleuterparcours met proefjes', 'ol I 6-12 Sportinstuif op woensdagmiddag'],
    },
    {
      summaries: ['Klimmen, balanceren en ontdekken hoe je zwaartepunt werkt.', 'Hoe sterk is een knoop? Test het op de klimwand.'],
      detail: 'Op de klimwand en de evenwichtsbalk ontdek je hoe je zwaartepunt werkt en waarom touwen en knopen zo sterk zijn.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 8-12 Klimmen en knopen', 'cl D 10-15 Klimclub', 'ca I 8-12 Avonturenkamp: klimmen, bouwen en overnachten'],
    },
    {
      summaries: ['Waarom drijft een boot en hoe zeil je tegen de wind in?', 'Op het water ontdek je hoe wind en zeilen samenwerken.'],
      detail: 'Je ontdekt op het water hoe wind en zeilen samenwerken en bouwt zelf een bootje dat je test in het bassin.',
      also: ['wetenschap-onderzoek', 'maken-ontwerpen'],
      items: ['ws I 8-12 Bootjes bouwen en testen', 'co D 10-14 Zeilcursus met natuurkunde', 'ca D 11-15 Waterkamp aan de plas'],
    },
    {
      summaries: ['Met kaart, kompas en GPS op pad: vind de weg en de verborgen schat.', 'Leer kaartlezen en navigeren, in de stad en in het bos.'],
      detail: 'Je leert kaartlezen en werken met een kompas en een GPS-ontvanger, en gaat op zoek naar verborgen schatten.',
      also: ['natuur-duurzaamheid', 'programmeren-digitaal'],
      items: ['ws I 8-12 Geocachen in de stad', 'ex I 10-14 Oriëntatieloop in het bos', 'ev I 6-14 Speurtocht met GPS voor het hele gezin', 'cl D 10-14 Scouting techniekgroep: pionieren en kaartlezen'],
    },
    {
      summaries: ['Dans, beweging en techniek: van sensoren tot lichtshow.', 'Laat licht en muziek reageren op jouw bewegingen.'],
      detail: 'Je maakt een dans waarbij licht en muziek reageren op je bewegingen, met sensoren en een laptop.',
      also: ['kunst-cultuur', 'programmeren-digitaal'],
      items: ['ws I 8-12 Dansen met sensoren', 'cl D 12-16 Dance & tech-crew', 'ev I 10-18 Lichtshowbattle'],
    },
    {
      summaries: ['Effect, stuit en snelheid: de natuurkunde van balsporten.', 'Hoe hard schiet jij? Meet het en ontdek waarom een bal zo vliegt.'],
      detail: 'Je onderzoekt waarom een bal stuitert, hoe je effect geeft en meet de snelheid van je schot met een radar.',
      also: ['wetenschap-onderzoek'],
      items: ['ws I 8-12 Voetbalnatuurkunde: meet je schot', 'le I 10-12 De natuurkunde van de bal', 'cl I 6-10 Balspelclub met proefjes'],
    },
    {
      summaries: ['Wat doet bewegen met je lijf en wat heb je nodig om fit te blijven?', 'Hart, longen en spieren: ontdek hoe je lichaam op sport reageert.'],
      detail: 'Je meet je hartslag voor en na het bewegen en ontdekt wat je spieren, hart en longen nodig hebben.',
      also: ['wetenschap-onderzoek'],
      items: ['le I 8-11 Fit en gezond: wat doet je hart?', 'gl I 12-15 Gastles: de fysiotherapeut vertelt', 'co D 14-18 Trainingsschema’s maken met data'],
    },
    {
      summaries: ['Gamen en bewegen: van e-sports tot beweeggames.', 'Ontdek hoe je gamen en sporten slim combineert.'],
      detail: 'Je speelt beweeggames, leert over houding en pauzes en ontdekt hoe je gamen en sporten combineert.',
      also: ['programmeren-digitaal'],
      items: ['ws I 10-14 Beweeggames en e-sports', 'cl D 12-18 E-sportsclub met beweegtraining', 'ev I 8-16 Game & move-dag'],
    },
    {
      summaries: ['Schaatsen, skaten en steppen: ontdek de techniek van glijden en rollen.', 'Waarom glijdt een schaats en rolt een skateboard zo ver?'],
      detail: 'Je onderzoekt wrijving en balans op wieltjes en ijzers en ontwerpt een parcours om je techniek te testen.',
      also: ['wetenschap-onderzoek', 'maken-ontwerpen'],
      items: ['ws I 8-12 Skaten en steppen: wrijving onderzoeken', 'cl D 10-16 Skateclub met bouwploeg', 'ev I 6-16 Skatejam op het plein'],
    },
  ],
};

// ---- descriptions ----

/** Opening sentences per format. */
export const formatIntros: Record<Format, string[]> = {
  workshop: ['In deze workshop ga je zelf aan de slag.', 'Een middag lang onderzoeken, proberen en maken.', 'Je werkt in kleine groepjes, met hulp van een begeleider.'],
  club: ['In de club kom je elke week samen met kinderen die dit ook leuk vinden.', 'Elke week een nieuwe uitdaging, met dezelfde groep.', 'Een vaste groep, een vaste plek en elke week iets nieuws.'],
  lesson: ['Een les voor de hele klas, op school.', 'De les sluit aan bij wat de klas al doet in wereldoriëntatie.', 'De leerkracht krijgt vooraf een korte voorbereiding toegestuurd.'],
  guest_lesson: ['Een gastdocent uit de praktijk komt naar de klas.', 'Een vakman of vakvrouw vertelt over het werk en laat de klas zelf proberen.', 'Echte mensen uit het vak, in je eigen klas.'],
  excursion: ['Met de klas of met het gezin op pad.', 'Een uitstapje met veel te zien en te doen.', 'Buiten de school leer je het meest: kom kijken en doe mee.'],
  lesson_kit: ['Een leskist met alle materialen en een handleiding voor de leerkracht, drie weken te leen.', 'De leskist wordt op school bezorgd en weer opgehaald.', 'Alles zit erin: materialen, opdrachtkaarten en een lesplan.'],
  event: ['Een feestelijke dag voor het hele gezin: loop binnen wanneer je wilt.', 'Kom langs, kijk rond en doe mee waar je zin in hebt.', 'Een dag vol proefjes, bouwen en ontdekken.'],
  camp: ['Een vakantiekamp van een paar dagen vol proeven, bouwen en buitenspelen.', 'Een paar dagen achter elkaar met dezelfde groep op avontuur.', 'In de vakantie, elke dag een nieuwe opdracht, met lunch en buitenspelen.'],
  course: ['Een cursus van een paar weken waarin je stap voor stap beter wordt.', 'Elke les bouwt voort op de vorige; aan het eind heb je iets dat je kunt laten zien.', 'Een vaste groep en een vaste docent, een aantal weken lang.'],
  open_lab: ['Loop binnen in het open lab: er staat altijd iets klaar om mee te beginnen.', 'Geen aanmelding nodig: kom wanneer het je uitkomt en blijf zo lang je wilt.', 'Vrije inloop met begeleiders die je op weg helpen.'],
};

export const levelSentences: Record<Level, string[]> = {
  introduction: ['Je hoeft niets te kunnen: iedereen kan meedoen.', 'Ideaal als eerste kennismaking.', 'Geen ervaring nodig.'],
  deepening: ['Handig als je al eens iets met dit onderwerp hebt gedaan.', 'Je gaat verder waar een eerste kennismaking ophoudt.', 'Voor wie al een beetje ervaring heeft en meer wil.'],
  advanced: ['Voor kinderen en jongeren die al ervaring hebben en een echte uitdaging zoeken.', 'Je werkt zelfstandig aan een groter project.', 'Pittig, maar met goede begeleiding.'],
};

export const practicalSentences = [
  'Alle materialen zijn aanwezig.',
  'Trek kleren aan die vies mogen worden.',
  'Neem iets te drinken mee.',
  'Ouders zijn welkom om te blijven kijken.',
  'Wat je maakt, neem je mee naar huis.',
  'Je hoeft niets mee te nemen.',
  'Er is ranja en iets lekkers in de pauze.',
];

export const outdoorSentence = 'We gaan ook naar buiten, dus trek kleding en schoenen aan die tegen een stootje kunnen.';
export const onlineSentence = 'Je doet mee vanuit huis; je hebt een laptop of computer met internet nodig.';
export const onRequestSentence = 'Op aanvraag: neem contact op om een datum af te spreken.';

// ---- prices ----

export const reductionTexts = [
  'Gratis met de Stadspas',
  'Gratis met de Stadspas; vergoeding mogelijk via het Jeugdfonds Sport & Cultuur',
  'Halve prijs met de Stadspas',
  'Korting voor broertjes en zusjes',
  'Kan de prijs een probleem zijn? Neem contact op, we zoeken samen naar een oplossing.',
];

export const priceNotes: Partial<Record<Format, string[]>> = {
  workshop: ['inclusief materiaal', 'per kind, inclusief materiaal'],
  club: ['per serie', 'per serie, inclusief materiaal'],
  camp: ['voor het hele kamp, inclusief lunch', 'inclusief lunch en materialen'],
  course: ['voor de hele cursus', 'inclusief materiaal'],
  excursion: ['per leerling', 'per kind; begeleiders gratis'],
  event: ['entree per kind; volwassenen gratis'],
  lesson_kit: ['huur per drie weken'],
  guest_lesson: ['per klas'],
  lesson: ['per klas'],
  open_lab: ['per keer'],
};

// ---- next steps ----

export const nextStepReasons = {
  deepenClub: ['Vond je dit leuk? In de club ga je er elke week mee verder.', 'Smaakt dit naar meer? In de club leer je elke week iets nieuws.'],
  deepenCourse: ['Wil je er echt goed in worden? In deze cursus leer je het stap voor stap.', 'Een cursus van een paar weken: zo word je er echt goed in.'],
  deepen: ['Kun je dit al? Hier ga je een stap verder met hetzelfde onderwerp.', 'Wil je dieper duiken? Dit is de volgende stap.', 'Hier leer je er meer over, op een hoger niveau.'],
  broaden: [
    'Vond je dit leuk? Probeer dan ook eens iets met {theme}.',
    'Hier gebruik je wat je geleerd hebt op een heel andere manier.',
    'Hetzelfde ontdekken en uitproberen, maar dan met {theme}.',
    'Kijk eens verder: ook bij {theme} valt veel te ontdekken.',
  ],
  onRampWalkIn: ['Eerst even proeven? Hier kun je zonder aanmelding binnenlopen.', 'Gewoon binnenlopen, zonder aanmelding: een makkelijke eerste stap.'],
  onRampFree: ['Gratis en dicht bij huis: een mooie eerste kennismaking.'],
  onRamp: ['Kennisgemaakt in de klas? Hier kun je na schooltijd verder, bij jou in de buurt.', 'Een kleine, makkelijke stap om te beginnen.'],
} as const;

// ---- organisations ----

/**
 * Name parts per sector: a name is `prefix + " " + name` (or just the name
 * when the prefix is empty). A name may carry `|theme,theme` to say what it
 * offers (otherwise the sector's themes apply) and then `@area,area` for the
 * demo areas (region.ts) where it has locations (otherwise one is drawn).
 */
export const organisationNames: Record<Sector, { prefixes: string[]; names: string[] }> = {
  school_primary: {
    prefixes: ['OBS', 'CBS', 'KBS', 'IKC', 'Basisschool', 'Kindcentrum'],
    names: [
      'De Esrand', 'De Vlinderboom', 'Het Twekkelveld', 'De Tuinfluiter', 'De Globe', 'De Zonnewijzer', 'Het Anker', 'De Klimop',
      'De Zevensprong', 'De Windroos', 'De Ark', 'De Schelf', 'De Kolibrie', 'De Lindeboom', 'De Kwikstaart', 'De Veldkamp',
      'De Bron', 'Het Buurserzand', 'De Dinkelweide', 'De Hofmeester', 'De Regenboog', 'De Bolster', 'Het Spectrum', 'De Wilgenhoek',
      'De Zandloper', 'Het Kompas', 'De Eikenhorst', 'De Vonk',
    ],
  },
  school_secondary: {
    prefixes: ['Scholengemeenschap', 'Lyceum', 'College', 'Vakcollege'],
    names: ['Het Esdal', 'De Twentse Poort', 'De Beekzijde', 'Het Losserveld', 'De Bleek', 'Het Weverseiland', 'De Hooge Boekel'],
  },
  school_special: {
    prefixes: ['SO/VSO', 'Expertisecentrum', 'VSO'],
    names: ['De Bongerd', 'Het Baken', 'De Toekomst'],
  },
  vocational: {
    prefixes: [''],
    names: [
      'Techniekcollege Oost|maken-ontwerpen,programmeren-digitaal,wetenschap-onderzoek',
      'MBO Vakschool Twente|maken-ontwerpen,programmeren-digitaal,bewegen',
      'Hogeschool Oost, Academie Techniek en Design|maken-ontwerpen,programmeren-digitaal,wetenschap-onderzoek,kunst-cultuur',
      'Groen College Twente|natuur-duurzaamheid,maken-ontwerpen',
    ],
  },
  museum: {
    prefixes: [''],
    names: [
      'Museum Het Weverhuis|kunst-cultuur,maken-ontwerpen',
      'Techniekmuseum De Stoomfabriek|maken-ontwerpen,wetenschap-onderzoek,kunst-cultuur',
      'Natuurmuseum De Vossenburcht|natuur-duurzaamheid,wetenschap-onderzoek',
      'Erfgoedhuis Almelo|kunst-cultuur,maken-ontwerpen@alm-c',
    ],
  },
  science_centre: {
    prefixes: [''],
    names: [
      'Ontdekfabriek Twente|wetenschap-onderzoek,programmeren-digitaal,maken-ontwerpen,natuur-duurzaamheid@ens-c',
      'Science Hub Hengelo|wetenschap-onderzoek,programmeren-digitaal,maken-ontwerpen@hgl-c',
      'Jonge Onderzoekers Academie|wetenschap-onderzoek,programmeren-digitaal',
    ],
  },
  library: {
    prefixes: ['Bibliotheek'],
    names: ['De Leesboog@hgl-c,bor', 'Noordoost-Twente@old,los', 'Zuid-Twente@hks,goor', 'Het Boekenhuis@alm-c,alm-n'],
  },
  maker_space: {
    prefixes: [''],
    names: [
      'Maakhal Hengelo|maken-ontwerpen,programmeren-digitaal,kunst-cultuur@hgl-o',
      'Fablab De Spoel|maken-ontwerpen,programmeren-digitaal',
      'Makerspace Het Ambacht|maken-ontwerpen,programmeren-digitaal,natuur-duurzaamheid',
    ],
  },
  culture: {
    prefixes: [''],
    names: [
      'Kunstencentrum De Klankkast|kunst-cultuur,programmeren-digitaal,bewegen',
      'Muziek- en Dansschool De Toonladder|kunst-cultuur,bewegen',
      'Stadstheater De Kuip|kunst-cultuur,maken-ontwerpen',
      'Filmhuis De Lichtbundel|kunst-cultuur,programmeren-digitaal',
      'Cultuurhuis De Spinnerij|kunst-cultuur,maken-ontwerpen,natuur-duurzaamheid',
    ],
  },
  company: {
    prefixes: [''],
    names: [
      'Reggestroom Energie|natuur-duurzaamheid,wetenschap-onderzoek',
      'Dinkel Engineering|maken-ontwerpen,wetenschap-onderzoek',
      'Twentse Kabelfabriek|maken-ontwerpen,wetenschap-onderzoek',
      'Hengelose Metaalwerken|maken-ontwerpen@hgl-z',
      'Bits & Bytes Oost|programmeren-digitaal',
      'Zuivelhoeve De Groene Akker|natuur-duurzaamheid,maken-ontwerpen',
      'Bouwcombinatie Oost|maken-ontwerpen,kunst-cultuur',
      'Luchtbeeld Oost|programmeren-digitaal,wetenschap-onderzoek',
      'CyberVeilig Oost|programmeren-digitaal',
    ],
  },
  out_of_school_care: {
    prefixes: ['BSO', 'Kinderopvang'],
    names: ['De Speelvogel', 'Het Klavertje', 'De Boomhut', 'Buitenpret'],
  },
  youth_work: {
    prefixes: [''],
    names: [
      'Jongerenwerk Stadsdeel Zuid|bewegen,programmeren-digitaal,kunst-cultuur@ens-z,ens-o',
      'Jongerencentrum De Kelder|kunst-cultuur,programmeren-digitaal,bewegen',
      'Jongerenplek De Schakel|bewegen,maken-ontwerpen,programmeren-digitaal',
    ],
  },
  nature: {
    prefixes: [''],
    names: [
      'Natuur- en Milieucentrum De Hazelaar|natuur-duurzaamheid,wetenschap-onderzoek@ens-z',
      'Kinderboerderij ’t Wolletje|natuur-duurzaamheid',
      'Stichting Beek en Es|natuur-duurzaamheid,bewegen@los',
      'Stichting Bos en Heide Zuid-Twente|natuur-duurzaamheid,bewegen@hks',
    ],
  },
  club: {
    prefixes: [''],
    names: [
      'Sterrenwachtvereniging Orion|wetenschap-onderzoek,natuur-duurzaamheid',
      'Scouting De Twentse Vossen|bewegen,natuur-duurzaamheid,maken-ontwerpen',
      'Atletiekvereniging De Haas|bewegen',
      'Klimvereniging De Grip|bewegen',
      'Watersportvereniging De Plas|bewegen,natuur-duurzaamheid',
      'Jeugdschaakclub Het Paard|programmeren-digitaal,bewegen',
      'Fietscrossclub De Kuilen|bewegen,maken-ontwerpen',
      'Imkersvereniging De Honingraat|natuur-duurzaamheid',
    ],
  },
  municipality: {
    prefixes: ['Gemeente'],
    names: ['Enschede|natuur-duurzaamheid,bewegen@ens-c', 'Hengelo|natuur-duurzaamheid,bewegen@hgl-c', 'Almelo|natuur-duurzaamheid,bewegen@alm-c'],
  },
  other: {
    prefixes: [''],
    names: [
      'Stichting Techniekpromotie Oost|wetenschap-onderzoek,maken-ontwerpen,programmeren-digitaal',
      'Wijkcentrum De Pas|maken-ontwerpen,kunst-cultuur,bewegen',
      'Repaircafé Twente|maken-ontwerpen,natuur-duurzaamheid,programmeren-digitaal',
    ],
  },
};

/** Themes an organisation of a sector offers when its name says nothing. */
export const sectorThemes: Record<Sector, ThemeSlug[]> = {
  school_primary: [...themeSlugs],
  school_secondary: [...themeSlugs],
  school_special: [...themeSlugs],
  vocational: ['maken-ontwerpen', 'programmeren-digitaal', 'wetenschap-onderzoek'],
  museum: ['kunst-cultuur', 'wetenschap-onderzoek', 'maken-ontwerpen'],
  science_centre: ['wetenschap-onderzoek', 'programmeren-digitaal', 'maken-ontwerpen', 'natuur-duurzaamheid'],
  library: ['programmeren-digitaal', 'wetenschap-onderzoek', 'kunst-cultuur', 'maken-ontwerpen'],
  maker_space: ['maken-ontwerpen', 'programmeren-digitaal', 'kunst-cultuur'],
  culture: ['kunst-cultuur'],
  company: ['maken-ontwerpen', 'wetenschap-onderzoek'],
  out_of_school_care: [...themeSlugs],
  youth_work: ['bewegen', 'programmeren-digitaal', 'kunst-cultuur', 'maken-ontwerpen'],
  nature: ['natuur-duurzaamheid'],
  club: ['bewegen'],
  municipality: ['natuur-duurzaamheid', 'bewegen'],
  other: [...themeSlugs],
};

/** One-sentence descriptions per sector; `{name}` and `{town}` are filled in. */
export const organisationDescriptions: Record<Sector, string[]> = {
  school_primary: ['{name} is een basisschool in {town} met aandacht voor wetenschap en technologie in elke groep.', 'Basisschool in {town}; na schooltijd staan de deuren open voor clubs uit de buurt.'],
  school_secondary: ['{name} in {town} biedt vmbo, havo en vwo, met een technieklokaal dat ook na schooltijd open is.', 'School voor voortgezet onderwijs in {town} met een sterk bètaprofiel.'],
  school_special: ['{name} in {town} is een school voor speciaal (voortgezet) onderwijs, met kleine klassen en veel praktijk.'],
  vocational: ['{name} leidt jongeren op voor de techniek en laat kinderen graag proeven aan het vak.', 'Onderwijsinstelling in {town} met werkplaatsen die open staan voor scholieren.'],
  museum: ['{name} in {town} laat zien hoe techniek, kunst en het dagelijks leven in Twente samenhangen.', 'Museum in {town} met een educatieafdeling voor scholen en gezinnen.'],
  science_centre: ['{name} is een plek in {town} waar kinderen zelf mogen proberen, onderzoeken en ontdekken.'],
  library: ['{name} is meer dan boeken: een plek om te leren, te maken en te programmeren.', 'De bibliotheek in {town} heeft een makerplaats en een vast programma voor kinderen.'],
  maker_space: ['{name} is een werkplaats in {town} met 3D-printers, een lasersnijder en gereedschap, open voor iedereen.'],
  culture: ['{name} in {town} brengt kunst, muziek en techniek samen voor kinderen en jongeren.'],
  company: ['{name} uit {town} opent de deuren voor scholieren en stuurt medewerkers als gastdocent naar de klas.', 'Bedrijf in {town} dat jongeren wil laten zien hoe mooi werken in de techniek is.'],
  out_of_school_care: ['{name} is buitenschoolse opvang in {town} met elke week een ontdekactiviteit.'],
  youth_work: ['{name} is er voor jongeren in {town}: een plek om te chillen, te maken en te leren.'],
  nature: ['{name} laat kinderen in en rond {town} de natuur ontdekken, met excursies en een doe-tuin.'],
  club: ['{name} is een vereniging in {town} met een actieve jeugdafdeling.'],
  municipality: ['{name} werkt met scholen en partners aan kansen voor ieder kind in de gemeente.'],
  other: ['{name} verbindt scholen, bedrijven en instellingen in Twente rond techniek en talent.', '{name} in {town} organiseert activiteiten voor kinderen uit de wijk.'],
};

/** Dutch texts shared by everything around the pass: codes, check-ins, issuing (spread into the catalogue in ../nl.ts). */
export const passesNl = {
  'error.notFound.pass': 'Deze pas bestaat niet (meer).',
  'error.notFound.batch': 'Deze klas met passen bestaat niet.',
  'error.notFound.learningPath': 'Deze leerroute bestaat niet.',
  'error.notFound.achievement': 'Dit insigne bestaat niet.',
  'error.notFound.badge': 'Dit insigne is niet (meer) uitgereikt.',

  'passes.code.empty': 'Vul de code van de pas in.',
  'passes.code.characters': 'Een pascode bestaat alleen uit cijfers en letters (zonder I, L, O en U). Kijk de code nog eens na.',
  'passes.code.length': 'Een pascode heeft 17 tekens, zoals 7K3M-9QXD-2HBA-WT4R-8. Kijk de code nog eens na.',
  'passes.code.check': 'Deze code klopt niet: er is waarschijnlijk een teken verkeerd overgenomen. Kijk de code nog eens na.',
  'passes.code.unknown': 'Deze pas kennen we niet in dit leerecosysteem.',
  'passes.scan.deviceScanId': 'De scan mist een geldig kenmerk van het apparaat. Laad de scanpagina opnieuw.',
  'passes.scan.deviceScanIdReused': 'Dit scankenmerk is al gebruikt voor een andere scan. Laad de scanpagina opnieuw.',
  'passes.scan.when': 'Het tijdstip van de scan is onleesbaar.',
  'passes.scan.future': 'Het tijdstip van de scan ligt in de toekomst. Staat de klok van dit apparaat goed?',
  'passes.scan.unknownSession': 'Deze bijeenkomst bestaat niet.',
  'passes.scan.activityNotOpen': 'Deze activiteit is niet gepubliceerd of gearchiveerd; scannen kan niet.',
  'passes.scan.cancelled': 'Deze bijeenkomst is afgelast; scannen kan niet.',
  'passes.scan.otherDay': 'Scannen kan alleen op de dag van de bijeenkomst.',
  'passes.batch.size': 'Kies een aantal van 1 tot en met {max} passen.',
  'passes.batch.unknownSchool': 'Kies een school uit de lijst.',
} as const;

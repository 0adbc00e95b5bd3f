/** Dutch texts of the network pages: partners, people, roles, schools (spread into the catalogue in ../nl.ts). */
export const networkNl = {
  'error.notFound.school': 'Deze school bestaat niet in dit leerecosysteem.',
  'error.notFound.person': 'Deze persoon bestaat niet in dit leerecosysteem.',
  'error.notFound.networkRole': 'Deze rol bestaat niet (meer).',
} as const;

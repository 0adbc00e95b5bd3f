/**
 * The demo region, modelled on Twente. Town names are real; codes, coordinates,
 * child counts and SES tiers are approximate or invented, and the outlines are
 * simple hexagons around the centroid, not the real boundaries (the map only
 * needs something plausible to draw without tiles).
 */

export const demoEcosystem = {
  slug: 'twente-demo',
  name: 'Leerecosysteem Twente (demo)',
  municipalities: ['Enschede', 'Hengelo', 'Almelo', 'Oldenzaal', 'Borne', 'Haaksbergen', 'Losser', 'Hof van Twente'],
} as const;

/** Age bands used for the child population of a neighbourhood. */
export const ageBands = ['4-7', '8-11', '12-15', '16-18'] as const;

export interface DemoArea {
  /** Key used inside the demo data to refer to the area. */
  key: string;
  /** CBS-style code: BU (buurt), WK (wijk) or GM (whole municipality). */
  cbsCode: string;
  name: string;
  /** Short label used in location names, e.g. "Bibliotheek Twentestad – Centrum". */
  short: string;
  municipality: string;
  lat: number;
  lng: number;
  /** Rough radius of the area in degrees latitude, for the outline and postcode spread. */
  radius: number;
  /** Children per age band 4-7, 8-11, 12-15, 16-18. */
  children: [number, number, number, number];
  /** 1 = lowest socio-economic status, 5 = highest. */
  sesTier: 1 | 2 | 3 | 4 | 5;
  /** Four-digit postcode areas in this area; `7587:De Lutte` gives a place other than the municipality. */
  postcodes: string[];
}

export const demoAreas: DemoArea[] = [
  { key: 'ens-c', cbsCode: 'WK015300', name: 'Enschede Centrum', short: 'Centrum', municipality: 'Enschede', lat: 52.2215, lng: 6.8937, radius: 0.009, children: [980, 910, 860, 720], sesTier: 3, postcodes: ['7511', '7512', '7513', '7514'] },
  { key: 'ens-n', cbsCode: 'WK015301', name: 'Enschede Noord', short: 'Noord', municipality: 'Enschede', lat: 52.2395, lng: 6.8905, radius: 0.011, children: [1420, 1330, 1210, 980], sesTier: 2, postcodes: ['7521', '7522', '7523', '7524'] },
  { key: 'ens-o', cbsCode: 'BU01530205', name: 'Velve-Lindenhof', short: 'Velve-Lindenhof', municipality: 'Enschede', lat: 52.2265, lng: 6.9175, radius: 0.006, children: [410, 380, 350, 300], sesTier: 1, postcodes: ['7531', '7532'] },
  { key: 'ens-z', cbsCode: 'WK015303', name: 'Enschede Zuid', short: 'Zuid', municipality: 'Enschede', lat: 52.1985, lng: 6.883, radius: 0.012, children: [1510, 1490, 1400, 1150], sesTier: 4, postcodes: ['7541', '7542', '7543', '7544', '7545', '7546'] },
  { key: 'ens-w', cbsCode: 'WK015304', name: 'Enschede West', short: 'West', municipality: 'Enschede', lat: 52.224, lng: 6.858, radius: 0.01, children: [1180, 1090, 990, 830], sesTier: 2, postcodes: ['7525', '7547', '7548'] },
  { key: 'ens-g', cbsCode: 'WK015305', name: 'Glanerbrug', short: 'Glanerbrug', municipality: 'Enschede', lat: 52.2135, lng: 6.971, radius: 0.008, children: [640, 610, 580, 470], sesTier: 2, postcodes: ['7533', '7534'] },
  { key: 'hgl-c', cbsCode: 'WK016400', name: 'Hengelo Centrum', short: 'Centrum', municipality: 'Hengelo', lat: 52.2658, lng: 6.7931, radius: 0.008, children: [760, 700, 650, 560], sesTier: 3, postcodes: ['7550', '7551', '7552', '7553'] },
  { key: 'hgl-n', cbsCode: 'WK016401', name: 'Hengelo Noord', short: 'Noord', municipality: 'Hengelo', lat: 52.284, lng: 6.786, radius: 0.01, children: [1210, 1160, 1080, 900], sesTier: 3, postcodes: ['7554', '7555', '7556'] },
  { key: 'hgl-z', cbsCode: 'WK016402', name: 'Hengelo Zuid', short: 'Zuid', municipality: 'Hengelo', lat: 52.248, lng: 6.79, radius: 0.01, children: [1090, 1050, 990, 820], sesTier: 4, postcodes: ['7557', '7558'] },
  { key: 'hgl-o', cbsCode: 'BU01640304', name: 'Berflo Es', short: 'Berflo Es', municipality: 'Hengelo', lat: 52.272, lng: 6.818, radius: 0.006, children: [450, 420, 380, 310], sesTier: 1, postcodes: ['7559'] },
  { key: 'alm-c', cbsCode: 'WK014100', name: 'Almelo Centrum', short: 'Centrum', municipality: 'Almelo', lat: 52.3567, lng: 6.6625, radius: 0.008, children: [820, 760, 700, 610], sesTier: 2, postcodes: ['7600', '7601', '7602', '7603'] },
  { key: 'alm-n', cbsCode: 'WK014101', name: 'Almelo Noord', short: 'Noord', municipality: 'Almelo', lat: 52.373, lng: 6.67, radius: 0.01, children: [1120, 1060, 990, 840], sesTier: 2, postcodes: ['7604', '7605', '7606'] },
  { key: 'alm-z', cbsCode: 'WK014102', name: 'Almelo Zuid', short: 'Zuid', municipality: 'Almelo', lat: 52.339, lng: 6.644, radius: 0.01, children: [1050, 1010, 940, 780], sesTier: 4, postcodes: ['7607', '7608', '7609'] },
  { key: 'old', cbsCode: 'GM0173', name: 'Oldenzaal', short: 'Oldenzaal', municipality: 'Oldenzaal', lat: 52.313, lng: 6.929, radius: 0.018, children: [1580, 1540, 1490, 1260], sesTier: 3, postcodes: ['7570', '7571', '7572', '7573', '7574', '7575'] },
  { key: 'bor', cbsCode: 'GM0147', name: 'Borne', short: 'Borne', municipality: 'Borne', lat: 52.301, lng: 6.752, radius: 0.015, children: [1240, 1190, 1110, 930], sesTier: 4, postcodes: ['7621', '7622', '7623'] },
  { key: 'hks', cbsCode: 'GM0158', name: 'Haaksbergen', short: 'Haaksbergen', municipality: 'Haaksbergen', lat: 52.156, lng: 6.739, radius: 0.016, children: [1130, 1120, 1090, 950], sesTier: 3, postcodes: ['7481', '7482', '7483'] },
  { key: 'los', cbsCode: 'GM0168', name: 'Losser', short: 'Losser', municipality: 'Losser', lat: 52.261, lng: 7.005, radius: 0.02, children: [980, 960, 930, 820], sesTier: 3, postcodes: ['7581', '7582', '7587:De Lutte'] },
  { key: 'goor', cbsCode: 'GM1735', name: 'Goor (Hof van Twente)', short: 'Goor', municipality: 'Hof van Twente', lat: 52.234, lng: 6.587, radius: 0.015, children: [820, 800, 780, 690], sesTier: 3, postcodes: ['7471', '7472'] },
];

/** The place name for postal addresses in an area (Goor lies in the municipality Hof van Twente). */
export function placeOf(area: DemoArea): string {
  return area.key === 'goor' ? 'Goor' : area.municipality;
}

/** A GeoJSON Polygon geometry: a slightly irregular hexagon around the centroid (approximate, invented). */
export function hexagonOutline(area: DemoArea): { type: 'Polygon'; coordinates: number[][][] } {
  const wobble = [1, 0.88, 1.1, 0.95, 1.06, 0.91];
  const lngScale = 1 / Math.cos((area.lat * Math.PI) / 180);
  const ring: number[][] = wobble.map((w, i) => {
    const angle = (Math.PI / 3) * i + Math.PI / 6;
    return [round(area.lng + Math.cos(angle) * area.radius * w * lngScale), round(area.lat + Math.sin(angle) * area.radius * w)];
  });
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

export interface DemoPostcode {
  postcode: string;
  place: string;
  lat: number;
  lng: number;
  areaKey: string;
}

/** Postcode areas spread evenly inside their area, so distance search from a postcode behaves sensibly. */
export function demoPostcodes(): DemoPostcode[] {
  const result: DemoPostcode[] = [];
  for (const area of demoAreas) {
    const n = area.postcodes.length;
    const lngScale = 1 / Math.cos((area.lat * Math.PI) / 180);
    area.postcodes.forEach((entry, i) => {
      const [postcode, place] = entry.split(':') as [string, string | undefined];
      // The first postcode sits at the centre (the town centre); the others around it.
      const r = i === 0 ? 0 : area.radius * 0.55;
      const angle = n > 1 ? (2 * Math.PI * (i - 1)) / Math.max(1, n - 1) : 0;
      result.push({
        postcode,
        place: place ?? placeOf(area),
        lat: round(area.lat + Math.sin(angle) * r),
        lng: round(area.lng + Math.cos(angle) * r * lngScale),
        areaKey: area.key,
      });
    });
  }
  return result;
}

/** Street names common in Twente towns; house numbers are invented. */
export const streets = [
  'Stationsstraat', 'Kerkstraat', 'Marktstraat', 'Molenstraat', 'Schoolstraat', 'Beukenlaan', 'Eikenlaan', 'Lindelaan',
  'Esweg', 'Veldweg', 'Fabrieksstraat', 'Spinnerstraat', 'Weverstraat', 'Brinkstraat', 'Hofstraat', 'Kastanjelaan',
  'Meidoornstraat', 'Merelstraat', 'Lijsterstraat', 'Zonnebloemstraat', 'Boekweitstraat', 'Katoenstraat', 'Twekkelerweg',
  'Haaksbergerstraat', 'Oldenzaalsestraat', 'Deldenerstraat', 'Wierdensestraat', 'Grotestraat', 'Nieuwstraat', 'Parkweg',
  'Bleekweg', 'Vlasakker', 'Hazelaarstraat', 'Berkenweg', 'Dennenweg', 'Ruiterweg', 'Akkerstraat', 'Populierenlaan',
] as const;

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

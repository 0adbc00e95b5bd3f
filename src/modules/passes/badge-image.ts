import { inflateSync } from 'node:zlib';

/**
 * The badge as a picture, and the credential "baked" into it (OB 3.0 §5.3,
 * "Baked Badge"): an SVG with `<openbadges:credential verify="…">` right after
 * the `<svg>` tag. We draw SVG only: it is text, so it needs no image
 * library, stays sharp at every size and is small. Reading also takes PNG,
 * because badges are often converted and shared as PNG elsewhere.
 */

/** One colour per standard theme; dark enough for white text (contrast ≥ 4.5:1). */
const themeColours: Record<string, string> = {
  'wetenschap-onderzoek': '#1d4f91',
  'programmeren-digitaal': '#5b2a86',
  'maken-ontwerpen': '#9c3d00',
  'natuur-duurzaamheid': '#2e6b30',
  'kunst-cultuur': '#a4243b',
  bewegen: '#00677f',
};
const fallbackColour = '#154273';
const hexColour = /^#[0-9a-fA-F]{6}$/;

/** The badge's colour: its theme's, else the ecosystem's accent colour, else a dark blue. */
export function badgeColour(themeSlug: string | null | undefined, ecosystemColour: string | undefined): string {
  if (themeSlug && themeColours[themeSlug]) return themeColours[themeSlug];
  return ecosystemColour && hexColour.test(ecosystemColour) ? ecosystemColour : fallbackColour;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Breaks a name into at most `maxLines` lines of about `width` characters; a longer name ends in "…". */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line === '') line = piece;
    else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

export interface BadgeImageInput {
  name: string;
  /** The ecosystem's name, on the ribbon. */
  issuerName: string;
  colour: string;
}

/** A round badge with a ribbon: the achievement's name in the middle, the issuer on the ribbon. */
export function badgeSvg(input: BadgeImageInput): string {
  const colour = hexColour.test(input.colour) ? input.colour : fallbackColour;
  const lines = wrapText(input.name, 16, 3);
  const fontSize = lines.length === 3 ? 34 : 40;
  const lineHeight = fontSize * 1.15;
  const firstY = 262 - ((lines.length - 1) * lineHeight) / 2;
  const issuer = wrapText(input.issuerName, 30, 1)[0] ?? '';
  const text = lines
    .map((l, i) => `<text x="256" y="${(firstY + i * lineHeight).toFixed(1)}" text-anchor="middle" font-size="${fontSize}" font-weight="700" fill="#1b1b1b">${escapeXml(l)}</text>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-label="${escapeXml(`${input.name}, ${input.issuerName}`)}" font-family="Arial, Helvetica, sans-serif">` +
    `<title>${escapeXml(input.name)}</title>` +
    `<path d="M150 360 L110 500 L170 470 L200 520 L240 380 Z" fill="${colour}" opacity="0.85"/>` +
    `<path d="M362 360 L402 500 L342 470 L312 520 L272 380 Z" fill="${colour}" opacity="0.85"/>` +
    `<circle cx="256" cy="240" r="210" fill="${colour}"/>` +
    `<circle cx="256" cy="240" r="178" fill="#ffffff"/>` +
    `<circle cx="256" cy="240" r="165" fill="none" stroke="${colour}" stroke-width="4" stroke-dasharray="3 9"/>` +
    `<path d="M256 92 l13 27 30 4 -22 21 5 30 -26 -14 -26 14 5 -30 -22 -21 30 -4 z" fill="${colour}"/>` +
    text +
    `<rect x="96" y="372" width="320" height="56" rx="10" fill="${colour}"/>` +
    `<text x="256" y="408" text-anchor="middle" font-size="22" font-weight="700" fill="#ffffff">${escapeXml(issuer)}</text>` +
    '</svg>'
  );
}

const obNamespace = 'https://purl.imsglobal.org/ob/v3p0';

/** Bakes a VC-JWT into an SVG: the namespace on `<svg>`, the credential element directly after it. */
export function bakeSvg(svg: string, jwt: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('not an SVG');
  const tag = open[0].replace(/^<svg\b/, `<svg xmlns:openbadges="${obNamespace}"`);
  const element = `<openbadges:credential verify="${escapeXml(jwt)}"></openbadges:credential>`;
  return svg.slice(0, open.index) + tag + element + svg.slice(open.index + open[0].length);
}

/** What an image holds: a credential (a JWT or JSON text), none, or bytes we cannot read. */
export type Extracted = { kind: 'credential'; text: string } | { kind: 'none' } | { kind: 'unreadable' };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Math.min(Number(dec), 0x10ffff));
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name]!;
  });
}

/** The first `<openbadges:credential>` of an SVG: its `verify` attribute (VC-JWT) or its CDATA body (JSON). */
export function extractFromSvg(svg: string): Extracted {
  const element = /<openbadges:credential\b([^>]*?)(\/>|>([\s\S]*?)<\/openbadges:credential\s*>)/.exec(svg);
  if (!element) return { kind: 'none' };
  const verify = /\bverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(element[1] ?? '');
  if (verify) return { kind: 'credential', text: unescapeXml(verify[1] ?? verify[2] ?? '').trim() };
  const body = element[3] ?? '';
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(body);
  const text = (cdata ? cdata[1]! : unescapeXml(body)).trim();
  return text === '' ? { kind: 'none' } : { kind: 'credential', text };
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(pngSignature);
}

/**
 * The text of the first iTXt chunk with keyword `openbadgecredential` (OB 3.0
 * §5.3.1). The chunks are walked by their lengths, never past the end; a
 * compressed text (which the standard forbids, but some tools write) is
 * inflated with a cap so a small file cannot unpack into a huge one.
 */
export function extractFromPng(bytes: Buffer): Extracted {
  if (!isPng(bytes)) return { kind: 'unreadable' };
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) return { kind: 'unreadable' };
    if (type === 'iTXt') {
      const data = bytes.subarray(dataStart, dataEnd);
      const keywordEnd = data.indexOf(0);
      if (keywordEnd > 0 && data.toString('latin1', 0, keywordEnd) === 'openbadgecredential') {
        const compressed = data[keywordEnd + 1] === 1;
        const languageEnd = data.indexOf(0, keywordEnd + 3);
        const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
        if (translatedEnd < 0) return { kind: 'unreadable' };
        const raw = data.subarray(translatedEnd + 1);
        try {
          const text = (compressed ? inflateSync(raw, { maxOutputLength: 1_000_000 }) : raw).toString('utf8').trim();
          return text === '' ? { kind: 'none' } : { kind: 'credential', text };
        } catch {
          return { kind: 'unreadable' };
        }
      }
    }
    if (type === 'IEND') break;
    at = dataEnd + 4;
  }
  return { kind: 'none' };
}

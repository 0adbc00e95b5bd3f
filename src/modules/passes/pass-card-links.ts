/**
 * The public addresses printed on a pass card and encoded in its QR code. One
 * place, because the cards outlive any later change of routes: a printed card
 * keeps pointing at these paths for years.
 *
 * The QR code holds the pass's landing page (`/pas/<CODE>`): a phone's own
 * camera opens it (a short public page about the pass), and the scan page
 * reads the code from the same address.
 */
export const passCardPaths = {
  /** The public page a scanned QR code opens; `<code>` is the normalised code. */
  landing: (code: string) => `/pas/${code}`,
  /** Where a child or parent opens the path page with the code and the secret. */
  pathPage: '/mijn-pad',
  /** Where a parent manages consent, the profile, export and deletion. */
  parentPage: '/ouders',
} as const;

/**
 * The ecosystem's public base address for printing: the configured public URL
 * plus `/e/<slug>`, which every host serves (a host mapped to the ecosystem
 * passes `/e/…` paths through), so a card works whatever hosts come and go.
 */
export function ecosystemPublicBase(publicUrl: string, slug: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/e/${slug}`;
}

/** The address in a card's QR code. The code goes in normalised (upper case, no dashes): the QR encoder packs it in its compact alphanumeric mode. */
export function passCardUrl(base: string, code: string): string {
  return `${base}${passCardPaths.landing(code)}`;
}

/**
 * The code in what a scanner read: a card's address (`…/pas/<CODE>`, with or
 * without a query or trailing slash) or the code itself. Returns the text to
 * hand to `parsePassCode`, which says what is wrong with it, if anything.
 */
export function codeFromScan(text: string): string {
  const trimmed = text.trim().slice(0, 500);
  const match = /\/pas\/([0-9A-Za-z-]+)\/?(?:[?#].*)?$/.exec(trimmed);
  return match ? match[1]! : trimmed;
}

/** The address without its scheme, as printed for people to type: `leren.example.org/e/proef/mijn-pad`. */
export function printableAddress(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

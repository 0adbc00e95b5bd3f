import { loadConfig } from '../../core/config.js';

/**
 * Where badges live on the web. A credential names its issuer, key and
 * achievement by absolute URL, and those must be the same wherever a badge
 * is signed: in a request, in a scan synchronised later, in the demo seed.
 * Commands have no request at hand, so the app tells this module where the
 * platform is reached (its configured public address) once it is built; a
 * process without an app (the CLI's seed) reads the same setting from the
 * environment. The source is read on each use, so a test that learns its port
 * after start-up (and sets `config.publicUrl`) still signs the right address.
 */
let originSource: () => string = () => loadConfig(process.env).publicUrl;

/** Called by the passes module's routes with the app's configuration. */
export function useBadgeOrigin(source: () => string): void {
  originSource = source;
}

/** The platform's public address, such as `https://leren.example.org`, without a trailing slash. */
export function badgeOrigin(): string {
  return originSource();
}

/** Every public address of an ecosystem's badges, under `/e/<slug>`, which works on every host. */
export interface BadgeAddresses {
  /** The issuer Profile (JSON): the ecosystem as issuer of its badges. */
  issuer: string;
  /** The home page of the ecosystem, named in the Profile. */
  home: string;
  /** The public key with this key id (a JWK), as the JWT header's `kid` points at it. */
  key: (kid: string) => string;
  /** Every public key, current and retired (a JWKS). */
  keys: string;
  /** An Achievement (JSON). */
  achievement: (id: number) => string;
  /** An achievement's image, without a credential in it. */
  achievementImage: (id: number) => string;
  /** One issued badge: its verification page, and the credential's id. */
  award: (id: string) => string;
  /** The page where anyone checks a badge. */
  verify: string;
}

export function badgeAddresses(slug: string, origin: string = badgeOrigin()): BadgeAddresses {
  const base = `${origin}/e/${slug}`;
  return {
    issuer: `${base}/insignes/uitgever`,
    home: `${base}/`,
    key: (kid) => `${base}/insignes/sleutels/${kid}`,
    keys: `${base}/.well-known/jwks.json`,
    achievement: (id) => `${base}/insignes/prestaties/${id}`,
    achievementImage: (id) => `${base}/insignes/prestaties/${id}/afbeelding.svg`,
    award: (id) => `${base}/insignes/${id}`,
    verify: `${base}/insignes/controleren`,
  };
}

import { en } from './en.js';
import { nl, type MessageKey } from './nl.js';

export type { MessageKey };
export type Locale = 'nl' | 'en';
export const locales: readonly Locale[] = ['nl', 'en'];

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { nl, en };

/** Looks a message up, falling back to Dutch, and fills in `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? nl[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Picks the reader's language from an Accept-Language header; Dutch unless English is preferred. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'nl';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in nl;
}

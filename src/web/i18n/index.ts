import { nl, type MessageKey } from './nl.js';

export type { MessageKey };
/**
 * Languages with a complete catalogue. Dutch only for now: a half-translated
 * page is worse than a Dutch one. A new language is a new catalogue file with
 * every key, added here and to `localeFromHeader`.
 */
export type Locale = 'nl';

const catalogues: Record<Locale, Record<MessageKey, string>> = { nl };

/** Looks a message up and fills in `{name}` placeholders; unknown placeholders stay visible. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? nl[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Whether the catalogue has this key; for labels built from stored values, such as audit actions. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

/** Picks the reader's language from an Accept-Language header, among the complete catalogues. */
export function localeFromHeader(header: string | undefined): Locale {
  void header;
  return 'nl';
}

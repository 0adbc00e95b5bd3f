/** Dutch texts of the pass-privacy pages (spread into the catalogue in ../nl.ts). */
export const passPrivacyNl = {
} as const;

/** Dutch texts of the badges pages (spread into the catalogue in ../nl.ts). */
export const badgesNl = {
} as const;

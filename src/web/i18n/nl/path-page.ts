/** Dutch texts of the path-page pages (spread into the catalogue in ../nl.ts). */
export const pathPageNl = {
} as const;

/** Dutch texts of the pass-scan pages (spread into the catalogue in ../nl.ts). */
export const passScanNl = {
} as const;

/**
 * The closed lists of the catalogue (PRODUCT.md §1). Codes are English and
 * stable; their Dutch names live in the message catalogue under the same code.
 */
export const formats = ['workshop', 'club', 'lesson', 'guest_lesson', 'excursion', 'lesson_kit', 'event', 'camp', 'course', 'open_lab'] as const;
export type Format = (typeof formats)[number];

export const settings = ['in_school', 'out_of_school', 'both'] as const;
export type Setting = (typeof settings)[number];

export const levels = ['introduction', 'deepening', 'advanced'] as const;
export type Level = (typeof levels)[number];

export const registrationModes = ['walk_in', 'sign_up', 'lottery', 'through_school'] as const;
export type RegistrationMode = (typeof registrationModes)[number];

export const accessibilityFeatures = ['wheelchair', 'hearing_loop', 'low_stimulus', 'sign_language', 'easy_language', 'adapted_toilet'] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

export const languages = ['nl', 'en', 'fy', 'de', 'tr', 'ar', 'uk', 'pl'] as const;

export const sectors = [
  'school_primary', 'school_secondary', 'school_special', 'vocational', 'museum', 'science_centre', 'library',
  'maker_space', 'culture', 'company', 'out_of_school_care', 'youth_work', 'nature', 'club', 'municipality', 'other',
] as const;
export type Sector = (typeof sectors)[number];

export const nextStepKinds = ['deepen', 'broaden', 'on_ramp'] as const;
export type NextStepKind = (typeof nextStepKinds)[number];

/** School groups: primary groups 1–8 ("po1"…"po8") and secondary years 1–6 ("vo1"…"vo6"). */
export const schoolGroups = [...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `po${n}`), ...[1, 2, 3, 4, 5, 6].map((n) => `vo${n}`)] as const;

/** The product serves children and young people from 4 to 18. */
export const minAge = 4;
export const maxAge = 18;

/** Themes every new ecosystem starts with (PRODUCT.md §1); coordinators may add and rename. */
export const defaultThemes = [
  { slug: 'wetenschap-onderzoek', name: 'Wetenschap en onderzoek', description: 'Proefjes doen, vragen stellen en ontdekken hoe dingen werken.' },
  { slug: 'programmeren-digitaal', name: 'Programmeren en digitale vaardigheden', description: 'Codeer, bouw robots en word mediawijs.' },
  { slug: 'maken-ontwerpen', name: 'Maken en ontwerpen', description: 'Bedenken, tekenen, timmeren, solderen en 3D-printen.' },
  { slug: 'natuur-duurzaamheid', name: 'Natuur, milieu en duurzaamheid', description: 'Buiten ontdekken, dieren en planten, energie en klimaat.' },
  { slug: 'kunst-cultuur', name: 'Kunst en cultuur', description: 'Techniek en wetenschap ontmoeten kunst, muziek en erfgoed.' },
  { slug: 'bewegen', name: 'Bewegen', description: 'Sport, spel en bewegen, met techniek en wetenschap erin.' },
] as const;

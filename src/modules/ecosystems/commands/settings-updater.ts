import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { Ecosystem, EcosystemSettings } from '../db/schema.js';

export interface SettingsInput {
  name: string;
  logoUrl: string;
  primaryColor: string;
  tileUrl: string;
  tileAttribution: string;
  /** Years of inactivity after which passes are removed (1–10), as typed; undefined keeps the current value. */
  passRetentionYears?: string | undefined;
}

/** WCAG 2.1 contrast ratio of a #rrggbb colour against white. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

const httpsUrl = /^https:\/\/[^\s"'<>\\]+$/;

/** The retention as typed, when it is a whole number of years from 1 to 10. */
function retentionYears(value: string): number | undefined {
  const text = value.trim();
  return /^(10|[1-9])$/.test(text) ? Number(text) : undefined;
}

/** Checks every field and returns all problems at once, so the form shows them together. */
export function settingsProblems(input: SettingsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (name.length < 2) problems.push({ field: 'name', key: 'field.tooShort', params: { min: 2 } });
  if (name.length > 100) problems.push({ field: 'name', key: 'field.tooLong', params: { max: 100 } });
  const logo = input.logoUrl.trim();
  if (logo && (logo.length > 500 || !httpsUrl.test(logo))) problems.push({ field: 'logoUrl', key: 'settings.logoUrl.invalid' });
  const color = input.primaryColor.trim();
  if (color) {
    if (!/^#[0-9a-fA-F]{6}$/.test(color)) problems.push({ field: 'primaryColor', key: 'settings.color.invalid' });
    else {
      const ratio = contrastWithWhite(color);
      if (ratio < 4.5) problems.push({ field: 'primaryColor', key: 'settings.color.contrast', params: { ratio: ratio.toFixed(1).replace('.', ',') } });
    }
  }
  const tiles = input.tileUrl.trim();
  const attribution = input.tileAttribution.trim();
  if (tiles) {
    if (tiles.length > 500 || !httpsUrl.test(tiles) || !['{z}', '{x}', '{y}'].every((p) => tiles.includes(p))) {
      problems.push({ field: 'tileUrl', key: 'settings.tileUrl.invalid' });
    }
    if (!attribution) problems.push({ field: 'tileAttribution', key: 'settings.tileAttribution.required' });
  }
  if (attribution.length > 300) problems.push({ field: 'tileAttribution', key: 'field.tooLong', params: { max: 300 } });
  if (/[<>]/.test(attribution)) problems.push({ field: 'tileAttribution', key: 'settings.tileAttribution.plainText' });
  if (input.passRetentionYears !== undefined && retentionYears(input.passRetentionYears) === undefined) {
    problems.push({ field: 'passRetentionYears', key: 'settings.passRetentionYears.invalid' });
  }
  return problems;
}

/** Changes an ecosystem's name and look. Empty optional fields remove the setting. */
export async function updateSettings(tx: Tx, actor: Actor, ecosystem: Ecosystem, input: SettingsInput): Promise<void> {
  const problems = settingsProblems(input);
  if (problems.length > 0) throw errors.invalidInput(problems);
  const settings: EcosystemSettings = { ...ecosystem.settings };
  const set = (key: 'logoUrl' | 'primaryColor' | 'tileUrl' | 'tileAttribution', value: string) => {
    if (value.trim()) settings[key] = value.trim();
    else delete settings[key];
  };
  set('logoUrl', input.logoUrl);
  set('primaryColor', input.primaryColor.toLowerCase());
  set('tileUrl', input.tileUrl);
  set('tileAttribution', input.tileUrl.trim() ? input.tileAttribution : '');
  if (input.passRetentionYears !== undefined) settings.passRetentionYears = retentionYears(input.passRetentionYears)!;
  await tx.db
    .updateTable('ecosystems')
    .set({ name: input.name.trim(), settings: JSON.stringify(settings), updated_at: new Date() })
    .where('id', '=', ecosystem.id)
    .execute();
  await recordAudit(tx, actor, {
    ecosystemId: ecosystem.id,
    action: 'ecosystems.settings.updated',
    subjectType: 'ecosystem',
    subjectId: ecosystem.id,
    details: { name: input.name.trim(), ...settings },
  });
}

/**
 * The ecosystem's colour as NL Design System tokens, served as a style sheet
 * (the Content-Security-Policy allows no inline styles). Only a validated
 * #rrggbb value ever reaches this text.
 */
export function themeCss(settings: EcosystemSettings): string {
  const color = settings.primaryColor && /^#[0-9a-f]{6}$/.test(settings.primaryColor) ? settings.primaryColor : undefined;
  if (!color) return '';
  return [
    '.utrecht-theme {',
    `  --lx-accent: ${color};`,
    `  --utrecht-link-color: ${color};`,
    `  --utrecht-button-primary-action-background-color: ${color};`,
    `  --utrecht-button-primary-action-border-color: ${color};`,
    `  --utrecht-button-secondary-action-color: ${color};`,
    `  --utrecht-button-secondary-action-border-color: ${color};`,
    `  --utrecht-focus-outline-color: ${color};`,
    '}',
    '',
  ].join('\n');
}

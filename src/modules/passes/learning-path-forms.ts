import type { FieldProblem } from '../../core/errors.js';
import type { LearningPathInput, LearningPathStatus, StepChange } from './commands/learning-path-commands.js';
import { learningPathStatuses } from './commands/learning-path-commands.js';

/** A posted form: strings, or lists of strings for repeated fields. */
export type FormValues = Record<string, string | string[] | undefined>;

function value(raw: FormValues, name: string): string {
  const v = raw[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

/**
 * Turns the learning-path form into command input. Only the shape is checked
 * here (a number is a number, a choice is one of the choices); lengths, the
 * slug and the theme are the command's to check, so every way in gets the same answers.
 */
export function parseLearningPathForm(raw: FormValues, options: { withStatus: boolean }): { input?: LearningPathInput & { status: LearningPathStatus }; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const theme = value(raw, 'themeId');
  let themeId: number | null = null;
  if (theme !== '') {
    if (/^\d{1,9}$/.test(theme)) themeId = Number(theme);
    else problems.push({ field: 'themeId', key: 'manage.field.choose' });
  }
  const order = value(raw, 'ordered');
  if (order !== 'ordered' && order !== 'free') problems.push({ field: 'ordered', key: 'manage.field.choose' });
  let status: LearningPathStatus = 'draft';
  if (options.withStatus) {
    const s = value(raw, 'status');
    if ((learningPathStatuses as readonly string[]).includes(s)) status = s as LearningPathStatus;
    else problems.push({ field: 'status', key: 'manage.field.choose' });
  }
  // Text with control characters is refused before any handler (app.ts); lengths are checked by the command.
  const text = (name: string) => value(raw, name).slice(0, 20_000);
  if (problems.length > 0) return { problems };
  return { input: { title: text('title'), slug: text('slug'), description: text('description'), themeId, ordered: order === 'ordered', status }, problems };
}

const stepActions: Record<string, StepChange['action']> = { toevoegen: 'add', omhoog: 'up', omlaag: 'down', verwijderen: 'remove' };

/**
 * The step buttons post one field, named by what they do, valued by the
 * activity: `toevoegen=12`, `omhoog=12`, `omlaag=12` or `verwijderen=12`.
 */
export function parseStepChange(raw: FormValues): StepChange | undefined {
  const found = Object.keys(stepActions).filter((name) => raw[name] !== undefined);
  if (found.length !== 1) return undefined;
  const v = value(raw, found[0]!);
  if (!/^\d{1,9}$/.test(v) || Number(v) < 1) return undefined;
  return { action: stepActions[found[0]!]!, activityId: Number(v) };
}

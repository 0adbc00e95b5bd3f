import type { MessageKey } from '../../../web/i18n/index.js';

/**
 * The "Sessies" cell: bijeenkomsten separated by semicolons, each written as
 * `2027-01-14 14:00-16:00 (12)` in Dutch time, the capacity optional, and an
 * end date only when the session ends on another day.
 */
export interface SessionSpec {
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
}

export interface SessionCellProblem {
  key: MessageKey;
  params: Record<string, string | number>;
}

const timeZone = 'Europe/Amsterdam';
export const maxSessionsPerRow = 200;
const maxSessionHours = 24 * 14;

const date = String.raw`(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})`;
const time = String.raw`(\d{1,2}[:.]\d{2})`;
const pattern = new RegExp(String.raw`^${date}\s+${time}\s*[-–]\s*(?:${date}\s+)?${time}(?:\s*\(\s*(\d+)\s*\))?$`);

/** Minutes that Amsterdam is ahead of UTC at this instant (60 or 120). */
function offsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** A wall-clock time in Amsterdam as an instant; undefined if the date or time does not exist. */
export function amsterdamTime(day: string, clock: string): Date | undefined {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(day) ?? /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(day);
  const c = /^(\d{1,2})[:.](\d{2})$/.exec(clock);
  if (!d || !c) return undefined;
  const [year, month, dayOfMonth] = d[1]!.length === 4 ? [Number(d[1]), Number(d[2]), Number(d[3])] : [Number(d[3]), Number(d[2]), Number(d[1])];
  const [hour, minute] = [Number(c[1]), Number(c[2])];
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59) return undefined;
  const guess = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  if (new Date(guess).getUTCDate() !== dayOfMonth) return undefined; // 30 February and friends
  const first = guess - offsetMinutes(new Date(guess)) * 60_000;
  // Near a change of clocks the offset at the guess can differ from the one at the answer.
  return new Date(guess - offsetMinutes(new Date(first)) * 60_000);
}

/** Reads a "Sessies" cell: the sessions, or the problems, each naming the session by its position and text. */
export function parseSessions(cell: string): { sessions: SessionSpec[]; problems: SessionCellProblem[] } {
  const items = cell.split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== '');
  const sessions: SessionSpec[] = [];
  const problems: SessionCellProblem[] = [];
  if (items.length > maxSessionsPerRow) {
    return { sessions, problems: [{ key: 'exchange.sessions.tooMany', params: { max: maxSessionsPerRow } }] };
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const params = { n: i + 1, value: item };
    const m = pattern.exec(item);
    if (!m) return problems.push({ key: 'exchange.sessions.format', params });
    const startsAt = amsterdamTime(m[1]!, m[2]!);
    const endsAt = amsterdamTime(m[3] ?? m[1]!, m[4]!);
    if (!startsAt || !endsAt) return problems.push({ key: 'exchange.sessions.badDate', params });
    if (endsAt <= startsAt) return problems.push({ key: 'exchange.sessions.endBeforeStart', params });
    if (endsAt.getTime() - startsAt.getTime() > maxSessionHours * 3_600_000) return problems.push({ key: 'exchange.sessions.tooLong', params });
    const capacity = m[5] === undefined ? null : Number(m[5]);
    if (capacity !== null && (capacity < 1 || capacity > 100_000)) return problems.push({ key: 'exchange.sessions.capacity', params });
    const key = `${startsAt.toISOString()}/${endsAt.toISOString()}`;
    if (seen.has(key)) return problems.push({ key: 'exchange.sessions.duplicate', params });
    seen.add(key);
    sessions.push({ startsAt, endsAt, capacity });
    return undefined;
  });
  return { sessions, problems };
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Writes sessions the way `parseSessions` reads them. */
export function formatSessions(sessions: ReadonlyArray<{ startsAt: Date; endsAt: Date; capacity: number | null }>): string {
  return sessions
    .map((s) => {
      const startDay = dayFormat.format(s.startsAt);
      const endDay = dayFormat.format(s.endsAt);
      const end = endDay === startDay ? clockFormat.format(s.endsAt) : `${endDay} ${clockFormat.format(s.endsAt)}`;
      return `${startDay} ${clockFormat.format(s.startsAt)}-${end}${s.capacity === null ? '' : ` (${s.capacity})`}`;
    })
    .join('; ');
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Ecosystem } from '../modules/ecosystems/db/schema.js';

export interface ThemeRef {
  id: number;
  slug: string;
  name: string;
}

/**
 * Knows every ecosystem by slug and by host name. Ecosystems are few (one per
 * town or region) and change rarely, so they are held in memory and reloaded
 * after a change here or, for changes made by another process, after `ttlMs`.
 */
export class EcosystemRegistry {
  private bySlug = new Map<string, Ecosystem>();
  private byHost = new Map<string, Ecosystem>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  private themeCache = new Map<number, { at: number; themes: ThemeRef[] }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs = 10_000,
  ) {}

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('ecosystems').selectAll().orderBy('name').execute();
    this.bySlug = new Map(rows.map((e) => [e.slug, e]));
    this.byHost = new Map(rows.flatMap((e) => e.host_names.map((h) => [h.toLowerCase(), e] as const)));
    this.loadedAt = Date.now();
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < this.ttlMs) return;
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    await this.loading;
  }

  async bySlugOrUndefined(slug: string): Promise<Ecosystem | undefined> {
    await this.fresh();
    return this.bySlug.get(slug);
  }

  /** The ecosystem, or undefined, without waiting; null when the list is due for a reload (then use `bySlugOrUndefined`). */
  bySlugIfFresh(slug: string): Ecosystem | undefined | null {
    if (Date.now() - this.loadedAt >= this.ttlMs) return null;
    return this.bySlug.get(slug);
  }

  async all(): Promise<Ecosystem[]> {
    await this.fresh();
    return [...this.bySlug.values()];
  }

  /** The ecosystem's active themes in order; every finder page and search result needs them. */
  async themes(ecosystemId: number): Promise<ThemeRef[]> {
    const cached = this.themeCache.get(ecosystemId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.themes;
    const themes = await this.db
      .selectFrom('themes')
      .select(['id', 'slug', 'name'])
      .where('ecosystem_id', '=', ecosystemId)
      .where('status', '=', 'active')
      .orderBy('position')
      .orderBy('name')
      .execute();
    // Unchanged themes keep their array (and so their slug map): answers written with them, such as the finder's
    // encoded hits (catalogue/search-json.ts), stay valid instead of being written again every ttlMs.
    const same = cached && sameThemes(cached.themes, themes) ? cached.themes : themes;
    this.themeCache.set(ecosystemId, { at: Date.now(), themes: same });
    return same;
  }

  private slugMaps = new WeakMap<ThemeRef[], Map<number, string>>();

  /** Theme id → slug; the same map object for as long as the themes have not been reloaded. */
  async themeSlugs(ecosystemId: number): Promise<Map<number, string>> {
    const themes = await this.themes(ecosystemId);
    let map = this.slugMaps.get(themes);
    if (!map) this.slugMaps.set(themes, (map = new Map(themes.map((t) => [t.id, t.slug]))));
    return map;
  }

  /** Call after changing themes so this process shows the change at once. */
  forgetThemes(ecosystemId: number): void {
    this.themeCache.delete(ecosystemId);
  }

  /** Synchronous on purpose: Fastify's rewriteUrl cannot wait. Uses the last loaded map. */
  slugForHost(host: string | undefined): string | undefined {
    if (!host) return undefined;
    return this.byHost.get(host.replace(/:\d+$/, '').toLowerCase())?.slug;
  }
}

function sameThemes(a: readonly ThemeRef[], b: readonly ThemeRef[]): boolean {
  return a.length === b.length && a.every((t, i) => t.id === b[i]!.id && t.slug === b[i]!.slug && t.name === b[i]!.name);
}

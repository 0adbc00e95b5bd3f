import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * Counts the writes this process makes to any of its databases: it moves
 * before and after every statement that is not a plain read, and after every
 * commit. Caches of database state (the finder index's offer version, resolved
 * postcodes) compare it to know that nothing in this process has changed since
 * they last looked, and can skip asking the database; changes made by other
 * processes are caught by their own time limit.
 */
export const writeClock = { ticks: 0 };

/** Moves the clock: call after a commit, or after a change made outside Kysely. */
export function tickWriteClock(): void {
  writeClock.ticks++;
}

const readOnlyRaw = /^\s*(select|with\s+[\s\S]*?\)\s*select|show|explain)\b/i;

function isRead(node: RootOperationNode): boolean {
  if (node.kind === 'SelectQueryNode') return true;
  if (node.kind === 'RawNode') return readOnlyRaw.test(node.sqlFragments[0] ?? '') && !/\b(insert|update|delete)\b/i.test(node.sqlFragments.join(' '));
  return false;
}

/** The Kysely plugin that moves the clock; `createDatabase` installs it. */
export class WriteClockPlugin implements KyselyPlugin {
  // Reads seen by transformQuery; a query whose id is missing here (a compiled
  // query run directly, which skips transformQuery) counts as a write.
  private readonly reads = new WeakSet<QueryId>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (isRead(args.node)) this.reads.add(args.queryId);
    else writeClock.ticks++;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.reads.has(args.queryId)) writeClock.ticks++;
    return args.result;
  }
}

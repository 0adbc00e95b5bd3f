import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * Counts the writes this process makes to any of its databases: it moves
 * before and after every statement that is not a plain read, and after every
 * commit. Caches of database state (the finder index's offer version, resolved
 * postcodes) compare it to know that nothing in this process has changed since
 * they last looked, and can skip asking the database; changes made by other
 * processes are caught by their own time limit.
 */
export const writeClock = {
  ticks: 0,
  /**
   * Moves only with writes to the tables that say who someone is and what they
   * may do (accounts, sessions, roles), so the session cache (http/session-cache.ts)
   * is not emptied by every scan or edit. A write in a transaction moves it again
   * at the commit, when the change becomes visible.
   */
  access: 0,
};

/** Moves the clock: call after a commit, or after a change made outside Kysely. */
export function tickWriteClock(): void {
  writeClock.ticks++;
}

/** The tables behind a signed-in person: writing any of them may change who someone is or what they may do. */
const accessTables = new Set(['users', 'memberships', 'membership_organisations', 'membership_locations']);
/**
 * Sessions count only when one ends (deleted): a new session has a token no one
 * has looked up yet, and the only update (touchSession) slides the expiry later.
 */
const sessionTable = 'user_sessions';
const accessTableNamed = new RegExp(`\\b(${[...accessTables, sessionTable].join('|')})\\b`, 'i');

/** A table's name from a node; undefined when the node is something else (a join, a subquery). */
function tableName(node: unknown): string | undefined {
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown } | undefined;
  if (n?.kind === 'TableNode') return n.table?.identifier?.name;
  if (n?.kind === 'AliasNode') return tableName(n.node);
  return undefined;
}

/** Whether a write may touch an access table; anything it cannot read counts as yes. */
function touchesAccess(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'InsertQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode': {
      const targets = node.kind === 'InsertQueryNode' ? [node.into] : node.kind === 'UpdateQueryNode' ? [node.table] : node.from.froms;
      return targets.some((target) => {
        const name = tableName(target);
        return name === undefined || accessTables.has(name) || (name === sessionTable && node.kind === 'DeleteQueryNode');
      });
    }
    case 'RawNode':
      return accessTableNamed.test(node.sqlFragments.join(' '));
    default:
      return true;
  }
}

// A leading comment (a prepared statement's label, see prepared.ts) does not change what a statement does.
const readOnlyRaw = /^\s*(\/\*[^*]*\*\/\s*)?(select|with\s+[\s\S]*?\)\s*select|show|explain)\b/i;

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
  private readonly accessWrites = new WeakSet<QueryId>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (isRead(args.node)) this.reads.add(args.queryId);
    else {
      writeClock.ticks++;
      if (touchesAccess(args.node)) {
        this.accessWrites.add(args.queryId);
        writeClock.access++;
      }
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.reads.has(args.queryId)) writeClock.ticks++;
    if (this.accessWrites.has(args.queryId)) writeClock.access++;
    return args.result;
  }
}

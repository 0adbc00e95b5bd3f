/**
 * Groups calls that arrive together into one statement: group commit, done in
 * the application. Under load, the cost of a small write on a server is mostly
 * per statement (sending it, the executor's start, the commit and its WAL
 * flush) rather than per row, so N writes in one statement cost little more
 * than one. At most `maxInFlight` statements run at a time; what arrives
 * meanwhile waits and goes together in the next one. A call that finds nothing
 * running goes at once (after the current turn of the event loop, so that
 * calls made in the same turn share it), so at low load nothing waits.
 *
 * Items whose keys meet never share a statement, nor run while the other's
 * statement runs: the later one waits for the earlier one's statement to end
 * and sees its write, exactly as if they had run one after the other. When a statement fails, each of its items is tried again
 * alone, so that one item's failure (a row deleted meanwhile, a deadlock
 * between two statements) is that item's only.
 */
export interface StatementBatcherOptions<I, O> {
  /** Runs one statement for all items and answers in their order. */
  run(items: readonly I[]): Promise<O[]>;
  /** What two items must not share within one statement (for example a device's scan id). */
  keys(item: I): readonly string[];
  maxInFlight: number;
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(reason: unknown): void;
}

export class StatementBatcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** The keys of the items whose statements are running. */
  private readonly busy = new Set<string>();

  constructor(private readonly options: StatementBatcherOptions<I, O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const { batch, keys } = this.take();
      // Everything waiting meets a running statement: the end of that one schedules the next.
      if (batch.length === 0) return;
      this.inFlight += 1;
      for (const k of keys) this.busy.add(k);
      void this.send(batch).finally(() => {
        for (const k of keys) this.busy.delete(k);
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  /**
   * The next batch: waiting items in order of arrival, skipping those whose keys meet a running statement's or one
   * already taken, or an earlier skipped item's (so that of two items with a key in common the earlier goes first).
   */
  private take(): { batch: Waiting<I, O>[]; keys: string[] } {
    const batch: Waiting<I, O>[] = [];
    const left: Waiting<I, O>[] = [];
    const taken: string[] = [];
    const blocked = new Set<string>(this.busy);
    for (const waiting of this.queue) {
      const keys = this.options.keys(waiting.item);
      if (batch.length >= this.options.maxBatch || keys.some((k) => blocked.has(k))) {
        for (const k of keys) blocked.add(k);
        left.push(waiting);
        continue;
      }
      for (const k of keys) blocked.add(k);
      taken.push(...keys);
      batch.push(waiting);
    }
    this.queue = left;
    return { batch, keys: taken };
  }

  private async send(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const answers = await this.options.run(batch.map((w) => w.item));
      if (answers.length !== batch.length) throw new Error(`statement batcher: ${answers.length} answers for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(answers[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One after the other: failures are rare, and the retries should not take every connection of the pool at once.
      for (const w of batch) {
        try {
          const [answer] = await this.options.run([w.item]);
          if (answer === undefined) throw new Error('statement batcher: no answer for an item');
          w.resolve(answer);
        } catch (e) {
          w.reject(e);
        }
      }
    }
  }
}

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
 * Items whose keys meet never share a statement: the later one goes in a later
 * statement and sees the earlier one's write, exactly as if they had run one
 * after the other. When a statement fails, each of its items is tried again
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
      const batch = this.take();
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  /** The next batch: waiting items in order of arrival, skipping those whose keys meet one already taken (they wait for the next). */
  private take(): Waiting<I, O>[] {
    const taken: Waiting<I, O>[] = [];
    const left: Waiting<I, O>[] = [];
    const seen = new Set<string>();
    for (const waiting of this.queue) {
      const keys = taken.length < this.options.maxBatch ? this.options.keys(waiting.item) : undefined;
      if (!keys || keys.some((k) => seen.has(k))) {
        left.push(waiting);
        continue;
      }
      for (const k of keys) seen.add(k);
      taken.push(waiting);
    }
    this.queue = left;
    return taken;
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

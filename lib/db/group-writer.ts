/**
 * Groups in flight at once, and how much one group carries: `groupSize` items, or, with `weigh`, items up to that total
 * weight (an item heavier than `groupSize` goes alone).
 */
export type GroupLimits<Item> = { inFlight: number; groupSize: number; weigh?: (item: Item) => number };

/**
 * Group commit for small writes that many requests make at once (an audit entry appended on its own, a line of a key's
 * request log): a write is sent at once, alone, when nothing is in flight; while earlier groups are in flight, new
 * items queue and leave together in the next group, so a busy process pays one statement, one round trip and one
 * commit per group instead of per item. `write` answers each item's result in the items' order, or an Error in an
 * item's place to refuse that item alone. Each caller's promise settles once its own item is written, or with its own
 * error: a group whose write throws is written again one item at a time, so one bad item never sinks the others.
 */
export class GroupWriter<Item, Result = void> {
  private queue: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: Item[]) => Promise<(Result | Error)[]>,
    private readonly limits: GroupLimits<Item> = { inFlight: 1, groupSize: 500 },
  ) {}

  add(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flush();
    });
  }

  private flush() {
    while (this.inFlight < this.limits.inFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.nextGroupLength());
      this.inFlight++;
      void this.send(group).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  /** How many queued items the next group takes: at least one, then as many as fit in `groupSize` by their weight. */
  private nextGroupLength(): number {
    const { weigh, groupSize } = this.limits;
    if (!weigh) return groupSize;
    let length = 0;
    let weight = 0;
    for (const { item } of this.queue) {
      weight += weigh(item);
      if (length > 0 && weight > groupSize) break;
      length++;
    }
    return length;
  }

  private async send(group: GroupWriter<Item, Result>["queue"]) {
    let results: (Result | Error)[];
    try {
      results = await this.write(group.map((queued) => queued.item));
      if (!Array.isArray(results) || results.length !== group.length) {
        throw new Error(`a group write answered ${String(results?.length)} results for ${group.length} items`);
      }
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      // One at a time: a failed group of hundreds must not take every pooled connection at once.
      for (const queued of group) await this.send([queued]);
      return;
    }
    group.forEach((queued, i) => {
      const result = results[i];
      if (result instanceof Error) queued.reject(result);
      else queued.resolve(result);
    });
  }
}

/**
 * One writer per database client, made on its first use: a process has one client, and tests and benches open more,
 * each with writers of its own.
 */
export function writerPerClient<Client extends object, Writer>(
  make: (client: Client) => Writer,
): (client: Client) => Writer {
  const writers = new WeakMap<Client, Writer>();
  return (client) => {
    let writer = writers.get(client);
    if (!writer) writers.set(client, (writer = make(client)));
    return writer;
  };
}

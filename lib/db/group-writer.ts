/**
 * Group commit for small writes that many requests make at once (a line of a key's request log): a write is sent at
 * once, alone, when nothing is in flight; while earlier groups are in flight, new items queue and leave together in
 * the next group, so a busy process pays one statement, one round trip and one commit per group instead of per item.
 * Each caller's promise settles once its own item is written, or with its own error: a group that fails is written
 * again one item at a time, so one bad item never sinks the others.
 */
export class GroupWriter<Item> {
  private queue: { item: Item; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: Item[]) => Promise<unknown>,
    private readonly limits: { inFlight: number; groupSize: number } = { inFlight: 1, groupSize: 500 },
  ) {}

  add(item: Item): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flush();
    });
  }

  private flush() {
    while (this.inFlight < this.limits.inFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.limits.groupSize);
      this.inFlight++;
      void this.send(group).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async send(group: GroupWriter<Item>["queue"]) {
    try {
      await this.write(group.map((queued) => queued.item));
      for (const queued of group) queued.resolve();
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      await Promise.all(group.map((queued) => this.send([queued])));
    }
  }
}

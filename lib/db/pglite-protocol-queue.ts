import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};
type QueryQueue = {
  db: PGlite;
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

// Frontend messages of the extended query protocol that leave a sequence open until Sync ('S').
const EXTENDED = new Set(["P", "B", "D", "E", "C", "H"].map((type) => type.charCodeAt(0)));

/**
 * pglite-socket (0.2.17) runs every protocol message from every connection through one queue, and
 * keeps a connection's messages together only inside a transaction. Outside one, the Parse of one
 * connection and the Bind of another interleave on the single PGlite backend ("bind message supplies
 * 1 parameters, but prepared statement requires 10"): concurrent autocommit queries fail or, worse,
 * run with another query's parameters. This replaces the queue's scheduler so that a connection's
 * extended-protocol sequence (Parse … Sync) also runs without interleaving, as on a real server.
 * Concurrent API requests with one Idempotency-Key (lib/rest/api-keys-api.test.ts) fail without it.
 */
export function serializeProtocolSequences(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let openSequence = false;

  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const sticky = this.lastHandlerId !== null && (openSequence || this.db.isInTransaction());
        const index = sticky ? this.queue.findIndex((item) => item.handlerId === this.lastHandlerId) : 0;
        if (index === -1) break; // wait for the connection that holds the backend
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        openSequence = EXTENDED.has(item.message[0]);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(queue);

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    // A connection that goes away mid-sequence must not hold the backend for ever.
    if (queue.lastHandlerId === handlerId) openSequence = false;
    clear(handlerId);
  };
}

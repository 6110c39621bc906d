/**
 * A byte stream written a piece at a time as the reader asks for more (so a slow download holds
 * one batch in memory, not the export), and a promise of how it ended, for the caller to audit.
 */
export type StreamOutcome = { count: number; complete: boolean };
export type CountedStream = { stream: ReadableStream<Uint8Array>; done: Promise<StreamOutcome> };

/**
 * `pieces` yields text and how many entries it holds. `done` resolves with the count when the last
 * piece is written, with `complete: false` when the reader stops early (a closed download), and
 * rejects when reading fails (the stream errors too).
 */
export function countedStream(
  pieces: AsyncGenerator<{ text: string; entries: number }>,
  options: { gzip?: boolean; onProgress?: (count: number) => void } = {},
): CountedStream {
  const encoder = new TextEncoder();
  let count = 0;
  let settle!: (outcome: StreamOutcome) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<StreamOutcome>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  // Callers that only read the stream learn of a failure there; this keeps it from going unhandled.
  done.catch(() => {});

  let cancelled = false;
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const next = await pieces.next();
            if (cancelled) return;
            if (next.done) {
              controller.close();
              settle({ count, complete: true });
              return;
            }
            if (next.value.entries > 0) {
              count += next.value.entries;
              options.onProgress?.(count);
            }
            if (next.value.text !== "") {
              controller.enqueue(encoder.encode(next.value.text));
              return;
            }
          }
        } catch (error) {
          if (cancelled) return;
          controller.error(error);
          fail(error);
        }
      },
      async cancel() {
        cancelled = true;
        await pieces.return(undefined);
        settle({ count, complete: false });
      },
      // Nothing is read ahead of the reader: a piece is made when it is asked for, so an export counts
      // as complete only once the reader has taken its last piece, and a slow reader holds one batch.
    },
    { highWaterMark: 0 },
  );
  const stream = options.gzip ? source.pipeThrough(new CompressionStream("gzip")) : source;
  return { stream, done };
}

/** A request's body (a web ReadableStream) or any async iterable of bytes, as an async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export async function* byteChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!("getReader" in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // An import that stops early (a refused header, a failure) stops reading the upload too.
    await reader.cancel().catch(() => undefined);
  }
}

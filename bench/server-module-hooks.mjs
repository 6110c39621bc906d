/**
 * Module hooks for a benchmark that calls server actions outside Next, as the test suite does
 * (vitest.config.ts, lib/testing/mock-next-headers.ts): `next/headers`, which only works inside
 * Next's request scope, answers for the test browser, and `server-only` is the suite's empty stub
 * (the react-server condition that would allow it breaks next/navigation outside Next).
 */
const STAND_INS = {
  "next/headers": new URL("../lib/testing/test-next-headers.ts", import.meta.url).href,
  "server-only": new URL("../lib/testing/server-only-stub.ts", import.meta.url).href,
};

export async function resolve(specifier, context, nextResolve) {
  const standIn = STAND_INS[specifier.replace(/\.js$/, "")];
  return nextResolve(standIn ?? specifier, context);
}

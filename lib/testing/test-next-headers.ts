import { testBrowser } from "./test-browser";

/**
 * next/headers outside Next's request scope (tests, the boundary fuzz bench): it answers for the
 * test browser. Vitest mocks the module with it (mock-next-headers.ts); the bench redirects the import
 * (bench/server-module-hooks.mjs).
 */
export const headers = async () =>
  new Headers({ cookie: testBrowser.cookie, "x-verity-peer-ip": testBrowser.ip, "user-agent": testBrowser.userAgent });

export const cookies = async () => ({
  toString: () => testBrowser.cookie,
  set: (name: string, value: string) => testBrowser.jar.set(name, value),
});

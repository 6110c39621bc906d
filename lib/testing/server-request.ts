import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One server request as Next renders it: React's cache() is scoped to the request, so the org
 * layout, the page and every guard they run share one memo. Outside Next (in Vitest) React's cache is
 * a plain call; a test that is about what one request does mocks it with requestScopedCache and runs
 * the request's work inside inServerRequest.
 */
const requests = new AsyncLocalStorage<Map<unknown, Map<string, unknown>>>();

export function inServerRequest<T>(work: () => Promise<T>): Promise<T> {
  return requests.run(new Map(), work);
}

/** React's cache() as Next runs it on the server: memoized per request (by function and arguments), a plain call outside one. */
export function requestScopedCache<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const memo = requests.getStore();
    if (!memo) return fn(...args);
    const calls = memo.get(fn) ?? new Map<string, unknown>();
    memo.set(fn, calls);
    const key = JSON.stringify(args);
    if (!calls.has(key)) calls.set(key, fn(...args));
    return calls.get(key) as R;
  };
}

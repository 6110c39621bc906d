import { vi } from "vitest";
import { testBrowser } from "./test-browser";

// Server actions and pages read the request through next/headers, which only exists inside Next's
// request scope: in tests it answers for the test browser.
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ cookie: testBrowser.cookie, "x-verity-peer-ip": testBrowser.ip, "user-agent": testBrowser.userAgent }),
  cookies: async () => ({
    toString: () => testBrowser.cookie,
    set: (name: string, value: string) => testBrowser.jar.set(name, value),
  }),
}));

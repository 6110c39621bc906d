/**
 * The browser a test drives server actions from: what next/headers answers during the test
 * (mock-next-headers.ts). Set `cookie` to act as a signed-in user; cookies the server sets land in `jar`.
 */
export const testBrowser = {
  cookie: "",
  ip: "198.51.100.20",
  userAgent: "vitest",
  jar: new Map<string, string>(),
};

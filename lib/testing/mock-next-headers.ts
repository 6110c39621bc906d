import { vi } from "vitest";

// Server actions and pages read the request through next/headers, which only exists inside Next's
// request scope: in tests it answers for the test browser.
vi.mock("next/headers", () => import("./test-next-headers"));

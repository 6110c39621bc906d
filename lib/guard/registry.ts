import type { z } from "zod";
import type { Permission } from "@/lib/rbac/permissions";

/** What an entry point parses (an action's argument is its `body`), for suites that feed it input. */
export type EntryInputs = { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };

/**
 * Every guarded entry point registers itself here when its module loads, with the function that
 * serves it and what it parses, so that the tenant isolation suite and the boundary fuzz test can
 * call all of them without a hand-kept list.
 */
export type EntryPoint =
  | {
      kind: "route";
      name: string;
      permission: Permission | null;
      inputs?: EntryInputs;
      handle?: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
    }
  | {
      kind: "action";
      name: string;
      permission: Permission | null;
      inputs?: EntryInputs;
      /** Declared to change nothing (lib/guard/org-action.ts): support mode lets it run. */
      readOnly?: boolean;
      handle?: (...args: never[]) => Promise<unknown>;
    }
  /** /api/v1, authenticated by API key: the org comes from the key, never from the URL. */
  | {
      kind: "api";
      name: string;
      permission: Permission | null;
      inputs?: EntryInputs;
      handle?: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
    };

const entryPoints = new Map<string, EntryPoint>();

export function registerEntryPoint(entry: EntryPoint) {
  entryPoints.set(`${entry.kind}:${entry.name}`, entry);
}

export function registeredEntryPoints(): EntryPoint[] {
  return [...entryPoints.values()];
}

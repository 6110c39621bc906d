import type { Permission } from "@/lib/rbac/permissions";

/**
 * Every guarded entry point registers itself here when its module loads, so that the tenant
 * isolation suite can walk all of them without a hand-kept list.
 */
export type EntryPoint = { kind: "route" | "action"; name: string; permission: Permission | null };

const entryPoints = new Map<string, EntryPoint>();

export function registerEntryPoint(entry: EntryPoint) {
  entryPoints.set(`${entry.kind}:${entry.name}`, entry);
}

export function registeredEntryPoints(): EntryPoint[] {
  return [...entryPoints.values()];
}

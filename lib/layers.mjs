/**
 * Verity's layers, bottom to top: the one table the lint rule (eslint.config.mjs, "verity/layers") and the
 * import-graph check (lib/import-graph.test.ts, bench/import-graph.ts) both read. A file may import its own
 * layer's folder and any lower layer; a layer marked `peers` may also import its siblings (domains use each
 * other's services; cycles between them are the graph check's business). `only` narrows what a layer may
 * import, `never` forbids a lower layer outright, `types` allows `import type` from a layer it may not
 * otherwise import, and `noServerOnly` refuses value imports of any module that imports "server-only"
 * (React components run in the browser too). Tests (*.test.ts) and lib/testing may import anything.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const DOMAINS = [
  "auth",
  "members",
  "orgs",
  "api-keys",
  "webhooks",
  "billing",
  "mail",
  "secrets",
  "lifecycle",
  "security-alerts",
  "privacy",
];
const MORE_DOMAINS = ["messaging", "recordings", "staff"];

export const LAYERS = [
  { layer: "rbac", rank: 0, paths: ["lib/rbac"], only: [], types: ["context"] },
  { layer: "context", rank: 1, paths: ["lib/context"], only: ["rbac"] },
  { layer: "db", rank: 1, paths: ["lib/db"], only: [] },
  { layer: "http", rank: 2, paths: ["lib/http"] },
  { layer: "crypto", rank: 2, paths: ["lib/crypto"] },
  // A domain's audit events (zod schemas only), spread into lib/audit/event-catalog.ts: below the trail, importing nothing.
  { layer: "events", rank: 2, paths: ["lib/recordings/recording-events.ts"], only: [] },
  { layer: "audit", rank: 3, paths: ["lib/audit"] },
  { layer: "domain", rank: 4, peers: true, paths: [...DOMAINS, ...MORE_DOMAINS].map((name) => `lib/${name}`) },
  // The customer's monitor: pure tree and signed-note code only (lib/monitor/monitor-imports.test.ts narrows it further).
  { layer: "monitor", rank: 4, paths: ["lib/monitor"], only: ["audit"] },
  { layer: "guard", rank: 5, paths: ["lib/guard"] },
  { layer: "rest", rank: 6, paths: ["lib/rest"] },
  { layer: "components", rank: 7, paths: ["components"], never: ["db"], noServerOnly: true },
  {
    layer: "entry",
    rank: 8,
    peers: true,
    paths: [
      "app",
      "lib/cli",
      "lib/server",
      "lib/worker",
      "lib/demo",
      "bench",
      "e2e",
      "proxy.ts",
      "instrumentation-client.ts",
    ],
  },
];

/**
 * Layer violations tolerated while they are being removed: each entry is an importing file and the module it
 * imports, both from the repository root. None today; the import-graph check fails on an entry gone stale.
 */
export const KNOWN_VIOLATIONS = [];

const EXEMPT = [/\.test\.tsx?$/, /^lib\/testing\//];
const EXTENSIONS = ["", ".ts", ".tsx", ".mjs", ".js", "/index.ts", "/index.tsx", "/index.mjs"];

/** The repository-relative path with forward slashes, or null for a file outside the repository. */
export function fromRoot(file) {
  const relative = path.relative(ROOT, path.resolve(file)).split(path.sep).join("/");
  return relative.startsWith("..") ? null : relative;
}

/** The layer entry a repository-relative path belongs to (the longest matching folder), or null. */
export function layerOf(relative) {
  let found = null;
  let length = -1;
  for (const entry of LAYERS) {
    for (const folder of entry.paths) {
      if ((relative === folder || relative.startsWith(`${folder}/`)) && folder.length > length) {
        [found, length] = [entry, folder.length];
      }
    }
  }
  return found;
}

/** The folder of a layer a path is in ("lib/webhooks"), for the folder graph; null outside every layer. */
export function folderOf(relative) {
  const entry = layerOf(relative);
  if (!entry) return null;
  return entry.paths
    .filter((folder) => relative === folder || relative.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * Resolves an import specifier written in `importer` (repository-relative) to a repository-relative file
 * ("@/lib/context" → "lib/context/index.ts"), or null for a package. Unresolvable paths keep their spelling.
 */
export function resolveImport(importer, specifier) {
  let base;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("."))
    base = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier));
  else return null;
  for (const extension of EXTENSIONS) {
    if (existsSync(path.join(ROOT, base + extension)) && !(extension === "" && !path.extname(base)))
      return base + extension;
  }
  return base;
}

const serverOnlyCache = new Map();
function importsServerOnly(relative) {
  if (!serverOnlyCache.has(relative)) {
    let text = "";
    try {
      text = readFileSync(path.join(ROOT, relative), "utf8");
    } catch {
      // an unresolvable module: the type checker reports it, not this rule
    }
    serverOnlyCache.set(relative, /^import\s+["']server-only["'];?/m.test(text));
  }
  return serverOnlyCache.get(relative);
}

export function isKnownViolation(importer, target) {
  return KNOWN_VIOLATIONS.some((entry) => entry.from === importer && entry.to === target);
}

/**
 * Why `importer` may not import `target` (both repository-relative), or null when it may. `typeOnly`: the
 * import brings in types only (erased at build time).
 */
export function layerViolation(importer, target, { typeOnly = false } = {}) {
  if (EXEMPT.some((pattern) => pattern.test(importer))) return null;
  const from = layerOf(importer);
  const to = layerOf(target);
  if (!from || !to) return null;
  if (folderOf(importer) === folderOf(target)) return null;
  const names = `${folderOf(importer)} (${from.layer}) may not import ${folderOf(target)} (${to.layer})`;
  if (from.never?.includes(to.layer)) return `${names}: never.`;
  if (from.noServerOnly && !typeOnly && importsServerOnly(target)) return `${names}: it is server-only code.`;
  if (typeOnly && from.types?.includes(to.layer)) return null;
  if (from === to) return from.peers ? null : `${names}: same layer.`;
  if (from.only && !from.only.includes(to.layer))
    return `${names}: ${from.layer} imports only ${from.only.join(", ") || "nothing of ours"}.`;
  if (to.rank >= from.rank) return `${names}: ${to.layer} is not below ${from.layer}.`;
  return null;
}

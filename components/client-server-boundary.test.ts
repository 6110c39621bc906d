import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A "use client" file is shipped to the browser with everything it imports. A server-only file (services holding
 * the database, secrets, keys) must never be among them, not even for a type: a type import today is a value
 * import after the next edit, and the build then fails or, worse, a secret-bearing module is bundled.
 * The types a client component needs live in client-safe view files (lib/<domain>/<thing>-view.ts).
 */
const ROOT = path.resolve(__dirname, "..");
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

function importsOf(source: string): string[] {
  const fromClause = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/g;
  const specifiers = [...source.matchAll(fromClause)].map((m) => m[1]);
  const bare = [...source.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)].map((m) => m[1]);
  const dynamic = [...source.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return [...specifiers, ...bare, ...dynamic];
}

type Tree = { read: (file: string) => string; isFile: (file: string) => boolean };
const disk: Tree = {
  read: (file) => readFileSync(file, "utf8"),
  isFile: (file) => existsSync(file) && statSync(file).isFile(),
};

/** The project file a specifier names, or null for a package (packages are not walked). */
function resolve(tree: Tree, from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (base === null) return null;
  return EXTENSIONS.map((extension) => base + extension).find(tree.isFile) ?? null;
}

const isServerOnly = (source: string) => /(?:^|\n)\s*import\s*["']server-only["']/.test(source);
const isClient = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(source);

/** The import chains from a file to server-only files, walking relative and @/ imports transitively. */
function serverOnlyChains(entry: string, tree: Tree = disk): string[][] {
  const chains: string[][] = [];
  const seen = new Set<string>([entry]);
  const queue: string[][] = [[entry]];
  while (queue.length) {
    const chain = queue.shift()!;
    const source = tree.read(chain[chain.length - 1]);
    if (chain.length > 1 && isServerOnly(source)) {
      chains.push(chain.map((step) => path.relative(ROOT, step)));
      continue;
    }
    for (const specifier of importsOf(source)) {
      const next = resolve(tree, chain[chain.length - 1], specifier);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push([...chain, next]);
      }
    }
  }
  return chains;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("client components never reach a server-only file", () => {
  const clientFiles = ["components", "app"]
    .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
    .filter((file) => isClient(readFileSync(file, "utf8")));

  it("finds the client components", () => {
    expect(clientFiles.length).toBeGreaterThan(50);
  });

  it.each(clientFiles.map((file) => path.relative(ROOT, file)))("%s", (file) => {
    expect(serverOnlyChains(path.join(ROOT, file)).map((chain) => chain.join(" → "))).toEqual([]);
  });

  it("would notice a type import of a server-only file, also through a client-safe file in between", () => {
    const files: Record<string, string> = {
      [path.join(ROOT, "components/x/a.tsx")]: '"use client";\nimport type { TView } from "./b";',
      [path.join(ROOT, "components/x/b.ts")]: 'export type { TView } from "@/lib/x/service";',
      [path.join(ROOT, "lib/x/service.ts")]: 'import "server-only";\nexport type TView = { id: string };',
    };
    const tree: Tree = { read: (file) => files[file] ?? "", isFile: (file) => file in files };
    const chains = serverOnlyChains(path.join(ROOT, "components/x/a.tsx"), tree);
    expect(chains).toEqual([["components/x/a.tsx", "components/x/b.ts", "lib/x/service.ts"]]);
  });
});

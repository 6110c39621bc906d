/**
 * The import graph of lib/: every import in lib/**\/*.{ts,tsx,mjs} resolved (relative and "@/…"), folded into
 * a graph of lib folders, with its cycles and its imports from a lower layer to a higher one (lib/layers.mjs,
 * the table the lint rule reads). `npm run import-graph` prints it as JSON; lib/import-graph.test.ts asserts
 * it is clean apart from the known violations.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { folderOf, isKnownViolation, layerOf, layerViolation, resolveImport, ROOT } from "../lib/layers.mjs";

export type FileImport = { from: string; to: string; typeOnly: boolean };
export type LayerViolation = FileImport & { reason: string; known: boolean };
export type ImportGraph = {
  files: number;
  imports: number;
  /** folder → the folders it imports, each with how many imports. Tests and lib/testing are left out. */
  folders: Record<string, Record<string, number>>;
  /** Groups of folders that import each other, directly or round about (known violations left out). */
  cycles: string[][];
  violations: LayerViolation[];
};

const SKIP = new Set(["node_modules", "generated", "migrations"]);

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(relative);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** Static imports, re-exports and dynamic import("…") calls of one file. */
export function importsOf(relative: string): FileImport[] {
  const text = readFileSync(path.join(ROOT, relative), "utf8");
  const source = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, false);
  const found: FileImport[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = resolveImport(relative, specifier);
    if (to) found.push({ from: relative, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
      const typeOnly =
        !!clause && (clause.isTypeOnly || (!clause.name && named.length > 0 && named.every((name) => name.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(argument.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Folders in groups that reach each other (Tarjan's strongly connected components of more than one). */
function cyclesOf(edges: Record<string, Record<string, number>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const strongConnect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of Object.keys(edges[node] ?? {})) {
      if (!index.has(next)) {
        strongConnect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of Object.keys(edges).sort()) if (!index.has(node)) strongConnect(node);
  return cycles;
}

export function importGraph(): ImportGraph {
  const files = sourceFiles("lib");
  const imports = files.flatMap(importsOf);
  const folders: ImportGraph["folders"] = {};
  const violations: LayerViolation[] = [];
  for (const edge of imports) {
    const reason = layerViolation(edge.from, edge.to, { typeOnly: edge.typeOnly });
    const known = isKnownViolation(edge.from, edge.to);
    if (reason) violations.push({ ...edge, reason, known });
    const [from, to] = [folderOf(edge.from), folderOf(edge.to)];
    if (!from || !to || from === to || known || /\.test\.tsx?$/.test(edge.from) || !layerOf(edge.from)) continue;
    folders[from] ??= {};
    folders[from][to] = (folders[from][to] ?? 0) + 1;
  }
  return { files: files.length, imports: imports.length, folders, cycles: cyclesOf(folders), violations };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const graph = importGraph();
  console.log(JSON.stringify(graph, null, 2));
}

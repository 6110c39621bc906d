// ESLint: the layer rule (lib/layers.mjs, also read by the import-graph check), typescript-eslint's recommended
// rules without type information, and the React hooks rules. Formatting is prettier's business, not ESLint's.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import { fromRoot, isKnownViolation, layerViolation, resolveImport } from "./lib/layers.mjs";

/** "verity/layers": an import from a lower layer to a higher one (or across a `never`) is an error. */
const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Imports go down Verity's layers only (lib/layers.mjs)." },
    schema: [],
    messages: { layer: "{{reason}} See lib/layers.mjs." },
  },
  create(context) {
    const importer = fromRoot(context.filename);
    if (!importer) return {};
    const check = (node, typeOnly) => {
      if (node.source?.type !== "Literal" || typeof node.source.value !== "string") return;
      const target = resolveImport(importer, node.source.value);
      if (!target || isKnownViolation(importer, target)) return;
      const reason = layerViolation(importer, target, { typeOnly });
      if (reason) context.report({ node: node.source, messageId: "layer", data: { reason } });
    };
    const typeOnlyImport = (node) =>
      node.importKind === "type" ||
      (node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.importKind === "type"));
    return {
      ImportDeclaration: (node) => check(node, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) => check(node, node.exportKind === "type"),
      ExportAllDeclaration: (node) => check(node, node.exportKind === "type"),
      ImportExpression: (node) => check(node, false),
    };
  },
};

export default defineConfig(
  globalIgnores([
    ".next/",
    ".data/",
    "lib/db/generated/",
    "test-results/",
    "playwright-report/",
    "e2e/.output/",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        AbortController: "readonly",
        fetch: "readonly",
        Response: "readonly",
        Request: "readonly",
        Headers: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        structuredClone: "readonly",
        performance: "readonly",
        queueMicrotask: "readonly",
        globalThis: "readonly",
      },
    },
    plugins: { verity: { rules: { layers: layersRule } } },
    rules: {
      "verity/layers": "error",
      // Intentional: names starting with "_" mark a value left out on purpose (a destructured field dropped).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": ["error", { allowTernary: true, allowShortCircuit: true }],
      // Off: matching control characters is the point of the input filters that refuse them (NUL, C0).
      "no-control-regex": "off",
      // A folder with a barrel (index.ts) is entered through it only: lib/context and lib/mail. The other
      // folders have no barrel and are entered by the file that defines each name.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/context/*", "@/lib/mail/*"],
              message: "Import the folder's barrel (@/lib/context, @/lib/mail).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);

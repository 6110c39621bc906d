import { exampleOf, type JsonSchema } from "./schema-example";

/** What a snippet needs of one operation of the OpenAPI document. */
export type SnippetOperation = {
  method: string;
  /** The OpenAPI path under /api/v1, with {braces}. */
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> };
  /** The success response's media types: JSON is printed parsed, anything else as text. */
  responseTypes: string[];
};

export type Snippets = { curl: string; javascript: string; python: string };

const snake = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The example value of each path parameter, and the required query parameters with theirs. */
function parameterExamples(operation: SnippetOperation) {
  const example = (parameter: SnippetOperation["parameters"][number]) =>
    String(exampleOf(parameter.schema, { name: parameter.name }));
  const pathParameters = operation.parameters
    .filter((parameter) => parameter.in === "path")
    .map((parameter) => ({ name: parameter.name, value: example(parameter) }));
  const query = new URLSearchParams(
    operation.parameters
      .filter((parameter) => parameter.in === "query" && parameter.required)
      .map((parameter) => [parameter.name, example(parameter)]),
  ).toString();
  return { pathParameters, query: query ? `?${query}` : "" };
}

function bodyOf(operation: SnippetOperation) {
  const content = operation.requestBody?.content ?? {};
  const json = content["application/json"];
  if (json) return { kind: "json" as const, value: json.example ?? exampleOf(json.schema, { requiredOnly: true }) };
  const multipart = content["multipart/form-data"];
  if (multipart) {
    const parts = Object.entries(multipart.schema.properties ?? {}).filter(([name]) =>
      (multipart.schema.required ?? []).includes(name),
    );
    return {
      kind: "multipart" as const,
      parts: parts.map(([name, part]) => ({ name, binary: part.format === "binary" })),
    };
  }
  const [type] = Object.keys(content);
  return type ? { kind: "file" as const, type } : null;
}

const fileOfPart = (name: string) => (name === "audio" ? "call.wav" : `${name}.json`);
const fileNameOf = (type: string) => (type.startsWith("text/csv") ? "data.csv" : "data.bin");

function curlSnippet(operation: SnippetOperation, apiBase: string): string {
  const { pathParameters, query } = parameterExamples(operation);
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => `$${snake(name).toUpperCase()}`);
  const lines = [`curl -sS${operation.method === "GET" ? "" : ` -X ${operation.method}`} "${apiBase}${path}${query}"`];
  lines.push(`  -H "Authorization: Bearer $VERITY_API_KEY"`);
  if (operation.parameters.some((parameter) => parameter.name === "Idempotency-Key"))
    lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  const body = bodyOf(operation);
  if (body?.kind === "json")
    lines.push(`  -H "Content-Type: application/json"`, `  -d ${shellQuote(JSON.stringify(body.value))}`);
  if (body?.kind === "multipart")
    for (const part of body.parts)
      lines.push(`  -F ${shellQuote(`${part.name}=${part.binary ? `@${fileOfPart(part.name)}` : "…"}`)}`);
  if (body?.kind === "file")
    lines.push(`  -H "Content-Type: ${body.type}"`, `  --data-binary @${fileNameOf(body.type)}`);
  const assignments = pathParameters.map(({ name, value }) => `${snake(name).toUpperCase()}=${shellQuote(value)}`);
  return [...assignments, lines.join(" \\\n")].join("\n");
}

function javascriptSnippet(operation: SnippetOperation, apiBase: string): string {
  const { pathParameters, query } = parameterExamples(operation);
  const body = bodyOf(operation);
  const lines: string[] = [];
  if (body && body.kind !== "json") lines.push(`import { readFile } from "node:fs/promises";`, "");
  for (const { name, value } of pathParameters) lines.push(`const ${name} = ${JSON.stringify(value)};`);
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => `\${encodeURIComponent(${name})}`);
  const headers = ["    Authorization: `Bearer ${process.env.VERITY_API_KEY}`,"];
  if (operation.parameters.some((parameter) => parameter.name === "Idempotency-Key"))
    headers.push(`    "Idempotency-Key": crypto.randomUUID(),`);
  let bodyLine: string | null = null;
  if (body?.kind === "json") {
    headers.push(`    "Content-Type": "application/json",`);
    bodyLine = `  body: JSON.stringify(${JSON.stringify(body.value, null, 2).replace(/\n/g, "\n  ")}),`;
  }
  if (body?.kind === "multipart") {
    lines.push("const form = new FormData();");
    for (const part of body.parts)
      lines.push(
        part.binary
          ? `form.append(${JSON.stringify(part.name)}, new Blob([await readFile("${fileOfPart(part.name)}")]), "${fileOfPart(part.name)}");`
          : `form.append(${JSON.stringify(part.name)}, "…");`,
      );
    bodyLine = "  body: form,";
  }
  if (body?.kind === "file") {
    headers.push(`    "Content-Type": ${JSON.stringify(body.type)},`);
    bodyLine = `  body: await readFile(${JSON.stringify(fileNameOf(body.type))}),`;
  }
  if (lines.length && lines[lines.length - 1] !== "") lines.push("");
  lines.push(`const response = await fetch(\`${apiBase}${path}${query}\`, {`);
  lines.push(`  method: ${JSON.stringify(operation.method)},`, "  headers: {", ...headers, "  },");
  if (bodyLine) lines.push(bodyLine);
  lines.push("});");
  const json = operation.responseTypes.includes("application/json");
  lines.push(`console.log(response.status, await response.${json ? "json" : "text"}());`);
  return lines.join("\n");
}

function pythonSnippet(operation: SnippetOperation, apiBase: string): string {
  const { pathParameters, query } = parameterExamples(operation);
  const body = bodyOf(operation);
  const idempotent = operation.parameters.some((parameter) => parameter.name === "Idempotency-Key");
  const lines = ["import os", ...(idempotent ? ["import uuid"] : []), "", "import requests", ""];
  for (const { name, value } of pathParameters) lines.push(`${snake(name)} = ${JSON.stringify(value)}`);
  if (pathParameters.length) lines.push("");
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => `{${snake(name)}}`);
  const url = `${pathParameters.length ? "f" : ""}${JSON.stringify(`${apiBase}${path}${query}`)}`;
  const headers = [`"Authorization": f"Bearer {os.environ['VERITY_API_KEY']}"`];
  if (idempotent) headers.push(`"Idempotency-Key": str(uuid.uuid4())`);
  const call = [`response = requests.${operation.method.toLowerCase()}(`, `    ${url},`];
  call.push(`    headers={${headers.join(", ")}},`);
  if (body?.kind === "json") call.push(`    json=${pythonLiteral(body.value, "    ")},`);
  if (body?.kind === "multipart") {
    const files = body.parts
      .filter((part) => part.binary)
      .map((part) => `"${part.name}": open("${fileOfPart(part.name)}", "rb")`);
    const fields = body.parts.filter((part) => !part.binary).map((part) => `"${part.name}": "…"`);
    if (files.length) call.push(`    files={${files.join(", ")}},`);
    if (fields.length) call.push(`    data={${fields.join(", ")}},`);
  }
  if (body?.kind === "file") {
    headers.push(`"Content-Type": ${JSON.stringify(body.type)}`);
    call[2] = `    headers={${headers.join(", ")}},`;
    call.push(`    data=open(${JSON.stringify(fileNameOf(body.type))}, "rb"),`);
  }
  call.push(")");
  const json = operation.responseTypes.includes("application/json");
  return [...lines, ...call, `print(response.status_code, response.${json ? "json()" : "text"})`].join("\n");
}

/** JSON as a Python literal: the same text, with true/false/null spelled True/False/None outside strings. */
function pythonLiteral(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 4) ?? "None";
  return text
    .replace(/("(?:[^"\\]|\\.)*")|\btrue\b|\bfalse\b|\bnull\b/g, (match, string: string | undefined) =>
      string ? string : match === "true" ? "True" : match === "false" ? "False" : "None",
    )
    .replace(/\n/g, `\n${indent}`);
}

/**
 * Copy-and-paste calls of one operation in curl, JavaScript (fetch, Node 18+ or a browser) and Python (requests):
 * the organization's real base URL, the key from the VERITY_API_KEY environment variable (never a real key), the
 * path parameters as variables holding example values, and the smallest valid request body.
 */
export function snippetsOf(operation: SnippetOperation, apiBase: string): Snippets {
  return {
    curl: curlSnippet(operation, apiBase),
    javascript: javascriptSnippet(operation, apiBase),
    python: pythonSnippet(operation, apiBase),
  };
}

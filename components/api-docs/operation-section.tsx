import { PERMISSION_DESCRIPTIONS } from "@/components/roles/role-descriptions";
import { TableHead } from "@/components/ui/table-head";
import type { Permission } from "@/lib/rbac/permissions";
import { InlineCode } from "./inline-code";
import { constraintsOf, exampleOf, typeLabel, type JsonSchema } from "./json-schema";
import { SchemaView } from "./schema-view";

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: JsonSchema };
type Response = { description: string; content?: Record<string, { schema: JsonSchema }> };
export type OperationDoc = {
  operationId: string;
  summary: string;
  description?: string;
  "x-permission": Permission | null;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, Response>;
};

const METHOD_STYLES: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  POST: "bg-sky-50 text-sky-800 ring-sky-200",
  PATCH: "bg-amber-50 text-amber-800 ring-amber-200",
  DELETE: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={
        `inline-block w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ring-1 ` +
        `ring-inset ${METHOD_STYLES[method] ?? ""}`
      }
    >
      {method}
    </span>
  );
}

/** A copy-and-paste call: the key from $VERITY_API_KEY, path parameters as shell variables ($KEY_ID). */
function curlExample({
  method,
  path,
  apiBase,
  operation,
}: {
  method: string;
  path: string;
  apiBase: string;
  operation: OperationDoc;
}): string {
  const url =
    apiBase +
    path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`);
  const lines = [
    `curl -sS${method === "GET" ? "" : ` -X ${method}`} "${url}"`,
    `  -H "Authorization: Bearer $VERITY_API_KEY"`,
  ];
  if (operation.parameters.some((parameter) => parameter.name === "Idempotency-Key"))
    lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  const body = operation.requestBody?.content["application/json"]?.schema;
  if (body) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(exampleOf(body))}'`);
  }
  return lines.join(" \\\n");
}

/** One operation of the OpenAPI document: what it does, who may call it, what it takes and answers, and a curl line. */
export function OperationSection({
  method,
  path,
  apiBase,
  operation,
}: {
  method: string;
  path: string;
  apiBase: string;
  operation: OperationDoc;
}) {
  const permission = operation["x-permission"];
  const [success, ...refusals] = Object.entries(operation.responses);
  const successSchema = success?.[1].content?.["application/json"]?.schema;
  const body = operation.requestBody?.content["application/json"]?.schema;
  const headingId = `${operation.operationId}-heading`;

  return (
    <section
      id={operation.operationId}
      aria-labelledby={headingId}
      className="scroll-mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5"
    >
      <div className="space-y-1">
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
          <MethodBadge method={method} />
          <code className="font-mono">/api/v1{path}</code>
        </h3>
        <p className="text-sm text-slate-800">
          <InlineCode text={operation.summary} />
        </p>
        {operation.description ? (
          <p className="text-sm text-slate-600">
            <InlineCode text={operation.description} />
          </p>
        ) : null}
        <p className="text-sm">
          <span className="text-slate-500">Required permission: </span>
          {permission ? (
            <>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{permission}</code>{" "}
              <span className="text-slate-500">({PERMISSION_DESCRIPTIONS[permission] ?? permission})</span>
            </>
          ) : (
            <span className="text-slate-700">none: any valid key</span>
          )}
        </p>
      </div>

      {operation.parameters.length ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold text-slate-700">Parameters</h4>
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table
              className="min-w-full divide-y divide-slate-200 text-sm"
              aria-label={`Parameters of ${method} ${path}`}
            >
              <TableHead headings={["Name", "In", "Type", "Notes"]} cellClassName="px-3 py-1.5" />
              <tbody className="divide-y divide-slate-100">
                {operation.parameters.map((parameter) => (
                  <tr key={`${parameter.in}:${parameter.name}`} className="align-top">
                    <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs text-slate-900">
                      {parameter.name}
                      {parameter.required ? (
                        <span className="ml-1 text-red-600" title="required">
                          *
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-1.5 text-xs text-slate-600">{parameter.in}</td>
                    <td className="px-3 py-1.5 font-mono text-xs text-slate-600">{typeLabel(parameter.schema)}</td>
                    <td className="px-3 py-1.5 text-xs text-slate-600">
                      {[parameter.description ?? parameter.schema.description, constraintsOf(parameter.schema)]
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      {body ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold text-slate-700">
            Request body <span className="font-normal text-slate-500">application/json</span>
          </h4>
          <SchemaView schema={body} label={`Request body of ${method} ${path}`} />
        </div>
      ) : null}

      {success ? (
        <div className="space-y-2">
          <h4 className="text-sm font-semibold text-slate-700">
            Response <span className="font-mono font-normal">{success[0]}</span>{" "}
            <span className="font-normal text-slate-500">{success[1].description}</span>
          </h4>
          {successSchema ? <SchemaView schema={successSchema} label={`Response of ${method} ${path}`} /> : null}
        </div>
      ) : null}

      {refusals.length ? (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold text-slate-700">
            Errors <span className="font-normal text-slate-500">application/problem+json</span>
          </h4>
          <ul className="space-y-0.5 text-sm text-slate-600">
            {refusals.map(([status, response]) => (
              <li key={status}>
                <span className="font-mono text-xs text-slate-900">{status}</span>{" "}
                <InlineCode text={response.description} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="space-y-2">
        <h4 className="text-sm font-semibold text-slate-700">Example</h4>
        <pre
          className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
          data-testid="curl-example"
        >
          {curlExample({ method, path, apiBase, operation })}
        </pre>
      </div>
    </section>
  );
}

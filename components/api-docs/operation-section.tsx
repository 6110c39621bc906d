import { PERMISSION_DESCRIPTIONS } from "@/components/roles/role-descriptions";
import { TableHead } from "@/components/ui/table-head";
import type { ReferenceOperation } from "@/lib/rest/api-reference";
import { InlineCode } from "./inline-code";
import { constraintsOf, typeLabel } from "./json-schema";
import { MethodBadge } from "./method-badge";
import { SchemaView } from "./schema-view";
import { SnippetTabs } from "./snippet-tabs";
import { TryIt, type TryItOperation } from "./try-it";

/** What the client-side "Try it" needs of an operation, and no more (it is sent with the page). */
function tryItOperation(operation: ReferenceOperation): TryItOperation {
  return {
    id: operation.id,
    method: operation.method,
    path: operation.path,
    fullPath: operation.fullPath,
    parameters: operation.parameters.map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      required: Boolean(parameter.required),
      type: typeLabel(parameter.schema),
      ...(parameter.schema.enum ? { options: parameter.schema.enum.map(String) } : {}),
    })),
    ...(operation.request
      ? {
          body:
            operation.request.contentType === "application/json"
              ? { kind: "json" as const, example: operation.request.example ?? "{}" }
              : { kind: "other" as const, contentType: operation.request.contentType },
        }
      : {}),
  };
}

const subheading = "text-sm font-semibold text-slate-800";

/**
 * One operation of the OpenAPI document, rendered on the server: what it does, who may call it, what it takes,
 * an example answer, then the client islands (the calls to copy, and Try it).
 */
export function OperationSection({ operation }: { operation: ReferenceOperation }) {
  const { method, fullPath, permission, success } = operation;
  const headingId = `${operation.id}-heading`;
  return (
    <section
      id={operation.id}
      aria-labelledby={headingId}
      className="min-w-0 scroll-mt-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <div className="space-y-1">
        <div className="flex items-start justify-between gap-2">
          <h3 id={headingId} className="flex min-w-0 flex-wrap items-center gap-2 text-base font-semibold">
            <MethodBadge method={method} />
            <code className="break-all font-mono">{fullPath}</code>
          </h3>
          <a
            href={`#${operation.id}`}
            aria-label={`Link to ${method} ${fullPath}`}
            className="rounded px-1 text-sm text-slate-600 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            #
          </a>
        </div>
        <p className="text-sm text-slate-800">
          <InlineCode text={operation.summary} />
        </p>
        {operation.description ? (
          <p className="text-sm text-slate-600">
            <InlineCode text={operation.description} />
          </p>
        ) : null}
        <p className="text-sm">
          <span className="text-slate-600">Required scope: </span>
          {permission ? (
            <>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{permission}</code>{" "}
              <span className="text-slate-600">({PERMISSION_DESCRIPTIONS[permission] ?? permission})</span>
            </>
          ) : (
            <span className="text-slate-700">none: any valid key</span>
          )}
        </p>
      </div>

      {operation.parameters.length ? (
        <div className="space-y-2">
          <h4 className={subheading}>Parameters</h4>
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table
              className="min-w-full divide-y divide-slate-200 text-sm"
              aria-label={`Parameters of ${method} ${operation.path}`}
            >
              <TableHead headings={["Name", "In", "Type", "Notes"]} cellClassName="px-3 py-1.5" />
              <tbody className="divide-y divide-slate-100">
                {operation.parameters.map((parameter) => (
                  <tr key={`${parameter.in}:${parameter.name}`} className="align-top">
                    <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs text-slate-900">
                      {parameter.name}
                      {parameter.required ? (
                        <span className="ml-1 text-red-700" title="required">
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

      {operation.request ? (
        <div className="space-y-2">
          <h4 className={subheading}>
            Request body <span className="font-normal text-slate-600">{operation.request.contentType}</span>
          </h4>
          {operation.request.description ? (
            <p className="text-sm text-slate-600">
              <InlineCode text={operation.request.description} />
            </p>
          ) : null}
          <SchemaView schema={operation.request.schema} label={`Request body of ${method} ${operation.path}`} />
        </div>
      ) : null}

      <div className="space-y-2">
        <h4 className={subheading}>
          Response <span className="font-mono font-normal">{success.status}</span>{" "}
          <span className="font-normal text-slate-600">
            <InlineCode text={success.description} />
          </span>
        </h4>
        {success.contentTypes.length > 1 || (success.contentTypes[0] && !success.schema) ? (
          <p className="text-xs text-slate-600">
            As {success.contentTypes.map((type) => type.split(";")[0]).join(", ")}
          </p>
        ) : null}
        {success.schema ? (
          <SchemaView schema={success.schema} label={`Response of ${method} ${operation.path}`} />
        ) : null}
      </div>

      {success.example ? (
        <div className="space-y-2">
          <h4 className={subheading}>
            Example response <span className="font-mono font-normal">{success.status}</span>
          </h4>
          <pre
            tabIndex={0}
            data-testid="example-response"
            className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-900 ring-1 ring-slate-200"
          >
            {success.example}
          </pre>
        </div>
      ) : null}

      {operation.refusals.length ? (
        <div className="space-y-1">
          <h4 className={subheading}>
            Errors <span className="font-normal text-slate-600">application/problem+json</span>
          </h4>
          <ul className="space-y-0.5 text-sm text-slate-600">
            {operation.refusals.map((refusal) => (
              <li key={refusal.status}>
                <span className="font-mono text-xs text-slate-900">{refusal.status}</span>{" "}
                <InlineCode text={refusal.description} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="space-y-2">
        <h4 className={subheading}>Call it</h4>
        <SnippetTabs snippets={operation.snippets} operation={`${method} ${fullPath}`} />
      </div>
      <TryIt operation={tryItOperation(operation)} />
    </section>
  );
}

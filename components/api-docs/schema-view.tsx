import { TableHead } from "@/components/ui/table-head";
import { constraintsOf, nestedObject, typeLabel, type JsonSchema } from "./json-schema";

function Rows({ schema, prefix }: { schema: JsonSchema; prefix: string }) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, property]) => {
        const path = `${prefix}${name}`;
        const nested = nestedObject(property);
        const isArray = property.type === "array" || (property.anyOf ?? []).some((option) => option.type === "array");
        return [
          <tr key={path} className="align-top">
            <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs text-slate-900">
              {path}
              {required.has(name) ? (
                <span className="ml-1 text-red-600" title="required">
                  *
                </span>
              ) : null}
            </td>
            <td className="px-3 py-1.5 font-mono text-xs text-slate-600">{typeLabel(property)}</td>
            <td className="px-3 py-1.5 text-xs text-slate-600">
              {[property.description, constraintsOf(property)].filter(Boolean).join(" · ")}
            </td>
          </tr>,
          nested ? <Rows key={`${path}.`} schema={nested} prefix={`${path}${isArray ? "[]" : ""}.`} /> : null,
        ];
      })}
    </>
  );
}

/**
 * A JSON Schema as a table of fields (nested objects flattened to dotted paths, `*` for required),
 * with the exact schema one click away. Rendered on the server: no script, no external asset.
 */
export function SchemaView({ schema, label }: { schema: JsonSchema; label: string }) {
  const object = nestedObject(schema);
  return (
    <div className="space-y-2">
      {object ? (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
            <TableHead headings={["Field", "Type", "Notes"]} cellClassName="px-3 py-1.5" />
            <tbody className="divide-y divide-slate-100">
              <Rows schema={object} prefix={schema.type === "array" ? "[]." : ""} />
            </tbody>
          </table>
        </div>
      ) : (
        <p className="font-mono text-xs text-slate-600">{typeLabel(schema)}</p>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-600 hover:text-slate-900">JSON Schema</summary>
        <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {JSON.stringify(schema, null, 2)}
        </pre>
      </details>
    </div>
  );
}

import type { EventTypeDoc } from "@/lib/webhooks/event-samples";

/** The webhook event types, grouped by category: description, metadata fields and a sample body each. */
export function EventCatalog({ events }: { events: EventTypeDoc[] }) {
  const categories = [...new Set(events.map((event) => event.category))].sort();
  return (
    <div className="space-y-8">
      <nav aria-label="Event categories" className="flex flex-wrap gap-2 text-sm">
        {categories.map((category) => (
          <a
            key={category}
            href={`#category-${category}`}
            className="rounded bg-slate-100 px-2 py-1 hover:bg-slate-200"
          >
            {category}
          </a>
        ))}
      </nav>
      {categories.map((category) => (
        <section key={category} aria-labelledby={`category-${category}`} className="space-y-3">
          <h2 id={`category-${category}`} className="text-lg font-semibold">
            {category}
          </h2>
          <ul className="space-y-3">
            {events
              .filter((event) => event.category === category)
              .map((event) => (
                <li
                  key={event.type}
                  id={`event-${event.type}`}
                  className="rounded-lg border border-slate-200 bg-white p-4"
                  data-testid="event-type"
                >
                  <h3 className="font-mono text-sm font-semibold text-slate-900">{event.type}</h3>
                  <p className="text-sm text-slate-600">{event.description}</p>
                  {event.fields.length ? (
                    <table className="mt-2 text-left text-xs" aria-label={`Metadata of ${event.type}`}>
                      <thead className="text-slate-600">
                        <tr>
                          <th scope="col" className="pr-4 font-medium">
                            Field
                          </th>
                          <th scope="col" className="pr-4 font-medium">
                            Type
                          </th>
                          <th scope="col" className="font-medium">
                            Always present
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {event.fields.map((field) => (
                          <tr key={field.name}>
                            <td className="pr-4 font-mono">{field.name}</td>
                            <td className="pr-4 font-mono text-slate-700">{field.type}</td>
                            <td>{field.required ? "yes" : "no"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : (
                    <p className="mt-1 text-xs text-slate-600">No metadata.</p>
                  )}
                  <details className="mt-2">
                    <summary className="cursor-pointer text-xs font-medium text-brand-600">Sample payload</summary>
                    <pre
                      tabIndex={0}
                      className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] ring-1 ring-slate-200"
                      aria-label={`Sample payload of ${event.type}`}
                      role="group"
                    >
                      {JSON.stringify(event.sample, null, 2)}
                    </pre>
                  </details>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** What a key's detail page shows, as plain types (client components import them; the loader is server-only). */
export type KeyLink = { id: string; name: string; prefix: string; last4: string };
export type KeyRequestView = { method: string; path: string; status: number; ip: string | null; at: string };
/** One UTC day of the chart: every request, and those answered with an error (4xx or 5xx). */
export type KeyUsageDay = { day: string; requests: number; errors: number };

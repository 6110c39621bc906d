/** Where a request came from, as a proxy in front of Verity reported it (only trusted proxies are believed). */
export type Geo = { country: string | null; region: string | null; city: string | null };

/** The request behind an action, as its audit entries record it. */
export type RequestContext = { ip: string | null; userAgent: string | null; geo: Geo | null; requestId: string | null };

import { z } from "zod";

// Runs in the browser before any page module. zod compiles object parsers with `new Function` when
// eval is allowed and, to find out, tries it once as each object schema is built; the panel's
// Content-Security-Policy forbids eval, so the probe fails (zod falls back) but the browser reports
// it as a CSP violation. Telling zod not to compile skips the probe. The server keeps compiling.
z.config({ jitless: true });

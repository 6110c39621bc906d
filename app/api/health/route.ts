import packageJson from "@/package.json";
import { checkHealth } from "@/lib/db/health";
import { mayReadHealthDetails } from "@/lib/http/health-details";

export const dynamic = "force-dynamic";

/**
 * 200 `{"status":"ok"}` when the database answers and every migration is applied; 503
 * `{"status":"unavailable"}` otherwise. With `Authorization: Bearer <VERITY_HEALTH_TOKEN>` the
 * answer also says why: the database, the migrations applied and pending, and the version.
 */
export async function GET(request: Request) {
  const health = await checkHealth();
  const ok = health.status === "ok";
  const body = mayReadHealthDetails(request.headers.get("authorization"))
    ? { ...health, version: packageJson.version }
    : { status: ok ? "ok" : "unavailable" };
  return Response.json(body, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

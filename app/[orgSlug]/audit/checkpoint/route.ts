import { cosignedNote } from "@/lib/audit/published/cosigned-note";
import { latestCheckpoint } from "@/lib/audit/published/latest-checkpoint";
import { withOrg } from "@/lib/guard/with-org";

/**
 * The latest signed checkpoint's note as a text file, for the audit trail screen's Download link (the
 * session's counterpart of GET /api/v1/audit-log/checkpoint, which takes an API key). 404 before the first.
 */
export const GET = withOrg({ name: "audit.checkpoint.download", permission: "audit.read" }, async ({ ctx, tx }) => {
  const checkpoint = await latestCheckpoint(tx, ctx.org.id);
  return new Response(await cosignedNote(tx, ctx.org.id, checkpoint), {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${ctx.org.slug}-checkpoint-${checkpoint.size}.txt"`,
      "cache-control": "no-store",
    },
  });
});

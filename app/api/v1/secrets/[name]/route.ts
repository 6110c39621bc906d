import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { deleteSecret } from "@/lib/secrets/delete-secret";
import { listSecrets } from "@/lib/secrets/list-secrets";
import { putSecret } from "@/lib/secrets/put-secret";
import { contentOf } from "@/lib/secrets/secret-schemas";
import { accessSecret } from "@/lib/secrets/reveal-secret";

export const GET = withApiKey(API_OPERATIONS.getSecret, ({ ctx, db, params, query }) =>
  accessSecret(db, ctx, { name: params.name, version: query.version }),
);

export const PUT = withApiKey(API_OPERATIONS.putSecret, async ({ ctx, tx, params, body }) => {
  await putSecret(tx, ctx, { name: params.name, description: body.description, ...contentOf(body) });
  const [view] = await listSecrets(tx, ctx, { name: params.name });
  return view!;
});

export const DELETE = withApiKey(API_OPERATIONS.deleteSecret, async ({ ctx, tx, params }) => {
  await deleteSecret(tx, ctx, { name: params.name });
  const [view] = await listSecrets(tx, ctx, { name: params.name, deleted: true });
  return view!;
});

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PATCH } = refuseOtherMethods("GET", "PUT", "DELETE");

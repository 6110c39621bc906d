import { z } from "zod";
import type { ApiOperation } from "@/lib/guard/api-operation";
import {
  SECRET_BODY_MAX_BYTES,
  ZRevealedSecret,
  ZSecretName,
  ZPutSecretBody,
  ZSecretView,
} from "@/lib/secrets/secret-schemas";

const TAG = "Secrets";
const ZNameParams = z.object({ name: ZSecretName }).strict();

/**
 * The organization's secrets over REST. Reading values needs secrets.read, which only an owner holds (so only a
 * key an owner created can carry it); writing needs secrets.manage. IP pinning and rate limits as for every key.
 */
export const SECRET_OPERATIONS = {
  listSecrets: {
    operationId: "listSecrets",
    method: "GET",
    path: "/secrets",
    tag: TAG,
    summary: "The organization's secrets, by name: metadata only, never a value",
    permission: "secrets.read",
    response: z.object({ data: z.array(ZSecretView) }),
    status: 200,
  },
  getSecret: {
    operationId: "getSecret",
    recordsRead: "on-its-own",
    method: "GET",
    path: "/secrets/{name}",
    tag: TAG,
    summary: "A secret's value (the current version, or ?version=N)",
    description:
      "A string value comes as `value`; a file as `file`: `{ name, contentType, size, contentBase64 }`, its bytes " +
      "in base64, as it was put. Every read is recorded in the audit trail as secret.accessed, with the key as its " +
      "actor (never the value). " +
      "A deleted secret, or a name the organization does not have, is a 404.",
    permission: "secrets.read",
    params: ZNameParams,
    query: z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional() }).strict(),
    response: ZRevealedSecret,
    status: 200,
  },
  putSecret: {
    operationId: "putSecret",
    method: "PUT",
    path: "/secrets/{name}",
    tag: TAG,
    summary: "Create the secret, or add a new version of it (the earlier versions are kept)",
    description:
      "Recorded as secret.created or secret.updated. Give either `value`, a string of at most 64 KB (65,536 bytes " +
      "of UTF-8), or `file`: `{ name, contentType, contentBase64 }`, a file of at most 64 KB (its bytes in padded " +
      "base64; its name and media type are kept as metadata, in clear; the bytes are encrypted like a string value). " +
      "A longer value or file is a 400 naming the limit; the body may be up to 400 KB, so a 64 KB value fits " +
      "however JSON escapes it, and a larger body is a 413. A name held by a deleted secret is a 409 until it is " +
      "restored or destroyed.",
    permission: "secrets.manage",
    maxBodyBytes: SECRET_BODY_MAX_BYTES,
    params: ZNameParams,
    body: ZPutSecretBody,
    requestExample: { value: "s3cr3t-database-password", description: "Primary database password" },
    response: ZSecretView,
    status: 200,
  },
  deleteSecret: {
    operationId: "deleteSecret",
    method: "DELETE",
    path: "/secrets/{name}",
    tag: TAG,
    summary: "Delete a secret: restorable by an owner in the panel for 30 days, then destroyed with its versions",
    description: "Recorded as secret.deleted.",
    permission: "secrets.manage",
    params: ZNameParams,
    response: ZSecretView,
    status: 200,
  },
} as const satisfies Record<string, ApiOperation>;

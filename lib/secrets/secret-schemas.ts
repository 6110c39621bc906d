import { z } from "zod";

/** The most a value may hold: 64 KB of UTF-8. */
export const SECRET_VALUE_MAX_BYTES = 64 * 1024;
/**
 * The most a body carrying one value may hold: JSON may spell each byte of the value as six ("\u0001"), so a 64 KB
 * value fits whatever its content, with room for the name, the description and the rest of the document. The
 * value's own limit is then the schema's, answered as a 400 naming it.
 */
export const SECRET_BODY_MAX_BYTES = 6 * SECRET_VALUE_MAX_BYTES + 16 * 1024;
/** How long a deleted secret can be restored before the worker destroys it. */
export const SECRET_RESTORE_DAYS = 30;

/** A name fit for a URL path and an environment variable: letters, digits, dot, dash, underscore. */
export const ZSecretName = z
  .string()
  .trim()
  .min(1, "Give the secret a name.")
  .max(100, "At most 100 characters.")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "Letters, digits, dot, dash and underscore, starting with a letter or digit.");

export const ZSecretValue = z
  .string()
  .min(1, "The value is empty.")
  .refine(
    (value) => Buffer.byteLength(value, "utf8") <= SECRET_VALUE_MAX_BYTES,
    "At most 64 KB (65,536 bytes of UTF-8).",
  );

const ZDescription = z.string().trim().max(500, "At most 500 characters.");

export const ZCreateSecret = z
  .object({ name: ZSecretName, description: ZDescription.default(""), value: ZSecretValue })
  .strict();
export type TCreateSecret = z.input<typeof ZCreateSecret>;

/** A new version: a new value, and optionally a new description. */
export const ZUpdateSecret = z
  .object({ secretId: z.uuid("Not a secret id."), value: ZSecretValue, description: ZDescription.optional() })
  .strict();

export const ZSecretRef = z.object({ secretId: z.uuid("Not a secret id.") }).strict();

export const ZRevealSecret = z
  .object({
    secretId: z.uuid("Not a secret id."),
    version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict();

const ZShareWith = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), userId: z.string().min(1, "Pick a member.").max(64) }).strict(),
  z.object({ kind: z.literal("role"), role: z.enum(["ADMIN", "MEMBER", "AUDITOR"]) }).strict(),
]);
export const ZShareSecret = z.object({ secretId: z.uuid("Not a secret id."), with: ZShareWith }).strict();
export type TShareWith = z.infer<typeof ZShareWith>;

export const ZUnshareSecret = z
  .object({ secretId: z.uuid("Not a secret id."), shareId: z.uuid("Not a share.") })
  .strict();

/** A secret as it leaves the server: metadata only, never a value. */
export const ZSecretView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  currentVersion: z.number().int(),
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdBy: z.string() })),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  lastRevealedAt: z.string().nullable(),
  lastRevealedBy: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** When a deleted secret is destroyed for good. */
  destroyAfter: z.string().nullable(),
  shares: z.array(
    z.object({ id: z.string(), kind: z.enum(["user", "role"]), userId: z.string().nullable(), display: z.string() }),
  ),
});
export type TSecretView = z.infer<typeof ZSecretView>;

/** A revealed value: the caller asked for it, and the reveal is on the record. */
export const ZRevealedSecret = z.object({ name: z.string(), version: z.number().int(), value: z.string() });
export type TRevealedSecret = z.infer<typeof ZRevealedSecret>;

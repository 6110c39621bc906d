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

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** How many bytes a (valid, padded) base64 text decodes to, without decoding it. */
export const base64DecodedLength = (text: string) =>
  (text.length / 4) * 3 - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);
/** type/subtype with optional parameters (RFC 9110 media type), as a browser or a client names a file's type. */
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(?:\s*;\s*[\x20-\x7e]*)?$/;

/**
 * A secret held as a small file (a certificate, a key file, a service account's JSON): its bytes in base64 (the
 * same JSON document as a string value, in the panel and over REST), its name and media type kept as metadata in
 * clear. The bytes are sealed exactly like a string value.
 */
export const ZSecretFile = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the file a name.")
      .max(255, "At most 255 characters.")
      // A name is shown and offered as a download name: no path, no control characters.
      .refine(
        (name) =>
          ![...name].some((char) => char === "/" || char === "\\" || char.charCodeAt(0) < 32 || char === "\x7f"),
        "A file name without slashes or control characters.",
      ),
    contentType: z
      .string()
      .trim()
      .max(255, "At most 255 characters.")
      .regex(MEDIA_TYPE, "A media type such as application/octet-stream.")
      .default("application/octet-stream"),
    contentBase64: z
      .string()
      .regex(BASE64, "The file's bytes in base64 (RFC 4648, padded).")
      .refine((text) => text.length > 0, "The file is empty.")
      .refine(
        (text) => base64DecodedLength(text) <= SECRET_VALUE_MAX_BYTES,
        "The file is larger than 64 KB (65,536 bytes).",
      ),
  })
  .strict();
export type TSecretFile = z.output<typeof ZSecretFile>;

/** What a version holds: a string value or a file, exactly one of them. */
export type TSecretContent = { value: string; file?: undefined } | { value?: undefined; file: TSecretFile };
const oneContent = (input: { value?: string; file?: unknown }) =>
  (input.value === undefined) !== (input.file === undefined);
/** The content of a parsed create/update/put input (the schema's refinement guarantees exactly one). */
export const contentOf = (input: { value?: string; file?: TSecretFile }): TSecretContent =>
  input.file ? { file: input.file } : { value: input.value! };
const ONE_CONTENT = { message: "Give a value or a file (one of them).", path: ["value"] };

const ZDescription = z.string().trim().max(500, "At most 500 characters.");

export const ZCreateSecret = z
  .object({
    name: ZSecretName,
    description: ZDescription.default(""),
    value: ZSecretValue.optional(),
    file: ZSecretFile.optional(),
  })
  .strict()
  .refine(oneContent, ONE_CONTENT);
export type TCreateSecret = z.input<typeof ZCreateSecret>;

/** A new version: a new value (or file), and optionally a new description. */
export const ZUpdateSecret = z
  .object({
    secretId: z.uuid("Not a secret id."),
    value: ZSecretValue.optional(),
    file: ZSecretFile.optional(),
    description: ZDescription.optional(),
  })
  .strict()
  .refine(oneContent, ONE_CONTENT);

/** The body of PUT /secrets/{name}. */
export const ZPutSecretBody = z
  .object({ value: ZSecretValue.optional(), file: ZSecretFile.optional(), description: ZDescription.optional() })
  .strict()
  .refine(oneContent, ONE_CONTENT);

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
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      createdBy: z.string(),
      /** Set when this version is a file: its name, media type and size in bytes (never its content). */
      file: z.object({ name: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
    }),
  ),
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
export const ZRevealedFile = z.object({
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  contentBase64: z.string(),
});
export const ZRevealedSecret = z.union([
  z.object({ name: z.string(), version: z.number().int(), value: z.string() }),
  z.object({ name: z.string(), version: z.number().int(), file: ZRevealedFile }),
]);
export type TRevealedFile = z.infer<typeof ZRevealedFile>;
/** A revealed version's content: `value` for a string, `file` for a file. */
export type TRevealedContent =
  { value: string; file?: undefined } | { value?: undefined; file: z.infer<typeof ZRevealedFile> };
/** A version's content as text: a string value, or a file's bytes read as UTF-8 (a credential uploaded as a file). */
export const textOf = (content: TRevealedContent) =>
  content.file ? Buffer.from(content.file.contentBase64, "base64").toString("utf8") : content.value;
export type TRevealedSecret = { name: string; version: number } & TRevealedContent;

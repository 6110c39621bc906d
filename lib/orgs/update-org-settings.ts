import "server-only";
import { RESERVED_SLUGS } from "./create-organization";
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditedBy, type OrgContext } from "@/lib/context";
import { recordSlugChange } from "./slug-history";
import { Prisma } from "@/lib/db/generated/client";
import { type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { FEATURE_FLAGS, type FeatureFlagKey, type FeatureFlags, type TOrgSettings } from "./org-settings-view";

export { FEATURE_FLAGS, type FeatureFlagKey, type FeatureFlags, type TOrgSettings };

/**
 * Paths at the root of the app: an organization at one of them would be shadowed by the page
 * (or worse, shadow it), so no organization may take them as its address.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// One label: letters, digits and inner dashes; a domain needs at least two labels and a letter TLD.
const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const MAX_ALLOWED_DOMAINS = 50;

const ZSlug = z
  .string()
  .trim()
  .min(2, "At least 2 characters.")
  .max(40, "At most 40 characters.")
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single dashes, e.g. acme-eu.")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved.");

// Optional text fields: "" from a form and null (what the schema itself yields) both mean "none",
// so parsing an already parsed value gives the same value.
const optionalText = z
  .string()
  .nullable()
  .transform((value) => value?.trim() || null);

const ZBrandColor = optionalText
  .transform((value) => value?.toLowerCase() ?? null)
  .pipe(
    z
      .string()
      .regex(/^#[0-9a-f]{6}$/, "Use a hex colour like #2f55d4.")
      .nullable(),
  );

// https only: the logo is shown to every member as an <img>; http would be mixed content and a
// javascript: or data: URL has no business in a header.
const ZLogoUrl = optionalText
  .refine((value) => value === null || value.length <= 2048, "At most 2048 characters.")
  .refine((value) => value === null || isHttpsUrl(value), "Use an https:// address.");

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** One domain a line (or comma separated); lowercased, a leading "@" forgiven, duplicates dropped. */
const ZAllowedDomains = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => {
    const items = (Array.isArray(value) ? value : value.split(/[\n,]+/)).map((item) =>
      item.trim().toLowerCase().replace(/^@/, ""),
    );
    return [...new Set(items.filter(Boolean))];
  })
  .superRefine((domains, ctx) => {
    const bad = domains.filter((domain) => !DOMAIN_PATTERN.test(domain));
    if (bad.length)
      ctx.addIssue({
        code: "custom",
        message: `Not a domain: ${bad.slice(0, 3).join(", ")}${bad.length > 3 ? "…" : ""}. Use a form like example.com.`,
      });
    if (domains.length > MAX_ALLOWED_DOMAINS)
      ctx.addIssue({ code: "custom", message: `At most ${MAX_ALLOWED_DOMAINS} domains.` });
  });

const ZFeatureFlags = z
  .object(
    Object.fromEntries(FEATURE_FLAGS.map(({ key }) => [key, z.boolean().default(false)])) as Record<
      FeatureFlagKey,
      z.ZodDefault<z.ZodBoolean>
    >,
  )
  .strict();

export const ZOrgSettings = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
    slug: ZSlug,
    brandColor: ZBrandColor,
    logoUrl: ZLogoUrl,
    allowedEmailDomains: ZAllowedDomains,
    featureFlags: ZFeatureFlags,
  })
  .strict();

const SETTINGS_COLUMNS = {
  name: true,
  slug: true,
  brandColor: true,
  logoUrl: true,
  allowedEmailDomains: true,
  featureFlags: true,
} as const;

/** Stored flags read through the known list: a flag retired from the list no longer shows or counts. */
function knownFlags(stored: Prisma.JsonValue): FeatureFlags {
  const source = stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  return Object.fromEntries(FEATURE_FLAGS.map(({ key }) => [key, source[key] === true])) as FeatureFlags;
}

/** The settings as the form shows them. */
export async function readOrgSettings(client: Pick<Tx, "organization">, orgId: string): Promise<TOrgSettings> {
  const org = await client.organization.findUniqueOrThrow({ where: { id: orgId }, select: SETTINGS_COLUMNS });
  return { ...org, featureFlags: knownFlags(org.featureFlags) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, on both sides; for flags, only the flags that flipped. */
function diffSettings(before: TOrgSettings, after: TOrgSettings) {
  const changes = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(SETTINGS_COLUMNS) as (keyof TOrgSettings)[]) {
    if (key === "featureFlags") {
      const flipped = FEATURE_FLAGS.map(({ key: flag }) => flag).filter(
        (flag) => before.featureFlags[flag] !== after.featureFlags[flag],
      );
      if (!flipped.length) continue;
      changes.before.featureFlags = Object.fromEntries(flipped.map((flag) => [flag, before.featureFlags[flag]]));
      changes.after.featureFlags = Object.fromEntries(flipped.map((flag) => [flag, after.featureFlags[flag]]));
    } else if (!same(before[key], after[key])) {
      changes.before[key] = before[key];
      changes.after[key] = after[key];
    }
  }
  return changes;
}

const slugTaken = () => new AppError("conflict", "That address is taken.", { slug: ["That address is taken."] });

/**
 * Saves the organization's settings with an `org.updated` entry holding, before and after, only
 * the fields that changed, in the same transaction. Saving the same values records nothing.
 */
export async function updateOrgSettings({ ctx, tx, input }: { ctx: OrgContext; tx: Tx; input: unknown }) {
  const after = ZOrgSettings.parse(input);
  const before = await readOrgSettings(tx, ctx.org.id);
  const { before: was, after: now } = diffSettings(before, after);
  const changed = Object.keys(now);
  if (changed.length === 0) return { changed, slug: before.slug };

  // A deleted organization keeps its address: nobody may take over links that pointed at it.
  if (now.slug && (await tx.organization.findUnique({ where: { slug: after.slug }, select: { id: true } })))
    throw slugTaken();
  try {
    await tx.organization.update({ where: { id: ctx.org.id }, data: after });
    if (now.slug) await recordSlugChange(tx, { orgId: ctx.org.id, from: before.slug, to: after.slug });
  } catch (error) {
    // Backstop for two organizations claiming the same free address at once.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw slugTaken();
    throw error;
  }
  await appendAuditEntry(tx, {
    ...auditedBy(ctx),
    action: "org.updated",
    target: { type: "organization", id: ctx.org.id, display: after.name },
    metadata: { before: was, after: now },
  });
  return { changed, slug: after.slug };
}

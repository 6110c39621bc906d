/**
 * The feature flags an organization may switch, declared here as data: the form renders this list
 * and the schema accepts exactly these keys, so a typo or a made-up flag cannot be stored.
 */
export const FEATURE_FLAGS = [
  {
    key: "audit_export_gzip",
    label: "Compressed audit exports",
    description:
      "Audit trail exports download as gzip files: the export dialog starts with compression ticked, and an API " +
      "export that does not say gzip=0 or gzip=1 is compressed.",
  },
] as const;
export type FeatureFlagKey = (typeof FEATURE_FLAGS)[number]["key"];
export type FeatureFlags = Record<FeatureFlagKey, boolean>;

/** An organization's settings as the form shows them (lib/orgs/update-org-settings.ts holds the parser). */
export type TOrgSettings = {
  name: string;
  slug: string;
  brandColor: string | null;
  logoUrl: string | null;
  allowedEmailDomains: string[];
  featureFlags: FeatureFlags;
};

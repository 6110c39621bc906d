import type { RoleName } from "@/lib/rbac/permissions";

/** One of a person's organizations, as the switcher shows it. */
export type UserOrg = { slug: string; name: string; role: RoleName; brandColor: string | null };

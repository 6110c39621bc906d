import Link from "next/link";
import { MailNotConfiguredBanner } from "@/components/layout/mail-not-configured-banner";
import { AccountMenu, MobileMenu } from "@/components/layout/header-menus";
import { OrgNav } from "@/components/layout/org-nav";
import { OrgSwitcher } from "@/components/layout/org-switcher";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { SupportBanner } from "@/components/staff/support-banner";
import { getDb } from "@/lib/db/client";
import { smtpConfigured } from "@/lib/mail";
import { loadOrgPage } from "@/lib/guard/org-page";
import { listUserOrgs } from "@/lib/orgs/list-user-orgs";
import { isPlatformStaff } from "@/lib/staff/grant-staff";
import { endSupportSessionAction } from "../staff/actions";

// Checked again at render: only a #rrggbb colour reaches a style attribute, only https reaches an <img>.
const safeColor = (value: string | null) => (value && /^#[0-9a-f]{6}$/i.test(value) ? value : null);
const safeLogo = (value: string | null) => (value?.startsWith("https://") ? value : null);

export default async function OrgLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ orgSlug: string }>;
}) {
  const { orgSlug } = await params;
  const { org, principal, role, permissions, support } = await loadOrgPage(orgSlug, "org.read");
  const db = getDb();
  const [branding, orgs, staff, me] = await Promise.all([
    db.organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { brandColor: true, logoUrl: true, requireMfa: true, requireMfaFrom: true },
    }),
    listUserOrgs(db, principal.userId),
    isPlatformStaff(db, principal.userId),
    db.user.findUnique({ where: { id: principal.userId }, select: { totpEnabledAt: true } }),
  ]);
  // The policy's grace period: a member without a second factor is told when it starts to be required (gone once enrolled).
  const mfaDeadline =
    !support && branding.requireMfa && branding.requireMfaFrom && me && !me.totpEnabledAt
      ? branding.requireMfaFrom
      : null;
  const brandColor = safeColor(branding.brandColor);
  const logoUrl = safeLogo(branding.logoUrl);
  return (
    <div className="min-h-screen">
      {support ? <SupportBanner orgName={org.name} support={support} endAction={endSupportSessionAction} /> : null}
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 whitespace-nowrap px-4 py-3 sm:gap-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-2">
            <Link href={`/${org.slug}`} className="flex items-center gap-2 font-semibold">
              <span
                aria-hidden
                className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600"
                style={brandColor ? { backgroundColor: brandColor } : undefined}
                data-testid="brand-color"
              />
              <span className="sr-only sm:not-sr-only">Verity</span>
            </Link>
            <span aria-hidden className="hidden text-slate-500 sm:inline">
              /
            </span>
            {logoUrl ? (
              // A plain <img>: next/image would need every customer's host allow-listed. No referrer: the org's URL stays private.
              <img
                src={logoUrl}
                alt={`${org.name} logo`}
                referrerPolicy="no-referrer"
                className="h-6 max-w-24 object-contain"
              />
            ) : null}
            <OrgSwitcher current={{ slug: org.slug, name: org.name }} orgs={orgs} />
          </div>
          <div className="flex shrink-0 items-center gap-2 text-sm">
            {staff ? (
              <Link href="/staff" className="hidden rounded-md px-2 py-1.5 text-slate-600 hover:bg-slate-100 sm:inline">
                Support sessions
              </Link>
            ) : null}
            <AccountMenu
              name={principal.name}
              email={principal.email}
              roleLabel={support ? "Verity staff, read-only" : role.toLowerCase()}
              orgSlug={org.slug}
            />
            <span className="hidden sm:inline">
              <SignOutButton />
            </span>
            <MobileMenu orgSlug={org.slug} permissions={permissions} />
          </div>
        </div>
        {/* The sections on a row of their own, so every one of them stays visible however many the role has;
            below 640 px they fold into the Menu button. */}
        <div className="mx-auto hidden max-w-6xl px-4 pb-2 sm:block">
          <OrgNav orgSlug={org.slug} permissions={permissions} />
        </div>
      </header>
      {role === "OWNER" && !smtpConfigured() ? <MailNotConfiguredBanner orgSlug={org.slug} /> : null}
      {mfaDeadline ? (
        <div role="status" className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-900">
          {org.name} requires two-factor authentication from {mfaDeadline.toISOString().slice(0, 16).replace("T", " ")}{" "}
          UTC.{" "}
          <Link href="/account/two-factor" className="font-medium underline">
            Set it up now
          </Link>
        </div>
      ) : null}
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { currentPrincipal } from "@/lib/guard/current-principal";
import { describeInvitation } from "@/lib/members/accept-invitation";
import { acceptInvitationAction, acceptInvitationAsNewUserAction } from "./actions";
import { JoinOrganization, SignedInAsSomeoneElse } from "./join-organization";
import { NewAccountForm } from "./new-account-form";

// The token is in this page's URL: no Referer header may carry it to another site.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

function Unusable({ message }: { message: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">This invitation cannot be used</h1>
      <p role="alert" className="text-sm text-slate-700">
        {message}
      </p>
      <Link href="/" className="block text-center text-sm font-medium text-brand-600 hover:underline">
        Go to Verity
      </Link>
    </div>
  );
}

/** The emailed link: who invited you where, and the one next step that fits who you are. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation({ token });
  if (invitation.status !== "pending")
    return <Unusable message={invitation.message ?? "This invitation link is invalid."} />;

  const invited = { orgName: invitation.orgName, role: invitation.role.toLowerCase(), email: invitation.email };
  const heading = (
    <div className="space-y-1">
      <h1 className="text-lg font-semibold">Join {invited.orgName}</h1>
      <p className="text-sm text-slate-600" data-testid="invitation-summary">
        You are invited to <strong>{invited.orgName}</strong> as <strong>{invited.role}</strong>.
      </p>
    </div>
  );
  const principal = await currentPrincipal();
  if (principal) {
    return (
      <div className="space-y-4">
        {heading}
        {principal.email.toLowerCase() === invitation.email.toLowerCase() ? (
          <JoinOrganization token={token} orgName={invited.orgName} acceptAction={acceptInvitationAction} />
        ) : (
          <SignedInAsSomeoneElse
            invitedEmail={invitation.email}
            signedInEmail={principal.email}
            returnTo={`/invitations/${encodeURIComponent(token)}`}
          />
        )}
      </div>
    );
  }
  if (invitation.accountExists) {
    return (
      <div className="space-y-4">
        {heading}
        <p className="text-sm text-slate-700">
          An account exists for <strong>{invitation.email}</strong>. Sign in with it to accept.
        </p>
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(`/invitations/${encodeURIComponent(token)}`)}`}
          className="block rounded-md bg-brand-600 px-3 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
        >
          Sign in to accept
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {heading}
      <NewAccountForm
        token={token}
        email={invitation.email}
        orgName={invited.orgName}
        acceptAsNewUserAction={acceptInvitationAsNewUserAction}
      />
    </div>
  );
}

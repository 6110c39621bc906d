import { redirect } from "next/navigation";

/** Security opens on the sessions screen; the policy is one link away for owners. */
export default async function SecurityPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  redirect(`/${orgSlug}/security/sessions`);
}

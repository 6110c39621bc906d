import { StepUpNeeded as ConfirmItsYou, stepUpHref } from "@/components/ui/step-up-needed";

/** Where an owner confirms it's them before changing the Owner role, and comes back to Members. */
export const membersStepUpHref = (orgSlug: string) => stepUpHref(`/${orgSlug}/members`);

/** Granting, removing or inviting an Owner needs a recent step-up (the server answers step_up_required). */
export function StepUpNeeded({ orgSlug, what }: { orgSlug: string; what: string }) {
  return (
    <ConfirmItsYou what={what} href={membersStepUpHref(orgSlug)} afterwards="you will come back to Members to finish" />
  );
}

import type { ActionResult } from "@/lib/http/action-result";
import type { TRevealedSecret } from "@/lib/secrets/secret-schemas";

/** A server action of the secrets screen, as the client sees it (app/[orgSlug]/secrets/actions.ts). */
export type SecretAction<T = unknown> = (orgSlug: string, input: unknown) => Promise<ActionResult<T>>;

export type SecretActions = {
  reveal: SecretAction<TRevealedSecret>;
  /** Null for everyone but owners: they may only reveal what is shared with them. */
  manage: {
    create: SecretAction<{ name: string }>;
    update: SecretAction<{ name: string }>;
    share: SecretAction<null>;
    unshare: SecretAction<null>;
    remove: SecretAction<{ name: string }>;
    restore: SecretAction<{ name: string }>;
  } | null;
};

/** A member an owner can share with (owners see every secret already). */
export type ShareableMember = { userId: string; email: string; role: string };

/** A time as the screen shows it: minutes, in UTC. */
export const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

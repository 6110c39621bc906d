/** Where a sign-in attempt stands, as the sign-in form receives it. */
export type SignInStep =
  /** recoveryCodesLeft: set when a recovery code was used, so the person is told how many remain. */
  | { status: "ready"; grant: string; recoveryCodesLeft?: number }
  | { status: "second_factor"; challenge: string }
  | { status: "invalid"; message: string }
  /** The right password for an account whose address is not confirmed yet: a new link is on its way. */
  | { status: "unverified"; message: string }
  | { status: "locked" | "throttled"; message: string; retryAt: string };

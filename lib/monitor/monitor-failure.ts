/** What the monitor found wrong, named so a person (or a cron mail) knows at once what kind of evidence it is. */
export type FailureKind =
  | "bad signature"
  | "no cosignature"
  | "another log"
  | "tree shrank"
  | "inconsistent history"
  | "entry does not match its leaf"
  | "broken link"
  | "missing entries";

export class MonitorFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    detail: string,
  ) {
    super(detail);
  }
}

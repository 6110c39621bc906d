import { isSubscribableAction } from "@/lib/webhooks/schemas";

export type ActionEntry = { text: string; ok: boolean };

/** The actions typed into the filter, one per line or comma separated, each checked as the server will check it. */
export function parseActions(value: string): ActionEntry[] {
  const seen = new Set<string>();
  return value
    .split(/[\n,]/)
    .map((text) => text.trim())
    .filter((text) => text && !seen.has(text) && seen.add(text))
    .map((text) => ({ text, ok: isSubscribableAction(text) }));
}

export function actionProblem(entry: ActionEntry): string {
  return (
    `"${entry.text.slice(0, 100)}" is not an event type Verity records. Use an action such as ` +
    `member.invited, a prefix such as member.*, or custom.*.`
  );
}

import type { ActionResult } from "@/lib/http/action-result";

/** Money and dates as the billing screens show them: US dollars, UTC calendar days (the same on the server and in the browser). */
export function money(cents: number, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

const longDay = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export function day(iso: string): string {
  return longDay.format(new Date(iso));
}

/** A period is [start, end): its last day is the one before `end`. */
export function period(startIso: string, endIso: string): string {
  const lastDay = new Date(new Date(endIso).getTime() - 1).toISOString();
  return `${day(startIso)} – ${day(lastDay)}`;
}

export const count = (value: number) => value.toLocaleString("en-US");

export type BillingAction<T = unknown> = (orgSlug: string, input: unknown) => Promise<ActionResult<T>>;

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Status } from "@/components/ui/status-message";
import type { ActionResult } from "@/lib/http/action-result";

/** Runs one server action on a support session, announces its outcome and refreshes the screen. */
export function useSessionAction() {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>, done: string) =>
    startTransition(async () => {
      const result = await action();
      setStatus(result.ok ? { ok: true, text: done } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });
  return { status, pending, run };
}

/** "42 min left", for a session's expiry. */
export function timeLeft(expiresAt: string | null, now: number): string {
  if (!expiresAt) return "";
  const minutes = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 60_000));
  return `${minutes} min left`;
}

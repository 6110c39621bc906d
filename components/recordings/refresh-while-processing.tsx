"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While redaction runs, the page asks the server again every few seconds, so it turns "Redacted" by itself. */
export function RefreshWhileProcessing({ everyMs = 1500 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}

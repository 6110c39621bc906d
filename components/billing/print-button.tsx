"use client";

import { buttonStyles } from "@/components/ui/dialog";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={buttonStyles.primary}>
      Print
    </button>
  );
}

"use client";

import { useId } from "react";

const GRACE_HOURS = [0, 1, 24, 72, 168] as const;
const LABELS: Record<(typeof GRACE_HOURS)[number], string> = {
  0: "",
  1: "1 hour",
  24: "24 hours",
  72: "72 hours",
  168: "7 days",
};

type Props = {
  /** What the old credential is ("key", "secret"). */
  subject: string;
  /** What stops at once with no grace ("the old key stops at once"). */
  noneLabel: string;
  recommendedHours: number;
  value: number;
  onChange: (hours: number) => void;
  hint: React.ReactNode;
};

/** How long an old credential keeps working after it is replaced (rolled API keys, rotated signing secrets). */
export function GracePeriodFieldset({ subject, noneLabel, recommendedHours, value, onChange, hint }: Props) {
  const id = useId();
  return (
    <fieldset className="space-y-1.5" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-700">Grace period for the old {subject}</legend>
      {GRACE_HOURS.map((hours) => (
        <label key={hours} className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="graceHours"
            value={hours}
            checked={value === hours}
            onChange={() => onChange(hours)}
          />
          {hours === 0 ? `None: ${noneLabel}` : LABELS[hours]}
          {hours === recommendedHours ? <span className="text-xs text-slate-500">(recommended)</span> : null}
        </label>
      ))}
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
    </fieldset>
  );
}

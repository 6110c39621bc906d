"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import type { HeldPurgeView } from "@/lib/lifecycle/archive/held-purge-view";
import type { TLegalHoldView } from "@/lib/lifecycle/legal-hold-schemas";
import { CreateLegalHoldDialog } from "./create-legal-hold-dialog";
import type { LegalHoldAction } from "./legal-hold-format";
import { LegalHoldsTable } from "./legal-holds-table";
import { ReleaseLegalHoldDialog } from "./release-legal-hold-dialog";

type Props = {
  orgSlug: string;
  holds: TLegalHoldView[];
  /** Null for those who may only see holds (auditors): no create or release. */
  actions: { create: LegalHoldAction; release: LegalHoldAction } | null;
  /** Per hold id, the archive purge it holds back now. */
  heldPurges?: Record<string, HeldPurgeView>;
};

type Open = { kind: "none" } | { kind: "create" } | { kind: "release"; hold: TLegalHoldView };

/** The holds screen: the table (or what a hold is, when there are none), and the place and release dialogs. */
export function LegalHoldsPanel({ orgSlug, holds, actions, heldPurges }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const [status, setStatus] = useState<string | null>(null);
  const close = () => setOpen({ kind: "none" });
  const done = (message: string) => {
    close();
    setStatus(message);
    router.refresh();
  };
  const createButton = actions ? (
    <button type="button" onClick={() => setOpen({ kind: "create" })} className={buttonStyles.primary}>
      Place a hold
    </button>
  ) : null;

  return (
    <div className="space-y-4">
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
      {holds.length ? (
        <>
          {createButton ? <div className="flex justify-end">{createButton}</div> : null}
          <LegalHoldsTable
            holds={holds}
            onRelease={actions ? (hold) => setOpen({ kind: "release", hold }) : null}
            {...(heldPurges ? { heldPurges } : {})}
          />
        </>
      ) : (
        <EmptyState testId="legal-holds-empty">
          <h2 className="text-base font-semibold text-slate-900">No legal holds</h2>
          <p className="mx-auto mt-1 max-w-prose">
            A legal hold keeps evidence for a matter such as litigation or an investigation: while it is active, the
            audit entries and personal data it covers are never purged at the end of retention or erased on request.
            {actions ? "" : " Owners and admins place and release holds."}
          </p>
          {createButton ? <div className="mt-4">{createButton}</div> : null}
        </EmptyState>
      )}
      {open.kind === "create" && actions ? (
        <CreateLegalHoldDialog
          orgSlug={orgSlug}
          createAction={actions.create}
          onClose={close}
          onCreated={(hold) => done(`Placed the hold "${hold.name}".`)}
        />
      ) : null}
      {open.kind === "release" && actions ? (
        <ReleaseLegalHoldDialog
          orgSlug={orgSlug}
          hold={open.hold}
          releaseAction={actions.release}
          onClose={close}
          onReleased={(hold) => done(`Released the hold "${hold.name}".`)}
        />
      ) : null}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import type { TDsrView } from "@/lib/privacy/dsr-schemas";
import { AnswerDsrDialog } from "./answer-dsr-dialog";
import type { DsrAction } from "./dsr-format";
import { DsrTable } from "./dsr-table";
import { RecordDsrDialog } from "./record-dsr-dialog";

type Props = {
  orgSlug: string;
  requests: TDsrView[];
  actions: { record: DsrAction; complete: DsrAction; reject: DsrAction };
};
type Open = { kind: "none" } | { kind: "record" } | { kind: "answer"; request: TDsrView; mode: "complete" | "reject" };

/** The requests screen: the table (or what a request is, when there are none), and the record and answer dialogs. */
export function PrivacyRequestsPanel({ orgSlug, requests, actions }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const [status, setStatus] = useState<string | null>(null);
  const close = () => setOpen({ kind: "none" });
  const done = (message: string) => {
    close();
    setStatus(message);
    router.refresh();
  };
  const overdue = requests.filter((request) => request.overdue).length;
  const recordButton = (
    <button type="button" onClick={() => setOpen({ kind: "record" })} className={buttonStyles.primary}>
      Record a request
    </button>
  );
  return (
    <div className="space-y-4">
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
      {requests.length ? (
        <>
          <div className="flex items-center justify-between gap-4">
            <p className={overdue ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"}>
              {overdue ? `${overdue} overdue ${overdue === 1 ? "request" : "requests"}` : "No request is overdue."}
            </p>
            {recordButton}
          </div>
          <DsrTable
            orgSlug={orgSlug}
            requests={requests}
            onAnswer={(request, mode) => setOpen({ kind: "answer", request, mode })}
          />
        </>
      ) : (
        <EmptyState testId="privacy-requests-empty">
          <h2 className="text-base font-semibold text-slate-900">No privacy requests</h2>
          <p className="mx-auto mt-1 max-w-prose">
            When someone asks for a copy of their data or for its erasure, record it here: the deadline is set by the
            law it falls under, and completing it produces their data or erases it, with a record of what was done.
          </p>
          <div className="mt-4">{recordButton}</div>
        </EmptyState>
      )}
      {open.kind === "record" ? (
        <RecordDsrDialog
          orgSlug={orgSlug}
          recordAction={actions.record}
          onClose={close}
          onRecorded={(request) => done(`Recorded the ${request.type} request for ${request.subject}.`)}
        />
      ) : null}
      {open.kind === "answer" ? (
        <AnswerDsrDialog
          orgSlug={orgSlug}
          request={open.request}
          mode={open.mode}
          action={open.mode === "complete" ? actions.complete : actions.reject}
          onClose={close}
          onAnswered={(request) =>
            done(
              `${request.status === "completed" ? "Completed" : "Rejected"} the ${request.type} request for ${request.subject}.`,
            )
          }
        />
      ) : null}
    </div>
  );
}

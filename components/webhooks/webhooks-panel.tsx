"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { CreateEndpointDialog } from "./create-endpoint-dialog";
import { EndpointsTable } from "./endpoints-table";
import { SecretRevealDialog } from "./secret-reveal-dialog";
import type { CreateEndpointAction } from "./types";

type Props = { orgSlug: string; endpoints: TWebhookEndpointView[]; now: string; createAction: CreateEndpointAction };

/** Which dialog is open. A new secret lives here, in memory, until "Done": never in the URL or storage. */
type Open = { kind: "none" } | { kind: "create" } | { kind: "reveal"; secret: string; endpoint: TWebhookEndpointView };

/** The webhooks screen: the endpoints table (or what webhooks are, when there are none), and the create and reveal dialogs. */
export function WebhooksPanel({ orgSlug, endpoints, now, createAction }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const close = () => setOpen({ kind: "none" });
  const createButton = (
    <button type="button" onClick={() => setOpen({ kind: "create" })} className={buttonStyles.primary}>
      Add endpoint
    </button>
  );

  return (
    <div className="space-y-4">
      {endpoints.length ? (
        <>
          <div className="flex justify-end">{createButton}</div>
          <EndpointsTable orgSlug={orgSlug} endpoints={endpoints} now={now} />
        </>
      ) : (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-base font-semibold">No webhook endpoints yet</h2>
          <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">
            A webhook endpoint receives your audit trail as it happens: every event you choose is sent to your URL as a
            signed HTTPS POST within seconds, and retried for about a day if your receiver is down. Use it to feed a
            SIEM, alert on sign-in failures or react to member changes. See{" "}
            <Link href={`/${orgSlug}/webhooks/docs`} className="font-medium text-brand-600 hover:underline">
              how to receive and verify webhooks
            </Link>
            .
          </p>
          <div className="mt-4">{createButton}</div>
        </div>
      )}

      {open.kind === "create" ? (
        <CreateEndpointDialog
          orgSlug={orgSlug}
          createAction={createAction}
          onClose={close}
          onCreated={({ endpoint, secret }) => {
            setOpen({ kind: "reveal", secret, endpoint });
            router.refresh();
          }}
        />
      ) : null}
      {open.kind === "reveal" ? (
        <SecretRevealDialog
          secret={open.secret}
          title="Your endpoint's signing secret"
          once
          note={`Your receiver verifies every delivery to ${open.endpoint.url} with it: the webhooks docs show how.`}
          onDone={close}
        />
      ) : null}
    </div>
  );
}

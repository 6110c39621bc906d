"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { relative, utc } from "@/components/api-keys/format";
import { FormError } from "@/components/ui/form-field";
import type { TWebhookDeliveryView, TWebhookEndpointView } from "@/lib/webhooks/schemas";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { StepUpNotice } from "@/components/ui/step-up-notice";
import { stepUpHref } from "@/components/ui/step-up-needed";
import { DeliveryLog } from "./delivery-log";
import { EndpointSettingsForm } from "./endpoint-settings-form";
import { EndpointStatus } from "./endpoint-status";
import { filterSummary, graceLabel } from "./format";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { SuccessRateChart } from "./success-rate-chart";
import { AUDIT_EVENTS } from "@/lib/audit/event-catalog";
import type { AttemptDay } from "@/lib/webhooks/schemas";
import { SecretRevealDialog } from "./secret-reveal-dialog";
import type {
  DeleteEndpointAction,
  ListDeliveriesAction,
  RecoverFailedAction,
  ReplayDeliveryAction,
  RevealSecretAction,
  RotateSecretAction,
  SendTestAction,
  UpdateEndpointAction,
} from "./types";

export type EndpointActions = {
  updateAction: UpdateEndpointAction;
  deleteAction: DeleteEndpointAction;
  sendTestAction: SendTestAction;
  rotateAction: RotateSecretAction;
  revealAction: RevealSecretAction;
  listAction: ListDeliveriesAction;
  replayAction: ReplayDeliveryAction;
  recoverAction: RecoverFailedAction;
};

type Props = EndpointActions & {
  orgSlug: string;
  endpoint: TWebhookEndpointView;
  deliveries: { data: TWebhookDeliveryView[]; nextBefore: string | null };
  /** Attempts per UTC day over the last 30 days, for the success-rate chart. */
  successRate: AttemptDay[];
  now: string;
  /** Whether this session confirmed its password in the last few minutes (revealing or rotating the secret needs it). */
  steppedUp: boolean;
};

/** What a test can be: webhook.test, or a catalog sample of any event type the trail records. */
const TEST_TYPES = ["webhook.test", ...Object.keys(AUDIT_EVENTS).sort()];

/** Which dialog is open. A secret lives here, in memory, until "Done": never in the URL or storage. */
type Open =
  | { kind: "none" }
  | { kind: "disable" }
  | { kind: "delete" }
  | { kind: "rotate" }
  | { kind: "reveal"; secret: string; once: boolean; note?: string };

/** One endpoint: its delivery log, test events, enable / disable, settings, secret rotation and reveal, and deletion. */
export function EndpointScreen({
  orgSlug,
  endpoint: initialEndpoint,
  deliveries,
  successRate,
  now,
  steppedUp,
  ...actions
}: Props) {
  const router = useRouter();
  const [endpoint, setEndpoint] = useState(initialEndpoint);
  const [open, setOpen] = useState<Open>({ kind: "none" });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secretError, setSecretError] = useState<string | null>(null);
  const [reloadSignal, setReloadSignal] = useState(0);
  const [testType, setTestType] = useState("webhook.test");
  const [pending, startTransition] = useTransition();
  const close = () => setOpen({ kind: "none" });
  const title = endpoint.description || "Webhook endpoint";
  const stepUpLink = stepUpHref(`/${orgSlug}/webhooks/${endpoint.id}`);

  const run = (work: () => Promise<void>) =>
    startTransition(async () => {
      setMessage(null);
      setError(null);
      await work();
    });

  const sendTest = () =>
    run(async () => {
      const eventType = testType === "webhook.test" ? undefined : testType;
      const result = await actions.sendTestAction(orgSlug, { endpointId: endpoint.id, eventType });
      if (!result.ok) return setError(result.error);
      setMessage(
        endpoint.enabled
          ? `Test ${result.data.eventType} event queued (${result.data.webhookId}); it appears in the log below.`
          : `Test ${result.data.eventType} event queued (${result.data.webhookId}). The endpoint is disabled: it is ` +
              "sent once you enable it.",
      );
      setReloadSignal((n) => n + 1);
    });

  const setEnabled = async (enabled: boolean): Promise<string | null> => {
    const result = await actions.updateAction(orgSlug, { endpointId: endpoint.id, enabled });
    if (!result.ok) return result.error;
    setEndpoint(result.data);
    setMessage(
      enabled
        ? "Endpoint enabled: new events are sent to it again."
        : "Endpoint disabled: no new events are queued for it.",
    );
    close();
    router.refresh();
    return null;
  };

  const reveal = () =>
    startTransition(async () => {
      setSecretError(null);
      const result = await actions.revealAction(orgSlug, { endpointId: endpoint.id });
      if (!result.ok) {
        setSecretError(result.error);
        // The step-up may have lapsed since the page loaded: re-read it so the link to renew it shows.
        router.refresh();
        return;
      }
      setOpen({ kind: "reveal", secret: result.data.secret, once: false });
    });

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <Link href={`/${orgSlug}/webhooks`} className="text-sm font-medium text-brand-600 hover:underline">
          ← Webhooks
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
            <p className="break-all font-mono text-sm text-slate-700" data-testid="endpoint-url">
              {endpoint.url}
            </p>
            <p className="text-sm text-slate-500">
              {filterSummary(endpoint)} · created{" "}
              <time dateTime={endpoint.createdAt} title={utc(endpoint.createdAt)}>
                {relative(endpoint.createdAt, now)}
              </time>{" "}
              ·{" "}
              {endpoint.liveSecrets > 1
                ? `${endpoint.liveSecrets} secrets signing (rotation in progress)`
                : "1 signing secret"}
            </p>
            <EndpointStatus endpoint={endpoint} now={now} />
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor="test-event-type" className="sr-only">
              Test event type
            </label>
            <select
              id="test-event-type"
              value={testType}
              onChange={(event) => setTestType(event.target.value)}
              className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
            >
              {TEST_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            <button type="button" onClick={sendTest} disabled={pending} className={buttonStyles.primary}>
              Send test event
            </button>
            {endpoint.enabled ? (
              <button type="button" onClick={() => setOpen({ kind: "disable" })} className={buttonStyles.secondary}>
                Disable
              </button>
            ) : (
              <button
                type="button"
                disabled={pending}
                onClick={() => run(async () => void setError(await setEnabled(true)))}
                className={buttonStyles.secondary}
              >
                Enable
              </button>
            )}
          </div>
        </div>
        {endpoint.enabled && endpoint.failingSince ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Every attempt since {utc(endpoint.failingSince)} has failed. If deliveries keep failing for 5 days the
            endpoint is disabled and the owners are told by mail. Check the latest attempts below.
          </p>
        ) : null}
        {!endpoint.enabled && endpoint.disabledReason !== "manual" ? (
          <p role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {endpoint.disabledReason === "gone"
              ? "Verity stopped sending because the receiver answered 410 Gone."
              : "Verity stopped sending because every delivery failed for 5 days."}{" "}
            Fix the receiver, enable the endpoint, then recover the failed deliveries.
          </p>
        ) : null}
        <p aria-live="polite" className="text-sm text-emerald-800">
          {message}
        </p>
        <FormError message={error} />
      </div>

      <section aria-labelledby="success-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="success-heading" className="text-lg font-semibold">
          Success rate
        </h2>
        <SuccessRateChart days={successRate} />
      </section>

      <DeliveryLog
        orgSlug={orgSlug}
        endpointId={endpoint.id}
        initial={deliveries}
        now={now}
        endpointEnabled={endpoint.enabled}
        reloadSignal={reloadSignal}
        listAction={actions.listAction}
        replayAction={actions.replayAction}
        recoverAction={actions.recoverAction}
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <EndpointSettingsForm
          orgSlug={orgSlug}
          endpoint={endpoint}
          updateAction={actions.updateAction}
          onSaved={(saved) => {
            setEndpoint(saved);
            router.refresh();
          }}
        />

        <div className="space-y-6">
          <section
            aria-labelledby="secret-heading"
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
          >
            <h2 id="secret-heading" className="text-lg font-semibold">
              Signing secret
            </h2>
            <p className="text-sm text-slate-600">
              Your receiver checks each delivery&apos;s <code className="font-mono text-xs">webhook-signature</code>{" "}
              with this secret.
            </p>
            {!steppedUp ? <StepUpNotice href={stepUpLink} action="Revealing or rotating the secret" /> : null}
            <FormError message={secretError} />
            <div className="flex flex-wrap gap-2">
              <button type="button" onClick={reveal} disabled={pending} className={buttonStyles.secondary}>
                Reveal current secret
              </button>
              <button type="button" onClick={() => setOpen({ kind: "rotate" })} className={buttonStyles.secondary}>
                Rotate secret
              </button>
            </div>
          </section>

          <section aria-labelledby="danger-heading" className="space-y-3 rounded-lg border border-red-200 bg-white p-5">
            <h2 id="danger-heading" className="text-lg font-semibold text-red-700">
              Delete endpoint
            </h2>
            <p className="text-sm text-slate-600">
              Deleting stops every delivery at once, pending retries included. The delivery history stays in the audit
              trail.
            </p>
            <button type="button" onClick={() => setOpen({ kind: "delete" })} className={buttonStyles.danger}>
              Delete endpoint
            </button>
          </section>
        </div>
      </div>

      {open.kind === "disable" ? (
        <ConfirmDialog
          title="Disable this endpoint?"
          confirmLabel="Disable endpoint"
          pendingLabel="Disabling…"
          onClose={close}
          onConfirm={() => setEnabled(false)}
        >
          <p>
            Verity stops sending to <span className="break-all font-mono text-xs">{endpoint.url}</span>. Events recorded
            while it is disabled are not queued for it; pending retries wait until you enable it again.
          </p>
        </ConfirmDialog>
      ) : null}
      {open.kind === "delete" ? (
        <ConfirmDialog
          title="Delete webhook endpoint"
          confirmLabel="Delete endpoint"
          pendingLabel="Deleting…"
          onClose={close}
          onConfirm={async () => {
            const result = await actions.deleteAction(orgSlug, { endpointId: endpoint.id });
            if (!result.ok) return result.error;
            router.replace(`/${orgSlug}/webhooks`);
            router.refresh();
            return null;
          }}
        >
          <p>
            Delete the endpoint <span className="break-all font-mono text-xs font-medium">{endpoint.url}</span>? No more
            events are sent to it, and its pending deliveries are abandoned. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
      {open.kind === "rotate" ? (
        <RotateSecretDialog
          orgSlug={orgSlug}
          endpointId={endpoint.id}
          rotateAction={actions.rotateAction}
          stepUpHref={stepUpLink}
          onClose={close}
          onRotated={({ secret, endpoint: rotated, graceHours, at }) => {
            setEndpoint(rotated);
            setOpen({
              kind: "reveal",
              secret,
              once: true,
              note:
                graceHours > 0
                  ? `The old secret keeps signing too until ` +
                    `${utc(new Date(at.getTime() + graceHours * 3600_000).toISOString())} (${graceLabel(graceHours)}).`
                  : "The old secret has stopped signing: deliveries carry only the new signature.",
            });
            router.refresh();
          }}
        />
      ) : null}
      {open.kind === "reveal" ? (
        <SecretRevealDialog
          secret={open.secret}
          title={open.once ? "Your new signing secret" : "Current signing secret"}
          once={open.once}
          note={open.note}
          onDone={close}
        />
      ) : null}
    </div>
  );
}

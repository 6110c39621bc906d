"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { buttonStyles, Dialog, DialogActions } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-field";
import { StepUpNeeded, stepUpHref } from "@/components/ui/step-up-needed";
import type { TRevealedFile, TRevealedSecret, TSecretView } from "@/lib/secrets/secret-schemas";
import type { SecretAction } from "./secret-actions";

/** How long a revealed value stays on screen. */
export const REVEAL_SECONDS = 30;

type Props = { orgSlug: string; secret: TSecretView; reveal: SecretAction<TRevealedSecret>; onClose: () => void };
type State =
  | { kind: "ask"; error: string | null }
  | { kind: "step-up" }
  | { kind: "shown"; revealed: TRevealedSecret; left: number };

/**
 * Reveals a value only when asked (owners may pick an earlier version): it exists in this dialog's memory for
 * 30 seconds, with Copy, then is dropped. A session without a recent step-up is sent to confirm it's them first.
 */
export function RevealSecretValueDialog({ orgSlug, secret, reveal, onClose }: Props) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: "ask", error: null });
  const [version, setVersion] = useState(secret.currentVersion);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const shown = state.kind === "shown";

  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(
      () => setState((now) => (now.kind === "shown" ? { ...now, left: now.left - 1 } : now)),
      1_000,
    );
    return () => clearInterval(timer);
  }, [shown]);
  useEffect(() => {
    if (state.kind === "shown" && state.left <= 0) onClose();
  }, [state, onClose]);

  const ask = () =>
    startTransition(async () => {
      const result = await reveal(orgSlug, { secretId: secret.id, version });
      if (result.ok) return setState({ kind: "shown", revealed: result.data, left: REVEAL_SECONDS });
      setState(result.code === "step_up_required" ? { kind: "step-up" } : { kind: "ask", error: result.error });
    });
  const copy = async () => {
    if (state.kind !== "shown" || state.revealed.value === undefined) return;
    try {
      await navigator.clipboard.writeText(state.revealed.value);
      setCopied(true);
    } catch {
      inputRef.current?.select();
    }
  };

  return (
    <Dialog title={`Reveal ${secret.name}`} onClose={onClose}>
      {state.kind === "shown" ? (
        <div className="space-y-4">
          <label htmlFor={`${id}-value`} className="block text-sm font-medium text-slate-700">
            Version {state.revealed.version}
          </label>
          {state.revealed.file ? (
            <RevealedFile file={state.revealed.file} />
          ) : (
            <div className="flex gap-2">
              <input
                ref={inputRef}
                id={`${id}-value`}
                readOnly
                value={state.revealed.value}
                spellCheck={false}
                autoComplete="off"
                onFocus={(event) => event.currentTarget.select()}
                className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
                data-testid="revealed-secret-value"
              />
              <button type="button" onClick={copy} className={`${buttonStyles.secondary} whitespace-nowrap`}>
                {copied ? "Copied" : "Copy"}
              </button>
            </div>
          )}
          <p aria-live="polite" className="text-xs text-slate-500" data-testid="reveal-countdown">
            Hidden again in {state.left} s. This reveal is in the audit trail.
          </p>
          <div className="flex justify-end border-t border-slate-100 pt-4">
            <button type="button" onClick={onClose} className={buttonStyles.primary}>
              Hide now
            </button>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          {state.kind === "step-up" ? (
            <StepUpNeeded
              what="Revealing a secret"
              href={stepUpHref(`/${orgSlug}/secrets`)}
              afterwards="then come back and reveal it again"
            />
          ) : (
            <FormError message={state.error} />
          )}
          <p className="text-sm text-slate-700">
            The value shows here for {REVEAL_SECONDS} seconds. Revealing it is recorded in the audit trail, with your
            name.
          </p>
          {secret.versions.length > 1 ? (
            <div className="space-y-1 text-sm">
              <label htmlFor={`${id}-version`} className="block font-medium text-slate-700">
                Version
              </label>
              <select
                id={`${id}-version`}
                value={version}
                onChange={(event) => setVersion(Number(event.target.value))}
                className="rounded-md border border-slate-300 px-2 py-1"
              >
                {secret.versions.map((option) => (
                  <option key={option.version} value={option.version}>
                    v{option.version}
                    {option.version === secret.currentVersion ? " (current)" : ""}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <DialogActions
            onCancel={onClose}
            label="Reveal value"
            pendingLabel="Revealing…"
            pending={pending}
            onConfirm={ask}
          />
        </div>
      )}
    </Dialog>
  );
}

/**
 * A revealed file: its name, type and size, and a download made in the browser from the bytes this dialog holds
 * (an object URL, dropped with the dialog); the bytes are never put in the page as text.
 */
function RevealedFile({ file }: { file: TRevealedFile }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const bytes = Uint8Array.from(atob(file.contentBase64), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  return (
    <div className="flex items-center justify-between gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <span data-testid="revealed-secret-file">
        <span className="font-mono">{file.name}</span>{" "}
        <span className="text-slate-500">
          ({file.contentType}, {file.size.toLocaleString("en-US")} bytes)
        </span>
      </span>
      {href ? (
        <a href={href} download={file.name} className={`${buttonStyles.secondary} whitespace-nowrap`}>
          Download
        </a>
      ) : null}
    </div>
  );
}

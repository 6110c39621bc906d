"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import type { LatestCheckpointView } from "@/lib/audit/published/checkpoint-view";
import type { ArchivedRangeView } from "@/lib/lifecycle/archive/archived-range-view";
import { searchReachesArchive } from "./archive-reach";
import { ArchiveSearch } from "./archive-search";
import { ArchivedRangeNotice } from "./archived-range-notice";
import { AuditApiError, fetchAuditPage, type AuditPage } from "./audit-api";
import { AuditEntriesTable } from "./audit-entries-table";
import { AuditEntryDrawer } from "./audit-entry-drawer";
import { AuditFacets } from "./audit-facets";
import { AuditSearchBox } from "./audit-search-box";
import { ChainVerificationStatus, useChainVerification } from "./chain-verification";
import { ExportDialog } from "./export-dialog";
import { LatestCheckpoint } from "./latest-checkpoint";
import { checkQuery, EMPTY_FACETS, facetValuesOf, withQualifier, type FacetQualifier } from "./query-facets";

const PAGE_SIZE = 50;

type Load =
  | { status: "loading"; page: AuditPage | null }
  | { status: "ready"; page: AuditPage }
  | { status: "error"; message: string; span: { position: number; length: number } | null };

/**
 * The view as the address bar holds it: `?q=…&before=…` (entries older than a seq) or `?after=…`
 * (newer than it), and `&entry=…`. Paging is keyset by seq both ways, so a shared link deep in the
 * history pages on in either direction with nothing but its address.
 */
type View = { q: string; before: string | null; after: string | null; entry: string | null };

function urlOf(view: View): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.before) params.set("before", view.before);
  if (view.after) params.set("after", view.after);
  if (view.entry) params.set("entry", view.entry);
  const search = params.toString();
  return `${window.location.pathname}${search ? `?${search}` : ""}`;
}

/** Next's router follows the native history API, so useSearchParams sees these changes. */
function go(view: View, { replace = false } = {}) {
  if (replace) window.history.replaceState(null, "", urlOf(view));
  else window.history.pushState(null, "", urlOf(view));
}

type Props = {
  orgSlug: string;
  canExport: boolean;
  /** The organization's "Compressed audit exports" setting: the export dialog starts with gzip ticked. */
  compressExports: boolean;
  canVerify: boolean;
  checkpoint: LatestCheckpointView | null;
  /** The part of the chain in the archive (null: none). */
  archived: ArchivedRangeView | null;
};

/** What the table's place shows when there is no row to show: why, and the way on where there is one. */
function TableNotice({
  title,
  text,
  clear,
  testId,
}: {
  title: string;
  text: string;
  clear?: { label: string; onClick: () => void };
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid={testId}>
      <p className="text-base font-semibold text-slate-900">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{text}</p>
      {clear ? (
        <button type="button" onClick={clear.onClick} className={`mt-4 ${buttonStyles.primary}`}>
          {clear.label}
        </button>
      ) : null}
    </div>
  );
}

/** The audit trail: search, facets, keyset-paged table, entry drawer, export and verification. */
export function AuditTrailScreen({ orgSlug, canExport, compressExports, canVerify, checkpoint, archived }: Props) {
  const params = useSearchParams();
  const view: View = useMemo(
    () => ({
      q: params.get("q") ?? "",
      before: params.get("before"),
      after: params.get("after"),
      entry: params.get("entry"),
    }),
    [params],
  );
  const [draft, setDraft] = useState(view.q);
  const [load, setLoad] = useState<Load>({ status: "loading", page: null });
  const [attempt, setAttempt] = useState(0);
  const [exporting, setExporting] = useState(false);
  const router = useRouter();
  // A verification signs a checkpoint up to the head first: the server-rendered latest checkpoint follows.
  const verification = useChainVerification(orgSlug, () => router.refresh());

  const applied = useMemo(() => checkQuery(view.q), [view.q]);

  // The address bar is the source of truth: back/forward (or a pasted link) puts its search in the box.
  useEffect(() => setDraft(view.q), [view.q]);

  useEffect(() => {
    // A malformed search in the address (a pasted or edited link) is not sent: the box says what is wrong.
    if (!applied.ok) {
      setLoad({
        status: "error",
        message: applied.message,
        span: { position: applied.position, length: applied.length },
      });
      return;
    }
    const controller = new AbortController();
    setLoad((current) => ({ status: "loading", page: current.status === "error" ? null : current.page }));
    fetchAuditPage(
      orgSlug,
      { q: view.q, beforeSeq: view.before, afterSeq: view.after, limit: PAGE_SIZE },
      controller.signal,
    ).then(
      (page) => setLoad({ status: "ready", page }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({
          status: "error",
          message: error instanceof Error ? error.message : "The entries could not be loaded.",
          span: error instanceof AuditApiError ? error.span : null,
        });
      },
    );
    return () => controller.abort();
  }, [orgSlug, applied, view.q, view.before, view.after, attempt]);

  const check = useMemo(() => checkQuery(draft), [draft]);
  const facets = applied.ok ? facetValuesOf(applied.terms) : EMPTY_FACETS;
  const reachesArchive = applied.ok && searchReachesArchive(applied.terms, archived);
  // A search the server refused (with a position) is shown like one the browser caught.
  const searchError = !check.ok
    ? check
    : load.status === "error" && load.span && draft === view.q
      ? { message: load.message, ...load.span }
      : null;

  const search = (q: string) => go({ q: q.trim(), before: null, after: null, entry: null });
  const setFacet = (qualifier: FacetQualifier, value: string | null) => {
    const next = withQualifier(draft, qualifier, value);
    setDraft(next);
    search(next);
  };
  const openEntry = useCallback((seq: string) => go({ ...view, entry: seq }, { replace: true }), [view]);
  const closeEntry = () => go({ ...view, entry: null }, { replace: true });

  const page = load.status === "error" ? null : load.page;
  const entries = page?.entries ?? [];
  // The page names its neighbours: each cursor is null at that end of the matches.
  const older = () => {
    if (page?.nextBeforeSeq) go({ q: view.q, before: page.nextBeforeSeq, after: null, entry: null });
  };
  const newer = () => {
    if (page?.prevAfterSeq) go({ q: view.q, before: null, after: page.prevAfterSeq, entry: null });
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit trail</h1>
          <p className="text-sm text-slate-500">
            Every consequential action in this organization, newest first, in one hash chain.
          </p>
        </div>
        <div className="flex gap-2">
          {canExport ? (
            <button
              type="button"
              onClick={() => setExporting(true)}
              disabled={!applied.ok}
              className={buttonStyles.secondary}
            >
              Export…
            </button>
          ) : null}
          {canVerify ? (
            <button
              type="button"
              onClick={verification.run}
              disabled={verification.state.kind === "running"}
              className={buttonStyles.secondary}
            >
              {verification.state.kind === "running" ? "Verifying…" : "Verify chain"}
            </button>
          ) : null}
        </div>
      </div>

      <div aria-live="polite">
        <ChainVerificationStatus state={verification.state} onOpenEntry={openEntry} onDismiss={verification.dismiss} />
      </div>

      <ArchivedRangeNotice orgSlug={orgSlug} archived={archived} />

      <LatestCheckpoint orgSlug={orgSlug} checkpoint={checkpoint} />

      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <AuditSearchBox
          value={draft}
          onChange={setDraft}
          onSubmit={() => search(draft)}
          error={searchError}
          busy={false}
        />
        <AuditFacets values={facets} onSet={setFacet} disabled={!check.ok} />
      </div>

      <section aria-label="Entries" aria-busy={load.status === "loading"} className="space-y-3">
        <div className="flex min-h-6 items-center justify-between text-sm text-slate-500">
          <p aria-live="polite">
            {load.status === "loading"
              ? "Loading entries…"
              : entries.length
                ? `Entries #${entries[0].seq} to #${entries.at(-1)!.seq}${view.q ? " matching the search" : ""}`
                : null}
          </p>
          {view.q && entries.length ? (
            <button
              type="button"
              onClick={() => search("")}
              className="text-sm font-medium text-brand-600 hover:underline"
            >
              Clear filters
            </button>
          ) : null}
        </div>

        {reachesArchive && archived ? <ArchiveSearch orgSlug={orgSlug} q={view.q} archived={archived} /> : null}

        {load.status === "error" && load.span ? (
          // The search itself was refused: the box above names the fault, so the table only says what to do.
          <TableNotice
            title="This search cannot be run"
            text="Correct it above, or clear it to see the whole trail."
            clear={{ label: "Clear search", onClick: () => search("") }}
            testId="search-refused"
          />
        ) : load.status === "error" ? (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-800">
            <p className="font-medium">The entries could not be loaded.</p>
            <p className="mt-1">{load.message}</p>
            <button type="button" onClick={() => setAttempt((n) => n + 1)} className={`mt-3 ${buttonStyles.secondary}`}>
              Try again
            </button>
          </div>
        ) : load.status === "loading" && !page ? (
          <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-hidden>
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="h-6 animate-pulse rounded bg-slate-100" />
            ))}
          </div>
        ) : entries.length === 0 ? (
          view.q ? (
            <TableNotice
              title="No entries match this query"
              text="Loosen the search or clear the filters to see the whole trail."
              clear={{ label: "Clear filters", onClick: () => search("") }}
            />
          ) : (
            <TableNotice title="No entries yet" text="Actions in this organization appear here as they happen." />
          )
        ) : (
          <div className={load.status === "loading" ? "opacity-60 transition-opacity" : undefined}>
            <AuditEntriesTable entries={entries} openSeq={view.entry} onOpen={openEntry} />
          </div>
        )}

        <nav
          aria-label="Pages"
          hidden={load.status === "ready" && entries.length === 0 && !page?.prevAfterSeq && !page?.nextBeforeSeq}
          className="flex items-center justify-end gap-2 text-sm"
        >
          <button
            type="button"
            onClick={newer}
            disabled={!page?.prevAfterSeq || load.status === "loading"}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-40"
          >
            ← Newer
          </button>
          <button
            type="button"
            onClick={older}
            disabled={!page?.nextBeforeSeq || load.status === "loading"}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 disabled:opacity-40"
          >
            Older →
          </button>
        </nav>
      </section>

      {view.entry ? (
        <AuditEntryDrawer key="drawer" orgSlug={orgSlug} seq={view.entry} onNavigate={openEntry} onClose={closeEntry} />
      ) : null}
      {exporting ? (
        <ExportDialog
          orgSlug={orgSlug}
          q={view.q}
          gzipByDefault={compressExports}
          onClose={() => setExporting(false)}
        />
      ) : null}
    </div>
  );
}

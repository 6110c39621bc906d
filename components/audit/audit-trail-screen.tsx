"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { buttonStyles } from "@/components/ui/dialog";
import { describeEvent } from "@/lib/audit/event-descriptions";
import type { LatestCheckpointView } from "@/lib/audit/published/checkpoint-view";
import type { ArchivedRangeView } from "@/lib/lifecycle/archive/archived-range-view";
import { searchReachesArchive } from "./archive-reach";
import { ArchiveSearch } from "./archive-search";
import { ArchivedRangeNotice } from "./archived-range-notice";
import { AuditApiError, fetchAuditPage, type AuditPage } from "./audit-api";
import { AuditEntriesTable, ColumnChooser, useHiddenColumns } from "./audit-entries-table";
import { AuditEntryDrawer } from "./audit-entry-drawer";
import { AuditFacets } from "./audit-facets";
import { AuditSearchBox } from "./audit-search-box";
import { ChainVerificationStatus, useChainVerification } from "./chain-verification";
import { DisplayZoneProvider, DisplayZoneToggle, type SaveDisplayZone } from "./display-zone";
import { LiveTail, useLiveTail } from "./live-tail";
import { SavedSearches, type DeleteSearchAction, type SaveSearchAction } from "./saved-searches";
import type { TSavedSearchView } from "@/lib/audit/saved-search-view";
import { ExportDialog } from "./export-dialog";
import { LatestCheckpoint } from "./latest-checkpoint";
import { checkQuery, EMPTY_FACETS, facetValuesOf, withQualifier, type FacetQualifier } from "./query-facets";

const PAGE_SIZE = 50;
/** The live tail prepends new entries; past this many rows the oldest go to the next page. */
const LIVE_TAIL_MAX_ROWS = 200;

type Load =
  | { status: "loading"; page: AuditPage | null }
  | { status: "ready"; page: AuditPage }
  /** `page`: the results shown before the search that failed, kept (dimmed, and said to be the previous ones). */
  | { status: "error"; message: string; span: { position: number; length: number } | null; page: AuditPage | null };

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
  /** The zone times are shown in (the person's choice; UTC by default), and where a new choice is saved. */
  displayZone: string;
  saveDisplayZone: SaveDisplayZone;
  savedSearches: {
    initial: TSavedSearchView[];
    canManageShared: boolean;
    save: SaveSearchAction;
    remove: DeleteSearchAction;
  };
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

/** The audit trail in the reader's display zone. */
export function AuditTrailScreen({ displayZone, saveDisplayZone, ...props }: Props) {
  return (
    <DisplayZoneProvider initialZone={displayZone} save={saveDisplayZone}>
      <AuditTrail {...props} />
    </DisplayZoneProvider>
  );
}

/** "#12 to #3", the count of the whole search when known. */
function countText(count: AuditPage["count"]): string | null {
  if (!count) return null;
  const n = count.value.toLocaleString("en-US");
  return count.capped ? `${n}+ entries` : `${n} ${count.value === 1 ? "entry" : "entries"}`;
}

/** The audit trail: search, facets, keyset-paged table, entry drawer, export and verification. */
function AuditTrail({
  orgSlug,
  canExport,
  compressExports,
  canVerify,
  checkpoint,
  archived,
  savedSearches,
}: Omit<Props, "displayZone" | "saveDisplayZone">) {
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
  const countFor = useRef<{ q: string; count: NonNullable<AuditPage["count"]> } | null>(null);
  const [hiddenColumns, setColumnShown] = useHiddenColumns();
  const router = useRouter();
  // A verification signs a checkpoint up to the head first: the server-rendered latest checkpoint follows.
  const verification = useChainVerification(orgSlug, () => router.refresh());

  const applied = useMemo(() => checkQuery(view.q), [view.q]);

  // The address bar is the source of truth: back/forward (or a pasted link) puts its search in the box.
  useEffect(() => setDraft(view.q), [view.q]);

  useEffect(() => {
    // A malformed search in the address (a pasted or edited link) is not sent: the box says what is wrong.
    if (!applied.ok) {
      setLoad((current) => ({
        status: "error",
        message: applied.message,
        span: { position: applied.position, length: applied.length },
        page: current.page,
      }));
      return;
    }
    const controller = new AbortController();
    setLoad((current) => ({ status: "loading", page: current.page }));
    // The whole search's count comes with its first page and stays while paging through the same search.
    const counted = countFor.current?.q === view.q ? countFor.current.count : undefined;
    fetchAuditPage(
      orgSlug,
      { q: view.q, beforeSeq: view.before, afterSeq: view.after, limit: PAGE_SIZE, count: counted === undefined },
      controller.signal,
    ).then(
      (page) => {
        const count = page.count ?? counted;
        if (page.count) countFor.current = { q: view.q, count: page.count };
        setLoad({ status: "ready", page: { ...page, ...(count ? { count } : {}) } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad((current) => ({
          status: "error",
          message: error instanceof Error ? error.message : "The entries could not be loaded.",
          span: error instanceof AuditApiError ? error.span : null,
          page: current.page,
        }));
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

  const addFilter = useCallback(
    (qualifier: FacetQualifier, value: string) => {
      if (!applied.ok) return;
      const next = withQualifier(view.q, qualifier, value);
      setDraft(next);
      go({ q: next.trim(), before: null, after: null, entry: null });
    },
    [applied.ok, view.q],
  );

  // A search that cannot run (as typed, or refused) leaves the previous results up, dimmed and said to be
  // the previous ones: they do not match what the box now says.
  const refused = load.status === "error" && load.span !== null;
  const stale = refused || (!check.ok && draft.trim() !== view.q);
  const page = load.status === "error" ? (refused ? load.page : null) : load.page;
  const onNewestPage = view.before === null && view.after === null;
  const tail = useLiveTail({
    orgSlug,
    q: view.q,
    enabled: onNewestPage && load.status === "ready" && applied.ok,
    newestSeq: page?.entries[0]?.seq ?? "0",
    onEntries: (fresh) =>
      setLoad((current) => {
        if (current.status !== "ready") return current;
        const known = new Set(current.page.entries.map((entry) => entry.seq));
        const added = fresh.filter((entry) => !known.has(entry.seq));
        const entries = [...added, ...current.page.entries];
        const kept = entries.slice(0, LIVE_TAIL_MAX_ROWS);
        const count = current.page.count
          ? { ...current.page.count, value: current.page.count.value + added.length }
          : undefined;
        return {
          status: "ready",
          page: {
            ...current.page,
            entries: kept,
            nextBeforeSeq: kept.length < entries.length ? kept.at(-1)!.seq : current.page.nextBeforeSeq,
            ...(count ? { count } : {}),
          },
        };
      }),
  });
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
          orgSlug={orgSlug}
          describeAction={describeEvent}
          value={draft}
          onChange={setDraft}
          onSubmit={() => search(draft)}
          error={searchError}
          busy={false}
        />
        <AuditFacets values={facets} onSet={setFacet} disabled={!check.ok} />
        <SavedSearches
          orgSlug={orgSlug}
          initial={savedSearches.initial}
          query={applied.ok ? view.q : ""}
          onOpen={(q) => {
            setDraft(q);
            search(q);
          }}
          canManageShared={savedSearches.canManageShared}
          save={savedSearches.save}
          remove={savedSearches.remove}
        />
      </div>

      <section aria-label="Entries" aria-busy={load.status === "loading"} className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
          <p aria-live="polite" data-testid="results-summary">
            {stale && entries.length ? (
              <span className="font-medium text-amber-800">
                Previous results{view.q ? ` for ${view.q}` : ""}: the search above has an error and has not run.
              </span>
            ) : load.status === "loading" ? (
              "Loading entries…"
            ) : entries.length ? (
              <>
                {countText(page?.count) ? (
                  <span className="font-medium text-slate-900" data-testid="result-count">
                    {countText(page?.count)}
                    {view.q ? " match" : ""}
                    {" · "}
                  </span>
                ) : null}
                {`#${entries[0].seq} to #${entries.at(-1)!.seq}${view.q ? " matching the search" : ""}`}
              </>
            ) : null}
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <DisplayZoneToggle />
            <LiveTail tail={tail} available={onNewestPage} />
            <ColumnChooser hidden={hiddenColumns} onToggle={setColumnShown} />
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
        </div>

        {reachesArchive && archived ? <ArchiveSearch orgSlug={orgSlug} q={view.q} archived={archived} /> : null}

        {refused && !entries.length ? (
          // The search itself was refused: the box above names the fault, so the table only says what to do.
          <TableNotice
            title="This search cannot be run"
            text="Correct it above, or clear it to see the whole trail."
            clear={{ label: "Clear search", onClick: () => search("") }}
            testId="search-refused"
          />
        ) : load.status === "error" && !refused ? (
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
          <div
            className={
              stale
                ? // Dimmed, yet every text keeps its contrast (WCAG 1.4.3): grey and flattened, not transparent.
                  "rounded-lg bg-slate-100 p-1 grayscale [&_*]:text-slate-600"
                : load.status === "loading"
                  ? "opacity-60 transition-opacity"
                  : undefined
            }
            data-testid={stale ? "stale-results" : "current-results"}
          >
            <AuditEntriesTable
              entries={entries}
              openSeq={view.entry}
              onOpen={openEntry}
              onFilter={stale ? undefined : addFilter}
              hiddenColumns={hiddenColumns}
            />
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

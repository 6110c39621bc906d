"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { TWebhookDeliveryView } from "@/lib/webhooks/schemas";
import type { ListDeliveriesAction, ReplayDeliveryAction } from "./types";

export type DeliveryPage = { data: TWebhookDeliveryView[]; nextBefore: string | null };
type Options = {
  orgSlug: string;
  endpointId: string;
  initial: DeliveryPage;
  now: string;
  /** Bumped by the screen after it queued a delivery (a test event): the log reloads. */
  reloadSignal: number;
  listAction: ListDeliveriesAction;
  replayAction: ReplayDeliveryAction;
};

const PAGE_SIZE = 25;
/** While anything is pending the log polls, so a retry or a first attempt shows up without a click. */
const POLL_MS = 3000;

/** The delivery log's rows and what can be done to them: reload (and poll while pending), load older, replay. */
export function useDeliveryLog(options: Options) {
  const { orgSlug, endpointId, initial, now: serverNow, reloadSignal, listAction, replayAction } = options;
  const [deliveries, setDeliveries] = useState(initial.data);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [now, setNow] = useState(serverNow);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  const [replaying, setReplaying] = useState<string | null>(null);

  // Reloads the newest page, as many rows as are shown (so "Older" pages already opened stay open).
  const loadedCount = useRef(deliveries.length);
  loadedCount.current = deliveries.length;
  const reload = useCallback(async () => {
    const limit = Math.min(100, Math.max(PAGE_SIZE, loadedCount.current));
    const result = await listAction(orgSlug, { endpointId, limit });
    if (!result.ok) return setError(result.error);
    setError(null);
    setDeliveries(result.data.data);
    setNextBefore(result.data.nextBefore);
    setNow(new Date().toISOString());
  }, [listAction, orgSlug, endpointId]);

  const anyPending = deliveries.some((delivery) => delivery.status === "pending");
  useEffect(() => {
    if (!anyPending) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [anyPending, reload]);

  const firstSignal = useRef(reloadSignal);
  useEffect(() => {
    if (reloadSignal !== firstSignal.current) void reload();
  }, [reloadSignal, reload]);

  function loadOlder() {
    if (!nextBefore) return;
    startLoading(async () => {
      const result = await listAction(orgSlug, { endpointId, before: nextBefore, limit: PAGE_SIZE });
      if (!result.ok) return setError(result.error);
      const isNew = (shown: TWebhookDeliveryView[]) => (delivery: TWebhookDeliveryView) =>
        !shown.some((known) => known.id === delivery.id);
      setDeliveries((shown) => [...shown, ...result.data.data.filter(isNew(shown))]);
      setNextBefore(result.data.nextBefore);
    });
  }

  async function replay(delivery: TWebhookDeliveryView) {
    setReplaying(delivery.id);
    setMessage(null);
    const result = await replayAction(orgSlug, { endpointId, deliveryId: delivery.id });
    setReplaying(null);
    if (!result.ok) return setError(result.error);
    setMessage(`Replay of ${delivery.eventType} queued as a new delivery (${result.data.webhookId}).`);
    await reload();
  }

  return {
    deliveries,
    hasOlder: nextBefore !== null,
    now,
    error,
    message,
    setMessage,
    anyPending,
    loading,
    refresh: () => startLoading(reload),
    reload,
    loadOlder,
    replaying,
    replay,
  };
}

import type { TWebhookDeliveryView } from "@/lib/webhooks/schemas";

const BADGE: Record<TWebhookDeliveryView["status"], string> = {
  delivered: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  pending: "bg-sky-50 text-sky-800 ring-sky-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

/** delivered, pending (first attempt not made yet), retrying (an attempt failed, another is scheduled) or failed (gave up). */
export function deliveryStatusLabel(delivery: Pick<TWebhookDeliveryView, "status" | "attempts">): string {
  return delivery.status === "pending" && delivery.attempts > 0 ? "retrying" : delivery.status;
}

export function DeliveryStatus({ delivery }: { delivery: TWebhookDeliveryView }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[delivery.status]}`}
      data-testid="delivery-status"
    >
      {deliveryStatusLabel(delivery)}
    </span>
  );
}

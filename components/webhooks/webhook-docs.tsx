import { AUDIT_CATEGORIES } from "@/lib/audit/event-catalog";
import { RETRY_DELAYS_MS } from "@/lib/webhooks/retry-schedule";
import { WEBHOOK_LIMITS } from "@/lib/webhooks/schemas";

const Code = ({ children }: { children: React.ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">{children}</code>
);
const Block = ({ children, label }: { children: string; label: string }) => (
  <pre
    aria-label={label}
    tabIndex={0}
    className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
  >
    {children}
  </pre>
);
const Section = ({ id, title, children }: { id: string; title: string; children: React.ReactNode }) => (
  <section
    id={id}
    aria-labelledby={`${id}-heading`}
    className="scroll-mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700"
  >
    <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
      {title}
    </h2>
    {children}
  </section>
);

export const WEBHOOK_DOC_SECTIONS = [
  { id: "payload", title: "What is sent" },
  { id: "headers", title: "Headers and signatures" },
  { id: "verify", title: "Verifying deliveries" },
  { id: "retries", title: "Retries and disabling" },
  { id: "at-least-once", title: "At least once" },
  { id: "destinations", title: "Allowed destinations" },
] as const;

function delayLabel(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3600_000) return `${ms / 60_000} min`;
  return `${ms / 3600_000} h`;
}

const SAMPLE_PAYLOAD = JSON.stringify(
  {
    type: "member.invited",
    timestamp: "2026-03-02T14:07:31.512338Z",
    data: {
      id: "0f8e7c1a-6d2b-4a61-9a55-3f3c2e1b7d90",
      orgId: "5f1d7c2e-3b4a-4d6e-8f90-1a2b3c4d5e6f",
      seq: "1842",
      occurredAt: "2026-03-02T14:07:31.512338Z",
      category: "access",
      action: "member.invited",
      actor: { type: "user", id: "5b1d…", display: "ada@example.com" },
      target: { type: "invitation", id: "a77c…", display: "grace@example.com" },
      outcome: "success",
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 …",
      geo: { country: "GB", region: null, city: null },
      requestId: "req_01HV…",
      metadata: { email: "grace@example.com", role: "MEMBER" },
      contentHash: "e3a9…",
      prevHash: "9c1f…",
      hash: "4be0…",
    },
  },
  null,
  2,
);

const SAMPLE_HEADERS = `POST /webhooks/verity HTTP/1.1
content-type: application/json
user-agent: Verity-Webhooks/1.0
webhook-id: msg_0b5c2d9e4f1a4e7b8c6d3a2f1e0d9c8b
webhook-timestamp: 1772460451
webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,Yc8n1J0Dq7…`;

const EXPRESS_RAW = `import express from "express";
import { Webhook } from "standardwebhooks";

const app = express();
const webhook = new Webhook(process.env.VERITY_WEBHOOK_SECRET!);

// express.raw, not express.json: the signature covers the exact bytes received.
app.post("/webhooks/verity", express.raw({ type: "application/json" }), (req, res) => {
  try {
    const event = webhook.verify(req.body, req.headers as Record<string, string>);
    // … handle event, skipping webhook-ids already handled
    res.sendStatus(204);
  } catch {
    res.sendStatus(400);
  }
});`;

/** The webhooks guide: payload, headers, verification with the official library, retries, delivery guarantees, destinations. */
export function WebhookDocs({
  receiverExample,
  autoDisableDays,
}: {
  receiverExample: string;
  autoDisableDays: number;
}) {
  return (
    <div className="min-w-0 space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Receiving webhooks</h1>
        <p className="text-sm text-slate-600">
          Verity sends audit events to your HTTPS endpoint as they are recorded, following the{" "}
          <a href="https://www.standardwebhooks.com" className="font-medium text-brand-600 hover:underline">
            Standard Webhooks
          </a>{" "}
          specification, so any of its libraries verifies them. Each endpoint chooses its events: all of them, whole
          categories (
          {AUDIT_CATEGORIES.map((category, index) => (
            <span key={category}>
              {index ? ", " : ""}
              <Code>{category}</Code>
            </span>
          ))}
          ), or actions such as <Code>member.invited</Code> or prefixes such as <Code>member.*</Code>.
        </p>
      </div>

      <Section id="payload" title="What is sent">
        <p>
          One POST per event, with a JSON body: <Code>type</Code> (the event&apos;s action), <Code>timestamp</Code>{" "}
          (when it happened) and <Code>data</Code>, the audit entry exactly as the audit export and{" "}
          <Code>GET /api/v1/audit-events</Code> return it, built when the entry was committed: its whole hashed content
          (<Code>occurredAt</Code> to the microsecond, <Code>orgId</Code>) and <Code>contentHash</Code>,{" "}
          <Code>prevHash</Code> and <Code>hash</Code>, so a receiver can recompute and keep every hash from the body
          alone. Secrets are redacted before an entry is recorded, so they never appear here either.
        </p>
        <Block label="Example body">{SAMPLE_PAYLOAD}</Block>
        <p>
          &ldquo;Send test event&rdquo; on an endpoint&apos;s page sends{" "}
          <Code>{`{"type":"webhook.test","timestamp":…,"data":{"message":…,"endpointId":…,"organization":…}}`}</Code> to
          that endpoint alone; it is not an audit entry.
        </p>
      </Section>

      <Section id="headers" title="Headers and signatures">
        <Block label="Example request headers">{SAMPLE_HEADERS}</Block>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <Code>webhook-id</Code>: the delivery&apos;s id, <strong>the same on every retry</strong>. Use it as your
            idempotency key.
          </li>
          <li>
            <Code>webhook-timestamp</Code>: when this attempt was signed, in Unix seconds. Libraries refuse timestamps
            more than 5 minutes away from their clock, so a captured request cannot be replayed later; keep your clock
            in sync.
          </li>
          <li>
            <Code>webhook-signature</Code>: <Code>v1,</Code> followed by the base64 HMAC-SHA256, keyed with your
            endpoint&apos;s secret (the base64 after <Code>whsec_</Code>), of{" "}
            <Code>{"{webhook-id}.{webhook-timestamp}.{body}"}</Code>. While a secret rotation is in its grace period (up
            to {WEBHOOK_LIMITS.maxGraceHours / 24} days, {WEBHOOK_LIMITS.defaultGraceHours} h by default) there is one{" "}
            <Code>v1,…</Code> per live secret, separated by spaces, and a delivery is genuine when any of them verifies:
            deploy the new secret, then let the old one expire.
          </li>
        </ul>
      </Section>

      <Section id="verify" title="Verifying deliveries">
        <p>
          A complete receiver on Node&apos;s <Code>http</Code> module with the official <Code>standardwebhooks</Code>{" "}
          package (<Code>npm install standardwebhooks</Code>). It verifies the signature and the timestamp, handles each{" "}
          <Code>webhook-id</Code> once, and answers 2xx. Verity&apos;s own tests run this very code against signed
          deliveries.
        </p>
        <Block label="Receiver example in TypeScript">{receiverExample}</Block>
        <p>
          <strong>Verify the raw body.</strong> The signature covers the exact bytes sent. A framework that parses JSON
          before your handler runs gives you an object; serialized again, its spacing, key order or escapes can differ
          and the signature no longer matches. In Express, read the route with <Code>express.raw</Code>:
        </p>
        <Block label="Express example">{EXPRESS_RAW}</Block>
        <p>
          In a Next.js route handler use <Code>await request.text()</Code>; in Fastify, a raw-body content-type parser.
          Answer within 15 seconds and do slow work after answering: a slower answer counts as a failed attempt.
        </p>
      </Section>

      <Section id="retries" title="Retries and disabling">
        <p>
          A 2xx answer is a success. Anything else, no answer within 15 seconds, or a refused connection is a failed
          attempt, tried again on this schedule:
        </p>
        <table className="text-left text-sm" aria-label="Retry schedule">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-6 font-medium">
                Attempt
              </th>
              <th scope="col" className="py-1 font-medium">
                After the previous one
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {RETRY_DELAYS_MS.map((delay, index) => (
              <tr key={index}>
                <td className="py-1 pr-6">{index + 1}</td>
                <td className="py-1">{index === 0 ? "at once" : delayLabel(delay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Each delay varies by ±10% (jitter), so deliveries that failed together do not all return in the same second.
          </li>
          <li>
            A <Code>Retry-After</Code> header (seconds or an HTTP date) on a failed answer postpones the next attempt
            when it asks for longer than the schedule, up to 24 hours; it never makes retries faster.
          </li>
          <li>Redirects are not followed (they count as failures): point the endpoint at the final URL.</li>
          <li>
            <Code>410 Gone</Code> disables the endpoint at once: answer it when you no longer want these events.
          </li>
          <li>
            An endpoint whose every attempt has failed for {autoDisableDays} days is disabled automatically, and the
            organization&apos;s owners are told by mail. The endpoint page shows &ldquo;failing since …&rdquo;
            meanwhile. After fixing the receiver, enable the endpoint and use &ldquo;Recover failed since…&rdquo; to
            queue the failed deliveries again.
          </li>
          <li>
            Every attempt, with its status code, latency and the first 1 KB of your answer, is in the endpoint&apos;s
            delivery log.
          </li>
        </ul>
      </Section>

      <Section id="at-least-once" title="At least once">
        <p>
          A delivery is written in the same database transaction as its audit entry, so no recorded event is lost and no
          rolled-back change is ever sent. Verity may send an event more than once, though: after a timeout your
          receiver may have handled a request whose answer never arrived, and a worker stopped between sending and
          recording sends again. Deduplicate on <Code>webhook-id</Code>.
        </p>
        <p>
          &ldquo;Replay&rdquo; in the delivery log sends an event again as a new delivery with a <em>new</em>{" "}
          <Code>webhook-id</Code>, because you asked for it; <Code>data.id</Code> still names the same audit entry.
          Events can arrive out of order: order them by <Code>data.seq</Code> when it matters.
        </p>
      </Section>

      <Section id="destinations" title="Allowed destinations">
        <p>
          Endpoint URLs are <Code>https://</Code>. Verity resolves the host when the endpoint is saved and again before
          every attempt, and refuses to send when any address it resolves to is loopback, private (10/8, 172.16/12,
          192.168/16), link-local (169.254/16, fe80::/10), carrier-grade NAT (100.64/10), multicast, reserved,
          unspecified, a cloud metadata service (169.254.169.254 and its kin), IPv6 unique-local (fc00::/7), or an
          IPv4-mapped or NAT64 form of these. It then connects to the address it checked, never resolving the name a
          second time, so a DNS answer that changes cannot redirect a delivery into a private network.
        </p>
      </Section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { ApiDocsProvider } from "@/components/api-docs/api-docs-context";
import { InlineCode } from "@/components/api-docs/inline-code";
import { OperationSection } from "@/components/api-docs/operation-section";
import { OperationSidebar } from "@/components/api-docs/operation-sidebar";
import { API_KEY_LIMITS } from "@/lib/api-keys/schemas";
import { loadOrgPage } from "@/lib/guard/org-page";
import { apiReference } from "@/lib/rest/api-reference";
import { openApiDocument } from "@/lib/rest/openapi";

export const metadata: Metadata = { title: "API docs" };
export const dynamic = "force-dynamic";

/** The origin the examples call: the configured public URL, else the host this page was asked for. */
async function serverOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const host = (await headers()).get("host") ?? "localhost:3000";
  return `${/^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https"}://${host}`;
}

const Code = ({ children }: { children: React.ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">{children}</code>
);

export default async function ApiDocsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const ctx = await loadOrgPage(orgSlug, "org.read");
  const document = openApiDocument();
  const apiBase = `${await serverOrigin()}/api/v1`;
  const groups = apiReference(document.paths, apiBase);
  const sidebar = groups.map(({ tag, operations }) => ({
    tag,
    operations: operations.map(({ id, method, fullPath, summary }) => ({ id, method, fullPath, summary })),
  }));
  const linkStyle =
    "block rounded px-1 text-slate-700 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600";

  return (
    <ApiDocsProvider>
      <div className="grid gap-6 lg:grid-cols-[19rem_minmax(0,1fr)] lg:gap-8">
        <OperationSidebar groups={sidebar}>
          <div className="space-y-0.5">
            <a href="#authentication" className={linkStyle}>
              Authentication
            </a>
            <a href="#limits" className={linkStyle}>
              Rate limits and retries
            </a>
            <Link href={`/${ctx.org.slug}/webhooks/docs`} className={linkStyle}>
              Receiving webhooks →
            </Link>
          </div>
        </OperationSidebar>

        <div className="min-w-0 space-y-8">
          <div className="space-y-2">
            <h1 className="text-2xl font-semibold tracking-tight">API docs</h1>
            <p className="text-sm text-slate-600">
              <InlineCode text={document.info.description} />
            </p>
            <p className="text-sm text-slate-600">
              Base URL <Code>{apiBase}</Code> · OpenAPI {document.openapi} document:{" "}
              <a href="/api/v1/openapi.json" className="font-medium text-brand-600 hover:underline">
                /api/v1/openapi.json
              </a>
            </p>
          </div>

          <section
            id="authentication"
            aria-labelledby="authentication-heading"
            className="scroll-mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700"
          >
            <h2 id="authentication-heading" className="text-lg font-semibold text-slate-900">
              Authentication
            </h2>
            <p>
              Every request carries an API key in the <Code>Authorization: Bearer vk_live_…</Code> header (
              <Code>vk_test_…</Code> for test keys).
              {ctx.permissions.includes("api_keys.read") ? (
                <>
                  {" "}
                  Create one on the{" "}
                  <Link href={`/${ctx.org.slug}/api-keys`} className="font-medium text-brand-600 hover:underline">
                    API keys
                  </Link>{" "}
                  screen;
                </>
              ) : null}{" "}
              the key is shown once, and Verity keeps only its hash. The organization comes from the key, never from the
              URL.
            </p>
            <ul className="list-disc space-y-1 pl-5">
              <li>
                <strong>Scopes.</strong> A key acts for the person who created it, its holder, with the scopes chosen at
                creation intersected with the holder&apos;s <em>current</em> role: demote the holder and the key
                shrinks, remove them and it stops working. Only the holder may roll it. The audit trail names both, as
                in <Code>Deploy bot (vk_live_AbCd…) on behalf of ada@example.com</Code>. <Code>GET /api/v1/me</Code>{" "}
                shows what a key may do now.
              </li>
              <li>
                <strong>Read-only keys</strong> may only make <Code>GET</Code> and <Code>HEAD</Code> requests; anything
                else answers 403.
              </li>
              <li>
                <strong>IP pinning.</strong> A key may be pinned to IPv4 or IPv6 CIDR ranges (each at most a /8 or a
                /16), and live keys must be. A request from outside them answers 403. A key with no ranges is read-only.
              </li>
              <li>
                <strong>Errors</strong> are <Code>application/problem+json</Code> (RFC 9457) with a <Code>detail</Code>,
                per-field <Code>errors</Code> for invalid input, and a <Code>requestId</Code> to quote to support. A
                missing, unknown, revoked or expired key answers 401. Every refusal is recorded in the audit trail.
              </li>
            </ul>
          </section>

          <section
            id="limits"
            aria-labelledby="limits-heading"
            className="scroll-mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700"
          >
            <h2 id="limits-heading" className="text-lg font-semibold text-slate-900">
              Rate limits and retries
            </h2>
            <p>
              Each key has its own limit per minute ({API_KEY_LIMITS.defaultRatePerMinute} unless set otherwise when it
              was created). Every counted response carries <Code>RateLimit-Limit</Code>,{" "}
              <Code>RateLimit-Remaining</Code>, <Code>RateLimit-Reset</Code> (seconds) and <Code>RateLimit-Policy</Code>
              ; over the limit the answer is 429 with <Code>Retry-After</Code>.
            </p>
            <p>
              Operations that create something in the trail accept an <Code>Idempotency-Key</Code> header (up to 255
              characters). Retrying with the same key within 24 hours answers the first response again, marked{" "}
              <Code>Idempotent-Replayed: true</Code>, without recording twice; the same key with a different request
              answers 422. Idempotency keys belong to the API key that sends them: another API key never replays your
              answer.
            </p>
          </section>

          {groups.map((group) => (
            <section key={group.tag} aria-label={group.tag} className="space-y-4">
              <h2 className="text-lg font-semibold">{group.tag}</h2>
              {group.operations.map((operation) => (
                <OperationSection key={operation.id} operation={operation} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </ApiDocsProvider>
  );
}

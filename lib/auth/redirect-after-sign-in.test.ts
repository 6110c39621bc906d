import { isValidElement, type ReactNode } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testDb } from "@/lib/testing/database";
import { createOwner } from "@/lib/testing/factories";
import { sessionCookieFor } from "@/lib/testing/sessions";
import { testBrowser } from "@/lib/testing/test-browser";

const { default: SignInPage } = await import("@/app/(auth)/signin/page");
const { default: TwoFactorPage } = await import("@/app/account/two-factor/page");
const { default: StepUpPage } = await import("@/app/account/step-up/page");
const { authOptions } = await import("./auth-options");

let db: Db;
beforeAll(() => {
  db = testDb();
  process.env.NEXTAUTH_URL = "https://verity.example.test";
});

/** The value of prop `name` on the first element of the rendered page that has it: what the page hands its form. */
function propOf(node: ReactNode, name: string): unknown {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = propOf(child, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isValidElement(node)) return undefined;
  const props = node.props as Record<string, unknown>;
  if (name in props) return props[name];
  return propOf(props.children as ReactNode, name);
}

const searchParams = (values: Record<string, string | string[]>) => ({ searchParams: Promise.resolve(values) });
/** Where the browser ends up when the form goes to `path`, seen from the panel. */
const landsOn = (path: unknown) => new URL(String(path), "https://verity.example.test").host;

// The review's vectors, as the page receives them (search params arrive decoded).
const OFFSITE = [
  "/\\evil.example/x",
  "/\t/evil.example",
  "/\tevil.example",
  "//evil.example",
  "https://evil.example",
  "/\\\\evil",
  "javascript:alert(1)",
  "/.//evil.example",
];

describe("where sign-in, 2FA enrolment and step-up lead", () => {
  it("sign-in follows a callbackUrl on the panel, and nothing else", async () => {
    testBrowser.cookie = "";
    expect(propOf(await SignInPage(searchParams({ callbackUrl: "/invitations/abc" })), "destination")).toBe(
      "/invitations/abc",
    );
    for (const callbackUrl of OFFSITE) {
      const destination = propOf(await SignInPage(searchParams({ callbackUrl })), "destination");
      expect(destination, callbackUrl).toBe("/");
      expect(landsOn(destination)).toBe("verity.example.test");
    }
    expect(propOf(await SignInPage(searchParams({ callbackUrl: ["/a", "/b"] })), "destination")).toBe("/");
  });

  it("2FA enrolment and step-up follow `next` on the panel, and nothing else", async () => {
    const { user } = await createOwner();
    testBrowser.cookie = (await sessionCookieFor(db, user.id)).cookie;
    expect(propOf(await TwoFactorPage(searchParams({ required: "1", next: "/acme" })), "next")).toBe("/acme");
    expect(propOf(await StepUpPage(searchParams({ next: "/acme/settings" })), "next")).toBe("/acme/settings");
    for (const next of OFFSITE) {
      expect(propOf(await TwoFactorPage(searchParams({ required: "1", next })), "next"), next).toBe("/");
      expect(propOf(await StepUpPage(searchParams({ next })), "next"), next).toBe("/account");
    }
  });

  it("next-auth's own redirects (after sign-out) stay on the panel", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const baseUrl = "https://verity.example.test";
    expect(await redirect({ url: "/signin", baseUrl })).toBe(`${baseUrl}/signin`);
    expect(await redirect({ url: `${baseUrl}/invitations/abc`, baseUrl })).toBe(`${baseUrl}/invitations/abc`);
    for (const url of [
      ...OFFSITE,
      "https://verity.example.test.evil.example/x",
      "https://verity.example.test@evil.example/",
    ]) {
      expect(await redirect({ url, baseUrl }), url).toBe(`${baseUrl}/`);
    }
  });
});

import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "./app-error";
import { problemResponse } from "./problem";

describe("problemResponse", () => {
  it("adds an error's extension members to the problem+json body, after the standard ones", async () => {
    const span = { position: 3, length: 5 };
    const error = new AppError("invalid_input", "Unknown qualifier at position 3", { q: ["bad"] }, undefined, span);
    const response = problemResponse(error, "req-1");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(Object.entries(await response.json())).toEqual([
      ["type", "about:blank"],
      ["title", "Invalid input"],
      ["status", 400],
      ["detail", "Unknown qualifier at position 3"],
      ["errors", { q: ["bad"] }],
      ["position", 3],
      ["length", 5],
      ["requestId", "req-1"],
    ]);
  });

  it("never lets an extension member replace a standard one", async () => {
    const forged = { status: 200, title: "OK", requestId: "forged", hint: "x" };
    const error = new AppError("not_found", "There is no such key.", undefined, undefined, forged);
    const body = await problemResponse(error, "req-2").json();
    expect(body).toMatchObject({ status: 404, title: "Not found", requestId: "req-2", hint: "x" });
  });

  it("answers a transaction that could not start in time (P2028) with 503 and Retry-After, not a 500", async () => {
    const busy = new Prisma.PrismaClientKnownRequestError(
      "Transaction API error: Unable to start a transaction in the given time.",
      { code: "P2028", clientVersion: "7" },
    );
    const response = problemResponse(busy, "req-3");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ title: "Service unavailable", detail: /nothing was done/ });
  });
});

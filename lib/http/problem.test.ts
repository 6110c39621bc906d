import { describe, expect, it } from "vitest";
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
});

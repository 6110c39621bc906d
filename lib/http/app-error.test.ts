import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "./app-error";

describe("fieldErrorsOf", () => {
  it("names a field called constructor or toString as the client sent it (they are not Object.prototype's)", () => {
    const result = z
      .record(z.string(), z.number())
      .safeParse(JSON.parse('{"constructor":"x","toString":"y","fine":1}'));
    const fields = fieldErrorsOf(result.error!);
    expect(Object.keys(fields).sort()).toEqual(["constructor", "toString"]);
    for (const key of Object.keys(fields)) expect(Object.hasOwn(fields, key) && Array.isArray(fields[key])).toBe(true);
  });
});

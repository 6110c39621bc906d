import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "./app-error";
import {
  LONE_SURROGATE_MESSAGE,
  MAX_INPUT_DEPTH,
  NUL_MESSAGE,
  storableInput,
  TOO_DEEP_MESSAGE,
  unstorableFields,
} from "./storable-input";

const nested = (depth: number) => {
  let value: unknown = "leaf";
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe("unstorableFields", () => {
  it("names each string and key PostgreSQL would refuse, by its path", () => {
    expect(
      unstorableFields({
        name: "Ada\u0000",
        target: { display: "\ud800" },
        metadata: { list: ["ok", "\udc00x"], ["k\u0000"]: 1 },
      }),
    ).toEqual({
      name: [NUL_MESSAGE],
      "target.display": [LONE_SURROGATE_MESSAGE],
      "metadata.list.1": [LONE_SURROGATE_MESSAGE],
      metadata: [expect.stringMatching(/^A key contains a NUL/)],
    });
    expect(unstorableFields("\u0000")).toEqual({ _: [NUL_MESSAGE] });
  });

  it("accepts whole characters, emoji and all, and every other control or format character", () => {
    expect(
      unstorableFields({ note: "paid 💸 \u202e\u200f\ufeff\u0001\uffff\u{10ffff}", n: 1, ok: true, none: null }),
    ).toBeNull();
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels, and a 30,000-deep array without overflowing the stack`, () => {
    expect(unstorableFields({ deep: nested(MAX_INPUT_DEPTH - 1) })).toBeNull();
    expect(unstorableFields({ deep: nested(MAX_INPUT_DEPTH) })).toEqual({
      [["deep", ...Array(MAX_INPUT_DEPTH - 1).fill("0")].join(".")]: [TOO_DEEP_MESSAGE],
    });
    const fields = unstorableFields(JSON.parse(`{"metadata":{"deep":${"[".repeat(30_000)}${"]".repeat(30_000)}}}`));
    expect(Object.keys(fields ?? {})).toHaveLength(1);
    expect(Object.values(fields ?? {})[0]).toEqual([TOO_DEEP_MESSAGE]);
  });

  it("keeps a field called constructor or __proto__ as the client named it", () => {
    const input = JSON.parse('{"constructor":"\\u0000","__proto__":"\\ud800"}');
    const fields = unstorableFields(input);
    expect(Object.hasOwn(fields!, "constructor") && Object.hasOwn(fields!, "__proto__")).toBe(true);
    expect(JSON.parse(JSON.stringify(fields))).toEqual(
      JSON.parse(
        `{"constructor":[${JSON.stringify(NUL_MESSAGE)}],"__proto__":[${JSON.stringify(LONE_SURROGATE_MESSAGE)}]}`,
      ),
    );
  });

  it("names at most 20 fields, however many a body holds", () => {
    expect(Object.keys(unstorableFields(Array.from({ length: 1_000 }, () => "\u0000")) ?? {})).toHaveLength(20);
  });

  it("refuses exactly what RFC 8785 canonicalization or PostgreSQL's jsonb would refuse (property)", () => {
    const unit = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      fc.constantFrom("\u0000", "\ud800", "\udfff", "\ud83d\ude00", "a"),
    );
    const text = fc.string({ unit, maxLength: 6 });
    const json = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        text,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(text, tie("value"), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        let refusedElsewhere: boolean;
        try {
          refusedElsewhere = (canonicalize(value) ?? "").includes("\\u0000");
        } catch {
          refusedElsewhere = true; // a lone surrogate
        }
        expect(unstorableFields(value) !== null).toBe(refusedElsewhere);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("storableInput", () => {
  it("hands back storable input untouched and throws a 400 AppError naming the fields otherwise", () => {
    const input = { name: "Ada" };
    expect(storableInput(input)).toBe(input);
    const error = (() => {
      try {
        storableInput({ name: "A\u0000" });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_input", status: 400, fieldErrors: { name: [NUL_MESSAGE] } });
  });
});

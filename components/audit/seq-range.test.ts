import { describe, expect, it } from "vitest";
import { checkSeqRange } from "./seq-range";

const range = (from: string, to: string) => checkSeqRange({ value: from }, { value: to });

describe("the bundle export's seq range", () => {
  it("takes blank ends as the whole chain, and whole seqs as given", () => {
    expect(range("", "")).toEqual({ ok: true, fromSeq: null, toSeq: null });
    expect(range(" 3 ", "")).toEqual({ ok: true, fromSeq: "3", toSeq: null });
    expect(range("", "12")).toEqual({ ok: true, fromSeq: null, toSeq: "12" });
    expect(range("007", "7")).toEqual({ ok: true, fromSeq: "7", toSeq: "7" });
    expect(range("1", "9223372036854775807")).toEqual({ ok: true, fromSeq: "1", toSeq: "9223372036854775807" });
  });

  it("refuses what the export would refuse, naming the field", () => {
    expect(range("0", "")).toEqual({
      ok: false,
      field: "from",
      message: "From seq must be a whole number of at least 1.",
    });
    expect(range("", "-2")).toEqual({
      ok: false,
      field: "to",
      message: "To seq must be a whole number of at least 1.",
    });
    expect(range("1.5", "")).toMatchObject({ ok: false, field: "from" });
    expect(range("1e3", "")).toMatchObject({ ok: false, field: "from" });
    expect(range("", "9223372036854775808")).toEqual({
      ok: false,
      field: "to",
      message: "To seq is larger than any seq.",
    });
    expect(range("9", "4")).toEqual({ ok: false, field: "from", message: "From seq (9) is after To seq (4)." });
  });

  it("does not take unreadable input in a number field for a blank one", () => {
    expect(checkSeqRange({ value: "", badInput: true }, { value: "" })).toMatchObject({ ok: false, field: "from" });
    expect(checkSeqRange({ value: "" }, { value: "", badInput: true })).toMatchObject({ ok: false, field: "to" });
  });
});

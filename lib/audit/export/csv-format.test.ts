import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvHeader, csvRowOf, csvRowsOf, neutralizeFormula } from "./csv-format";
import { parseCsv, testEntry } from "./export-test-helpers";

describe("CSV", () => {
  it.each([
    ["=", '=HYPERLINK("https://evil.example","click")'],
    ["+", "+1+1"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A9)"],
    ["tab", "\t=1+1"],
    ["carriage return", "\r=1+1"],
  ])("a cell starting with %s stays text: it gets a leading '", (_, display) => {
    const row = csvRowOf(testEntry({ actor: { type: "user", id: "u1", display } }));
    expect(row[CSV_COLUMNS.indexOf("actorDisplay")]).toBe(`'${display}`);
    const [, parsed] = parseCsv(csvHeader() + csvRowsOf([testEntry({ actor: { type: "user", id: "u1", display } })]));
    expect(parsed[CSV_COLUMNS.indexOf("actorDisplay")]).toBe(`'${display}`);
  });

  it("leaves ordinary cells alone, including ones with a formula character later on", () => {
    expect(neutralizeFormula("ada@example.com")).toBe("ada@example.com");
    expect(neutralizeFormula("a=b")).toBe("a=b");
    expect(neutralizeFormula("")).toBe("");
  });

  it("guards every column, not only displays", () => {
    const row = csvRowOf(
      testEntry({ target: { type: "payout", id: "=cmd|' /C calc'!A0", display: null }, requestId: "@x" }),
    );
    expect(row[CSV_COLUMNS.indexOf("targetId")]).toBe("'=cmd|' /C calc'!A0");
    expect(row[CSV_COLUMNS.indexOf("requestId")]).toBe("'@x");
  });

  it("has a header row and round-trips commas, quotes and line breaks", () => {
    const entries = [
      testEntry(),
      testEntry({
        seq: "43",
        target: null,
        geo: null,
        ip: null,
        metadata: { note: 'says "hi", then\nleaves' },
        actor: { type: "system", id: null, display: "Verity" },
      }),
    ];
    const [header, ...rows] = parseCsv(csvHeader() + csvRowsOf(entries));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual(entries.map(csvRowOf));
    const record = (row: string[]) => Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row[i]]));
    expect(record(rows[1])).toMatchObject({
      seq: "43",
      actorType: "system",
      actorId: "",
      targetType: "",
      ip: "",
      country: "",
    });
    expect(JSON.parse(record(rows[1]).metadata)).toEqual({ note: 'says "hi", then\nleaves' });
  });
});

describe("CSV rows", () => {
  it("are what csv-stringify writes for the same cells", async () => {
    const { stringify } = await import("csv-stringify/sync");
    const awkward = [
      "",
      "plain",
      'say "hi"',
      "a,b",
      "line\nbreak",
      "cr\rhere",
      "crlf\r\n",
      '"',
      ",",
      " padded ",
      "é 😀",
      "=1+1",
    ];
    const entries = awkward.map((text, i) =>
      testEntry({
        action: `custom.${i}`,
        actor: { type: "user", id: text === "" ? null : text, display: text },
        metadata: { note: text },
      }),
    );
    expect(csvRowsOf(entries)).toBe(stringify(entries.map(csvRowOf)));
  });
});

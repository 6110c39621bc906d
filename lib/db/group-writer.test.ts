import { describe, expect, it } from "vitest";
import { GroupWriter, writerPerClient } from "./group-writer";

/** A write that takes a tick, and records each group it was given. */
function recordingWrite(refuse: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  const write = async (items: number[]) => {
    groups.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (items.some(refuse)) throw new Error(`refused ${items.filter(refuse).join(",")}`);
    return items.map(() => undefined);
  };
  return { groups, write };
}

describe("GroupWriter", () => {
  it("sends the first item alone and the ones added while it is in flight together, in order", async () => {
    const { groups, write } = recordingWrite();
    const writer = new GroupWriter(write);
    await Promise.all([1, 2, 3, 4, 5].map((item) => writer.add(item)));
    expect(groups).toEqual([[1], [2, 3, 4, 5]]);
  });

  it("keeps groups within their size and the in-flight limit", async () => {
    const { groups, write } = recordingWrite();
    const writer = new GroupWriter(write, { inFlight: 2, groupSize: 3 });
    await Promise.all(Array.from({ length: 10 }, (_, item) => writer.add(item)));
    expect(groups).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
  });

  it("keeps a weighed group within its total weight, and sends an item heavier than a group alone", async () => {
    const { groups, write } = recordingWrite();
    const writer = new GroupWriter(write, { inFlight: 1, groupSize: 10, weigh: (item: number) => item });
    await Promise.all([1, 4, 5, 2, 12, 3, 3, 3, 1].map((item) => writer.add(item)));
    expect(groups).toEqual([[1], [4, 5], [2], [12], [3, 3, 3, 1]]);
  });

  it("settles each caller with its own outcome when a group fails: the others are written one by one", async () => {
    const { groups, write } = recordingWrite((item) => item === 3);
    const writer = new GroupWriter(write);
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((item) => writer.add(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error("refused 3"));
    expect(groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it("answers each item its own result, and refuses an item its write answers an Error for, alone", async () => {
    const writer = new GroupWriter(async (items: number[]) =>
      items.map((item) => (item === 2 ? new Error("no place for 2") : item * 10)),
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => writer.add(item)));
    expect(outcomes).toEqual([
      { status: "fulfilled", value: 10 },
      { status: "rejected", reason: new Error("no place for 2") },
      { status: "fulfilled", value: 30 },
    ]);
  });

  it("refuses every item of a write that answers the wrong number of results, instead of resolving them blind", async () => {
    const writer = new GroupWriter(async (items: number[]) => items.slice(1));
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => writer.add(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toEqual(
      new Error("a group write answered 0 results for 1 items"),
    );
  });

  it("gives each client one writer of its own (writerPerClient)", () => {
    const writerOf = writerPerClient((client: { name: string }) => ({
      client,
      writer: new GroupWriter(async () => []),
    }));
    const [a, b] = [{ name: "a" }, { name: "b" }];
    expect(writerOf(a)).toBe(writerOf(a));
    expect(writerOf(b)).not.toBe(writerOf(a));
    expect(writerOf(b).client).toBe(b);
  });
});

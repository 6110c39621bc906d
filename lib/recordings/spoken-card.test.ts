import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { directoryStore } from "@/lib/lifecycle/archive/directory-store";
import { readObject } from "@/lib/testing/archive-test-stores";
import { testDb } from "@/lib/testing/database";
import { createOwner, orgContextFor } from "@/lib/testing/factories";
import { multipartUpload } from "@/lib/testing/recording-uploads";
import { speakWords } from "@/lib/testing/spoken-audio";
import { measureSpans, readWavFormat } from "./audio";
import { getRecording } from "./get-recording";
import { redactRecording } from "./pipeline/redact-recording";
import { uploadRecording } from "./upload-recording";

let db: Db;
let scratch: string;
beforeAll(async () => {
  db = testDb();
  scratch = await mkdtemp(path.join(tmpdir(), "verity-spoken-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

// A Mastercard test number said the way people say it: in words, "double", with an expiry and a code.
const SAID = [
  "my",
  "card",
  "is",
  "five",
  "five",
  "five",
  "five",
  "four",
  "four",
  "four",
  "four",
  "double",
  "three",
  "three",
  "three",
  "three",
  "one",
  "one",
  "one",
  "one",
  "expiry",
  "twelve",
  "thirty",
  "security",
  "code",
  "one",
  "two",
  "three",
  "thank",
  "you",
];

describe("a call with a card number said out loud (espeak-ng)", () => {
  it("silences every spoken digit of the card, its expiry and code, and leaves the other words audible", async () => {
    const spoken = await speakWords(SAID);
    const owner = await createOwner();
    const ctx = orgContextFor(owner, owner.org);
    const store = directoryStore(scratch);
    const upload = multipartUpload({ audio: spoken.wav, transcript: { words: spoken.words }, source: "phone" });
    const view = await uploadRecording(db, ctx, upload, { store, env: {} });
    const outcome = await redactRecording(db, { orgId: ctx.org.id, recordingId: view.id }, { store, env: {} });
    expect(outcome.status).toBe("redacted");
    const detail = await getRecording(db, ctx, { id: view.id });
    const row = await db.recording.findUniqueOrThrow({ where: { id: view.id } });
    const audio = (await readObject(store, row.audioObjectKey))!;
    const format = readWavFormat(audio);
    const card = spoken.words.slice(3, 20);
    const cardMeasures = await measureSpans(Readable.from([audio]), format, card);
    expect(cardMeasures.every((span) => span.peak === 0)).toBe(true);
    const kept = [spoken.words[0], spoken.words[1], spoken.words.at(-2)!, spoken.words.at(-1)!];
    const keptMeasures = await measureSpans(Readable.from([audio]), format, kept);
    expect(keptMeasures.every((span) => span.peak > 0.05)).toBe(true);
    const words = detail.redactedTranscript!.words.map((word) => word.text);
    expect(words.slice(0, 3)).toEqual(["my", "card", "is"]);
    expect(words.slice(3, 20).every((word) => word === "[redacted]")).toBe(true);
    expect(detail.validation).toMatchObject({ passed: true });
  });
});

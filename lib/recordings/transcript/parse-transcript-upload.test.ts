import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseTranscriptUpload, transcriptFormatOf } from "./index";

const texts = (raw: unknown) => parseTranscriptUpload(raw).words.map((w) => w.text);

describe("parseTranscriptUpload", () => {
  it("accepts Verity's own shape, rounding to whole milliseconds and sorting by start", () => {
    const t = parseTranscriptUpload({
      words: [
        { text: "two", startMs: 400.4, endMs: 700, speaker: "caller", channel: 1 },
        { text: "one", startMs: 0, endMs: 350 },
      ],
      durationMs: 1000,
    });
    expect(t).toEqual({
      words: [
        { text: "one", startMs: 0, endMs: 350 },
        { text: "two", startMs: 400, endMs: 700, speaker: "caller", channel: 1 },
      ],
      durationMs: 1000,
    });
  });

  it("accepts OpenAI Whisper verbose_json with word timestamps (seconds), top level or in segments", () => {
    const whisper = {
      task: "transcribe",
      duration: 2.5,
      text: " four one",
      words: [
        { word: " four", start: 0.1, end: 0.4 },
        { word: " one", start: 0.5, end: 0.9 },
      ],
    };
    expect(transcriptFormatOf(whisper)).toBe("whisper");
    expect(parseTranscriptUpload(whisper)).toEqual({
      words: [
        { text: "four", startMs: 100, endMs: 400 },
        { text: "one", startMs: 500, endMs: 900 },
      ],
      durationMs: 2500,
    });
    expect(texts({ segments: [{ words: [{ word: "hi", start: 0, end: 0.2 }] }] })).toEqual(["hi"]);
    expect(() => parseTranscriptUpload({ text: "no words", segments: [{ text: "x" }] })).toThrow(ZodError);
  });

  it("accepts Deepgram, preferring punctuated words, with channels and diarized speakers", () => {
    const deepgram = {
      metadata: { duration: 3 },
      results: {
        channels: [
          {
            alternatives: [
              { transcript: "x", words: [{ word: "four", punctuated_word: "Four,", start: 1, end: 1.2, speaker: 0 }] },
            ],
          },
          { alternatives: [{ transcript: "y", words: [{ word: "okay", start: 0.5, end: 0.7 }] }] },
        ],
      },
    };
    expect(parseTranscriptUpload(deepgram)).toEqual({
      words: [
        { text: "okay", startMs: 500, endMs: 700, channel: 1 },
        { text: "Four,", startMs: 1000, endMs: 1200, speaker: "speaker 0", channel: 0 },
      ],
      durationMs: 3000,
    });
  });

  it("accepts AWS Transcribe, attaching punctuation to the word before", () => {
    const aws = {
      jobName: "j",
      results: {
        transcripts: [{ transcript: "Four one." }],
        items: [
          {
            type: "pronunciation",
            start_time: "0.0",
            end_time: "0.3",
            alternatives: [{ confidence: "0.9", content: "Four" }],
            speaker_label: "spk_0",
            channel_label: "ch_1",
          },
          { type: "pronunciation", start_time: "0.4", end_time: "0.6", alternatives: [{ content: "one" }] },
          { type: "punctuation", alternatives: [{ content: "." }] },
        ],
      },
    };
    expect(parseTranscriptUpload(aws).words).toEqual([
      { text: "Four", startMs: 0, endMs: 300, speaker: "spk_0", channel: 1 },
      { text: "one.", startMs: 400, endMs: 600 },
    ]);
  });

  it("accepts Google Speech-to-Text durations as strings or {seconds, nanos}, dropping diarization repeats", () => {
    const words = [
      { word: "four", startTime: "1.500s", endTime: "2s" },
      { word: "one", startTime: { seconds: "2", nanos: 100000000 }, endTime: { seconds: 2, nanos: 400000000 } },
    ];
    const google = {
      results: [
        { alternatives: [{ transcript: "four one", words }] },
        { alternatives: [{ words: words.map((w) => ({ ...w, speakerTag: 2 })) }] },
      ],
    };
    expect(parseTranscriptUpload(google).words).toEqual([
      { text: "four", startMs: 1500, endMs: 2000, speaker: "speaker 2" },
      { text: "one", startMs: 2100, endMs: 2400, speaker: "speaker 2" },
    ]);
  });

  it.each([
    ["not an object", "hello"],
    ["no words", {}],
    ["negative time", { words: [{ text: "a", startMs: -1, endMs: 5 }] }],
    ["end before start", { words: [{ text: "a", startMs: 10, endMs: 5 }] }],
    ["NaN-ish time", { words: [{ text: "a", startMs: "1", endMs: 5 }] }],
    ["Whisper end before start", { words: [{ word: "a", start: 2, end: 1 }] }],
    [
      "AWS time not a number",
      {
        results: {
          items: [{ type: "pronunciation", start_time: "x", end_time: "1", alternatives: [{ content: "a" }] }],
        },
      },
    ],
    ["Deepgram without channels", { results: { channels: [] } }],
    [
      "Google bad duration",
      { results: [{ alternatives: [{ words: [{ word: "a", startTime: "1.5", endTime: "2s" }] }] }] },
    ],
    ["word far too long", { words: [{ text: "x".repeat(201), startMs: 0, endMs: 1 }] }],
  ])("refuses %s with a ZodError (a 400 at the REST boundary)", (_name, raw) => {
    expect(() => parseTranscriptUpload(raw)).toThrow(ZodError);
  });

  it("names the offending field of the format the upload resembles", () => {
    try {
      parseTranscriptUpload({
        words: [
          { text: "a", startMs: 0, endMs: 1 },
          { text: "b", startMs: 9, endMs: 3 },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as ZodError).issues[0].path).toEqual(["words", 1, "endMs"]);
    }
  });
});

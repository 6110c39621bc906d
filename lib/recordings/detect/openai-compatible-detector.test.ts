import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transcript } from "../transcript/types";
import { detectorFromEnv } from "./detector-from-env";
import { localDetector } from "./local-detector";
import { openAiCompatibleDetector, PciDetectorError } from "./openai-compatible-detector";

/** A loopback stand-in for an OpenAI-compatible chat-completions endpoint; each path answers one way. */
type Received = {
  path: string;
  authorization?: string;
  body: { model: string; messages: Array<{ role: string; content: string }> };
};
const received: Received[] = [];
let server: Server;
let base = "";

const completion = (content: string) =>
  JSON.stringify({
    id: "x",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content } }],
  });

function answer(req: IncomingMessage, res: ServerResponse, body: string) {
  const path = req.url ?? "";
  received.push({ path, authorization: req.headers.authorization, body: JSON.parse(body) });
  const json = (status: number, text: string) =>
    res.writeHead(status, { "content-type": "application/json" }).end(text);
  if (path === "/ok/v1/chat/completions") {
    // Flags the words the stand-in is told to (the second line onwards names the card), fenced as models like to.
    const lines = received.at(-1)!.body.messages[1].content.split("\n");
    const digits = lines.filter((l) => /\t\d{4}$/.test(l)).map((l) => Number(l.split("\t")[0]));
    const spans = digits.length ? [{ kind: "card_number", firstWord: digits[0], lastWord: digits.at(-1) }] : [];
    return json(200, completion("```json\n" + JSON.stringify({ spans }) + "\n```"));
  }
  if (path === "/slow/v1/chat/completions") return setTimeout(() => json(200, completion('{"spans":[]}')), 2_000);
  if (path === "/garbage/v1/chat/completions") return json(200, completion("I found a card: 4111 1111 1111 1111!"));
  if (path === "/wrong-shape/v1/chat/completions") return json(200, JSON.stringify({ result: "ok" }));
  if (path === "/out-of-range/v1/chat/completions")
    return json(200, completion('{"spans":[{"kind":"cvv","firstWord":0,"lastWord":999}]}'));
  if (path === "/bad-kind/v1/chat/completions")
    return json(200, completion('{"spans":[{"kind":"ssn","firstWord":0,"lastWord":1}]}'));
  return json(500, '{"error":"boom 4111111111111111"}');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const call: Transcript = {
  words: ["my", "card", "is", "4111", "1111", "1111", "1111", "thanks"].map((text, i) => ({
    text,
    startMs: i * 400,
    endMs: i * 400 + 300,
    speaker: "caller",
  })),
};
const detector = (path: string, timeoutMs = 5_000) =>
  openAiCompatibleDetector({ url: `${base}/${path}/v1`, apiKey: "sk-test", model: "stand-in", timeoutMs });

describe("openAiCompatibleDetector against a loopback stand-in", () => {
  it("sends the words with their indexes and turns the JSON answer into layer-1 spans with times", async () => {
    const spans = await detector("ok").detect(call);
    expect(spans).toEqual([{ kind: "card_number", layer: 1, firstWord: 3, lastWord: 6, startMs: 1200, endMs: 2700 }]);
    const request = received.at(-1)!;
    expect(request.authorization).toBe("Bearer sk-test");
    expect(request.body.model).toBe("stand-in");
    expect(request.body.messages[1].content.split("\n")[3]).toBe("3\tcaller\t4111");
  });

  it("splits a long transcript into overlapping windows with global word indexes", async () => {
    const long: Transcript = {
      words: Array.from({ length: 1_300 }, (_, i) => ({
        text: i === 1_250 ? "4111" : "word",
        startMs: i * 10,
        endMs: i * 10 + 5,
      })),
    };
    const before = received.length;
    const spans = await detector("ok").detect(long);
    expect(received.length - before).toBe(3);
    expect(spans.map((s) => s.firstWord)).toContain(1_250);
  });

  it("throws on a timeout", async () => {
    await expect(detector("slow", 300).detect(call)).rejects.toThrow(/timed out/);
  });

  it("throws when the caller aborts", async () => {
    const controller = new AbortController();
    const pending = detector("slow").detect(call, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(PciDetectorError);
  });

  it.each(["garbage", "wrong-shape", "out-of-range", "bad-kind", "error"])(
    "throws on an answer that is %s, without repeating the answer or the transcript",
    async (path) => {
      const error = await detector(path)
        .detect(call)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(PciDetectorError);
      expect(String((error as Error).message)).not.toMatch(/4111|card is/);
    },
  );

  it("throws when nothing listens", async () => {
    const closed = openAiCompatibleDetector({ url: "http://127.0.0.1:9/v1", model: "m", timeoutMs: 2_000 });
    await expect(closed.detect(call)).rejects.toThrow(/could not be reached|timed out/);
  });
});

describe("detectorFromEnv", () => {
  it("uses the local detector, which sends nothing, unless VERITY_PCI_DETECTOR_URL is set", () => {
    expect(detectorFromEnv({})).toBe(localDetector);
    expect(detectorFromEnv({ VERITY_PCI_DETECTOR_URL: "" })).toBe(localDetector);
  });

  it("configures the OpenAI-compatible detector, its version naming the model", () => {
    const d = detectorFromEnv({
      VERITY_PCI_DETECTOR_URL: "https://llm.example/v1",
      VERITY_PCI_DETECTOR_MODEL: "gpt-x",
    });
    expect(d.id).toBe("openai-compatible");
    expect(d.version).toContain("gpt-x");
  });

  it("refuses a plain-http URL off this machine, a missing model, a bad timeout", () => {
    expect(() =>
      detectorFromEnv({ VERITY_PCI_DETECTOR_URL: "http://llm.example/v1", VERITY_PCI_DETECTOR_MODEL: "m" }),
    ).toThrow();
    expect(() => detectorFromEnv({ VERITY_PCI_DETECTOR_URL: "https://llm.example/v1" })).toThrow();
    expect(() =>
      detectorFromEnv({
        VERITY_PCI_DETECTOR_URL: "https://llm.example",
        VERITY_PCI_DETECTOR_MODEL: "m",
        VERITY_PCI_DETECTOR_TIMEOUT_MS: "x",
      }),
    ).toThrow();
    expect(
      detectorFromEnv({ VERITY_PCI_DETECTOR_URL: `http://127.0.0.1:1/v1`, VERITY_PCI_DETECTOR_MODEL: "m" }).id,
    ).toBe("openai-compatible");
  });
});

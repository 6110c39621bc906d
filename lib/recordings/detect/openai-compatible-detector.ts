import { z } from "zod";
import type { Transcript } from "../transcript/types";
import type { OpenAiCompatibleDetectorOptions, PciDetector, Span } from "./types";
import { spansOf } from "./word-ranges";

/** Bump when the prompt or the answer's shape changes. */
const PROMPT_VERSION = "prompt-1";
/** Words per request, and the overlap between consecutive windows so a number read across a boundary is whole. */
const WINDOW_WORDS = 600;
const WINDOW_OVERLAP = 80;

const SYSTEM_PROMPT = [
  "You find payment card data in call transcripts for PCI DSS redaction.",
  "The user sends the words of a call, one per line, as `<index>\\t<speaker>\\t<word>`.",
  "Flag every word that is part of a payment card number (PAN), a card security code (CVV, CVC, CID) or a card",
  'expiry date, however it is said: digits, number words, grouped numbers ("forty-one eleven"), "double four",',
  '"oh" for zero, with corrections (flag the retracted digits too), split across turns or interrupted by filler.',
  "Do not flag phone numbers, order or account numbers, amounts or dates that are not a card's.",
  'Answer with JSON only: {"spans":[{"kind":"card_number"|"cvv"|"expiry","firstWord":<index>,"lastWord":<index>}]},',
  'inclusive word indexes; {"spans":[]} when there is nothing.',
].join(" ");

const ZChatCompletion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().max(1_000_000) }) })).min(1),
});

const ZDetectorAnswer = z.object({
  spans: z
    .array(
      z.object({
        kind: z.enum(["card_number", "cvv", "expiry"]),
        firstWord: z.int().nonnegative(),
        lastWord: z.int().nonnegative(),
      }),
    )
    .max(10_000),
});

/** The detector's failures never carry the transcript or the model's answer: both may hold card data. */
export class PciDetectorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PciDetectorError";
  }
}

const chatCompletionsUrl = (url: string): string =>
  /\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/+$/, "")}/chat/completions`;

/** The model may wrap its JSON in a Markdown fence. */
const jsonOf = (content: string): unknown => JSON.parse(content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ""));

async function askWindow(
  options: OpenAiCompatibleDetectorOptions,
  t: Transcript,
  from: number,
  to: number,
  signal: AbortSignal,
): Promise<Span[]> {
  const lines = t.words
    .slice(from, to)
    .map((w, i) => `${from + i}\t${w.speaker ?? (w.channel === undefined ? "-" : `channel ${w.channel}`)}\t${w.text}`);
  let response: Response;
  try {
    response = await fetch(chatCompletionsUrl(options.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: options.model,
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: lines.join("\n") },
        ],
      }),
      signal,
      redirect: "error",
    });
  } catch (error) {
    const timedOut = signal.aborted;
    throw new PciDetectorError(timedOut ? "the PCI detector timed out" : "the PCI detector could not be reached", {
      cause: error instanceof Error ? error.name : undefined,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PciDetectorError(`the PCI detector answered HTTP ${response.status}`);
  }
  let answer: z.infer<typeof ZDetectorAnswer>;
  try {
    const completion = ZChatCompletion.parse(await response.json());
    answer = ZDetectorAnswer.parse(jsonOf(completion.choices[0].message.content));
  } catch {
    throw new PciDetectorError(
      signal.aborted ? "the PCI detector timed out" : "the PCI detector's answer is not valid",
    );
  }
  const ranges = answer.spans.map(({ kind, firstWord, lastWord }) => {
    if (lastWord < firstWord || firstWord < from || lastWord >= to) {
      throw new PciDetectorError("the PCI detector's answer names words outside the transcript");
    }
    return { kind, firstWord, lastWord };
  });
  return (["card_number", "cvv", "expiry"] as const).flatMap((kind) =>
    spansOf(
      t,
      ranges.filter((r) => r.kind === kind),
      kind,
      1,
    ),
  );
}

/**
 * Layer 1 through an OpenAI-compatible chat-completions endpoint (VERITY_PCI_DETECTOR_URL): the words go out with
 * their indexes, in windows of WINDOW_WORDS, and the answer is JSON spans by word index, validated with zod. Any
 * network error, non-2xx answer, timeout (`timeoutMs` for the whole transcript) or invalid answer throws, so the
 * pipeline fails closed.
 */
export function openAiCompatibleDetector(options: OpenAiCompatibleDetectorOptions): PciDetector {
  return {
    id: "openai-compatible",
    version: `${PROMPT_VERSION}:${options.model}`,
    async detect(t, opts) {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = opts?.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      const spans: Span[] = [];
      for (let from = 0; from < t.words.length; from += WINDOW_WORDS - WINDOW_OVERLAP) {
        spans.push(...(await askWindow(options, t, from, Math.min(t.words.length, from + WINDOW_WORDS), signal)));
        if (from + WINDOW_WORDS >= t.words.length) break;
      }
      return spans;
    },
  };
}

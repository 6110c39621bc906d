import { z } from "zod";
import { localDetector } from "./local-detector";
import { openAiCompatibleDetector } from "./openai-compatible-detector";
import type { PciDetector } from "./types";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Card data never travels in clear: plain http only to this machine. */
const ZDetectorUrl = z.url().refine((value) => {
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
}, "VERITY_PCI_DETECTOR_URL must be https (plain http only on loopback)");

const ZDetectorEnv = z.object({
  VERITY_PCI_DETECTOR_URL: ZDetectorUrl,
  VERITY_PCI_DETECTOR_MODEL: z.string().min(1, "VERITY_PCI_DETECTOR_MODEL is required with VERITY_PCI_DETECTOR_URL"),
  VERITY_PCI_DETECTOR_API_KEY: z.string().min(1).optional(),
  VERITY_PCI_DETECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

/**
 * Layer 1 as configured: the OpenAI-compatible detector when VERITY_PCI_DETECTOR_URL is set (with
 * VERITY_PCI_DETECTOR_MODEL, optional VERITY_PCI_DETECTOR_API_KEY and VERITY_PCI_DETECTOR_TIMEOUT_MS, default 30 s),
 * otherwise the local detector, which sends nothing anywhere. A bad configuration throws (fail closed).
 */
export function detectorFromEnv(env: Record<string, string | undefined>): PciDetector {
  if (!env.VERITY_PCI_DETECTOR_URL) return localDetector;
  const config = ZDetectorEnv.parse({
    ...env,
    VERITY_PCI_DETECTOR_MODEL: env.VERITY_PCI_DETECTOR_MODEL ?? "",
    VERITY_PCI_DETECTOR_API_KEY: env.VERITY_PCI_DETECTOR_API_KEY || undefined,
    VERITY_PCI_DETECTOR_TIMEOUT_MS: env.VERITY_PCI_DETECTOR_TIMEOUT_MS || undefined,
  });
  return openAiCompatibleDetector({
    url: config.VERITY_PCI_DETECTOR_URL,
    model: config.VERITY_PCI_DETECTOR_MODEL,
    timeoutMs: config.VERITY_PCI_DETECTOR_TIMEOUT_MS,
    ...(config.VERITY_PCI_DETECTOR_API_KEY ? { apiKey: config.VERITY_PCI_DETECTOR_API_KEY } : {}),
  });
}

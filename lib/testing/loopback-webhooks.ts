import { afterAll, beforeAll } from "vitest";

/**
 * Lets this test file's webhook endpoints point at receivers on 127.0.0.1 (refused otherwise, like
 * every private address), and puts the setting back as it was when the file is done.
 */
export function allowLoopbackWebhooks() {
  const saved = process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS;
  beforeAll(() => {
    process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS = "1";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS;
    else process.env.VERITY_ALLOW_LOOPBACK_WEBHOOKS = saved;
  });
}

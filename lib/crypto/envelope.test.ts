import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openBytes, sealBytes } from "./aes-gcm";
import { localKeyId } from "./local-key-provider";
import { openSecretValue, sealSecretValue } from "./secret-value-cipher";

const dataKey = { id: randomUUID(), key: randomBytes(32) };
const place = { orgId: randomUUID(), secretId: randomUUID(), version: 1 };

describe("envelope encryption", () => {
  it("opens a value only in the place it was sealed for: org, secret and version", () => {
    const sealed = sealSecretValue(dataKey, place, "hunter2 ✓");
    expect(sealed).not.toContain("hunter2");
    expect(openSecretValue(dataKey, place, sealed)).toBe("hunter2 ✓");
    for (const moved of [
      { ...place, orgId: randomUUID() },
      { ...place, secretId: randomUUID() },
      { ...place, version: 2 },
    ]) {
      expect(() => openSecretValue(dataKey, moved, sealed)).toThrow();
    }
    expect(() => openSecretValue({ id: dataKey.id, key: randomBytes(32) }, place, sealed)).toThrow();
  });

  it("refuses a tampered ciphertext and seals the same value differently each time", () => {
    const sealed = sealBytes(dataKey.key, Buffer.from("x"), "ctx");
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[14]! ^= 1;
    expect(() => openBytes(dataKey.key, `v1:${bytes.toString("base64url")}`, "ctx")).toThrow();
    expect(sealBytes(dataKey.key, Buffer.from("x"), "ctx")).not.toBe(sealed);
  });

  it("names a key-encryption key by a fingerprint that does not reveal it", () => {
    const key = randomBytes(32);
    expect(localKeyId(key)).toMatch(/^local:[0-9a-f]{16}$/);
    expect(localKeyId(key)).toBe(localKeyId(Buffer.from(key)));
    expect(localKeyId(key)).not.toContain(key.toString("hex").slice(0, 16));
  });
});

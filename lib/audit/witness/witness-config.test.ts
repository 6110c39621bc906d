import { describe, expect, it } from "vitest";
import { formatCosignerVerifierKey } from "../checkpoints/cosignature";
import { generateSignerKey } from "../checkpoints/signed-note";
import { configuredWitnesses } from "./witness-config";

const vkey = (name: string, fill: number) => formatCosignerVerifierKey(name, Buffer.alloc(32, fill));
const one = vkey("witness.example/w1", 1);
const two = vkey("witness.example/w2", 2);
const parse = (VERITY_WITNESSES: string) => configuredWitnesses({ VERITY_WITNESSES });

describe("VERITY_WITNESSES", () => {
  it("is no witness when unset or blank", () => {
    expect(configuredWitnesses({})).toEqual([]);
    expect(parse(" \n , ")).toEqual([]);
  });

  it("names each witness by `<URL> <vkey>`, entries separated by commas or newlines", () => {
    const witnesses = parse(`https://w1.example/witness/ ${one},\n  http://10.0.0.5:8080  ${two}\n`);
    expect(witnesses.map(({ name, keyId, url, vkey }) => ({ name, keyId, url, vkey }))).toEqual([
      { name: "witness.example/w1", keyId: one.split("+")[1], url: "https://w1.example/witness", vkey: one },
      { name: "witness.example/w2", keyId: two.split("+")[1], url: "http://10.0.0.5:8080", vkey: two },
    ]);
  });

  it("says what is wrong with a bad entry, at start-up", () => {
    expect(() => parse(`ftp://w1.example ${one}`)).toThrow(
      /^VERITY_WITNESSES: witness 1 its URL is not an http\(s\) URL/,
    );
    expect(() => parse(`https://w1.example?x=1 ${one}`)).toThrow(/witness 1 its URL has a query or a fragment/);
    for (const url of ["https://user:secret@w1.example/", "HTTPS://user:secret@w1.example/"]) {
      expect(() => parse(`${url} ${one}`)).toThrow(/witness 1 its URL has a user name or password/);
      expect(() => parse(`${url} ${one}`)).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining("secret") }),
      );
    }
    expect(() => parse(`https://w1.example`)).toThrow(/witness 1 is not `<URL> <witness vkey>`/);
    expect(() => parse(`${one} https://w1.example`)).toThrow(/witness 1 its URL is not an http\(s\) URL/);
    expect(() => parse(`https://w1.example ${one} extra`)).toThrow(/witness 1 is not `<URL> <witness vkey>`/);
    expect(() => parse(`https://w1.example ${one}, https://w2.example nonsense`)).toThrow(
      /witness 2 \(https:\/\/w2.example\) has no tlog-cosignature vkey: malformed cosigner key/,
    );
    // A log's note key (type 0x01) is not a witness's cosignature key (0x04).
    const noteKey = generateSignerKey("witness.example/w1").verifierKey;
    expect(() => parse(`https://w1.example ${noteKey}`)).toThrow(/unsupported cosigner key type 0x01: expected 0x04/);
    expect(() => parse(`https://a.example ${one}\nhttps://b.example ${one}`)).toThrow(
      /the witness key .* is given twice/,
    );
  });
});

/** What a seq field holds: its text, and whether the browser could not read what was typed as a number. */
export type SeqField = { value: string; badInput?: boolean };

export type SeqRangeCheck =
  { ok: true; fromSeq: string | null; toSeq: string | null } | { ok: false; field: "from" | "to"; message: string };

/** seq is PostgreSQL's bigint. */
const MAX_SEQ = 9_223_372_036_854_775_807n;

function seqOf(field: SeqField, label: string): { seq: bigint | null } | { message: string } {
  const text = field.value.trim();
  // Text a number field could not read arrives as "": it must not pass for "blank, the whole chain".
  if (field.badInput) return { message: `${label} must be a whole number of at least 1.` };
  if (text === "") return { seq: null };
  if (!/^\d+$/.test(text) || BigInt(text) < 1n) return { message: `${label} must be a whole number of at least 1.` };
  if (BigInt(text) > MAX_SEQ) return { message: `${label} is larger than any seq.` };
  return { seq: BigInt(text) };
}

/**
 * The seq range of a bundle export, as typed: blank ends mean the chain's start and head; anything
 * else must be whole seqs from 1 with From ≤ To, which the export route would refuse otherwise.
 */
export function checkSeqRange(from: SeqField, to: SeqField): SeqRangeCheck {
  const start = seqOf(from, "From seq");
  if ("message" in start) return { ok: false, field: "from", message: start.message };
  const end = seqOf(to, "To seq");
  if ("message" in end) return { ok: false, field: "to", message: end.message };
  if (start.seq !== null && end.seq !== null && start.seq > end.seq) {
    return { ok: false, field: "from", message: `From seq (${start.seq}) is after To seq (${end.seq}).` };
  }
  return { ok: true, fromSeq: start.seq?.toString() ?? null, toSeq: end.seq?.toString() ?? null };
}

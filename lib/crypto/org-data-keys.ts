import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { keyProvider } from "./key-provider";

export type DataKey = { id: string; key: Buffer };

/** What a wrapped data key is bound to: its organization and its own id (a wrap copied to another row fails). */
export const dataKeyContext = (orgId: string, dataKeyId: string) => `verity/org-data-key/v1|${orgId}|${dataKeyId}`;

/**
 * Unwrapped data keys, by id, with the wrap they came from: a re-wrap (KEK rotation) changes the wrap, and the
 * entry is then re-read. Kept in memory only, so a reveal costs one AES-GCM open, not a provider round trip.
 */
const unwrapped = new Map<string, { wrapped: string; key: Buffer }>();
const CACHE_LIMIT = 10_000;

async function unwrapRow(row: { id: string; orgId: string; kekId: string; wrappedKey: string }): Promise<DataKey> {
  const hit = unwrapped.get(row.id);
  if (hit && hit.wrapped === row.wrappedKey) return { id: row.id, key: hit.key };
  const key = await keyProvider().unwrap(
    { kekId: row.kekId, wrapped: row.wrappedKey },
    dataKeyContext(row.orgId, row.id),
  );
  if (unwrapped.size >= CACHE_LIMIT) unwrapped.clear();
  unwrapped.set(row.id, { wrapped: row.wrappedKey, key });
  return { id: row.id, key };
}

/** A data key of the organization by id (a version names the key it was sealed under). */
export async function dataKeyById(db: Db | Tx, orgId: string, id: string): Promise<DataKey> {
  const row = await db.orgDataKey.findFirstOrThrow({ where: { id, orgId } });
  return unwrapRow(row);
}

/** Makes a new data key current for the organization (the previous current one retires, still able to open). */
export async function createDataKey(tx: Tx, orgId: string, now = new Date()): Promise<DataKey> {
  const id = randomUUID();
  const key = randomBytes(32);
  const { kekId, wrapped } = await keyProvider().wrap(key, dataKeyContext(orgId, id));
  await tx.orgDataKey.updateMany({ where: { orgId, retiredAt: null }, data: { retiredAt: now } });
  await tx.orgDataKey.create({ data: { id, orgId, kekId, wrappedKey: wrapped, createdAt: now } });
  unwrapped.set(id, { wrapped, key });
  return { id, key };
}

/**
 * The organization's current data key, made on first use. Its creation takes the organization's row lock, so two
 * first secrets created at once share one key instead of leaving two "current" ones.
 */
export async function currentDataKey(tx: Tx, orgId: string): Promise<DataKey> {
  const find = () => tx.orgDataKey.findFirst({ where: { orgId, retiredAt: null }, orderBy: { createdAt: "desc" } });
  const row = await find();
  if (row) return unwrapRow(row);
  await tx.$executeRaw`SELECT 1 FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
  const again = await find();
  return again ? unwrapRow(again) : createDataKey(tx, orgId);
}

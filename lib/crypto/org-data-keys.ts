import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { keyProvider } from "./key-provider";

export type DataKey = { id: string; key: Buffer };

/** What a wrapped data key is bound to: its organization and its own id (a wrap copied to another row fails). */
export const dataKeyContext = (orgId: string, dataKeyId: string) => `verity/org-data-key/v1|${orgId}|${dataKeyId}`;

/**
 * Unwrapped data keys, by organization and id. A data key never changes once made (a KEK rotation changes only
 * its wrap; a data-key rotation makes a new one), so a cached key stays right for as long as its row exists.
 * Kept in memory only, so a reveal costs one AES-GCM open, not a database and provider round trip.
 */
const unwrapped = new Map<string, Buffer>();
const CACHE_LIMIT = 10_000;
const cacheKey = (orgId: string, id: string) => `${orgId}/${id}`;

async function unwrapRow(row: { id: string; orgId: string; kekId: string; wrappedKey: string }): Promise<DataKey> {
  const context = dataKeyContext(row.orgId, row.id);
  const key = await keyProvider().unwrap({ kekId: row.kekId, wrapped: row.wrappedKey }, context);
  if (unwrapped.size >= CACHE_LIMIT) unwrapped.clear();
  unwrapped.set(cacheKey(row.orgId, row.id), key);
  return { id: row.id, key };
}

/** A data key of the organization by id (a version names the key it was sealed under). */
export async function dataKeyById(db: Db | Tx, orgId: string, id: string): Promise<DataKey> {
  const hit = unwrapped.get(cacheKey(orgId, id));
  if (hit) return { id, key: hit };
  return unwrapRow(await db.orgDataKey.findFirstOrThrow({ where: { id, orgId } }));
}

/** Makes a new data key current for the organization (the previous current one retires, still able to open). */
export async function createDataKey(tx: Tx, orgId: string, now = new Date()): Promise<DataKey> {
  const id = randomUUID();
  const key = randomBytes(32);
  const { kekId, wrapped } = await keyProvider().wrap(key, dataKeyContext(orgId, id));
  await tx.orgDataKey.updateMany({ where: { orgId, retiredAt: null }, data: { retiredAt: now } });
  await tx.orgDataKey.create({ data: { id, orgId, kekId, wrappedKey: wrapped, createdAt: now } });
  unwrapped.set(cacheKey(orgId, id), key);
  return { id, key };
}

/**
 * The organization's current data key, made on first use. Its creation takes the organization's row lock, so two
 * first secrets created at once share one key instead of leaving two "current" ones.
 */
export async function currentDataKey(tx: Tx, orgId: string): Promise<DataKey> {
  const find = () => tx.orgDataKey.findFirst({ where: { orgId, retiredAt: null }, orderBy: { createdAt: "desc" } });
  const row = await find();
  if (row) return dataKeyById(tx, orgId, row.id);
  await tx.$executeRaw`SELECT 1 FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
  const again = await find();
  return again ? dataKeyById(tx, orgId, again.id) : createDataKey(tx, orgId);
}

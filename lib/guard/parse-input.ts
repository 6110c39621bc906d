import "server-only";
import type { z } from "zod";
import { readJsonBody } from "@/lib/http/read-json-body";
import { storableInput } from "@/lib/http/storable-input";

/**
 * The pipeline's parse step. Text PostgreSQL cannot store and JSON too deep to hash are refused
 * (storableInput) before zod or anything else reads them; bodies go through the one reader and its
 * one size limit (lib/http/read-json-body.ts).
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  return schema.parse(storableInput(raw));
}

/** The query string through its schema; undefined when the entry point takes none. */
export function parseQuery<S extends z.ZodType | undefined>(request: Request, schema: S) {
  return (
    schema ? parseInput(schema, Object.fromEntries(new URL(request.url).searchParams)) : undefined
  ) as S extends z.ZodType ? z.infer<S> : undefined;
}

/** The JSON body, as read and checked to be storable (before its schema: an idempotency key hashes it). */
export async function readStorableBody(request: Request, maxBytes?: number): Promise<unknown> {
  return storableInput(await readJsonBody(request, maxBytes));
}

/** The JSON body through its schema; undefined (and unread) when the entry point takes none. */
export async function parseBody<S extends z.ZodType | undefined>(request: Request, schema: S) {
  return (schema ? schema.parse(await readStorableBody(request)) : undefined) as S extends z.ZodType
    ? z.infer<S>
    : undefined;
}

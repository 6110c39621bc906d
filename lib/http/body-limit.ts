/**
 * The one size limit of a JSON request body, for the panel's routes, the public ones (sign-up) and
 * /api/v1 alike: they all take small JSON documents, nothing near this size. Bodies beyond it answer
 * 413 before they are parsed (lib/http/read-json-body.ts); the OpenAPI document states it.
 */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

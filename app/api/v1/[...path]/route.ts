import { unknownEndpoint } from "@/lib/rest/unsupported-methods";

// Every method: an unknown address is unknown however it is asked for (no HTML page, no empty 405).
export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const OPTIONS = unknownEndpoint;

import "server-only";

export { getDb, connectDb, isOwnClient, queryPrepared, queryTextRows, type Db, type Tx } from "./client";
export { Prisma } from "./generated/client";
export { Role } from "./generated/enums";

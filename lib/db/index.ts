import "server-only";

export { getDb, connectDb, queryPrepared, queryTextRows, type Db, type InTransaction, type Tx } from "./client";
export { Prisma } from "./generated/client";
export { Role } from "./generated/enums";

import "server-only";
import type { Principal } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/app-error";
import { isPlatformStaff } from "./grant-staff";

/** Staff screens and actions answer a non-staff person like a page that does not exist. */
export async function requireStaff(db: Db, principal: Principal) {
  if (!(await isPlatformStaff(db, principal.userId))) throw new AppError("not_found", "No such page.");
}

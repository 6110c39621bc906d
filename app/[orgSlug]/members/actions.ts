"use server";

import { z } from "zod";
import { changeMemberRole, ZChangeMemberRole } from "@/lib/members/change-member-role";
import { leaveOrganization, removeMember, ZRemoveMember } from "@/lib/members/remove-member";
import { transferOwnership, ZTransferOwnership } from "@/lib/members/transfer-ownership";
import { orgAction } from "@/lib/guard/org-action";

export const changeMemberRoleAction = orgAction(
  { name: "members.change_role", permission: "members.update", input: ZChangeMemberRole },
  changeMemberRole,
);

export const removeMemberAction = orgAction(
  { name: "members.remove", permission: "members.remove", input: ZRemoveMember },
  removeMember,
);

export const leaveOrganizationAction = orgAction(
  { name: "members.leave", permission: "org.read", input: z.object({}).strict() },
  leaveOrganization,
);

// Granting, removing or handing over the Owner role needs a recent step-up: the services check it
// (lib/members/membership-rules.ts), so every adapter gets the same rule.
export const transferOwnershipAction = orgAction(
  { name: "org.transfer_ownership", permission: "org.transfer_ownership", input: ZTransferOwnership },
  transferOwnership,
);

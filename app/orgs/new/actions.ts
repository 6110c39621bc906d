"use server";

import { userAction } from "@/lib/guard/user-action";
import { createOrgForUser, ZCreateOrg } from "@/lib/orgs/create-org-for-user";

export const createOrganizationAction = userAction(
  { name: "org.create", input: ZCreateOrg },
  ({ principal, input, request }) => createOrgForUser({ principal, input, request }),
);

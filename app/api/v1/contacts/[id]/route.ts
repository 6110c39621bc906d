import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { deleteContact } from "@/lib/messaging/contacts/delete-contact";
import { getContact } from "@/lib/messaging/contacts/list-contacts";
import { updateContact } from "@/lib/messaging/contacts/update-contact";

export const GET = withApiKey(API_OPERATIONS.getContact, ({ ctx, db, params }) => getContact(db, ctx, params));

export const PATCH = withApiKey(API_OPERATIONS.updateContact, ({ ctx, tx, params, body }) =>
  updateContact(tx, ctx, { ...body, id: params.id }),
);

export const DELETE = withApiKey(API_OPERATIONS.deleteContact, ({ ctx, tx, params }) => deleteContact(tx, ctx, params));

// Methods this route does not serve: 405 problem+json with Allow.
export const { POST, PUT } = refuseOtherMethods("GET", "PATCH", "DELETE");

import { withApiKey } from "@/lib/guard/with-api-key";
import { API_OPERATIONS } from "@/lib/rest/operations";
import { refuseOtherMethods } from "@/lib/rest/unsupported-methods";
import { createContact } from "@/lib/messaging/contacts/create-contact";
import { listContacts } from "@/lib/messaging/contacts/list-contacts";

export const GET = withApiKey(API_OPERATIONS.listContacts, ({ ctx, db, query }) => listContacts(db, ctx, query));

export const POST = withApiKey(API_OPERATIONS.createContact, ({ ctx, tx, body }) => createContact(tx, ctx, body));

// Methods this route does not serve: 405 problem+json with Allow.
export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");

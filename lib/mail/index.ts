import "server-only";

export { enqueueMail, ZMailMessage, type TMailMessage } from "./enqueue-mail";
export { deliverPendingMail, DELIVERED_BODY, MAX_DELIVERY_ATTEMPTS, type DeliveryReport } from "./deliver-pending-mail";
export { deliverMailAfterCommit } from "./deliver-after-commit";
export { smtpConfigured, smtpSender, describeSendError, DEFAULT_MAIL_FROM, type MailSender, type OutgoingMail } from "./mail-transport";
export { localOutboxEnabled, listOutboxMessages, type OutboxMessage } from "./list-outbox";

import "server-only";

export { enqueueMail, ZMailMessage, type TMailMessage } from "./enqueue-mail";
export { legacyMailBodyPurpose, MAIL_BODY_MAX_AGE_MS, openMailBody, sealMailBody } from "./mail-body";
export { deliverPendingMail, MAX_DELIVERY_ATTEMPTS, type DeliveryReport } from "./deliver-pending-mail";
export { deliverMailAfterCommit } from "./deliver-after-commit";
export { eraseExpiredMailBodies } from "./erase-expired-mail-bodies";
export {
  smtpConfigured,
  smtpSender,
  describeSendError,
  DEFAULT_MAIL_FROM,
  type MailSender,
  type OutgoingMail,
} from "./mail-transport";
export { localOutboxEnabled, listOutboxMessages, type MissingBody, type OutboxMessage } from "./list-outbox";

import type { TAuditEntryView } from "@/lib/audit/audit-entry-view";
import { severityOf } from "./entry-severity";

/**
 * Entries as ArcSight CEF lines:
 * `CEF:0|Verity|Verity|1.0|<action>|<name>|<severity>|<extension>`. One entry is one line whatever
 * its values hold: a newline in a display name must not forge a second event in the SIEM.
 */

/** Header fields: backslash and pipe are escaped; line breaks become spaces (the spec allows none). */
export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (char) => `\\${char}`).replace(/\r\n|\r|\n/g, " ");
}

/** Extension values: backslash and equals sign are escaped, line breaks written as \n or \r. */
export function escapeCefExtension(value: string): string {
  return value
    .replace(/[\\=]/g, (char) => `\\${char}`)
    .replace(/\r\n|\n/g, "\\n")
    .replace(/\r/g, "\\r");
}

const isIpv4 = (ip: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);

type Field = readonly [key: string, value: string | null | undefined];
/** A custom field and the label that names it (cs1Label=actorType cs1=user), or nothing when empty. */
const labelled = (key: string, label: string, value: string | null | undefined): Field[] =>
  value === null || value === undefined
    ? []
    : [
        [`${key}Label`, label],
        [key, value],
      ];

export function cefLineOf(entry: TAuditEntryView): string {
  const ip = entry.ip;
  const extension: Field[] = [
    ["rt", String(Date.parse(entry.occurredAt))],
    ["externalId", entry.id],
    ["cat", entry.category],
    ["act", entry.action],
    ["outcome", entry.outcome],
    ["suser", entry.actor.display],
    ["suid", entry.actor.id],
    ...labelled("cs1", "actorType", entry.actor.type),
    ["duser", entry.target?.display],
    ["duid", entry.target?.id],
    ...labelled("cs2", "targetType", entry.target?.type),
    // src holds IPv4 only; an IPv6 source goes to the custom IPv6 address field.
    ["src", ip && isIpv4(ip) ? ip : null],
    ...labelled("c6a2", "Source IPv6 Address", ip && !isIpv4(ip) ? ip : null),
    ...labelled("cs3", "country", entry.geo?.country),
    ["requestClientApplication", entry.userAgent],
    ...labelled("cs4", "requestId", entry.requestId),
    ...labelled("cs5", "metadata", JSON.stringify(entry.metadata)),
    ...labelled("cn1", "seq", entry.seq),
    ...labelled("cs6", "hash", entry.hash),
  ];
  const fields = extension.flatMap(([key, value]) =>
    value === null || value === undefined ? [] : [`${key}=${escapeCefExtension(value)}`],
  );
  const name = entry.outcome === "success" ? entry.action : `${entry.action} (${entry.outcome})`;
  const header = ["CEF:0", "Verity", "Verity", "1.0", entry.action, name, String(severityOf(entry).cef)].map(
    (field, index) => (index === 0 ? field : escapeCefHeader(field)),
  );
  return `${header.join("|")}|${fields.join(" ")}`;
}

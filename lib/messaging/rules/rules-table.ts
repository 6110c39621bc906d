import type { MessagingRule } from "./types";

/**
 * Bumped whenever a row changes, so a decision on the record names the table it was made under.
 * Format: date of the change and a counter.
 */
export const RULES_VERSION = "2026-12-07.1";

/**
 * The messaging rules as data: one row per rule, the statute cited on each. Rows combine (every applicable row
 * must hold in every candidate zone of the recipient, so the strictest wins). Windows are recipient local
 * wall-clock time, start inclusive and end exclusive. State telemarketing rules apply to marketing messages;
 * the federal window applies to every message (see its note). Not legal advice: the lead and counsel review
 * this table; rows marked "Verity's reading" are interpretations.
 */
export const RULES: readonly MessagingRule[] = [
  {
    id: "us-tcpa-hours",
    jurisdiction: "US",
    appliesTo: ["marketing", "informational"],
    window: { start: "08:00", end: "21:00" },
    statute: "47 U.S.C. § 227(c); 47 CFR 64.1200(c)(1)",
    note:
      "The federal floor restricts telephone solicitations (texts included) to 8:00 a.m.–9:00 p.m. at the called " +
      "party's location. Verity's reading: it also holds informational messages to this window (house policy, " +
      "stricter than the rule, which only covers solicitations).",
  },
  {
    id: "fl-telemarketing",
    jurisdiction: "FL",
    appliesTo: ["marketing"],
    window: { start: "08:00", end: "20:00" },
    maxPer24h: 3,
    capScope: "same_subject",
    statute: "Fla. Stat. § 501.616(6)(a)–(b) (Florida Telemarketing Act, as amended by ch. 2021-174, SB 1120)",
    note:
      "No commercial telephone solicitation before 8 a.m. or after 8 p.m. in the called person's time zone, and no " +
      "more than 3 from any number to a person in 24 hours on the same subject matter or issue. Texts are " +
      "telephonic sales calls under the Florida Telephone Solicitation Act, § 501.059(1). Verity's reading: " +
      "the cap counts every number of the org, not only one sending number (stricter).",
  },
  {
    id: "ok-telephone-solicitation",
    jurisdiction: "OK",
    appliesTo: ["marketing"],
    window: { start: "08:00", end: "20:00" },
    maxPer24h: 3,
    capScope: "same_subject",
    statute: "Okla. Stat. tit. 15, § 775C.4 (Telephone Solicitation Act of 2022)",
    note:
      "8 a.m.–8 p.m. at the called person's location; no more than 3 commercial telephonic sales calls in 24 hours " +
      "on the same subject.",
  },
  {
    id: "md-stop-the-spam-calls",
    jurisdiction: "MD",
    appliesTo: ["marketing"],
    window: { start: "08:00", end: "20:00" },
    maxPer24h: 3,
    capScope: "same_subject",
    statute: "Md. Code Ann., Com. Law § 14-4503 (Stop the Spam Calls Act of 2023)",
    note: "8 a.m.–8 p.m. at the called person's location; no more than 3 telephone solicitations in 24 hours on the same subject.",
  },
  {
    id: "ct-telemarketing",
    jurisdiction: "CT",
    appliesTo: ["marketing"],
    window: { start: "09:00", end: "20:00" },
    statute: "Conn. Gen. Stat. § 42-288a (as amended in 2023)",
    note: "No telephonic sales call (texts included) before 9 a.m. or after 8 p.m. local time of the consumer.",
  },
  {
    id: "al-psc-solicitation",
    jurisdiction: "AL",
    appliesTo: ["marketing"],
    window: { start: "08:00", end: "20:00" },
    noSundays: true,
    noHolidays: [
      "new_years_day",
      "martin_luther_king_day",
      "washingtons_birthday",
      "mardi_gras",
      "confederate_memorial_day",
      "memorial_day",
      "jefferson_davis_birthday",
      "juneteenth",
      "independence_day",
      "labor_day",
      "columbus_day",
      "veterans_day",
      "thanksgiving",
      "christmas_day",
    ],
    statute: "Ala. Admin. Code r. 770-X-5-.17(1)(b); holidays per Ala. Code § 1-3-8",
    note:
      "The Public Service Commission rule bars solicitation calls on Sundays and holidays and outside 8 a.m.–8 p.m. " +
      "Verity's reading: the rule is written for automated solicitation calls; we apply it to marketing texts, and " +
      "to every state holiday of § 1-3-8 including Mardi Gras (a holiday only in Baldwin and Mobile counties) and " +
      "each holiday's observed weekday.",
  },
  {
    id: "la-psc-solicitation",
    jurisdiction: "LA",
    appliesTo: ["marketing"],
    window: { start: "08:00", end: "20:00" },
    noSundays: true,
    noHolidays: [
      "new_years_day",
      "battle_of_new_orleans",
      "robert_e_lee_day",
      "martin_luther_king_day",
      "washingtons_birthday",
      "mardi_gras",
      "good_friday",
      "memorial_day",
      "independence_day",
      "labor_day",
      "columbus_day",
      "veterans_day",
      "thanksgiving",
      "day_after_thanksgiving",
      "christmas_day",
    ],
    statute: "La. Pub. Serv. Comm'n Gen. Order R-29617 § V(A)(2); La. R.S. 45:811; holidays per La. R.S. 1:55",
    note:
      "No telephonic solicitation on Sundays or legal holidays, nor between 8 p.m. and 8 a.m. Verity's reading: " +
      "we ban the Commission's do-not-call holidays and the statutory holidays of La. R.S. 1:55 alike (stricter). " +
      "Days the governor proclaims and declared emergencies are not in this table.",
  },
  {
    id: "ms-telephone-solicitation",
    jurisdiction: "MS",
    appliesTo: ["marketing"],
    window: { start: "08:00", end: "20:00" },
    noSundays: true,
    statute: "Miss. Code Ann. § 77-3-723(1)",
    note:
      'Telephone solicitations only between 8 a.m. and 8 p.m. and never on a Sunday. The statute says "Central ' +
      "Standard Time\"; Verity's reading applies the recipient's local time. The holiday ban was repealed with " +
      "39 Miss. Admin. Code Pt. I, R. 1:28 (2023), so Mississippi has no holiday row.",
  },
];

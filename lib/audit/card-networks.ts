/**
 * The major card networks' issuer identification number (IIN) ranges and the Luhn check: shared by the audit
 * redactor (card numbers pasted into metadata) and the call-recording PCI patterns (card numbers said aloud).
 * Pure, no I/O.
 */
export type CardNetwork = "visa" | "mastercard" | "amex" | "discover" | "diners" | "jcb" | "unionpay" | "maestro";

type NetworkRanges = {
  network: CardNetwork;
  prefixes: ReadonlyArray<readonly [number, number]>;
  lengths: readonly [number, number];
};

/**
 * Inclusive prefix ranges, compared on as many leading digits as the bound has, with each network's PAN lengths.
 * Order matters only for naming: the first network whose range and length fit names the number.
 * Maestro is the widest (50, 56–69, 12–19 digits), so it comes last and catches 6-series numbers the others do not.
 */
export const CARD_NETWORKS: ReadonlyArray<NetworkRanges> = [
  { network: "visa", prefixes: [[4, 4]], lengths: [13, 19] },
  {
    network: "mastercard",
    prefixes: [
      [51, 55],
      [2221, 2720],
    ],
    lengths: [16, 16],
  },
  {
    network: "amex",
    prefixes: [
      [34, 34],
      [37, 37],
    ],
    lengths: [15, 15],
  },
  {
    network: "discover",
    prefixes: [
      [6011, 6011],
      [644, 649],
      [65, 65],
      [622126, 622925],
    ],
    lengths: [16, 19],
  },
  {
    network: "diners",
    prefixes: [
      [300, 305],
      [36, 36],
      [38, 39],
    ],
    lengths: [14, 19],
  },
  { network: "jcb", prefixes: [[3528, 3589]], lengths: [16, 19] },
  { network: "unionpay", prefixes: [[62, 62]], lengths: [16, 19] },
  {
    network: "maestro",
    prefixes: [
      [50, 50],
      [56, 69],
    ],
    lengths: [12, 19],
  },
];

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

const prefixInRange = (digits: string, [low, high]: readonly [number, number]): boolean => {
  const prefix = Number(digits.slice(0, String(low).length));
  return prefix >= low && prefix <= high;
};

/** True when the digits start with any major network's IIN range (length not checked). */
export function hasCardNetworkPrefix(digits: string): boolean {
  return CARD_NETWORKS.some(({ prefixes }) => prefixes.some((range) => prefixInRange(digits, range)));
}

/** The network whose IIN range and PAN length fit the digits (Luhn not checked), or null. */
export function cardNetworkOf(digits: string): CardNetwork | null {
  const found = CARD_NETWORKS.find(
    ({ prefixes, lengths: [min, max] }) =>
      digits.length >= min && digits.length <= max && prefixes.some((range) => prefixInRange(digits, range)),
  );
  return found?.network ?? null;
}

/** A complete card number of a major network: right length for its IIN range, and Luhn-valid. */
export function isNetworkCardNumber(digits: string): boolean {
  return /^\d+$/.test(digits) && cardNetworkOf(digits) !== null && passesLuhn(digits);
}

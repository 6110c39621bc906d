import type { CorpusItem } from "./types";

/** Expiry dates and security codes in context, mostly after a card number. */
export const COMPANION_ITEMS: CorpusItem[] = [
  {
    id: "full-payment-words",
    description: "Card, expiry (oh four twenty-seven) and CVV in words",
    category: "companion",
    network: "visa",
    turns: [
      ["agent", "Card number please"],
      ["caller", "<card> four one one one, one one one one, one one one one, one one one one </card>"],
      ["agent", "And the expiry?"],
      ["caller", "<expiry> oh four twenty-seven </expiry>"],
      ["agent", "And the three digits on the back?"],
      ["caller", "<cvv> seven three seven </cvv>"],
    ],
  },
  {
    id: "full-payment-digits",
    description: "Card, expiry as 12/29 and CVV in digits",
    category: "companion",
    network: "mastercard",
    turns: [
      [
        "caller",
        "card is <card> 5555 5555 5555 4444 </card> expires <expiry> 12/29 </expiry> and the CVV is <cvv> 123 </cvv>",
      ],
    ],
  },
  {
    id: "expiry-month-name",
    description: "Expiry as April 2027 after an expiry question",
    category: "companion",
    turns: [
      ["agent", "What's the expiration date on the card?"],
      ["caller", "it's <expiry> April 2027 </expiry>"],
    ],
  },
  {
    id: "expiry-month-words",
    description: "Expiry as December twenty twenty-eight",
    category: "companion",
    turns: [["caller", "the card expires <expiry> December twenty twenty-eight </expiry>"]],
  },
  {
    id: "expiry-valid-thru",
    description: "Expiry read off the card: valid thru eleven twenty-six",
    category: "companion",
    turns: [["caller", "valid thru <expiry> eleven twenty-six </expiry>"]],
  },
  {
    id: "expiry-digits-after-card",
    description: "Expiry said right after the card number without an expiry word",
    category: "companion",
    network: "discover",
    turns: [
      ["caller", "<card> 6011 1111 1111 1117 </card>"],
      ["caller", "<expiry> oh nine twenty-eight </expiry>"],
    ],
  },
  {
    id: "cvv-before-context",
    description: "CVV said before its name: 737 is the security code",
    category: "companion",
    turns: [["caller", "<cvv> 737 </cvv> is the security code"]],
  },
  {
    id: "amex-cid",
    description: "Amex four-digit code on the front",
    category: "companion",
    network: "amex",
    turns: [
      ["caller", "my Amex is <card> 3714 496353 98431 </card>"],
      ["agent", "And the four digit code on the front?"],
      ["caller", "<cvv> one two three four </cvv>"],
    ],
  },
  {
    id: "cvv-security-code-words",
    description: "Security code in grouped words, expiry as one two two nine",
    category: "companion",
    turns: [
      ["agent", "Expiry date?"],
      ["caller", "<expiry> one two two nine </expiry>"],
      ["agent", "Security code?"],
      ["caller", "um <cvv> nine eighty-one </cvv>"],
    ],
  },
];

import type { CorpusItem } from "./types";

/** Numbers that are not card data and must be left alone; and calls mixing both. */
export const NEGATIVE_ITEMS: CorpusItem[] = [
  {
    id: "neg-order-number",
    description: "A 12-digit order number read as digits",
    category: "negative",
    turns: [["caller", "my order number is seven two nine four four one oh three eight eight six one"]],
  },
  {
    id: "neg-order-luhn-fail",
    description: "A 16-digit order number that looks like a Visa but fails Luhn",
    category: "negative",
    turns: [["caller", "the order reference is 4111 1111 1111 1112"]],
  },
  {
    id: "neg-luhn-no-network",
    description: "A Luhn-valid 16-digit number outside every network's range",
    category: "negative",
    turns: [["caller", "my membership is 1234 5678 1234 5670"]],
  },
  {
    id: "neg-luhn-seven",
    description: "A Luhn-valid 16-digit number starting with 7",
    category: "negative",
    turns: [["caller", "it's seven thousand, oh oh oh oh, oh oh oh oh, oh oh oh five"]],
  },
  {
    id: "neg-phone-us",
    description: "A US phone number",
    category: "negative",
    turns: [["caller", "call me back at four one five, five five five, oh one three two"]],
  },
  {
    id: "neg-phone-tollfree",
    description: "A toll-free number written out",
    category: "negative",
    turns: [["agent", "you can reach us on 1 800 555 0199 any time"]],
  },
  {
    id: "neg-phone-uk",
    description: "A UK phone number with plus four four",
    category: "negative",
    turns: [["caller", "my number is plus four four, twenty, seven nine four six, oh nine five eight"]],
  },
  {
    id: "neg-two-phones",
    description: "Two phone numbers one after the other",
    category: "negative",
    turns: [["caller", "home is 212 555 0147 and mobile 646 555 0199"]],
  },
  {
    id: "neg-amount",
    description: "Amounts in words and digits",
    category: "negative",
    turns: [["agent", "that comes to four thousand one hundred and eleven dollars, or $41.11 a month"]],
  },
  {
    id: "neg-date-no-context",
    description: "Dates not near any card context",
    category: "negative",
    turns: [["caller", "the meeting is April 2027 and the next one on 12/29"]],
  },
  {
    id: "neg-room-extension",
    description: "Short numbers: a room and an extension",
    category: "negative",
    turns: [["agent", "I'm in room 123, extension 4567"]],
  },
  {
    id: "neg-ssn-like",
    description: "A social security number is not a CVV",
    category: "negative",
    turns: [["caller", "my social security number is 123 45 6789"]],
  },
  {
    id: "neg-last-four-phone",
    description: "The last four digits of a phone are not a security code",
    category: "negative",
    turns: [["caller", "the last four digits of my phone are 0132"]],
  },
  {
    id: "neg-tracking",
    description: "An alphanumeric tracking number",
    category: "negative",
    turns: [["agent", "your tracking number is 1Z999AA10123456784"]],
  },
  {
    id: "mixed-card-and-order",
    description: "A card next to an order number: only the card",
    category: "mixed",
    network: "visa",
    turns: [
      ["caller", "order number 7294 4103 8861"],
      ["caller", "and the card is <card> 4111 1111 1111 1111 </card>"],
    ],
  },
  {
    id: "mixed-card-and-phone",
    description: "A card and a callback phone number",
    category: "mixed",
    network: "jcb",
    turns: [
      ["caller", "card <card> 3566 0020 2036 0505 </card>"],
      ["agent", "And a phone number in case we get cut off?"],
      ["caller", "four one five, five five five, oh one three two"],
    ],
  },
];

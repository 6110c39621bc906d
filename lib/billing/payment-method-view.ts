/** The card on file as the billing screen and API show it: brand, last four digits, expiry; never more. */
export function paymentMethodView(method: {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  createdAt: Date;
}) {
  return {
    brand: method.brand,
    last4: method.last4,
    expMonth: method.expMonth,
    expYear: method.expYear,
    addedAt: method.createdAt.toISOString(),
  };
}

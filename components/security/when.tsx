/** UTC to the minute, as the rest of the panel shows times. */
const utc = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** "just now", "5 min ago", "3 h ago", or the UTC date: relative to the server's `now`, so it renders the same on both sides. */
export function When({ date, now }: { date: Date; now: Date }) {
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  const text =
    minutes < 1
      ? "just now"
      : minutes < 60
        ? `${minutes} min ago`
        : minutes < 24 * 60
          ? `${Math.floor(minutes / 60)} h ago`
          : utc(date);
  return (
    <time dateTime={date.toISOString()} title={utc(date)}>
      {text}
    </time>
  );
}

import Link from "next/link";

type Props = {
  /** "unusable": a used, expired or made-up emailed link (an alert); "done": the link did its work (a status). */
  outcome: "unusable" | "done";
  title: string;
  children: React.ReactNode;
  href: string;
  linkLabel: string;
};

const LINK_STYLES = {
  unusable: "block text-center text-sm font-medium text-brand-600 hover:underline",
  done: "block rounded-md bg-brand-600 px-3 py-2 text-center text-sm font-medium text-white hover:bg-brand-700",
} as const;

/** What an emailed link's page shows at the end: what happened, and where to go next. */
export function LinkOutcome({ outcome, title, children, href, linkLabel }: Props) {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p role={outcome === "unusable" ? "alert" : "status"} className="text-sm text-slate-700">
        {children}
      </p>
      <Link href={href} className={LINK_STYLES[outcome]}>
        {linkLabel}
      </Link>
    </div>
  );
}

/** A used, expired or made-up link: why, and the way to a fresh one. */
export function UnusableLink({ message, href, linkLabel }: { message: string; href: string; linkLabel: string }) {
  return (
    <LinkOutcome outcome="unusable" title="This link cannot be used" href={href} linkLabel={linkLabel}>
      {message}
    </LinkOutcome>
  );
}

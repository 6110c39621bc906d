import { notFound } from "next/navigation";

/**
 * Any unknown address inside an organization: answered by the organization's own 404 (not-found.tsx
 * beside the layout), so a signed-in member keeps the header and navigation. The layout has already
 * checked membership, so a non-member still gets the plain 404 and learns nothing.
 */
export default function UnknownOrgPage(): never {
  notFound();
}

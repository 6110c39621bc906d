import { NotFoundMessage } from "@/components/layout/not-found-message";

/** A 404 inside an organization renders within its layout: the header and navigation stay. */
export default function OrgNotFound() {
  return <NotFoundMessage />;
}

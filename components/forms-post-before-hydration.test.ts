import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A form submitted before React has hydrated the page is sent by the browser itself. Without a
 * method that is a GET, and every field, passwords included, lands in the address bar, the history
 * and every proxy's access log (`/invitations/<token>?name=…&password=…`). So every form the panel
 * handles in script also says method="post": a click before hydration posts to the page and shows
 * nothing anywhere. The audit search forms hold no secret and are left as they are.
 */
// Searches and filters whose terms belong in the address (a link to the same view): GET on purpose.
const SEARCH_FORMS = new Set([
  "components/audit/audit-search-box.tsx",
  "components/audit/audit-facets.tsx",
  "components/messaging/contacts-panel.tsx",
  "components/messaging/dnc-panel.tsx",
  "app/[orgSlug]/messaging/decisions/page.tsx",
]);
const root = join(import.meta.dirname, "..");

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith(".tsx") ? [path] : [];
  });
}

/** Each `<form …>` opening tag of a file (attributes may span lines; `>` inside braces is skipped). */
function formTags(source: string): string[] {
  const tags: string[] = [];
  for (let start = source.indexOf("<form"); start !== -1; start = source.indexOf("<form", start + 1)) {
    if (/[\w-]/.test(source[start + 5] ?? "")) continue;
    let depth = 0;
    let end = start;
    for (; end < source.length; end++) {
      const char = source[end];
      if (char === "{") depth++;
      else if (char === "}") depth--;
      else if (char === ">" && depth === 0) break;
    }
    tags.push(source.slice(start, end + 1));
  }
  return tags;
}

describe("forms before hydration", () => {
  const files = [...tsxFiles(join(root, "components")), ...tsxFiles(join(root, "app"))];

  it("finds the forms it guards (sign-up, sign-in, invitation, password reset)", () => {
    const withForms = files
      .filter((file) => formTags(readFileSync(file, "utf8")).length > 0)
      .map((file) => relative(root, file));
    expect(withForms).toEqual(
      expect.arrayContaining([
        "components/auth/sign-up-form.tsx",
        "components/auth/sign-in-form.tsx",
        "app/invitations/[token]/new-account-form.tsx",
        "components/account/password-reset-form.tsx",
      ]),
    );
  });

  it("posts every form that a script submits, so no field ever reaches a URL", () => {
    const getForms = files.flatMap((file) => {
      const name = relative(root, file);
      if (SEARCH_FORMS.has(name)) return [];
      return formTags(readFileSync(file, "utf8"))
        .filter((tag) => !/\bmethod="post"/.test(tag) && !/\baction=\{/.test(tag))
        .map((tag) => `${name}: ${tag.replace(/\s+/g, " ").slice(0, 80)}`);
    });
    expect(getForms).toEqual([]);
  });
});

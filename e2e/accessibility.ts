import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No serious or critical axe violation (WCAG 2.1 A/AA and best practices) on the page as it stands. */
export async function expectNoGraveViolations(page: Page, { soft = false, name = "" } = {}) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  // Soft: a journey that walks many screens reports every screen's violations, not only the first one's.
  (soft ? expect.soft : expect)(
    grave.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
}

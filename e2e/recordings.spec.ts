import { expect, test } from "@playwright/test";
import { demoCall } from "../lib/demo/demo-call-audio";
import { expectNoGraveViolations } from "./accessibility";
import { enrolTwoFactor, newPerson, signUp } from "./journeys";

// A call made of tones (one burst per word) with a transcript in which the caller reads out a test Visa number.
const CALL = demoCall([
  [{ speaker: "agent", text: "thanks for calling how can I help" }],
  [{ speaker: "caller", text: "my card number is four one one one one one one one one one one one one one one one" }],
  [{ speaker: "agent", text: "thank you" }],
]);

test("a member uploads a call with a spoken card, sees it redacted, plays it on a URL that is on the record", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const owner = newPerson("Calls");
  await signUp(page, owner);
  await expect(page).toHaveURL(/\/account\/two-factor\?required=1/);
  await enrolTwoFactor(page);
  await expect(page.getByRole("heading", { level: 1, name: owner.organization })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[1];

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Recordings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recordings" })).toBeVisible();
  await expect(page.getByTestId("recordings-empty")).toContainText("No recordings yet");
  await expectNoGraveViolations(page);
  await page.getByTestId("recordings-empty").getByRole("link", { name: "Upload a recording" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upload a recording" })).toBeVisible();
  const form = page.getByRole("form", { name: "Upload a recording" });
  const transcript = {
    name: "call.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(CALL.transcript)),
  };

  // Nothing chosen: each missing field is named; then an MP3 is refused with the 415 message.
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByText("Choose the call's audio file.")).toBeVisible();
  await expect(form.getByText("Name the source of the call.")).toBeVisible();
  await expectNoGraveViolations(page);
  const mp3 = Buffer.concat([Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00", "binary"), Buffer.alloc(4000, 0xff)]);
  await form.getByLabel("Audio").setInputFiles({ name: "call.mp3", mimeType: "audio/mpeg", buffer: mp3 });
  await form.getByLabel("Transcript").setInputFiles(transcript);
  await form.getByLabel("Source").fill("support-line");
  await form.getByLabel("Title (optional)").fill("Card update");
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByRole("alert").first()).toContainText("That audio format is not supported");
  await page.screenshot({ path: "test-results/recordings-415.png", fullPage: true });

  // The WAV: upload, then the detail page turns "Redacted" by itself once validation has passed.
  await form.getByLabel("Audio").setInputFiles({ name: "call.wav", mimeType: "audio/wav", buffer: CALL.wav });
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/recordings/[0-9a-f-]{36}$`));
  const recordingId = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1, name: "Card update" })).toBeVisible();
  await expect(page.getByTestId("recording-status").first()).toHaveText("Redacted", { timeout: 60_000 });
  const shown = page.getByTestId("recording-transcript");
  await expect(shown).toContainText("my card number is [redacted]");
  await expect(shown).not.toContainText("four one one one");
  await expect(page.getByTestId("validation-report")).toHaveAttribute("data-passed", "true");
  await expect(page.getByTestId("validation-report")).toContainText("Audio SHA-256");
  await expectNoGraveViolations(page);

  // Play issues a time-limited URL (said next to the button) and the redacted audio loads from it.
  await expect(page.getByText("Each URL issued is on the record")).toBeVisible();
  await page.getByRole("button", { name: "Play" }).click();
  const audio = page.getByTestId("recording-audio");
  await expect(audio).toBeVisible();
  await expect
    .poll(() => audio.evaluate((element: HTMLAudioElement) => (element.error ? -1 : element.readyState)), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  expect(await audio.evaluate((element: HTMLAudioElement) => Math.round(element.duration))).toBeGreaterThan(5);
  await expect(page.getByTestId("url-expiry")).toContainText("This URL expires at");
  await page.screenshot({ path: "test-results/recordings-detail.png", fullPage: true });

  // The list shows it, filterable; the owner's tools are there.
  await page.getByRole("link", { name: "Recordings", exact: true }).first().click();
  const row = page.getByTestId("recording-row").filter({ hasText: "Card update" });
  await expect(row.getByTestId("recording-status")).toHaveText("Redacted");
  await expect(row).toContainText("support-line");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("recordings-none-match")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(row).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete all from source…" })).toBeVisible();
  await expectNoGraveViolations(page);
  await page.screenshot({ path: "test-results/recordings-list.png", fullPage: true });
  // From the keyboard: a focused row opens on Enter.
  await row.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/recordings/${recordingId}$`));

  // The access is on the record.
  await page.goto(`/${slug}/audit?q=${encodeURIComponent("action:recording.accessed")}`);
  await expect(page.getByTestId("audit-row").first()).toContainText("recording.accessed");
  await page.screenshot({ path: "test-results/recordings-audit.png", fullPage: true });

  // An admin's way out of a recording: Destroy asks first; then it is gone, objects and all, and on the record.
  await page.goto(`/${slug}/recordings/${recordingId}`);
  await page.getByRole("button", { name: "Destroy recording" }).click();
  const dialog = page.getByRole("dialog", { name: "Destroy this recording?" });
  await expect(dialog).toContainText("This cannot be undone");
  await expectNoGraveViolations(page);
  await dialog.getByRole("button", { name: "Destroy recording" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/recordings$`));
  await expect(page.getByTestId("recordings-empty")).toBeVisible();
  await page.goto(`/${slug}/audit?q=${encodeURIComponent("action:recording.destroyed")}`);
  await expect(page.getByTestId("audit-row").first()).toContainText("recording.destroyed");
});

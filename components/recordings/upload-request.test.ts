import { describe, expect, it } from "vitest";
import { uploadOutcome } from "./upload-request";

const problem = (status: number, detail: string, extra: object = {}) =>
  JSON.stringify({ type: "about:blank", title: "x", status, detail, ...extra });

describe("the upload form's reading of the server's answer", () => {
  it("opens the new recording on success", () => {
    expect(uploadOutcome(201, JSON.stringify({ id: "7c0b3b1e-0000-4000-8000-000000000001" }))).toEqual({
      ok: true,
      id: "7c0b3b1e-0000-4000-8000-000000000001",
    });
  });

  it("says what to do about 415, 413 and 400, with the server's detail and field errors", () => {
    const unsupported = uploadOutcome(415, problem(415, "The audio is MP3 (audio/mpeg)."));
    expect(unsupported).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^That audio format is not supported/),
    });
    expect(unsupported.ok ? "" : unsupported.message).toContain("MP3");
    expect(uploadOutcome(413, problem(413, "Audio is limited to 200 MB."))).toMatchObject({
      message: "The file is too large. Audio is limited to 200 MB.",
    });
    expect(
      uploadOutcome(
        400,
        problem(400, "The transcript has invalid fields.", { errors: { "words.0.startMs": ["Required"] } }),
      ),
    ).toEqual({
      ok: false,
      message: "The upload was refused. The transcript has invalid fields.",
      fields: { "words.0.startMs": ["Required"] },
    });
  });

  it("never shows a raw body it cannot read", () => {
    expect(uploadOutcome(502, "<html>Bad gateway</html>")).toEqual({
      ok: false,
      message: "The upload failed. Try again in a moment.",
      fields: undefined,
    });
  });
});

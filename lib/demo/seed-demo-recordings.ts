import "server-only";
import { getDb } from "@/lib/db/client";
import { redactRecording } from "@/lib/recordings/pipeline/redact-recording";
import type { RecordingDeps } from "@/lib/recordings/recording-deps";
import { uploadRecording } from "@/lib/recordings/upload-recording";
import type { RoleName } from "@/lib/rbac/permissions";
import { demoCall, type DemoLine } from "./demo-call-audio";
import { demoContext } from "./demo-context";

type Person = { id: string; email: string; name: string; role: RoleName };

const agent = (text: string): DemoLine => ({ speaker: "agent", text });
const caller = (text: string): DemoLine => ({ speaker: "caller", text });

/**
 * Two short support calls in which the caller reads out a test card number (Visa 4111 1111 1111 1111 in digits
 * said one by one; Mastercard 5555 5555 5555 4444 in groups, with its expiry and security code). Public test
 * numbers: no real card is in the source.
 */
const CALLS: { title: string; source: string; lines: DemoLine[][] }[] = [
  {
    title: "Billing question: card on file",
    source: "support-line",
    lines: [
      [agent("thanks for calling acme billing how can I help")],
      [
        caller(
          "I want to update my card the number is four one one one one one one one one one one one one one one one",
        ),
      ],
      [agent("thank you that is updated is there anything else")],
      [caller("no that is all thanks")],
    ],
  },
  {
    title: "Renewal: new card",
    source: "renewals-campaign",
    lines: [
      [agent("hello this is acme renewals your plan renews next week")],
      [
        caller(
          "please use my new card fifty five fifty five fifty five fifty five fifty five fifty five forty four forty four",
        ),
      ],
      [agent("and the expiry date and security code")],
      [caller("expiry oh four twenty eight security code seven three one")],
      [agent("thank you you are all set")],
    ],
  },
];

/**
 * The demo's recordings: each call uploaded by the admin through the upload service (multipart, as the panel and
 * the API send it) and redacted at once through the real pipeline, so the screen shows them "Redacted" with their
 * validation report. Returns what was seeded and how many audit entries it wrote.
 */
export async function seedDemoRecordings(orgId: string, people: Person[], deps: RecordingDeps = {}) {
  const admin = people.find((person) => person.role === "ADMIN")!;
  const ctx = demoContext(orgId, admin);
  const db = getDb();
  const before = await db.auditEntry.count({ where: { orgId } });
  const recordings = [];
  for (const call of CALLS) {
    const { wav, transcript } = demoCall(call.lines);
    const form = new FormData();
    form.set("source", call.source);
    form.set("title", call.title);
    form.set("audio", new Blob([new Uint8Array(wav)], { type: "audio/wav" }), "call.wav");
    form.set("transcript", new Blob([JSON.stringify(transcript)], { type: "application/json" }), "call.json");
    const request = new Request("http://seed.invalid/recordings", { method: "POST", body: form });
    const uploaded = await uploadRecording(
      db,
      ctx,
      {
        contentType: request.headers.get("content-type"),
        body: request.body,
      },
      deps,
    );
    const outcome = await redactRecording(db, { orgId, recordingId: uploaded.id }, deps);
    recordings.push({ id: uploaded.id, title: call.title, source: call.source, status: outcome.status });
  }
  const entries = (await db.auditEntry.count({ where: { orgId } })) - before;
  return { recordings, entries };
}

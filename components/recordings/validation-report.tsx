import { utc } from "@/components/api-keys/format";
import type { TValidationView } from "@/lib/recordings/views/recording-view-schemas";
import { position } from "./recording-format";

const spans = (count: number) => `${count} span${count === 1 ? "" : "s"}`;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-1.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800">{children}</dd>
    </div>
  );
}

/**
 * The validation on record: what each layer found, what was silenced (and how quiet it is now), the hashes of the
 * redacted audio and transcript, the detector versions, and the verdict. Times only: never the words.
 */
export function ValidationReport({ validation, count }: { validation: TValidationView; count: number }) {
  const { residual } = validation;
  return (
    <div className="space-y-3" data-testid="validation-report" data-passed={validation.passed}>
      <p
        className={`inline-block rounded px-2 py-1 text-sm font-medium ${
          validation.passed ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"
        }`}
      >
        {validation.passed ? "Passed" : "Failed"}: validated{" "}
        <time dateTime={validation.createdAt}>{utc(validation.createdAt)}</time>
        {count > 1 ? ` (validation ${count} of this recording)` : ""}
      </p>
      {validation.problems.length ? (
        <ul className="list-disc pl-5 text-sm text-red-800" aria-label="Problems found">
          {validation.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <dl className="divide-y divide-slate-100 text-sm">
        <Row label="Layer 1 (detection)">{spans(validation.layer1Spans)} flagged</Row>
        <Row label="Layer 2 (patterns)">{spans(validation.layer2Spans)} flagged</Row>
        <Row label="Audio silenced">
          {spans(validation.silencedSpans)}
          {validation.paddingMs !== null ? ` (each flagged span padded by ${validation.paddingMs} ms)` : ""}
        </Row>
        {residual.layer1 !== null || residual.layer2 !== null ? (
          <Row label="Found again after redaction">
            Layer 1: {residual.layer1 ?? "not run"}; layer 2: {residual.layer2 ?? "not run"}
          </Row>
        ) : null}
        <Row label="Audio SHA-256">
          <code className="font-mono text-xs">{validation.audioSha256 ?? "none"}</code>
        </Row>
        <Row label="Transcript SHA-256">
          <code className="font-mono text-xs">{validation.transcriptSha256 ?? "none"}</code>
        </Row>
        <Row label="Detector versions">
          {Object.keys(validation.detectorVersions).length
            ? Object.entries(validation.detectorVersions).map(([name, version]) => (
                <span key={name} className="mr-3 inline-block font-mono text-xs">
                  {name} {version}
                </span>
              ))
            : "not recorded"}
        </Row>
      </dl>
      {validation.silenced.length ? (
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Silenced spans">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">
                From
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                To
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                What
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Found by
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                RMS after
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                Peak after
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {validation.silenced.map((span) => (
              <tr key={`${span.startMs}-${span.endMs}`}>
                <td className="px-2 py-1.5">{position(span.startMs)}</td>
                <td className="px-2 py-1.5">{position(span.endMs)}</td>
                <td className="px-2 py-1.5">{span.kinds.map((kind) => kind.replace("_", " ")).join(", ") || "—"}</td>
                <td className="px-2 py-1.5">
                  {span.layers.length ? span.layers.map((layer) => `layer ${layer}`).join(", ") : "—"}
                </td>
                <td className="px-2 py-1.5 text-right">{span.rms === null ? "—" : span.rms.toFixed(5)}</td>
                <td className="px-2 py-1.5 text-right">{span.peak === null ? "—" : span.peak.toFixed(5)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

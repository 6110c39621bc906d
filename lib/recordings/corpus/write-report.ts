import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CORPUS } from "./index";
import { corpusReportMarkdown, scoreCorpus } from "./score-corpus";

/** Writes lib/recordings/corpus/REPORT.md: `node --import tsx lib/recordings/corpus/write-report.ts`. */
const target = fileURLToPath(new URL("./REPORT.md", import.meta.url));
writeFileSync(target, corpusReportMarkdown(scoreCorpus(CORPUS)));
console.log(`wrote ${target}`);

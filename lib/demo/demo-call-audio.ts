/** One word of a demo call: what is said, by whom. */
export type DemoLine = { speaker: "agent" | "caller"; text: string };

const RATE = 8000;
const WORD_MS = 320;
const GAP_MS = 80;
const TURN_GAP_MS = 500;

/** A 44-byte RIFF header for 16-bit PCM mono at 8 kHz. */
function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** A pitch per word, from its letters: the same call always sounds the same, and each word differently. */
function pitchOf(text: string, speaker: DemoLine["speaker"]) {
  let sum = 0;
  for (const char of text) sum = (sum * 31 + char.charCodeAt(0)) % 997;
  return (speaker === "agent" ? 180 : 260) + (sum % 140);
}

/**
 * A call made of tones, one short burst per word (a stand-in for speech: the demo needs no speech synthesizer),
 * with its transcript in Verity's own shape, word timestamps matching the bursts.
 */
export function demoCall(lines: DemoLine[][]): {
  wav: Buffer;
  transcript: { words: { text: string; startMs: number; endMs: number; speaker: string }[] };
} {
  const words: { text: string; startMs: number; endMs: number; speaker: string }[] = [];
  let at = 300;
  for (const turn of lines) {
    for (const line of turn)
      for (const text of line.text.split(/\s+/).filter(Boolean)) {
        words.push({ text, startMs: at, endMs: at + WORD_MS, speaker: line.speaker });
        at += WORD_MS + GAP_MS;
      }
    at += TURN_GAP_MS;
  }
  const samples = Math.ceil(((at + 300) * RATE) / 1000);
  const data = Buffer.alloc(samples * 2);
  for (const word of words) {
    const pitch = pitchOf(word.text, word.speaker as DemoLine["speaker"]);
    const from = Math.floor((word.startMs * RATE) / 1000);
    const to = Math.floor((word.endMs * RATE) / 1000);
    for (let i = from; i < to; i++) {
      // A soft attack and release, so the bursts do not click.
      const edge = Math.min(1, (i - from) / 200, (to - i) / 200);
      const value = Math.sin((2 * Math.PI * pitch * (i - from)) / RATE) * 9000 * edge;
      data.writeInt16LE(Math.round(value), i * 2);
    }
  }
  return { wav: Buffer.concat([wavHeader(data.length), data]), transcript: { words } };
}

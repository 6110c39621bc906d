/** Names the kind of file `head` starts with when it is not WAV, for a 415 message that says what was found; null if unknown. */
export function describeNonWav(head: Buffer): string | null {
  const text = (start: number, end: number) => head.toString("latin1", start, end);
  if (text(0, 4) === "RF64" || text(0, 4) === "BW64") return "RF64 (64-bit WAV)";
  if (text(0, 4) === "RIFF" && head.length >= 12)
    return `A RIFF file of type "${text(8, 12).replace(/[^\x20-\x7e]/g, "?")}"`;
  if (text(0, 3) === "ID3" || (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe6) === 0xe2))
    return "MP3 (MPEG audio)";
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return "AAC (ADTS)";
  if (text(0, 4) === "OggS") return "Ogg (Vorbis or Opus)";
  if (text(0, 4) === "fLaC") return "FLAC";
  if (text(0, 4) === "FORM" && (text(8, 12) === "AIFF" || text(8, 12) === "AIFC")) return "AIFF";
  if (text(4, 8) === "ftyp") return "MP4/M4A";
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return "WebM/Matroska";
  if (text(0, 6) === "#!AMR") return "AMR";
  if (text(0, 4) === ".snd") return "Sun/NeXT audio (.au)";
  return null;
}

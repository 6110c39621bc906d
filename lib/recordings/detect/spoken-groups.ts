import { chunksOf, type Chunk } from "./spoken-digits";
import type { Token } from "./tokenize-words";

/** Numbers said in one breath ("oh four twenty-seven"): consecutive chunks with no pause or other word between. */
export type SpokenGroup = { chunks: string[]; digits: string; firstWord: number; lastWord: number };

export function spokenGroups(tokens: readonly Token[]): SpokenGroup[] {
  const groups: SpokenGroup[] = [];
  let id = -1;
  for (const element of chunksOf(tokens)) {
    if (element.kind !== "chunk") continue;
    const chunk = element as Chunk;
    const last = groups.at(-1);
    if (last && chunk.group === id) {
      last.chunks.push(chunk.digits);
      last.digits += chunk.digits;
      last.lastWord = chunk.lastWord;
    } else {
      groups.push({
        chunks: [chunk.digits],
        digits: chunk.digits,
        firstWord: chunk.firstWord,
        lastWord: chunk.lastWord,
      });
      id = chunk.group;
    }
  }
  return groups;
}

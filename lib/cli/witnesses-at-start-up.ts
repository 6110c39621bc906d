/**
 * Reads VERITY_WITNESSES at start-up (`verity start`, `verity worker`), so a bad entry stops the start with
 * a message naming it instead of failing every cosigning run, and says which witnesses will be asked.
 */
export async function checkWitnessesAtStartUp(say: (line: string) => void): Promise<void> {
  const { configuredWitnesses } = await import("@/lib/audit/witness/witness-config");
  const witnesses = configuredWitnesses();
  if (witnesses.length === 0) return;
  const names = witnesses.map((witness) => `${witness.name} (${witness.url})`).join(", ");
  say(`Checkpoints are sent for cosigning to ${witnesses.length} witness(es): ${names}.`);
}

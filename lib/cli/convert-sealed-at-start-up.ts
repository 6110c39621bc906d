/**
 * After the instance key check (so the key opening the old values is the one every instance shares): TOTP seeds,
 * webhook signing secrets and outbox mail bodies still sealed directly under the instance key move under envelope encryption, in place.
 * Runs at every `verity start` and `verity worker`; when nothing is left in the old form it costs one scan of users
 * and one of webhook secrets; once the old form is retired, one read of the marker.
 */
export async function convertSealedAtStartUp(say: (line: string) => void): Promise<void> {
  const [{ getDb }, { convertLegacySealed }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/secrets/convert-legacy-sealed"),
  ]);
  const { totpSeeds, signingSecrets, mailBodies, unreadable, retired } = await convertLegacySealed(getDb());
  if (totpSeeds + signingSecrets + mailBodies > 0)
    say(
      `Moved ${totpSeeds} TOTP seed(s), ${signingSecrets} webhook signing secret(s) and ${mailBodies} mail bod(ies) ` +
        "under envelope encryption.",
    );
  if (unreadable > 0)
    say(
      `warning: ${unreadable} sealed value(s) do not open with this instance's VERITY_ENCRYPTION_KEY; left as they are`,
    );
  else if (!retired)
    say("warning: values in the pre-envelope form appeared during the conversion; the next start converts them");
}

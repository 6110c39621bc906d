/** Who an audit entry names as having acted: a person, an API key, or Verity itself. */
export type ActorType = "user" | "api_key" | "system";

/** The actor of an audit entry: its shape, {type, id, display}, is covered by the hash chain. */
export type Actor = { type: ActorType; id: string | null; display: string | null };

/** What an audit entry is about: an organization, a member, a key, an endpoint… */
export type Target = { type: string; id: string | null; display: string | null };

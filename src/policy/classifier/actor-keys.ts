/**
 * Keys that name who did something to a record: its actor. Audit fields name a person by the act and
 * "by" (`createdBy`, `requestedBy`, `lastModifiedBy`, `approved_by`: the JSON:API and OData audit
 * conventions, Jira's and Seerr's records), and schema.org's CreativeWork and Action name them by role
 * (`author`, `creator`, `contributor`, `editor`, `agent`, `participant`: the last few are already person
 * roles). A record under such a key (`requestedBy: {id, displayName}`) is the actor's: its `id` and
 * `displayName` are a person's, as under `user` (key-detectors.ts reads a generic key with its parent).
 * Left out: the participles of ordering and provenance, which name a field or a vendor, never a person
 * (`sortedBy`, `groupedBy`, `poweredBy`, `providedBy`, `managedBy`).
 */
const NOT_ACTS = new Set(['sorted', 'ordered', 'grouped', 'filtered', 'keyed', 'indexed', 'powered', 'provided', 'supported',
  'managed', 'followed', 'preceded', 'replaced', 'superseded', 'caused', 'triggered', 'started', 'stopped', 'controlled',
  'used', 'needed', 'required', 'limited', 'blocked', 'covered', 'shaded']);
/** Irregular participles of acts people do to records (`madeBy`, `sentBy`, `doneBy`). */
const IRREGULAR_ACTS = new Set(['made', 'sent', 'done', 'written', 'taken', 'given', 'set', 'read', 'seen', 'held', 'won', 'paid', 'bought', 'sold']);
/** Roles of people towards a record, as schema.org CreativeWork and Jira issues name them. */
const RECORD_ROLES = new Set(['reporter', 'requester', 'requestor', 'editor', 'contributor', 'committer', 'approver', 'reviewer', 'uploader', 'submitter', 'modifier']);

/** The actor a key's words name (`requested by`, `reporter`), or undefined. */
export function actorOf(words: readonly string[]): string | undefined {
  const n = words.length;
  const last = words[n - 1] ?? '';
  if (RECORD_ROLES.has(last)) return last;
  if (last !== 'by' || n < 2 || n > 3) return undefined;
  const act = words[n - 2] ?? '';
  if (NOT_ACTS.has(act)) return undefined;
  return (act.endsWith('ed') && act.length > 4) || IRREGULAR_ACTS.has(act) ? `${act} by` : undefined;
}

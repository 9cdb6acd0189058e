/**
 * Words for records about people other than the account holder (other-people.ts), arranged from public
 * standards rather than from any vendor's keys.
 */

/**
 * Relations a key can name: the TYPE values of vCard's RELATED property (RFC 6350 §6.6.6, IANA vCard
 * elements registry: acquaintance, child, co-resident, co-worker, colleague, friend, kin, neighbor,
 * sibling, spouse, sweetheart…), the relation kinds of Android's and Tizen's contact relations (brother,
 * sister, mother, father, domestic partner, relative) and schema.org Person's relation properties
 * (children, sibling, spouse), plus the everyday words for a dependant a baby monitor or a family app
 * tracks (baby, infant, toddler). Left out because they mean something else in device payloads:
 * `parent` (a tree's), `contact` (a door sensor's), `partner` and `agent` (a business's, a user agent),
 * `date`, `me` (the owner), `assistant` and `manager` (software), `kid` (a JSON Web Key's id).
 */
export const RELATIVES: ReadonlySet<string> = new Set([
  'acquaintance', 'child', 'coresident', 'roommate', 'housemate', 'flatmate', 'coworker', 'colleague', 'friend', 'kin',
  'neighbor', 'neighbour', 'sibling', 'spouse', 'sweetheart', 'brother', 'sister', 'mother', 'father', 'mom', 'mum',
  'dad', 'son', 'daughter', 'husband', 'wife', 'relative', 'grandparent', 'grandchild', 'baby', 'infant',
  'toddler', 'dependant', 'dependent', 'babysitter', 'nanny',
]);

/**
 * What shows a record is a person's: vCard's identification properties (FN, N, NICKNAME, BDAY, GENDER,
 * EMAIL, TEL) and schema.org Person's (givenName, familyName, birthDate, gender, email, telephone).
 */
export const PERSON_EVIDENCE: ReadonlySet<string> = new Set([
  'first name', 'last name', 'full name', 'given name', 'family name', 'surname', 'nickname', 'birth date', 'birthday',
  'date of birth', 'dob', 'bday', 'birth year', 'gender', 'sex', 'email', 'email address', 'phone', 'phone number',
  'telephone', 'tel', 'mobile',
]);

/**
 * A face's box: the bounding box names of face recognition APIs' public references (a `box`, `bbox`,
 * `bounding_box`, `face_rectangle`), and its corners as keys (`x_min`, `y_max`, `xmin`).
 */
export const BOX_WORDS: ReadonlySet<string> = new Set(['box', 'bbox', 'bounding box', 'face box', 'face rectangle',
  'bounding poly', 'face rect']);
export const CORNER_KEYS: ReadonlySet<string> = new Set(['xmin', 'ymin', 'xmax', 'ymax', 'minx', 'miny', 'maxx', 'maxy']);

/**
 * What a face recognition result says of the person (the attributes of open face recognition services'
 * results: estimated age and gender, the embedding or descriptor that identifies the face) and the keys
 * that say who it is (a subject, a user id, an identity, a person).
 */
export const FACE_ATTRIBUTES: ReadonlySet<string> = new Set(['age', 'gender', 'sex', 'embedding', 'descriptor', 'encoding',
  'face encoding', 'face embedding']);
/**
 * What a face analysis says of the face's lasting look (AWS Rekognition's FaceDetail, Azure Face's
 * facialHair and glasses): personal, whatever the value (`Beard: {Value: false}` says how they look too).
 */
export const FACE_TRAITS: ReadonlySet<string> = new Set(['age range', 'beard', 'mustache', 'moustache', 'eyeglasses', 'sunglasses',
  'glasses', 'facial hair']);
/** The emotions a face analysis reads in a face (`Emotions[*].Type`, `emotion.happiness`): how the person feels, health. */
export const FACE_EMOTIONS: ReadonlySet<string> = new Set(['emotion', 'emotions', 'expression', 'expressions']);
export const FACE_IDENTITIES: ReadonlySet<string> = new Set(['subject', 'user id', 'userid', 'identity', 'person', 'person id',
  'person name', 'face id', 'face name', 'match', 'candidate']);

/**
 * Access given to somebody else: the words of sharing and invitation flows (OAuth's and UMA's
 * "grant", a share, an invitation, a guest, a delegate).
 */
export const GRANT_WORDS: ReadonlySet<string> = new Set(['share', 'shared', 'sharing', 'sharer', 'invite', 'invited',
  'invitation', 'inviter', 'invitee', 'grant', 'granted', 'grantee', 'grantor', 'guest', 'delegate', 'delegated']);
/**
 * Whether a grant or access word at `at` in a key's words speaks of a grant: it is the key's head (`shared`,
 * `invitee`), whom or what of the grant follows it (`invitedBy`, `sharedWith`, `inviteStatus`, `accessSchedule`,
 * `guestStartsAt`), or the person's identity does (`shareId`, `sharedFirstName`, `guestEmail`). Qualifying some
 * other thing (`createGuestInvoicing`, `guestRecommendations`, `guestStayTax`, `guestsIncluded`: a host's
 * permissions, a booking's counts, a listing's prices) it says nothing of a grant.
 */
export function speaksOfGrant(words: readonly string[], at: number): boolean {
  const rest = words.slice(at + 1);
  if (rest.length === 0 || GRANT_PARTS.has(rest[0] ?? '') || GRANT_PARTS.has(rest[rest.length - 1] ?? '')) return true;
  const joined = rest.join(' ');
  return PERSON_EVIDENCE.has(joined) || PERSON_EVIDENCE.has(rest.slice(-2).join(' ')) ||
    PERSON_EVIDENCE.has(rest[rest.length - 1] ?? '');
}
/** What follows a grant word in a key about the grant: whom, its state, its times, its identity. */
const GRANT_PARTS: ReadonlySet<string> = new Set(['by', 'with', 'to', 'from', 'for', 'status', 'state', 'date', 'at',
  'time', 'times', 'code', 'link', 'url', 'token', 'key', 'type', 'role', 'level', 'access', 'user', 'users', 'list',
  'expires',
  'expiry', 'expiration', 'until', 'start', 'starts', 'end', 'ends', 'schedule', 'window', 'validity', 'period', 'id',
  'ids', 'uid', 'uuid', 'guid', 'name', 'identity', 'rights', 'permission', 'permissions']);
/** An access that ends: with a role, a grant for a time. */
export const TIME_BOUND_WORDS: ReadonlySet<string> = new Set(['expires', 'expiry', 'expiration', 'expire', 'until']);

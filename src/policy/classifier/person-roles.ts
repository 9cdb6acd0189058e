/**
 * Roles a person plays towards a device or a service, as public vocabularies name them: schema.org's
 * Person-valued properties and Role types (`employee`, `athlete`, `attendee`, `participant`, `performer`,
 * `organizer`, `sponsor`), FHIR's people (`practitioner`, `caregiver`), and the people a home's things
 * serve (`sleeper` of a bed, `wearer` of a watch, `rider`/`passenger` of a vehicle, `cardholder`,
 * `subscriber`, `accessor` of a lock), and the parties of a call (`caller`, `callee`). Their id or name (`employee_id`, `athlete.id`, `accessorUuid`) is
 * a person's (vocabulary.ts PERSON_WORDS). Left out because they name things in device payloads:
 * `host`, `agent`, `client`, `provider`, `operator` (a network's), `player` (a media player).
 */
export const PERSON_ROLES: readonly string[] = [
  'employee', 'athlete', 'attendee', 'participant', 'performer', 'organizer', 'organiser', 'practitioner', 'caregiver',
  'sleeper', 'wearer', 'rider', 'passenger', 'cardholder', 'subscriber', 'accessor', 'beneficiary', 'holder',
  'caller', 'callee',
];

import { z } from 'zod';

/**
 * Conditions on Home Assistant state: a field rule, a destination or a device's mode may apply only
 * `when: {entity: "person.anna", state: "not_home"}` (or a list of states, or `not:` for the negated
 * form). This is the schema; condition-check.ts reads them (without zod, so the card can too).
 */
const ENTITY_ID = /^[a-z0-9_]+\.[a-z0-9_]+$/;

export const EntityIdSchema = z
  .string()
  .max(255)
  .regex(ENTITY_ID, { error: 'must be a Home Assistant entity id such as person.anna or input_boolean.guest_mode' });

const StateValueSchema = z.string().min(1).max(255);
const StatesSchema = z.union([StateValueSchema, z.array(StateValueSchema).min(1).max(20)]);

export const ConditionSchema = z
  .strictObject({
    entity: EntityIdSchema,
    state: StatesSchema.optional().meta({ description: 'applies while the entity is in this state (or one of these)' }),
    not: StatesSchema.optional().meta({ description: 'applies while the entity is in none of these states' }),
  })
  .superRefine((condition, ctx) => {
    const given = (condition.state === undefined ? 0 : 1) + (condition.not === undefined ? 0 : 1);
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'needs exactly one of state or not (e.g. state: "not_home")' });
  })
  .meta({
    id: 'Condition',
    description:
      'applies while a Home Assistant entity is (state) or is not (not) in the given state(s); a state never seen takes the stricter reading',
  });

export type Condition = z.infer<typeof ConditionSchema>;

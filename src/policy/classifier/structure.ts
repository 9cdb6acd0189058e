import type { PayloadField } from '../../payload/index.js';
import type { Finding } from './detector.js';
import type { HomeKnowledge } from './knowledge.js';
import { COORDINATE_PAIR, coordinateArrays, siblingPairsNearHome } from './coordinate-pairs.js';
import { namedValues, SIBLING_NAMES } from './named-values.js';
import { EVENT_TIME, eventTimes, NETWORK_SCAN, networkScans, recordExplanations, RECORD_SUBJECT, recordSubjects } from './records.js';
import { referencesAndModes, thingReferences, typedRecordExplanations, typedRecords } from './typed-records.js';
import { typedIdExplanations, typedIds } from './typed-ids.js';
import { ADDRESS_PART, addressParts, UTTERANCE_WORDS, utteranceWords } from './record-parts.js';
import { EVENT_LOG, eventLogs, HEALTH_RECORD, healthRecords, RADIO_SCAN, radioScans, recordContextExplanations } from './record-context.js';
import { fieldsDetector, planWhole, shapeDetector, shapeOf, valueDetector, type Add, type StructureDetector } from './shape.js';
import { ACTIVITY_SPAN, activityExplanations, activityFields, activityRecords } from './activity-records.js';
import { ACTIVITY_QUANTITY, activityQuantities, activityQuantityExplanations } from './activity-quantities.js';
import { PERSON_ID, personIdExplanations, personIds } from './person-ids.js';
import { detectSetTimes, planSetTimes, SET_TIME, setTimeExplanations } from './set-times.js';
import { HOME_RECORD, homeRecordExplanations, homeRecords } from './home-records.js';
import { PEOPLE_LIST, peopleListExplanations, peopleListFields, peopleLists } from './people-lists.js';
import { MEDIA_RECORD, mediaRecordExplanations, mediaRecordFields, mediaRecords, RECOGNISED_WORDS, recognisedWordFields, recognisedWords } from './media-records.js';
import { OPENING_STATE, openingStateExplanations, openingStateFields, openingStates } from './opening-states.js';
import { HEALTH_RANGE, healthRangeExplanations, healthRangeFields, healthRanges } from './health-ranges.js';
import { KEY_MATERIAL, keyMaterialExplanations, keyMaterialFields, keyMaterials } from './key-material.js';
import { PRODUCT_PICTURE, productPictureExplanations, productPictures } from './product-pictures.js';
import { OAUTH_CLIENT, oauthClientExplanations, oauthClients } from './oauth-clients.js';
import { ANIMAL_RECORD, animalRecordExplanations, animalRecords } from './animal-records.js';
import { DEVICE_RECORD, deviceRecordExplanations, deviceRecords } from './device-records.js';
import { MESSAGE_PARTIES, messageParties, messageRecordExplanations } from './message-records.js';
import { HEARD_TRANSMITTER, heardTransmitterExplanations, heardTransmitters } from './heard-transmitters.js';
import { FOLLOWED_ENTRY, followedEntries, followedEntryExplanations } from './followed-entries.js';
import { REFUSED_ENTRY, refusedEntries, refusedEntryExplanations } from './refused-entries.js';
import { RECEIVED_MESSAGE, receivedMessageExplanations, receivedMessageFields, receivedMessages, SENT_BY_OTHER, sentByOther, sentByOtherExplanations } from './received-messages.js';
import { WRITTEN_MESSAGE, writtenMessageExplanations, writtenMessages } from './written-messages.js';
import { ACCESS_GRANT, accessGrants, otherPeopleExplanations, RECOGNISED_FACE, recognisedFaces, RELATED_PERSON, relatedPeople } from './other-people.js';
import { OPENING_VALUE, openingValueExplanations, openingValueFields, openingValues } from './opening-values.js';
import { DETECTED_PERSON, detectDetectedPeople, detectedPersonExplanations, planDetectedPeople } from './detected-people.js';
import { detectNoPlace, NO_PLACE, noPlaceExplanations, planNoPlace } from './place-placeholders.js';
import { DEFAULT_HOST_NAME, defaultHostNameExplanations, detectDefaultHostNames, planDefaultHostNames } from './default-host-names.js';
import { FIX_COMPANION, fixCompanionExplanations, fixCompanions } from './fix-companions.js';
import { WEEKDAY_MASK, weekdayMaskExplanations, weekdayMasks } from './weekday-masks.js';
import { detectExerciseTypes, EXERCISE_TYPE, exerciseTypeExplanations, planExerciseTypes } from './exercise-types.js';
import { ODOMETER, odometerExplanations, odometers } from './odometers.js';
import { API_VERB, apiVerbExplanations, detectApiVerbs, planApiVerbs } from './api-verbs.js';
import { PLAYING_RECORD, playingRecordExplanations, playingRecords } from './playing-records.js';
import { PUBLISHED_WORK, publishedWorkExplanations, publishedWorks } from './published-works.js';
import { detectNotificationTopics, NOTIFICATION_TOPIC, notificationTopicExplanations, planNotificationTopics } from './notification-topics.js';
import { detectSecretShapes, planSecretShapes, SECRET_SHAPE, secretShapeExplanations } from './secret-shapes.js';
import { RECORDING_TREE, recordingTreeExplanations, recordingTrees } from './recording-trees.js';
import { HISTORY_TOTAL, historyTotalExplanations, historyTotals } from './history-totals.js';
import { SPENT_TIME, spentTimeExplanations, spentTimes } from './spent-times.js';
import { MONEY_ACT, moneyActExplanations, moneyActs } from './money-acts.js';
import { READING_TIME, readingTimeExplanations, readingTimes } from './reading-times.js';
import { CELL_TOWER, cellTowerExplanations, cellTowers } from './cell-towers.js';
import { RECENT_ACT, recentActExplanations, recentActs } from './recent-acts.js';
import { ACTED_EVENT, actedEventExplanations, actedEvents } from './acted-events.js';
import { PLANNED_TASK, plannedTaskExplanations, plannedTaskFields, plannedTasks } from './planned-tasks.js';
import { SIGN_IN, signInExplanations, signIns } from './sign-ins.js';
import { detectSleepQuantities, planSleepQuantities, SLEEP_QUANTITY, sleepQuantityExplanations } from './sleep-quantities.js';
import { SLEEP_TIME, sleepTimeExplanations, sleepTimes } from './sleep-times.js';
import { RECORD_KEY, recordKeyExplanations, recordKeys } from './numeric-keys.js';
import { RELATION_COUNT, relationCountExplanations, relationCounts } from './relation-counts.js';
import { AUTH_MODE, authModeExplanations, detectAuthModes, planAuthModes } from './auth-modes.js';
import { ACCESS_SESSION, accessSessionExplanations, detectAccessSessions, planAccessSessions } from './access-sessions.js';
import { MEDIA_LOCATOR, MEDIA_QUANTITY, mediaLocatorExplanations, mediaLocators, mediaQuantities } from './media-locators.js';
import { detectTypedHealthRecords, HEALTH_TYPED_RECORD, planTypedHealthRecords, typedHealthRecordExplanations } from './typed-health-records.js';
import { detectHealthTexts, HEALTH_TEXT, healthTextExplanations, planHealthTexts } from './health-texts.js';
import { advertisementExplanations, HEARD_ADVERTISEMENT, heardAdvertisements } from './advertisements.js';
import { HEARD_NETWORK, heardNetworkExplanations, heardNetworks } from './heard-networks.js';
import { SIGHTED_SUBJECT, sightedSubjects, sightingExplanations } from './sightings.js';
import { OBSERVATION_AGE, observationAgeExplanations, observationAges } from './observation-ages.js';
import { MEASURED_VALUE, measuredValueExplanations, measuredValues } from './measured-values.js';
import { ANIMAL_BODY, animalBodies, animalBodyExplanations } from './animal-bodies.js';
import { QUERY_AUTH, queryAuth, queryAuthExplanations } from './query-auth.js';
import { MACHINE_SLEEP, machineSleepExplanations, machineSleeps } from './machine-sleep.js';
import { GUEST_ACCESS, guestAccess, guestAccessExplanations } from './guest-access.js';
import { GLUED_SECRET, gluedSecretExplanations, gluedSecrets } from './glued-secrets.js';
import { detectUnitValues, planUnitValues, UNIT_NAME, UNIT_VALUE, unitNames, unitValueExplanations } from './unit-values.js';
import { detectPublicKeys, planPublicKeys, PUBLIC_KEY, publicKeyExplanations } from './public-keys.js';
import { detectEmbeddedIds, EMBEDDED_ID, embeddedIdExplanations, planEmbeddedIds } from './embedded-ids.js';
import { detectUnitIdCopies, planUnitIdCopies, UNIT_ID_COPY, unitIdCopyExplanations } from './unit-id-copies.js';
import { detectLookupKeys, LOOKUP_KEY, lookupKeyExplanations, planLookupKeys } from './lookup-keys.js';
import { detectPassingSensors, PASSING_SENSOR, passingSensorExplanations, planPassingSensors } from './passing-sensors.js';
import { RECOGNISED_ALTERNATIVES, recognisedAlternativeExplanations, recognisedAlternativeFields, recognisedAlternatives } from './recognised-alternatives.js';
import { SPEECH_PIECE, speechPieceExplanations, speechPieceFields, speechPieces } from './speech-pieces.js';
import { CONVERSATION_TURN, conversationTurnExplanations, detectConversationTurns, planConversationTurns } from './conversation-turns.js';
import { PAYMENT_CARD, paymentCardExplanations, paymentCards } from './payment-cards.js';
import { RELATION_FLAG, relationFlagExplanations, relationFlagFields, relationFlags } from './relation-flags.js';
import { FOREIGN_THING, ownerFlagExplanations, ownerFlagFields, ownerFlags } from './owner-flags.js';
import { SETTING_PROFILE, settingProfileExplanations, settingProfiles } from './setting-profiles.js';
import { SHARED_THING, sharedThingExplanations, sharedThingFields } from './shared-things.js';
import { WORK_CREATOR, workCreatorExplanations, workCreators } from './work-creators.js';
import { CARE_RECORD, careRecordExplanations, careRecordFields, careRecords } from './care-records.js';
import { catalogueEntryExplanations } from './catalogue-entries.js';
import { CONSUMPTION_RECORD, consumptionRecordExplanations, consumptionRecords } from './consumption-records.js';
import { HOUSEHOLD_ENTRY, householdEntries, householdEntryExplanations } from './household-entries.js';
import { TRAINING_SET, trainingSetExplanations, trainingSets } from './training-sets.js';
import { PROGRAMME_SLOT, programmeSlots, WEEKDAY_PROGRAMME, weekdayProgrammeExplanations, weekdayProgrammes } from './weekday-programmes.js';
import { LAN_PRESENCE, lanPresence, lanPresenceExplanations } from './lan-presence.js';
import { LIMIT_ALARM, limitAlarmExplanations, limitAlarms } from './limit-alarms.js';
import { AWAY_MODE, awayModeExplanations, awayModes } from './away-modes.js';
import { CONSUMPTION_SERIES, consumptionSeries, consumptionSeriesExplanations } from './consumption-series.js';
import { ENERGY_FLOW, energyFlowExplanations, energyFlows } from './energy-flows.js';
import { detectGlucoseTrends, GLUCOSE_TREND, MEASUREMENT_FLAG, measurementFlags, measurementPartExplanations, planGlucoseTrends } from './measurement-parts.js';
import { SECRET_RECORD, secretRecordExplanations, secretRecords } from './secret-records.js';
import { eventKindExplanations, eventKinds } from './event-kinds.js';
import { MESSAGE_TIME, messageTimeExplanations, messageTimes } from './message-times.js';
import { CONSUMPTION_REPORT, consumptionReportExplanations, consumptionReports } from './consumption-reports.js';
import { dailyConsumptionExplanations } from './listening-days.js';
import { WEBHOOK_DELIVERY, webhookDeliveries, webhookDeliveryExplanations } from './webhook-deliveries.js';
import { detectMessageFamilies, MESSAGE_FAMILY, messageFamilyExplanations, planMessageFamilies } from './message-families.js';
import { NLU_RESULT, nluResultExplanations, nluResults } from './nlu-results.js';
import { CALL_RECORD, callRecordExplanations, callRecords } from './call-records.js';
import { SENT_COMMAND, sentCommandExplanations, sentCommands } from './sent-commands.js';
import { BODY_TEMPERATURE, bodyTemperatureExplanations, detectBodyTemperatures, planBodyTemperatures } from './body-temperatures.js';
import { CYCLE_RECORD, cycleRecordExplanations, cycleRecords } from './cycle-records.js';
import { TRAINING_LOAD, trainingLoadExplanations, trainingLoads } from './training-loads.js';
import { MEDICINE_RECORD, medicineRecordExplanations, medicineRecords } from './medicine-records.js';
import { OTHER_PERSON_RECORD, otherPersonRecordExplanations, otherPersonRecords } from './other-person-records.js';

/**
 * Detectors that look at a field's siblings and records. They need the whole payload, so they run once
 * per payload and hand each field its findings.
 *
 * The order of this list is the order of a field's findings (and of the sentences explaining them).
 * Each entry declares what it reads (shape.ts): a `shape` detector is memoised per payload shape, a
 * `values` detector has its plan memoised and reads every payload's values.
 */
export { COORDINATE_PAIR, SIBLING_NAMES };

export const STRUCTURE_DETECTORS: readonly StructureDetector[] = [
  namedValues,
  coordinateArrays,
  siblingPairsNearHome,
  shapeDetector(EVENT_TIME, eventTimes),
  shapeDetector(NETWORK_SCAN, networkScans),
  shapeDetector(RECORD_SUBJECT, recordSubjects),
  thingReferences,
  referencesAndModes,
  typedRecords,
  typedIds,
  shapeDetector(ADDRESS_PART, addressParts),
  shapeDetector(UTTERANCE_WORDS, utteranceWords),
  shapeDetector(HEALTH_RECORD, healthRecords),
  shapeDetector(RADIO_SCAN, radioScans),
  shapeDetector(HEARD_ADVERTISEMENT, heardAdvertisements),
  shapeDetector(HEARD_NETWORK, heardNetworks),
  shapeDetector(SIGHTED_SUBJECT, sightedSubjects),
  shapeDetector(OBSERVATION_AGE, observationAges),
  shapeDetector(MEASURED_VALUE, measuredValues),
  shapeDetector(MACHINE_SLEEP, machineSleeps),
  shapeDetector(EVENT_LOG, eventLogs),
  shapeDetector(ACTIVITY_QUANTITY, activityQuantities),
  shapeDetector(PERSON_ID, personIds),
  valueDetector(SET_TIME, planSetTimes, detectSetTimes),
  valueDetector(DETECTED_PERSON, planDetectedPeople, detectDetectedPeople),
  valueDetector(NO_PLACE, planNoPlace, detectNoPlace),
  valueDetector(DEFAULT_HOST_NAME, planDefaultHostNames, detectDefaultHostNames),
  valueDetector(EXERCISE_TYPE, planExerciseTypes, detectExerciseTypes),
  valueDetector(API_VERB, planApiVerbs, detectApiVerbs),
  shapeDetector(HOME_RECORD, homeRecords),
  shapeDetector(PRODUCT_PICTURE, productPictures),
  shapeDetector(OAUTH_CLIENT, oauthClients),
  shapeDetector(RELATED_PERSON, relatedPeople),
  shapeDetector(RECOGNISED_FACE, recognisedFaces),
  shapeDetector(ACCESS_GRANT, accessGrants),
  shapeDetector(OTHER_PERSON_RECORD, otherPersonRecords),
  shapeDetector(GUEST_ACCESS, guestAccess),
  shapeDetector(MESSAGE_PARTIES, messageParties),
  shapeDetector(WRITTEN_MESSAGE, writtenMessages),
  shapeDetector(DEVICE_RECORD, deviceRecords),
  shapeDetector(ANIMAL_RECORD, animalRecords),
  shapeDetector(ANIMAL_BODY, animalBodies),
  shapeDetector(PLAYING_RECORD, playingRecords),
  shapeDetector(PUBLISHED_WORK, publishedWorks),
  shapeDetector(RECORDING_TREE, recordingTrees),
  shapeDetector(HISTORY_TOTAL, historyTotals),
  shapeDetector(SPENT_TIME, spentTimes),
  shapeDetector(MONEY_ACT, moneyActs),
  shapeDetector(READING_TIME, readingTimes),
  shapeDetector(CELL_TOWER, cellTowers),
  shapeDetector(RECENT_ACT, recentActs),
  shapeDetector(ACTED_EVENT, actedEvents),
  shapeDetector(SIGN_IN, signIns),
  shapeDetector(FIX_COMPANION, fixCompanions),
  shapeDetector(WEEKDAY_MASK, weekdayMasks),
  shapeDetector(ODOMETER, odometers),
  shapeDetector(MEASUREMENT_FLAG, measurementFlags),
  shapeDetector(RECORD_KEY, recordKeys),
  shapeDetector(RELATION_COUNT, relationCounts),
  shapeDetector(MEDIA_LOCATOR, mediaLocators),
  shapeDetector(MEDIA_QUANTITY, mediaQuantities),
  shapeDetector(GLUED_SECRET, gluedSecrets),
  shapeDetector(QUERY_AUTH, queryAuth),
  valueDetector(AUTH_MODE, planAuthModes, (plan, fields, _home, add) => detectAuthModes(plan, fields, add)),
  valueDetector(ACCESS_SESSION, planAccessSessions, (plan, fields, _home, add) => detectAccessSessions(plan, fields, add)),
  valueDetector(GLUCOSE_TREND, planGlucoseTrends, (plan, fields, _home, add) => detectGlucoseTrends(plan, fields, add)),
  valueDetector(BODY_TEMPERATURE, planBodyTemperatures, (plan, fields, _home, add) => detectBodyTemperatures(plan, fields, add)),
  valueDetector(HEALTH_TYPED_RECORD, planTypedHealthRecords, (plan, fields, _home, add) => detectTypedHealthRecords(plan, fields, add)),
  valueDetector(HEALTH_TEXT, planHealthTexts, (plan, fields, _home, add) => detectHealthTexts(plan, fields, add)),
  valueDetector(SLEEP_QUANTITY, planSleepQuantities, (plan, fields, _home, add) => detectSleepQuantities(plan, fields, add)),
  valueDetector(UNIT_VALUE, planUnitValues, (plan, fields, _home, add) => detectUnitValues(plan, fields, add)),
  shapeDetector(UNIT_NAME, unitNames),
  valueDetector(SECRET_SHAPE, planSecretShapes, (plan, fields, _home, add) => detectSecretShapes(plan, fields, add)),
  valueDetector(NOTIFICATION_TOPIC, planNotificationTopics, (plan, fields, _home, add) => detectNotificationTopics(plan, fields, add)),
  valueDetector(PUBLIC_KEY, planPublicKeys, (plan, fields, _home, add) => detectPublicKeys(plan, fields, add)),
  valueDetector(EMBEDDED_ID, planEmbeddedIds, (plan, fields, _home, add) => detectEmbeddedIds(plan, fields, add)),
  valueDetector(UNIT_ID_COPY, planUnitIdCopies, (plan, fields, _home, add) => detectUnitIdCopies(plan, fields, add)),
  valueDetector(LOOKUP_KEY, planLookupKeys, (plan, fields, _home, add) => detectLookupKeys(plan, fields, add)),
  valueDetector(PASSING_SENSOR, planPassingSensors, (plan, fields, _home, add) => detectPassingSensors(plan, fields, add)),
  valueDetector(CONVERSATION_TURN, planConversationTurns, (plan, fields, _home, add) => detectConversationTurns(plan, fields, add)),
  // Written over the whole payload; their plans name the fields they can fire on (shape.ts, fieldsDetector).
  fieldsDetector(ACTIVITY_SPAN, activityFields, activityRecords),
  fieldsDetector(PEOPLE_LIST, peopleListFields, peopleLists),
  fieldsDetector(MEDIA_RECORD, mediaRecordFields, mediaRecords),
  fieldsDetector(RECOGNISED_WORDS, recognisedWordFields, recognisedWords),
  fieldsDetector(OPENING_STATE, openingStateFields, openingStates),
  fieldsDetector(OPENING_VALUE, openingValueFields, openingValues),
  fieldsDetector(PLANNED_TASK, plannedTaskFields, plannedTasks),
  fieldsDetector(HEALTH_RANGE, healthRangeFields, healthRanges),
  fieldsDetector(KEY_MATERIAL, keyMaterialFields, keyMaterials),
  fieldsDetector(CARE_RECORD, careRecordFields, careRecords),
  shapeDetector(WORK_CREATOR, workCreators),
  shapeDetector(SHARED_THING, sharedThingFields),
  fieldsDetector(RELATION_FLAG, relationFlagFields, relationFlags),
  shapeDetector(PAYMENT_CARD, paymentCards),
  shapeDetector(CONSUMPTION_RECORD, consumptionRecords),
  shapeDetector(HOUSEHOLD_ENTRY, householdEntries),
  shapeDetector(TRAINING_SET, trainingSets),
  shapeDetector(CONSUMPTION_SERIES, consumptionSeries),
  shapeDetector(WEEKDAY_PROGRAMME, weekdayProgrammes),
  shapeDetector(LAN_PRESENCE, lanPresence),
  shapeDetector(LIMIT_ALARM, limitAlarms),
  shapeDetector(PROGRAMME_SLOT, programmeSlots),
  shapeDetector(AWAY_MODE, awayModes),
  fieldsDetector(RECOGNISED_ALTERNATIVES, recognisedAlternativeFields, recognisedAlternatives),
  fieldsDetector(SPEECH_PIECE, speechPieceFields, speechPieces),
  fieldsDetector(FOREIGN_THING, ownerFlagFields, ownerFlags),
  fieldsDetector(RECEIVED_MESSAGE, receivedMessageFields, receivedMessages),
  shapeDetector(SENT_BY_OTHER, sentByOther),
  shapeDetector(HEARD_TRANSMITTER, heardTransmitters),
  shapeDetector(FOLLOWED_ENTRY, followedEntries),
  shapeDetector(REFUSED_ENTRY, refusedEntries),
  shapeDetector(SETTING_PROFILE, settingProfiles),
  shapeDetector(SECRET_RECORD, secretRecords),
  shapeDetector(ENERGY_FLOW, energyFlows),
  eventKinds,
  shapeDetector(MESSAGE_TIME, messageTimes),
  shapeDetector(CONSUMPTION_REPORT, consumptionReports),
  shapeDetector(SLEEP_TIME, sleepTimes),
  shapeDetector(WEBHOOK_DELIVERY, webhookDeliveries),
  shapeDetector(CYCLE_RECORD, cycleRecords),
  shapeDetector(TRAINING_LOAD, trainingLoads),
  shapeDetector(MEDICINE_RECORD, medicineRecords),
  shapeDetector(SENT_COMMAND, sentCommands),
  valueDetector(MESSAGE_FAMILY, planMessageFamilies, detectMessageFamilies),
  shapeDetector(NLU_RESULT, nluResults),
  shapeDetector(CALL_RECORD, callRecords),
];

/** A values detector with no shape plan: correct, just not memoised (give it a plan: shape.ts says how). */
export function wholePayload(name: string, detect: (fields: readonly PayloadField[], add: Add) => void): StructureDetector {
  return valueDetector(name, planWhole, (_plan, fields, _home, add) => detect(fields, add));
}

export const structureExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SIBLING_NAMES]: (f) => `sibling ${f.facts.sibling}="${f.facts.words}" names the value → ${f.categories.join(', ')}`,
  [COORDINATE_PAIR]: (f) => `${f.facts.shape ?? '[lat, lon]'} pair within range → location`,
  ...recordExplanations,
  ...typedRecordExplanations,
  ...typedIdExplanations,
  ...recordContextExplanations,
  ...activityExplanations,
  ...activityQuantityExplanations,
  ...personIdExplanations,
  ...setTimeExplanations,
  ...homeRecordExplanations,
  ...peopleListExplanations,
  ...mediaRecordExplanations,
  ...openingStateExplanations,
  ...healthRangeExplanations,
  ...keyMaterialExplanations,
  ...productPictureExplanations,
  ...oauthClientExplanations,
  ...otherPeopleExplanations,
  ...otherPersonRecordExplanations,
  ...messageRecordExplanations,
  ...receivedMessageExplanations,
  ...sentByOtherExplanations,
  ...heardTransmitterExplanations,
  ...followedEntryExplanations,
  ...refusedEntryExplanations,
  ...writtenMessageExplanations,
  ...deviceRecordExplanations,
  ...animalRecordExplanations,
  ...animalBodyExplanations,
  ...playingRecordExplanations,
  ...publishedWorkExplanations,
  ...secretShapeExplanations,
  ...notificationTopicExplanations,
  ...recordingTreeExplanations,
  ...historyTotalExplanations,
  ...spentTimeExplanations,
  ...moneyActExplanations,
  ...readingTimeExplanations,
  ...cellTowerExplanations,
  ...recentActExplanations,
  ...actedEventExplanations,
  ...plannedTaskExplanations,
  ...signInExplanations,
  ...fixCompanionExplanations,
  ...weekdayMaskExplanations,
  ...odometerExplanations,
  ...noPlaceExplanations,
  ...defaultHostNameExplanations,
  ...exerciseTypeExplanations,
  ...apiVerbExplanations,
  ...openingValueExplanations,
  ...detectedPersonExplanations,
  ...measurementPartExplanations,
  ...bodyTemperatureExplanations,
  ...sleepQuantityExplanations,
  ...cycleRecordExplanations,
  ...trainingLoadExplanations,
  ...medicineRecordExplanations,
  ...sleepTimeExplanations,
  ...recordKeyExplanations,
  ...relationCountExplanations,
  ...authModeExplanations,
  ...accessSessionExplanations,
  ...mediaLocatorExplanations,
  ...typedHealthRecordExplanations,
  ...healthTextExplanations,
  ...careRecordExplanations,
  ...workCreatorExplanations,
  ...sharedThingExplanations,
  ...relationFlagExplanations,
  ...ownerFlagExplanations,
  ...settingProfileExplanations,
  ...paymentCardExplanations,
  ...gluedSecretExplanations,
  ...queryAuthExplanations,
  ...sentCommandExplanations,
  ...messageFamilyExplanations,
  ...nluResultExplanations,
  ...callRecordExplanations,
  ...advertisementExplanations,
  ...heardNetworkExplanations,
  ...sightingExplanations,
  ...observationAgeExplanations,
  ...measuredValueExplanations,
  ...machineSleepExplanations,
  ...guestAccessExplanations,
  ...unitValueExplanations,
  ...publicKeyExplanations,
  ...passingSensorExplanations,
  ...embeddedIdExplanations,
  ...unitIdCopyExplanations,
  ...lookupKeyExplanations,
  ...conversationTurnExplanations,
  ...catalogueEntryExplanations,
  ...consumptionRecordExplanations,
  ...householdEntryExplanations,
  ...trainingSetExplanations,
  ...consumptionSeriesExplanations,
  ...weekdayProgrammeExplanations,
  ...lanPresenceExplanations,
  ...limitAlarmExplanations,
  ...awayModeExplanations,
  ...recognisedAlternativeExplanations,
  ...speechPieceExplanations,
  ...secretRecordExplanations,
  ...energyFlowExplanations,
  ...eventKindExplanations,
  ...messageTimeExplanations,
  ...consumptionReportExplanations,
  ...dailyConsumptionExplanations,
  ...webhookDeliveryExplanations,
};

/**
 * Findings for fields of one payload, by field index, every detector run afresh (no memo): the reference
 * the memoised path (shape-memo.ts) must equal, and the path for payloads too large to memoise.
 */
export function structureFindings(fields: readonly PayloadField[], home: HomeKnowledge | undefined): Map<number, Finding[]> {
  const result = new Map<number, Finding[]>();
  const add = (index: number, f: Finding) => {
    const list = result.get(index);
    if (list === undefined) result.set(index, [f]);
    else list.push(f);
  };
  const shape = fields.map(shapeOf);
  for (const detector of STRUCTURE_DETECTORS) {
    if (detector.reads === 'shape') detector.detect(shape, add);
    // A plan made for one payload costs about what the detector does: one written whole runs whole.
    else if (detector.whole !== undefined) detector.whole(fields, add);
    else detector.prepare(shape)?.(fields, home, add);
  }
  return result;
}

/**
 * Body measurements under the names public health standards give them, so that a vendor the classifier
 * has never seen is read by the standard it exports to rather than by the words of vendors already seen.
 * The phrases are written the way keys are read (words, joined without spaces: `bodyMassIndex`,
 * `body_mass_index`, `BODY-MASS-INDEX` meet `body mass index`); each group names its source. Words that
 * are generic alone (`rate`, `level`, `mass`, `delta`, `noise`, `temperature`) appear only inside longer
 * phrases, so `rate` of a fan or `level` of a battery stays nothing.
 */

/** Apple HealthKit quantity and category type identifiers (HKQuantityTypeIdentifier…, HKCategoryTypeIdentifier…). */
const HEALTHKIT = [
  'body mass index', 'body fat percentage', 'lean body mass', 'step count', 'distance walking running',
  'distance cycling', 'distance swimming', 'distance wheelchair', 'push count', 'swimming stroke count',
  'basal energy burned', 'active energy burned', 'apple exercise time', 'apple stand time', 'apple move time',
  'walking heart rate average', 'heart rate variability sdnn', 'heart rate recovery one minute',
  'peripheral perfusion index', 'blood pressure systolic', 'blood pressure diastolic', 'blood alcohol content',
  'number of alcoholic beverages', 'forced vital capacity', 'forced expiratory volume', 'peak expiratory flow rate',
  'inhaler usage', 'insulin delivery', 'electrodermal activity', 'walking speed', 'walking step length',
  'walking asymmetry percentage', 'walking double support percentage', 'six minute walk test distance',
  'stair ascent speed', 'stair descent speed', 'walking steadiness', 'running stride length',
  'running vertical oscillation', 'running ground contact time', 'cycling functional threshold power',
  'physical effort', 'atrial fibrillation burden', 'number of times fallen', 'sleeping wrist temperature',
  'dietary energy consumed', 'dietary carbohydrates', 'dietary fat total', 'dietary protein', 'dietary sugar',
  'dietary fiber', 'dietary sodium', 'dietary water', 'dietary caffeine', 'sleep analysis', 'mindful session',
  'menstrual flow', 'intermenstrual bleeding', 'ovulation test result', 'cervical mucus quality', 'sexual activity',
  'pregnancy test result', 'high heart rate event', 'low heart rate event', 'irregular heart rhythm event',
  'low cardio fitness event', 'symptoms', 'symptom',
];

/** Android Health Connect record types and their fields (HeartRateRecord.samples[].beatsPerMinute, …). */
const HEALTH_CONNECT = [
  'active calories burned', 'total calories burned', 'basal metabolic rate', 'body water mass', 'bone mass',
  'heart rate variability rmssd', 'menstruation flow', 'menstruation period', 'oxygen saturation',
  'resting heart rate', 'skin temperature', 'sleep session', 'steps cadence', 'wheelchair pushes', 'beats per minute',
  'relation to meal', 'specimen source', 'cycling pedaling cadence', 'elevation gained', 'floors climbed',
  'vo2 milliliters per minute kilogram', 'oxygen level', 'spo2 level', 'blood oxygen saturation',
  // StepsRecord.count read with its record's name (`steps_count`), as HealthKit's step count.
  'steps count',
];

/** Open mHealth schemas (omh:body-weight, omh:blood-glucose, omh:sleep-episode …) and their properties. */
const OPEN_MHEALTH = [
  'systolic blood pressure', 'diastolic blood pressure', 'temporal relationship to meal',
  'temporal relationship to sleep', 'temporal relationship to physical activity', 'kcal burned',
  'total sleep time', 'latency to sleep onset', 'latency to arousal', 'number of awakenings',
  'sleep maintenance efficiency percentage', 'wake after sleep onset', 'minutes moderate activity',
  'sleep episode', 'is main sleep', 'reported activity intensity',
];

/** FHIR vital-signs profiles and the LOINC long common names they code (29463-7 Body weight, …). */
const FHIR_LOINC = [
  'body weight', 'body height', 'head circumference', 'oxygen saturation in arterial blood', 'blood pressure panel',
  'mean blood pressure', 'hemoglobin a1c', 'hba1c', 'glucose in blood', 'glucose in capillary blood',
  'vital signs', 'heart rate panel',
];

/** IEEE 11073-10101 nomenclature reference ids, read by their words (MDC_PULS_OXIM_SAT_O2 → "puls oxim sat o2"). */
const IEEE_11073 = [
  'mass body actual', 'len body actual', 'ratio mass body len sq', 'puls oxim sat o2', 'puls oxim puls rate',
  'puls rate non inv', 'press bld noninv sys', 'press bld noninv dia', 'press bld noninv mean', 'temp body',
  'conc glu capillary wholeblood', 'conc glu gen', 'ecg heart rate', 'resp rate', 'tthor resp rate', 'mass body lean',
];

/**
 * Nightscout's entries, treatments, profile and device-status documents: the format every open CGM and
 * insulin-loop tool writes (xDrip, Loop, AndroidAPS, OpenAPS). `sgv`/`mbg` are sensor and meter glucose,
 * `iob`/`cob` insulin and carbs on board, `dia` the insulin's action time, `carbratio`/`isf` therapy settings.
 */
const NIGHTSCOUT = [
  'sgv', 'mbg', 'bg', 'eventual bg', 'snooze bg', 'pred bgs', 'predicted bg', 'predicted glucose', 'bg delta',
  'iob', 'cob', 'insulin on board', 'carbs on board', 'basal', 'basal rate', 'basal iob', 'bolus', 'bolus iob',
  'bolus snooze', 'bolusing', 'temp basal', 'net basal insulin', 'high temp insulin', 'insulin req',
  'sensitivity ratio', 'carb ratio', 'carbratio', 'carbs hr', 'isf', 'insulin sensitivity', 'insulin sensitivity factor',
  'dia', 'target bg', 'glucose value', 'glucose level', 'sensor glucose', 'meter glucose', 'trend arrow',
  'time in range', 'carb intake', 'insulin dose', 'insulin units',
];

/**
 * Exercise physiology as fitness platforms export it (HealthKit's workout effort, Health Connect's
 * exercise sessions, the thresholds that sports-science tests measure): limits of one person's body.
 */
const EXERCISE_PHYSIOLOGY = [
  'maximum heart rate', 'aerobic threshold', 'anaerobic threshold', 'lactate threshold', 'functional threshold power', 'rating of perceived exertion', 'perceived exertion', 'rpe',
  'workout effort score', 'estimated workout effort score', 'cardio load', 'muscle load', 'training effect',
  'aerobic training effect', 'anaerobic training effect',
  // Banister's training impulse (TRIMP) and a day's training load however a watch shortens it (`dayTrainLoad`).
  'trimp', 'training impulse', 'train load',
];

/**
 * Abbreviations of vital-signs charting (nursing early-warning scores such as NEWS2, and the monitors
 * that print them) and of sleep studies: systolic and diastolic blood pressure, fasting blood glucose and blood glucose level,
 * a pulse oximeter's perfusion index; and the wearables' wrist temperature (Apple's sleeping wrist
 * temperature, Oura's and Ultrahuman's skin readings).
 */
const VITAL_SIGNS_CHARTING = ['sbp', 'dbp', 'fbg', 'bgl', 'perfusion index', 'wrist temperature', 'sleeping wrist temperature',
  // Sleep medicine's oxygen desaturation index, and the resting heart rate as training logs and wearables
  // abbreviate it (`rhr`).
  'odi', 'oxygen desaturation index', 'rhr'];

/** Every phrase above, as strong health vocabulary (vocabulary.ts adds them to STRONG_PHRASES.health). */
export const STANDARD_HEALTH_PHRASES: readonly string[] = [
  ...HEALTHKIT, ...HEALTH_CONNECT, ...OPEN_MHEALTH, ...FHIR_LOINC, ...IEEE_11073, ...NIGHTSCOUT, ...EXERCISE_PHYSIOLOGY, ...VITAL_SIGNS_CHARTING,
];

/**
 * Containers of an insulin therapy's settings and doses, whose every number is part of the therapy: the
 * profile Nightscout stores (`basal`, `carbratio`, `sens`, `target_low`/`target_high`, each a list of
 * `{time, value}` by time of day), the insulin pump's basal-rate profiles and bolus of IEEE 11073-10419
 * (basal rate schedules, carbohydrate ratios, insulin sensitivity factors, glucose targets), and an insulin
 * dose's parts (food, correction, active insulin). A schedule of insulin is the body's, not a habit.
 */
export const THERAPY_CONTAINERS: readonly string[] = [
  'basal schedules', 'basal schedule', 'basal profile', 'basal profiles', 'basal rate schedule', 'basal rate profile',
  'carb ratios', 'carbratio', 'carb ratio', 'carbohydrate ratios', 'insulin sensitivities', 'insulin sensitivity',
  'sens', 'isf', 'bg targets', 'bg target', 'glucose targets', 'target low', 'target high', 'dose', 'bolus',
];

/**
 * How a person is moving, as a phone's motion coprocessor reports it and location-sharing apps forward it
 * (`isDriving`, `inTransit`, `userActivity`): what a person does (docs/CORPUS.md). The words are those of
 * the public activity-recognition APIs, in our own arrangement: Android's ActivityRecognition DetectedActivity
 * (IN_VEHICLE, ON_BICYCLE, ON_FOOT, WALKING, STILL) and Apple Core Motion's CMMotionActivity (automotive,
 * cycling, walking, stationary). Not `running`, `moving` or `walking` alone: a program runs, a robot moves, and a stride is measured walking.
 */
export const MOTION_ACTIVITY_PHRASES: readonly string[] = [
  'is driving', 'driving', 'in transit', 'is in transit', 'in vehicle', 'is in vehicle', 'on foot', 'on bicycle', 'is walking',
  'is cycling', 'automotive', 'user activity', 'motion activity', 'detected activity', 'activity recognition',
];

import type { DataCategory } from '../categories.js';
import { RECORD_TOKEN_PHRASES, STANDARD_CREDENTIAL_PHRASES } from './credential-vocabulary.js';
import { STANDARD_HEALTH_PHRASES, THERAPY_CONTAINERS } from './health-vocabulary.js';
import { PERSON_ROLES } from './person-roles.js';
import { DEVICE_KINDS } from './device-kinds.js';
import { MESH_NETWORK_PHRASES } from './network-ids.js';
import { BIRTH_PART_PHRASES, TRAIT_FLAG_PHRASES } from './person-traits.js';
import { CATALOGUE_ID_PHRASES, PLAYBACK_PHRASES } from './consumption-vocabulary.js';
import { MOTION_ACTIVITY_PHRASES } from './motion-activities.js';

/**
 * Whom a wearable or a tracker calls or texts for help (a watch's SOS button; ICE, "in case of emergency"):
 * another person (docs/CORPUS.md: emergency contacts are personal and third_party). Not a bare
 * `emergencyNumber`: public services' numbers are nobody's.
 */
/**
 * Who is calling, as telephony signalling names it: the calling line identity (ITU-T Q.731.3 CLI, the number a
 * phone shows), the calling party's number (ISUP), and the number a call was redirected from (ISDN RDNIS, SIP
 * `Diversion`). Each names the other party of a call: personal and third_party (docs/CORPUS.md: the other
 * party of an activity).
 */
const CALLING_PARTY_PHRASES: readonly string[] = ['cli', 'calling line identity', 'calling line id', 'calling number',
  'calling party', 'calling party number', 'rdnis', 'redirecting number', 'diversion number'];
const EMERGENCY_CONTACT_PHRASES: readonly string[] = ['sos phone', 'sos number', 'sos numbers', 'sos contact', 'sos contacts',
  'ice contact', 'ice contacts', 'emergency contact', 'emergency phone', 'emergency contact phone', 'emergency contact name'];

/**
 * The words of keys, as data. Phrases are matched on the key's words (`device serial number`), joined
 * without spaces, so `serialNumber`, `serial_number` and `SerialNo` meet the same entry.
 * - strong: the phrase names the data (`email`, `imei`, `heart rate`);
 * - weak: the phrase suggests it, and yields to a value that shows what it really is (an `address`
 *   holding an IP is a network id, not a street) and to negative vocabulary (`room temperature`).
 * The labelling rules (docs/CORPUS.md) decide what is listed: radio readings, battery, temperature,
 * uptime, timezones, report timestamps and names of appliances are *not* personal data.
 */
export const STRONG_PHRASES: Readonly<Record<DataCategory, readonly string[]>> = {
  location: [
    'lat', 'latitude', 'longitude', 'lng', 'lon', 'altitude', 'elevation', 'coordinates', 'coordinate', 'coords',
    'geo', 'geo location', 'geolocation', 'gps', 'geohash', 'lat lng', 'lat lon', 'lat long', 'latlng', 'street',
    'street address', 'address line', 'house number', 'city', 'town', 'zip', 'zip code', 'zipcode', 'postcode',
    'post code', 'postal code', 'postalcode', 'geofence', 'geofences', 'waypoint', 'waypoints', 'polygon',
    'home location', 'home address', 'room name', 'room', 'rooms', 'place name', 'hdop', 'vdop', 'pdop', 'cog',
    'vac', 'in regions', 'inregions', 'inrids', 'region name', 'robot position', 'robot pos', 'map position',
    'location name', 'full address', 'formatted address', 'province', 'district', 'neighborhood',
    'county', 'distance from home', 'bearing from home', 'home fence', 'distance from home fence',
    'relative distance from home fence', 'entered zones', 'current zones', 'away radius', 'home radius',
    'locality', 'administrative area', 'gps accuracy', 'location accuracy', 'zone name', 'place name', 'area name', 'horizontal accuracy', 'vertical accuracy', 'h accuracy', 'v accuracy',
    'region radius', 'geofence radius', 'fence radius', 'site id', 'pmap id', 'user pmapv id', 'pmapv id',
    // Positions under the names other vendors give them: E7 integers, encoded routes, the places of a trip.
    'latitude e', 'longitude e', 'lat e', 'lng e', 'polyline', 'encoded polyline', 'route', 'breadcrumbs', 'track points',
    'trackpoints', 'street name', 'street number', 'house no', 'apartment', 'billing address', 'shipping address',
    'work address', 'home coordinates', 'plus code', 'what three words', 'start location', 'end location',
    'origin address', 'destination address', 'venue', 'current location', 'last location', 'last known location',
    // A place's name written out (`city_name` of a peer's or a visitor's geolocation) and its GeoNames id.
    'city name', 'town name', 'locality name', 'geoname id', 'geonames id',
    // Named parts of a building, as occupancy and building APIs name them (Brick's Building and Floor), and a room's
    // or a zone's name written as its label. Not a site's or a place's name alone: in a home's API the site or the
    // root place is the household, whose name is personal (docs/CORPUS.md).
    'building name', 'floor name', 'room label', 'zone label', 'area label',
  ],
  network: [
    'ssid', 'essid', 'bssid', 'wifi name', 'wifi ssid', 'network name', 'ip', 'ip address', 'ipv', 'ipaddr',
    'ip addr', 'local ip', 'public ip', 'remote ip', 'client ip', 'wan ip', 'lan ip', 'sta ip', 'external ip',
    'gateway ip', 'dns', 'dns server', 'access point mac', 'router mac', 'ap mac', 'apmac', 'macofap', 'mac of ap',
    'pan id', 'panid', 'extended pan id', 'ext pan id', 'extpanid', 'extendedpanid', 'xpanid', 'network address',
    'hostname', 'host name', 'sip from', 'sip to', 'sip server ip', 'router ip', 'default gateway', 'log host',
    'wan address', 'lan address', 'public address', 'external address', 'remote address', 'client address', 'peer ip',
    'connected network', 'wifi network', 'access point name', 'router name', 'mesh id', 'network id', 'fqdn',
    // A host's name in DNS (a VPN peer's `dns_label`, `extra_dns_labels`, `dnsName`): a host name.
    'dns label', 'dns labels', 'dns name', 'dns names',
    // The name of an SSID record (`lastSSID: {name}`) is the SSID itself.
    'ssid name', 'wifi ssid name',
    ...MESH_NETWORK_PHRASES,
  ],
  device: [
    'mac', 'mac address', 'macaddr', 'hw addr', 'hwaddr', 'hardware address', 'device id', 'device uuid', 'hardware uuid',
    'device serial', 'serial', 'serial number', 'imei', 'imsi', 'iccid', 'meid', 'vin', 'ieee address', 'ieee addr',
    'ieee', 'eui', 'eui64', 'dev eui', 'deveui', 'chip id', 'chipid', 'udid', 'hardware id', 'bridge id', 'unique id', 'uniqueid',
    'android id', 'camera id', 'cam id', 'tag id', 'rfid', 'rfid tag', 'nfc id', 'nfc tag',
    'nfc uid', 'card uid', 'bluetooth address', 'bt addr', 'bt mac', 'ble mac', 'ble address', 'wifi mac',
    'robot id', 'blid', 'gateway id', 'gw id', 'gwid', 'unit id', 'node id', 'sensor id', 'thing name',
    'doorbot id', 'terminal uuid', 'terminal id', 'vehicle id', 'equipment id', 'mqtt client', 'fallback topic', 'local name', 'esn', 'mobblid', 'auth domain',
    // Per-unit ids under the names other vendors give them (`hwid`, `cpuSerial`, `eid`, a tag's `epc`).
    'serial no', 'hardware serial', 'board id', 'cpu id', 'cpu serial', 'chip serial', 'module id', 'modem id',
    'sim id', 'eid', 'card uid', 'card id', 'badge id', 'fob id', 'key fob', 'transponder', 'epc', 'tag uid', 'license plate',
    'plate number', 'number plate', 'ethernet mac', 'eth mac', 'lan mac', 'station mac', 'sta mac', 'device serial number',
    'device mac', 'device sn', 'product serial', 'unit serial', 'ble address', 'bluetooth mac', 'zigbee id', 'ieee id', 'ext addr',
    'extended address', 'node address', 'zwave id', 'frame number', 'duid', 'device url', 'device uri', 'upnp uuid', 'upnp id',
    // GS1's serialised GTIN: the product code plus this unit's serial (a HomematicIP or Vaillant unit's `sgtin`).
    'sgtin', 'serialized global trade item number', 'serialised global trade item number',
    // A unit's identifier written out with its noun (`imei_number`): the noun is no quantity here.
    'imei number', 'imei no', 'imsi number', 'iccid number', 'meid number', 'vin number', 'chassis number',
    // A unit's own key pair is its identity (a VPN node's `nodeKey`/`machineKey`, a car's or a phone's public key).
    'node key', 'machine key', 'node public key', 'machine public key', 'device public key', 'vehicle public key',
    // A MAC named before the radio it belongs to (`mac_wifi`, `mac_ble`, `macEth`), as the other order is above.
    'mac wifi', 'mac wlan', 'mac ble', 'mac bt', 'mac bluetooth', 'mac eth', 'mac ethernet', 'mac lan',
    'phone public key', 'peer public key',
    // A Thread border router's own id (Thread 1.3 Border Agent ID, published in its mDNS record): this unit's.
    'border agent id',
    // UPnP Device Architecture's Unique Device Name (`UDN: "uuid:…"`, every DLNA renderer and media server) and the
    // RFID card an EV charger is unlocked with (OCPP 1.6's `idTag`, a charger's `RfidTokenUid`): this unit, this tag.
    // Not `hwId`: TP-Link's and others' hardware id names the model's hardware, shared by every unit.
    'udn', 'unique device name', 'id tag', 'ocpp id tag', 'rfid uid', 'rfid token uid', 'rfid token id',
    // A heating, ventilation or access-control system is the unit installed in the home (a boiler with its
    // controller, a door controller): its id names that installation, as a gateway id does, not a person.
    'system id',
    // TR-181's name for an interface's or a host's MAC (`Device.Hosts.Host.{i}.PhysAddress`), which the routers and
    // gateways that speak TR-069/TR-181 report for every LAN client. Abbreviated only: a `physicalAddress` may be
    // a street.
    'phys address',
  ],
  personal: [
    'first name', 'last name', 'full name', 'given name', 'family name', 'surname', 'middle name', 'user name',
    'username', 'login', 'email', 'e mail', 'email address', 'mail', 'phone', 'phone number', 'mobile',
    'mobile number', 'msisdn', 'owner', 'owner id', 'owner name', 'owner email', 'user id', 'user uuid', 'account id',
    'account name', 'customer id', 'member id', 'person id', 'person name', 'household id', 'home id',
    'family id', 'house id', 'birthday', 'birth date', 'birthdate', 'date of birth', 'dob', 'birth year',
    'year of birth', 'sex', 'gender', 'user', 'user email', 'account', 'account email', 'contact name', 'imsi',
    'mqtt user', 'other user',
    'contact email', 'profile id', 'profile name', 'tid', 'psid', 'page scoped id', 'client id',
    'user display name', 'real name', 'home name', 'family name', 'tenant id', 'ppid',
    'location id', 'num adults', 'num children', 'adults', 'children', 'handedness', 'age', 'house name',
    // Free text a person writes about themself, and whether an account is a minor's.
    'about me', 'bio', 'biography', 'is child', 'is minor', 'is kid',
    // Other names of the account holder and of what identifies them.
    'screen name', 'login id', 'login name', 'account number', 'customer number', 'subscriber id', 'subscription id',
    'membership id', 'member number', 'account holder', 'holder name', 'cardholder', 'initials', 'pronouns', 'nationality',
    'marital status', 'occupation', 'religion', 'ethnicity', 'national id', 'passport number', 'driver license',
    'drivers license', 'ssn', 'social security number', 'tax id', 'year born', 'birth', 'user handle', 
    'email verified', 'contact phone', 'phone no', 'telephone', 'cell phone', 'mobile phone', 'household name', 'family name',
    'account uuid', 'user guid', 'owner uuid', 'household uuid', 'home uuid', 'person uuid', 'party id', 'civility',
    'salutation', 'organizer', 'organiser',
    // A gender given as a code or a category (HL7 FHIR's administrative gender code, CRMs' `gender_type: "F"`): the
    // person's gender, not a vendor's type.
    'gender type', 'gender code', 'sex code',
    // The numbers of a person's identity documents (ISO/IEC 18013 driving licence, ICAO passports, national id cards).
    'license number', 'licence number', 'document number', 'identification number', 'national identification number',
    'id card number', 'surname prefix', ...EMERGENCY_CONTACT_PHRASES,
    // An installation is the household's site a heating, solar or alarm system is set up in: its id and name are the home's.
    'installation id', 'installation name',
    // The account's own space at a cloud service (a workspace, as access-control and satellite-messenger APIs call
    // it; Twilio-style `AccountSid`): its id and name identify the account holder, as an account id does.
    'workspace id', 'workspace uuid', 'workspace name', 'account sid',
    // A business customer's account is its organisation (camera, occupancy-sensor and messaging clouds' `org_id`,
    // `organization_id`): its id and its own name identify the account holder as an account id and name do.
    'org id', 'org uuid', 'org name', 'organization id', 'organisation id', 'organization uuid', 'organisation uuid',
    'organization name', 'organisation name',
    // The name or number a phone shows for who is calling identifies that person (third_party too, below).
    'caller id', 'caller name', 'caller number', ...CALLING_PARTY_PHRASES,
    ...BIRTH_PART_PHRASES, ...TRAIT_FLAG_PHRASES,
  ],
  credentials: [
    'password', 'passwd', 'pwd', 'pass', 'passphrase', 'psk', 'secret', 'client secret', 'token', 'access token',
    'refresh token', 'auth token', 'id token', 'session token', 'bearer', 'api key', 'apikey', 'local key',
    'localkey', 'sec key', 'seckey', 'secret key', 'private key', 'access key', 'auth key', 'authkey',
    'encryption key', 'enc key', 'aes key', 'offline key', 'lock key', 'network key', 'master key', 'app key',
    'signature', 'sig', 'cookie', 'authorization', 'pin', 'pin code', 'otp', 'jwt', 'session token',
    'csrf', 'csrf token', 'hmac', 'credentials', 'credential', 'auth', 'sip token',
    'mqtt password', 'mqtt pass', 'link key', 'install code', 'wpa key', 'security key', 'passcode', 'access code',
    'user key', 'device key', 'device secret', 'webhook id', 'webhook', 'webhook url', 'cloudhook url',
    'cloudhook id', 'push token', 'push notification key', 'notification key', 'registration token', 'product secret', 'safe word', 'refresh', 'id token',
    // Codes that open a door or an account, and keys that pair or decrypt.
    'setup code', 'pairing code', 'pairing key', 'pair key', 'passkey', 'auth code', 'authorization code', 'verification code',
    'security code', 'lock code', 'user code', 'door code', 'keypad code', 'alarm code', 'disarm code', 'duress code',
    'duress pin', 'master code', 'master pin', 'admin password', 'wifi password', 'wifi pass', 'wifi key', 'wpa psk',
    'pre shared key', 'preshared key', 'shared secret', 'consumer secret', 'app secret', 'api secret', 'api token',
    'bearer token', 'session key', 'session secret', 'xsrf', 'xsrf token', 'totp', 'otp secret', 'bind key', 'bindkey',
    'beacon key', 'ltk', 'irk', 'long term key', 'identity key', 'sas token', 'sas key', 'shared access key',
    'connection string', 'primary key', 'secondary key', 'device token', 'fcm token', 'apns token', 'gcm token',
    'firebase token', 'auth secret', 'secret token', 'login token', 'remember token', 'password hash', 'pin hash',
    'unlock code', 'one time password', 'code verifier', 'client assertion', 'key secret', 'encryption secret',
    // The code that opens a parcel locker's compartment or a door for whoever types it (`openCode`).
    'open code', 'opening code', 'pickup code', 'pick up code', 'collection code',
    // Codes that let somebody into a household or a device, and abbreviated private keys (`wgs_priv`).
    'share code', 'sharing code', 'invite code', 'invitation code', 'join code', 'claim code', 'activation code', 'bind code',
    'binding code', 'priv', 'priv key', 'license key', 'licence key',
    // The names the home's radio and pairing standards give their secrets (Thread, Matter, Z-Wave S2, Zigbee, WPA3).
    ...STANDARD_CREDENTIAL_PHRASES,
  ],
  health: [
    'weight', 'body weight', 'body height', 'body fat', 'fat', 'fat ratio', 'fat mass', 'fat free mass', 'bmi',
    'heart rate', 'heartrate', 'hr', 'pulse', 'resting heart rate', 'hrv', 'heart rate variability',
    'blood pressure', 'systolic', 'diastolic', 'bp', 'spo', 'spo2', 'oxygen saturation', 'blood oxygen',
    'glucose', 'blood glucose', 'body temperature', 'skin temperature', 'muscle mass', 'bone mass', 'hydration',
    'body water', 'visceral fat', 'metabolic rate', 'bmr', 'sleep duration', 'sleep score', 'sleep stage',
    'sleep stages', 'sleep efficiency', 'sleep latency', 'deep sleep', 'rem sleep', 'light sleep',
    'steps', 'step count', 'calories', 'calorie', 'active calories', 'respiration rate', 'respiratory rate',
    'breathing rate', 'vo max', 'stress', 'stress level', 'body mass', 'lean mass', 'protein', 'heart beat',
    'heartbeat rate', 'snoring', 'time asleep', 'awake time', 'body age', 'cholesterol', 'ecg', 'nap time',
    'respiration', 'hrv', 'intensity minutes', 'vigorous intensity minutes', 'moderate intensity minutes',
    'lactate threshold heart rate', 'max heart rate', 'sleep need', 'vo max running', 'vo max cycling',
    // Gait is measured from the body (and derived from height): fitness APIs send it with the profile.
    'stride length', 'stride', 'step length', 'gait',
    // Other names of the same body measurements (wearables, rings, scales, sleep pads, glucose meters).
    'breath', 'breaths', 'breathing', 'breath rate', 'average breath', 'rmssd', 'sdnn', 'hrv rmssd', 'rr interval',
    'rr intervals', 'ibi', 'recovery score', 'recovery', 'readiness', 'readiness score', 'strain', 'kilojoule',
    'kilojoules', 'energy burned', 'active energy', 'basal energy', 'resting energy', 'active minutes', 'sedentary minutes',
    'lightly active minutes', 'fairly active minutes', 'very active minutes', 'activity calories', 'calories burned',
    'calories out', 'calories in', 'calorie burn', 'body battery', 'training load', 'training readiness', 'fitness age',
    'heart zone', 'heart rate zone', 'heart rate zones', 'time in zone', 'pulse rate', 'pulse wave velocity', 'pwv',
    'vascular age', 'afib', 'atrial fibrillation', 'arrhythmia', 'irregular heartbeat', 'heart rhythm', 'blood sugar',
    'insulin', 'carbs', 'carbohydrates', 'ketone', 'ketones', 'menstrual', 'menstruation', 'ovulation', 'fertile',
    'fertility', 'pregnancy', 'cycle day', 'basal body temperature', 'temperature deviation', 'temperature trend deviation',
    'skin temp', 'skin temperature', 'core temperature', 'restless', 'restlessness', 'restless periods', 'toss and turn',
    'tosses and turns', 'hypnogram', 'sleep phase', 'sleep phases', 'sleep quality', 'sleep onset', 'awakenings',
    'wake count', 'wakeup count', 'times awake', 'awake', 'rem', 'deep', 'light sleep duration', 'deep sleep duration',
    'rem sleep duration', 'total sleep', 'total sleep duration', 'total sleep time', 'sleep efficiency', 'mood',
    'apnea', 'ahi', 'snore', 'cough', 'waist', 'waist circumference', 'hip circumference', 'chest circumference',
    'metabolic age', 'bone mineral', 'skeletal muscle', 'subcutaneous fat', 'impedance', 'body water percentage',
    'lean body mass', 'fat free weight', 'mean arterial pressure', 'blood oxygen level', 'spo two',
    'floors climbed', 'distance walked', 'walking distance', 'exercise minutes',
    'girth', 'waist girth', 'hip girth', 'arm girth', 'thigh girth', 'neck girth', 'chest girth', 'circumference',
    'head circumference', 'growth rate', 'stand hours', 'move minutes', 'heart points', 'zone minutes', 'sleep score', 'sleep latency', 'sleep need',
    // The names public standards give body measurements (HealthKit, Health Connect, Open mHealth, FHIR/LOINC, IEEE 11073, Nightscout).
    ...STANDARD_HEALTH_PHRASES,
  ],
  media: [
    'audio', 'audio data', 'image', 'image data', 'image url', 'picture', 'photo', 'photo url', 'video',
    'video url', 'face', 'snapshot', 'snapshot url', 'thumbnail', 'thumbnail url', 'thumb', 'recording',
    'recording url', 'clip', 'clip url', 'transcript', 'transcription', 'utterance', 'speech', 'voice',
    'spoken text', 'recognized text', 'avatar', 'avatar url', 'stream url', 'live stream url',
    'playback url', 'event image', 'preview url', 'cover art', 'file name', 'filename', 'raw text', 'raw value',
    'voice message', 'voicemail', 'voice note', 'audio clip', 'audio url', 'audio file', 'sound clip', 'video clip',
    'image base', 'photo base', 'still image', 'camera image',
    'motion image', 'event snapshot', 'face image', 'face crop', 'person image', 'selfie', 'profile picture',
    'profile photo', 'profile image', 'picture url', 'image path', 'video path', 'clip path', 'recording path', 'stt',
    'asr', 'recognized speech', 'recognised speech', 'speech text', 'voice text', 'dictation', 'heard text',
    // Plural lists and speech recognisers' partial results (Vosk/Kaldi `partial`).
    'utterances', 'transcripts', 'transcriptions', 'partial', 'partial result', 'partial transcript',
  ],
  behaviour: [
    'presence', 'occupancy', 'occupied', 'at home', 'is home', 'in bed', 'bed occupancy', 'motion', 'on time',
    'button event', 'buttonevent',
    // Whether a camera currently sees a known person (`out_of_sight`): presence, as `at home` is.
    'out of sight', 'in sight',
    'user present', 'is user present', 'alarming', 'unlocked', 'stationary', 'motionless', 'motionless count',
    'raw text', 'raw value', 'entered zones', 'current zones', 'sleep time', 'wake time', 'wake up time',
    'lock status', 'door status', 'door state', 'door open', 'window open', 'contact open', 'door closed',
    'window closed', 'is open', 'opened', 'closed',
    'motion detected', 'last motion', 'door', 'door state', 'window state', 'contact', 'button', 'button press',
    'pressed', 'last command', 'intent', 'intent name', 'activities', 'trip',
    'trips', 'schedule', 'schedules', 'history', 'watch history', 'viewing history', 'now playing',
    'media title', 'artist', 'track', 'album', 'last activity', 'last used', 'daily total', 'today', 'yesterday',
    'odometer', 'mileage', 'lock event', 'unlock', 'locked', 'lock state', 'last lock', 'wake up',
    'initiator', 'is moving', 'moving', 'event', 'arrived', 'arrival', 'departure', 'clean schedule',
    'recent', 'playing', 'watching', 'action', 'triggered by', 'last event', 'visits',
    'intent', 'intent display name', 'slots', 'alarm state', 'mission', 'missions', 'cleaning history', 'clean history',
    // Not a bare `alarm`, `query` or `click`: a machine's alarm flag or a capability (`i_alarm`, `is_alarm`), a URL's or
    // a stream's parameters, the link a notification opens. Arming, alarm times, DNS queries and button clicks have
    // their own names (`alarm state`, `alarm time`, `click type`) or are read by their content.
    // What a person does and when, under the names other vendors give it.
    'armed', 'arm state', 'arming state', 'armed state', 'alarm mode', 'security state', 'security mode', 'disarmed',
    'is away', 'vacant', 'vacancy', 'is asleep', 'asleep', 'sleeping', 'is sleeping',
    'bed presence', 'someone home', 'anyone home', 'people home', 'last opened', 'last closed', 'last unlocked',
    'last locked', 'last triggered', 'last pressed', 'last ring', 'last ding', 'last visit', 'last arrival',
    'last departure', 'last entry', 'last trip', 'last ride', 'last drive', 'last detection', 'last person',
    'last seen home', 'last home', 'performed by', 'initiated by', 'changed by', 'unlocked by', 'locked by', 'opened by',
    'armed by', 'disarmed by', 'actor', 'user action', 'voice command',
    'current activity', 'activity type', 'activity name', 'workout', 'workouts', 'exercise', 'sport', 'sport type',
    'trip distance', 'drive distance', 'daily distance', 'energy today', 'today energy', 'daily energy',
    'monthly energy', 'total energy', 'energy total', 'consumption', 'daily consumption', 'total consumption',
    'usage today', 'runtime today', 'cleaning time', 'clean time', 'cleaned area', 'total cleaning time',
    'song', 'episode', 'playlist', 'media content id', 'media title', 'now watching', 'watched', 'bedtime',
    'alarm time', 'wakeup alarm', 'away schedule', 'access log', 'event log', 'activity log', 'door events', 'lock events',
    'gesture', 'click type', 'press type', 'double tap', 'long press', 'scene activated', 'last scene',
    'total day', 'total week', 'total month', 'total year', 'total today', 'session energy', 'energy charged',
    'energy consumed', 'energy used', 'charged energy', 'total charges number', 'charges number', 'charge duration',
    'charging duration', 'session duration', 'number of sessions', 'door status', 'window status', 'hatch status',
    'trunk status', 'trunk state', 'hood state', 'sunroof state', 'tailgate state', 'doors state', 'windows state',
    'entered', 'exited', 'check in', 'checkin', 'visit', 'journey', 'journeys', 'drives', 'rides',
    // What somebody watched, heard or read: catalogue ids of the work and how far they got (consumption-vocabulary.ts).
    ...CATALOGUE_ID_PHRASES, ...PLAYBACK_PHRASES,
    // A mode the household sets when nobody is home, or when guests are (Matter Thermostat's Vacation preset, a party).
    'holiday mode', 'vacation mode', 'away mode', 'party mode', 'is holiday mode active', 'is vacation mode active',
    // Time a wearer spent still or active over a day (Oura's activity classes and non-wear time, Garmin's and Jawbone's
    // sedentary and inactive time); not a bare `activeTime` or `idleTime`, which machines report of themselves too.
    'sedentary time', 'inactive time', 'non wear time', 'longest idle time', 'longest active time', 'activity time',
    'high activity time', 'medium activity time', 'low activity time',
    // How a person is moving, as activity recognition reports it (motion-activities.ts).
    ...MOTION_ACTIVITY_PHRASES,
  ],
  third_party: [
    'contacts', 'neighbors', 'neighbours', 'nearby devices', 'visitors', 'visitor', 'guests', 'guest',
    'members', 'household members', 'recognized faces', 'known faces', 'faces', 'friends', 'other user',
    'family members', 'circle members', 'participants', 'attendees', 'followers', 'following', 'caregivers',
    'people', 'persons', 'known people', 'recognized people', 'recognised people', 'detected people', 'beacons',
    'ble devices', 'bluetooth devices', 'discovered devices', 'found devices', 'scanned devices', 'available networks',
    'visible networks', 'other networks', 'neighbor networks', 'neighbour networks', 'sharees', 'shared users', 'delegates',
    'callers', 'caller', 'caller id', 'callee', 'neighbor', 'neighbour', ...CALLING_PARTY_PHRASES,
    ...EMERGENCY_CONTACT_PHRASES,
  ],
};

/** Suggestive but ambiguous phrases: they yield to value validators and negative vocabulary. */
export const WEAK_PHRASES: Readonly<Record<DataCategory, readonly string[]>> = {
  // Not `speed`: a car's, a mower's or a voice's speed is no place; with a position it is (fix-companions.ts).
  location: ['address', 'location', 'loc', 'position', 'pos', 'place', 'accuracy', 'acc', 'vel', 'velocity',
    'heading', 'course', 'bearing', 'site', 'alt', 'point', 'pose', 'points', 'pixels',
    'compressed pixels', 'radius', 'zones', 'angle',
    // A trip's destination is a place, a static route's (`{destination, gateway, netmask}`) an address and a
    // message's a recipient: weak, so an address or an id in the value decides.
    'destination'],
  network: ['gateway', 'gw'],
  device: ['serial'],
  // `uid` names a user as often as a tag or a program: weak, so a small index or a value shape decides.
  personal: ['sid', 'customer', 'uid'],
  credentials: ['tokens', 'sign'],
  health: ['water', 'bone', 'muscle', 'heart', 'height', 'oxygen', 'respiratory', 'vo'],
  media: [],
  behaviour: ['routine', 'usage'],
  third_party: [],
};

/**
 * Negative vocabulary: words that say a value is a reading or a setting, not about a person. Anywhere in a
 * key they veto weak signals; as the key's head (its last word) they veto the key's and its context's
 * signals altogether (`wifiRssi`, `location.timezone`, `firmwareVersion` holding `1.2.3.4`).
 */
export const NEGATIVE_WORDS: readonly string[] = [
  'rssi', 'snr', 'signal', 'signal strength', 'signal quality', 'signal level', 'link quality', 'lqi', 'quality',
  'noise', 'channel', 'bandwidth', 'link speed', 'tx power', 'txpower', 'band', 'frequency', 'freq', 'battery',
  'batt', 'bat', 'voltage', 'charging', 'charge', 'firmware', 'software', 'version', 'hardware version',
  'model', 'model id', 'model name', 'sku', 'product', 'product id', 'product key', 'product name', 'manufacturer',
  // A time zone's name or id (`timeZoneName: "America/New_York"`) is a setting, not a zone somebody named.
  'time zone name', 'time zone id', 'tz name', 'tz id',
  // A file's signature is its format's magic number (an ICC profile's `ProfileFileSignature: "acsp"`), nobody's seal.
  'file signature',
  'vendor', 'brand', 'timezone', 'time zone', 'tz', 'utc offset', 'gmt offset', 'offset', 'offset from utc', 'dst', 'locale', 'language',
  'lang', 'temperature', 'temp', 'humidity', 'co', 'voc', 'pm', 'air quality', 'uptime', 'boot', 'boot count',
  'reboot', 'updated', 'updated at', 'created', 'created at', 'modified', 'expires', 'expiry', 'icon', 'logo',
  'expiration', 'expire', 'ttl', 'expires in', 'port', 'mask', 'netmask', 'subnet', 'subnet mask', 'interval',
  'period', 'count', 'unit', 'units', 'format', 'codec', 'encoding', 'algorithm', 'alg', 'key id', 'kid',
  'token type', 'type', 'typename', 'enabled', 'enable', 'supported', 'capability', 'power', 'current', 'rate limit',
  'resolution', 'width', 'bitrate', 'fps', 'frame rate', 'size', 'length', 'threshold', 'last login', 'last logout',
  'level', 'sensitivity', 'brightness', 'color', 'colour', 'hue', 'volume',
  // The age of a reading or a fix (seconds since it was taken: an inverter's `data_age`, an RTK correction's
  // `rtk_age`) and the bounds of a work's age rating (`minAge`, `maxAge`) are nobody's age.
  'data age', 'rtk age', 'fix age', 'gps age', 'min age', 'max age', 'minimum age', 'maximum age',
  // Settings and the machine's own resources: `preset_key`, `cpuUsage`, `memUsage`.
  'preset', 'presets', 'cpu', 'mem', 'memory', 'disk', 'heap', 'ram', 'flash', 'storage',
  'update', 'ota', 'upgrade', 'country', 'country code', 'region code', 'request id', 'message id', 'trace id',
  'correlation id', 'nonce', 'seq', 'sequence', 'checksum', 'crc', 'hash algorithm', 'error', 'code', 'status code',
  // Not `uri`: a URI names what it locates (a played track's `uri`, a snapshot's), so its record decides. Not
  // `progress`: how far somebody got in a work (`progress_ms` of a playback) is theirs; an update's is no finding anyway.
  'cloud', 'server', 'broker', 'endpoint', 'api', 'domain', 'topic', 'retain', 'qos', 'rtt', 'latency',
  'app version', 'sdk', 'protocol', 'cipher', 'auth mode', 'security', 'encryption', 'secure', 'filter', 'day',
    'format key', 'user agent', 'kind', 'entity', 'slot name', 'agent', 'last updated', 'last update', 'setup', 'date setup',
  // Enumerations of what a device can report (Hue `event_values`, an enum's `values`) describe the device.
  'event values', 'allowed values', 'possible values', 'valid values', 'supported values', 'supported events',
  ...RECORD_TOKEN_PHRASES,
];

/** Keys that say little alone: their parent names them (`owner.id`, `devices[].id`, `wifi.name`). */
export const GENERIC_HEADS: ReadonlySet<string> = new Set([
  'id', 'ids', 'identifier', 'identifiers', 'name', 'uuid', 'guid', 'key', 'value', 'val', 'number', 'no',
  'address', 'addr', 'label', 'title', 'display name', 'nickname', 'alias', 'friendly name', 'email', 'mail',
  'first name', 'last name', 'phone', 'identifiers', 'keys', 'href', 'url', 'uri', 'link', 'src', 'path', 'serial', 'serial number',
  // Quantities and states: `stepCount.qty`, `age.high`, `door1.status` are what their parent names.
  'qty', 'quantity', 'high', 'low', 'min', 'max', 'avg', 'mean', 'state', 'status', 'last reading',
]);

/** Parents whose generic `name`/`id` are a person's: `owner.name`, `contacts[].phone`, `match.name`. */
export const PERSON_WORDS: ReadonlySet<string> = new Set([
  'user', 'owner', 'member', 'contact', 'person', 'profile', 'account', 'customer', 'visitor', 'guest', 'match',
  'face', 'driver', 'resident', 'occupant', 'friend', 'admin', 'me', 'self', 'primary', 'secondary', 'emergency',
  'invitee', 'recipient', 'sender', 'author', 'creator', 'assignee', 'homeowner', 'tenant', 'patient', 'child',
  ...PERSON_ROLES,
]);

/** Words of a parent that make a URL under it a picture, clip or recording: `_links["snapshot/jpg"].href`. */
export const MEDIA_WORDS: ReadonlySet<string> = new Set([
  'snapshot', 'preview', 'clip', 'recording', 'video', 'image', 'thumbnail', 'playback', 'hls', 'dash', 'mjpg',
  'jpg', 'jpeg', 'png', 'mp', 'stream', 'photo', 'picture', 'avatar', 'audio', 'download', 'share',
]);

/** Physical things: their ids are device ids (`lockID`, `cameras[*].uuid`); an app's or a scene's id is not. */
export const DEVICE_THING_WORDS: ReadonlySet<string> = new Set([
  'device', 'appliance', 'plug', 'light', 'lamp', 'switch', 'relay', 'sensor', 'camera', 'doorbell', 'chime', 'robot',
  'vacuum', 'speaker', 'tv', 'outlet', 'meter', 'hub', 'bridge', 'lock', 'dock', 'doorbot', 'vehicle', 'car', 'tile',
  'tracker', 'thermostat', 'valve', 'base', 'basestation', 'keypad', 'gateway', 'node', 'unit', 'equipment', 'station',
  'module', 'thing', 'button', 'remote', 'phone', 'watch', 'scale', 'band', 'router', 'controller', 'panel',
  'bike', 'ebike', 'bicycle', 'scooter', 'printer', 'feeder', 'purifier', 'fan', 'heater', 'charger', 'inverter', 'evse',
  'mower', 'sprinkler', 'litterbox', 'washer', 'dryer', 'dishwasher', 'oven', 'fridge', 'refrigerator', 'humidifier',
  ...DEVICE_KINDS,
]);

/** Parents naming things whose names are no one's data: `device.name`, `scene.title`, `product.id`. */
export const THING_WORDS: ReadonlySet<string> = new Set([
  'device', 'appliance', 'scene', 'plug', 'light', 'lamp', 'switch', 'relay', 'sensor', 'product', 'model',
  'firmware', 'app', 'group', 'automation', 'entity', 'component', 'channel', 'input', 'output', 'button',
  'program', 'preset', 'mode', 'file', 'vendor', 'brand', 'manufacturer', 'service', 'thing', 'station', 'module',
  'camera', 'doorbell', 'chime', 'robot', 'vacuum', 'speaker', 'tv', 'outlet', 'meter', 'hub', 'bridge', 'lock',
  'dock', 'doorbot', 'vehicle', 'car', 'tile', 'tracker', 'thermostat', 'valve', 'base', 'basestation', 'keypad',
  'gateway', 'node', 'unit', 'layer', 'plan', 'client', 'oauth', 'slot', 'sensor', 'zone', 'equipment',
  'bike', 'ebike', 'bicycle', 'scooter', 'printer', 'feeder', 'purifier', 'fan', 'heater', 'charger', 'inverter', 'evse',
  'mower', 'sprinkler', 'litterbox', 'washer', 'dryer', 'dishwasher', 'oven', 'fridge', 'refrigerator', 'humidifier',
]);

/** Containers whose every leaf is about the category (`scan[*].*` are the neighbours' networks). */
export const CONTAINERS: Readonly<Record<DataCategory, readonly string[]>> = {
  location: ['coords', 'coordinates', 'position', 'gps', 'geo', 'geolocation', 'point', 'points', 'pose',
    'address', 'geofence', 'geofences', 'waypoint', 'waypoints', 'regions', 'home location', 'robot pos',
    'robot position', 'pmaps', 'polygon', 'gnss', 'fix', 'geometry', 'center', 'centre', 'x', 'y', 'drive state',
    'route', 'polyline', 'breadcrumbs', 'track points', 'trackpoints', 'gps points',
    'bearing from home', 'bearing'],
  network: [],
  device: [],
  personal: [],
  credentials: [],
  health: ['vitals', 'sleep', 'daily sleep', 'hrv', 'hrv summary', 'heart rate', 'zone duration', 'zone durations', 'heart rate zones',
    'blood pressure', 'body composition', 'respiration', 'spo', 'wellness', ...THERAPY_CONTAINERS],
  media: [],
  behaviour: ['schedule', 'schedules', 'clean schedule', 'history', 'watch history', 'viewing history',
    'usage', 'device usage', 'power usage', 'time usage', 'saved power', 'trips', 'trip', 'last command',
    'timers', 'alarms', 'routines', 'now playing', 'lock status', 'slots', 'door status', 'doors state', 'windows state',
    'doors status', 'windows status', 'door states', 'window states', 'lock states', 'current track', 'next track', 'playback state', 'watch history'],
  third_party: ['ap list', 'aplist', 'scan', 'scans', 'scan results', 'scan result', 'scan list', 'wifi scan',
    'ble scan', 'neighbors', 'neighbours', 'nearby', 'nearby devices', 'nearby networks', 'ble advertisements',
    'advertisements', 'contacts', 'members', 'household members', 'visitors', 'guests', 'friends',
    'recognized faces', 'known faces', 'other users', 'other user', 'shared users', 'shared with', 'invitees', 'primary contacts', 'secondary contacts', 'emergency contacts', 'scan results',
    'family members', 'circle members', 'participants', 'attendees', 'followers', 'caregivers', 'people', 'persons',
    'known people', 'recognized people', 'recognised people', 'detected people', 'beacons', 'ble devices',
    'bluetooth devices', 'discovered devices', 'found devices', 'scanned devices', 'available networks', 'visible networks',
    'other networks', 'neighbor networks', 'neighbour networks', 'sharees', 'delegates', 'callers',
    // Whom the owner's cameras watch for (a watch list of faces): strangers, not the household.
    'persons of interest', 'people of interest'],
};

/** Below these ancestors sizes are of pictures and boxes, not of bodies (`image.height`, `box.width`). */
export const GEOMETRY_CONTAINERS: readonly string[] = [
  'image', 'box', 'bbox', 'frame', 'video', 'thumbnail', 'snapshot', 'crop', 'rect', 'size', 'resolution',
  'screen', 'window', 'viewport', 'picture', 'photo', 'icon', 'font', 'file', 'files', 'stream', 'clip', 'recording',
  'display',
];

/** Below these ancestors keys describe what a device can do, not data (`capabilities.pose: 1`). */
export const NEUTRAL_CONTAINERS: readonly string[] = [
  'cap', 'caps', 'capabilities', 'capability', 'features', 'feature', 'definition', 'clusters',
  'configured reportings', 'exposes', 'schema', 'supported', 'options', 'settings schema',
  // Versions and timings of the software itself (`plugins_versions.age`, `execution_time.gender`).
  'versions', 'plugins versions', 'timings', 'execution time',
];

/** A sibling under one of these keys names what a `value` means (`{type: "weight", value: 71.4}`). */
export const NAMING_SIBLINGS: readonly string[] = ['type', 'code', 'name', 'metric', 'measure', 'kind', 'key',
  'field', 'dp', 'dpname', 'property', 'attribute', 'sensor', 'label', 'dataType', 'data_type', 'measurement',
  // Fitness and health stores name a point's type in full (`dataTypeName: "com.google.step_count.delta"`).
  'dataTypeName', 'data_type_name', 'typeName', 'type_name', 'metricName', 'metric_name', 'measureName', 'measure_name',
  // A metric's machine name (`slug: "heart_rate"`), as graphs of a workout name their series, and the title a
  // series is shown under (`{title: "Skin Temperature", values: [{value}]}`): a name written for people.
  'slug', 'title'];
export const VALUE_KEYS: readonly string[] = ['value', 'val', 'v', 'data', 'reading', 'amount', 'state', 'result', 'qty', 'quantity',
  'avg', 'average', 'last_reading', 'lastReading', 'latest',
  // The statistics of a named series are that quantity too (`{slug: "heart_rate", max_value, average_value}`).
  'max_value', 'min_value', 'average_value', 'avg_value', 'maxValue', 'minValue', 'averageValue', 'avgValue'];

/** Words expanded wherever they appear in a key. */
export const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['devid', ['device', 'id']], ['dev', ['device']], ['usr', ['user']], ['acct', ['account']],
  ['pwd', ['password']], ['passwd', ['password']], ['addr', ['address']], ['lng', ['longitude']],
  ['lat', ['latitude']], ['lon', ['longitude']], ['serialno', ['serial', 'number']], ['sn', ['serial', 'number']],
  ['ser', ['serial']], ['nr', ['number']], ['num', ['number']], ['cam', ['camera']], ['img', ['image']],
  ['pic', ['picture']], ['tel', ['phone']], ['uid', ['uid']], ['hwaddr', ['hw', 'addr']], ['temp', ['temperature']],
  ['tz', ['timezone']], ['fw', ['firmware']], ['sw', ['software']], ['ver', ['version']], ['batt', ['battery']],
  ['bat', ['battery']], ['ts', ['timestamp']], ['ssid', ['ssid']], ['geo', ['geo']], ['loc', ['location']],
  ['pos', ['position']], ['bday', ['birthday']], ['bpm', ['heart', 'rate']], ['email', ['email']],
  ['emailaddress', ['email']], ['ipaddress', ['ip']], ['ipaddr', ['ip']], ['macaddress', ['mac']],
  ['macaddr', ['mac']], ['username', ['user', 'name']], ['userid', ['user', 'id']], ['deviceid', ['device', 'id']],
  ['imei', ['imei']], ['apikey', ['api', 'key']], ['accesstoken', ['access', 'token']], ['wlan', ['wifi']],
  // An external id (`xid`, `user_xid`) is an id; BlurHash and ThumbHash strings are tiny encodings of a picture.
  ['xid', ['id']], ['blurhash', ['thumbnail', 'hash']], ['thumbhash', ['thumbnail', 'hash']],
  ['wi', ['wi']], ['coord', ['coordinates']], ['mssn', ['mission']], ['strt', ['start']], ['gw', ['gateway']], ['ieeeaddr', ['ieee']], ['ieee', ['ieee']],
  // Thread's extended address written as one word (`Extaddr` of an energy scan's entry): the radio's EUI-64.
  ['extaddr', ['ext', 'address']],
]);

/** Abbreviations too ambiguous inside a compound (`didChange`, `hrs`): expanded only as the head or alone. */
export const HEAD_ONLY_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['did', ['device', 'id']], ['no', ['number']], ['pw', ['password']], ['mob', ['mobile']], ['ph', ['phone']],
  // "S/No", "Ser. No.": a serial number as device makers abbreviate it on plates and in status (`sno`, `serno`);
  // head-only, like `no`: alone or last in a key it is the number, elsewhere it may be another word's start.
  ['sno', ['serial', 'number']], ['serno', ['serial', 'number']],
]);

/** Unit suffixes: stripped before the words are matched; some say the category on their own. */
export const UNITS: ReadonlySet<string> = new Set([
  'kg', 'kgs', 'lb', 'lbs', 'g', 'cm', 'mm', 'm', 'ft', 'pct', 'percent', 'percentage', 'ratio', 'bpm', 'kph', 'kmh', 'mph', 'km', 'mi',
  'mmhg', 'kcal', 'cal', 'ms', 'sec', 'secs', 'min', 'mins', 'hrs', 'deg', 'degrees', 'c', 'f', 'mgdl', 'mmol',
  'w', 'kw', 'kwh', 'wh', 'ma', 'db', 'dbm', 'hz', 'mbps', 'ppm', 'seconds', 'minutes', 'meters', 'metres', 'gmt',
  'utc', 'local', 'ts', 'epoch', 'celsius', 'fahrenheit', 'kelvin', 'milli',
  // Time units of high-resolution clocks (`startTimeNanos`, `endTimeMillis`): the key is a time, not a "nanos".
  'nanos', 'nanoseconds', 'ns', 'micros', 'microseconds', 'millis', 'milliseconds',
]);
export const HEALTH_UNITS: ReadonlySet<string> = new Set(['kg', 'kgs', 'lb', 'lbs', 'bpm', 'mmhg', 'kcal', 'mgdl', 'mmol']);

/** Units written over several words (`ValueInMgPerDl`, `glucose_mmol_l`): read as one unit. */
export const COMPOUND_UNITS: ReadonlyMap<string, string> = new Map([
  ['mgperdl', 'mgdl'], ['mgdl', 'mgdl'], ['mmolperl', 'mmol'], ['mmoll', 'mmol'], ['beatsperminute', 'bpm'],
  ['breathsperminute', 'brpm'], ['kmperh', 'kmh'], ['kmh', 'kmh'],
]);

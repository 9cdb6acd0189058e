import type { DataCategory } from '../categories.js';

/**
 * The key dictionary, as data. Keys are normalised first (lower-case, `_ - . : space` removed), so
 * `wifi_sta`, `wifiSta` and `WiFi-STA` are all `wifista`; camelCase words need no split because the
 * joined form is what we match. A key that misses EXACT is retried without trailing digits
 * (`SSId1` → `ssid`, `dns1` → `dns`, `cleanSchedule2` → `cleanschedule`).
 *
 * Decisions worth knowing:
 * - RSSI/SNR/signal level/Wi-Fi channel are `network`: with the SSID/BSSID they fingerprint the home's
 *   radio environment (and allow Wi-Fi positioning); they are not identifiers on their own.
 * - Battery level and power/switch state are `behaviour` (charging and usage patterns, occupancy).
 * - Bare `sleep` is Tasmota's power-save setting, not health, so only compound sleep keys are health.
 * - Generic `id` is classified by its parent (`owner.id` personal, `devices[].id` device), never alone.
 */
export const EXACT_KEYS: Readonly<Record<DataCategory, readonly string[]>> = {
  location: [
    'lat', 'latitude', 'lon', 'lng', 'longitude', 'alt', 'altitude', 'elevation', 'acc', 'accuracy', 'vac',
    'vel', 'cog', 'hdop', 'vdop', 'pdop', 'address', 'street', 'streetaddress', 'city', 'town', 'zip',
    'zipcode', 'postcode', 'postalcode', 'country', 'countrycode', 'region', 'timezone', 'tz', 'timezoneid',
    'stdtimezone', 'utcoffset', 'timediff', 'gmtoffset', 'inregions', 'inrids', 'geofence', 'geofences',
    'desc', 'description', 'doorbotdescription', 'room', 'roomname', 'area', 'siteid', 'pmapid',
    'userpmapvid', 'regionid', 'dstintervals', 'location', 'geo', 'coordinates', 'latlng', 'position',
    'gps', 'geohash',
  ],
  network: [
    'ip', 'ipaddress', 'ipv4', 'ipv6', 'staip', 'gw', 'gateway', 'dns', 'dnsserver', 'ssid', 'bssid',
    'essid', 'wifiname', 'apmac', 'hostname', 'host', 'loghost', 'mqtthost', 'otaurl', 'rssi', 'signal',
    'signallevel', 'signalstrength', 'averagesignalstrength', 'latestsignalstrength', 'wifistatus',
    'rfstatus', 'snr', 'channel', 'panid', 'extendedpanid', 'networkaddress', 'sipfrom', 'sipto',
    'sipserverip', 'remoteip', 'clientip', 'publicip', 'localip',
  ],
  device: [
    'mac', 'macaddress', 'macaddr', 'hwaddr', 'deviceid', 'devid', 'gwid', 'uuid', 'serial', 'serialno',
    'serialnumber', 'sn', 'imei', 'imsi', 'iccid', 'meid', 'vin', 'ieeeaddress', 'ieeeaddr', 'eui64', 'hwid',
    'fwid', 'oemid', 'robotid', 'blid', 'mobblid', 'mqttclient', 'fallbacktopic', 'doorbotid', 'authdomain',
    'localname', 'hardwareid', 'chipid', 'udid', 'androidid', 'installationid',
  ],
  personal: [
    'name', 'firstname', 'lastname', 'fullname', 'givenname', 'familyname', 'surname', 'displayname',
    'username', 'user', 'login', 'email', 'mail', 'emailaddress', 'phone', 'phonenumber', 'mobile', 'tel',
    'msisdn', 'imsi', 'tid', 'owner', 'ownerid', 'uid', 'userid', 'accountid', 'customerid', 'alias',
    'nickname', 'friendlyname', 'stationname', 'homename', 'homeid', 'modulename', 'robotname', 'shortname',
    'clientid', 'birthday', 'dateofbirth', 'gender',
  ],
  credentials: [
    'password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'siptoken', 'apikey', 'localkey', 'seckey',
    'secretkey', 'privatekey', 'accesskey', 'sign', 'signature', 'sig', 'mqttuser', 'psk', 'passphrase',
    'cookie', 'authorization', 'pin', 'otp',
  ],
  health: [
    'weight', 'bodyfat', 'fat', 'bmi', 'heartrate', 'hr', 'pulse', 'bloodpressure', 'systolic', 'diastolic',
    'spo2', 'oxygensaturation', 'steps', 'stepcount', 'sleepduration', 'sleepscore', 'sleepstage',
    'sleepstages', 'glucose', 'bodytemperature', 'musclemass', 'bonemass', 'hydration', 'calories',
  ],
  media: [
    'audio', 'audiodata', 'image', 'imagedata', 'picture', 'photo', 'video', 'face', 'snapshot',
    'thumbnail', 'recording', 'transcript', 'utterance', 'speech', 'voice', 'rawvalue',
  ],
  behaviour: [
    'tst', 'wtst', 'ts', 'time', 'timestamp', 'now', 'createdat', 'updatedat', 'timeutc', 'lastupdatedts',
    'event', 'batt', 'battery', 'batpct', 'batterylevel', 'batterylife', 'batterypercentage',
    'batterypercent', 'batteryvp', 'ischarging', 'bs', 'conn', 'power', 'ison', 'relaystate', 'deviceon',
    'switch', 'output', 'motion', 'ismoving', 'odometer', 'uptime', 'uptimesec', 'bootcount', 'ontime',
    'co2', 'noise', 'humidity', 'temperature', 'presence', 'occupancy', 'occupied', 'contact', 'command',
    'initiator', 'sessionid', 'intentname', 'input', 'rawvalue', 'history', 'watchhistory',
    'viewinghistory', 'nowplaying', 'lastactivity', 'lastused', 'trip', 'trips', 'activity',
  ],
  third_party: [],
};

/** Compound keys: `cloudPassword`, `opencageApiKey`, `navSerialNo`, `wlan0HwAddr`, `cloudUserName`. */
export const KEY_SUFFIXES: Readonly<Record<DataCategory, readonly string[]>> = {
  location: ['latitude', 'longitude', 'timezone', 'postalcode', 'zipcode', 'address'],
  network: ['ssid', 'ipaddress', 'hostname', 'rssi', 'signalstrength', 'macofap'],
  device: ['deviceid', 'uuid', 'serialno', 'serialnumber', 'serial', 'hwaddr', 'macaddress', 'imei'],
  personal: ['username', 'email', 'userid', 'ownerid', 'accountid', 'customerid', 'firstname', 'lastname',
    'friendlyname', 'nickname', 'phonenumber'],
  credentials: ['password', 'passwd', 'secret', 'token', 'apikey', 'localkey', 'seckey', 'secretkey',
    'privatekey', 'accesskey', 'authkey', 'signature'],
  health: ['heartrate', 'bloodpressure', 'bodyfat'],
  media: ['audio', 'image', 'snapshot', 'transcript'],
  behaviour: ['createdat', 'updatedat', 'history', 'usage'],
  third_party: [],
};

/** Keys whose dictionary categories yield to an identifier found in the value (`address` holding an IP). */
export const WEAK_KEYS: readonly string[] = ['address', 'name', 'alias', 'nickname', 'friendlyname'];

/** Keys that make a bare 12-hex value a MAC, a digit string a phone number, a short code a postal code. */
export const MAC_KEYS: readonly string[] = ['mac', 'macaddress', 'macaddr', 'hwaddr', 'bssid', 'apmac', 'deviceid', 'addr'];
export const PHONE_KEYS: readonly string[] = ['phone', 'phonenumber', 'mobile', 'tel', 'msisdn'];
export const POSTAL_KEYS: readonly string[] = ['zip', 'zipcode', 'postcode', 'postalcode'];
export const LATITUDE_KEYS: readonly string[] = ['lat', 'latitude'];
export const LONGITUDE_KEYS: readonly string[] = ['lon', 'lng', 'longitude'];
/** A string value under these keys that reads as natural language is a transcript: media. */
export const SPEECH_KEYS: readonly string[] = ['input', 'text', 'query', 'command'];

/** Rules on the nearest parent object key: `coords.speed`, `owner.id`, `signal.noise`. */
export interface ParentRule {
  readonly parents: readonly string[];
  /** `*` for every leaf under that parent. */
  readonly keys: readonly string[] | '*';
  readonly categories: readonly DataCategory[];
  /** true: the rule replaces the key's own categories (`signal.noise` is not sound level). */
  readonly replaces?: boolean;
}

export const PARENT_RULES: readonly ParentRule[] = [
  { parents: ['coords', 'coordinates', 'position', 'gps', 'geo', 'point', 'pose', 'place', 'geolocation'], keys: '*', categories: ['location'] },
  { parents: ['waypoints', 'waypoint', 'regions'], keys: ['desc', 'rad', 'radius', 'name'], categories: ['location'], replaces: true },
  { parents: ['battery', 'activity'], keys: '*', categories: ['behaviour'] },
  { parents: ['owner', 'user', 'account', 'customer', 'profile', 'member'], keys: ['id', 'name'], categories: ['personal'] },
  {
    parents: ['device', 'devices', 'dev', 'chimes', 'doorbots', 'modules', 'module', 'dock', 'robot', 'devicehealth', 'hardware'],
    keys: ['id', 'ids', 'identifiers'],
    categories: ['device'],
  },
  { parents: ['signal', 'wifi', 'wifista', 'netinfo', 'network'], keys: ['noise', 'snr', 'rssi', 'quality'], categories: ['network'], replaces: true },
  { parents: ['switch', 'relay', 'relays', 'light', 'lights', 'cover', 'plug'], keys: ['output', 'source', 'ison', 'state', 'on'], categories: ['behaviour'] },
  { parents: ['emeter', 'getrealtime', 'energy', 'meter', 'meters'], keys: ['current', 'power', 'total', 'energy', 'apower'], categories: ['behaviour'] },
  { parents: ['slots', 'slot'], keys: ['value'], categories: ['behaviour'] },
];

/** Every leaf below one of these ancestors gets the categories (`ap_list[].*` is neighbours' data). */
export const ANCESTOR_RULES: readonly { readonly ancestors: readonly string[]; readonly categories: readonly DataCategory[] }[] = [
  { ancestors: ['aplist', 'scanresults', 'scanresult', 'wifiscan', 'neighbors', 'neighbours', 'nearby', 'nearbydevices', 'blescan', 'bleadvertisements'], categories: ['third_party'] },
  { ancestors: ['cleanschedule', 'schedule', 'schedules', 'cleanmissionstatus', 'lastcommand', 'history', 'watchhistory', 'viewinghistory', 'getdeviceusage', 'deviceusage', 'powerusage', 'timeusage', 'savedpower', 'usage', 'trips'], categories: ['behaviour'] },
  { ancestors: ['tz', 'pmaps', 'geofences', 'inregions'], categories: ['location'] },
];

/** Below these ancestors keys describe capabilities or product definitions, never data (`cap.pose: 1`). */
export const NEUTRAL_ANCESTORS: readonly string[] = [
  'cap', 'caps', 'capabilities', 'features', 'feature', 'definition', 'clusters', 'configuredreportings', 'exposes',
];

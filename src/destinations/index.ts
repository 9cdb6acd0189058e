export { CATALOGUE_LICENCE, PURPOSES, catalogueEntries, catalogueEntry, type CatalogueEntry, type Purpose } from './catalogue.js';
export { COUNTRY_DATA, countryOf, countryTableBytes } from './country.js';
export { ipNumber, type IpNumber } from './ip-number.js';
export { nameDestination, type DestinationName, type NamingInput } from './name.js';
export { PARTIES, partyOf, sameMaker, type Party, type PartyVerdict } from './party.js';
export { NO_NAMING_CONTEXT, namingContext, type NamingContext } from './context.js';
export { withDestinationNames } from './named-summary.js';

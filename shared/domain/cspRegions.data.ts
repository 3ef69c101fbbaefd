/** A CSP region: the set of markets a partner located in any one of them may serve. */
export interface CspRegion {
  /** Stable identifier, e.g. `europe`; safe to store and to show in error details. */
  id: string;
  /** The region's name as Microsoft's regional authorization page gives it. */
  name: string;
  /** ISO 3166-1 alpha-2 codes, uppercase. */
  countries: readonly string[];
}

/*
 * CSP regional authorization: a partner may create and serve customers only in the markets of
 * its own CSP region. Source: Microsoft Partner Center documentation, "Cloud Solution Provider
 * program regional markets and currencies where you can sell CSP offers", file
 * `partner-center/regional-authorization-overview.md` (published on Microsoft Learn / Docs as
 * /partner-center/regional-authorization-overview), revision dated 2021-04-15 (ms.date), read on
 * 2026-11-24 from the MicrosoftDocs partner-center-pr localization repositories (English source
 * text of the 2021-05-19 hand-off, cross-checked against the de-DE copy). The current Microsoft
 * Learn page has the same rules in its introduction, but its lists could not be retrieved here,
 * so regions may have changed since that revision; re-check the lists before relying on them.
 *
 * Transcribed as the page lists them, including its oddities (the page calls Africa "18
 * countries" but lists 47 markets; French Polynesia and New Caledonia sit in Africa; South
 * Africa, Lesotho, Mozambique, Swaziland and Zimbabwe sit in the Middle East, Central and Eastern
 * Europe region; Puerto Rico and the U.S. Virgin Islands are Latin America, not United States).
 * Markets are mapped to ISO 3166-1 alpha-2 codes; the page's "Bonaire", "Saba" and
 * "Sint Eustatius" share one code (BQ), and Kosovo uses XK, the code Microsoft and the EU use
 * although ISO has not assigned one. Markets the page does not list (e.g. China, which is served
 * by Partner Center operated by 21Vianet) belong to no region.
 */
export const CSP_REGION_TABLE: readonly CspRegion[] = [
  {
    id: 'africa',
    name: 'Africa',
    countries: [
      'AO', // Angola
      'BJ', // Benin
      'BW', // Botswana
      'BF', // Burkina Faso
      'BI', // Burundi
      'CM', // Cameroon
      'CV', // Cape Verde
      'CF', // Central African Republic
      'TD', // Chad
      'KM', // Comoros
      'CG', // Congo
      'CD', // Congo (DRC)
      'CI', // Côte d'Ivoire
      'DJ', // Djibouti
      'GQ', // Equatorial Guinea
      'ER', // Eritrea
      'ET', // Ethiopia
      'PF', // French Polynesia
      'GA', // Gabon
      'GM', // Gambia
      'GH', // Ghana
      'GN', // Guinea
      'GW', // Guinea-Bissau
      'KE', // Kenya
      'LR', // Liberia
      'MG', // Madagascar
      'MW', // Malawi
      'ML', // Mali
      'MU', // Mauritius
      'YT', // Mayotte
      'NA', // Namibia
      'NC', // New Caledonia
      'NE', // Niger
      'NG', // Nigeria
      'RE', // Réunion
      'RW', // Rwanda
      'ST', // São Tomé and Príncipe
      'SN', // Senegal
      'SC', // Seychelles
      'SL', // Sierra Leone
      'SO', // Somalia
      'SS', // South Sudan
      'SH', // St Helena, Ascension, Tristan da Cunha
      'TZ', // Tanzania
      'TG', // Togo
      'UG', // Uganda
      'ZM', // Zambia
    ],
  },
  {
    id: 'asia-pacific',
    name: 'Asia and Pacific',
    countries: [
      'BD', // Bangladesh
      'BT', // Bhutan
      'BN', // Brunei Darussalam
      'KH', // Cambodia
      'HK', // Hong Kong
      'ID', // Indonesia
      'LA', // Laos
      'MO', // Macao
      'MY', // Malaysia
      'MV', // Maldives
      'MM', // Myanmar
      'NP', // Nepal
      'PH', // Philippines
      'SG', // Singapore
      'LK', // Sri Lanka
      'TH', // Thailand
      'TL', // Timor-Leste
      'VN', // Vietnam
    ],
  },
  {
    id: 'australia',
    name: 'Australia',
    countries: [
      'AU', // Australia
      'CX', // Christmas Island
      'CC', // Cocos (Keeling) Islands
      'CK', // Cook Islands
      'FJ', // Fiji
      'TF', // French Southern Territories
      'GU', // Guam
      'HM', // Heard Island and McDonald Islands
      'KI', // Kiribati
      'MH', // Marshall Islands
      'FM', // Micronesia
      'NR', // Nauru
      'NU', // Niue
      'NF', // Norfolk Island
      'MP', // Northern Mariana Islands
      'PW', // Palau
      'PG', // Papua New Guinea
      'PN', // Pitcairn Islands
      'SB', // Solomon Islands
      'TK', // Tokelau
      'TO', // Tonga
      'TV', // Tuvalu
      'WF', // Wallis and Futuna
    ],
  },
  { id: 'brazil', name: 'Brazil', countries: ['BR'] },
  {
    id: 'canada',
    name: 'Canada',
    countries: [
      'CA', // Canada
      'PM', // Saint Pierre and Miquelon
    ],
  },
  {
    id: 'europe',
    name: 'Europe',
    countries: [
      'AX', // Åland Islands
      'AD', // Andorra
      'AT', // Austria
      'BE', // Belgium
      'BV', // Bouvet Island
      'BG', // Bulgaria
      'HR', // Croatia
      'CY', // Cyprus
      'CZ', // Czech Republic
      'DK', // Denmark
      'EE', // Estonia
      'FO', // Faroe Islands
      'FI', // Finland
      'FR', // France
      'DE', // Germany
      'GI', // Gibraltar
      'GR', // Greece
      'GL', // Greenland
      'GG', // Guernsey
      'HU', // Hungary
      'IS', // Iceland
      'IE', // Ireland
      'IM', // Isle of Man
      'IT', // Italy
      'JE', // Jersey
      'LV', // Latvia
      'LI', // Liechtenstein
      'LT', // Lithuania
      'LU', // Luxembourg
      'MT', // Malta
      'MC', // Monaco
      'NL', // Netherlands
      'NO', // Norway
      'PL', // Poland
      'PT', // Portugal
      'RO', // Romania
      'SM', // San Marino
      'SK', // Slovakia
      'SI', // Slovenia
      'ES', // Spain
      'SJ', // Svalbard and Jan Mayen
      'SE', // Sweden
      'CH', // Switzerland
      'GB', // United Kingdom
      'VA', // Vatican City
    ],
  },
  { id: 'india', name: 'India', countries: ['IN'] },
  { id: 'japan', name: 'Japan', countries: ['JP'] },
  { id: 'korea', name: 'Korea, Republic of', countries: ['KR'] },
  {
    id: 'latin-america-caribbean',
    name: 'Latin America and the Caribbean',
    countries: [
      'AI', // Anguilla
      'AQ', // Antarctica
      'AG', // Antigua and Barbuda
      'AR', // Argentina
      'AW', // Aruba
      'BS', // Bahamas
      'BB', // Barbados
      'BZ', // Belize
      'BM', // Bermuda
      'BO', // Bolivia
      'BQ', // Bonaire, Sint Eustatius, Saba
      'VG', // British Virgin Islands
      'KY', // Cayman Islands
      'CL', // Chile
      'CO', // Colombia
      'CR', // Costa Rica
      'CW', // Curaçao
      'DM', // Dominica
      'DO', // Dominican Republic
      'EC', // Ecuador
      'SV', // El Salvador
      'FK', // Falkland Islands
      'GF', // French Guiana
      'GD', // Grenada
      'GP', // Guadeloupe
      'GT', // Guatemala
      'GY', // Guyana
      'HT', // Haiti
      'HN', // Honduras
      'JM', // Jamaica
      'MQ', // Martinique
      'MX', // Mexico
      'MS', // Montserrat
      'NI', // Nicaragua
      'PA', // Panama
      'PY', // Paraguay
      'PE', // Peru
      'PR', // Puerto Rico
      'BL', // Saint Barthélemy
      'KN', // Saint Kitts and Nevis
      'LC', // Saint Lucia
      'MF', // Saint Martin
      'VC', // Saint Vincent and the Grenadines
      'SX', // Sint Maarten
      'GS', // South Georgia and South Sandwich Islands
      'SR', // Suriname
      'TT', // Trinidad and Tobago
      'TC', // Turks and Caicos Islands
      'UY', // Uruguay
      'VE', // Venezuela
      'VI', // Virgin Islands, U.S.
    ],
  },
  {
    id: 'middle-east-central-eastern-europe',
    name: 'Middle East, Central Europe, and Eastern Europe',
    countries: [
      'AF', // Afghanistan
      'AL', // Albania
      'DZ', // Algeria
      'AM', // Armenia
      'AZ', // Azerbaijan
      'BH', // Bahrain
      'BY', // Belarus
      'BA', // Bosnia and Herzegovina
      'IO', // British Indian Ocean Territory
      'EG', // Egypt
      'GE', // Georgia
      'IQ', // Iraq
      'IL', // Israel
      'JO', // Jordan
      'KZ', // Kazakhstan
      'XK', // Kosovo
      'KW', // Kuwait
      'KG', // Kyrgyzstan
      'LB', // Lebanon
      'LS', // Lesotho
      'LY', // Libya
      'MK', // Macedonia, Republic of (North Macedonia)
      'MR', // Mauritania
      'MD', // Moldova
      'MN', // Mongolia
      'ME', // Montenegro
      'MA', // Morocco
      'MZ', // Mozambique
      'OM', // Oman
      'PK', // Pakistan
      'PS', // Palestinian Territory, Occupied
      'QA', // Qatar
      'SA', // Saudi Arabia
      'RS', // Serbia
      'ZA', // South Africa
      'SZ', // Swaziland (Eswatini)
      'TJ', // Tajikistan
      'TN', // Tunisia
      'TR', // Turkey
      'TM', // Turkmenistan
      'UA', // Ukraine
      'AE', // United Arab Emirates
      'UZ', // Uzbekistan
      'YE', // Yemen
      'ZW', // Zimbabwe
    ],
  },
  {
    id: 'new-zealand',
    name: 'New Zealand',
    countries: [
      'AS', // American Samoa
      'NZ', // New Zealand
      'WS', // Samoa
      'VU', // Vanuatu
    ],
  },
  { id: 'russia', name: 'Russia', countries: ['RU'] },
  { id: 'taiwan', name: 'Taiwan', countries: ['TW'] },
  {
    id: 'united-states',
    name: 'United States',
    countries: [
      'US', // United States
      'UM', // U.S. Outlying Islands
    ],
  },
];

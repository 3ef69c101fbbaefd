import type { Locale } from './cloud';

/** A Microsoft Entra built-in role a partner can ask a customer for. */
export interface EntraRole {
  /** The role's template id: the same in every tenant (Graph's `roleDefinitionId`). */
  readonly templateId: string;
  readonly name: Readonly<Record<Locale, string>>;
  /** What the role allows, in a sentence a customer's admin can judge. */
  readonly description: Readonly<Record<Locale, string>>;
}

/** A least-privileged set of roles for a common partner task. */
export interface GdapTaskTemplate {
  readonly id: string;
  readonly name: Readonly<Record<Locale, string>>;
  readonly roles: readonly string[];
}

/*
 * The Microsoft Entra built-in roles a partner may ask for with granular delegated admin
 * privileges (GDAP). Template ids and English names as Microsoft Learn lists them in
 * "Microsoft Entra built-in roles" (entra/identity/role-based-access-control/permissions-reference);
 * the ids are the same in every tenant and cloud. The short descriptions say, in the words a
 * customer's admin reads on the acceptance page, what the role allows; they are our summaries of
 * that page, not its text. The German names are the ones the Microsoft Entra admin center shows
 * in de-DE where they differ; Microsoft keeps most role names in English there.
 *
 * Only roles a CSP partner plausibly needs are listed, not all of Entra's: the ones Microsoft's
 * GDAP guidance ("Least privileged roles by task in Partner Center", partner-center/gdap-least-
 * privileged-roles-by-task) names, plus Global Administrator (the classic DAP grant). An id not
 * in this table is refused with DELEGATED_ADMIN_ROLE_UNKNOWN; add a row to offer another role.
 */
export const ENTRA_ROLE_TABLE: readonly EntraRole[] = [
  {
    templateId: '62e90394-69f5-4237-9190-012177145e10',
    name: { 'en-US': 'Global Administrator', 'de-DE': 'Globaler Administrator' },
    description: {
      'en-US': 'Everything in the tenant: every setting, user, role and service.',
      'de-DE': 'Alles im Mandanten: jede Einstellung, jeden Benutzer, jede Rolle und jeden Dienst.',
    },
  },
  {
    templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    name: { 'en-US': 'Helpdesk Administrator', 'de-DE': 'Helpdeskadministrator' },
    description: {
      'en-US': 'Reset passwords of users who are not administrators and manage service requests.',
      'de-DE':
        'Kennwörter von Benutzern zurücksetzen, die keine Administratoren sind, und Serviceanfragen verwalten.',
    },
  },
  {
    templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    name: { 'en-US': 'User Administrator', 'de-DE': 'Benutzeradministrator' },
    description: {
      'en-US': 'Create and manage users and groups, reset passwords of non-administrators.',
      'de-DE':
        'Benutzer und Gruppen erstellen und verwalten, Kennwörter von Nicht-Administratoren zurücksetzen.',
    },
  },
  {
    templateId: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
    name: { 'en-US': 'License Administrator', 'de-DE': 'Lizenzadministrator' },
    description: {
      'en-US': 'Assign and remove product licenses for users and groups.',
      'de-DE': 'Produktlizenzen für Benutzer und Gruppen zuweisen und entfernen.',
    },
  },
  {
    templateId: 'f023fd81-a637-4b56-95fd-791ac0226033',
    name: { 'en-US': 'Service Support Administrator', 'de-DE': 'Service Support-Administrator' },
    description: {
      'en-US': 'Open and manage Microsoft support requests and read service health.',
      'de-DE': 'Supportanfragen bei Microsoft öffnen und verwalten, Dienstintegrität lesen.',
    },
  },
  {
    templateId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
    name: { 'en-US': 'Directory Readers', 'de-DE': 'Verzeichnisleseberechtigte' },
    description: {
      'en-US': 'Read basic directory information: users, groups and applications.',
      'de-DE': 'Grundlegende Verzeichnisinformationen lesen: Benutzer, Gruppen und Anwendungen.',
    },
  },
  {
    templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    name: { 'en-US': 'Global Reader', 'de-DE': 'Globaler Leser' },
    description: {
      'en-US': 'Read everything a Global Administrator can see, change nothing.',
      'de-DE': 'Alles lesen, was ein globaler Administrator sieht, ohne etwas zu ändern.',
    },
  },
  {
    templateId: '29232cdf-9323-42fd-ade2-1d097af3e4de',
    name: { 'en-US': 'Exchange Administrator', 'de-DE': 'Exchange-Administrator' },
    description: {
      'en-US': 'Manage Exchange Online: mailboxes, mail flow and its settings.',
      'de-DE': 'Exchange Online verwalten: Postfächer, Nachrichtenfluss und Einstellungen.',
    },
  },
  {
    templateId: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
    name: { 'en-US': 'SharePoint Administrator', 'de-DE': 'SharePoint-Administrator' },
    description: {
      'en-US': 'Manage SharePoint Online and OneDrive sites and settings.',
      'de-DE': 'SharePoint Online- und OneDrive-Websites und -Einstellungen verwalten.',
    },
  },
  {
    templateId: '69091246-20e8-4a56-aa4d-066075b2a7a8',
    name: { 'en-US': 'Teams Administrator', 'de-DE': 'Teams-Administrator' },
    description: {
      'en-US': 'Manage Microsoft Teams: teams, policies, meetings and calling.',
      'de-DE': 'Microsoft Teams verwalten: Teams, Richtlinien, Besprechungen und Telefonie.',
    },
  },
  {
    templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5',
    name: { 'en-US': 'Intune Administrator', 'de-DE': 'Intune-Administrator' },
    description: {
      'en-US': 'Manage devices, apps and policies in Microsoft Intune.',
      'de-DE': 'Geräte, Apps und Richtlinien in Microsoft Intune verwalten.',
    },
  },
  {
    templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d',
    name: { 'en-US': 'Security Administrator', 'de-DE': 'Sicherheitsadministrator' },
    description: {
      'en-US': 'Manage security settings, policies and alerts across Microsoft 365.',
      'de-DE': 'Sicherheitseinstellungen, -richtlinien und -warnungen in Microsoft 365 verwalten.',
    },
  },
  {
    templateId: '5d6b6bb7-de71-4623-b4af-96380a352509',
    name: { 'en-US': 'Security Reader', 'de-DE': 'Sicherheitsleseberechtigter' },
    description: {
      'en-US': 'Read security reports, alerts and settings, change nothing.',
      'de-DE': 'Sicherheitsberichte, -warnungen und -einstellungen lesen, ohne etwas zu ändern.',
    },
  },
  {
    templateId: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
    name: { 'en-US': 'Billing Administrator', 'de-DE': 'Abrechnungsadministrator' },
    description: {
      'en-US': 'Make purchases, manage subscriptions and support requests, read billing.',
      'de-DE': 'Käufe tätigen, Abonnements und Supportanfragen verwalten, Abrechnungen lesen.',
    },
  },
  {
    templateId: '4a5d8f65-41da-4de4-8968-e035b65339cf',
    name: { 'en-US': 'Reports Reader', 'de-DE': 'Berichtsleseberechtigter' },
    description: {
      'en-US': 'Read usage and sign-in reports.',
      'de-DE': 'Nutzungs- und Anmeldeberichte lesen.',
    },
  },
];

/*
 * Least-privileged role sets for the tasks partners do most, after Microsoft Learn "Least
 * privileged roles by task in Partner Center" (GDAP guidance): each set is the smallest one
 * the guidance names for the task. Offered as starting points; the partner may pick roles freely.
 */
export const GDAP_TASK_TEMPLATE_TABLE: readonly GdapTaskTemplate[] = [
  {
    id: 'helpdesk',
    name: { 'en-US': 'Helpdesk', 'de-DE': 'Helpdesk' },
    roles: [
      '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
      'f023fd81-a637-4b56-95fd-791ac0226033', // Service Support Administrator
      '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', // Directory Readers
    ],
  },
  {
    id: 'users-and-licenses',
    name: { 'en-US': 'Users and licenses', 'de-DE': 'Benutzer und Lizenzen' },
    roles: [
      'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
      '4d6ac14f-3453-41d0-bef9-a3e0c569773a', // License Administrator
    ],
  },
  {
    id: 'support-requests',
    name: { 'en-US': 'Microsoft support requests', 'de-DE': 'Supportanfragen bei Microsoft' },
    roles: ['f023fd81-a637-4b56-95fd-791ac0226033'], // Service Support Administrator
  },
  {
    id: 'read-only',
    name: { 'en-US': 'Read only', 'de-DE': 'Nur lesen' },
    roles: [
      'f2ef992c-3afb-46b9-b7cf-a126ee74c451', // Global Reader
      '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', // Directory Readers
    ],
  },
  {
    id: 'exchange',
    name: { 'en-US': 'Exchange Online', 'de-DE': 'Exchange Online' },
    roles: ['29232cdf-9323-42fd-ade2-1d097af3e4de'], // Exchange Administrator
  },
  {
    id: 'sharepoint',
    name: { 'en-US': 'SharePoint and OneDrive', 'de-DE': 'SharePoint und OneDrive' },
    roles: ['f28a1f50-f6e7-4571-818b-6a12f2af6b6c'], // SharePoint Administrator
  },
  {
    id: 'teams',
    name: { 'en-US': 'Microsoft Teams', 'de-DE': 'Microsoft Teams' },
    roles: ['69091246-20e8-4a56-aa4d-066075b2a7a8'], // Teams Administrator
  },
  {
    id: 'devices',
    name: { 'en-US': 'Devices (Intune)', 'de-DE': 'Geräte (Intune)' },
    roles: ['3a2c62db-5318-420d-8d74-23affee5d9d5'], // Intune Administrator
  },
  {
    id: 'security-monitoring',
    name: { 'en-US': 'Security monitoring', 'de-DE': 'Sicherheitsüberwachung' },
    roles: ['5d6b6bb7-de71-4623-b4af-96380a352509'], // Security Reader
  },
];

import type { components } from '../../../shared/api/openapiTypes';

/**
 * The API's answers as the console reads them: names for the schemas `openapi.yaml` documents
 * (generated into `shared/api/openapiTypes.ts`), never shapes written here by hand.
 */
type Schema = components['schemas'];

export type PartnerProfile = Schema['PartnerProfile'];
export type PartnerProfileInput = Schema['PartnerProfileInput'];
export type MicrosoftConnection = Schema['MicrosoftConnection'];
export type Invitation = Schema['Invitation'];
export type InvitationSummary = Schema['InvitationSummary'];
export type InvitationStatus = Schema['InvitationStatus'];
export type EmailDraft = Schema['EmailDraft'];
export type EmailDelivery = Schema['EmailDeliverySummary'];
export type DeliveryState = EmailDelivery['state'];
export type Customer = Schema['Customer'];
export type DelegatedAdmin = Schema['DelegatedAdmin'];
export type DelegatedAdminStatus = Schema['DelegatedAdminStatus'];
export type DelegatedAdminAccess = Schema['DelegatedAdminAccess'];
export type AccessTemplate = Schema['AccessTemplate'];
export type AccessTemplateEntry = Schema['AccessTemplateEntry'];
export type AccessTemplateInput = Schema['AccessTemplateInput'];
export type SupportContact = Schema['SupportContact'];
export type SupportContactInput = Schema['SupportContactInput'];
export type ResellerConfirmation = Schema['ResellerConfirmation'];
export type Webhook = Schema['Webhook'];
export type WebhookEventType = Schema['WebhookEventType'];
export type WebhookDelivery = Schema['WebhookDelivery'];
export type AuditEvent = Schema['AuditEvent'];
export type AuditAction = Schema['AuditAction'];
export type InvitationBatch = Schema['InvitationBatch'];
export type InvitationBatchStatus = Schema['InvitationBatchStatus'];
export type InvitationBatchRowStatus = Schema['InvitationBatchRowStatus'];
export type InvitationBatchRow = Schema['InvitationBatchRow'];

import * as z from 'zod';
import { LOCALES, PARTNER_CLOUDS } from '../domain/cloud';
import { isKnownCountry } from '../domain/cspRegions';
import { INVITATION_STATUSES } from '../domain/invitationStatus';
import { RESELLER_CONFIRMATION_STATES } from '../domain/resellerConfirmation';

/** Request shapes, declared once each; strict, so unknown fields are refused by name. */

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !hasControlCharacters(value), {
      message: 'must not contain control characters',
    });

/** Tabs and line breaks are fine in names; other control characters are never meant. */
function hasControlCharacters(value: string): boolean {
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || code === 0x7f) {
      return true;
    }
  }
  return false;
}

const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .transform((value) => value.toUpperCase())
  .refine(isKnownCountry, { message: 'is not a country this service knows' });

/** DNS name of the customer's tenant, e.g. contoso.onmicrosoft.com. */
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as contoso.onmicrosoft.com',
  );

const email = z.email('must be an email address').max(254);

export const partnerProfileBody = z.strictObject({
  displayName: text(256),
  country,
  cloud: z.enum(PARTNER_CLOUDS),
  mpnId: z.string().regex(/^\d{6,10}$/, 'must be the 6 to 10 digit MPN (Partner) ID'),
});

/**
 * Granular delegated admin privileges: the shape only; which roles, durations and combinations
 * may be asked for is the domain's rule (`delegatedAdminIssues`), answered with a 422.
 */
const delegatedAdminBody = z.strictObject({
  roles: z.array(z.string().max(64, 'must be a role template id')).max(50),
  duration: z.string().max(16, 'must be an ISO 8601 duration in days, e.g. P90D'),
  autoExtend: z.boolean().default(false),
});

/**
 * `includeDelegatedAdmin` (the classic roles) or `delegatedAdmin` (chosen roles): one of them
 * is required. With `delegatedAdmin` alone, admin privileges are requested, so the stored
 * invitation reads `includeDelegatedAdmin: true` as older clients expect.
 */
export const createInvitationBody = z
  .strictObject({
    customer: z.strictObject({
      email,
      companyName: text(256),
      domain,
      country,
    }),
    includeDelegatedAdmin: z.boolean().optional(),
    delegatedAdmin: delegatedAdminBody.optional(),
    locale: z.enum(LOCALES).default('en-US'),
  })
  .superRefine((body, context) => {
    if (body.includeDelegatedAdmin === undefined && body.delegatedAdmin === undefined) {
      context.addIssue({
        code: 'invalid_type',
        expected: 'boolean',
        path: ['includeDelegatedAdmin'],
        message: 'give includeDelegatedAdmin or delegatedAdmin',
      });
    }
  })
  .transform(({ includeDelegatedAdmin, delegatedAdmin, ...body }) => ({
    ...body,
    includeDelegatedAdmin: includeDelegatedAdmin ?? delegatedAdmin !== undefined,
    ...(delegatedAdmin === undefined ? {} : { delegatedAdmin }),
  }));

/** Drafts may be long HTML, but not unbounded: a mail provider refuses huge bodies anyway. */
export const DRAFT_MAX_BYTES = 256 * 1024;

export const draftEditBody = z
  .strictObject({
    subject: text(998),
    text: z.string().min(1).max(100_000),
    html: z.string().min(1).max(200_000),
  })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, {
    message: 'give at least one of subject, text, html',
  });

const limit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(100))
  .default(25);

export const invitationListQuery = z.strictObject({
  status: z.enum(INVITATION_STATUSES).optional(),
  limit,
  continuationToken: z.string().min(1).max(4096).optional(),
});

const pageQuery = z.strictObject({
  limit,
  continuationToken: z.string().min(1).max(4096).optional(),
});

export const customerListQuery = pageQuery.extend({
  /** Only customers whose delegated admin access ends within this many days (1 to 730). */
  delegatedAdminEndsWithinDays: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.number().int().min(1).max(730))
    .optional(),
  /** A prefix of the company name or of the domain, any case (1 to 100 characters). */
  search: z.string().trim().min(1).max(100).optional(),
  /** Only customers whose reseller relationship Microsoft has this confirmation state of. */
  confirmation: z.enum(RESELLER_CONFIRMATION_STATES).optional(),
});

export const invitationBatchCreateQuery = z.strictObject({
  send: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
});

export const invitationBatchListQuery = pageQuery;

export const invitationBatchRowsQuery = z.strictObject({
  limit,
  continuationToken: z.string().min(1).max(4096).optional(),
  status: z.enum(['pending', 'created', 'failed']).optional(),
  /** `csv` downloads every row (of the status asked for) at once; paging does not apply. */
  format: z.enum(['json', 'csv']).default('json'),
});

/** The MCA signer, as the acceptance form or a JSON client sends it. */
export const mcaAcceptanceBody = z.strictObject({
  acceptMca: z.literal(true, { message: 'the agreement must be accepted' }),
  firstName: text(100),
  lastName: text(100),
  email,
  phoneNumber: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{4,30}$/, 'must be a phone number')
    .optional(),
});

/** A customer declining: a reason from the list and, optionally, their own words. */
export const declineBody = z.strictObject({
  reason: z.enum(['not-needed', 'other-partner', 'unknown-partner', 'other'], {
    message: 'must be one of not-needed, other-partner, unknown-partner, other',
  }),
  comment: text(500).optional(),
});

/** An acceptance that needs no MCA (already accepted for this customer). */
export const plainAcceptanceBody = z.strictObject({});

export const resourceId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

const guid = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'must be a GUID',
  )
  .transform((value) => value.toLowerCase());

/** Partner Center's support contact: a user of the partner's own tenant. */
export const supportContactBody = z.strictObject({
  supportTenantId: guid,
  supportMpnId: z.string().regex(/^\d{6,10}$/, 'must be the 6 to 10 digit MPN (Partner) ID'),
  name: text(256),
});

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const auditEventQuery = z
  .strictObject({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    limit,
    continuationToken: z.string().min(1).max(4096).optional(),
  })
  .transform((query) => ({
    ...query,
    from: query.from === undefined ? undefined : new Date(query.from).toISOString(),
    to: query.to === undefined ? undefined : new Date(query.to).toISOString(),
  }))
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    message: 'from must be before to',
    path: ['from'],
  });

/** A customer admin proves the customer with the link of an invitation it accepted. */
export const claimCustomerBody = z.strictObject({
  acceptUrl: z.string().min(1).max(2048),
});

export const tenantIdParam = guid;

// Generated from openapi.yaml by tools/openapiTypes.mjs (npm run openapi:types); do not edit.

export interface paths {
    readonly "/api/partner": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Read the caller's partner profile */
        readonly get: operations["getPartnerProfile"];
        /**
         * Create or replace the caller's partner profile
         * @description Needs the `AdminAgent` role. 201 when the profile is created, 200 when it is replaced.
         *     `If-Match` is not used: the whole profile is replaced, and concurrent PUTs each win in
         *     turn (a write that loses an ETag race is retried, with a short random pause, up to 50
         *     times), so every PUT is applied and recorded in the audit log once. The body limit is
         *     64 KiB.
         */
        readonly put: operations["putPartnerProfile"];
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/partner/microsoft-connection": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The partner tenant's connection to Microsoft (GDAP in Microsoft Graph)
         * @description Granular admin relationships are created in Microsoft Graph in the partner's own tenant,
         *     app-only, by this service's multi-tenant app registration
         *     (`DelegatedAdminRelationship.ReadWrite.All`). That needs a Global Administrator of the
         *     partner tenant to grant admin consent once at `consentUrl`. `state` is what the last
         *     check against Graph found: `consentMissing` (never connected, or never checked),
         *     `connected`, `revoked` (it worked once and the consent is gone). Re-check with
         *     `POST /api/partner/microsoft-connection/check` after consenting.
         */
        readonly get: operations["getMicrosoftConnection"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/partner/microsoft-connection/check": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Ask Microsoft Graph again whether the connection works
         * @description Needs the `AdminAgent` role. Calls Graph app-only in the partner's tenant (a one-item
         *     list of its delegated admin relationships) and records what it found. A throttled or
         *     failing Graph changes nothing (503 `MICROSOFT_UNAVAILABLE` with `Retry-After`).
         */
        readonly post: operations["checkMicrosoftConnection"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/partner/access-template": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The partner's security groups and the Entra roles each gets in customers' tenants
         * @description Once a customer's granular relationship is `active` in Microsoft Graph, the service
         *     creates one `accessAssignment` per group here (the group's roles that the relationship
         *     grants) and follows each to `active`. Empty until an Admin agent saves one.
         */
        readonly get: operations["getAccessTemplate"];
        /**
         * Replace the access template (Admin agents)
         * @description Up to 20 groups, each once, roles from the Microsoft Entra built-in roles this service
         *     knows, never Global Administrator. Applies to relationships as they become active,
         *     and to those already active: each is read from Graph again, and the groups that hold no
         *     assignment in it get one (with the group's roles the relationship grants). A group that
         *     holds one keeps it; saving the same template again creates nothing. Groups removed from
         *     the template keep their assignments in Graph.
         */
        readonly put: operations["putAccessTemplate"];
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitations": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * List the partner's invitations, newest first
         * @description One page at a time. `status` filters on the status a reader sees: an open invitation
         *     (`draft`, `sending`, `sent`, `failed`) past its expiry counts as `expired`. Items are
         *     summaries (no draft, link or history); GET one invitation for those.
         */
        readonly get: operations["listInvitations"];
        readonly put?: never;
        /**
         * Create an invitation with its draft email and personalized link
         * @description Drafts the email (subject, text, HTML) in the requested locale with the personalized
         *     link, and returns it with `acceptUrl` and a `mailtoUrl` that opens the draft in the
         *     partner's own mail app. The invitation starts as `draft`; nothing is sent until
         *     `POST /api/invitations/{id}/send`.
         *
         *     With an `Idempotency-Key`, a retry of the same request returns the first result with
         *     200 and `Idempotent-Replayed: true` (the invitation as it is now); the same key with a
         *     different body is a 422 `IDEMPOTENCY_KEY_REUSED`. The body limit is 64 KiB.
         */
        readonly post: operations["createInvitation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitations/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        /** Read one invitation with its draft, link and history */
        readonly get: operations["getInvitation"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitations/{id}/draft": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        /**
         * Edit the email draft (subject, text, HTML)
         * @description Only while the invitation is `draft` or `failed`. Fields left out keep their value. The
         *     edited draft must still carry the personalized link: the text must contain `acceptUrl`
         *     as a whole URL, and the HTML must have an `<a href>` whose target is exactly `acceptUrl`.
         *     Otherwise the edit is refused with 422 `LINK_REQUIRED`, one `errors[]` entry per part
         *     (`text`, `html`) that lost it. Edited HTML is first reduced to an email-safe allowlist
         *     (sanitize-html): scripts, event handlers, forms, frames, style sheets, comments and
         *     links other than https, http, mailto and tel are removed, images only from https, inline
         *     styles without `url()` or `expression()`. The link rule is checked on the sanitized HTML,
         *     and that is what is stored, returned and sent. The body limit is 256 KiB.
         */
        readonly patch: operations["editInvitationDraft"];
        readonly trace?: never;
    };
    readonly "/api/invitations/{id}/send": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Queue the invitation email for sending
         * @description Moves a `draft` (or `failed`) invitation to `sending` and queues it; a queue-triggered
         *     function sends it with SendGrid and the invitation becomes `sent` (or `failed` when
         *     dispatch gives up). Sending twice sends once: a repeat while `sending` or `sent` answers
         *     202 with `queued: false`. No request body is read. The partner may instead send the
         *     draft from its own mail app (`mailtoUrl`); the link works either way.
         */
        readonly post: operations["sendInvitation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitations/{id}/revoke": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Revoke the invitation; its link answers 410 from now on
         * @description Allowed while the invitation is open (`draft`, `sending`, `sent`, `failed`) or
         *     `expired`; revoking a revoked invitation changes nothing and answers 200. No request
         *     body is read.
         */
        readonly post: operations["revokeInvitation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitations/{id}/resend": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Send the email of a sent invitation again
         * @description Only while the invitation is `sent` and not yet expired: the same draft (same subject)
         *     goes out again through the same queue and SendGrid dispatch as the first send. At most
         *     one resend per `INVITATION_RESEND_MIN_MINUTES` (default 10) per invitation, counted
         *     from the previous resend, so the first resend may follow the send at once. A resend
         *     replaces a reminder or resend that is still queued (only the latest goes out). The
         *     answer is the invitation with `lastResendAt` and `resendCount` updated, without an
         *     `ETag` header. No request body is read. The action is recorded as `invitation.resent`
         *     in the audit log once the email has gone out.
         */
        readonly post: operations["resendInvitation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitation-batches": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** List the partner's invitation batches, newest first */
        readonly get: operations["listInvitationBatches"];
        readonly put?: never;
        /**
         * Invite many customers at once from a CSV file or a JSON array
         * @description The body is a CSV file (`text/csv`, UTF-8 with or without a BOM, comma- or
         *     semicolon-delimited as Excel writes it, e.g. in German locales) whose first line names
         *     the columns `email,companyName,domain,country,includeDelegatedAdmin,locale` (any order,
         *     any case; `locale` may be left out and defaults to `en-US`), or a JSON array of objects
         *     with the same fields (`includeDelegatedAdmin` a boolean). In CSV, `includeDelegatedAdmin`
         *     takes `true`/`false`, `TRUE`/`FALSE`, `WAHR`/`FALSCH`, `1`/`0`, `yes`/`no`, `ja`/`nein`
         *     (empty is false); an empty cell is a missing value; rows of empty cells are skipped. The
         *     result columns of a downloaded results file (`line,status,invitationId,code,field,message`)
         *     are ignored, so a download of the failed rows can be fixed and posted again as it is.
         *
         *     At most 10,000 rows and 4 MiB. A file that is not a batch is refused as a whole and
         *     nothing is stored. Otherwise the batch is accepted (202, `validating`) and worked on by
         *     queue-triggered functions: every row is checked with the rules of a single invitation
         *     (`POST /api/invitations`: the same schema, DAP per cloud, the CSP region) plus one row per
         *     customer domain in a batch (`DUPLICATE_DOMAIN_IN_BATCH`, the first row wins) and no
         *     invitation for a customer that is already active with what the row asks
         *     (`CUSTOMER_ALREADY_ACTIVE`: an active relationship, with delegated admin active when the
         *     row asks for it), nor for a domain with a pending invitation from the partner (draft,
         *     sending, sent, failed or accepted and not expired; from an earlier or concurrent batch or
         *     a single request: `INVITATION_ALREADY_PENDING`); then each valid row becomes an invitation (`running`), each once even if
         *     a message is delivered twice. With `send=true` each invitation's email is queued for
         *     dispatch as `POST /api/invitations/{id}/send` does (paced by the dispatch queue, which
         *     backs off when SendGrid answers 429). Follow the batch at its `Location`; when every row
         *     is done it is `completed` (or `completed_with_errors`), recorded in the audit log, and
         *     the webhook event `invitationBatch.completed` is sent.
         *
         *     A row that failed is retried by posting it again in a new batch (see
         *     `GET /api/invitation-batches/{id}/rows?format=csv&status=failed`). With an
         *     `Idempotency-Key`, a retry of the same upload returns the same batch (202,
         *     `Idempotent-Replayed: true`); the same key with a different body is a 422
         *     `IDEMPOTENCY_KEY_REUSED`.
         */
        readonly post: operations["createInvitationBatch"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitation-batches/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The batch id (the `id` it was accepted with). A malformed id is a 404. */
                readonly id: components["parameters"]["BatchId"];
            };
            readonly cookie?: never;
        };
        /** A batch's status, counts per row outcome and progress */
        readonly get: operations["getInvitationBatch"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/invitation-batches/{id}/rows": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The batch id (the `id` it was accepted with). A malformed id is a 404. */
                readonly id: components["parameters"]["BatchId"];
            };
            readonly cookie?: never;
        };
        /**
         * The batch's per-row results, in file order
         * @description Each row with its `line` (its line in the file, the header being line 1; for a JSON
         *     array, the item's position + 1, as the same row of a CSV file), its `status`, the
         *     `invitationId` when it was created, or the problem `code`, `field` (the column) and
         *     `message` when not. Row problem codes are those of `POST /api/invitations`
         *     (`REQUIRED`, `WRONG_TYPE`, `INVALID_VALUE`, `UNKNOWN_FIELD`,
         *     `DAP_NOT_AVAILABLE_IN_CLOUD`, `CUSTOMER_OUTSIDE_REGION`, `PARTNER_PROFILE_REQUIRED`) and
         *     `DUPLICATE_DOMAIN_IN_BATCH`, `CUSTOMER_ALREADY_ACTIVE`, `INVITATION_ALREADY_PENDING` and
         *     `ROW_NOT_PROCESSED` (the row's
         *     queue message kept failing and was given up; post the row again).
         *
         *     `format=csv` downloads every row (of `status`, when given) at once as a CSV file (UTF-8
         *     with a BOM, comma-delimited, formulas defused with a leading apostrophe): the result
         *     columns `line,status,invitationId,code,field,message`, then the columns of the upload,
         *     so the failed rows can be fixed and posted again as they are. `limit` and
         *     `continuationToken` apply to the JSON pages only.
         */
        readonly get: operations["listInvitationBatchRows"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/accept/{token}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        /**
         * What the invitation link shows (changes nothing)
         * @description Anonymous to open; accepting needs a sign-in. Browsers get an HTML page: the request,
         *     and then, by the browser's sign-in session (`GET /api/accept/{token}/signin`), either
         *     "Sign in with Microsoft", or who is signed in and why they may not accept, or — for a
         *     Global Administrator of the customer's domain — the MCA form (prefilled from the
         *     sign-in, with a link to the agreement text) and the accept button. Clients that send
         *     `Accept: application/json` get JSON and problem+json errors. Safe to prefetch (mail
         *     scanners do): nothing changes. An invitation that is already accepted redirects (303)
         *     to the portal again. A dead link's page is in the invitation's language (404 for an
         *     unknown link: the browser's `Accept-Language`).
         */
        readonly get: operations["showInvitationAcceptance"];
        readonly put?: never;
        /**
         * Accept the invitation as the customer's Global Administrator (after the MCA when needed), then go to the portal
         * @description Needs the customer admin's identity: the browser's sign-in session (a sealed, HttpOnly,
         *     SameSite=Lax cookie from `GET /api/auth/callback`; the form must then carry the
         *     session's anti-forgery field `csrf`), or an API client's bearer token (`customerAdminToken`
         *     rules for the token itself). Without one: 401 `UNAUTHENTICATED` and nothing changes.
         *     The signed-in tenant (`tid`) must be the Microsoft Entra organization that owns the
         *     invitation's customer domain, as the domain's OpenID configuration
         *     (`{authority}/{domain}/v2.0/.well-known/openid-configuration`) names it in its `issuer`
         *     — else 403 `SIGN_IN_TENANT_MISMATCH`, naming the expected organization in `detail` and
         *     in `errors[0]` (field `tid`), or 422 `CUSTOMER_TENANT_NOT_FOUND` when no organization
         *     owns the domain. The user must be a Global Administrator of that tenant (`wids`) — 403
         *     `GLOBAL_ADMIN_REQUIRED` — whose user principal name (`upn`, never
         *     `preferred_username`) is in the domain — 403 `SIGN_IN_DOMAIN_MISMATCH`. A browser
         *     session counts only on the invitation it was signed in for. The customer's Entra tenant comes from that sign-in: it
         *     is bound to the customer at activation and shown on the partner's Customers list; a
         *     customer already bound to another tenant answers 403 `CUSTOMER_TENANT_MISMATCH`, and a
         *     tenant already bound to a customer (through another partner's invitation) accepts for
         *     that same customer. The link and the identity are checked before the body is read.
         *
         *     When the customer has not yet accepted the Microsoft Customer Agreement, the
         *     body must carry the signer (`acceptMca: true`, first and last name, email, optional
         *     phone); it is recorded once per customer with the date agreed and the agreement
         *     template id. Otherwise the body may be empty or `{}`. The acceptance is recorded, the
         *     relationship activation is queued, and the answer is a 303 to the admin portal of the
         *     partner's cloud, where the customer confirms the reseller relationship. Accepting again
         *     redirects again and changes nothing.
         *
         *     Browsers post the form (`application/x-www-form-urlencoded`) and get HTML: a form error
         *     (400 `VALIDATION_FAILED`, 422 `MCA_ACCEPTANCE_REQUIRED`) re-renders the form with the
         *     values typed and the errors. JSON clients (`Accept: application/json`) get JSON, and
         *     must not follow the redirect automatically if they want to read it (`Location`). The
         *     body limit is 8 KiB.
         */
        readonly post: operations["acceptInvitation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/accept/{token}/decline": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Decline the invitation as the customer's Global Administrator
         * @description The same identity as an acceptance (browser session with the form's `csrf` field, or
         *     the customer admin's bearer token; a Global Administrator with a sign-in name in the
         *     customer's domain). Body: `reason` (`not-needed`, `other-partner`, `unknown-partner`,
         *     `other`) and an optional `comment` (up to 500 characters). The invitation becomes
         *     `declined`, a final state: the link answers 410 `LINK_DECLINED` from then on. The partner
         *     sees who declined (tenant, object id, sign-in name), when and why on the invitation
         *     (`declinedAt`, `decline`), in the audit log and as the webhook event
         *     `invitation.declined`; it may invite again. Declining again changes nothing. Browsers
         *     are redirected (303) back to the link; JSON clients get the outcome.
         */
        readonly post: operations["declineInvitation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/accept/{token}/signin": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        /**
         * Start the customer admin's Microsoft sign-in for this invitation
         * @description Redirects (302) to Microsoft Entra ID's authorization endpoint of the customer's own
         *     tenant (named by the invitation's domain): OpenID Connect authorization code flow with
         *     PKCE (S256), `state` and `nonce`, scope `openid profile email`. The pending sign-in is
         *     kept in a sealed, HttpOnly cookie for 10 minutes. `?account=other` asks Entra to let the
         *     user pick another account. Changes no invitation.
         */
        readonly get: operations["startCustomerSignIn"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/accept/{token}/signout": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * End this browser's customer sign-in session
         * @description The form must carry the session's anti-forgery field `csrf` (the page's sign-out form
         *     does), so another site cannot sign anyone out. The session is revoked on the server
         *     (a copy of its cookie is refused from then on, until the session would have expired),
         *     the cookie is cleared, and the answer is a 303 back to the invitation. Without a
         *     session for this invitation nothing changes (303 back, no cookie set).
         */
        readonly post: operations["customerSignOut"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/auth/callback": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Entra's redirect back after the customer admin signed in
         * @description The registered redirect URI (`{PUBLIC_BASE_URL}/api/auth/callback`). Redeems the code
         *     with the PKCE verifier; openid-client checks `state`, `nonce`, and the ID token's issuer
         *     (the tenant's own), audience and lifetime. Then sets the session cookie (sealed, HttpOnly,
         *     SameSite=Lax, 20 minutes: a session id, the invitation it was made for (it counts on no
         *     other), the user's tenant id, object id, sign-in names, names, email and directory roles,
         *     and an anti-forgery token) and redirects (303) to the invitation.
         */
        readonly get: operations["completeCustomerSignIn"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customers": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The partner's Customers list (active relationships)
         * @description Most recently activated first, one page at a time. With
         *     `delegatedAdminEndsWithinDays`, only the customers whose delegated admin access is in
         *     effect (`active` or `expiring`) and ends within that many days, the soonest first. With
         *     `search`, only the customers whose company name or domain starts with it, ignoring
         *     case, searched over all of the partner's customers (one query in the partner's
         *     partition per page); it combines with `delegatedAdminEndsWithinDays`. With
         *     `confirmation`, only the customers whose reseller relationship Microsoft has that
         *     confirmation state of (`relationship.confirmation.state`); it combines with the others.
         */
        readonly get: operations["listCustomers"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customers/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        /**
         * One customer of the partner
         * @description Unlike the list, this also returns a relationship whose `status` is `removed`. A
         *     customer of another partner is a 404.
         */
        readonly get: operations["getCustomer"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customers/{id}/reseller-confirmation/check": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Ask Microsoft now whether it holds the reseller relationship
         * @description Reads the partner tenant's contracts in Microsoft Graph (`GET /contracts`, app-only) for
         *     this customer at once. A `ResellerPartner` contract confirms the relationship
         *     (`confirmedBy` `graphCheck`, webhook `relationship.confirmed`). Without one, the check
         *     is recorded (`checkedAt`); a relationship the automatic checks gave up on
         *     (`notConfirmed`) becomes `awaitingCustomer` again with a new round of checks. A confirmed
         *     or removed relationship is returned unchanged. No request body is read.
         */
        readonly post: operations["recheckResellerConfirmation"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customers/{id}/relationship": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        /**
         * End the reseller relationship with the customer
         * @description Needs the `AdminAgent` role. The relationship's `status` becomes `removed` (with
         *     `removedAt`), delegated admin privileges end with it (`delegatedAdmin.state` `none`),
         *     and the customer leaves the Customers list; `GET /api/customers/{id}` still returns it.
         *     Removing a removed relationship changes nothing and answers 204 as well. A new
         *     invitation re-establishes the relationship. Recorded as `relationship.removed`. No
         *     request body is read.
         */
        readonly delete: operations["removeRelationship"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customers/{id}/delegated-admin/access": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        /**
         * Which of the partner's groups hold which roles in this customer's tenant
         * @description The customer's granular relationship as Microsoft Graph last answered, what it waits
         *     for, and the access template's groups, each with its accessAssignment's status in Graph
         *     (`notCreated` until the relationship is active). A customer of another partner is a 404.
         */
        readonly get: operations["getDelegatedAdminAccess"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customers/{id}/support-contact": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        /**
         * The partner's support contact for the customer
         * @description The same object as the customer's `supportContact`. Also answers for a removed
         *     relationship that still has one.
         */
        readonly get: operations["getSupportContact"];
        /**
         * Assign or replace the partner's support contact for the customer
         * @description Only while the relationship is `active`; independent of delegated admin privileges.
         *     Answers 200 whether the contact is assigned for the first time or replaced (there is
         *     no 201), with the contact as stored (`assignedAt` set now). `If-Match` is not used;
         *     the last writer wins. Recorded as `supportContact.assigned`. The body limit is 64 KiB.
         */
        readonly put: operations["putSupportContact"];
        readonly post?: never;
        /**
         * Clear the partner's support contact for the customer
         * @description Clearing a contact that is not set changes nothing and answers 204 as well; unlike
         *     the PUT, this also works on a removed relationship. Recorded as
         *     `supportContact.removed` when a contact was cleared. No request body is read.
         */
        readonly delete: operations["deleteSupportContact"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customer/claim": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Bind the caller's customer tenant to the customer that accepted an invitation
         * @description The proof is the personalized link of an invitation the customer has accepted
         *     (`accepted` or `active`), together with a customer admin token of the tenant. A
         *     customer is bound to one tenant, and a tenant to one customer, once and for good;
         *     claiming again with the same tenant for the same customer answers 200 again. Every
         *     other `/api/customer/...` operation needs this claim first.
         *
         *     `acceptUrl` is the link as the customer received it
         *     (`<public base URL>/api/accept/<token>`); only the token after `/api/accept/` is used,
         *     so the host does not matter, and the bare token is accepted too. A revoked or expired
         *     invitation was never accepted: it is a 409 `INVITATION_NOT_ACCEPTED`, not a 410. The
         *     body limit is 64 KiB.
         */
        readonly post: operations["claimCustomer"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customer/partners": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The partners with a reseller relationship with the caller's customer
         * @description Every partner, removed relationships included, most recently activated first, in one
         *     answer (not paged), each with its delegated admin privileges.
         */
        readonly get: operations["listCustomerPartners"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/customer/partners/{partnerTenantId}/delegated-admin": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /**
                 * @description The partner's tenant id (`partnerTenantId` of a `CustomerPartner`), a GUID in any case.
                 *     A malformed id is a 404 like a partner without a relationship with the customer.
                 */
                readonly partnerTenantId: components["parameters"]["PartnerTenantId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        /**
         * Ask Microsoft to give a partner delegated admin privileges back
         * @description Only Microsoft grants them, so this creates a new granular relationship in Microsoft
         *     Graph (in the partner's tenant, for the caller's customer tenant, through the partner's
         *     connection) with the roles and term the partner held, locked for approval, and answers
         *     `microsoft.action` `approveInAdminCenter` with its approval page (`microsoft.url`) and
         *     Graph id. Classic DAP comes back as its granular successor: Global Administrator and
         *     Helpdesk Administrator for `P730D`, no auto-extension. `delegatedAdmin` stays as it is
         *     until the customer approves and Graph says `active` (then `delegatedAdmin.changed`). A
         *     request already waiting for approval is answered again, not made twice. Already
         *     `active`, or Graph last said the partner's relationship is `active`: `microsoft.action`
         *     `none`, no change (in the second case a check of Graph corrects the record). Recorded in the partner's audit log as
         *     `delegatedAdmin.restoreRequested`. No request body is read.
         */
        readonly put: operations["restoreDelegatedAdmin"];
        readonly post?: never;
        /**
         * Take a partner's delegated admin privileges away, in Microsoft
         * @description Microsoft holds delegated admin privileges, so the answer says what happened there
         *     (`microsoft`), and the record follows Graph; the reseller relationship stays.
         *     A granular relationship Graph last said is `active` (or `expiring`) is terminated through
         *     the partner's connection (Graph `POST /tenantRelationships/delegatedAdminRelationships/{id}/requests`
         *     with `action: terminate`, which Microsoft documents for the partner) and read back:
         *     `microsoft.action` `terminatedInGraph`, `graphStatus` `terminated` (or
         *     `terminationRequested` while Microsoft works), and `delegatedAdmin` as Graph now says.
         *     Anything this service cannot end at Microsoft (classic DAP, which no Graph API reads; a
         *     request not approved yet; the partner's connection refused or Graph down) is recorded
         *     as `delegatedAdmin.removalRequestedAt` and answered with `microsoft.action`
         *     `removeInAdminCenter` and the admin center page (`microsoft.url`, Settings → Partner
         *     relationships) where the customer's admin removes it; the re-checks of Graph and Partner
         *     Center's events then learn `terminated`. Nothing held: `microsoft.action` `none`, no
         *     change. Recorded in the partner's audit log as `delegatedAdmin.removed` (a webhook
         *     event, the customer's word; with `after.via` `graph` or `adminCenter`); what Graph then
         *     says is `delegatedAdmin.changed`. No request body is read.
         */
        readonly delete: operations["removeDelegatedAdmin"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/audit-events": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The partner's audit log, newest first
         * @description Needs the `AdminAgent` role. Every state change of the partner's profile, invitations,
         *     customers and webhooks: who (`actor`), when (`at`), what (`action`, `subject`) and the
         *     fields before and after. Events older than the deployment's archive age
         *     (`AUDIT_ARCHIVE_AFTER_DAYS`, 365 days by default) move out of this log into the
         *     operator's archive, where they are kept: `archivedBefore` says from which instant on the
         *     log is complete, and the operator retrieves older events on request. `from` (inclusive)
         *     and `to` (exclusive) narrow the time range; pass the same `from` and `to` with a
         *     `continuationToken`.
         */
        readonly get: operations["listAuditEvents"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/webhooks": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * The partner's webhooks
         * @description Newest first, all of them (at most 10); secret values are never shown.
         */
        readonly get: operations["listWebhooks"];
        readonly put?: never;
        /**
         * Register a webhook receiver
         * @description Needs the `AdminAgent` role. The receiver gets a signed POST for each event it
         *     subscribes to (see docs/webhooks.md). The URL must be https, without credentials or
         *     fragment, and name a public host: IP literals in private, loopback, link-local or
         *     reserved ranges (also as the IPv4 address inside an IPv4-mapped, IPv4-compatible,
         *     NAT64, 6to4 or Teredo IPv6 address) and single-label or internal names are refused (422
         *     `WEBHOOK_URL_NOT_ALLOWED`). Locally (`WEBHOOK_ALLOW_HTTP_LOOPBACK=true`)
         *     http(s)://127.0.0.1, localhost and [::1] are allowed. The answer is the only time the
         *     signing `secret` is shown. At most 10 webhooks per partner (409
         *     `WEBHOOK_LIMIT_REACHED`), also when registrations arrive at once. Recorded as
         *     `webhook.created`.
         */
        readonly post: operations["createWebhook"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/webhooks/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        /**
         * One webhook of the partner
         * @description Without secret values. A deleted webhook, or another partner's, is a 404.
         */
        readonly get: operations["getWebhook"];
        readonly put?: never;
        readonly post?: never;
        /**
         * Delete a webhook
         * @description Needs the `AdminAgent` role. No more deliveries; a delivery still waiting for a retry
         *     ends `failed`. Deleting it again is a 404. Recorded as `webhook.deleted`. No request
         *     body is read.
         */
        readonly delete: operations["deleteWebhook"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/webhooks/{id}/rotate-secret": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Make a new signing secret
         * @description Needs the `AdminAgent` role. Returns the new `secret` (this once). The previous secret
         *     keeps signing for 24 hours: until then each delivery's `webhook-signature` carries one
         *     `v1,<base64>` signature per valid secret. Recorded as `webhook.secretRotated`. No request
         *     body is read.
         */
        readonly post: operations["rotateWebhookSecret"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/webhooks/{id}/deliveries": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        /**
         * The webhook's deliveries, newest first
         * @description One per event sent to the webhook, with every attempt.
         */
        readonly get: operations["listWebhookDeliveries"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/webhooks/{id}/ping": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Send the test event `webhook.ping`
         * @description Needs the `AdminAgent` role. Records a `webhook.ping` event (audit log) and delivers it to
         *     this webhook only, whatever it subscribed to, signed and retried like any delivery, so a
         *     partner can check its receiver and its signature check. No request body is read.
         */
        readonly post: operations["pingWebhook"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
                /** @description The delivery's `id` (as listed in the webhook's deliveries). A malformed one is a 404. */
                readonly deliveryId: string;
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Deliver a failed delivery's event again
         * @description Needs the `AdminAgent` role. A new delivery (`id` `<event id>-<n>`, `redelivery` n) of
         *     the same event with the same `webhook-id`, with its own attempts and retries. Only a
         *     `failed` delivery, and each only once: when the redelivery fails too, redeliver that one.
         *     No request body is read.
         */
        readonly post: operations["redeliverWebhookDelivery"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/email-events": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * SendGrid's Event Webhook (delivery events of invitation emails)
         * @description For SendGrid, not for partners: enter `<base URL>/api/email-events` as the Event Webhook
         *     URL in SendGrid's mail settings, turn on its signature verification and set the
         *     verification key as `SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY`. No token: each request must carry
         *     SendGrid's ECDSA (P-256) signature over `X-Twilio-Email-Event-Webhook-Timestamp` followed
         *     by the raw body, verified with `@sendgrid/eventwebhook`, and a timestamp within 600
         *     seconds of the app's clock. Nothing is read before the signature checks out.
         *
         *     The events `processed`, `deferred`, `delivered`, `open`, `bounce`, `dropped` and
         *     `spamreport` are recorded on the invitation named by the custom arguments set at send time
         *     (`invitationId`, `partnerTenantId`, `dispatchId`), once per `sg_event_id`: a replayed
         *     event changes nothing. A `bounce` or `dropped` raises the audit and webhook event
         *     `invitation.deliveryFailed`. Other event types, and events that name no invitation of
         *     that partner (or another recipient), are answered 200 and ignored, because SendGrid
         *     retries anything else for up to 72 hours.
         */
        readonly post: operations["emailEvents"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/partner-center/events/{partnerTenantId}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /**
                 * @description The partner's tenant id (`partnerTenantId` of a `CustomerPartner`), a GUID in any case.
                 *     A malformed id is a 404 like a partner without a relationship with the customer.
                 */
                readonly partnerTenantId: components["parameters"]["PartnerTenantId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /**
         * Partner Center's signed webhook events for one partner tenant
         * @description For Partner Center, not for partners' tools: the partner registers
         *     `<base URL>/api/partner-center/events/<partner tenant id>` for the events
         *     `granular-admin-relationship-*`, `dap-admin-relationship-*` and
         *     `reseller-relationship-accepted-by-customer`. No token: `Authorization: Signature
         *     <base64>` must be Partner Center's RSA-SHA256 signature over the exact body, made with
         *     the certificate at `x-ms-certificate-url`, which is fetched only over https from Partner
         *     Center's host (`PARTNER_CENTER_CERTIFICATE_HOST`) and must be valid now. Nothing is read
         *     before that passes.
         *
         *     An event is never taken as state: a relationship event queues a re-read of that
         *     relationship in Microsoft Graph (when this partner tracks it); a reseller acceptance
         *     starts the reseller relationship's confirmation. Every verified event is answered 200,
         *     including those that name nothing this partner tracks.
         */
        readonly post: operations["receivePartnerCenterEvent"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/openapi.yaml": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * This document
         * @description Anonymous. The contract as written, for the partner console and partners' own tools.
         *     Cached for five minutes.
         */
        readonly get: operations["openApiDocument"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/health": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /**
         * Readiness (Cosmos DB and queue storage reachable)
         * @description Anonymous. Both stores are probed in parallel, each within 5 seconds.
         */
        readonly get: operations["health"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details with a stable machine `code`. */
        readonly Problem: {
            /**
             * @description `urn:problem:reseller-invitations:<code in kebab case>`, stable per code.
             * @example urn:problem:reseller-invitations:link-required
             */
            readonly type: string;
            readonly title: string;
            readonly status: number;
            /** @description The stable machine code; the operations list which codes they return per status. */
            readonly code: string;
            readonly detail?: string;
            /** @description Only on 500 and 503 answers from unexpected failures, `urn:invocation:<id>`. */
            readonly instance?: string;
            /** @description One entry per offending field; empty when the problem is not about a field. */
            readonly errors: readonly components["schemas"]["FieldError"][];
        };
        readonly FieldError: {
            /**
             * @description Dotted path of the field (`customer.email`), `body` for the body as a whole, a query
             *     parameter name, or a header name (`If-Match`, `Idempotency-Key`, `content-type`).
             */
            readonly field: string;
            /**
             * @description For `VALIDATION_FAILED`: `REQUIRED`, `WRONG_TYPE`, `INVALID_VALUE` or
             *     `UNKNOWN_FIELD`; `REQUIRED` for a missing `If-Match`; otherwise the problem's own code.
             */
            readonly code: string;
            readonly message: string;
        };
        readonly ResourceId: string;
        /**
         * Format: date-time
         * @description ISO 8601, UTC (`2026-11-24T14:45:03.428Z`).
         */
        readonly Timestamp: string;
        /**
         * @description The Microsoft cloud the partner operates in; its customers are in the same cloud.
         * @enum {string}
         */
        readonly Cloud: "public" | "germany" | "usgov";
        /** @enum {string} */
        readonly Locale: "en-US" | "de-DE";
        /**
         * @description `draft` → `sending` → `sent` → `accepted` → `active`; also `revoked`, `expired` (an open
         *     invitation past `expiresAt` reads as `expired`), `failed` (dispatch gave up; it can be
         *     edited and sent again) and `declined` (the customer's admin declined; final, the link
         *     answers 410; see `decline`).
         * @enum {string}
         */
        readonly InvitationStatus: "draft" | "sending" | "sent" | "accepted" | "active" | "revoked" | "expired" | "failed" | "declined";
        /**
         * @description ISO 3166-1 alpha-2 code, any case (stored upper case). It must be a market of the CSP
         *     region table, else `VALIDATION_FAILED` with "is not a country this service knows".
         */
        readonly CountryInput: string;
        /** @description ISO 3166-1 alpha-2 code. */
        readonly Country: string;
        /** Format: email */
        readonly Email: string;
        readonly PartnerProfileInput: {
            /** @description Trimmed; must not be blank or contain control characters. */
            readonly displayName: string;
            readonly country: components["schemas"]["CountryInput"];
            readonly cloud: components["schemas"]["Cloud"];
            /** @description The 6 to 10 digit MPN (Partner) ID. */
            readonly mpnId: string;
        };
        readonly PartnerProfile: {
            /** Format: uuid */
            readonly partnerTenantId: string;
            readonly displayName: string;
            readonly country: components["schemas"]["Country"];
            readonly cloud: components["schemas"]["Cloud"];
            readonly mpnId: string;
            readonly createdAt: components["schemas"]["Timestamp"];
            readonly updatedAt: components["schemas"]["Timestamp"];
        };
        readonly MicrosoftConnection: {
            /** @enum {string} */
            readonly state: "consentMissing" | "connected" | "revoked";
            /** @description When Graph was last asked; null if never. */
            readonly checkedAt: components["schemas"]["Timestamp"] | null;
            /** @description When the connection was first found working (kept while revoked). */
            readonly connectedAt: components["schemas"]["Timestamp"] | null;
            /** @description When a working connection was last found withdrawn. */
            readonly revokedAt: components["schemas"]["Timestamp"] | null;
            /** @description The app registration to consent to; null while GDAP is not set up. */
            readonly appClientId: string | null;
            /**
             * @deprecated
             * @description The first of `permissions`; kept for clients written before `permissions`.
             * @constant
             */
            readonly permission: "DelegatedAdminRelationship.ReadWrite.All";
            /**
             * @description The Microsoft Graph application permissions the admin consent grants: creating and
             *     reading delegated admin relationships, and reading the directory (the customer's
             *     contracts, to confirm the reseller relationship in Microsoft).
             */
            readonly permissions: readonly ("DelegatedAdminRelationship.ReadWrite.All" | "Directory.Read.All")[];
            /**
             * Format: uri
             * @description Microsoft's admin consent page for the partner tenant; null while GDAP is not set up.
             */
            readonly consentUrl: string | null;
        };
        /**
         * @description Give `includeDelegatedAdmin` (the classic roles) or `delegatedAdmin` (chosen roles);
         *     one of them is required (400 `VALIDATION_FAILED`, field `includeDelegatedAdmin`).
         *     `delegatedAdmin` with `includeDelegatedAdmin: false` is 422 `DELEGATED_ADMIN_CONFLICT`.
         */
        readonly CreateInvitationRequest: {
            readonly customer: {
                readonly email: components["schemas"]["Email"];
                /** @description Trimmed; must not be blank or contain control characters. */
                readonly companyName: string;
                /**
                 * @description The DNS name of the customer's tenant (e.g. `contoso.onmicrosoft.com`); the
                 *     server trims and lower-cases it. The same domain is the same customer
                 *     (`customerId`), whichever partner invites it.
                 */
                readonly domain: string;
                readonly country: components["schemas"]["CountryInput"];
            };
            /**
             * @description Ask for delegated admin privileges (DAP) for Microsoft Entra ID and Office 365: the
             *     classic roles, Global Administrator and Helpdesk Administrator, with no end date. Not
             *     available to partners in the `germany` or `usgov` cloud (422
             *     `DAP_NOT_AVAILABLE_IN_CLOUD`). An invitation with DAP for an existing customer
             *     restores DAP. Optional when `delegatedAdmin` is given (then it reads `true`).
             */
            readonly includeDelegatedAdmin?: boolean;
            readonly delegatedAdmin?: components["schemas"]["DelegatedAdminRequest"];
            /**
             * @description The language of the drafted email.
             * @default en-US
             */
            readonly locale: components["schemas"]["Locale"];
        };
        /** @description At least one of the fields; the ones left out keep their value. */
        readonly DraftEdit: {
            /** @description Trimmed; must not be blank or contain control characters. */
            readonly subject?: string;
            /** @description Must still contain `acceptUrl` as a whole URL. */
            readonly text?: string;
            /** @description Must still contain an `<a href>` to exactly `acceptUrl`. */
            readonly html?: string;
        };
        readonly InvitationCustomer: {
            readonly email: string;
            readonly companyName: string;
            readonly domain: string;
            readonly country: components["schemas"]["Country"];
        };
        readonly EmailDraft: {
            readonly subject: string;
            readonly text: string;
            readonly html: string;
        };
        /** @description The partner profile as it was when the invitation was created. */
        readonly InvitationPartner: {
            readonly displayName: string;
            readonly country: components["schemas"]["Country"];
            readonly cloud: components["schemas"]["Cloud"];
            readonly mpnId: string;
        };
        readonly HistoryEntry: {
            readonly at: components["schemas"]["Timestamp"];
            /** @description `null` for the creation. */
            readonly from: components["schemas"]["InvitationStatus"] | null;
            readonly to: components["schemas"]["InvitationStatus"];
            /** @description `partner:<user id>`, `customer:<email>`, `customer` or `system`. */
            readonly actor: string;
            readonly note?: string;
        };
        /** @description The fields of an invitation list item (composed below; strictness is on the composed schemas). */
        readonly InvitationSummaryFields: {
            readonly id: components["schemas"]["ResourceId"];
            readonly status: components["schemas"]["InvitationStatus"];
            readonly customer: components["schemas"]["InvitationCustomer"];
            readonly customerId: components["schemas"]["ResourceId"];
            readonly includeDelegatedAdmin: boolean;
            readonly delegatedAdmin: components["schemas"]["InvitationDelegatedAdmin"];
            readonly locale: components["schemas"]["Locale"];
            readonly createdAt: components["schemas"]["Timestamp"];
            readonly updatedAt: components["schemas"]["Timestamp"];
            readonly expiresAt: components["schemas"]["Timestamp"];
            readonly sentAt?: components["schemas"]["Timestamp"];
            readonly acceptedAt?: components["schemas"]["Timestamp"];
            readonly activatedAt?: components["schemas"]["Timestamp"];
            readonly revokedAt?: components["schemas"]["Timestamp"];
            readonly declinedAt?: components["schemas"]["Timestamp"];
            /** @description The customer's refusal, from their admin's sign-in. */
            readonly decline?: {
                /** @enum {string} */
                readonly reason: "not-needed" | "other-partner" | "unknown-partner" | "other";
                readonly comment?: string;
                readonly signedIn: {
                    readonly tenantId: string;
                    readonly objectId: string;
                    readonly username: string;
                };
            };
            readonly failedAt?: components["schemas"]["Timestamp"];
            readonly failureReason?: string;
            /** @description When the one reminder before expiry was queued (at most one per invitation). */
            readonly reminderRequestedAt?: components["schemas"]["Timestamp"];
            /** @description When the partner last asked for a resend. */
            readonly lastResendAt?: components["schemas"]["Timestamp"];
            /** @description How many resends the partner has asked for; absent before the first. */
            readonly resendCount?: number;
            readonly delivery?: components["schemas"]["EmailDeliverySummary"];
        };
        /**
         * @description What became of the invitation email, from SendGrid's Event Webhook; absent until its first
         *     event. `state` is that of the latest event: `bounced` and `dropped` mean the customer did
         *     not get the link (fix the address: create a new invitation to the right one).
         */
        readonly EmailDeliverySummary: {
            /** @enum {string} */
            readonly state: "processed" | "deferred" | "delivered" | "opened" | "bounced" | "dropped" | "spam-reported";
            readonly at: components["schemas"]["Timestamp"];
            /** @description The receiving server's answer or SendGrid's reason (bounces, drops, deferrals). */
            readonly reason?: string;
        };
        /** @description The delivery state with the recorded events (the newest 50), oldest first. */
        readonly EmailDelivery: components["schemas"]["EmailDeliverySummary"] & {
            readonly events: readonly {
                /** @enum {string} */
                readonly event: "processed" | "deferred" | "delivered" | "open" | "bounce" | "dropped" | "spamreport";
                readonly at: components["schemas"]["Timestamp"];
                readonly reason?: string;
                /** @description Which send the event is about (the first send, a reminder or a resend). */
                readonly dispatchId?: string;
            }[];
        };
        /** @description The fields of a full invitation. */
        readonly InvitationFields: components["schemas"]["InvitationSummaryFields"] & {
            readonly draft: components["schemas"]["EmailDraft"];
            /**
             * Format: uri
             * @description The personalized link, `<public base URL>/api/accept/<token>`.
             */
            readonly acceptUrl: string;
            /** @description A `mailto:` URL (RFC 6068) with the customer's address, the subject and the text. */
            readonly mailtoUrl: string;
            readonly partner: components["schemas"]["InvitationPartner"];
            readonly history: readonly components["schemas"]["HistoryEntry"][];
            readonly delivery?: components["schemas"]["EmailDelivery"];
        };
        /** @description An invitation in a list. */
        readonly InvitationSummary: components["schemas"]["InvitationSummaryFields"];
        /** @description A full invitation. */
        readonly Invitation: components["schemas"]["InvitationFields"];
        /** @description The invitation after `send`, with whether this request queued it. */
        readonly SendResult: components["schemas"]["InvitationFields"] & {
            /** @description `false` when the invitation was already `sending` or `sent` (sending twice sends once). */
            readonly queued: boolean;
        };
        readonly InvitationPage: {
            readonly items: readonly components["schemas"]["InvitationSummary"][];
            /** @description Present when there are more items; pass it back as `continuationToken`. */
            readonly continuationToken?: string;
        };
        readonly Customer: {
            /**
             * @description The granular delegated admin relationship in Microsoft Graph that this customer's
             *     newest GDAP request created, as Graph last answered (`null` when none was requested).
             *     `status` is Graph's (`approvalPending`, `active`, `expiring`, `expired`,
             *     `terminated`, ...) or `deleted` when Graph no longer has it. `learnedFrom`: `created`
             *     (as locked), `event` (a Partner Center event made the check) or `recheck` (the
             *     graph-checks queue). `waitingFor`: `customerApproval` (the customer's admin has not
             *     approved it in the Microsoft 365 admin center), `microsoft` (approved, Microsoft is
             *     still activating it), `accessAssignments` (the template's groups are still pending),
             *     `reconnect` (the partner's consent was withdrawn: checks stop until
             *     `POST /api/partner/microsoft-connection/check` finds it connected),
             *     `graphUnavailable` (Graph has failed repeatedly; still retried), or `null`.
             */
            readonly gdapRelationship: null | components["schemas"]["GdapRelationship"];
            readonly id: components["schemas"]["ResourceId"];
            readonly companyName: string;
            readonly domain: string;
            readonly country: components["schemas"]["Country"];
            /**
             * @description The customer's Microsoft Entra tenant id, from the Global Administrator's sign-in when
             *     they accepted; `null` for customers that accepted before sign-in existed and have not
             *     claimed their record.
             */
            readonly tenantId: string | null;
            readonly relationship: {
                /** @enum {string} */
                readonly status: "active" | "removed";
                readonly activatedAt: components["schemas"]["Timestamp"];
                readonly createdAt: components["schemas"]["Timestamp"];
                readonly removedAt?: components["schemas"]["Timestamp"];
                readonly confirmation: components["schemas"]["ResellerConfirmation"];
            };
            readonly delegatedAdmin: components["schemas"]["DelegatedAdmin"];
            readonly mca: {
                readonly accepted: boolean;
                readonly acceptedAt?: components["schemas"]["Timestamp"];
            };
            /** @description `null` until the partner assigns one (`PUT /api/customers/{id}/support-contact`). */
            readonly supportContact: components["schemas"]["SupportContact"] | null;
            readonly updatedAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description As Microsoft Graph's delegatedAdminRelationship: `approvalPending` (asked for, the
         *     customer has not approved yet), `active`, `expiring` (ends within 30 days and will not
         *     be extended), `expired` (reached its end), `terminated` (the customer's admin removed
         *     it; on an invitation: revoked or declined).
         * @enum {string}
         */
        readonly DelegatedAdminStatus: "approvalPending" | "active" | "expiring" | "expired" | "terminated";
        /** @description Microsoft Entra built-in role template ids (shared/domain/entraRoles.data.ts). */
        readonly DelegatedAdminRoles: readonly string[];
        /** @description Granular delegated admin privileges (GDAP). */
        readonly DelegatedAdminRequest: {
            /**
             * @description Microsoft Entra built-in role template ids from the catalogue, at least one, no
             *     repeats. Global Administrator is `62e90394-69f5-4237-9190-012177145e10`.
             */
            readonly roles: readonly string[];
            /**
             * @description ISO 8601 duration in whole days, `P1D` to `P730D`.
             * @example P730D
             */
            readonly duration: string;
            /**
             * @description Extend by 180 days at the end, each time. Not allowed with Global Administrator
             *     among the roles (422 `DELEGATED_ADMIN_AUTO_EXTEND_NOT_ALLOWED`).
             * @default false
             */
            readonly autoExtend: boolean;
        };
        /**
         * @description The admin privileges an invitation asks for (`null`: none). The classic checkbox reads
         *     as the classic roles with `duration: null`. `startsAt` and `endsAt` are the grant's once
         *     the approval is activated.
         */
        readonly InvitationDelegatedAdmin: null | {
            readonly status: components["schemas"]["DelegatedAdminStatus"];
            readonly roles: components["schemas"]["DelegatedAdminRoles"];
            readonly duration: string | null;
            readonly autoExtend: boolean;
            readonly startsAt: components["schemas"]["Timestamp"] | null;
            readonly endsAt: components["schemas"]["Timestamp"] | null;
            /**
             * @description The delegatedAdminRelationship this service created (and locked for approval) in
             *     Microsoft Graph in the partner's tenant for a granular request; null for the
             *     classic checkbox.
             */
            readonly graphRelationshipId: string | null;
            /**
             * Format: uri
             * @description Microsoft 365 admin center page where the customer's administrator approves that
             *     relationship; the acceptance redirects there after sign-in and MCA.
             */
            readonly approvalUrl: string | null;
        };
        readonly DelegatedAdmin: {
            /**
             * @description Graph's status of the grant; `null` when the partner never had admin privileges for
             *     this customer. `approvalPending` (with `state` `none`): requested and not confirmed by
             *     Microsoft. A granular request stays so until Graph says its relationship is `active`
             *     (then `roles` and dates are Graph's); the classic checkbox (Global Administrator +
             *     Helpdesk Administrator) stays so, because the customer accepts classic DAP in its
             *     admin portal, which this service cannot read.
             */
            readonly status: components["schemas"]["DelegatedAdminStatus"] | null;
            readonly roles: components["schemas"]["DelegatedAdminRoles"];
            /** @description The duration asked for; `null` for classic DAP. */
            readonly duration: string | null;
            readonly startsAt: components["schemas"]["Timestamp"] | null;
            /** @description `null` for classic DAP, which has no end. */
            readonly endsAt: components["schemas"]["Timestamp"] | null;
            readonly autoExtend: boolean;
            readonly terminatedAt?: components["schemas"]["Timestamp"];
            /**
             * @description While `terminated`: who ended it, or from whom we learned it: `customer:<customer
             *     tenant id>` (records before Graph was asked), `microsoft:graph` or
             *     `microsoft:partnerCenterEvent`.
             */
            readonly terminatedBy?: string;
            readonly removalRequestedAt?: components["schemas"]["Timestamp"];
            /**
             * @description With `removalRequestedAt`: the customer's admin (`customer:<customer tenant id>`)
             *     asked for the removal and was sent to the Microsoft 365 admin center, because this
             *     service could not end it in Microsoft; the state changes when Microsoft's does.
             */
            readonly removalRequestedBy?: string;
            /**
             * @description `active`: Microsoft confirmed the partner's delegated admin privileges. `none`: it
             *     never requested them, they await Microsoft's confirmation (`status`
             *     `approvalPending`), or the relationship was removed. `removed`: the customer's admin took them
             *     away (a customer admin can give them back).
             * @enum {string}
             */
            readonly state: "active" | "none" | "removed";
            readonly changedAt: components["schemas"]["Timestamp"];
            /**
             * @description Who made the last change: `system` (the relationship's activation),
             *     `partner:<user id>` (the partner removed the relationship) or
             *     `customer:<customer tenant id>:<user id>` (a customer admin). Absent on records
             *     written before it was kept.
             */
            readonly changedBy?: string;
        };
        readonly GdapRelationship: {
            /** @description The delegatedAdminRelationship's id in Microsoft Graph. */
            readonly graphId: string;
            /** @description Graph's status as last read, or `deleted`. */
            readonly status: string;
            readonly checkedAt: components["schemas"]["Timestamp"];
            /** @enum {string} */
            readonly learnedFrom: "created" | "event" | "recheck";
            readonly waitingFor: components["schemas"]["GdapWaitingFor"];
        };
        /** @description What a granular relationship still waits for (see `Customer.gdapRelationship`), or `null`. */
        readonly GdapWaitingFor: null | ("customerApproval" | "microsoft" | "accessAssignments" | "reconnect" | "graphUnavailable");
        readonly AccessTemplateEntry: {
            /**
             * Format: uuid
             * @description A security group of the partner's tenant.
             */
            readonly groupId: string;
            readonly groupName: string;
            /** @description Microsoft Entra built-in role template ids (not Global Administrator). */
            readonly roles: readonly string[];
        };
        readonly AccessTemplateInput: {
            readonly assignments: readonly components["schemas"]["AccessTemplateEntry"][];
        };
        readonly AccessTemplate: {
            readonly assignments: readonly components["schemas"]["AccessTemplateEntry"][];
            readonly updatedAt: components["schemas"]["Timestamp"] | null;
        };
        readonly DelegatedAdminAccess: {
            readonly relationship: null | {
                readonly graphId: string;
                /** @description Graph's status as last read, or `deleted`. */
                readonly status: string;
                readonly checkedAt: components["schemas"]["Timestamp"];
            };
            readonly waitingFor: components["schemas"]["GdapWaitingFor"];
            readonly assignments: readonly {
                readonly groupId: string;
                readonly groupName: string;
                /** @description The roles the group holds (or will) in this customer's tenant. */
                readonly roles: readonly string[];
                /**
                 * @description `notCreated` (the relationship is not active yet), then Graph's status of the
                 *     accessAssignment: `pending`, `active`, `deleting`, `deleted`, `error`; also
                 *     `error` when none of the group's roles are in the relationship or Graph refused.
                 */
                readonly status: string;
                /** @description Why some or all of the group's roles are missing. */
                readonly detail?: string;
            }[];
        };
        readonly SupportContactInput: {
            /**
             * Format: uuid
             * @description The tenant of the support contact, a GUID in any case (stored lower case).
             */
            readonly supportTenantId: string;
            /** @description The 6 to 10 digit MPN (Partner) ID. */
            readonly supportMpnId: string;
            /** @description Trimmed; must not be blank or contain control characters. */
            readonly name: string;
        };
        /** @description The partner's support contact for the customer, in the shape of Partner Center's. */
        readonly SupportContact: {
            /** Format: uuid */
            readonly supportTenantId: string;
            readonly supportMpnId: string;
            readonly name: string;
            readonly assignedAt: components["schemas"]["Timestamp"];
        };
        readonly ClaimCustomerRequest: {
            /**
             * @description The personalized link of an accepted invitation (`…/api/accept/<token>`), or its token.
             * @example https://invitations.example/api/accept/mzEYEB5ljNGHD11LAfZPwzgwSAXZmmnCYLy6UDwVwwQ
             */
            readonly acceptUrl: string;
        };
        readonly ClaimedCustomer: {
            readonly customerId: components["schemas"]["ResourceId"];
            /**
             * Format: uuid
             * @description The caller's tenant, now bound to the customer.
             */
            readonly tenantId: string;
            readonly companyName: string;
            readonly domain: string;
        };
        /** @description What a customer's admin sees of one of its partners. */
        readonly CustomerPartner: {
            /** Format: uuid */
            readonly partnerTenantId: string;
            /** @description The partner's display name, from the invitation that last activated the relationship. */
            readonly partnerName: string;
            readonly mpnId: string;
            readonly relationship: {
                /** @enum {string} */
                readonly status: "active" | "removed";
                readonly activatedAt: components["schemas"]["Timestamp"];
                readonly removedAt?: components["schemas"]["Timestamp"];
            };
            readonly delegatedAdmin: components["schemas"]["DelegatedAdmin"];
            readonly microsoft?: components["schemas"]["DelegatedAdminMicrosoftStep"];
        };
        /**
         * @description In the answer of a customer admin's removal or restore only: what this service did in
         *     Microsoft, or what the customer's admin does there. `terminatedInGraph`: terminated
         *     through Graph (`graphStatus` as Graph then said). `removeInAdminCenter`: remove it at
         *     `url` (the admin center's partner relationships); the removal request is recorded.
         *     `approveInAdminCenter`: approve the new request at `url`. `none`: nothing to do.
         */
        readonly DelegatedAdminMicrosoftStep: {
            /** @enum {string} */
            readonly action: "terminatedInGraph" | "removeInAdminCenter" | "approveInAdminCenter" | "none";
            readonly graphRelationshipId: string | null;
            /** @description Graph's status of that relationship as last read, e.g. `terminated`, `approvalPending`. */
            readonly graphStatus: string | null;
            /** Format: uri */
            readonly url: string | null;
        };
        readonly CustomerPartnerList: {
            readonly items: readonly components["schemas"]["CustomerPartner"][];
        };
        /**
         * @description What changed. The webhook events are `relationship.accepted`,
         *     `relationship.activated`, `relationship.confirmed`, `delegatedAdmin.removed`, `delegatedAdmin.restored`,
         *     `relationship.removed`, `invitation.expired`, `invitation.declined`,
         *     `invitationBatch.completed`, `invitation.deliveryFailed`, `delegatedAdmin.expiring`,
         *     `delegatedAdmin.extended`, `delegatedAdmin.expired` and `delegatedAdmin.changed`
         *     (Microsoft Graph's state of the granular relationship, the grant or an access assignment
         *     changed, as a check of Graph learned it); the `webhook.*`
         *     actions come with the
         *     webhook operations.
         * @enum {string}
         */
        readonly AuditAction: "partnerProfile.saved" | "invitation.created" | "invitation.draftEdited" | "invitation.sendRequested" | "invitation.sent" | "invitation.failed" | "invitation.revoked" | "invitation.resent" | "invitation.reminded" | "invitation.expired" | "invitation.declined" | "invitationBatch.created" | "invitationBatch.completed" | "invitation.deliveryFailed" | "delegatedAdmin.expiring" | "delegatedAdmin.extended" | "delegatedAdmin.expired" | "delegatedAdmin.changed" | "relationship.accepted" | "relationship.activated" | "relationship.confirmed" | "relationship.removed" | "delegatedAdmin.removed" | "delegatedAdmin.restored" | "delegatedAdmin.restoreRequested" | "supportContact.assigned" | "supportContact.removed" | "webhook.created" | "webhook.deleted" | "webhook.secretRotated" | "webhook.ping";
        readonly AuditEvent: {
            /** @description Stable per change; a change recorded twice (a retry) is one event. */
            readonly id: string;
            readonly at: components["schemas"]["Timestamp"];
            /**
             * @description `partner:<user id>`, `customer:<email>` or `customer` (the customer accepting an
             *     invitation), `customer:<customer tenant id>:<user id>` (a customer admin),
             *     `system` (dispatch, activation, the housekeeping timer), or Microsoft for what was
             *     learned from it: `microsoft:graph` (a check of Microsoft Graph) or
             *     `microsoft:partnerCenterEvent` (Graph read when a Partner Center event prompted it).
             */
            readonly actor: string;
            readonly action: components["schemas"]["AuditAction"];
            readonly subject: {
                /** @enum {string} */
                readonly kind: "invitation" | "customer" | "partner" | "webhook" | "invitationBatch";
                /** @description The invitation id, the customer id, the partner tenant id, the webhook id or the batch id. */
                readonly id: string;
            };
            /** @description The changed fields before the change; `null` when there was nothing before or it is not recorded. */
            readonly before: {
                readonly [key: string]: unknown;
            } | null;
            /** @description The changed fields after the change (their shape depends on `action`); `null` when nothing remains. */
            readonly after: {
                readonly [key: string]: unknown;
            } | null;
        };
        readonly AuditEventPage: {
            readonly items: readonly components["schemas"]["AuditEvent"][];
            /** @description Present when there are more items; pass it back as `continuationToken`. */
            readonly continuationToken?: string;
            /**
             * Format: date-time
             * @description Events before this instant move to the operator's archive (by the next housekeeping
             *     run) and may no longer be in this log; absent when the deployment keeps every event
             *     here.
             */
            readonly archivedBefore?: string;
        };
        readonly CustomerPage: {
            readonly items: readonly components["schemas"]["Customer"][];
            /** @description Present when there are more items; pass it back as `continuationToken`. */
            readonly continuationToken?: string;
        };
        readonly AcceptancePending: {
            /** @constant */
            readonly state: "pending";
            readonly partner: {
                readonly displayName: string;
                /** Format: uuid */
                readonly tenantId: string;
            };
            readonly customer: {
                readonly companyName: string;
                readonly domain: string;
            };
            readonly includeDelegatedAdmin: boolean;
            /**
             * @description What the customer's admin is asked to approve (`null`: no admin privileges): the
             *     roles, the duration (`null` for classic DAP) and the end date if approved now.
             */
            readonly delegatedAdmin: null | {
                readonly roles: components["schemas"]["DelegatedAdminRoles"];
                readonly duration: string | null;
                readonly endsAt: components["schemas"]["Timestamp"] | null;
                readonly autoExtend: boolean;
            };
            readonly expiresAt: components["schemas"]["Timestamp"];
            /** @description True when the customer has not yet accepted the Microsoft Customer Agreement; POST must then carry the signer. */
            readonly mcaRequired: boolean;
            readonly agreement: {
                /** @constant */
                readonly type: "MicrosoftCustomerAgreement";
                readonly templateId: string;
                /**
                 * Format: uri
                 * @description The agreement text, in the invitation's language (`MCA_AGREEMENT_URL`).
                 */
                readonly url: string;
            };
            readonly signIn: {
                /** @constant */
                readonly required: true;
                /** @description Who may accept, in words. */
                readonly who: string;
                /**
                 * Format: uri
                 * @description Where a browser starts the sign-in.
                 */
                readonly url: string;
            };
        };
        readonly DeclineInput: {
            /** @enum {string} */
            readonly reason: "not-needed" | "other-partner" | "unknown-partner" | "other";
            readonly comment?: string;
            /** @description Browser forms only; the session's anti-forgery token. */
            readonly csrf?: string;
        };
        readonly AcceptanceRedirect: {
            /** @constant */
            readonly status: "accepted";
            /**
             * Format: uri
             * @description The same URL as `Location`.
             */
            readonly redirectUrl: string;
        };
        /** @description The MCA signer, in the shape of Partner Center's MCA attestation. */
        readonly McaAcceptance: {
            /** @constant */
            readonly acceptMca: true;
            /** @description Trimmed; must not be blank or contain control characters. */
            readonly firstName: string;
            /** @description Trimmed; must not be blank or contain control characters. */
            readonly lastName: string;
            readonly email: components["schemas"]["Email"];
            /** @description Optional; surrounding whitespace is trimmed. */
            readonly phoneNumber?: string;
        };
        /** @description An acceptance without a signer, for a customer that has already accepted the MCA. */
        readonly PlainAcceptance: Record<string, unknown>;
        /**
         * @description The browser form: the fields of `McaAcceptance` as strings; `acceptMca` is `true` or
         *     `on` (a ticked checkbox). Empty fields count as absent; an empty form is an acceptance
         *     without a signer.
         */
        readonly McaAcceptanceForm: {
            /** @enum {string} */
            readonly acceptMca?: "true" | "on";
            readonly firstName?: string;
            readonly lastName?: string;
            readonly email?: string;
            readonly phoneNumber?: string;
        };
        /**
         * @description `validating` (accepted, rows being checked), `running` (invitations being created),
         *     `completed` (every row created) or `completed_with_errors` (some rows failed).
         * @enum {string}
         */
        readonly InvitationBatchStatus: "validating" | "running" | "completed" | "completed_with_errors";
        /** @enum {string} */
        readonly InvitationBatchRowStatus: "pending" | "created" | "failed";
        readonly InvitationBatchRowInput: {
            readonly email: components["schemas"]["Email"];
            readonly companyName: string;
            readonly domain: string;
            readonly country: components["schemas"]["CountryInput"];
            readonly includeDelegatedAdmin: boolean;
            readonly locale?: components["schemas"]["Locale"];
        };
        readonly InvitationBatch: {
            /** Format: uuid */
            readonly id: string;
            readonly status: components["schemas"]["InvitationBatchStatus"];
            /** @description Each created invitation's email was queued for dispatch. */
            readonly send: boolean;
            /** @enum {string} */
            readonly source: "csv" | "json";
            /** @description Rows per outcome; rows are counted as created or failed chunk by chunk (100 rows). */
            readonly counts: {
                readonly total: number;
                readonly created: number;
                readonly failed: number;
                readonly pending: number;
            };
            readonly progress: {
                readonly processedRows: number;
                readonly totalRows: number;
                readonly percent: number;
            };
            readonly createdAt: components["schemas"]["Timestamp"];
            readonly updatedAt: components["schemas"]["Timestamp"];
            readonly validatedAt?: components["schemas"]["Timestamp"];
            readonly completedAt?: components["schemas"]["Timestamp"];
            /** @description Where the per-row results are, `/api/invitation-batches/{id}/rows`. */
            readonly rowsUrl: string;
        };
        readonly InvitationBatchPage: {
            readonly items: readonly components["schemas"]["InvitationBatch"][];
            /** @description Present when there are more items; pass it back as `continuationToken`. */
            readonly continuationToken?: string;
        };
        readonly InvitationBatchRow: {
            /** @description The row's line in the file; the header is line 1. */
            readonly line: number;
            readonly status: components["schemas"]["InvitationBatchRowStatus"];
            /** @description The invitation the row created (`created` rows). */
            readonly invitationId?: string;
            /** @description Why the row failed (`failed` rows); see the operation. */
            readonly code?: string;
            /** @description The column the problem is about (`email`, `country`, …, or `row`). */
            readonly field?: string;
            readonly message?: string;
            /** @description The row as uploaded. */
            readonly input: {
                readonly [key: string]: unknown;
            };
        };
        readonly InvitationBatchRowPage: {
            readonly items: readonly components["schemas"]["InvitationBatchRow"][];
            /** @description Present when there are more rows; pass it back as `continuationToken`. */
            readonly continuationToken?: string;
        };
        /**
         * @description A self-contained HTML page in the invitation's language, served with `Cache-Control:
         *     no-store`, `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff` and a
         *     `Content-Security-Policy` that loads nothing from elsewhere.
         */
        readonly HtmlPage: string;
        /**
         * @description Whether Microsoft holds the reseller relationship: `awaitingCustomer` (accepted on our
         *     page; the customer has not finished in their admin portal, as far as Microsoft says),
         *     `confirmed`, or `notConfirmed` (still not after 14 days of checks; the partner can check
         *     again).
         * @enum {string}
         */
        readonly ResellerConfirmationState: "awaitingCustomer" | "confirmed" | "notConfirmed";
        /**
         * @description Microsoft's confirmation of the reseller relationship, learned from Microsoft Graph
         *     (`GET /contracts` in the partner tenant holds a `ResellerPartner` contract for the
         *     customer's tenant), either by the re-checks this service makes (`graphCheck`) or when a
         *     Partner Center `reseller-relationship-accepted-by-customer` event prompted that read
         *     (`partnerCenterEvent`). Never assumed from our own acceptance page.
         */
        readonly ResellerConfirmation: {
            readonly state: components["schemas"]["ResellerConfirmationState"];
            /** @description When this round of waiting began (the activation, or a partner's re-check after `notConfirmed`). */
            readonly since: components["schemas"]["Timestamp"];
            readonly confirmedAt: components["schemas"]["Timestamp"] | null;
            readonly confirmedBy: ("partnerCenterEvent" | "graphCheck") | null;
            /** @description When Microsoft was last asked; `null` before the first check. */
            readonly checkedAt: components["schemas"]["Timestamp"] | null;
            readonly gaveUpAt?: components["schemas"]["Timestamp"];
        };
        /**
         * @description The audit actions a webhook can subscribe to (payloads in docs/webhooks.md).
         * @enum {string}
         */
        readonly WebhookEventType: "relationship.accepted" | "relationship.activated" | "relationship.confirmed" | "delegatedAdmin.removed" | "delegatedAdmin.restored" | "relationship.removed" | "invitation.expired" | "invitation.declined" | "invitationBatch.completed" | "invitation.deliveryFailed" | "delegatedAdmin.expiring" | "delegatedAdmin.extended" | "delegatedAdmin.expired" | "delegatedAdmin.changed";
        readonly CreateWebhookRequest: {
            /**
             * Format: uri
             * @description The receiver; public https only (see the operation).
             * @example https://hooks.contoso.example/reseller
             */
            readonly url: string;
            /** @description The events to deliver; repeats are ignored. */
            readonly events: readonly components["schemas"]["WebhookEventType"][];
        };
        /** @description A webhook as the API shows it (without its secret's value). */
        readonly Webhook: components["schemas"]["WebhookFields"];
        /** @description The fields of a webhook, open for `Webhook` and `WebhookWithSecret` to close (each with `unevaluatedProperties`, so the secret's answer validates strictly too). */
        readonly WebhookFields: {
            /** Format: uuid */
            readonly id: string;
            /**
             * Format: uri
             * @description As registered, normalized (lower-case host, path at least `/`).
             */
            readonly url: string;
            readonly events: readonly components["schemas"]["WebhookEventType"][];
            /** @enum {string} */
            readonly status: "active";
            /**
             * @description The secrets that sign deliveries now, current first, without their values: one
             *     normally, two for 24 hours after a rotation (the previous one with `expiresAt`).
             */
            readonly secrets: readonly {
                readonly createdAt: components["schemas"]["Timestamp"];
                readonly expiresAt?: components["schemas"]["Timestamp"];
            }[];
            readonly createdAt: components["schemas"]["Timestamp"];
            readonly updatedAt: components["schemas"]["Timestamp"];
        };
        readonly WebhookWithSecret: components["schemas"]["WebhookFields"] & {
            /** @description The signing secret in the Standard Webhooks form (`whsec_` and 32 bytes in base64); shown only in this answer, keep it like a password. */
            readonly secret: string;
        };
        readonly WebhookList: {
            readonly items: readonly components["schemas"]["Webhook"][];
        };
        readonly WebhookAttempt: {
            readonly at: components["schemas"]["Timestamp"];
            /** @description The receiver's HTTP status; absent when there was no answer. */
            readonly status?: number;
            /** @description Why there was no usable answer: e.g. `Connection failed: ECONNREFUSED`, a timeout, a redirect. */
            readonly error?: string;
            readonly durationMs: number;
        };
        readonly WebhookDelivery: {
            /** @description The delivery's id under its webhook, for redelivery; `<eventId>`, or `<eventId>-<n>` for the n-th manual redelivery. */
            readonly id: string;
            /** @description The event's id, as in the payload, the `webhook-id` header and the audit log. */
            readonly eventId: string;
            readonly eventType: components["schemas"]["WebhookEventType"] | "webhook.ping";
            /** @description For a manual redelivery, which one it is. */
            readonly redelivery?: number;
            /** @enum {string} */
            readonly status: "pending" | "succeeded" | "failed";
            readonly attempts: readonly components["schemas"]["WebhookAttempt"][];
            readonly nextAttemptAt?: components["schemas"]["Timestamp"];
            /** @description Why a failed delivery stopped (attempts used up, the webhook deleted). */
            readonly failureReason?: string;
            readonly createdAt: components["schemas"]["Timestamp"];
            readonly updatedAt: components["schemas"]["Timestamp"];
        };
        readonly WebhookDeliveryPage: {
            readonly items: readonly components["schemas"]["WebhookDelivery"][];
            /** @description Present when there are more items; pass it back as `continuationToken`. */
            readonly continuationToken?: string;
        };
        readonly HealthReport: {
            /** @enum {string} */
            readonly status: "ok" | "degraded";
            readonly checks: readonly {
                /** @enum {string} */
                readonly name: "cosmos" | "storage";
                /** @enum {string} */
                readonly status: "ok" | "unreachable";
                readonly latencyMs: number;
            }[];
        };
    };
    responses: {
        /**
         * @description `VALIDATION_FAILED` (a field is missing, of the wrong type, invalid or unknown: see
         *     `errors[]`), `MALFORMED_JSON`, `JSON_TOO_DEEP` (arrays and objects nested more than 32 levels) or `BODY_REQUIRED`.
         */
        readonly InvalidJsonBody: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "JSON_TOO_DEEP" | "BODY_REQUIRED";
                };
            };
        };
        /**
         * @description `VALIDATION_FAILED` (e.g. `limit` out of range, an unknown `status`, or an unknown query
         *     parameter) or `INVALID_CONTINUATION_TOKEN`.
         */
        readonly InvalidQuery: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "VALIDATION_FAILED" | "INVALID_CONTINUATION_TOKEN";
                };
            };
        };
        /** @description `UNAUTHENTICATED`: no bearer token, or one that is not valid. */
        readonly Unauthenticated: {
            headers: {
                readonly "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "UNAUTHENTICATED";
                };
            };
        };
        /** @description `ROLE_REQUIRED`: the token has none of the roles the operation needs. */
        readonly RoleRequired: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "ROLE_REQUIRED";
                };
            };
        };
        /** @description `NOT_FOUND`: no such batch for this partner (or a malformed id). */
        readonly BatchNotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "NOT_FOUND";
                };
            };
        };
        /** @description `NOT_FOUND`: no such invitation for this partner (or a malformed id). */
        readonly InvitationNotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "NOT_FOUND";
                };
            };
        };
        /**
         * @description `CUSTOMER_ADMIN_REQUIRED`: the token has neither the app role `CustomerAdmin` nor the
         *     Global Administrator directory role (`wids`). `SIGN_IN_TENANT_MISMATCH`: the token's
         *     tenant is bound to a customer whose domain another Entra organization owns (now).
         */
        readonly CustomerAdminRequired: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "CUSTOMER_ADMIN_REQUIRED" | "SIGN_IN_TENANT_MISMATCH";
                };
            };
        };
        /** @description `NOT_FOUND`: no such customer for this partner (or a malformed id). */
        readonly CustomerNotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "NOT_FOUND";
                };
            };
        };
        /** @description `CUSTOMER_NOT_CLAIMED`: the caller's tenant has not claimed a customer yet (`POST /api/customer/claim`). */
        readonly CustomerNotClaimed: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "CUSTOMER_NOT_CLAIMED";
                };
            };
        };
        /**
         * @description `CUSTOMER_NOT_CLAIMED`: the caller's tenant has not claimed a customer yet
         *     (`POST /api/customer/claim`). `NOT_FOUND`: the partner has no reseller relationship
         *     with the caller's customer (or the id is not a GUID).
         */
        readonly CustomerPartnerNotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "CUSTOMER_NOT_CLAIMED" | "NOT_FOUND";
                };
            };
        };
        /** @description `RELATIONSHIP_REMOVED`: the reseller relationship has been removed; a new invitation re-establishes it. */
        readonly RelationshipRemoved: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "RELATIONSHIP_REMOVED";
                };
            };
        };
        /** @description `PRECONDITION_FAILED`: `If-Match` does not match the current version; GET it again and retry. */
        readonly PreconditionFailed: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "PRECONDITION_FAILED";
                };
            };
        };
        /** @description `PAYLOAD_TOO_LARGE`: the body exceeds the operation's limit (by `Content-Length` or by the bytes read). */
        readonly PayloadTooLarge: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "PAYLOAD_TOO_LARGE";
                };
            };
        };
        /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json` (or another `+json` type). */
        readonly UnsupportedMediaType: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "UNSUPPORTED_MEDIA_TYPE";
                };
            };
        };
        /** @description `LINK_NOT_FOUND`: the link is unknown or malformed. Browsers get an HTML page. */
        readonly LinkNotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "LINK_NOT_FOUND";
                };
                readonly "text/html": components["schemas"]["HtmlPage"];
            };
        };
        /** @description `LINK_REVOKED` (the partner withdrew the invitation), `LINK_EXPIRED`, or `LINK_DECLINED` (the customer declined it). Browsers get an HTML page in the invitation's language. */
        readonly LinkGone: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "LINK_REVOKED" | "LINK_EXPIRED" | "LINK_DECLINED";
                };
                readonly "text/html": components["schemas"]["HtmlPage"];
            };
        };
        /**
         * @description Accepted: continue in the admin portal of the partner's cloud (`Location`). JSON clients
         *     get `{status: "accepted", redirectUrl}`; browsers get a short page linking to it.
         */
        readonly PortalRedirect: {
            headers: {
                readonly Location: components["headers"]["PortalLocation"];
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["AcceptanceRedirect"];
                readonly "text/html": components["schemas"]["HtmlPage"];
            };
        };
        /**
         * @description `INTERNAL_ERROR` (unexpected; `instance` is `urn:invocation:<id>` to quote when
         *     reporting it) or `SERVICE_MISCONFIGURED` (the app settings are invalid). Problem+json
         *     even for browsers.
         */
        readonly InternalError: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "INTERNAL_ERROR" | "SERVICE_MISCONFIGURED";
                };
            };
        };
        /** @description `SERVICE_UNAVAILABLE`: Cosmos DB, queue storage or the network failed temporarily; retry after `Retry-After` seconds. */
        readonly ServiceUnavailable: {
            headers: {
                readonly "Retry-After": components["headers"]["RetryAfter"];
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "SERVICE_UNAVAILABLE";
                };
            };
        };
        /** @description `NOT_FOUND`: no such webhook for this partner, a deleted one, or a malformed id. */
        readonly WebhookNotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    readonly code?: "NOT_FOUND";
                };
            };
        };
    };
    parameters: {
        /** @description The invitation id. A malformed id is a 404 like an unknown one. */
        readonly InvitationId: components["schemas"]["ResourceId"];
        /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
        readonly CustomerId: components["schemas"]["ResourceId"];
        /**
         * @description The partner's tenant id (`partnerTenantId` of a `CustomerPartner`), a GUID in any case.
         *     A malformed id is a 404 like a partner without a relationship with the customer.
         */
        readonly PartnerTenantId: string;
        /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
        readonly AcceptToken: string;
        /** @description Page size. */
        readonly Limit: number;
        /**
         * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
         *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
         */
        readonly ContinuationToken: string;
        /**
         * @description Makes the create safe to retry: the same key with the same body returns the first
         *     invitation (200, `Idempotent-Replayed: true`); with a different body it is a 422
         *     `IDEMPOTENCY_KEY_REUSED`. Keys are scoped to the partner.
         */
        readonly IdempotencyKey: string;
        /**
         * @description The `ETag` of the invitation the edit is based on (strong or weak, quoted or not).
         *     Missing is a 428 `PRECONDITION_REQUIRED`; stale is a 412 `PRECONDITION_FAILED`.
         */
        readonly IfMatch: string;
        /** @description The batch id (the `id` it was accepted with). A malformed id is a 404. */
        readonly BatchId: components["schemas"]["ResourceId"];
        /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
        readonly WebhookId: string;
    };
    requestBodies: never;
    headers: {
        /** @description The version of the resource, for `If-Match`. */
        readonly ETag: string;
        /** @description The invitation's URL, relative to the host (`/api/invitations/{id}`). */
        readonly InvitationLocation: string;
        /** @description `true` when the response replays an earlier request with the same `Idempotency-Key`. */
        readonly IdempotentReplayed: "true";
        /**
         * @description The admin portal of the partner's cloud where the customer confirms the relationship
         *     (configurable per cloud). Public cloud default:
         *     `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={partnerTenantId}&msppId=0&DAP={true|false}#/BillingAccounts/partner-invitation`;
         *     Germany: `https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}&csp=1&msppid=0`;
         *     US Government: `https://portal.office365.us/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}&csp=1&msppid=0`.
         */
        readonly PortalLocation: string;
        /** @description Seconds to wait before retrying. */
        readonly RetryAfter: number;
        /** @description `Bearer error="invalid_request"` (no token) or `Bearer error="invalid_token"`. */
        readonly WwwAuthenticate: string;
        /** @description The webhook's URL, relative to the host (`/api/webhooks/{id}`). */
        readonly WebhookLocation: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    readonly getPartnerProfile: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The profile. */
            readonly 200: {
                headers: {
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PartnerProfile"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /** @description `PARTNER_PROFILE_NOT_FOUND`: the partner has no profile yet; PUT it first. */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "PARTNER_PROFILE_NOT_FOUND";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly putPartnerProfile: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["PartnerProfileInput"];
            };
        };
        readonly responses: {
            /** @description The profile was replaced. */
            readonly 200: {
                headers: {
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PartnerProfile"];
                };
            };
            /** @description The profile was created. */
            readonly 201: {
                headers: {
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["PartnerProfile"];
                };
            };
            readonly 400: components["responses"]["InvalidJsonBody"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /** @description `CONCURRENT_UPDATE` (with `Retry-After`): only when the write lost 50 races in a row to other PUTs of the same profile; retry. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CONCURRENT_UPDATE";
                    };
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly getMicrosoftConnection: {
        readonly parameters: {
            readonly query?: {
                /** @description Where Microsoft sends the administrator back after consent (must be a redirect URI of the app registration). */
                readonly redirectUri?: string;
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The connection as last checked. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["MicrosoftConnection"];
                };
            };
            readonly 400: components["responses"]["InvalidQuery"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly checkMicrosoftConnection: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The connection as Graph answered now. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["MicrosoftConnection"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /** @description `MICROSOFT_NOT_CONFIGURED`: the operator has not set up the GDAP app registration (`MICROSOFT_GRAPH_APP_CLIENT_ID`). */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MICROSOFT_NOT_CONFIGURED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            /** @description `MICROSOFT_UNAVAILABLE` (with `Retry-After`): Graph throttled (429) or failed (5xx); nothing changed. Or `SERVICE_UNAVAILABLE`. */
            readonly 503: {
                headers: {
                    readonly "Retry-After"?: number;
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MICROSOFT_UNAVAILABLE" | "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    readonly getAccessTemplate: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The template. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AccessTemplate"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly putAccessTemplate: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["AccessTemplateInput"];
            };
        };
        readonly responses: {
            /** @description Saved. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AccessTemplate"];
                };
            };
            readonly 400: components["responses"]["InvalidJsonBody"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description `ACCESS_TEMPLATE_ROLE_UNKNOWN`, `ACCESS_TEMPLATE_GROUP_DUPLICATE` or
             *     `ACCESS_TEMPLATE_TOO_MANY_GROUPS`, each in `errors[]` with its field; nothing saved.
             */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "ACCESS_TEMPLATE_ROLE_UNKNOWN" | "ACCESS_TEMPLATE_GROUP_DUPLICATE" | "ACCESS_TEMPLATE_TOO_MANY_GROUPS";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listInvitations: {
        readonly parameters: {
            readonly query?: {
                readonly status?: components["schemas"]["InvitationStatus"];
                /** @description Page size. */
                readonly limit?: components["parameters"]["Limit"];
                /**
                 * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
                 *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
                 */
                readonly continuationToken?: components["parameters"]["ContinuationToken"];
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description A page of invitations. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationPage"];
                };
            };
            readonly 400: components["responses"]["InvalidQuery"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly createInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: {
                /**
                 * @description Makes the create safe to retry: the same key with the same body returns the first
                 *     invitation (200, `Idempotent-Replayed: true`); with a different body it is a 422
                 *     `IDEMPOTENCY_KEY_REUSED`. Keys are scoped to the partner.
                 */
                readonly "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["CreateInvitationRequest"];
            };
        };
        readonly responses: {
            /** @description A replay of an earlier request with the same `Idempotency-Key`. */
            readonly 200: {
                headers: {
                    readonly Location: components["headers"]["InvitationLocation"];
                    readonly ETag: components["headers"]["ETag"];
                    readonly "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description The invitation was created as a draft. */
            readonly 201: {
                headers: {
                    readonly Location: components["headers"]["InvitationLocation"];
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Invitation"];
                };
            };
            /**
             * @description `VALIDATION_FAILED` (a field is missing, of the wrong type, invalid or unknown),
             *     `MALFORMED_JSON`, `JSON_TOO_DEEP`, `BODY_REQUIRED`, or `INVALID_IDEMPOTENCY_KEY` (the header is not
             *     8 to 128 characters of `A-Z a-z 0-9 . _ : -`).
             */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "JSON_TOO_DEEP" | "BODY_REQUIRED" | "INVALID_IDEMPOTENCY_KEY";
                    };
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /**
             * @description `PARTNER_PROFILE_REQUIRED`: create the partner profile (PUT /api/partner) first.
             *     `MICROSOFT_NOT_CONNECTED` (field `delegatedAdmin`): granular roles are asked for but
             *     the partner tenant is not connected to Microsoft (see
             *     `GET /api/partner/microsoft-connection`); nothing was saved.
             *     `MICROSOFT_NOT_CONFIGURED`: granular roles are asked for but the operator has not
             *     set up GDAP. `GDAP_DISPLAY_NAME_TAKEN`: Graph already holds a relationship of the
             *     name this request's would get (409 from Graph); nothing was saved, send it again.
             *     A granular request creates its delegatedAdminRelationship in Microsoft Graph and
             *     locks it for approval before the invitation is saved; Graph refusing the consent
             *     (401/403) records the connection as `revoked` and answers `MICROSOFT_NOT_CONNECTED`.
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "PARTNER_PROFILE_REQUIRED" | "MICROSOFT_NOT_CONNECTED" | "MICROSOFT_NOT_CONFIGURED" | "GDAP_DISPLAY_NAME_TAKEN";
                    };
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description `DAP_NOT_AVAILABLE_IN_CLOUD`: admin privileges are asked for but the partner operates
             *     in the `germany` or `usgov` cloud (field `includeDelegatedAdmin`, or `delegatedAdmin`).
             *     A granular request names every refused part in `errors[]` (the `code` is the first's):
             *     `DELEGATED_ADMIN_ROLES_REQUIRED` (`delegatedAdmin.roles` is empty),
             *     `DELEGATED_ADMIN_ROLE_UNKNOWN` and `DELEGATED_ADMIN_ROLE_DUPLICATE`
             *     (`delegatedAdmin.roles[i]`), `DELEGATED_ADMIN_DURATION_INVALID`
             *     (`delegatedAdmin.duration`: not `P1D` to `P730D`),
             *     `DELEGATED_ADMIN_AUTO_EXTEND_NOT_ALLOWED` (`delegatedAdmin.autoExtend` with Global
             *     Administrator among the roles), `DELEGATED_ADMIN_CONFLICT` (`includeDelegatedAdmin`
             *     is false but `delegatedAdmin` is given).
             *     `CUSTOMER_OUTSIDE_REGION`: the customer's country is neither the partner's country nor
             *     in the partner's CSP region (field `customer.country`).
             *     `IDEMPOTENCY_KEY_REUSED`: the `Idempotency-Key` was used with a different body.
             *     `GDAP_REJECTED_BY_MICROSOFT` (field `delegatedAdmin`): Microsoft Graph refused to
             *     create the relationship as asked (another 4xx), with Graph's message; nothing saved.
             */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "DAP_NOT_AVAILABLE_IN_CLOUD" | "DELEGATED_ADMIN_CONFLICT" | "DELEGATED_ADMIN_ROLES_REQUIRED" | "DELEGATED_ADMIN_ROLE_UNKNOWN" | "DELEGATED_ADMIN_ROLE_DUPLICATE" | "DELEGATED_ADMIN_DURATION_INVALID" | "DELEGATED_ADMIN_AUTO_EXTEND_NOT_ALLOWED" | "CUSTOMER_OUTSIDE_REGION" | "IDEMPOTENCY_KEY_REUSED" | "GDAP_REJECTED_BY_MICROSOFT";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            /** @description `MICROSOFT_UNAVAILABLE` (with `Retry-After`): a granular request found Microsoft Graph throttling (429) or failing (5xx); nothing was saved, send it again later. Or `SERVICE_UNAVAILABLE`. */
            readonly 503: {
                headers: {
                    readonly "Retry-After"?: number;
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MICROSOFT_UNAVAILABLE" | "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    readonly getInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The invitation; its ETag is what `If-Match` of a draft edit expects. */
            readonly 200: {
                headers: {
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Invitation"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["InvitationNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly editInvitationDraft: {
        readonly parameters: {
            readonly query?: never;
            readonly header: {
                /**
                 * @description The `ETag` of the invitation the edit is based on (strong or weak, quoted or not).
                 *     Missing is a 428 `PRECONDITION_REQUIRED`; stale is a 412 `PRECONDITION_FAILED`.
                 */
                readonly "If-Match": components["parameters"]["IfMatch"];
            };
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["DraftEdit"];
            };
        };
        readonly responses: {
            /** @description The edited invitation, with its new ETag. */
            readonly 200: {
                headers: {
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Invitation"];
                };
            };
            readonly 400: components["responses"]["InvalidJsonBody"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["InvitationNotFound"];
            /** @description `INVITATION_NOT_EDITABLE`: the invitation is no longer `draft` or `failed`. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "INVITATION_NOT_EDITABLE";
                    };
                };
            };
            readonly 412: components["responses"]["PreconditionFailed"];
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            /** @description `LINK_REQUIRED`: the edit drops the personalized link from the text or the HTML. */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "LINK_REQUIRED";
                    };
                };
            };
            /** @description `PRECONDITION_REQUIRED`: `If-Match` is missing (field `If-Match`, code `REQUIRED`). */
            readonly 428: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "PRECONDITION_REQUIRED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly sendInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Accepted for dispatch (`queued` tells whether this request queued it). */
            readonly 202: {
                headers: {
                    readonly Location: components["headers"]["InvitationLocation"];
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["SendResult"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["InvitationNotFound"];
            /**
             * @description `INVITATION_REVOKED`, `INVITATION_EXPIRED`, `INVITATION_DECLINED` (the customer
             *     declined) or `INVITATION_ALREADY_ACCEPTED`: the invitation can no longer be sent.
             *     `CONCURRENT_UPDATE` (with `Retry-After`): it kept changing under concurrent requests
             *     (rare); retry.
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "INVITATION_REVOKED" | "INVITATION_EXPIRED" | "INVITATION_DECLINED" | "INVITATION_ALREADY_ACCEPTED" | "CONCURRENT_UPDATE";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly revokeInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The revoked invitation. */
            readonly 200: {
                headers: {
                    readonly ETag: components["headers"]["ETag"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Invitation"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["InvitationNotFound"];
            /**
             * @description `INVITATION_ALREADY_ACCEPTED`: the customer has already accepted it.
             *     `CONCURRENT_UPDATE` (with `Retry-After`): it kept changing under concurrent requests
             *     (rare); retry.
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "INVITATION_ALREADY_ACCEPTED" | "CONCURRENT_UPDATE";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly resendInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The invitation id. A malformed id is a 404 like an unknown one. */
                readonly id: components["parameters"]["InvitationId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Accepted for dispatch. */
            readonly 202: {
                headers: {
                    readonly Location: components["headers"]["InvitationLocation"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Invitation"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["InvitationNotFound"];
            /**
             * @description `INVITATION_NOT_SENT`: the invitation is `draft`, `failed` or still `sending`; send it
             *     first (`POST /api/invitations/{id}/send`). `INVITATION_REVOKED`,
             *     `INVITATION_EXPIRED` or `INVITATION_ALREADY_ACCEPTED`: it is no longer waiting for
             *     the customer.
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "INVITATION_NOT_SENT" | "INVITATION_REVOKED" | "INVITATION_EXPIRED" | "INVITATION_ALREADY_ACCEPTED";
                    };
                };
            };
            /** @description `RESEND_RATE_LIMITED`: resent too recently; retry after `Retry-After` seconds. */
            readonly 429: {
                headers: {
                    readonly "Retry-After": components["headers"]["RetryAfter"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "RESEND_RATE_LIMITED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listInvitationBatches: {
        readonly parameters: {
            readonly query?: {
                /** @description Page size. */
                readonly limit?: components["parameters"]["Limit"];
                /**
                 * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
                 *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
                 */
                readonly continuationToken?: components["parameters"]["ContinuationToken"];
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description A page of batches. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationBatchPage"];
                };
            };
            readonly 400: components["responses"]["InvalidQuery"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly createInvitationBatch: {
        readonly parameters: {
            readonly query?: {
                /** @description Queue each created invitation's email for dispatch. */
                readonly send?: "true" | "false";
            };
            readonly header?: {
                /**
                 * @description Makes the create safe to retry: the same key with the same body returns the first
                 *     invitation (200, `Idempotent-Replayed: true`); with a different body it is a 422
                 *     `IDEMPOTENCY_KEY_REUSED`. Keys are scoped to the partner.
                 */
                readonly "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                /**
                 * @example email;companyName;domain;country;includeDelegatedAdmin;locale
                 *     admin@fabrikam.example;Fabrikam GmbH;fabrikam.onmicrosoft.com;DE;WAHR;de-DE
                 */
                readonly "text/csv": string;
                readonly "application/json": readonly unknown[];
            };
        };
        readonly responses: {
            /** @description The batch was accepted (or, with `Idempotent-Replayed`, accepted before). */
            readonly 202: {
                headers: {
                    /** @description The batch, `/api/invitation-batches/{id}`. */
                    readonly Location?: string;
                    readonly "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationBatch"];
                };
            };
            /**
             * @description The file as a whole is not a batch; `errors[]` names what is wrong.
             *     `CSV_NOT_TEXT` (not UTF-8 text, binary, or a workbook such as .xlsx: save it as
             *     "CSV UTF-8"), `CSV_HEADER_INVALID` (the first line does not name the columns: each
             *     missing column is an error with code `COLUMN_MISSING`, each unknown one
             *     `COLUMN_UNKNOWN`, each repeated one `COLUMN_REPEATED`, the `field` being the column;
             *     also JSON sent as `text/csv`), `CSV_MALFORMED` (broken quoting; the detail names the
             *     line), `BATCH_EMPTY` (no rows), `BATCH_TOO_MANY_ROWS` (more than 10,000),
             *     `BATCH_NOT_AN_ARRAY`, `MALFORMED_JSON` or `JSON_TOO_DEEP` (JSON body), `INVALID_IDEMPOTENCY_KEY`, or
             *     `VALIDATION_FAILED` (an unknown query parameter, `send` not `true`/`false`).
             */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CSV_NOT_TEXT" | "CSV_HEADER_INVALID" | "CSV_MALFORMED" | "BATCH_EMPTY" | "BATCH_TOO_MANY_ROWS" | "BATCH_NOT_AN_ARRAY" | "MALFORMED_JSON" | "JSON_TOO_DEEP" | "BODY_REQUIRED" | "INVALID_IDEMPOTENCY_KEY" | "VALIDATION_FAILED";
                    };
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /** @description `PARTNER_PROFILE_REQUIRED`: create the partner profile (PUT /api/partner) first. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "PARTNER_PROFILE_REQUIRED";
                    };
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is neither `text/csv` nor `application/json`. */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: the `Idempotency-Key` was used with a different batch. */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "IDEMPOTENCY_KEY_REUSED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly getInvitationBatch: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The batch id (the `id` it was accepted with). A malformed id is a 404. */
                readonly id: components["parameters"]["BatchId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The batch. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationBatch"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["BatchNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listInvitationBatchRows: {
        readonly parameters: {
            readonly query?: {
                /** @description Page size. */
                readonly limit?: components["parameters"]["Limit"];
                /**
                 * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
                 *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
                 */
                readonly continuationToken?: components["parameters"]["ContinuationToken"];
                readonly status?: components["schemas"]["InvitationBatchRowStatus"];
                readonly format?: "json" | "csv";
            };
            readonly header?: never;
            readonly path: {
                /** @description The batch id (the `id` it was accepted with). A malformed id is a 404. */
                readonly id: components["parameters"]["BatchId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description A page of rows, or with `format=csv` all of them as a file. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["InvitationBatchRowPage"];
                    readonly "text/csv": string;
                };
            };
            readonly 400: components["responses"]["InvalidQuery"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["BatchNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly showInvitationAcceptance: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The pending request. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AcceptancePending"];
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 303: components["responses"]["PortalRedirect"];
            readonly 404: components["responses"]["LinkNotFound"];
            readonly 410: components["responses"]["LinkGone"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly acceptInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/json": components["schemas"]["McaAcceptance"] | components["schemas"]["PlainAcceptance"];
                readonly "application/x-www-form-urlencoded": components["schemas"]["McaAcceptanceForm"];
            };
        };
        readonly responses: {
            readonly 303: components["responses"]["PortalRedirect"];
            /**
             * @description `VALIDATION_FAILED` (a signer field is missing or invalid, an unknown field, or the
             *     JSON body is not an object), `MALFORMED_JSON` or `JSON_TOO_DEEP`. HTML clients get the form again.
             */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "JSON_TOO_DEEP";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /**
             * @description `UNAUTHENTICATED`: no sign-in session and no bearer token, an expired session, or an
             *     invalid token. HTML clients get the page with "Sign in with Microsoft".
             */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "UNAUTHENTICATED";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /**
             * @description `SIGN_IN_TENANT_MISMATCH` (signed in to another Entra organization than the one
             *     that owns the customer's domain; the detail names the one expected),
             *     `GLOBAL_ADMIN_REQUIRED` (signed in, but not a Global Administrator),
             *     `SIGN_IN_DOMAIN_MISMATCH` (the user principal name is not in the customer's domain),
             *     `CUSTOMER_TENANT_MISMATCH` (the customer is bound to another Entra tenant) or
             *     `CSRF_TOKEN_INVALID` (the form's anti-forgery field does not match the session).
             *     HTML clients get the page saying who is signed in and who must sign in instead.
             */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "SIGN_IN_TENANT_MISMATCH" | "GLOBAL_ADMIN_REQUIRED" | "SIGN_IN_DOMAIN_MISMATCH" | "CUSTOMER_TENANT_MISMATCH" | "CSRF_TOKEN_INVALID";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 404: components["responses"]["LinkNotFound"];
            readonly 410: components["responses"]["LinkGone"];
            /** @description `PAYLOAD_TOO_LARGE`: the body exceeds 8 KiB. */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "PAYLOAD_TOO_LARGE";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /**
             * @description `UNSUPPORTED_MEDIA_TYPE`: the body is neither a form nor JSON. Checked before the
             *     link is resolved, so an unknown link with such a body also gets this 415.
             */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /**
             * @description `MCA_ACCEPTANCE_REQUIRED`: the customer has not accepted the Microsoft Customer
             *     Agreement and the request carries no signer (field `mca`). HTML clients get the
             *     form again. `CUSTOMER_TENANT_NOT_FOUND`: no Entra organization owns the customer's
             *     domain, so nobody can accept for it.
             */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MCA_ACCEPTANCE_REQUIRED" | "CUSTOMER_TENANT_NOT_FOUND";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly declineInvitation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["DeclineInput"];
                readonly "application/x-www-form-urlencoded": components["schemas"]["DeclineInput"];
            };
        };
        readonly responses: {
            /** @description Declined (JSON clients). */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        /** @constant */
                        readonly status: "declined";
                        readonly declinedAt: components["schemas"]["Timestamp"];
                        readonly reason: string;
                    };
                };
            };
            /** @description Declined (browsers); back to the link, which now says so. */
            readonly 303: {
                headers: {
                    readonly Location?: string;
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED` (no or an unknown reason, a comment too long, unknown fields), `MALFORMED_JSON` or `JSON_TOO_DEEP`. HTML clients get the page with the errors. */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "JSON_TOO_DEEP";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /** @description `UNAUTHENTICATED`: no sign-in session and no bearer token. HTML clients get the page with "Sign in with Microsoft". */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /** @description `SIGN_IN_TENANT_MISMATCH`, `GLOBAL_ADMIN_REQUIRED`, `SIGN_IN_DOMAIN_MISMATCH` or `CSRF_TOKEN_INVALID`, as for an acceptance. HTML clients get the page again. */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 404: components["responses"]["LinkNotFound"];
            /** @description `INVITATION_ALREADY_ACCEPTED`: an accepted invitation cannot be declined (the customer can remove the partner instead). */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
            readonly 410: components["responses"]["LinkGone"];
            /** @description `PAYLOAD_TOO_LARGE`: the body exceeds 8 KiB. */
            readonly 413: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: the body is neither a form nor JSON. */
            readonly 415: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly startCustomerSignIn: {
        readonly parameters: {
            readonly query?: {
                readonly account?: "other";
            };
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description To the sign-in page of the customer's tenant. */
            readonly 302: {
                headers: {
                    readonly Location?: string;
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            readonly 404: components["responses"]["LinkNotFound"];
            readonly 410: components["responses"]["LinkGone"];
            /** @description `CUSTOMER_TENANT_NOT_FOUND`: no Entra organization uses the invitation's domain. */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CUSTOMER_TENANT_NOT_FOUND";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly customerSignOut: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The token of the personalized link (87 base64url characters; it names the invitation and carries 256 random bits). Any other value, and a token its invitation does not hold, is a 404 `LINK_NOT_FOUND`. */
                readonly token: components["parameters"]["AcceptToken"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: {
            readonly content: {
                readonly "application/x-www-form-urlencoded": {
                    /** @description The session's anti-forgery token. */
                    readonly csrf?: string;
                };
            };
        };
        readonly responses: {
            /** @description Back to `GET /api/accept/{token}`. */
            readonly 303: {
                headers: {
                    readonly Location?: string;
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `CSRF_TOKEN_INVALID`: the anti-forgery field is missing or is not this session's;
             *     the session stays as it was. Browsers get the invitation page with a notice.
             */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CSRF_TOKEN_INVALID";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 404: components["responses"]["LinkNotFound"];
            readonly 410: components["responses"]["LinkGone"];
            readonly 500: components["responses"]["InternalError"];
        };
    };
    readonly completeCustomerSignIn: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Back to the invitation page, signed in. */
            readonly 303: {
                headers: {
                    readonly Location?: string;
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `SIGN_IN_EXPIRED`: no pending sign-in cookie (took longer than 10 minutes, or cookies are blocked). */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "SIGN_IN_EXPIRED";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            /** @description `SIGN_IN_FAILED`: Entra answered an error (e.g. the user cancelled) or the response did not validate. */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "SIGN_IN_FAILED";
                    };
                    readonly "text/html": components["schemas"]["HtmlPage"];
                };
            };
            readonly 404: components["responses"]["LinkNotFound"];
            readonly 410: components["responses"]["LinkGone"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listCustomers: {
        readonly parameters: {
            readonly query?: {
                /** @description Page size. */
                readonly limit?: components["parameters"]["Limit"];
                /**
                 * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
                 *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
                 */
                readonly continuationToken?: components["parameters"]["ContinuationToken"];
                /** @description 1 to 730 days; classic DAP (no end date) never matches. */
                readonly delegatedAdminEndsWithinDays?: number;
                /**
                 * @description A prefix of the company name (`cont` finds "Contoso Ltd") or of the domain
                 *     (`contoso.on` finds `contoso.onmicrosoft.com`), any case; surrounding spaces are
                 *     ignored. 1 to 100 characters.
                 */
                readonly search?: string;
                /**
                 * @description `awaitingCustomer` finds the customers who accepted on our page but whose reseller
                 *     relationship Microsoft does not hold yet; `confirmed` and `notConfirmed` as
                 *     `relationship.confirmation.state` says.
                 */
                readonly confirmation?: components["schemas"]["ResellerConfirmationState"];
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description A page of customers. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CustomerPage"];
                };
            };
            readonly 400: components["responses"]["InvalidQuery"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly getCustomer: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The customer. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Customer"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["CustomerNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly recheckResellerConfirmation: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The customer as it is after the check. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Customer"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["CustomerNotFound"];
            /** @description `MICROSOFT_NOT_CONNECTED`: the partner tenant is not connected to Microsoft (or its consent was withdrawn); `MICROSOFT_NOT_CONFIGURED`: the operator has not set up the Graph app. Nothing changed. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MICROSOFT_NOT_CONNECTED" | "MICROSOFT_NOT_CONFIGURED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            /** @description `MICROSOFT_UNAVAILABLE` (with `Retry-After`): Graph throttled (429) or failed (5xx); nothing changed. Or `SERVICE_UNAVAILABLE`. */
            readonly 503: {
                headers: {
                    readonly "Retry-After"?: number;
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MICROSOFT_UNAVAILABLE" | "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    readonly removeRelationship: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The relationship is removed. */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["CustomerNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly getDelegatedAdminAccess: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The access. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["DelegatedAdminAccess"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["CustomerNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly getSupportContact: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The support contact. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["SupportContact"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /**
             * @description `NOT_FOUND`: no such customer for this partner (or a malformed id), or the customer
             *     has no support contact (`supportContact` is `null`); `detail` tells which.
             */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "NOT_FOUND";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly putSupportContact: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["SupportContactInput"];
            };
        };
        readonly responses: {
            /** @description The support contact as stored. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["SupportContact"];
                };
            };
            readonly 400: components["responses"]["InvalidJsonBody"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["CustomerNotFound"];
            readonly 409: components["responses"]["RelationshipRemoved"];
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly deleteSupportContact: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The customer id (`customerId` of the invitation). A malformed id is a 404. */
                readonly id: components["parameters"]["CustomerId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The customer has no support contact now. */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["CustomerNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly claimCustomer: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["ClaimCustomerRequest"];
            };
        };
        readonly responses: {
            /** @description The customer is bound to the caller's tenant. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ClaimedCustomer"];
                };
            };
            /**
             * @description `VALIDATION_FAILED` (`acceptUrl` missing, empty, longer than 2048 characters, not a
             *     link or token, or an unknown field), `MALFORMED_JSON`, `JSON_TOO_DEEP` or `BODY_REQUIRED`.
             */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "VALIDATION_FAILED" | "MALFORMED_JSON" | "JSON_TOO_DEEP" | "BODY_REQUIRED";
                    };
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            /**
             * @description `CUSTOMER_ADMIN_REQUIRED`: the token has neither the app role `CustomerAdmin` nor the
             *     Global Administrator directory role (`wids`). `SIGN_IN_TENANT_MISMATCH`: the token's
             *     tenant (`tid`) is not the Entra organization that owns the customer's domain (the
             *     detail names the one expected). `CLAIM_DOMAIN_MISMATCH`: the admin's user principal
             *     name (`upn`; `preferred_username` never counts) is not in the customer's domain; in
             *     Entra a member's UPN suffix is always a domain its tenant has verified.
             */
            readonly 403: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CUSTOMER_ADMIN_REQUIRED" | "SIGN_IN_TENANT_MISMATCH" | "CLAIM_DOMAIN_MISMATCH";
                    };
                };
            };
            /** @description `LINK_NOT_FOUND`: the link is unknown or malformed. */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "LINK_NOT_FOUND";
                    };
                };
            };
            /**
             * @description `INVITATION_NOT_ACCEPTED`: the invitation has not been accepted (or was revoked or
             *     expired), or its acceptance is still being processed (retry shortly).
             *     `CUSTOMER_ALREADY_CLAIMED`: the customer is bound to another tenant.
             *     `TENANT_ALREADY_CLAIMED`: the caller's tenant is bound to another customer.
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "INVITATION_NOT_ACCEPTED" | "CUSTOMER_ALREADY_CLAIMED" | "TENANT_ALREADY_CLAIMED";
                    };
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listCustomerPartners: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The customer's partners. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CustomerPartnerList"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["CustomerAdminRequired"];
            readonly 404: components["responses"]["CustomerNotClaimed"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly restoreDelegatedAdmin: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /**
                 * @description The partner's tenant id (`partnerTenantId` of a `CustomerPartner`), a GUID in any case.
                 *     A malformed id is a 404 like a partner without a relationship with the customer.
                 */
                readonly partnerTenantId: components["parameters"]["PartnerTenantId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The partner, with its delegated admin privileges now, and `microsoft`. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CustomerPartner"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["CustomerAdminRequired"];
            readonly 404: components["responses"]["CustomerPartnerNotFound"];
            /**
             * @description `RELATIONSHIP_REMOVED`: the reseller relationship with this partner has been
             *     removed. `DAP_NOT_REQUESTED`: the partner never had delegated admin privileges for
             *     this customer; it can request them with an invitation. `MICROSOFT_NOT_CONNECTED`,
             *     `MICROSOFT_NOT_CONFIGURED`: the partner's tenant is not connected to Microsoft, so no
             *     request can be made for it; ask the partner. `GDAP_DISPLAY_NAME_TAKEN`: Graph holds a
             *     relationship of the name this request's would get; send it again. Nothing changed.
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "RELATIONSHIP_REMOVED" | "DAP_NOT_REQUESTED" | "MICROSOFT_NOT_CONNECTED" | "MICROSOFT_NOT_CONFIGURED" | "GDAP_DISPLAY_NAME_TAKEN";
                    };
                };
            };
            /** @description `GDAP_REJECTED_BY_MICROSOFT`: Microsoft Graph refused the request as made, with its message; nothing changed. */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "GDAP_REJECTED_BY_MICROSOFT";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            /** @description `MICROSOFT_UNAVAILABLE` (with `Retry-After`): Graph throttled (429) or failed (5xx); nothing changed. Or `SERVICE_UNAVAILABLE`. */
            readonly 503: {
                headers: {
                    readonly "Retry-After"?: number;
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "MICROSOFT_UNAVAILABLE" | "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    readonly removeDelegatedAdmin: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /**
                 * @description The partner's tenant id (`partnerTenantId` of a `CustomerPartner`), a GUID in any case.
                 *     A malformed id is a 404 like a partner without a relationship with the customer.
                 */
                readonly partnerTenantId: components["parameters"]["PartnerTenantId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The partner, with its delegated admin privileges now, and `microsoft`. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CustomerPartner"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["CustomerAdminRequired"];
            readonly 404: components["responses"]["CustomerPartnerNotFound"];
            readonly 409: components["responses"]["RelationshipRemoved"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listAuditEvents: {
        readonly parameters: {
            readonly query?: {
                /**
                 * @description Only events at or after this instant. ISO 8601 date-time with seconds and `Z` or
                 *     an offset (`2026-11-01T00:00:00Z`, `2026-11-01T01:00:00+01:00`); must be before `to`.
                 */
                readonly from?: string;
                /** @description Only events before this instant; same format as `from`. */
                readonly to?: string;
                /** @description Page size. */
                readonly limit?: components["parameters"]["Limit"];
                /**
                 * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
                 *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
                 */
                readonly continuationToken?: components["parameters"]["ContinuationToken"];
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description A page of audit events. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /**
             * @description `VALIDATION_FAILED` (`from` or `to` not an ISO 8601 date-time with an offset,
             *     `from` not before `to` (field `from`), `limit` out of range, or an unknown query
             *     parameter) or `INVALID_CONTINUATION_TOKEN`.
             */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "VALIDATION_FAILED" | "INVALID_CONTINUATION_TOKEN";
                    };
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listWebhooks: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The webhooks. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookList"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly createWebhook: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["CreateWebhookRequest"];
            };
        };
        readonly responses: {
            /** @description Registered; the body carries the secret, this once. */
            readonly 201: {
                headers: {
                    readonly Location: components["headers"]["WebhookLocation"];
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            readonly 400: components["responses"]["InvalidJsonBody"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /** @description `WEBHOOK_LIMIT_REACHED`: the partner has 10 webhooks; delete one first. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "WEBHOOK_LIMIT_REACHED";
                    };
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 415: components["responses"]["UnsupportedMediaType"];
            /** @description `WEBHOOK_URL_NOT_ALLOWED`: the URL is not a public https URL (field `url`). */
            readonly 422: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "WEBHOOK_URL_NOT_ALLOWED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly getWebhook: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The webhook. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Webhook"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["WebhookNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly deleteWebhook: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Deleted. */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["WebhookNotFound"];
            /** @description `CONCURRENT_UPDATE` (with `Retry-After`): the webhook kept changing under concurrent requests; retry. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CONCURRENT_UPDATE";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly rotateWebhookSecret: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The webhook with its new secret. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["WebhookNotFound"];
            /** @description `CONCURRENT_UPDATE` (with `Retry-After`): the webhook kept changing under concurrent requests; retry. */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "CONCURRENT_UPDATE";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly listWebhookDeliveries: {
        readonly parameters: {
            readonly query?: {
                /** @description Page size. */
                readonly limit?: components["parameters"]["Limit"];
                /**
                 * @description The `continuationToken` of the previous page, as given (opaque). A token that was not
                 *     issued by this API is a 400 `INVALID_CONTINUATION_TOKEN`.
                 */
                readonly continuationToken?: components["parameters"]["ContinuationToken"];
            };
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description A page of deliveries. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            readonly 400: components["responses"]["InvalidQuery"];
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["WebhookNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly pingWebhook: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The delivery, queued. */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            readonly 404: components["responses"]["WebhookNotFound"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly redeliverWebhookDelivery: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The webhook id (a UUID, the `id` it was created with). A malformed id is a 404. */
                readonly id: components["parameters"]["WebhookId"];
                /** @description The delivery's `id` (as listed in the webhook's deliveries). A malformed one is a 404. */
                readonly deliveryId: string;
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The new delivery, queued. */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            readonly 401: components["responses"]["Unauthenticated"];
            readonly 403: components["responses"]["RoleRequired"];
            /** @description `NOT_FOUND`: no such webhook or delivery for this partner, or a malformed id. */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "NOT_FOUND";
                    };
                };
            };
            /** @description `DELIVERY_NOT_FAILED`: the delivery is pending or succeeded. `DELIVERY_ALREADY_REDELIVERED`: it was redelivered before (`detail` names that delivery). */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "DELIVERY_NOT_FAILED" | "DELIVERY_ALREADY_REDELIVERED";
                    };
                };
            };
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly emailEvents: {
        readonly parameters: {
            readonly query?: never;
            readonly header: {
                /** @description Base64 DER ECDSA signature (SHA-256) of the timestamp followed by the body. */
                readonly "X-Twilio-Email-Event-Webhook-Signature": string;
                /** @description Unix seconds when SendGrid signed the request. */
                readonly "X-Twilio-Email-Event-Webhook-Timestamp": string;
            };
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": readonly {
                    readonly event: string;
                    readonly sg_event_id: string;
                    readonly timestamp: number;
                    readonly email?: string;
                    readonly reason?: string;
                    readonly invitationId?: string;
                    readonly partnerTenantId?: string;
                    readonly dispatchId?: string;
                }[];
            };
        };
        readonly responses: {
            /** @description Verified; how many events changed an invitation and how many were ignored. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly recorded: number;
                        readonly ignored: number;
                    };
                };
            };
            /**
             * @description Signed, but not a JSON array of events: `MALFORMED_JSON`, `JSON_TOO_DEEP`, `BODY_REQUIRED` or
             *     `VALIDATION_FAILED`.
             */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description `SIGNATURE_INVALID` (missing, malformed or not matching the configured key) or
             *     `SIGNATURE_EXPIRED` (the signed timestamp is more than 600 seconds from now).
             *     Nothing is recorded.
             */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "SIGNATURE_INVALID" | "SIGNATURE_EXPIRED";
                    };
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 500: components["responses"]["InternalError"];
            /**
             * @description `EMAIL_EVENTS_NOT_CONFIGURED`: no `SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY` is set; or
             *     `SERVICE_UNAVAILABLE`: Cosmos DB or the queues did not answer (SendGrid retries).
             */
            readonly 503: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readonly receivePartnerCenterEvent: {
        readonly parameters: {
            readonly query?: never;
            readonly header: {
                /** @description `Signature <base64 RSA-SHA256 over the body>`. */
                readonly Authorization: string;
                /** @description https URL of the signing certificate on Partner Center's host. */
                readonly "x-ms-certificate-url": string;
            };
            readonly path: {
                /**
                 * @description The partner's tenant id (`partnerTenantId` of a `CustomerPartner`), a GUID in any case.
                 *     A malformed id is a 404 like a partner without a relationship with the customer.
                 */
                readonly partnerTenantId: components["parameters"]["PartnerTenantId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": {
                    readonly EventName: string;
                    readonly ResourceUri: string;
                    readonly ResourceName?: string;
                    readonly AuditUri?: string | null;
                    readonly ResourceChangeUtcDate?: string;
                };
            };
        };
        readonly responses: {
            /** @description Verified and handled. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        /** @enum {string} */
                        readonly outcome: "recheck-queued" | "untracked-relationship" | "reseller-relationship" | "ignored";
                    };
                };
            };
            /** @description Signed, but not an event (`MALFORMED_JSON`, `JSON_TOO_DEEP`, `BODY_REQUIRED`, `VALIDATION_FAILED`). */
            readonly 400: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /**
             * @description `PARTNER_CENTER_SIGNATURE_INVALID`: no signature, a certificate URL that is not https
             *     on Partner Center's host, a certificate that could not be fetched or is outside its
             *     validity, or a signature that does not verify over the body. Nothing changes; the
             *     refusal is logged as information (`partnerCenter.event.refused`) with the tenant id only.
             */
            readonly 401: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {unknown} */
                        readonly code?: "PARTNER_CENTER_SIGNATURE_INVALID";
                    };
                };
            };
            /** @description `NOT_FOUND`: the path does not name a tenant id (GUID). */
            readonly 404: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/problem+json": components["schemas"]["Problem"];
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 500: components["responses"]["InternalError"];
            readonly 503: components["responses"]["ServiceUnavailable"];
        };
    };
    readonly openApiDocument: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The OpenAPI 3.1 document. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/yaml": string;
                };
            };
            /** @description The document could not be read (a broken deployment); no body. */
            readonly 500: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readonly health: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Both stores answer. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["HealthReport"];
                };
            };
            readonly 500: components["responses"]["InternalError"];
            /** @description At least one store is unreachable (`status` is `degraded`). */
            readonly 503: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["HealthReport"];
                };
            };
        };
    };
}

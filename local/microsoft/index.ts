/**
 * The Microsoft stand-in: Entra ID's app-only sign-in, Microsoft Graph's GDAP endpoints, the
 * Microsoft 365 admin center's approval page and Partner Center's signed events, on loopback.
 * The app never imports this; `local/localStack.ts` and tests start it. See README.md here.
 */
export {
  LOCAL_GRAPH_APP_CLIENT_ID,
  LOCAL_MANAGED_IDENTITY_ID,
  startMicrosoftStandIn,
  type MicrosoftStandIn,
  type MicrosoftStandInOptions,
} from './microsoftStandIn';
export { signedEventHeaders, type PartnerCenterEvent } from './partnerCenterEvents';
export { createLocalCertificate, type LocalCertificate } from './certificates';
export type { GraphFault, ConsentState } from './graphState';

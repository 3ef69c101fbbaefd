/** The console's screens, each at its own URL. */
export const PATHS = {
  welcome: '/welcome',
  customers: '/customers',
  request: '/customers/request',
  invitations: '/invitations',
  review: (id: string) => `/invitations/${encodeURIComponent(id)}/review`,
  admin: '/admin',
  batches: '/invitations/batches',
  batch: (id: string) => `/invitations/batches/${encodeURIComponent(id)}`,
} as const;

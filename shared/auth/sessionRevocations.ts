import { DocumentConflictError, type DocumentStore } from '../store/documentStore';
import { partitionKeys, type SessionRevocationDocument } from '../store/documents';

/**
 * Server-side sign-out for the sealed session cookies: a cookie carries its session id, and a
 * revoked id is refused until the session would have ended anyway. The record's expiry is
 * checked on every read, so correctness does not depend on Cosmos TTL (which the local server
 * lacks).
 */
export class SessionRevocations {
  constructor(
    private readonly store: DocumentStore,
    private readonly now: () => Date,
  ) {}

  /** Ends session `sessionId` for good; revoking twice is the same as once. */
  async revoke(sessionId: string, expiresAt: Date): Promise<void> {
    const document: SessionRevocationDocument = {
      id: 'revoked',
      pk: partitionKeys.customerSession(sessionId),
      type: 'sessionRevocation',
      revokedAt: this.now().toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    try {
      await this.store.create(document);
    } catch (error) {
      if (!(error instanceof DocumentConflictError)) {
        throw error;
      }
    }
  }

  /** Whether `sessionId` was signed out and its record still counts (one point read). */
  async isRevoked(sessionId: string): Promise<boolean> {
    const record = await this.store.read<SessionRevocationDocument>(
      partitionKeys.customerSession(sessionId),
      'revoked',
    );
    return record !== undefined && new Date(record.expiresAt) > this.now();
  }
}

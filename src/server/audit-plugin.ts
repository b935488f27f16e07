import type { ApolloServerPlugin } from '@apollo/server';
import type { AppContext } from '../kernel/context.ts';
import type { AuditAppender } from '../modules/audit/audit-log.ts';
import { RequestAudit } from '../modules/audit/request-audit.ts';

/**
 * Every signed-in request appends its audit entry before its response is sent: who asked, the
 * operation, its redacted variables, the outcome and error codes, every record released with its
 * fields and agreements, every write. A request refused before it ran (too complex, rate-limited,
 * invalid) is recorded too. If the entry cannot be stored the request fails: nothing leaves the
 * hub unrecorded. Over HTTP the answer is serialised while the entry is stored, and written after.
 */
export function auditPlugin(appender: AuditAppender): ApolloServerPlugin<AppContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, request, operation, operationName, response }) {
          const audit = contextValue.audit;
          const viewer = contextValue.viewer;
          if (!(audit instanceof RequestAudit) || !viewer) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errorCodes = (result?.errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const entry = audit.entry({
            requestId: contextValue.requestId,
            caller: viewer.caller,
            access: viewer.access,
            operationName: operation?.name?.value ?? operationName ?? request.operationName ?? null,
            operationType: operation?.operation ?? null,
            query: request.query,
            variables: request.variables,
            errorCodes,
            hasData: result?.data !== undefined && result.data !== null,
          });
          const recorded = appender.append(entry);
          if (contextValue.holdResponseUntilRecorded) contextValue.holdResponseUntilRecorded(recorded);
          else await recorded;
        },
      };
    },
  };
}

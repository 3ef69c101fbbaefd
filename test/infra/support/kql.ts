/* eslint-disable @typescript-eslint/no-require-imports -- the Kusto bridge defines globals */
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface KustoDiagnostic {
  readonly Severity: string;
  readonly Code: string;
  readonly Message: string;
  readonly Start: number;
}

/** The part of Microsoft's Kusto.Language (its JavaScript build) these tests use. */
const { Kusto, Bridge } = globalThis as unknown as {
  Kusto: {
    Language: {
      KustoCode: { Parse(text: string): { GetSyntaxDiagnostics(): unknown } };
    };
  };
  Bridge: { toArray<T>(list: unknown): T[] };
};

/**
 * The syntax errors Kusto's own parser (Kusto.Language, the parser of Azure Data Explorer and
 * Log Analytics) finds in `query`, as `code message at offset`. Syntax only: without the tables'
 * schema it cannot tell an unknown table or column.
 */
export function kqlSyntaxErrors(query: string): string[] {
  const diagnostics = Bridge.toArray<KustoDiagnostic>(
    Kusto.Language.KustoCode.Parse(query).GetSyntaxDiagnostics(),
  );
  return diagnostics
    .filter((diagnostic) => diagnostic.Severity === 'Error')
    .map((diagnostic) => `${diagnostic.Code} ${diagnostic.Message} at ${diagnostic.Start}`);
}

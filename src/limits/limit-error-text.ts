import type { GraphQLFormattedError } from "graphql";

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The last touch on error text a client reads, wrapped around the error formatter:
 * - graphql's token-limit message ("Syntax Error: Document contains more that 2000 tokens. Parsing aborted.")
 *   is restated like the other limits, naming MAX_TOKENS; the code stays GRAPHQL_PARSE_FAILED.
 * - in production, graphql's hints such as `Did you mean "email"?` are dropped: with introspection off they
 *   would still let a caller map the schema field by field. graphql 16 has no switch for them (17 has).
 */
export function withLimitErrorText(format: FormatError, options: { production: boolean; maxTokens: number }): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    let message = tokenLimitText(result.message, options.maxTokens);
    if (options.production) message = withoutSuggestions(message);
    return message === result.message ? result : { ...result, message };
  };
}

function tokenLimitText(message: string, maxTokens: number): string {
  return /^Syntax Error: Document contains more th[ae]t? \d+ tokens/.test(message)
    ? `Query has more than ${maxTokens} tokens; the limit is ${maxTokens} (MAX_TOKENS)`
    : message;
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [\s\S]*\?$/, "");
}

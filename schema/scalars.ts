import { DateTimeResolver, JSONResolver } from "graphql-scalars";

/** ISO-8601 with offset, e.g. 2024-11-02T14:22:00Z (vendor times without a zone are read as UTC). */
export const DateTime = DateTimeResolver;
export const JSONScalar = JSONResolver;

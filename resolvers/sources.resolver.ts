import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { SourceInfo } from "../schema/source-info.type.js";
import type { SourceEnum } from "../schema/source.enum.js";
import type { GraphContext } from "../src/context.js";

@Resolver(() => SourceInfo)
export class SourcesResolver {
  @Authorized("customers:read")
  @Query(() => [SourceInfo], { description: "The configured vendor systems, in Source enum order." })
  async sources(@Ctx() ctx: GraphContext): Promise<SourceInfo[]> {
    const quotas = await Promise.all([...ctx.sources.values()].map((s) => ctx.budget.quotas.reading(s.name)));
    return [...ctx.sources.values()].map((s, i) => ({
      source: s.name as SourceEnum,
      pagination: s.paging.model,
      writable: s.writes !== undefined,
      healthy: s.healthy(),
      capabilities: {
        exactFilters: [...s.exactFilters],
        editableFields: [...(s.writes?.editableFields ?? [])],
        upsert: s.writes?.upsert !== undefined,
        discontinue: s.writes?.discontinue !== undefined,
      },
      quota: quotas[i] ?? null,
    }));
  }
}

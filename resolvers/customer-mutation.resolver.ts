import { validate } from "class-validator";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { EditCustomerInput } from "../schema/inputs/edit-customer.input.js";
import { UpsertCustomerInput } from "../schema/inputs/upsert-customer.input.js";
import { CustomerPayload, type UserError } from "../schema/payloads.js";
import { UserErrorCode } from "../schema/user-error-code.enum.js";
import type { GraphContext } from "../src/context.js";
import type { CustomerPatch, CustomerRecord, CustomerUpsert } from "../src/model.js";
import type { Source } from "../src/sources/source.js";
import { refusalUserError, validationUserErrors } from "./user-errors.js";
import { validatedInResolver } from "./validate-args.js";

const PATCH_FIELDS = ["name", "website", "address", "email", "phone", "customFields"] as const;

/**
 * Writes. Every input is validated (class-validator) and checked against what the vendor can write before any
 * vendor call; a refusal is a UserError in the payload, never a half-done write. After a write the request's
 * loaders hold the vendor's answer, so nothing stale is served.
 */
@Resolver()
export class CustomerMutationResolver {
  @Authorized("customers:write")
  @Mutation(() => CustomerPayload, { description: "Change an existing customer (RPM, WMS). Only the fields given change." })
  async editCustomer(
    @Arg("input", () => EditCustomerInput, { validateFn: validatedInResolver }) input: EditCustomerInput,
    @Ctx() ctx: GraphContext,
  ): Promise<CustomerPayload> {
    const invalid = validationUserErrors(await validate(input), ["input"]);
    if (invalid.length > 0) return refused(invalid);
    const target = resolveCustomer(input.id, ["input", "id"], ctx);
    if ("userError" in target) return refused([target.userError]);
    const { source, id } = target;
    if (!source.writes) return refused([readOnly(source, ["input", "id"], "offers no customer edits")]);
    const patch: CustomerPatch = {};
    for (const field of PATCH_FIELDS) {
      const value = input[field];
      if (value === undefined || value === null) continue;
      if (!source.writes.editableFields.has(field)) {
        return refused([readOnly(source, ["input", field], `cannot change ${field}`)]);
      }
      (patch as Record<string, unknown>)[field] =
        field === "customFields" ? input.customFields!.map((f) => ({ name: f.name, value: f.value ?? null })) : value;
    }
    if (Object.keys(patch).length === 0) {
      return refused([{ field: ["input"], message: "give at least one field to change", code: UserErrorCode.INVALID }]);
    }
    const writes = source.writes;
    return write(ctx, () => writes.edit(id, patch, ctx.meter));
  }

  @Authorized("customers:write")
  @Mutation(() => CustomerPayload, { description: "Create or update a WMS customer keyed by its shortID; `created` tells which." })
  async upsertCustomer(
    @Arg("input", () => UpsertCustomerInput, { validateFn: validatedInResolver }) input: UpsertCustomerInput,
    @Ctx() ctx: GraphContext,
  ): Promise<CustomerPayload> {
    const invalid = validationUserErrors(await validate(input), ["input"]);
    if (invalid.length > 0) return refused(invalid);
    const source = ctx.sources.get(input.source);
    if (!source) {
      return refused([{ field: ["input", "source"], message: `source ${input.source} is not configured`, code: UserErrorCode.INVALID }]);
    }
    const upsert = source.writes?.upsert?.bind(source.writes);
    if (!upsert) return refused([readOnly(source, ["input", "source"], "offers no upsert")]);
    const record: CustomerUpsert = { shortId: input.shortId };
    for (const key of ["name", "address1", "address2", "city", "state", "zip", "country", "phone", "fax", "email", "contact"] as const) {
      const value = input[key];
      if (value !== undefined && value !== null) record[key] = value;
    }
    return write(ctx, async () => upsert(record, ctx.meter));
  }

  @Authorized("customers:write")
  @Mutation(() => CustomerPayload, {
    description: "Mark a customer discontinued (WMS). It then reads active: false and is still found by id; repeating it is not an error.",
  })
  async discontinueCustomer(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphContext): Promise<CustomerPayload> {
    const target = resolveCustomer(id, ["id"], ctx);
    if ("userError" in target) return refused([target.userError]);
    const discontinue = target.source.writes?.discontinue?.bind(target.source.writes);
    if (!discontinue) return refused([readOnly(target.source, ["id"], "offers no discontinue")]);
    return write(ctx, () => discontinue(target.id, ctx.meter));
  }
}

function resolveCustomer(id: string, field: string[], ctx: GraphContext): { source: Source; id: string } | { userError: UserError } {
  const ref = ctx.ids.decode(id);
  if (!ref || ref.type !== "Customer") {
    return { userError: { field, message: `${field.at(-1)} is not a customer id issued by this graph`, code: UserErrorCode.INVALID } };
  }
  const source = ctx.sources.get(ref.source);
  if (!source) return { userError: { field, message: `source ${ref.source} is not configured`, code: UserErrorCode.NOT_FOUND } };
  if (!source.acceptsKey(ref.customerId)) {
    return { userError: { field, message: `${source.name} has no such customer`, code: UserErrorCode.NOT_FOUND } };
  }
  return { source, id: ref.customerId };
}

function readOnly(source: Source, field: string[], what: string): UserError {
  return { field, message: `${source.name} ${what}`, code: UserErrorCode.READ_ONLY_SOURCE };
}

function refused(userErrors: UserError[]): CustomerPayload {
  return { customer: null, userErrors, created: null };
}

async function write(
  ctx: GraphContext,
  call: () => Promise<CustomerRecord | { record: CustomerRecord; created: boolean }>,
): Promise<CustomerPayload> {
  try {
    const answer = await call();
    const record = "record" in answer ? answer.record : answer;
    ctx.loaders.replace(record);
    return { customer: record, userErrors: [], created: "created" in answer ? answer.created : null };
  } catch (err) {
    const userError = refusalUserError(err);
    if (userError) return refused([userError]);
    throw err;
  }
}

import type { Faker } from "@faker-js/faker";
import { seededFaker } from "../seeded-faker.js";
import {
  EXAMPLE_CUSTOMER,
  FIRST_CREATED_MS,
  LAST_CREATED_MS,
  companyName,
  makeCustomer,
  makePools,
  pick,
  uuid,
  type ConnectCustomer,
  type Pools,
} from "./records.js";

/**
 * The fields every customer needs from the start: the list is ordered by creation and searched by name, so
 * these exist for all customers at once; the rest of a record is made when read (see `detailOf`). Parallel
 * arrays by seed index rather than an object per customer: at 100,000 customers the objects' garbage
 * collection costs more than making them.
 */
interface Heads {
  readonly count: number;
  readonly customerIds: string[];
  readonly names: string[];
  /** 1 for BUSINESS, 0 for CONSUMER. */
  readonly business: Uint8Array;
  readonly createdAtMs: Float64Array;
}

const VENDOR_SALT = 4;
/**
 * Details are made per block of customers from a faker seeded by (seed, block): reseeding faker costs several
 * records' worth, so seeding it per customer would make a full walk several times slower, while a small block
 * keeps a single-customer read cheap (a block of 16 takes under half a millisecond).
 */
const DETAIL_BLOCK = 16;
/**
 * Connect is read-only here, so a made record never needs keeping for its own sake: a small cache spares
 * re-making the records just read (a page and then its customers one by one). Keeping every record instead
 * costs ~230 MB and, through garbage collection, more time than making them again.
 */
const CACHED_BLOCKS = 64;

/**
 * Connect's customers for one seed and size, in creation order (createdAt ascending, ties by customerId).
 * Heads for all customers are made up front (100,000 in well under a second); full records are made when
 * read, the same every time, and the recently read ones kept.
 */
export class ConnectCustomerStore {
  private readonly heads: Heads;
  /** The seed index at each position of the creation order (the vendor's natural order and the list's). */
  private readonly ordered: Int32Array;
  private readonly positionById = new Map<string, number>();
  /** Lower-cased names by position, made on the first search. */
  private namesLower: string[] | null = null;
  private readonly detailFaker: Faker;
  /** Made records by block, least recently read first. */
  private readonly blocks = new Map<number, ConnectCustomer[]>();
  private readonly pools: Pools;

  constructor(
    count: number,
    private readonly seed: number,
  ) {
    const f = seededFaker(seed, VENDOR_SALT);
    this.pools = makePools(f);
    this.detailFaker = seededFaker(seed, VENDOR_SALT + 1);
    this.heads = makeHeads(f, this.pools, Math.max(0, Math.floor(count)));
    this.ordered = creationOrder(this.heads);
    this.ordered.forEach((seedIndex, position) => this.positionById.set(this.heads.customerIds[seedIndex], position));
  }

  get size(): number {
    return this.ordered.length;
  }

  /** The customer at a position of the creation order. */
  at(position: number): ConnectCustomer {
    return this.detailOf(this.ordered[position]);
  }

  find(customerId: string): ConnectCustomer | null {
    const position = this.positionById.get(customerId);
    return position === undefined ? null : this.at(position);
  }

  /** Whether the name at a position contains `needleLower` (already lower-cased). */
  nameContains(position: number, needleLower: string): boolean {
    this.namesLower ??= Array.from(this.ordered, (seedIndex) => this.heads.names[seedIndex].toLowerCase());
    return this.namesLower[position].includes(needleLower);
  }

  private detailOf(seedIndex: number): ConnectCustomer {
    if (seedIndex === 0) return EXAMPLE_CUSTOMER;
    const block = Math.floor(seedIndex / DETAIL_BLOCK);
    let records = this.blocks.get(block);
    if (records) {
      // Most recently used last, so that eviction drops the block read longest ago.
      this.blocks.delete(block);
    } else {
      this.detailFaker.seed([this.seed, VENDOR_SALT, block]);
      records = [];
      const end = Math.min(this.heads.count, (block + 1) * DETAIL_BLOCK);
      // The whole block is made in order, so a record never depends on which one was read first.
      for (let i = block * DETAIL_BLOCK; i < end; i++) {
        records.push(
          makeCustomer(this.detailFaker, this.pools, {
            customerId: this.heads.customerIds[i],
            name: this.heads.names[i],
            business: this.heads.business[i] === 1,
            createdAtMs: this.heads.createdAtMs[i],
          }),
        );
      }
      if (this.blocks.size >= CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    }
    this.blocks.set(block, records);
    return records[seedIndex % DETAIL_BLOCK];
  }
}

/**
 * Heads are made with createdAt never decreasing, so creation order differs from the making order only inside
 * runs of equal createdAt, which are sorted by customerId: linear time instead of a full sort of 100,000.
 */
function creationOrder(heads: Heads): Int32Array {
  const ordered = Int32Array.from({ length: heads.count }, (_, i) => i);
  for (let start = 0; start < heads.count; ) {
    let end = start + 1;
    while (end < heads.count && heads.createdAtMs[end] === heads.createdAtMs[start]) end++;
    if (end - start > 1) {
      ordered.subarray(start, end).sort((a, b) => (heads.customerIds[a] < heads.customerIds[b] ? -1 : 1));
    }
    start = end;
  }
  return ordered;
}

function makeHeads(f: Faker, pools: Pools, count: number): Heads {
  const heads: Heads = {
    count,
    customerIds: new Array<string>(count),
    names: new Array<string>(count),
    business: new Uint8Array(count),
    createdAtMs: new Float64Array(count),
  };
  if (count === 0) return heads;
  heads.customerIds[0] = EXAMPLE_CUSTOMER.customerId;
  heads.names[0] = EXAMPLE_CUSTOMER.name;
  heads.createdAtMs[0] = FIRST_CREATED_MS;
  // Steps of at most span/count keep every creation inside the span, whatever the size.
  const maxStepSec = Math.max(1, Math.floor((LAST_CREATED_MS - FIRST_CREATED_MS) / 1000 / count));
  let createdAtMs = FIRST_CREATED_MS;
  for (let i = 1; i < count; i++) {
    const business = f.number.float() < 0.4;
    heads.business[i] = business ? 1 : 0;
    heads.names[i] = business ? companyName(f, pools) : `${pick(f, pools.firstNames)} ${pick(f, pools.lastNames)}`;
    // About one in fifty is created in the same second as the one before, so the customerId tie-break is used.
    const tie = i > 1 && f.number.float() < 0.02;
    createdAtMs += tie ? 0 : 1000 * f.number.int({ min: 1, max: maxStepSec });
    heads.createdAtMs[i] = createdAtMs;
    heads.customerIds[i] = uuid(f);
  }
  return heads;
}

import { Faker, en } from "@faker-js/faker";

/** A faker of its own per simulator, seeded, so that the same seed and size always give the same records. */
export function seededFaker(seed: number, vendorSalt: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed * 1_000 + vendorSalt);
  // faker's dates are relative to "now" unless pinned, which would make every run's records differ.
  faker.setDefaultRefDate(new Date("2025-06-01T00:00:00Z"));
  return faker;
}
